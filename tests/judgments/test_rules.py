"""The law of court documents with worked examples (court-rules.md §0.2, §3.1, §5.2)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.errors import InvalidInput
from omnicourt.judgments import rules
from omnicourt.judgments.rules import DocumentKind
from tests.judgments.cases import CLAIMED, fee


@pytest.mark.parametrize(("on", "article"), [
    (date(2021, 12, 31), 253), (date(2022, 1, 1), 260), (date(2023, 6, 1), 260), (date(2023, 12, 31), 260),
    (date(2024, 1, 1), 264), (date(2025, 5, 1), 264), (date(2019, 10, 8), 253)])
def test_double_interest_cites_the_article_in_force_on_the_document_date(on, article):
    assert rules.cpl_article("double_interest", on) == article
    assert rules.article_words(article) in rules.delay_warning(on)


@pytest.mark.parametrize(("rule", "before", "after_2022", "after_2024"), [
    ("default_judgment", 144, 147, 147), ("small_claims", 162, 165, 165), ("appeal", 164, 171, 171),
    ("mediation_effective", 97, 100, 100), ("withdrawal", 145, 148, 148), ("transfer", 36, 37, 37)])
def test_the_renumbering_of_2022_and_2024(rule, before, after_2022, after_2024):
    assert [rules.cpl_article(rule, day) for day in (date(2020, 3, 24), date(2023, 6, 1), date(2024, 6, 1))] \
        == [before, after_2022, after_2024]


def test_articles_and_dates_in_chinese_numerals():
    assert rules.article_words(264) == "第二百六十四条"
    assert rules.article_words(701) == "第七百零一条"
    assert rules.date_in_numerals(date(2020, 3, 24)) == "二〇二〇年三月二十四日"
    assert rules.date_in_numerals(date(2024, 1, 10)) == "二〇二四年一月十日"
    assert rules.cpl_citation(("ruling_scope", "suit_conditions"), date(2024, 1, 1)) \
        == "《中华人民共和国民事诉讼法》第一百二十二条、第一百五十七条"


def test_the_fee_of_the_worked_example_is_halved_under_simple_procedure():
    """§3.1: 114,142.70 → 2,582.85, halved 1,291.43 (the court rounded to 1,291 yuan: per court)."""
    assert CLAIMED == Decimal("114142.70")
    assert (fee().full, fee().charged) == (Decimal("2582.85"), Decimal("1291.43"))
    assert fee(rounding="yuan").charged == Decimal("1291")


def test_the_loser_pays_and_a_partial_win_is_apportioned():
    assert rules.fee_shares(Decimal("1291.43"), claimed=CLAIMED, awarded=CLAIMED) == \
        rules.FeeShares(Decimal(0), Decimal("1291.43"))
    assert rules.fee_shares(Decimal("1291.43"), claimed=CLAIMED, awarded=Decimal(0)) == \
        rules.FeeShares(Decimal("1291.43"), Decimal(0))
    half = rules.fee_shares(Decimal("100.00"), claimed=Decimal(1000), awarded=Decimal(500))
    assert (half.plaintiffs, half.defendants) == (Decimal("50.00"), Decimal("50.00"))


@given(st.decimals(0, 10**7, places=2), st.decimals(0, 10**7, places=2), st.decimals(0, 10**5, places=2))
def test_the_shares_always_add_up_to_the_fee(claimed, awarded, charged):
    awarded = min(awarded, claimed)
    shares = rules.fee_shares(charged, claimed=claimed, awarded=awarded)
    assert shares.plaintiffs + shares.defendants == charged
    assert shares.plaintiffs >= 0 and shares.defendants >= 0


def test_an_award_above_the_claim_is_refused_never_cut():
    assert rules.bounded_award("本金", Decimal(100), Decimal(100)).awarded == Decimal(100)
    with pytest.raises(InvalidInput, match="超过诉讼请求金额") as refused:
        rules.bounded_award("本金", Decimal(100), Decimal("100.01"))
    assert refused.value.field == "awards"


def test_the_appeal_notice_names_the_parent_court_or_states_finality():
    notice = rules.appeal_notice(family="civil", kind=DocumentKind.JUDGMENT, appeal_court="某中级人民法院",
                                 small_claims=False, finality="本判决为终审判决。")
    assert "十五日内" in notice and notice.endswith("上诉于某中级人民法院。")
    ruling = rules.appeal_notice(family="civil", kind=DocumentKind.RULING, appeal_court="某中级人民法院",
                                 small_claims=False, finality="")
    assert "裁定书送达之日起十日内" in ruling
    assert rules.appeal_notice(family="civil", kind=DocumentKind.JUDGMENT, appeal_court="某中级人民法院",
                               small_claims=True, finality="本判决为终审判决。") == "本判决为终审判决。"
    criminal = rules.appeal_notice(family="criminal", kind=DocumentKind.JUDGMENT, appeal_court="某中级人民法院",
                                   small_claims=False, finality="")
    assert "第二日起十日内" in criminal


def test_a_court_sets_its_own_order_of_items_10_and_11():
    table = {"delay_warning_first": True, "small_claims_finality": "本判决为终审判决。",
             "courts": {"粤0192": {"delay_warning_first": False}}}
    assert rules.practice("粤0192", table).delay_warning_first is False
    assert rules.practice("浙0106", table).delay_warning_first is True


def test_unknown_kinds_are_refused_in_chinese():
    with pytest.raises(InvalidInput, match="未知的文书种类") as refused:
        rules.kind_of("verdict")
    assert refused.value.field == "kind"
    with pytest.raises(InvalidInput, match="未知的裁定事项"):
        rules.ruling_kind_of("seizure")


def test_the_kind_of_case_and_the_title():
    assert [rules.family_of(code) for code in ("民初", "刑初", "行初", "执")] == \
        ["civil", "criminal", "administrative", "civil"]
    assert rules.document_title(DocumentKind.JUDGMENT, "civil") == "民 事 判 决 书"
    assert rules.document_title(DocumentKind.RULING, "administrative") == "行 政 裁 定 书"
