"""The computation the judge sees and the draft follow the judge's decisions, on every backend: a cost defeated by
an upheld defence leaves the computation, and each defence is the defendant's who made it."""

from decimal import Decimal

from omnicourt.assistant import service
from tests.assistant.samples import COMPLAINT, CONTRACT, DEFENCE, loan_case
from tests.assistant.test_service import TODAY, analyse, decide, docx_text, settle_everything

DEFENDED = (("起诉状.txt", COMPLAINT), ("借款合同.txt", CONTRACT), ("答辩状.txt", DEFENCE))


def view(db, case):
    with db.reading() as session:
        return service.view(session, actor=case.judge, case_id=case.id)


def test_an_upheld_defence_on_the_lawyers_fees_takes_them_out_of_the_computation(db, settings):
    case = loan_case(db, settings, documents=DEFENDED)
    analyse(db, settings, case)
    settle_everything(db, case)
    before = view(db, case)
    assert before.amounts.fees == Decimal("3000.00")   # claimed, not yet decided: counted
    decide(db, case, "lawyer_fees_disputed", "supported", "原告未提交律师费实际支付的凭证。")
    after = view(db, case)
    assert after.amounts.fees == 0
    assert after.amounts.total == before.amounts.total - Decimal("3000.00")
    fees = next(line for line in after.award if line.claim == "fees")
    assert (fees.claimed, fees.ordered) == (Decimal("3000.00"), None)
    principal = next(line for line in after.award if line.claim == "principal")
    assert principal.ordered == Decimal("100000.00")


def test_the_draft_attributes_the_defence_to_the_defendant_who_answered(db, settings):
    case = loan_case(db, settings, documents=DEFENDED)
    analyse(db, settings, case)
    with db.transaction() as session:   # a guarantor who did not answer
        service.correct_element(session, actor=case.judge, case_id=case.id, field="guarantor.1.name", value="赵六")
    settle_everything(db, case)
    decide(db, case, "rate_above_cap", "rejected", "未超过年利率24%。")
    decide(db, case, "lawyer_fees_disputed", "supported", "原告未提交律师费实际支付的凭证。")
    with db.transaction() as session:
        text = docx_text(service.draft(session, actor=case.judge, case_id=case.id, today=TODAY))
    [answer] = [line for line in text.splitlines() if "辩称" in line]
    assert answer.startswith("被告李四辩称，") and "原告主张的律师费不应由答辩人承担。" in answer
    assert "李四、赵六辩称" not in text and "赵六辩称" not in text
    assert "被告赵六未提交书面答辩意见。" in text
    assert "律师费等实现债权的费用" not in text.split("判决如下：")[1].split("如果未按本判决")[0]


PRINCIPAL_ONLY = COMPLAINT.replace(
    "1. 判令被告李四归还原告借款本金100,000.00元、截至2024年6月30日的利息6,000.00元、罚息2,500.00元；\n"
    "2. 判令被告李四支付原告律师费3,000.00元；\n3.",
    "1. 判令被告李四归还原告截至2024年6月30日的借款本金90,000.00元；\n2.")


def test_a_principal_only_claim_is_drafted_as_claimed(db, settings):
    assert PRINCIPAL_ONLY != COMPLAINT
    case = loan_case(db, settings, documents=(("起诉状.txt", PRINCIPAL_ONLY), ("借款合同.txt", CONTRACT)))
    analyse(db, settings, case)
    settle_everything(db, case)
    shown = {line.claim: line for line in view(db, case).award}
    assert shown["interest"].computed > 0 and shown["interest"].claimed is None and shown["interest"].ordered is None
    assert (shown["principal"].computed, shown["principal"].ordered) == (Decimal("100000.00"), Decimal("90000.00"))
    with db.transaction() as session:
        text = docx_text(service.draft(session, actor=case.judge, case_id=case.id, today=TODAY))
    items = text.split("判决如下：")[1].split("如果未按本判决")[0]
    assert "借款本金90000.00元" in items
    assert "利息" not in items and "罚息" not in items and "复利" not in items
    assert "截至2024年6月30日，被告尚欠借款本金90000.00元。" in text
    assert "被告尚欠借款本金100000.00元，原告主张借款本金90000.00元" in text
