"""The dispute focus: points raised by the defence and the cross-examination opinions, facts left undisputed."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omnicourt.assistant.documents import CaseDocument
from omnicourt.assistant.loans.focus import contested, dispute_focus, sentences, taxonomy
from omnicourt.loans.elements import Finding

COMPLAINT = CaseDocument("起诉状.txt", "complaint", (
    "民事起诉状\n原告：中国银行股份有限公司杭州西湖支行\n被告：张三\n被告：李四\n诉讼请求：\n"
    "1、判令被告张三偿还借款本金100000.00元、利息3817.26元、罚息5218.59元；\n"
    "2、判令被告李四对上述债务承担连带清偿责任；\n3、本案诉讼费用由被告负担。\n"
    "事实与理由：\n2023年1月5日，原告与被告张三签订借款合同。"))


def finding(field, value, document="借款合同.txt", start=0, end=4, quote="原文"):
    return Finding(field, value, document, start, end, 0.9, quote)


ELEMENTS = {
    "lender.name": finding("lender.name", "中国银行股份有限公司杭州西湖支行"),
    "contract.number": finding("contract.number", "XH2023-001", start=10, end=20, quote="编号：XH2023-001"),
    "loan.principal": finding("loan.principal", Decimal("100000"), start=30, end=40, quote="借款金额100000元"),
    "loan.rate": finding("loan.rate", "年利率6.12%"),
    "claim.interest": finding("claim.interest", Decimal("3817.26"), document="起诉状.txt"),
    "claim.penalty": finding("claim.penalty", Decimal("5218.59"), document="起诉状.txt"),
    "guarantor.1.name": finding("guarantor.1.name", "李四", document="保证合同.txt"),
    "guarantor.1.kind": finding("guarantor.1.kind", "joint", document="保证合同.txt"),
    "disbursement.date": finding("disbursement.date", date(2023, 1, 6), document="放款凭证.txt"),
    "defence.filed": finding("defence.filed", True, document="答辩状.txt"),
}


def test_each_point_comes_with_the_statement_that_raises_it():
    defence = CaseDocument("答辩状.txt", "defence",
                           "答辩状\n被告张三对借款事实无异议，但原告主张的罚息、复利过高，请求调低。"
                           "被告已经偿还了20000元，原告未予扣除。")
    opinion = CaseDocument("质证意见.txt", "cross_examination",
                           "对保证合同的真实性有异议，保证合同上李四的签名不是其本人所签，申请笔迹鉴定。")
    focus = dispute_focus([COMPLAINT, defence, opinion], ELEMENTS)

    assert [point.code for point in focus.points] == ["amount_repaid", "rate_above_cap", "guarantor_denies_signing"]
    rate = focus.point("rate_above_cap")
    assert rate.label == "利息、罚息、复利是否过高（是否超过法定上限）"
    [statement] = rate.statements
    assert statement.document == "答辩状.txt"
    assert statement.quote == "被告张三对借款事实无异议，但原告主张的罚息、复利过高，请求调低。"
    assert defence.text[statement.start:statement.end] == statement.quote
    signing = focus.point("guarantor_denies_signing")
    assert signing.statements[0].document == "质证意见.txt"
    assert opinion.text[signing.statements[0].start:signing.statements[0].end] == signing.statements[0].quote
    assert signing.defeats == ("guarantee",)
    assert not focus.default_judgment


def test_facts_the_defence_does_not_contest_are_undisputed():
    defence = CaseDocument("答辩状.txt", "defence", "原告主张的罚息过高，超过法律保护的上限。")
    focus = dispute_focus([COMPLAINT, defence], ELEMENTS)

    undisputed = {fact.field: fact for fact in focus.undisputed}
    # The rate point contests the rate and the interest claimed; the rest stands, with its source.
    assert set(undisputed) == {"lender.name", "contract.number", "loan.principal", "guarantor.1.name",
                               "guarantor.1.kind", "disbursement.date"}
    assert undisputed["contract.number"].source.quote == "编号：XH2023-001"
    assert undisputed["loan.principal"].label == "借款本金"
    assert undisputed["guarantor.1.name"].label == "保证人1·名称"


def test_no_defence_means_default_judgment_and_no_disputed_points():
    elements = {**ELEMENTS, "defence.filed": finding("defence.filed", False, document="")}
    focus = dispute_focus([COMPLAINT], elements)

    assert focus.default_judgment
    assert focus.points == ()
    assert len(focus.undisputed) == len(elements) - 1   # every fact but defence.filed


def test_a_defence_on_record_without_a_document_is_not_a_default():
    assert not dispute_focus([COMPLAINT], ELEMENTS).default_judgment   # defence.filed is True in the sheet


def test_the_complaint_claims_are_listed_with_their_spans():
    focus = dispute_focus([COMPLAINT], ELEMENTS)

    assert [claim.quote[:2] for claim in focus.claims] == ["1、", "2、", "3、"]
    for claim in focus.claims:
        assert COMPLAINT.text[claim.start:claim.end] == claim.quote
    assert "事实与理由" not in "".join(claim.quote for claim in focus.claims)


@pytest.mark.parametrize(("text", "code"), [
    ("被告从未收到该笔借款。", "loan_not_received"),
    ("保证期间已过，保证人不再承担保证责任。", "guarantee_period_expired"),
    ("原告的起诉已超过诉讼时效。", "limitation_expired"),
    ("所谓服务费、咨询费实为变相收取利息。", "disguised_fees"),
    ("抵押房产并未办理抵押登记。", "collateral_not_registered"),
    ("实际到账的借款只有90000元，砍头息10000元。", "principal_disputed"),
    ("利息、罚息、复利合计超过年利率24%的部分应予调减。", "rate_above_cap"),
    ("律师费不应由被告承担。", "lawyer_fees_disputed"),
])
def test_each_ground_of_the_taxonomy_is_recognised(text, code):
    focus = dispute_focus([CaseDocument("答辩状.txt", "defence", text)], ELEMENTS)
    assert code in [point.code for point in focus.points]


def test_a_defence_admitting_everything_raises_no_point():
    defence = CaseDocument("答辩状.txt", "defence", "被告对原告主张的借款事实及欠款金额均无异议，同意还款。")
    focus = dispute_focus([COMPLAINT, defence], ELEMENTS)
    assert focus.points == ()
    assert not focus.default_judgment


def test_complaint_statements_never_raise_points():
    complaint = CaseDocument("起诉状.txt", "complaint", "被告称利息过高，但合同约定明确。")
    assert dispute_focus([complaint], ELEMENTS).points == ()


def test_the_taxonomy_is_data_and_contest_prefixes_cover_groups():
    codes = [point.code for point in taxonomy().points]
    assert len(codes) == len(set(codes)) >= 10
    assert contested("guarantor.2.name", ["guarantor."])
    assert not contested("guarantor", ["guarantor."])
    assert contested("loan.rate", ["loan.rate"]) and not contested("loan.rate_text", ["loan.rate"])


def test_the_focus_serialises_to_plain_json_values():
    defence = CaseDocument("答辩状.txt", "defence", "利息过高。")
    data = dispute_focus([COMPLAINT, defence], ELEMENTS).to_dict()
    assert data["points"][0]["code"] == "rate_above_cap"
    assert {"field": "loan.principal", "label": "借款本金", "value": "100000",
            "source": {"document": "借款合同.txt", "start": 30, "end": 40, "quote": "借款金额100000元"}} \
        in data["undisputed"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="利息过高已偿还签名不是本人，。；\n 保证期间届满未收到借款abc", max_size=120))
def test_sentence_spans_always_quote_the_text(text):
    for statement in sentences(text):
        assert text[statement.start:statement.end] == statement.quote
        assert statement.quote == statement.quote.strip() and statement.quote
