"""The law of judicial confirmation with the worked examples of rules.py (court-rules-2.md §4.3)."""

from datetime import date

import pytest

from omnicourt.confirmation import rules
from omnicourt.deadlines.calculator import default_holidays
from omnicourt.errors import InvalidInput


def test_the_period_is_30_days_from_the_agreement_taking_effect():
    calendar = default_holidays()
    assert rules.last_day_to_apply(date(2026, 3, 2), calendar) == date(2026, 4, 1)
    # the 30th day is Sunday 4 October, inside the National Day holiday: the first working day after it
    assert rules.last_day_to_apply(date(2026, 9, 4), calendar) == date(2026, 10, 8)


def test_a_year_without_a_holiday_table_rolls_over_weekends_only():
    # 2026-12-04 + 30 days = Sunday 2027-01-03
    assert rules.last_day_to_apply(date(2026, 12, 4), default_holidays()) == date(2027, 1, 4)


def test_an_application_after_the_last_day_is_refused_with_the_rule():
    calendar = default_holidays()
    assert rules.check_period(effective_on=date(2026, 3, 2), applied_on=date(2026, 4, 1),
                              calendar=calendar) == date(2026, 4, 1)
    with pytest.raises(InvalidInput, match="第二百零五条") as refused:
        rules.check_period(effective_on=date(2026, 3, 2), applied_on=date(2026, 4, 2), calendar=calendar)
    assert refused.value.field == "applied_on" and "2026-04-01" in str(refused.value)


def test_the_court_is_the_one_that_invited_the_mediation():
    rules.check_court(applied_court_id=7, inviting_court_id=7, inviting_court_name="杭州市西湖区人民法院")
    with pytest.raises(InvalidInput, match="西湖区人民法院.*特邀调解的规定》第十九条") as refused:
        rules.check_court(applied_court_id=8, inviting_court_id=7, inviting_court_name="杭州市西湖区人民法院")
    assert refused.value.field == "court_id"


def test_status_and_ownership_matters_are_not_accepted():
    assert "身份关系" in rules.not_accepted_for_cause("fam.marriage.parentage")
    assert "第三百五十五条" in rules.not_accepted_for_cause("prop.protection.confirmation")
    assert rules.not_accepted_for_cause("cont.contract.loan") is None


def test_the_checklist_decides_the_ruling():
    assert rules.decide([], "") == rules.Decision(True, ())
    assert rules.decide(["unclear", "mandatory_law"], "") == rules.Decision(False, ("mandatory_law", "unclear"))
    with pytest.raises(InvalidInput) as refused:
        rules.decide(["other"], " ")
    assert refused.value.field == "reason"
    with pytest.raises(InvalidInput):
        rules.decide(["whatever"], "")


def test_the_application_is_joint():
    assert not rules.all_joined({1}, {1, 2})
    assert rules.all_joined({1, 2}, {1, 2})
    assert not rules.all_joined(set(), set())
