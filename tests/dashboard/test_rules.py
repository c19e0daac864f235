"""The arithmetic of the supervision screen, with worked numbers."""

from collections import Counter
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.dashboard import rules


def test_clearance_rate_is_closed_over_filed_of_the_period():
    assert rules.clearance_rate(closed=95, filed=100) == 0.95
    assert rules.clearance_rate(closed=120, filed=100) == 1.2  # clearing a backlog: above 100 %
    assert rules.clearance_rate(closed=5, filed=0) is None  # nothing filed: no rate


def test_average_days():
    assert rules.average_days(total_days=300, closed=4) == 75
    assert rules.average_days(total_days=0, closed=0) is None


@pytest.mark.parametrize(("days", "bucket"), [(0, 0), (9, 0), (10, 1), (179, 17), (180, 18), (209, 18),
                                              (210, 19), (719, 35), (720, 36), (1079, 39), (1080, 40), (5000, 40)])
def test_buckets(days, bucket):
    assert rules.bucket_of(days) == bucket


def test_median_from_buckets_interpolates_inside_the_median_bucket():
    # 10 cases: 4 in [0, 10), 4 in [10, 20), 2 in [20, 30). Rank 5 is the 1st of 4 in [10, 20):
    # 10 + (5 − 4) / 4 × 10 = 12.5 days.
    assert rules.median_from_buckets({0: 4, 1: 4, 2: 2}) == 12.5
    # One case at 45 days sits in [40, 50): rank 0.5 of 1 → 45.
    assert rules.median_from_buckets({4: 1}) == 45
    # 3 cases in [180, 210) (bucket 18, 30 days wide): rank 1.5 → 180 + 1.5 / 3 × 30 = 195.
    assert rules.median_from_buckets({18: 3}) == 195
    assert rules.median_from_buckets({}) is None


@given(st.lists(st.integers(min_value=0, max_value=1500), min_size=1, max_size=200))
def test_median_from_buckets_is_within_a_bucket_of_the_true_median(durations):
    counts = Counter(rules.bucket_of(d) for d in durations)
    ordered = sorted(durations)
    low, high = ordered[(len(ordered) - 1) // 2], ordered[len(ordered) // 2]
    estimate = rules.median_from_buckets(counts)
    assert rules.BUCKET_EDGES[rules.bucket_of(low)] <= estimate
    assert estimate <= rules.BUCKET_EDGES[rules.bucket_of(high)] + rules.bucket_width(rules.bucket_of(high))


def test_months_and_periods():
    assert rules.month_of(date(2026, 5, 17)) == 202605
    assert rules.add_months(202601, -1) == 202512
    assert rules.add_months(202611, 14) == 202801
    q2 = rules.parse_period("quarter", "2026-Q2", date(2026, 1, 1))
    assert (q2.first, q2.last, q2.label, q2.key) == (202604, 202606, "2026年第2季度", "2026-Q2")
    assert q2.first_day == date(2026, 4, 1) and q2.end_day == date(2026, 7, 1)
    assert rules.parse_period("month", None, date(2026, 5, 17)).label == "2026年5月"
    assert rules.parse_period("year", "2025", date(2026, 5, 17)).last == 202512
    trend = rules.trend_periods(q2)
    assert [p.key for p in trend][-3:] == ["2025-Q4", "2026-Q1", "2026-Q2"] and len(trend) == 8
    with pytest.raises(ValueError):
        rules.parse_period("quarter", "2026-Q5", date(2026, 1, 1))


def test_deadline_risk_and_long_pending():
    today = date(2026, 5, 17)
    assert rules.is_overdue(date(2026, 5, 16), today) and not rules.is_overdue(today, today)
    assert rules.is_warning(today, today) and rules.is_warning(date(2026, 6, 16), today)
    assert not rules.is_warning(date(2026, 6, 17), today)
    assert rules.is_long_pending(date(2025, 5, 16), today, 12)
    assert not rules.is_long_pending(date(2025, 5, 17), today, 12)  # exactly 12 months: not yet more
    assert rules.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)


def test_a_case_contributes_to_both_grains_and_a_change_moves_it():
    facts = rules.CaseFacts(court_id=7, division_id=3, judge_id=11, cause_code="cont.loan", procedure="simple",
                            accepted_on=date(2026, 1, 10), deadline_on=date(2026, 4, 10), closed_on=None)
    added = rules.contributions(facts)
    assert added[("flows", (7, 3, 11, "cont.loan", "simple", 202601), "filed")] == 1
    assert added[("court_flows", ("*", "*", 202601, 7), "filed")] == 1
    assert added[("court_open_cases", ("cont.loan", "simple", date(2026, 1, 10), date(2026, 4, 10), 7), "cases")] == 1
    closed = rules.CaseFacts(**{**vars(facts), "closed_on": date(2026, 2, 14), "judge_id": 12})
    delta = rules.difference(facts, closed)
    assert delta[("flows", (7, 3, 11, "cont.loan", "simple", 202601), "filed")] == -1
    assert delta[("flows", (7, 3, 12, "cont.loan", "simple", 202601), "filed")] == 1
    assert delta[("flows", (7, 3, 12, "cont.loan", "simple", 202602), "close_days")] == 35
    assert delta[("durations", (7, 3, 12, "cont.loan", "simple", 202602, 3), "cases")] == 1
    assert delta[("court_open_cases", ("*", "*", date(2026, 1, 10), date(2026, 4, 10), 7), "cases")] == -1
    assert ("court_flows", ("*", "*", 202601, 7), "filed") not in delta  # the court's totals did not change
    assert rules.difference(facts, facts) == Counter()
