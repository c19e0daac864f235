"""The draft never awards what was not claimed (不告不理); its facts, bases and items agree (court-rules.md §5.2)."""

import io
from dataclasses import replace
from decimal import Decimal as D

from docx import Document

from omnicourt.assistant.loans.draft import draft_judgment
from omnicourt.interest.lpr import LprTable
from omnicourt.interest.wording import yuan
from omnicourt.loans.compute import compute
from tests.assistant.loans.test_draft import AMOUNTS, TERMS, case

PRINCIPAL_ONLY = replace(TERMS, claimed_principal=D("100000"), claimed_interest=None, claimed_penalty=None,
                         claimed_compound=None)


def paragraphs(draft) -> list[str]:
    return [paragraph.text for paragraph in Document(io.BytesIO(draft_judgment(draft))).paragraphs]


def operative(texts: list[str]) -> str:
    start = next(i for i, text in enumerate(texts) if text.endswith("判决如下：")) + 1
    end = next(i for i, text in enumerate(texts) if "加倍支付迟延履行期间的债务利息" in text)
    return "\n".join(texts[start:end])


def test_a_principal_only_claim_orders_no_interest_penalty_or_compound():
    assert AMOUNTS.interest > 0 and AMOUNTS.penalty > 0 and AMOUNTS.compound > 0   # computed, but not claimed
    texts = paragraphs(case(terms=PRINCIPAL_ONLY))
    items = operative(texts)
    assert "借款本金100000.00元" in items
    for charge in ("利息", "罚息", "复利"):
        assert charge not in items
    facts = next(text for text in texts if text.startswith("截至") and "被告尚欠" in text)
    assert facts == "截至2024年3月20日，被告尚欠借款本金100000.00元。"
    whole = "\n".join(texts)
    assert "及此后的" not in whole                        # the claims as drafted from the terms ask no running charge
    assert "应承担偿还借款本金的违约责任" in whole
    assert "银发〔2003〕251号" not in whole              # no interest claimed: no rate review


def test_the_reasoning_notes_the_computed_figure_and_supports_the_claimed_one():
    texts = paragraphs(case(terms=PRINCIPAL_ONLY))
    [note] = [text for text in texts if text.startswith("经本院核算")]
    assert f"借款本金{yuan(AMOUNTS.principal)}" in note and "原告主张借款本金100000.00元" in note
    assert "在原告诉讼请求的范围内予以支持" in note
    assert yuan(AMOUNTS.principal) not in operative(texts)


def test_the_penalty_base_is_the_awarded_principal():
    assert AMOUNTS.principal > TERMS.claimed_principal      # computed 120000, claimed 104836.96
    texts = paragraphs(case())
    items = operative(texts)
    assert "借款本金104836.96元" in items
    assert "以未还本金104836.96元为基数，按年利率9.18%计付罚息" in items
    assert "以未还本金120000.00元为基数" not in "\n".join(texts)
    facts = next(text for text in texts if text.startswith("截至") and "被告尚欠" in text)
    assert "借款本金104836.96元" in facts and "120000.00" not in facts


def test_the_compound_base_is_the_awarded_interest():
    terms = replace(TERMS, claimed_interest=D("1000"))
    amounts = compute(terms, cutoff=terms.cutoff, lpr=LprTable.load(), apply_cap=False)
    assert amounts.interest > D("1000")
    items = operative(paragraphs(case(terms=terms, amounts=amounts)))
    assert "利息1000.00元" in items and "以未还利息1000.00元为基数" in items


def test_a_charge_not_claimed_has_no_running_formula_but_the_claimed_one_keeps_it():
    terms = replace(TERMS, claimed_compound=None)
    items = operative(paragraphs(case(terms=terms)))
    assert "计付罚息" in items
    assert "复利" not in items


def test_a_principal_only_judgment_cites_no_interest_article_and_dates_no_running_amount():
    texts = paragraphs(case(terms=PRINCIPAL_ONLY))
    basis = next(text for text in texts if text.endswith("判决如下："))
    assert "第六百六十七条、第六百七十五条" in basis
    assert "第六百七十四条" not in basis and "第六百七十六条" not in basis
    assert "暂计至" not in operative(texts)
    full = next(text for text in paragraphs(case()) if text.endswith("判决如下："))
    assert "第六百七十四条" in full and "第六百七十六条" in full
