"""A civil case from online filing to closing, through the services, on every backend."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from omnicourt.audit import service as audit
from omnicourt.audit.anchors import AnchorStore
from omnicourt.audit.models import AuditRecord
from omnicourt.cases import service as cases
from omnicourt.cases.models import Case, TimelineEvent
from omnicourt.cases.rules import parse_case_number
from omnicourt.dossier.service import Upload
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, PayloadTooLarge
from omnicourt.fees.models import FeeNotice
from omnicourt.filing import service as filing
from omnicourt.filing.models import FilingApplication
from omnicourt.security import service as security
from tests.conftest import TODAY, actor_named
from tests.factories import PDF_BYTES, PNG_BYTES, register_party
from tests.factories import filing as make_filing


def new_party(db):
    with db.transaction() as session:
        account = register_party(session)
        return security.actor_for(session, account)


def submit(db, settings, party, data=None, uploads=()):
    with db.transaction() as session:
        return filing.submit(session, settings, actor=party, data=data or make_filing(plaintiff_id=party.id_number),
                             uploads=list(uploads), today=TODAY).id


def accept(db, settings, application_id, officer="demo-filing-officer"):
    with db.transaction() as session:
        return filing.accept(session, settings, actor=actor_named(db, officer), application_id=application_id,
                             today=TODAY).id


def count(db, model) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_acceptance_opens_a_triaged_assigned_case_with_fee_notice(db, settings):
    party = new_party(db)
    application_id = submit(db, settings, party, uploads=[Upload("借条.pdf", PDF_BYTES), Upload("转账.png", PNG_BYTES)])
    case_id = accept(db, settings, application_id)
    with db.reading() as session:
        case = session.get(Case, case_id)
        number = parse_case_number(case.case_number, court_codes={"浙0106"}, type_codes={"民初"})
        assert (number.court_code, number.type_code, number.year) == ("浙0106", "民初", TODAY.year)
        assert case.procedure == "small_claims"  # 12,000 yuan, well under half the provincial wage
        assert any("第一百六十五条" in reason for reason in case.triage_reasons)
        assert case.stage == "assigned" and case.judge_id is not None
        assert "在办案件" in case.assignment_reasons[-1]
        assert case.deadline_on == TODAY.replace() + (case.deadline_on - TODAY)  # a date was set
        notice = session.scalar(select(FeeNotice).where(FeeNotice.case_id == case_id))
        assert notice.full_fee == Decimal("100.00")  # 50 + 2,000 × 2.5 %
        assert notice.charged_fee == Decimal("50.00")  # small claims: halved once
        assert notice.due_on == TODAY + timedelta(days=7)
        kinds = [e.kind for e in cases.timeline(session, actor=party, case=case)]
        assert kinds == ["accepted", "assigned", "fee_notice"]
        assert {d.case_id for d in filing.dossier.for_case(session, case_id)} == {case_id}
        assert audit.verify(session, AnchorStore.from_settings(settings)).ok


def test_party_follows_the_case_and_judge_runs_it_to_closing(db, settings):
    party = new_party(db)
    case_id = accept(db, settings, submit(db, settings, party))
    with db.reading() as session:
        judge_id = session.get(Case, case_id).judge_id
        from omnicourt.security.models import Account
        judge = security.actor_for(session, session.get(Account, judge_id))
        assert case_id in [c.id for c in cases.list_cases(session, actor=party)]
        assert case_id in [c.id for c in cases.list_cases(session, actor=judge, mine_only=True, open_only=True)]
    with db.transaction() as session:
        cases.hold_hearing(session, actor=judge, case_id=case_id, held_on=TODAY, summary="双方到庭")
    with db.transaction() as session:
        cases.close_case(session, actor=judge, case_id=case_id, method="mediation", closed_on=TODAY,
                         today=TODAY)
    with pytest.raises(Conflict):
        with db.transaction() as session:
            cases.hold_hearing(session, actor=judge, case_id=case_id, held_on=TODAY, summary="")
    with db.reading() as session:
        case = session.get(Case, case_id)
        assert (case.stage, case.closing_method, case.closed_on) == ("closed", "mediation", TODAY)
        kinds = [e.kind for e in cases.timeline(session, actor=party, case=case)]
        assert kinds[-2:] == ["hearing_held", "closed"]


def test_other_parties_and_other_divisions_are_refused(db, settings):
    owner, stranger = new_party(db), new_party(db)
    case_id = accept(db, settings, submit(db, settings, owner))
    with db.reading() as session:
        with pytest.raises(Concealed):  # a 404 to a party: whether the case exists is not theirs to learn
            cases.get_case(session, actor=stranger, case_id=case_id)
        assert case_id not in [c.id for c in cases.list_cases(session, actor=stranger)]
    other_court_judge = actor_named(db, "c2-civil1-judge1")
    with db.reading() as session, pytest.raises(Forbidden):
        cases.get_case(session, actor=other_court_judge, case_id=case_id)
    with db.transaction() as session, pytest.raises(Forbidden):
        cases.close_case(session, actor=actor_named(db, "demo-clerk"), case_id=case_id, method="judgment",
                         closed_on=TODAY, today=TODAY)


def test_chief_reassigns_within_the_division(db, settings):
    case_id = accept(db, settings, submit(db, settings, new_party(db)))
    chief = actor_named(db, "demo-division-chief")
    with db.reading() as session:
        case = session.get(Case, case_id)
    if case.division_id != chief.division_id:
        chief = _chief_of(db, case.division_id)
    with db.transaction() as session:
        others = [j for j in security.judges_of(session, division_id=case.division_id) if j.id != case.judge_id]
        new_judge = others[0]
        with pytest.raises(InvalidInput):
            cases.reassign(session, actor=chief, case_id=case_id, judge=new_judge, reason="  ")
        cases.reassign(session, actor=chief, case_id=case_id, judge=new_judge, reason="回避")
    with db.reading() as session:
        assert session.get(Case, case_id).judge_id == new_judge.id


def _chief_of(db, division_id):
    from omnicourt.security.models import Account

    with db.reading() as session:
        account = session.scalar(select(Account).where(Account.division_id == division_id,
                                                       Account.role == "division_chief"))
        return security.actor_for(session, account)


def test_correction_is_asked_once_and_restarts_the_clock(db, settings):
    party = new_party(db)
    application_id = submit(db, settings, party)
    officer = actor_named(db, "demo-filing-officer")
    with db.transaction() as session:
        filing.request_correction(session, actor=officer, application_id=application_id,
                                  items=["补充借条原件照片", "补充被告身份证明"])
    with db.transaction() as session:
        application = filing.correct(session, settings, actor=party, application_id=application_id,
                                     data=make_filing(plaintiff_id=party.id_number),
                                     uploads=[Upload("借条.pdf", PDF_BYTES)], today=TODAY + timedelta(days=2))
        assert application.decision_due_on == TODAY + timedelta(days=9)
    with pytest.raises(Conflict, match="一次"):
        with db.transaction() as session:
            filing.request_correction(session, actor=officer, application_id=application_id, items=["再补一次"])


def test_refusal_needs_a_reason_and_is_final(db, settings):
    application_id = submit(db, settings, new_party(db))
    officer = actor_named(db, "demo-filing-officer")
    with pytest.raises(InvalidInput):
        with db.transaction() as session:
            filing.refuse(session, actor=officer, application_id=application_id, reason="")
    with db.transaction() as session:
        filing.refuse(session, actor=officer, application_id=application_id, reason="不属于本院管辖")
    with pytest.raises(Conflict):
        accept(db, settings, application_id)


def test_officer_of_another_court_cannot_decide(db, settings):
    application_id = submit(db, settings, new_party(db))
    with pytest.raises(Forbidden):
        accept(db, settings, application_id, officer="c2-filing-officer1")


BAD_FILINGS = {
    "invalid id number": dict(plaintiff_id="330106198001010000"),
    "missing defendant": dict(defendant=False),
    "unknown court": dict(court_code="浙9999"),
    "unknown cause": dict(cause_code="no.such.cause"),
    "negative amount": dict(amount="-5"),
    "absurd amount": dict(amount="99999999999999"),
    "too many decimals": dict(amount="10.001"),
    "no facts": dict(facts_and_reasons="借钱"),
}


@pytest.mark.parametrize("bad", BAD_FILINGS.values(), ids=BAD_FILINGS.keys())
def test_bad_filing_is_refused_and_writes_nothing(db, settings, bad):
    party = new_party(db)
    before = (count(db, FilingApplication), count(db, AuditRecord))
    with pytest.raises(InvalidInput) as refused:
        submit(db, settings, party, data=make_filing(**({"plaintiff_id": party.id_number} | bad)))
    assert refused.value.field and refused.value.message
    assert (count(db, FilingApplication), count(db, AuditRecord)) == before


BAD_UPLOADS = {
    "pdf name, png bytes": (Upload("证据.pdf", PNG_BYTES), InvalidInput),
    "executable": (Upload("证据.exe", b"MZ\x90\x00"), InvalidInput),
    "text pretending to be png": (Upload("照片.png", b"hello"), InvalidInput),
    "oversized": (Upload("大文件.pdf", PDF_BYTES + b"0" * (21 * 1024 * 1024)), PayloadTooLarge),
}


@pytest.mark.parametrize("upload,error", BAD_UPLOADS.values(), ids=BAD_UPLOADS.keys())
def test_bad_upload_is_refused_and_writes_nothing(db, settings, upload, error):
    party = new_party(db)
    before = count(db, FilingApplication)
    with pytest.raises(error):
        submit(db, settings, party, uploads=[upload])
    assert count(db, FilingApplication) == before


def test_crash_between_steps_leaves_no_half_written_case(db, settings, monkeypatch):
    application_id = submit(db, settings, new_party(db))
    before = (count(db, Case), count(db, TimelineEvent), count(db, AuditRecord))

    def power_cut(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(filing.fees, "issue_notice", power_cut)
    with pytest.raises(RuntimeError):
        accept(db, settings, application_id)
    monkeypatch.undo()
    assert (count(db, Case), count(db, TimelineEvent), count(db, AuditRecord)) == before
    with db.reading() as session:
        assert session.get(FilingApplication, application_id).status == "submitted"
    accept(db, settings, application_id)  # and it can still be accepted afterwards


def test_tampering_with_the_audit_log_is_detected(db, settings):
    submit(db, settings, new_party(db))
    with db.transaction() as session:
        record = session.scalar(select(AuditRecord).order_by(AuditRecord.id.desc()).limit(1))
        record.details = {**record.details, "amount": "1"}
        tampered_id = record.id
    with db.reading() as session:
        result = audit.verify(session, AnchorStore.from_settings(settings))
    with db.transaction() as session:  # put it back for the other tests
        record = session.get(AuditRecord, tampered_id)
        record.details = {k: v for k, v in record.details.items()} | {"amount": "12000.00"}
    assert not result.ok and result.first_broken_id == tampered_id


def test_a_case_is_found_by_its_number_in_half_width_form_and_linked(db, settings):
    party = new_party(db)
    first, second = (accept(db, settings, submit(db, settings, party)) for _ in range(2))
    officer = actor_named(db, "demo-filing-officer")
    with db.transaction() as session:
        a, b = session.get(Case, first), session.get(Case, second)
        half_width = a.case_number.replace("（", "(").replace("）", ")")
        found = cases.find_by_number(session, actor=party, text=f" {half_width} ", court_codes={"浙0106"},
                                     type_codes={"民初", "民终"})
        assert found.id == first
        cases.link_cases(session, actor=officer, from_case=a, to_case=b, relation="remand")
    with db.reading() as session:
        links = cases.linked_cases(session, case=session.get(Case, second))
        assert [(label, case.id) for label, case in links] == [("发回重审", first)]


def test_declared_circumstances_rule_out_small_claims(db, settings):
    party = new_party(db)
    data = make_filing(plaintiff_id=party.id_number, circumstances=["whereabouts_unknown"])
    case_id = accept(db, settings, submit(db, settings, party, data=data))
    with db.reading() as session:
        case = session.get(Case, case_id)
        assert case.procedure == "ordinary"
        assert any("下落不明" in reason for reason in case.triage_reasons)
    with pytest.raises(InvalidInput):
        submit(db, settings, party, data=make_filing(plaintiff_id=party.id_number, circumstances=["bribery"]))
