"""The pure rules of supervision: long-pending tiers, ISO weeks, report periods, overdue replies."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.dashboard.rules import is_long_pending
from omnicourt.supervision import rules

TIERS = (12, 18, 36)


@pytest.mark.parametrize(("accepted_on", "today", "tier"), [
    (date(2025, 1, 15), date(2026, 1, 15), None),  # exactly 12 months: not yet "more than" 12
    (date(2025, 1, 15), date(2026, 1, 16), 12),
    (date(2024, 7, 15), date(2026, 1, 15), 12),  # exactly 18 months: still the 12-month tier
    (date(2024, 7, 15), date(2026, 1, 16), 18),
    (date(2023, 1, 15), date(2026, 1, 16), 36),
    (date(2020, 1, 1), date(2026, 1, 16), 36),
    (date(2024, 2, 29), date(2025, 2, 28), None),  # 29 February: a year later is 28 February
    (date(2024, 2, 29), date(2025, 3, 1), 12),
    (date(2026, 1, 1), date(2026, 1, 1), None),
])
def test_tier(accepted_on, today, tier):
    assert rules.tier(accepted_on, today, TIERS) == tier


def test_tiers_may_come_unsorted_and_configured():
    assert rules.tier(date(2024, 1, 1), date(2026, 1, 2), (24, 6)) == 24
    assert rules.tier(date(2025, 6, 1), date(2026, 1, 2), (24, 6)) == 6


@given(st.dates(date(2015, 1, 1), date(2030, 1, 1)), st.dates(date(2015, 1, 1), date(2030, 1, 1)))
def test_tier_agrees_with_the_dashboard_and_the_cutoff(accepted_on, today):
    reached = rules.tier(accepted_on, today, TIERS)
    assert (reached is not None) == is_long_pending(accepted_on, today, 12) == (
        accepted_on < rules.entry_cutoff(today, TIERS))
    if reached is not None:
        assert is_long_pending(accepted_on, today, reached)


@pytest.mark.parametrize(("day", "week", "monday"), [
    (date(2026, 1, 1), (2026, 1), date(2025, 12, 29)),  # a Thursday: week 1 of 2026
    (date(2027, 1, 1), (2026, 53), date(2026, 12, 28)),  # a Friday: still 2026's week 53
    (date(2026, 11, 29), (2026, 48), date(2026, 11, 23)),  # a Sunday ends its week
    (date(2026, 11, 30), (2026, 49), date(2026, 11, 30)),
])
def test_iso_week(day, week, monday):
    assert rules.iso_week(day) == week
    assert rules.week_start(day) == monday


@pytest.mark.parametrize(("kind", "number", "start", "end"), [
    ("month", 2, date(2024, 2, 1), date(2024, 2, 29)),
    ("month", 12, date(2024, 12, 1), date(2024, 12, 31)),
    ("quarter", 1, date(2024, 1, 1), date(2024, 3, 31)),
    ("quarter", 4, date(2024, 10, 1), date(2024, 12, 31)),
])
def test_period(kind, number, start, end):
    per = rules.period(kind, 2024, number)
    assert (per.start, per.end) == (start, end)


@pytest.mark.parametrize(("kind", "number"), [("month", 13), ("quarter", 5), ("week", 1), ("month", 0)])
def test_period_refuses_unknown(kind, number):
    with pytest.raises(ValueError):
        rules.period(kind, 2024, number)


def test_current_period():
    assert rules.current_period("quarter", date(2026, 11, 29)).number == 4
    assert rules.current_period("month", date(2026, 11, 29)).label == "2026年11月"


def test_overdue():
    due = date(2026, 3, 10)
    assert not rules.reply_overdue(due, date(2026, 3, 10), replied_on=None)
    assert rules.reply_overdue(due, date(2026, 3, 11), replied_on=None)
    assert not rules.reply_overdue(due, date(2026, 4, 1), replied_on=date(2026, 3, 9))
    assert rules.reply_overdue(due, date(2026, 4, 1), replied_on=date(2026, 3, 12))  # a late reply stays late
    assert rules.target_overdue(date(2026, 3, 1), date(2026, 3, 2), closed=False)
    assert not rules.target_overdue(date(2026, 3, 1), date(2026, 3, 2), closed=True)
    assert not rules.target_overdue(None, date(2026, 3, 2), closed=False)


def test_superior_role():
    assert rules.superior_role("division_chief") == "president"
    assert rules.superior_role("vice_president") == "president"
    assert rules.superior_role("president") == "parent_president"
