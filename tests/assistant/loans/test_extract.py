from datetime import date
from decimal import Decimal

import pytest

from omnicourt.assistant.documents import CaseDocument
from omnicourt.assistant.loans.casefiles import generate
from omnicourt.assistant.loans.extract import extract, normalise, reconcile
from omnicourt.loans.elements import Finding

CONTRACT = """个人借款合同
合同编号：ＪＫ２０２１０３０５００１

贷款人：中国工商银行股份有限公司杭州西湖支行
借款人：张三
身份证号码：11010519491231002X
住所：浙江省杭州市西湖区文三路1号

第一条 借款金额 本合同项下借款金额为人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分。
第二条 借款期限 借款期限自二〇二一年三月五日起至2023.3.4止。
第三条 借款利率 本合同项下借款执行{rate}，日利率=年利率/365。
第四条 还款方式 借款人按按月付息、到期一次性还本方式归还借款本息。
第五条 逾期罚息 借款人未按约定期限归还借款本金的，贷款人对逾期借款按本合同约定利率上浮30%计收罚息。
第六条 复利 贷款人对借款人未按时支付的利息不计收复利。
签订日期：2021年3月5日"""

COMPLAINT = """民事起诉状
原告：中国工商银行股份有限公司杭州西湖支行，住所地浙江省杭州市西湖区天目山路5号。
负责人：李四，该支行行长。
诉讼请求：
1. 判令被告张三归还原告借款本金壹拾万元整，支付截至2024年6月30日的利息5,000.00元、罚息800.50元；
2. 判令被告赔偿原告律师费3000元。
事实与理由：2021年3月5日，原告与被告张三签订编号为JK20210305001的借款合同，约定借款金额{principal}。
原告于2022年1月10日宣布贷款提前到期。"""

GUARANTEE = """最高额保证合同
保证人：王五
身份证号码：110105194912310011
第一条 保证方式 保证人提供的保证为最高额连带责任保证。
第二条 被担保的最高债权额 本合同担保的最高债权额为50万元。"""


def _case(rate="年利率6.12%", principal="123,456.78元"):
    return [CaseDocument("起诉状.txt", "complaint", COMPLAINT.format(principal=principal)),
            CaseDocument("借款合同.txt", "loan_contract", CONTRACT.format(rate=rate)),
            CaseDocument("保证合同.txt", "guarantee_contract", GUARANTEE)]


def _value(found, name):
    return found[name].value


def test_every_finding_quotes_its_span():
    documents = {d.name: d for d in _case()}
    found = extract(list(documents.values()))
    for finding in found.values():
        if finding.document:
            assert documents[finding.document].text[finding.start:finding.end] == finding.quote
            assert 0 < finding.confidence <= 1


def test_contract_terms_are_read_from_words_full_width_and_chinese_dates():
    found = extract(_case())
    assert _value(found, "contract.number") == "JK20210305001"
    assert found["contract.number"].quote == "ＪＫ２０２１０３０５００１"
    assert _value(found, "loan.principal") == Decimal("123456.78")
    assert _value(found, "loan.term_start") == date(2021, 3, 5)
    assert _value(found, "loan.term_end") == date(2023, 3, 4)
    assert _value(found, "loan.repayment_method") == "按月付息到期还本"
    assert _value(found, "loan.penalty_uplift") == Decimal("0.3")
    assert _value(found, "loan.compound") is False
    assert _value(found, "loan.day_count") == 365
    assert _value(found, "borrower.1.id_number") == "11010519491231002X"
    assert _value(found, "defence.filed") is False


def test_claims_and_parties_from_the_complaint():
    found = extract(_case())
    assert _value(found, "lender.name") == "中国工商银行股份有限公司杭州西湖支行"
    assert _value(found, "lender.representative") == "李四"
    assert _value(found, "claim.principal") == Decimal("100000.00")  # in words only
    assert _value(found, "claim.interest") == Decimal("5000.00")
    assert _value(found, "claim.penalty") == Decimal("800.50")
    assert _value(found, "claim.fees") == Decimal("3000.00")
    assert _value(found, "claim.cutoff") == date(2024, 6, 30)
    assert _value(found, "acceleration.date") == date(2022, 1, 10)
    assert "claim.compound" not in found


def test_maximum_guarantee():
    found = extract(_case())
    assert (_value(found, "guarantor.1.name"), _value(found, "guarantor.1.kind")) == ("王五", "maximum")
    assert _value(found, "guarantor.1.max_amount") == Decimal("500000.00")


@pytest.mark.parametrize(("written", "kept"), [
    ("年利率6.12%", "年利率6.12%"), ("年利率为 4.35 %", "年利率4.35%"), ("月利率5‰", "月利率5‰"),
    ("日利率万分之二", "日利率万分之二"), ("日利率万分之一点五", "日利率万分之一点五"),
    ("浮动利率，即LPR加50个基点", "LPR加50个基点"), ("年利率６．５２５％", "年利率6.525%"),
])
def test_each_rate_form_is_kept_as_written(written, kept):
    assert _value(extract(_case(rate=written)), "loan.rate") == kept


def test_documents_that_disagree_are_a_conflict():
    found = extract(_case(principal="150,000.00元"))
    merged, conflicts = reconcile(None, found)
    assert merged["loan.principal"].value == Decimal("123456.78")  # the contract is authoritative
    assert [(c.field, c.document_finding.value) for c in conflicts] == [("loan.principal", Decimal("150000.00"))]
    assert found["loan.principal"].confidence <= 0.6


def test_the_element_sheet_is_the_first_source():
    found = extract(_case())
    sheet = {"claim.cutoff": Finding("claim.cutoff", date(2024, 5, 31), "element_sheet", 0, 0, 0.9),
             "claim.fees": Finding("claim.fees", Decimal("3000"), "element_sheet", 0, 0, 0.9)}
    merged, conflicts = reconcile(sheet, found)
    assert merged["claim.cutoff"].value == date(2024, 5, 31) and merged["claim.cutoff"].document == "element_sheet"
    assert merged["claim.fees"].confidence == 0.99  # confirmed by the complaint
    assert [c.field for c in conflicts] == ["claim.cutoff"]
    assert conflicts[0].sheet_value == date(2024, 5, 31)
    assert merged["loan.rate"].value == "年利率6.12%"  # the sheet lacks it: from the documents


def _stub_amounts(labels):
    return {name: Decimal("1.00") for name in ("principal", "interest", "penalty", "compound", "fees", "total")}


def test_generated_case_files_are_extracted_field_by_field():
    for case in generate(11, 30, calculator=_stub_amounts):
        found = extract(case.documents)
        wrong = {k: (v, found[k].value if k in found else None) for k, v in case.elements.items()
                 if k not in found or normalise(found[k].value) != normalise(v)}
        assert not wrong, case.case_id
        assert set(found) == set(case.elements)


def test_values_compare_in_one_form_and_a_decimal_without_digits_is_not_rounded():
    assert normalise(Decimal("100000")) == normalise(Decimal("100000.00")) == "100000.00"
    assert normalise(Decimal("0.0435")) == "0.0435"
    assert normalise(Decimal("NaN")) == "NAN" and normalise(Decimal("-Infinity")) == "-INFINITY"
