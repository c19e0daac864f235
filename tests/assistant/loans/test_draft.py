"""The judgment draft: every section of court-rules.md §5.2, in order, following the judge's decisions."""

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from omnicourt.assistant.documents import CaseDocument
from omnicourt.assistant.loans.causes import PRIVATE_LENDING
from omnicourt.assistant.loans.draft import (
    ClaimDecision,
    DraftCase,
    DraftOptions,
    Hearing,
    PointDecision,
    draft_judgment,
    draft_sections,
)
from omnicourt.assistant.loans.focus import dispute_focus
from omnicourt.assistant.numbers import date_in_words
from omnicourt.errors import InvalidInput
from omnicourt.fees import rules as fee_rules
from omnicourt.fees.service import property_scale
from omnicourt.interest.lpr import LprTable
from omnicourt.interest.wording import yuan
from omnicourt.loans.compute import compute
from omnicourt.loans.elements import Collateral, Guarantee, LoanTerms, Party

LENDER = "中国银行股份有限公司杭州西湖支行"
# The claimed amounts of （2019）粤0192民初38420号 (court-rules.md §3.1): they add up to 114,142.70.
TERMS = LoanTerms(
    lender=Party(LENDER, address="杭州市西湖区文三路1号", representative="王五"),
    borrowers=(Party("张三", "330106199001011234", "杭州市西湖区某路2号"),),
    contract_number="XH2023-001", contract_date=date(2023, 1, 5), principal=D("120000"),
    term_start=date(2023, 1, 6), term_end=date(2024, 1, 5), rate_text="年利率6.12%",
    repayment_method="按月付息到期还本", penalty_uplift=D("0.5"), compound=True, day_count=360,
    disbursed_on=date(2023, 1, 6), disbursed_amount=D("120000"), default_on=date(2023, 6, 6),
    accelerated_on=date(2023, 9, 1), cutoff=date(2024, 3, 20),
    claimed_principal=D("104836.96"), claimed_interest=D("3817.26"), claimed_penalty=D("5218.59"),
    claimed_compound=D("269.89"),
    guarantees=(Guarantee(Party("李四", "330106199202021234"), "joint"),),
    collateral=(Collateral("张三", "坐落于杭州市西湖区某路2号的房产", D("150000")),),
)
AMOUNTS = compute(TERMS, cutoff=TERMS.cutoff, lpr=LprTable.load(), apply_cap=False)
DEFENCE = CaseDocument("答辩状.txt", "defence", "答辩人：张三\n答辩人：李四\n"
                       "被告对借款事实无异议，但罚息、复利过高。保证合同上的签名不是李四本人所签。")


def case(**changes) -> DraftCase:
    base = DraftCase(
        court_name="杭州市西湖区人民法院", case_number="（2024）浙0106民初1234号", terms=TERMS, amounts=AMOUNTS,
        focus=dispute_focus([DEFENCE], {}), procedure="simple", filed_on=date(2024, 3, 25),
        judgment_date=date(2024, 6, 3), judges=("赵六",), clerk="钱七", appeal_court="浙江省杭州市中级人民法院",
        hearing=Hearing(online=True, attendance_recorded=True, plaintiff_present=True,
                        defendants_present=("张三", "李四"), plaintiff_agent="孙八，浙江某律师事务所律师"),
        point_decisions=(PointDecision("rate_above_cap", False, "罚息、复利按合同约定计收，未超过法定上限。"),
                         PointDecision("guarantor_denies_signing", False, "经鉴定，保证合同上的签名系李四本人所签。")),
    )
    return replace(base, **changes)


def text_of(draft: DraftCase, key: str) -> str:
    return "\n".join(next(s.paragraphs for s in draft_sections(draft) if s.key == key))


def aligned(paragraph):
    """A paragraph's alignment, its own or its style's (the renderer aligns by style)."""
    return paragraph.alignment or paragraph.style.paragraph_format.alignment


def docx_paragraphs(draft: DraftCase) -> list:
    return Document(io.BytesIO(draft_judgment(draft))).paragraphs


def test_every_section_of_the_model_in_order():
    keys = [section.key for section in draft_sections(case())]
    assert keys == ["title", "parties", "history", "plaintiff_claims", "defence", "facts", "reasoning",
                    "legal_basis", "operative", "delay_warning", "fee", "appeal", "signature"]
    swapped = case(options=DraftOptions(delay_warning_before_fee=False))
    assert [s.key for s in draft_sections(swapped)][9:11] == ["fee", "delay_warning"]


def test_the_docx_carries_the_sections_and_the_computed_amounts():
    paragraphs = docx_paragraphs(case())
    texts = [paragraph.text for paragraph in paragraphs]
    assert texts[:3] == ["杭州市西湖区人民法院", "民 事 判 决 书", "（2024）浙0106民初1234号"]
    assert aligned(paragraphs[0]) == WD_ALIGN_PARAGRAPH.CENTER
    assert aligned(paragraphs[2]) == WD_ALIGN_PARAGRAPH.RIGHT
    assert "负责人：王五。" in texts        # a bank branch is represented by its 负责人 (§5.2 item 2)
    operative = texts[next(i for i, t in enumerate(texts) if t.endswith("判决如下：")) + 1]
    # Ordered: the computed amount, never more than claimed (principal 120000 computed, 104836.96 claimed).
    assert "借款本金104836.96元" in operative
    assert f"罚息{yuan(min(AMOUNTS.penalty, D('5218.59')))}" in operative
    assert "（暂计至2024年3月20日）" in operative
    assert "至实际清偿之日止" in operative and "按年利率9.18%计付罚息" in operative
    assert "二、被告李四对本判决第一项确定的债务承担连带清偿责任；" in texts
    assert any(t.startswith(f"三、原告{LENDER}对被告张三所有的") and "在150000.00元范围内优先受偿" in t for t in texts)
    assert texts[-3:] == ["审判员　赵六", "二〇二四年六月三日", "书记员　钱七"]


@pytest.mark.parametrize(("judgment_date", "article"), [
    (date(2020, 3, 24), "第二百五十三条"),   # CPL 2017 numbering, as the 2020 judgment cites it
    (date(2021, 12, 31), "第二百五十三条"),
    (date(2022, 1, 1), "第二百六十条"),
    (date(2023, 12, 31), "第二百六十条"),
    (date(2024, 1, 1), "第二百六十四条"),
    (date(2025, 3, 24), "第二百六十四条"),
])
def test_the_delay_warning_cites_the_cpl_article_in_force_on_the_judgment_date(judgment_date, article):
    texts = [p.text for p in docx_paragraphs(case(judgment_date=judgment_date))]
    [warning] = [t for t in texts if "加倍支付迟延履行期间的债务利息" in t]
    assert f"《中华人民共和国民事诉讼法》{article}规定" in warning


def test_default_judgment_wording_and_article_147():
    focus = dispute_focus([], {})
    absent = Hearing(attendance_recorded=True, plaintiff_present=True, defendants_absent=("张三", "李四"))
    draft = case(focus=focus, point_decisions=(), hearing=absent)
    assert focus.default_judgment
    assert text_of(draft, "defence") == ("被告张三、李四未答辩亦未对原告的证据发表质证意见，"
                                         "视为其自行放弃相应的诉讼权利。")
    assert "经本院传票传唤，无正当理由拒不到庭参加诉讼" in text_of(draft, "history")
    assert "《中华人民共和国民事诉讼法》第一百四十七条" in text_of(draft, "legal_basis")
    assert "一百四十七" not in text_of(case(), "legal_basis")
    # Before the 2021 revision took effect the same rule was art. 144 (the 2020 judgment of §5.3 cites it).
    assert "第一百四十四条" in text_of(replace(draft, judgment_date=date(2020, 3, 24)), "legal_basis")


def test_small_claims_are_final_and_the_statement_is_configurable():
    draft = case(procedure="small_claims")
    assert text_of(draft, "appeal") == "本判决为终审判决。"
    assert "上诉于" not in "\n".join(p.text for p in docx_paragraphs(draft))
    assert "第一百六十五条" in text_of(draft, "legal_basis")
    final = DraftOptions(small_claims_finality="本判决为终审判决，送达即生效。")
    custom = case(procedure="small_claims", options=final)
    assert text_of(custom, "appeal") == "本判决为终审判决，送达即生效。"


def test_the_appeal_notice_names_the_intermediate_court_and_fifteen_days():
    appeal = text_of(case(procedure="ordinary"), "appeal")
    assert "十五日内" in appeal and appeal.endswith("上诉于浙江省杭州市中级人民法院。")


def test_a_rejected_claim_is_absent_from_the_operative_part():
    draft = case(claim_decisions=(ClaimDecision("penalty", False, "原告未能举证证明罚息的计算依据"),))
    operative = text_of(draft, "operative")
    assert "罚息" not in operative            # neither the amount to the cut-off nor the running formula
    assert f"复利{yuan(min(AMOUNTS.compound, D('269.89')))}" in operative
    assert operative.endswith("驳回原告中国银行股份有限公司杭州西湖支行的其他诉讼请求。")
    assert "原告主张的罚息，原告未能举证证明罚息的计算依据，本院不予支持。" in text_of(draft, "reasoning")


def test_an_upheld_defence_point_defeats_the_claims_it_answers():
    draft = case(point_decisions=(PointDecision("rate_above_cap", False, "未超过上限。"),
                                  PointDecision("guarantor_denies_signing", True, "经鉴定，签名并非李四所签。")))
    operative = text_of(draft, "operative")
    assert "李四" not in operative and "连带清偿责任" not in operative
    assert "驳回原告" in operative
    assert "被告张三、李四的该项抗辩意见，本院予以采纳。" in text_of(draft, "reasoning")
    assert "第六百八十八条" not in text_of(draft, "legal_basis")
    assert "第六百八十八条" in text_of(case(), "legal_basis")


def test_the_judge_cannot_support_a_claim_defeated_by_an_upheld_point():
    draft = case(point_decisions=(PointDecision("guarantor_denies_signing", True, "签名不真实。"),),
                 claim_decisions=(ClaimDecision("guarantee", True),))
    with pytest.raises(InvalidInput) as refused:
        draft_sections(draft)
    assert refused.value.field == "claim_decisions"


def test_everything_dismissed_when_the_loan_was_never_received():
    defence = CaseDocument("答辩状.txt", "defence", "被告从未收到该笔借款。")
    draft = case(focus=dispute_focus([defence], {}),
                 point_decisions=(PointDecision("loan_not_received", True, "原告未能证明借款已实际发放。"),))
    assert text_of(draft, "operative") == f"驳回原告{LENDER}的全部诉讼请求。"   # one item: not numbered
    assert "delay_warning" not in [s.key for s in draft_sections(draft)]
    assert text_of(draft, "fee").endswith(f"由原告{LENDER}负担。")
    reasoning = text_of(draft, "reasoning")
    assert reasoning.startswith("本院认为，关于原告是否已按约发放借款的问题。原告未能证明借款已实际发放。")
    assert text_of(draft, "legal_basis") == "依照【待审判员认定】之规定，判决如下："   # no loan article is cited


def test_an_undecided_point_is_marked_for_the_judge():
    assert "【待审判员认定】" in text_of(case(point_decisions=()), "reasoning")
    assert "【待审判员认定】" not in text_of(case(), "reasoning")


def test_the_rate_cap_review_states_whether_the_cap_bound():
    assert "未超过年利率24%" in text_of(case(), "reasoning")
    no_request = case(focus=dispute_focus([], {}), point_decisions=())
    assert "被告未请求调减" in text_of(no_request, "reasoning")


def test_the_acceptance_fee_is_halved_for_simple_procedure():
    # §3.1: 114,142.70 claimed → 2,582.85, halved 1,291.43 (the court in the example rounded it to 1,291).
    everything = case(claim_decisions=(), amounts=replace(AMOUNTS, principal=D("104836.96"), interest=D("3817.26"),
                                                          penalty=D("5218.59"), compound=D("269.89")))
    assert text_of(everything, "fee") == "案件受理费2582.85元，减半收取1291.43元（原告已预交），由被告张三、李四负担。"
    rounded = fee_rules.acceptance_fee(D("114142.70"), property_scale(), procedure="simple",
                                       rounding="yuan")
    assert "减半收取1291.00元" in text_of(replace(everything, acceptance_fee=rounded), "fee")
    assert "减半" not in text_of(replace(everything, procedure="ordinary"), "fee")


def test_a_partial_win_splits_the_fee_and_the_shares_add_up():
    draft = case(claim_decisions=(ClaimDecision("penalty", False, "无依据"),))
    fee = text_of(draft, "fee")
    plaintiff, defendants = (D(part.split("负担")[1].rstrip("元，。")) for part in fee.split("，")[-2:])
    assert plaintiff + defendants == D("1291.43")
    assert plaintiff > 0 and defendants > plaintiff


def test_no_delay_warning_without_a_money_order():
    draft = case(claim_decisions=tuple(ClaimDecision(name, False, "不予支持")
                                       for name in ("principal", "interest", "penalty", "compound")))
    keys = [s.key for s in draft_sections(draft)]
    assert "delay_warning" not in keys
    assert text_of(draft, "operative") == f"驳回原告{LENDER}的全部诉讼请求。"


@pytest.mark.parametrize(("day", "words"), [
    (date(2025, 3, 24), "二〇二五年三月二十四日"),
    (date(2020, 10, 10), "二〇二〇年十月十日"),
    (date(2024, 12, 31), "二〇二四年十二月三十一日"),
])
def test_the_signature_date_is_written_in_chinese_numerals(day, words):
    assert date_in_words(day) == words


def test_a_company_lender_has_a_legal_representative():
    lender = Party("某银行股份有限公司", representative="周九")
    assert "法定代表人：周九。" in text_of(case(terms=replace(TERMS, lender=lender)), "parties")


def test_an_unknown_procedure_is_refused_in_chinese():
    with pytest.raises(InvalidInput, match="程序"):
        draft_sections(case(procedure="summary"))


def test_a_private_lending_draft_speaks_of_overdue_interest_never_of_penalty_interest():
    private = case(cause=PRIVATE_LENDING, focus=dispute_focus([], {}), point_decisions=())
    for key in ("plaintiff_claims", "facts"):
        text = text_of(private, key)
        assert "罚息" not in text and "逾期利率在合同利率基础上上浮" in text and "按逾期利率计收复利" in text, key
    assert "罚息利率在合同利率基础上上浮" in text_of(case(), "facts")
