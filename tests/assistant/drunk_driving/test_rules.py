"""The drunk-driving sentencing rules with the worked figures of court-rules.md §6."""

from decimal import Decimal

import pytest

from omnicourt.assistant.drunk_driving import rules
from omnicourt.assistant.drunk_driving.rules import Circumstances, ProsecutionSuggestion
from omnicourt.errors import InvalidInput


def test_the_term_follows_the_blood_alcohol_bands():
    assert [rules.base_term(b) for b in (85, 119.9, 120, 199, 200, 249, 250, 400)] == [1, 1, 2, 2, 3, 3, 4, 4]


def test_the_fine_starts_at_the_administrative_fine_and_rises_a_thousand_a_month():
    # §6.2 art. 15: start not below the drink-driving fine (1,000–2,000), + 1,000–5,000 per extra month of 拘役
    assert rules.fine_for(1) == Decimal(2000)
    assert rules.fine_for(3) == Decimal(4000)
    assert rules.fine_band(1) == (Decimal(1000), Decimal(2000))
    assert rules.fine_band(3) == (Decimal(3000), Decimal(12000))


def test_probation_period_is_between_the_term_and_a_year_and_at_least_two_months():
    assert rules.probation_months(1) == 2
    assert rules.probation_months(2) == 4
    assert rules.probation_months(6) == 12
    assert rules.validate_probation_period(1, 2) == 2
    with pytest.raises(InvalidInput):
        rules.validate_probation_period(3, 2)  # shorter than the term (刑法 art. 73)
    with pytest.raises(InvalidInput):
        rules.validate_probation_period(1, 13)


def test_detention_is_one_to_six_months_and_up_to_a_year_combined():
    assert rules.validate_term(6) == 6
    assert rules.validate_term(12, combined=True) == 12
    with pytest.raises(InvalidInput) as error:
        rules.validate_term(7)
    assert error.value.field == "term_months"


def test_a_low_reading_without_aggravation_gets_the_minimum_with_probation_and_a_note_on_article_12():
    sentence = rules.suggest(Circumstances(bac=110, frank=True))
    assert (sentence.term_months, sentence.fine, sentence.probation) == (1, Decimal(2000), True)
    assert any("第十二条" in w for w in sentence.warnings)
    assert "《中华人民共和国刑法》第七十二条、第七十三条" in sentence.articles


def test_over_180_probation_is_generally_not_applied():
    sentence = rules.suggest(Circumstances(bac=236))
    assert (sentence.term_months, sentence.probation, sentence.probation_months) == (3, False, None)
    assert "第十四条" in sentence.steps[-1].articles[0]


def test_fleeing_after_an_accident_aggravates_and_bars_probation():
    sentence = rules.suggest(Circumstances(bac=130, accident=True, main_responsibility=True, fled=True,
                                           compensation=True))
    assert sentence.term_months == 3 and not sentence.probation
    assert "（二）造成交通事故后逃逸" in rules.aggravating(Circumstances(bac=130, accident=True, fled=True))


def test_no_licence_and_an_expressway_are_listed_as_aggravating_in_the_opinions_order():
    found = rules.aggravating(Circumstances(bac=150, no_licence=True, expressway=True))
    assert found == ["（三）未取得机动车驾驶证驾驶汽车", "（八）在高速公路上驾驶"]


def test_a_minor_gets_probation_even_over_180():
    assert rules.suggest(Circumstances(bac=200, minor=True)).probation


def test_a_guilty_plea_adopts_the_procuratorates_suggestion_and_the_differences_are_named():
    facts = Circumstances(bac=236, guilty_plea=True)
    prosecution = ProsecutionSuggestion(2, Decimal(3000), True)
    own = rules.suggest(facts)
    adopted = rules.suggest(facts, prosecution)
    assert (adopted.term_months, adopted.fine, adopted.probation) == (2, Decimal(3000), True)
    assert "第二百零一条" in adopted.steps[-1].articles[0]
    assert rules.differences(own, prosecution) == [
        "拘役：助手3个月，公诉机关建议2个月", "罚金：助手4000元，公诉机关建议3000元",
        "缓刑：助手不适用，公诉机关建议适用"]


def test_without_a_plea_the_suggestion_is_not_adopted():
    adopted = rules.suggest(Circumstances(bac=236), ProsecutionSuggestion(2, Decimal(3000), True))
    assert adopted.term_months == 3
