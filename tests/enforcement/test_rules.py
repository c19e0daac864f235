"""The application period and the freeze periods (court-rules-2.md §§1.1, 1.3) with worked examples."""

from datetime import date, timedelta

import pytest

from omnicourt.deadlines.calculator import default_holidays
from omnicourt.enforcement import rules
from omnicourt.errors import InvalidInput


@pytest.mark.parametrize(("effective", "due", "last", "start"), [
    (date(2024, 3, 1), date(2024, 3, 15), None, date(2024, 3, 15)),            # the performance period's last day
    (date(2024, 3, 1), date(2024, 3, 15), date(2025, 3, 15), date(2025, 3, 15)),  # instalments: the last one
    (date(2024, 3, 1), None, None, date(2024, 3, 1)),                            # no period: effectiveness
])
def test_the_period_counts_from_the_last_instalment_not_each(effective, due, last, start):
    assert rules.period_start(effective_on=effective, performance_due_on=due, last_instalment_on=last) == start


def test_two_years_from_the_day_after_the_start():
    assert rules.application_period_end(date(2024, 3, 15)) == date(2026, 3, 15)
    assert rules.application_period_end(date(2024, 2, 29)) == date(2026, 2, 28)


def test_a_last_day_on_a_holiday_moves_to_the_next_working_day():
    holidays = default_holidays()
    year = max(holidays.years)
    # the day of the Spring Festival holiday the table holds: the period ends on the first working day after it
    holiday = min(d for d in holidays.holidays if d.year == year and d.weekday() < 5)
    start = date(year - 2, holiday.month, holiday.day)
    assert rules.application_period_end(start) == holiday
    moved = rules.application_period_end(start, holidays)
    assert moved > holiday and holidays.is_working_day(moved)


def test_late_is_marked_never_refused():
    end = date(2026, 3, 15)
    assert (rules.is_late(date(2026, 3, 15), end), rules.is_late(date(2026, 3, 16), end)) == (False, True)
    assert "第四百八十一条" in rules.LATE_NOTE


def test_due_dates_of_acceptance_and_notice():
    assert rules.acceptance_due(date(2026, 12, 4)) == date(2026, 12, 11)
    assert rules.notice_due(date(2026, 12, 4)) == date(2026, 12, 14)


@pytest.mark.parametrize(("kind", "start", "end"), [
    ("deposit", date(2024, 3, 1), date(2025, 2, 28)),
    ("movable", date(2024, 3, 1), date(2026, 2, 28)),
    ("real_estate", date(2024, 3, 1), date(2027, 2, 28)),
    ("real_estate", date(2024, 2, 29), date(2027, 2, 28)),
    ("other_right", date(2024, 1, 31), date(2027, 1, 30)),
])
def test_longest_lawful_period(kind, start, end):
    assert rules.longest_end(kind, start) == end
    assert rules.measure_end(kind, start, None) == end
    with pytest.raises(InvalidInput, match="第四百八十五条"):
        rules.measure_end(kind, start, date.fromordinal(end.toordinal() + 1))


def test_a_renewal_runs_from_the_day_after_the_end_and_only_before_it_lapses():
    assert rules.renewed_end("deposit", date(2025, 2, 28), date(2025, 2, 20), None) == date(2026, 2, 28)
    assert rules.renewed_end("deposit", date(2025, 2, 28), date(2025, 2, 28), date(2025, 8, 31)) == date(2025, 8, 31)
    with pytest.raises(InvalidInput, match="届满失效"):
        rules.renewed_end("deposit", date(2025, 2, 28), date(2025, 3, 1), None)


@pytest.mark.parametrize(("today", "released", "status"), [
    (date(2025, 2, 20), None, "active"), (date(2025, 2, 21), None, "expiring"), (date(2025, 2, 28), None, "expiring"),
    (date(2025, 3, 1), None, "lapsed"), (date(2025, 3, 1), date(2025, 1, 1), "released"),
])
def test_status_of_a_measure_ending_2025_02_28(today, released, status):
    assert rules.measure_status(ends_on=date(2025, 2, 28), released_on=released, today=today) == status


def test_measure_fits_the_asset():
    rules.check_measure("freeze", "deposit")
    with pytest.raises(InvalidInput, match="冻结"):
        rules.check_measure("seizure", "deposit")
    with pytest.raises(InvalidInput) as refused:
        rules.check_measure("freeze", "ship")
    assert refused.value.field == "asset_kind"


def test_what_is_owed_at_a_date_worked_example():
    from decimal import Decimal

    from omnicourt.interest.rules import double_interest

    start, on = date(2024, 3, 1), date(2024, 3, 31)
    # court-rules.md §4.3: 100,000 × 0.000175 × 30 = 525
    assert rules.outstanding(Decimal("100000"), start, [], on, double_interest) == rules.Outstanding(
        Decimal("100000"), Decimal("525.00"), 30)
    # 60,000 paid on 11 March: 100,000 × 10 days = 175, then 40,000 × 20 days = 140
    paid = [rules.Received(date(2024, 3, 11), Decimal("60000"))]
    assert rules.outstanding(Decimal("100000"), start, paid, on, double_interest) == rules.Outstanding(
        Decimal("40000"), Decimal("315.00"), 30)
    # paid in full plus 100 on 11 March: the 100 goes to the 175 accrued; nothing more accrues on a zero debt
    paid = [rules.Received(date(2024, 3, 11), Decimal("100100"))]
    assert rules.outstanding(Decimal("100000"), start, paid, on, double_interest) == rules.Outstanding(
        Decimal("0"), Decimal("75.00"), 30)
    # a payment after the day asked about does not count yet
    later = [rules.Received(date(2024, 4, 5), Decimal("100000"))]
    assert rules.outstanding(Decimal("100000"), start, later, on, double_interest).debt == Decimal("100000")


@pytest.mark.parametrize(("ground", "extra", "end"), [
    (1, 0, None), (4, 0, date(2028, 2, 28)), (2, 3, date(2031, 2, 28)),
])
def test_a_listing_s_period(ground, extra, end):
    # listed on 2026-03-01: grounds (2)–(6) two years (+ up to three), ground (1) none (失信规定 art. 2)
    assert rules.listing_ends(ground, extra, date(2026, 3, 1)) == end


@pytest.mark.parametrize(("ground", "extra", "born", "field"), [
    (7, 0, None, "ground"), (2, 4, None, "extra_years"), (1, 1, None, "extra_years"),
    (4, 0, date(2009, 3, 2), "debtor"),  # seventeen on 2026-03-01: never listed (art. 4)
])
def test_who_may_not_be_listed(ground, extra, born, field):
    with pytest.raises(InvalidInput) as refused:
        rules.check_listing(ground=ground, extra_years=extra, debtor_born=born, on=date(2026, 3, 1))
    assert refused.value.field == field


def test_deletion_within_three_working_days_and_the_masked_number():
    holidays = default_holidays()
    friday = next(d for d in (date(2026, 3, 6) + timedelta(days=7 * n) for n in range(10))
                  if all(holidays.is_working_day(d + timedelta(days=k)) for k in (0, 3, 4, 5)))
    assert rules.deletion_due(friday, holidays) == friday + timedelta(days=5)  # Mon, Tue, Wed
    assert rules.masked_id_number("330106198001010011") == "3301061980****0011"
    assert rules.masked_id_number("91330106MA2XXXXX0X") == "91330106MA2XXXXX0X"
