"""The law after the decision, with worked examples: each party's appeal period from its own delivery (15 days for a
judgment, 10 for a ruling, the last day moved off a holiday or weekend, CPL arts 171, 85), the effective date (the
day after the last period ends; small claims, mediation statements and rulings that cannot be appealed on delivery),
an appeal after the period refused naming the dates, who signs off (签发) and how a signed document closes a case."""

from datetime import date

import pytest

from omnicourt.deadlines import calculator
from omnicourt.judgments import rules
from omnicourt.judgments.rules import DocumentKind, RulingKind

CALENDAR = calculator.default_holidays()
JUDGMENT, RULING = DocumentKind.JUDGMENT, DocumentKind.RULING


def effect(kind=JUDGMENT, ruling_kind=None, *, procedure="ordinary", deliveries, appealed=False, first=True):
    return rules.effective_date(kind, ruling_kind, family="civil", procedure=procedure, first_instance=first,
                                signed_on=date(2024, 9, 1), deliveries=deliveries, appealed=appealed,
                                calendar=CALENDAR)


@pytest.mark.parametrize(("delivered_on", "days", "last_day", "rolled"), [
    # delivered Friday 2024-09-20: day 15 is 2024-10-05, inside the National Day holiday (10-01..10-07) → 10-08
    (date(2024, 9, 20), 15, date(2024, 10, 8), True),
    # a dismissal ruling delivered Thursday 2024-04-25: day 10 is 2024-05-05, the Labour Day holiday's last → 05-06
    (date(2024, 4, 25), 10, date(2024, 5, 6), True),
    # delivered Friday 2025-06-06: day 15 is Saturday 2025-06-21 → Monday 06-23
    (date(2025, 6, 6), 15, date(2025, 6, 23), True),
    # delivered Monday 2025-03-03: day 15 is Tuesday 2025-03-18, a working day
    (date(2025, 3, 3), 15, date(2025, 3, 18), False),
    # a year the holiday table does not hold: counted, not moved
    (date(2030, 6, 6), 15, date(2030, 6, 21), False),
])
def test_the_appeal_period_runs_from_the_day_after_delivery_and_ends_on_a_working_day(delivered_on, days, last_day,
                                                                                     rolled):
    period = rules.appeal_period(party="张三", delivered_on=delivered_on, days=days, calendar=CALENDAR)
    assert (period.last_day, period.rolled_over) == (last_day, rolled)


def test_a_judgment_takes_effect_the_day_after_the_last_partys_period_ends():
    found = effect(deliveries={"甲公司": date(2024, 9, 20), "李四": date(2024, 9, 20)})
    assert found.effective_on == date(2024, 10, 9)            # last day 10-08 after the holiday; effective 10-09
    # each party's period from its own delivery: the later delivery decides
    found = effect(deliveries={"甲公司": date(2025, 3, 3), "李四": date(2025, 3, 10)})
    assert [p.last_day for p in found.periods] == [date(2025, 3, 18), date(2025, 3, 25)]
    assert found.effective_on == date(2025, 3, 26)


def test_an_appealable_ruling_has_ten_days():
    found = effect(RULING, RulingKind.DISMISSAL, deliveries={"甲公司": date(2024, 4, 25)})
    assert found.effective_on == date(2024, 5, 7)


def test_not_yet_effective_while_a_party_waits_for_delivery_or_an_appeal_is_pending():
    waiting = effect(deliveries={"甲公司": date(2024, 9, 20), "李四": None})
    assert waiting.effective_on is None and "李四" in waiting.basis
    appealed = effect(deliveries={"甲公司": date(2024, 9, 20), "李四": date(2024, 9, 20)}, appealed=True)
    assert appealed.effective_on is None and "上诉" in appealed.basis


def test_final_documents_take_effect_on_the_last_delivery():
    small = effect(procedure="small_claims", deliveries={"甲公司": date(2024, 6, 3), "李四": date(2024, 6, 5)})
    assert small.effective_on == date(2024, 6, 5) and "第一百六十五条" in small.basis
    mediation = effect(DocumentKind.MEDIATION_STATEMENT,
                       deliveries={"甲公司": date(2024, 6, 3), "李四": date(2024, 6, 4)})
    assert mediation.effective_on == date(2024, 6, 4) and "第一百条" in mediation.basis
    withdrawal = effect(RULING, RulingKind.WITHDRAWAL, deliveries={"甲公司": date(2024, 6, 3)})
    assert withdrawal.effective_on == date(2024, 6, 3)
    second = effect(deliveries={"甲公司": date(2024, 6, 3)}, first=False)
    assert second.effective_on == date(2024, 6, 3)
    decision = effect(DocumentKind.DECISION, deliveries={})
    assert decision.effective_on == date(2024, 9, 1)


def test_what_may_be_appealed():
    assert rules.appealable(JUDGMENT, None, procedure="simple", first_instance=True)
    assert not rules.appealable(JUDGMENT, None, procedure="small_claims", first_instance=True)
    assert not rules.appealable(JUDGMENT, None, procedure="ordinary", first_instance=False)
    assert rules.appealable(RULING, RulingKind.NOT_ACCEPTED, procedure="ordinary", first_instance=True)
    assert not rules.appealable(RULING, RulingKind.PRESERVATION, procedure="ordinary", first_instance=True)
    assert not rules.appealable(DocumentKind.MEDIATION_STATEMENT, None, procedure="ordinary", first_instance=True)


def test_an_appeal_after_the_period_is_refused_naming_the_dates():
    period = rules.appeal_period(party="李四", delivered_on=date(2024, 9, 20), days=15, calendar=CALENDAR)
    assert rules.appeal_refusal(filed_on=date(2024, 10, 8), period=period) is None   # the last day, moved
    refusal = rules.appeal_refusal(filed_on=date(2024, 10, 9), period=period)
    assert refusal is not None
    assert all(day in refusal for day in ("2024-09-20", "2024-10-08", "2024-10-09")) and "李四" in refusal


def test_who_signs_off():
    table = {"committee_role": "president", "role": "division_chief", "kinds": [],
             "courts": {"浙0106": {"kinds": ["judgment", "ruling"]}}}
    default = rules.signoff_policy("粤0192", table)
    own = rules.signoff_policy("浙0106", table)
    assert rules.signoff_role(JUDGMENT, committee_decided=False, policy=default) is None  # the judges sign
    assert rules.signoff_role(JUDGMENT, committee_decided=True, policy=default) == "president"
    assert rules.signoff_role(RULING, committee_decided=False, policy=own) == "division_chief"
    assert rules.signoff_role(DocumentKind.DECISION, committee_decided=False, policy=own) is None
    with pytest.raises(ValueError):
        rules.signoff_policy("x", {"committee_role": "clerk", "role": "division_chief", "kinds": []})
    shipped = rules.signoff_policy("浙0106")
    assert shipped.kinds == frozenset({"judgment"}) and rules.signoff_policy("粤0192").kinds == frozenset()


@pytest.mark.parametrize(("kind", "ruling_kind", "method"), [
    (JUDGMENT, None, "judgment"), (DocumentKind.MEDIATION_STATEMENT, None, "mediation"),
    (RULING, RulingKind.DISMISSAL, "dismissal"), (RULING, RulingKind.WITHDRAWAL, "withdrawal"),
    (RULING, RulingKind.TRANSFER, "transfer"), (RULING, RulingKind.PRESERVATION, None),
    (DocumentKind.DECISION, None, None),
])
def test_the_closing_method_of_a_signed_document(kind, ruling_kind, method):
    assert rules.closing_method(kind, ruling_kind) == method
