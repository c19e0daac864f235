"""Worked examples of the evidence rules (court-rules-2.md §5.1–5.2, court-rules.md §7)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.errors import InvalidInput
from omnicourt.evidence import rules
from omnicourt.evidence.rules import Basis, Finding, Opinion, Side, Stance

SERVED = date(2026, 3, 1)


@pytest.mark.parametrize(("procedure", "type_code", "basis"), [
    ("ordinary", "民初", Basis.ORDINARY), ("simple", "民初", Basis.SIMPLE),
    ("small_claims", "民初", Basis.SMALL_CLAIMS),
    ("fast_track", "民初", Basis.SIMPLE), ("ordinary", "民终", Basis.SECOND_INSTANCE),
])
def test_the_bounds_follow_the_procedure_and_the_instance(procedure, type_code, basis):
    assert rules.basis_of(procedure, type_code) == basis


@pytest.mark.parametrize(("basis", "ends_on", "days"), [
    (Basis.ORDINARY, date(2026, 3, 16), 15),  # served 1 March, counted from the 2nd: 15 days end on 16 March
    (Basis.ORDINARY, date(2026, 3, 31), 30),
    (Basis.SECOND_INSTANCE, date(2026, 3, 11), 10),
    (Basis.SIMPLE, date(2026, 3, 16), 15),
    (Basis.SIMPLE, date(2026, 3, 8), 7),
    (Basis.SMALL_CLAIMS, date(2026, 3, 8), 7),
])
def test_periods_within_the_bounds_of_art_51(basis, ends_on, days):
    assert rules.check_period(basis, served_on=SERVED, ends_on=ends_on) == days


@pytest.mark.parametrize(("basis", "ends_on", "words"), [
    (Basis.ORDINARY, date(2026, 3, 15), "不得少于15日（本次14日）"),
    (Basis.SECOND_INSTANCE, date(2026, 3, 10), "不得少于10日（本次9日）"),
    (Basis.SIMPLE, date(2026, 3, 17), "不得超过15日（本次16日）"),
    (Basis.SMALL_CLAIMS, date(2026, 3, 9), "不得超过7日（本次8日）"),
    (Basis.ORDINARY, SERVED, "应晚于"),
])
def test_periods_outside_the_bounds_are_refused_naming_the_bound(basis, ends_on, words):
    with pytest.raises(InvalidInput, match=words) as refused:
        rules.check_period(basis, served_on=SERVED, ends_on=ends_on)
    assert refused.value.field == "ends_on"


def test_an_agreed_period_approved_by_the_court_may_leave_the_bounds():
    assert rules.check_period(Basis.ORDINARY, served_on=SERVED, ends_on=date(2026, 3, 11), agreed=True) == 10
    assert rules.check_period(Basis.SMALL_CLAIMS, served_on=SERVED, ends_on=date(2026, 3, 21), agreed=True) == 20


def test_an_extension_is_applied_for_before_expiry_and_moves_the_end_later():
    rules.check_extension(current_end=date(2026, 3, 16), applied_on=date(2026, 3, 16), new_end=date(2026, 3, 26))
    with pytest.raises(InvalidInput, match="届满前申请") as late:
        rules.check_extension(current_end=date(2026, 3, 16), applied_on=date(2026, 3, 17), new_end=date(2026, 3, 26))
    assert late.value.field == "applied_on"
    with pytest.raises(InvalidInput, match="晚于原届满日"):
        rules.check_extension(current_end=date(2026, 3, 16), applied_on=date(2026, 3, 10), new_end=date(2026, 3, 16))


def test_late_is_after_the_last_day_and_must_be_explained():
    end = date(2026, 3, 16)
    assert not rules.is_late(date(2026, 3, 16), end)
    assert rules.is_late(date(2026, 3, 17), end)
    assert not rules.is_late(date(2030, 1, 1), None)  # no period set: nothing is late
    rules.check_late_explanation(False, "")
    rules.check_late_explanation(True, "证人出差，取得书证较晚")
    with pytest.raises(InvalidInput, match="说明理由") as refused:
        rules.check_late_explanation(True, "")
    assert refused.value.field == "late_explanation"


def test_a_list_has_one_to_fifty_items():
    rules.check_item_count(1)
    rules.check_item_count(rules.MAX_ITEMS)
    with pytest.raises(InvalidInput, match="至少"):
        rules.check_item_count(0)
    with pytest.raises(InvalidInput, match="最多50项"):
        rules.check_item_count(51)


def test_partial_recognition_disputes_and_an_objection_needs_reasons():
    agreed = Opinion(Stance.RECOGNISED, Stance.RECOGNISED, Stance.RECOGNISED, "")
    assert agreed.disputed_aspects == ()
    rules.check_opinion(agreed)
    disputed = Opinion(Stance.RECOGNISED, Stance.PARTLY, Stance.DISPUTED, "")
    assert disputed.disputed_aspects == ("legality", "relevance")
    with pytest.raises(InvalidInput, match="对合法性、关联性有异议的，应写明质证理由"):
        rules.check_opinion(disputed)
    rules.check_opinion(Opinion(Stance.DISPUTED, Stance.RECOGNISED, Stance.RECOGNISED, "借条系伪造"))


def test_no_side_examines_its_own_evidence():
    rules.check_may_examine(examiner=Side.DEFENDANT, submitter=Side.PLAINTIFF)
    rules.check_may_examine(examiner=Side.THIRD_PARTY, submitter=Side.DEFENDANT)
    with pytest.raises(InvalidInput, match="己方"):
        rules.check_may_examine(examiner=Side.PLAINTIFF, submitter=Side.PLAINTIFF)


def test_online_opinions_close_after_the_time_limit():
    due = date(2026, 4, 1)
    assert rules.online_open(due_on=due, today=due)
    assert not rules.online_open(due_on=due, today=date(2026, 4, 2))
    assert not rules.online_open(due_on=None, today=due)


def test_unexamined_evidence_cannot_be_admitted_until_the_limit_passes():
    rules.check_finding(Finding.ADMITTED, examined=True, limit_passed=False, public_reason="")
    rules.check_finding(Finding.ADMITTED, examined=False, limit_passed=True, public_reason="")
    with pytest.raises(InvalidInput, match="尚未经对方质证"):
        rules.check_finding(Finding.ADMITTED, examined=False, limit_passed=False, public_reason="")
    rules.check_finding(Finding.NOT_ADMITTED, examined=False, limit_passed=False, public_reason="与本案无关")
    with pytest.raises(InvalidInput, match="不予采纳的，应写明") as refused:
        rules.check_finding(Finding.NOT_ADMITTED, examined=True, limit_passed=True, public_reason="")
    assert refused.value.field == "public_reason"


@given(st.dates(min_value=date(2020, 5, 1), max_value=date(2035, 1, 1)), st.integers(min_value=1, max_value=120))
def test_an_ordinary_period_is_accepted_exactly_from_15_days(served_on, days):
    from datetime import timedelta

    ends_on = served_on + timedelta(days=days)
    if days >= 15:
        assert rules.check_period(Basis.ORDINARY, served_on=served_on, ends_on=ends_on) == days
    else:
        with pytest.raises(InvalidInput):
            rules.check_period(Basis.ORDINARY, served_on=served_on, ends_on=ends_on)
