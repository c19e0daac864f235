"""The law of online mediation with worked examples: limits, the 3 working days on the holiday calendar,
extensions and what the trial deadline does not count, when an agreement takes effect."""

from datetime import date

import pytest

from omnicourt.deadlines.calculator import default_holidays
from omnicourt.errors import InvalidInput
from omnicourt.mediation import rules


@pytest.mark.parametrize(("kind", "procedure", "days"), [
    ("pre_filing", None, 30), ("entrusted", "ordinary", 15), ("entrusted", "simple", 7),
    ("entrusted", "small_claims", 7),
])
def test_the_limit_is_30_days_before_filing_and_15_or_7_after(kind, procedure, days):
    assert rules.mediation_days(kind, procedure) == days


def test_an_unknown_procedure_has_no_entrusted_limit():
    with pytest.raises(InvalidInput, match="不能委托调解"):
        rules.mediation_days("entrusted", "bogus")


@pytest.mark.parametrize(("accepted_on", "days", "last_day"), [
    (date(2026, 3, 2), 30, date(2026, 4, 1)),  # day 1 is 3 March, the day after signing for the file
    (date(2026, 3, 2), 15, date(2026, 3, 17)),
    (date(2026, 3, 2), 7, date(2026, 3, 9)),
    (date(2026, 1, 31), 30, date(2026, 3, 2)),  # across February's 28 days
])
def test_the_limit_counts_from_the_day_after_the_mediator_signs_for_the_file(accepted_on, days, last_day):
    assert rules.mediation_ends_on(accepted_on, days) == last_day


@pytest.mark.parametrize(("assigned_on", "accept_by"), [
    (date(2026, 3, 6), date(2026, 3, 11)),  # a Friday: Monday, Tuesday, Wednesday
    (date(2026, 3, 9), date(2026, 3, 12)),  # a Monday: three weekdays
    (date(2025, 9, 30), date(2025, 10, 11)),  # National Day 1–8 October off; Saturday 11 October is a working day
    (date(2026, 2, 13), date(2026, 2, 25)),  # Spring Festival: Saturday 14 February works, 15–23 off
])
def test_the_mediator_accepts_within_3_working_days(assigned_on, accept_by):
    assert rules.accept_by(assigned_on, default_holidays()) == accept_by


def test_an_entrusted_extension_is_not_counted_in_the_trial_deadline():
    extension = rules.extend(kind="entrusted", base_ends_on=date(2026, 3, 17), ends_on=date(2026, 3, 17),
                             new_ends_on=date(2026, 3, 27), today=date(2026, 3, 16), all_consent=True)
    assert extension == rules.Extension(date(2026, 3, 27), (date(2026, 3, 18), date(2026, 3, 27)))
    again = rules.extend(kind="entrusted", base_ends_on=date(2026, 3, 17), ends_on=date(2026, 3, 27),
                         new_ends_on=date(2026, 4, 3), today=date(2026, 3, 20), all_consent=True)
    assert again.not_counted == (date(2026, 3, 28), date(2026, 4, 3))  # only the days not already taken out


def test_a_pre_filing_extension_takes_nothing_out_of_a_deadline():
    extension = rules.extend(kind="pre_filing", base_ends_on=date(2026, 4, 1), ends_on=date(2026, 4, 1),
                             new_ends_on=date(2026, 4, 15), today=date(2026, 3, 30), all_consent=True)
    assert extension == rules.Extension(date(2026, 4, 15), None)


@pytest.mark.parametrize(("consent", "today", "new_end", "message"), [
    (False, date(2026, 3, 30), date(2026, 4, 15), "各方当事人同意"),
    (True, date(2026, 4, 2), date(2026, 4, 15), "已届满"),
    (True, date(2026, 3, 30), date(2026, 4, 1), "应晚于"),
])
def test_an_extension_needs_every_party_before_the_limit_runs_out(consent, today, new_end, message):
    with pytest.raises(InvalidInput, match=message):
        rules.extend(kind="pre_filing", base_ends_on=date(2026, 4, 1), ends_on=date(2026, 4, 1),
                     new_ends_on=new_end, today=today, all_consent=consent)


def test_the_agreement_takes_effect_with_every_partys_signature():
    assert not rules.agreement_effective({1}, {1, 2})
    assert rules.agreement_effective({1, 2}, {1, 2})
    assert not rules.agreement_effective(set(), set())


def test_a_speciality_covers_the_causes_under_it():
    assert rules.covers(["cont.contract.loan"], "cont.contract.loan.private")
    assert not rules.covers(["cont.contract.loan"], "cont.contract.loanx")
    assert rules.covers([], "tort.tort.motor_vehicle")
    assert rules.referred("cont.contract.loan.private", ("cont.contract.loan",))
    assert not rules.referred("cont.contract.loan.private", ())
