"""The choice of procedure for a criminal first instance (刑诉法 arts 214, 215, 222, 223) and the suggestion's range."""

from decimal import Decimal

import pytest

from omnicourt.criminal import rules
from omnicourt.errors import InvalidInput

DD = rules.CHARGES["危险驾驶罪"]
SUGGESTION = rules.ProsecutionSentence("拘役", Decimal(2), Decimal(3000), True)


def choose(**overrides):
    arguments = dict(court_level="basic", charge_=DD, suggestion=SUGGESTION, guilty_plea=True, admits_facts=True,
                     consents_fast_track=True, consents_simple=True, exclusions=frozenset())
    return rules.choose_procedure(**(arguments | overrides))


def test_a_drunk_driver_who_pleads_and_consents_is_tried_fast_track_within_ten_days():
    choice = choose()
    assert choice.procedure == "fast_track"
    assert "第二百二十二条" in choice.reasons[0] and "十日" in choice.reasons[1]


def test_without_the_plea_the_simple_procedure_if_the_defendant_admits_the_facts():
    choice = choose(guilty_plea=False)
    assert choice.procedure == "simple"
    assert "被告人未认罪认罚" in choice.reasons[0]


def test_a_minor_is_not_tried_fast_track_but_may_be_tried_in_simple_procedure():
    assert choose(exclusions=frozenset({"minor"})).procedure == "simple"


def test_a_disabled_defendant_or_a_not_guilty_plea_gets_the_ordinary_procedure():
    assert choose(exclusions=frozenset({"disabled"})).procedure == "ordinary"
    choice = choose(guilty_plea=False, admits_facts=False)
    assert choice.procedure == "ordinary" and "第二百一十四条" in " ".join(choice.reasons)


def test_a_possible_sentence_over_three_years_rules_out_fast_track():
    theft = rules.CHARGES["盗窃罪"]
    heavy = rules.ProsecutionSentence("有期徒刑", Decimal(48), Decimal(10000), False)
    choice = choose(charge_=theft, suggestion=heavy)
    assert choice.procedure == "simple" and "超过三年" in choice.reasons[0]


def test_only_a_basic_court_uses_fast_track_or_simple_procedure():
    assert choose(court_level="intermediate").procedure == "ordinary"


def test_unknown_exclusions_and_charges_are_refused_naming_the_field():
    with pytest.raises(InvalidInput) as error:
        choose(exclusions=frozenset({"whatever"}))
    assert error.value.field == "exclusions"
    with pytest.raises(InvalidInput) as error:
        rules.charge("不存在罪")
    assert error.value.field == "charge"


@pytest.mark.parametrize("suggestion, field", [
    (rules.ProsecutionSentence("拘役", Decimal(7), Decimal(3000), False), "suggestion.months"),   # art. 42: ≤ 6
    (rules.ProsecutionSentence("有期徒刑", Decimal(8), Decimal(3000), False), "suggestion.penalty"),
    (rules.ProsecutionSentence("拘役", Decimal(2), None, False), "suggestion.fine"),               # 并处罚金
])
def test_a_drunk_driving_suggestion_outside_the_law_is_refused(suggestion, field):
    with pytest.raises(InvalidInput) as error:
        rules.check_suggestion(DD, suggestion)
    assert error.value.field == field


def test_the_case_is_named_after_the_defendant_and_the_charge():
    assert rules.case_title("张三", DD) == "张三危险驾驶案"
