"""The assistant inside a case, through the services, on every backend: it proposes, the judge settles, the draft
follows what the judge settled."""

import io
from datetime import date

import docx
import pytest
from sqlalchemy import func, select

from omnicourt.assistant import service
from omnicourt.assistant.loans.draft import draft_sections
from omnicourt.assistant.models import CaseElement, DisputePoint
from omnicourt.audit import service as audit
from omnicourt.audit.anchors import AnchorStore
from omnicourt.audit.models import AuditRecord
from omnicourt.cases.models import Case, TimelineEvent
from omnicourt.dossier.service import Upload
from omnicourt.errors import Conflict, Forbidden, InvalidInput, NotFound
from tests.assistant.samples import COMPLAINT, CONTRACT, DEFENCE, LEDGER, loan_case, staff

TODAY = date(2024, 7, 20)


def analyse(db, settings, case, actor=None):
    with db.transaction() as session:
        return service.analyse_case(session, settings, actor=actor or case.judge, case_id=case.id)


def element(db, case, field) -> CaseElement:
    with db.reading() as session:
        return session.scalar(select(CaseElement).where(CaseElement.case_id == case.id, CaseElement.field == field))


def settle_everything(db, case) -> None:
    """What a judge does before drafting: add the borrower the assistant missed, confirm the rest."""
    with db.transaction() as session:
        service.correct_element(session, actor=case.judge, case_id=case.id, field="borrower.1.name", value="李四",
                                reason="起诉状、借款合同均载明借款人为李四")
    with db.reading() as session:
        proposed = session.scalars(select(CaseElement.field).where(CaseElement.case_id == case.id,
                                                                   CaseElement.status == "proposed")).all()
    for field in proposed:
        with db.transaction() as session:
            service.confirm_element(session, actor=case.judge, case_id=case.id, field=field)


def decide(db, case, code, decision, reason="经审查。"):
    with db.transaction() as session:
        return service.decide_point(session, actor=case.judge, case_id=case.id, code=code, decision=decision,
                                    reason=reason)


def operative(db, case) -> str:
    with db.reading() as session:
        sections = draft_sections(service.build_draft_case(session, session.get(Case, case.id), today=TODAY))
    return "\n".join(next(s for s in sections if s.key == "operative").paragraphs)


def docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def count(db, model, *where) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def test_analysis_proposes_each_element_beside_its_source(db, settings):
    case = loan_case(db, settings)
    run = analyse(db, settings, case)
    principal = element(db, case, "loan.principal")
    assert (principal.value, principal.status, principal.document) == ("100000.00", "proposed", "借款合同.txt")
    assert CONTRACT[principal.start:principal.end] == principal.quote == "100,000.00元"
    cutoff = element(db, case, "claim.cutoff")
    assert (cutoff.value, cutoff.document) == ("2024-06-30", "起诉状.txt")
    assert COMPLAINT[cutoff.start:cutoff.end] == cutoff.quote
    assert element(db, case, "borrower.1.name") is None  # the extraction missed the borrower: the judge adds it
    assert [d["name"] for d in run.documents] == ["起诉状.txt", "借款合同.txt"]
    with db.reading() as session:
        event = session.scalar(select(TimelineEvent).where(TimelineEvent.case_id == case.id,
                                                           TimelineEvent.kind == "assistant_analysed"))
        assert event.public is False  # parties never see the assistant
        assert audit.verify(session, AnchorStore.from_settings(settings)).ok
        view = service.view(session, actor=case.judge, case_id=case.id)
    assert view.amounts.principal == 100000 and view.amounts.cutoff == date(2024, 6, 30)
    assert any("借款人1" in reason for reason in view.blockers)


def test_correction_keeps_the_assistants_value_beside_the_judges_and_is_audited(db, settings):
    case = loan_case(db, settings)
    analyse(db, settings, case)
    with db.transaction() as session:
        service.correct_element(session, actor=case.judge, case_id=case.id, field="loan.rate", value="年利率5.5%",
                                reason="以补充协议为准")
        service.confirm_element(session, actor=case.judge, case_id=case.id, field="lender.name")
    rate = element(db, case, "loan.rate")
    assert (rate.value, rate.proposed_value, rate.status) == ("年利率5.5%", "年利率6.12%", "corrected")
    assert rate.decided_by == case.judge.id and rate.decided_at is not None
    assert element(db, case, "lender.name").status == "confirmed"
    with db.reading() as session:
        record = session.scalar(select(AuditRecord).where(AuditRecord.action == "assistant.correct_element")
                                .order_by(AuditRecord.id.desc()).limit(1))
        assert record.details["before"] == "年利率6.12%" and record.details["after"] == "年利率5.5%"
        assert record.details["reason"] == "以补充协议为准"
        summaries = session.scalars(select(TimelineEvent.summary).where(TimelineEvent.case_id == case.id,
                                                                        TimelineEvent.kind == "element_corrected"))
        assert any("年利率6.12% → 年利率5.5%" in s for s in summaries)


def test_correction_is_typed_by_the_field(db, settings):
    case = loan_case(db, settings)
    analyse(db, settings, case)
    with db.transaction() as session:
        service.correct_element(session, actor=case.judge, case_id=case.id, field="claim.penalty", value="2,400元")
        service.correct_element(session, actor=case.judge, case_id=case.id, field="loan.term_end",
                                value="2024年3月15日")
        service.correct_element(session, actor=case.judge, case_id=case.id, field="loan.penalty_uplift", value="30%")
        service.correct_element(session, actor=case.judge, case_id=case.id, field="guarantor.1.kind",
                                value="一般保证")
    assert element(db, case, "claim.penalty").value == "2400.00"
    assert element(db, case, "loan.term_end").value == "2024-03-15"
    assert element(db, case, "loan.penalty_uplift").value == "0.3"
    assert element(db, case, "guarantor.1.kind").value == "general"


@pytest.mark.parametrize(("field", "value", "blamed"), [
    ("loan.principal", "-5元", "value"), ("contract.date", "2024-13-45", "value"), ("loan.day_count", "300", "value"),
    ("borrower.1.id_number", "330106198001010110", "value"), ("loan.compound", "", "value"),
    ("loan.nonsense", "1", "field"),
])
def test_bad_input_writes_nothing(db, settings, field, value, blamed):
    case = loan_case(db, settings)
    analyse(db, settings, case)
    before = (count(db, AuditRecord), count(db, TimelineEvent, TimelineEvent.case_id == case.id))
    snapshot = element(db, case, field)
    with pytest.raises(InvalidInput) as refused, db.transaction() as session:
        service.correct_element(session, actor=case.judge, case_id=case.id, field=field, value=value)
    assert refused.value.field == blamed and refused.value.message
    assert (count(db, AuditRecord), count(db, TimelineEvent, TimelineEvent.case_id == case.id)) == before
    after = element(db, case, field)
    assert (after.value, after.status) == (snapshot.value, snapshot.status) if snapshot else after is None


def test_bad_decisions_write_nothing(db, settings):
    case = loan_case(db, settings, documents=(("起诉状.txt", COMPLAINT), ("借款合同.txt", CONTRACT),
                                               ("答辩状.txt", DEFENCE)))
    analyse(db, settings, case)
    before = count(db, AuditRecord)
    with pytest.raises(InvalidInput, match="认定理由"), db.transaction() as session:
        service.decide_point(session, actor=case.judge, case_id=case.id, code="rate_above_cap",
                             decision="supported", reason="  ")
    with pytest.raises(InvalidInput), db.transaction() as session:
        service.decide_point(session, actor=case.judge, case_id=case.id, code="rate_above_cap", decision="maybe",
                             reason="理由")
    with pytest.raises(NotFound), db.transaction() as session:
        service.decide_point(session, actor=case.judge, case_id=case.id, code="loan_not_received",
                             decision="rejected", reason="理由")
    assert count(db, AuditRecord) == before
    assert count(db, DisputePoint, DisputePoint.case_id == case.id, DisputePoint.status == "open") == 2


def test_reanalysis_never_overwrites_what_the_judge_settled(db, settings):
    case = loan_case(db, settings)
    analyse(db, settings, case)
    with db.transaction() as session:
        service.correct_element(session, actor=case.judge, case_id=case.id, field="claim.interest", value="5800")
        service.confirm_element(session, actor=case.judge, case_id=case.id, field="loan.principal")
    analyse(db, settings, case)
    interest = element(db, case, "claim.interest")
    assert (interest.value, interest.proposed_value, interest.status) == ("5800.00", "6000.00", "corrected")
    assert interest.conflicts == []  # the complaint still says 6,000: the judge saw that reading already
    assert element(db, case, "loan.principal").status == "confirmed"


def test_a_new_document_contradicting_a_confirmed_value_shows_as_a_conflict(db, settings):
    case = loan_case(db, settings)
    analyse(db, settings, case)
    with db.transaction() as session:
        service.confirm_element(session, actor=case.judge, case_id=case.id, field="disbursement.amount")
    clerk = staff(db, "clerk", division_id=case.division_id)
    with db.transaction() as session:
        service.add_document(session, settings, actor=clerk, case_id=case.id, upload=Upload("还款明细.txt",
                                                                                             LEDGER.encode()))
    analyse(db, settings, case)  # what the route asks for after a document (assistant/requests.py)
    amount = element(db, case, "disbursement.amount")
    assert (amount.value, amount.status) == ("100000.00", "confirmed")
    assert [(c["value"], c["document"]) for c in amount.conflicts] == [("80000.00", "还款明细.txt")]
    assert LEDGER[amount.conflicts[0]["start"]:amount.conflicts[0]["end"]] == amount.conflicts[0]["quote"]
    with db.reading() as session:
        view = service.view(session, actor=case.judge, case_id=case.id)
    assert any("冲突" in reason and "放款金额" in reason for reason in view.blockers), view.blockers
    with db.transaction() as session:  # the judge looks again and settles it: the conflict is resolved
        service.correct_element(session, actor=case.judge, case_id=case.id, field="disbursement.amount",
                                value="80000")
    assert element(db, case, "disbursement.amount").conflicts == []


def test_adding_a_defence_recomputes_the_dispute_focus(db, settings):
    case = loan_case(db, settings)
    analyse(db, settings, case)
    assert count(db, DisputePoint, DisputePoint.case_id == case.id) == 0
    with db.transaction() as session:
        service.add_document(session, settings, actor=case.judge, case_id=case.id,
                             upload=Upload("答辩状.txt", DEFENCE.encode()))
    analyse(db, settings, case)
    with db.reading() as session:
        points = {p.code: p for p in session.scalars(select(DisputePoint).where(DisputePoint.case_id == case.id))}
    assert set(points) == {"rate_above_cap", "lawyer_fees_disputed"}
    statement = points["lawyer_fees_disputed"].statements[0]
    assert statement["document"] == "答辩状.txt"
    assert DEFENCE[statement["start"]:statement["end"]] == statement["quote"]
    with pytest.raises(InvalidInput, match="格式不支持"), db.transaction() as session:
        service.add_document(session, settings, actor=case.judge, case_id=case.id, upload=Upload("a.exe", b"MZ"))


def test_the_draft_waits_for_the_judge_and_follows_the_confirmed_values(db, settings):
    case = loan_case(db, settings)
    with pytest.raises(Conflict, match="尚未运行智能分析"), db.transaction() as session:
        service.draft(session, actor=case.judge, case_id=case.id, today=TODAY)
    analyse(db, settings, case)
    with pytest.raises(Conflict, match="尚未经法官确认") as refused, db.transaction() as session:
        service.draft(session, actor=case.judge, case_id=case.id, today=TODAY)
    assert "缺少必要要素" in refused.value.message
    with db.transaction() as session:
        service.correct_element(session, actor=case.judge, case_id=case.id, field="lender.name",
                                value="中国工商银行股份有限公司杭州文三路支行")
    settle_everything(db, case)
    with db.transaction() as session:
        content = service.draft(session, actor=case.judge, case_id=case.id, today=TODAY)
    text = docx_text(content)
    assert "中国工商银行股份有限公司杭州文三路支行" in text
    assert "杭州西湖支行" not in text  # the assistant's reading the judge corrected
    assert "李四" in text and case_number(db, case) in text
    assert "借款本金100000.00元" in operative(db, case)


def test_a_decided_point_shapes_the_operative_part(db, settings):
    case = loan_case(db, settings, documents=(("起诉状.txt", COMPLAINT), ("借款合同.txt", CONTRACT),
                                               ("答辩状.txt", DEFENCE)))
    analyse(db, settings, case)
    settle_everything(db, case)
    decide(db, case, "rate_above_cap", "rejected", "原告主张的利息、罚息、复利合计未超过年利率24%。")
    with pytest.raises(Conflict, match="律师费"), db.transaction() as session:
        service.draft(session, actor=case.judge, case_id=case.id, today=TODAY)
    decide(db, case, "lawyer_fees_disputed", "rejected", "律师费系实现债权的合理费用，合同有约定。")
    assert "律师费等实现债权的费用3000.00元" in operative(db, case)
    decide(db, case, "lawyer_fees_disputed", "supported", "原告未提交律师费实际支付的凭证。")
    ruling = operative(db, case)
    assert "律师费" not in ruling  # the claim the upheld contention defeats is absent from the operative part
    assert "驳回原告" in ruling and "借款本金100000.00元" in ruling


def test_only_the_cases_handlers_act_chiefs_read_parties_never_see(db, settings):
    case = loan_case(db, settings)
    analyse(db, settings, case)
    chief = staff(db, "division_chief", division_id=case.division_id)
    assistant = staff(db, "judge_assistant", division_id=case.division_id)
    with db.reading() as session:
        assert service.view(session, actor=chief, case_id=case.id).may_act is False
    with pytest.raises(Forbidden), db.transaction() as session:
        service.confirm_element(session, actor=chief, case_id=case.id, field="loan.rate")
    with db.transaction() as session:  # the judge's assistant prepares; deciding stays with the judge
        service.confirm_element(session, actor=assistant, case_id=case.id, field="loan.rate")
    with db.reading() as session:
        party_id = session.get(Case, case.id).parties[0].account_id
        from omnicourt.security import service as security
        from omnicourt.security.models import Account
        party = security.actor_for(session, session.get(Account, party_id))
    with pytest.raises(Forbidden), db.reading() as session:
        service.view(session, actor=party, case_id=case.id)


def test_a_cause_without_a_pipeline_is_said_plainly_and_nothing_is_written(db, settings):
    from tests.factories import filing as make_filing
    from tests.filing.test_filing_flow import accept, new_party, submit

    party = new_party(db)
    data = make_filing(plaintiff_id=party.id_number, cause_code="cont.contract.sale")
    case_id = accept(db, settings, submit(db, settings, party, data))
    with db.reading() as session:
        judge_id = session.get(Case, case_id).judge_id
    judge = staff(db, "judge", id=judge_id)
    with pytest.raises(Conflict, match="^本案案由（买卖合同纠纷）暂无法官助手$"), db.transaction() as session:
        service.analyse_case(session, settings, actor=judge, case_id=case_id)
    with pytest.raises(Conflict, match="暂无法官助手"), db.reading() as session:
        service.view(session, actor=judge, case_id=case_id)
    assert count(db, CaseElement, CaseElement.case_id == case_id) == 0


def case_number(db, case) -> str:
    with db.reading() as session:
        return session.get(Case, case.id).case_number
