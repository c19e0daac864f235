"""A second real cause on the shared loans core: 民间借贷纠纷, a natural person lending at 18 % in 2021. The court
holds the rate to 4 × the one-year LPR at formation (民间借贷规定 art. 25, court-rules.md §4.1) of its own motion;
the lender is a person (ID number, no 负责人). A cause without a pipeline is said plainly, on the services, the API
and the page."""

import re
from datetime import date
from decimal import Decimal

import pytest

from omnicourt.assistant import service
from omnicourt.assistant.pipeline import pipeline_for
from omnicourt.cases.models import Case
from omnicourt.errors import InvalidInput
from omnicourt.interest.lpr import LprTable
from omnicourt.interest.rules import PRIVATE_LENDING_LPR_MULTIPLE
from omnicourt.interest.wording import percent, yuan
from omnicourt.reference import tables
from tests.app.conftest import analysed, bearer, username_of
from tests.assistant.samples import LENDER_ID, lending_case
from tests.assistant.test_service import TODAY, analyse, docx_text, element, settle_everything
from tests.factories import filing as make_filing
from tests.filing.test_filing_flow import accept, new_party, submit

FORMATION = date(2021, 3, 1)


def cap_at_formation() -> tuple[Decimal, Decimal]:
    lpr = LprTable.load().one_year_at(FORMATION)
    return lpr, lpr * PRIVATE_LENDING_LPR_MULTIPLE


def test_the_registry_finds_each_loan_cause_by_name_and_code():
    private = pipeline_for("民间借贷纠纷")
    assert private is pipeline_for("cont.contract.loan.private")
    assert private is not pipeline_for("金融借款合同纠纷")
    assert pipeline_for(" cont.contract.loan.financial ").cause == "金融借款合同纠纷"
    row = next(row for row in tables.causes() if row["code"] == private.code)
    assert row["name"] == private.cause == "民间借贷纠纷"
    with pytest.raises(InvalidInput, match="暂不支持该案由：买卖合同纠纷"):
        pipeline_for("买卖合同纠纷")


def test_each_cause_names_its_own_lender_fields():
    private, financial = pipeline_for("民间借贷纠纷"), pipeline_for("金融借款合同纠纷")
    assert private.known_field("lender.id_number") and not private.known_field("lender.representative")
    assert financial.known_field("lender.representative") and not financial.known_field("lender.id_number")
    assert private.label("lender.name") == "原告（出借人）" and financial.label("lender.name") == "原告（贷款人）"
    assert private.field_kind("lender.id_number") == "id"
    with pytest.raises(InvalidInput, match="原告公民身份号码"):
        private.parse("lender.id_number", "330106197505050010")   # a wrong check digit


def test_a_private_lending_case_is_analysed_capped_confirmed_and_drafted(db, settings):
    case = lending_case(db, settings)
    analyse(db, settings, case)
    assert element(db, case, "lender.id_number").value == LENDER_ID
    assert element(db, case, "lender.name").value == "张三"
    assert element(db, case, "lender.representative") is None
    assert element(db, case, "loan.rate").value == "年利率18%"
    lpr, cap = cap_at_formation()
    with db.reading() as session:
        amounts = service.view(session, actor=case.judge, case_id=case.id).amounts
    assert amounts.cap.bound == "private_4lpr" and amounts.cap.annual_cap == cap
    assert amounts.contract_rate == cap < Decimal("0.18")      # the agreed 18 % is not supported above the cap
    assert amounts.cap.reduced_by > 0 and amounts.cap.lpr == lpr

    settle_everything(db, case)
    with db.transaction() as session:
        content = service.draft(session, actor=case.judge, case_id=case.id, today=TODAY)
    text = docx_text(content)
    assert f"原告：张三，公民身份号码{LENDER_ID}，住杭州市西湖区文三路1号。" in text
    assert "负责人" not in text and "法定代表人" not in text
    assert "民间借贷纠纷一案" in text and "金融借款合同纠纷" not in text
    assert (f"双方约定的年利率18%超过合同成立时一年期贷款市场报价利率{percent(lpr)}的四倍"
            f"（年利率{percent(cap)}），依照《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十五条的规定，"
            "超过部分本院不予支持") in text
    assert "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十五条" in text
    # Only what is claimed is ordered: the capped interest is below the 9,000.00 claimed, so it is ordered as
    # computed and the rest dismissed.
    assert f"利息{yuan(amounts.interest)}、逾期利息500.00元（暂计至" in text and "驳回原告张三的其他诉讼请求" in text
    # Between persons overdue interest is 逾期利息, never a bank's 罚息; it runs on at the capped rate.
    assert "罚息" not in text and f"按年利率{percent(cap)}计付逾期利息" in text


def test_a_financial_loan_case_keeps_its_bank_and_the_24_percent_review(db, settings):
    from tests.assistant.samples import loan_case

    case = loan_case(db, settings)
    analyse(db, settings, case)
    assert element(db, case, "lender.representative").value == "王五"
    assert element(db, case, "lender.id_number") is None
    with db.reading() as session:
        amounts = service.view(session, actor=case.judge, case_id=case.id).amounts
    assert amounts.cap.annual_cap == Decimal("0.24") and amounts.contract_rate == Decimal("0.0612")


def sale_case(db, settings) -> tuple[int, int]:
    party = new_party(db)
    case_id = accept(db, settings, submit(db, settings, party, make_filing(plaintiff_id=party.id_number,
                                                                          cause_code="cont.contract.sale")))
    with db.reading() as session:
        return case_id, session.get(Case, case_id).judge_id


def test_a_cause_without_a_pipeline_gets_the_plain_message_on_the_api_and_the_page(client, db, settings):
    case_id, judge_id = sale_case(db, settings)
    judge = bearer(client, username_of(db, judge_id))
    message = "本案案由（买卖合同纠纷）暂无法官助手"
    for response in (client.get(f"/api/v1/cases/{case_id}/assistant", headers=judge),
                     client.post(f"/api/v1/cases/{case_id}/assistant/analysis", headers=judge, json={})):
        assert response.status_code == 409 and response.json()["detail"] == message
    page = client.get(f"/bench/cases/{case_id}/assistant", headers=judge)
    assert page.status_code == 409 and message in page.text


def test_a_private_lending_case_over_the_api_is_analysed_as_private_lending(client, db, settings):
    case = lending_case(db, settings)
    judge = bearer(client, username_of(db, case.judge.id))
    body = analysed(client, client.post(f"/api/v1/cases/{case.id}/assistant/analysis", headers=judge, json={}), judge)
    assert body["cause"] == "民间借贷纠纷" and body["run"]["result"]["cause_code"] == "cont.contract.loan.private"
    labels = {e["field"]: e["label"] for e in body["elements"]}
    assert labels["lender.id_number"] == "原告公民身份号码"
    corrected = client.post(f"/api/v1/cases/{case.id}/assistant/elements/lender.address/correction", headers=judge,
                            json={"value": "杭州市西湖区文三路1号"})
    assert corrected.status_code == 200 and corrected.json()["label"] == "原告住址"
    page = client.get(f"/bench/cases/{case.id}/assistant", headers=judge)
    amounts = re.search(r'data-testid="amounts">(.*?)</table>', page.text, re.S).group(1)
    assert "<th>逾期利息</th>" in amounts and "罚息" not in amounts
    assert "原告公民身份号码" in page.text and 'id="element-lender.id_number"' in page.text
