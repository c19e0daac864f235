"""Reading the claim of a published loan judgment: each phrase here is one that broke (or could break) the reader,
written for the test (names and numbers made up)."""

from datetime import date
from decimal import Decimal

import pytest

from omnicourt.assistant.loans.judgments import classify_cause, defence_filed, fold_noise, read_claim


@pytest.mark.parametrize("text", [
    "原告甲某起诉称：被告乙某借款未还。请求判令被告归还借款12000元。",
    "原告甲某诉称，被告欠款不还，请求判令被告归还借款12000元。",
    "原告甲某向本院提出诉讼请求：1.判令被告归还借款12000元；2.诉讼费由被告负担。事实与理由：……",
    "原告请求判令被告归还借款12000元及利息。",
    "【原告诉请判令（公诉机关指控）】被告归还原告借款12000元 【基本案情】2020年被告借款30000元。",
])
def test_claim_cues(text):
    assert read_claim(text).principal.value == Decimal("12000")


def test_appeal_reads_the_first_instance_claim_not_the_appeal_request():
    text = ("【上诉请求】撤销原判，改判驳回被上诉人全部诉讼请求。【一审法院认定事实】王某向一审法院起诉请求："
            "判令李某归还借款86000元。一审法院认定事实：……")
    assert read_claim(text).principal.value == Decimal("86000")


@pytest.mark.parametrize("phrase, value", [
    ("诉讼请求：判令被告归还借款人民币45000元。", "45000"),
    ("诉讼请求：判令被告归还借款4.5万元。", "45000"),
    ("诉讼请求：判令被告归还借款人民币45000元整。", "45000"),
    ("诉讼请求：判令被告归还借款45,000.50元。", "45000.50"),
])
def test_amount_forms(phrase, value):
    assert read_claim(phrase).principal.value == Decimal(value)


def test_total_followed_by_its_breakdown_takes_the_principal_from_the_breakdown():
    claim = read_claim("诉讼请求：判令被告偿还欠款合计52300元，其中包括本金50000元、利息2300元（暂计至2024年3月1日）。")
    assert claim.principal.value == Decimal("50000")
    assert claim.interest.value == Decimal("2300")
    assert claim.cutoff.value == date(2024, 3, 1)
    assert claim.total == Decimal("52300.00")


def test_interest_sum_and_cutoff_with_the_rate_basis_not_taken_for_interest():
    claim = read_claim("诉讼请求：判令被告归还借款本金60000元，利息3210.55元（以60000元为基数，按年利率12%"
                       "暂计算至2023年9月30日），此后利息计算至实际清偿之日止。")
    assert claim.interest.value == Decimal("3210.55")
    assert claim.cutoff.value == date(2023, 9, 30)
    assert claim.total == Decimal("63210.55")


def test_several_borrowers_and_co_borrowers():
    claim = read_claim("诉讼请求：判令被告赵某、钱某（共同借款人）共同偿还借款本金人民币78000元及逾期利息。")
    assert claim.principal.value == Decimal("78000")


def test_credit_card_wording():
    claim = read_claim("某银行股份有限公司诉讼请求：判令被告归还信用卡透支本金9876.54元及利息、费用、违约金共计"
                       "1234.56元（暂计算至2023年5月6日）。")
    assert claim.principal.value == Decimal("9876.54")
    assert claim.interest.value == Decimal("1234.56")
    assert claim.cause == "金融借款"


def test_car_loan_wording():
    claim = read_claim("某汽车金融有限公司诉讼请求：判令被告偿还汽车贷款本金88000元，截至2022年12月20日的利息1500元。")
    assert claim.principal.value == Decimal("88000")
    assert claim.cause == "金融借款"


@pytest.mark.parametrize("phrase", [
    "诉讼请求：判令被告归还借款１２０００元。",   # full-width digits
    "诉讼请求：判令被告归还借款12 000元。",       # a space inside the number
    "诉讼请求：判令被告归还借款12〇〇0元。",      # 〇 read for 0
    "诉讼请求：判令被告归还借款12O00元。",        # the letter O read for 0
    "诉讼请求：判令被告归还借款12000 元。",       # a space before the unit
])
def test_ocr_noise(phrase):
    assert read_claim(phrase).principal.value == Decimal("12000")


def test_fold_noise_keeps_positions():
    text = "借款１２〇00元"
    assert len(fold_noise(text)) == len(text)


def test_amount_in_a_table_row():
    text = "诉讼请求：判令被告偿还下表所列欠款：\n| 项目 | 金额 |\n| 借款本金 | 33000元 |\n| 利息 | 700元 |\n"
    claim = read_claim(text)
    assert claim.principal.value == Decimal("33000")


@pytest.mark.parametrize("text, filed", [
    ("被告孙某辩称，借款已经还清。", True),
    ("【被告陈述】对借款金额无异议，但无力偿还。", True),
    ("【被上诉人辩护】周某辩称，一审认定正确。", True),
    ("被告吴某经本院传票传唤，无正当理由未到庭参加诉讼。", False),
    ("被告吴某未作答辩，亦未提交证据。", False),
    ("原告提交了借条一张。", None),
])
def test_defence(text, filed):
    found = defence_filed(text)
    assert (found.value if found else None) is filed


@pytest.mark.parametrize("head, cause", [
    ("原告：某农村商业银行股份有限公司。诉讼请求：", "金融借款"),
    ("原告：某县农村信用合作联社。诉讼请求：", "金融借款"),
    ("原告：某小额贷款有限公司。诉讼请求：", "金融借款"),
    ("原告：陈某，男。诉讼请求：", "民间借贷"),
    ("原告：某餐饮管理有限公司。诉讼请求：", "民间借贷"),
])
def test_cause_by_who_lends(head, cause):
    assert classify_cause(head) == cause


def test_no_claim_no_values():
    claim = read_claim("本院认为，当事人应当按照约定全面履行自己的义务。")
    assert claim.principal is None and claim.total is None


def test_cause_is_read_from_the_lender_not_from_a_bank_named_in_the_rate():
    text = ("原告：李某，女。诉讼请求：判令被告归还借款5000元，"
            "并按全国银行间同业拆借中心公布的贷款市场报价利率支付利息。")
    assert classify_cause(text) == "民间借贷"


def test_cause_in_an_appeal_follows_the_first_instance_plaintiff():
    text = "【上诉人】（原审被告）：周某 【被上诉人】（原审原告）：某村镇银行股份有限公司 【上诉请求】撤销原判。"
    assert classify_cause(text) == "金融借款"
