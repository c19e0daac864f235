"""The basic civil trial deadline (court-rules.md §2.1): CPL arts 152, 164, 168, 183, 187, 287."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.deadlines.rules import DeadlineStatus, add_months, basic_trial_deadline, deadline_status
from omnicourt.errors import InvalidInput


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 15), 1, date(2026, 2, 15)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_month_end(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("filed_on", "procedure", "case_type", "expected"),
    [
        (date(2026, 1, 31), "simple", "民初", date(2026, 4, 30)),  # worked example
        (date(2026, 8, 31), "ordinary", "民初", date(2027, 2, 28)),  # worked example
        (date(2026, 3, 10), "ordinary", "民初", date(2026, 9, 10)),
        (date(2026, 3, 10), "simple", "民初", date(2026, 6, 10)),
        (date(2026, 3, 10), "fast_track", "民初", date(2026, 6, 10)),
        (date(2026, 3, 10), "small_claims", "民初", date(2026, 5, 10)),
        (date(2026, 12, 31), "small_claims", "民初", date(2027, 2, 28)),
        (date(2026, 3, 10), "ordinary", "民终", date(2026, 6, 10)),
        (date(2026, 3, 10), "ordinary", "民特", date(2026, 4, 9)),  # day 1 = 3-11, day 30 = 4-9
    ],
)
def test_basic_trial_deadline(filed_on, procedure, case_type, expected):
    assert basic_trial_deadline(filed_on=filed_on, procedure=procedure, case_type=case_type) == expected


def test_foreign_related_cases_have_no_deadline():
    assert (
        basic_trial_deadline(filed_on=date(2026, 3, 10), procedure="ordinary", foreign_related=True) is None
    )


@pytest.mark.parametrize(
    ("procedure", "case_type", "field"), [("summary", "民初", "procedure"), ("ordinary", "民撤", "case_type")]
)
def test_unsupported_inputs(procedure, case_type, field):
    with pytest.raises(InvalidInput) as caught:
        basic_trial_deadline(filed_on=date(2026, 3, 10), procedure=procedure, case_type=case_type)
    assert caught.value.field == field


FILED = date(2026, 1, 31)  # simple procedure: deadline 2026-04-30


@pytest.mark.parametrize(
    ("today", "days_left", "status", "threshold"),
    [
        (date(2026, 1, 31), 89, "normal", None),
        (date(2026, 3, 31), 30, "warning", 30),
        (date(2026, 4, 1), 29, "warning", 30),
        (date(2026, 4, 15), 15, "warning", 15),
        (date(2026, 4, 27), 3, "warning", 3),
        (date(2026, 4, 30), 0, "warning", 3),  # the last day is still in time
        (date(2026, 5, 1), -1, "overdue", None),
    ],
)
def test_deadline_status(today, days_left, status, threshold):
    result = deadline_status(filed_on=FILED, procedure="simple", today=today)
    assert (result.deadline, result.days_left, result.status, result.warn_threshold) == (
        date(2026, 4, 30),
        days_left,
        status,
        threshold,
    )
    assert result.days_used == (today - FILED).days
    assert "第一百六十四条" in result.source and "第八条" in result.source


def test_day_one_is_the_day_after_filing():
    assert deadline_status(filed_on=FILED, procedure="simple", today=date(2026, 2, 1)).days_used == 1


def test_custom_warning_days():
    result = deadline_status(filed_on=FILED, procedure="simple", today=date(2026, 4, 20), warn_days=(5,))
    assert result.status == "normal"


def test_foreign_related_status():
    result = deadline_status(
        filed_on=FILED, procedure="ordinary", today=date(2030, 1, 1), foreign_related=True
    )
    assert result == DeadlineStatus(
        None, (date(2030, 1, 1) - FILED).days, None, "normal", None, result.source
    )
    assert "第二百八十七条" in result.source


def test_today_before_filing_is_refused():
    with pytest.raises(InvalidInput):
        deadline_status(filed_on=FILED, procedure="simple", today=date(2026, 1, 30))


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(["ordinary", "simple", "small_claims"]),
)
def test_deadline_is_after_filing_and_within_the_months(filed_on, procedure):
    deadline = basic_trial_deadline(filed_on=filed_on, procedure=procedure)
    months = {"ordinary": 6, "simple": 3, "small_claims": 2}[procedure]
    assert filed_on < deadline <= filed_on + timedelta(days=31 * months)
    assert (deadline.year * 12 + deadline.month) - (filed_on.year * 12 + filed_on.month) == months
    assert deadline.day == filed_on.day or deadline.day < filed_on.day  # clamped only at a month's end
