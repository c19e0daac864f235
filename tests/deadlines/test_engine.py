"""The deadline engine (court-rules.md §2.1-2.6): worked examples, periods not counted, extensions, conversions,
restarts, holiday roll-over, bankruptcy milestones, the calculator, and the properties that must always hold."""

import json
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer import Typer
from typer.testing import CliRunner

from omnicourt.deadlines.calculator import calculate, default_holidays, default_table
from omnicourt.deadlines.calendar import Length
from omnicourt.deadlines.cli import calc_deadline
from omnicourt.deadlines.periods import APPROVERS, PROCEDURES, SUSPENSION_KINDS
from omnicourt.deadlines.rules import (
    Extension,
    ProcedureConversion,
    Restart,
    Suspension,
    bankruptcy_milestones,
    check_conversion,
    check_extension_application,
    check_extension_decision,
    check_hearing_postponement,
    evaluate,
)
from omnicourt.deadlines.schemas import DeadlineParams
from omnicourt.errors import InvalidInput

TABLE = default_table()


def run(case_type="民初", procedure="ordinary", filed_on=date(2026, 3, 10), today=None, events=(), **options):
    return evaluate(case_type=case_type, procedure=procedure, filed_on=filed_on, today=today or filed_on,
                    events=events, table=TABLE, **options)


# ---------------------------------------------------------------- worked examples (court-rules.md §2)


@pytest.mark.parametrize(
    ("case_type", "procedure", "variant", "filed_on", "expected"),
    [
        ("民初", "simple", None, date(2026, 1, 31), date(2026, 4, 30)),  # CPL art. 164, clamped
        ("民初", "ordinary", None, date(2026, 8, 31), date(2027, 2, 28)),  # CPL art. 152, clamped
        ("民初", "small_claims", None, date(2026, 3, 10), date(2026, 5, 10)),  # CPL art. 168: 2 months
        ("民特", "ordinary", None, date(2026, 3, 10), date(2026, 4, 9)),  # CPL art. 187: 30 days
        ("民终", "ordinary", None, date(2026, 3, 10), date(2026, 6, 10)),  # CPL art. 183(1)
        ("民终", "ordinary", "ruling_appeal", date(2026, 3, 10), date(2026, 4, 9)),  # CPL art. 183(2): 30 days
        ("民再", "ordinary", "first_instance", date(2026, 3, 10), date(2026, 9, 10)),  # 民诉法解释 art. 128
        ("民再", "ordinary", "second_instance", date(2026, 3, 10), date(2026, 6, 10)),
        ("民申", "ordinary", None, date(2026, 3, 10), date(2026, 6, 10)),  # CPL art. 215
        ("刑初", "ordinary", None, date(2026, 3, 10), date(2026, 5, 10)),  # 刑诉法 art. 208: 2 months
        ("刑初", "ordinary", "private_prosecution", date(2026, 3, 10), date(2026, 9, 10)),  # art. 212: 6 months
        ("刑初", "simple", None, date(2026, 3, 10), date(2026, 3, 30)),  # art. 220: 20 days
        ("刑初", "simple", "sentence_over_3y", date(2026, 3, 10), date(2026, 4, 25)),  # 1.5 months
        ("刑初", "fast_track", None, date(2026, 3, 10), date(2026, 3, 20)),  # art. 225: 10 days
        ("刑初", "fast_track", "sentence_over_1y", date(2026, 3, 10), date(2026, 3, 25)),  # 15 days
        ("刑终", "ordinary", None, date(2026, 3, 10), date(2026, 5, 10)),  # art. 243
        ("刑再", "ordinary", None, date(2026, 3, 10), date(2026, 6, 10)),  # art. 258
        ("行初", "ordinary", None, date(2026, 3, 10), date(2026, 9, 10)),  # 行诉法 art. 81
        ("行初", "simple", None, date(2026, 3, 10), date(2026, 4, 24)),  # art. 83: 45 days
        ("行终", "ordinary", None, date(2026, 3, 10), date(2026, 6, 10)),  # art. 88
        ("行审", "ordinary", None, date(2026, 3, 10), date(2026, 3, 17)),  # 行诉解释 art. 160: 7 days
        ("行审", "ordinary", "hearing", date(2026, 3, 10), date(2026, 4, 9)),  # 30 days
        ("执", "ordinary", None, date(2026, 3, 10), date(2026, 9, 10)),  # 2000 rule art. 5: 6 months
        ("执", "ordinary", "non_litigation", date(2026, 3, 10), date(2026, 6, 10)),  # 3 months
    ],
)
def test_basic_deadlines(case_type, procedure, variant, filed_on, expected):
    result = run(case_type, procedure, filed_on, variant=variant)
    assert result.deadline == expected == result.basic_deadline
    assert result.adjustments[0].kind == "base" and "第" in result.adjustments[0].source


def test_simple_procedure_extended_by_one_month():
    """CPL art. 164: +1 month by the president; 民诉法解释 art. 258: 4 months in total."""
    result = run("民初", "simple", date(2026, 1, 31), events=[Extension(Length(months=1))])
    assert result.deadline == date(2026, 5, 30)  # 2026-04-30 + 1 month [U: month arithmetic]
    assert result.adjustments[-1].days_added == 30
    assert "本院院长" in result.adjustments[-1].reason
    assert result.next_extension is None  # ≤ 4 months in total
    with pytest.raises(InvalidInput) as caught:
        run("民初", "simple", date(2026, 1, 31), events=[Extension(Length(months=1)), Extension(Length(days=1))])
    assert caught.value.field == "extension"


def test_a_twenty_day_appraisal_moves_the_deadline_by_twenty_days():
    appraisal = Suspension("appraisal", date(2026, 4, 1), date(2026, 4, 20))
    result = run(events=[appraisal], today=date(2026, 5, 1))
    assert result.deadline == date(2026, 9, 10) + timedelta(days=20)
    assert result.suspended_days == 20
    assert result.adjustments[1].days_added == 20 and "鉴定期间" in result.adjustments[1].reason
    assert "第二百四十三条" in result.adjustments[1].source


def test_criminal_public_prosecution_two_months_at_most_three():
    """刑诉法 art. 208: 2 months, at most 3; then +3 months by the higher court, then the SPC."""
    result = run("刑初", "ordinary")
    assert result.next_extension.longest == Length(months=1) and result.next_extension.approver == "president"
    third_month = run("刑初", "ordinary", events=[Extension(Length(months=1))])
    assert third_month.deadline == date(2026, 6, 10)
    assert third_month.next_extension.approver == "higher_court"
    with pytest.raises(InvalidInput):
        run("刑初", "ordinary", events=[Extension(Length(months=2))])


@pytest.mark.parametrize(("case_type", "procedure"), [("刑初", "fast_track"), ("行初", "simple"), ("行审", "ordinary")])
def test_procedures_without_extension_refuse_one(case_type, procedure):
    assert run(case_type, procedure).next_extension is None
    with pytest.raises(InvalidInput) as caught:
        run(case_type, procedure, events=[Extension(Length(days=5))])
    assert caught.value.field == "extension"


def test_ordinary_extension_chain_president_then_higher_court():
    """CPL art. 152: +6 months by the president; further by the higher court (2000 rule art. 2: 3 months)."""
    first = Extension(Length(months=6), approver="president")
    second = Extension(Length(months=3), approver="higher_court")
    result = run(events=[first, second])
    assert result.deadline == date(2027, 6, 10)
    assert [a.days_added > 0 for a in result.adjustments[1:]] == [True, True]
    assert result.next_extension.approver == "higher_court"  # repeatable [U]


def test_an_extension_approved_by_the_wrong_authority_is_not_applied():
    result = run(events=[Extension(Length(months=6), approver="president"), Extension(Length(months=3))
                         ] + [Extension(Length(months=3), approver="president")])
    assert result.deadline == date(2027, 6, 10)
    assert result.adjustments[-1].applied is False
    assert any("上一级人民法院" in note for note in result.irregularities)


def test_a_refused_extension_changes_nothing():
    result = run(events=[Extension(Length(months=6), approved=False)])
    assert result.deadline == date(2026, 9, 10) and result.adjustments[-1].applied is False


# ---------------------------------------------------------------- periods not counted


def test_overlapping_suspensions_count_each_day_once():
    events = [Suspension("appraisal", date(2026, 4, 1), date(2026, 4, 20)),
              Suspension("public_notice", date(2026, 4, 11), date(2026, 4, 30)),
              Suspension("settlement", date(2026, 4, 15), date(2026, 4, 16))]
    result = run(events=events, today=date(2026, 6, 1))
    assert result.suspended_days == 30  # 4-1 … 4-30
    assert result.deadline == date(2026, 10, 10)
    assert [a.days_added for a in result.adjustments[1:]] == [20, 10, 0]


def test_an_open_suspension_keeps_the_case_suspended():
    stay = Suspension("stay", date(2026, 4, 1))
    result = run(events=[stay], today=date(2026, 4, 10))
    assert result.status == "suspended"
    assert result.suspended_days == 10 and result.deadline == date(2026, 9, 20)
    assert run(events=[stay], today=date(2026, 4, 11)).deadline == date(2026, 9, 21)


def test_a_suspension_that_starts_after_the_deadline_hides_nothing():
    late = Suspension("appraisal", date(2026, 9, 20), date(2026, 10, 20))
    result = run(events=[late], today=date(2026, 10, 1))
    assert result.deadline == date(2026, 9, 10) and result.status == "overdue"
    assert result.adjustments[-1].applied is False and result.irregularities


def test_an_unapproved_suspension_is_not_counted():
    result = run(events=[Suspension("appraisal", date(2026, 4, 1), date(2026, 4, 20), approved=False)])
    assert result.deadline == date(2026, 9, 10) and result.suspended_days == 0


@pytest.mark.parametrize(
    ("case_type", "procedure", "kind"),
    [("刑初", "ordinary", "appraisal"), ("民初", "ordinary", "auction"), ("执", "ordinary", "settlement"),
     ("行初", "ordinary", "psychiatric_appraisal"), ("民初", "ordinary", "no_such_kind")],
)
def test_a_suspension_kind_of_another_family_is_refused(case_type, procedure, kind):
    with pytest.raises(InvalidInput) as caught:
        run(case_type, procedure, events=[Suspension(kind, date(2026, 4, 1), date(2026, 4, 2))])
    assert caught.value.field == "suspension"


def test_a_suspension_must_start_after_filing_and_end_after_it_starts():
    for suspension in (Suspension("appraisal", date(2026, 3, 10), date(2026, 4, 1)),
                       Suspension("appraisal", date(2026, 4, 2), date(2026, 4, 1))):
        with pytest.raises(InvalidInput):
            run(events=[suspension])


def test_suspension_then_extension_as_in_the_cli_example():
    events = [Suspension("appraisal", date(2026, 2, 10), date(2026, 3, 1)), Extension(Length(months=1))]
    result = run("民初", "simple", date(2026, 1, 31), today=date(2026, 3, 15), events=events)
    assert result.deadline == date(2026, 6, 20)
    assert (result.days_used, result.days_left) == (23, 97)


# ---------------------------------------------------------------- extension timing (延审规定 art. 1)


def test_extension_application_and_decision_lead_times():
    deadline = date(2026, 9, 10)
    assert check_extension_application(date(2026, 8, 26), deadline) is None
    assert "15日前" in check_extension_application(date(2026, 8, 27), deadline)
    assert "届满" in check_extension_application(date(2026, 9, 11), deadline)
    assert check_extension_decision(date(2026, 9, 5), deadline) is None
    assert "5日前" in check_extension_decision(date(2026, 9, 6), deadline)


def test_late_extensions_are_applied_but_flagged():
    late = Extension(Length(months=6), applied_on=date(2026, 9, 1), decided_on=date(2026, 9, 12))
    result = run(events=[late], today=date(2026, 9, 20))
    assert result.deadline == date(2027, 3, 10)
    assert len(result.irregularities) == 2 and "已于2026-09-10届满" in result.irregularities[1]


def test_next_extension_dates():
    following = run().next_extension
    assert (following.apply_by, following.decide_by) == (date(2026, 8, 26), date(2026, 9, 5))
    assert following.approver_name == "本院院长" and following.longest == Length(months=6)


# ---------------------------------------------------------------- conversion and restart


def test_simple_to_ordinary_counts_from_the_original_filing():
    """民诉法解释 art. 258: the ordinary deadline runs from the original filing; ruled before the simple one ends."""
    events = [Suspension("appraisal", date(2026, 2, 10), date(2026, 3, 1)), ProcedureConversion(date(2026, 4, 1))]
    result = run("民初", "simple", date(2026, 1, 31), today=date(2026, 4, 2), events=events)
    assert result.procedure == "ordinary"
    assert result.deadline == date(2026, 7, 31) + timedelta(days=20)
    assert result.irregularities == ()
    assert check_conversion(date(2026, 5, 1), date(2026, 4, 30))


def test_a_late_conversion_is_flagged_and_a_backward_one_refused():
    late = run("民初", "simple", date(2026, 1, 31), events=[ProcedureConversion(date(2026, 5, 5))])
    assert late.irregularities and late.deadline == date(2026, 7, 31)
    with pytest.raises(InvalidInput):
        run("民初", "ordinary", events=[ProcedureConversion(date(2026, 4, 1), to_procedure="simple")])


def test_criminal_conversion_counts_from_the_ruling():
    result = run("刑初", "simple", events=[ProcedureConversion(date(2026, 3, 20))])
    assert result.deadline == date(2026, 5, 20)


def test_remand_restarts_from_the_new_filing():
    """2000 rule art. 6: a remanded case gets a new filing date; earlier adjustments no longer count."""
    events = [Suspension("appraisal", date(2026, 4, 1), date(2026, 4, 20)), Extension(Length(months=6)),
              Restart(date(2027, 5, 1))]
    result = run(events=events, today=date(2027, 5, 2))
    assert result.deadline == date(2027, 11, 1) and result.suspended_days == 0
    assert result.counting_from == date(2027, 5, 2) and result.days_used == 1
    assert result.next_extension.approver == "president"
    with pytest.raises(InvalidInput):
        run("民初", "simple", events=[Restart(date(2026, 5, 1))])


# ---------------------------------------------------------------- status and holidays


@pytest.mark.parametrize(
    ("today", "status", "threshold"),
    [(date(2026, 3, 10), "normal", None), (date(2026, 8, 16), "warning", 30), (date(2026, 9, 15), "warning", 3),
     (date(2026, 9, 16), "overdue", None), (date(2026, 5, 5), "suspended", None)],
)
def test_status(today, status, threshold):
    result = run(events=[Suspension("stay", date(2026, 5, 1), date(2026, 5, 5))], today=today)
    assert result.deadline == date(2026, 9, 15)
    assert (result.status, result.warn_threshold) == (status, threshold)


def test_holiday_roll_over_is_off_by_default():
    """CPL art. 85(3) [U for 审限]: 2026-10-01 is National Day; the next working day is 2026-10-08."""
    filed_on = date(2026, 4, 1)
    assert run(filed_on=filed_on).deadline == date(2026, 10, 1)
    rolled = run(filed_on=filed_on, holidays=default_holidays(), roll_over_holidays=True)
    assert rolled.deadline == date(2026, 10, 8) and rolled.adjustments[-1].kind == "holiday_roll_over"


def test_holiday_calendar_knows_make_up_days_and_refuses_unknown_years():
    holidays = default_holidays()
    assert holidays.is_working_day(date(2026, 2, 14))  # Saturday, 调休上班
    assert not holidays.is_working_day(date(2026, 2, 16))
    assert holidays.next_working_day(date(2025, 1, 25)) == date(2025, 1, 26)  # Saturday → Sunday make-up day
    with pytest.raises(InvalidInput):
        run(filed_on=date(2026, 12, 1), holidays=holidays, roll_over_holidays=True)


def test_foreign_related_civil_cases_only():
    assert run(foreign_related=True).deadline is None
    with pytest.raises(InvalidInput) as caught:
        run("刑初", "ordinary", foreign_related=True)
    assert caught.value.field == "foreign_related"


# ---------------------------------------------------------------- postponements (延审规定 2018/2019)


@pytest.mark.parametrize(
    ("procedure", "so_far", "next_hearing", "excused", "refused"),
    [("ordinary", 1, date(2026, 5, 10), False, False), ("ordinary", 2, date(2026, 5, 1), False, True),
     ("simple", 1, date(2026, 5, 1), False, True), ("small_claims", 0, date(2026, 5, 10), False, False),
     ("ordinary", 0, date(2026, 5, 11), False, True), ("ordinary", 0, date(2026, 5, 11), True, False)],
)
def test_hearing_postponements(procedure, so_far, next_hearing, excused, refused):
    reason = check_hearing_postponement(procedure=procedure, postponements_so_far=so_far,
                                        previous_hearing_on=date(2026, 4, 10), next_hearing_on=next_hearing,
                                        parties_agree=excused)
    assert (reason is not None) == refused


# ---------------------------------------------------------------- bankruptcy (§2.6)


def test_bankruptcy_has_milestones_not_a_deadline():
    assert run("破", "ordinary").deadline is None
    milestones = bankruptcy_milestones(table=TABLE, anchors={"acceptance": date(2026, 3, 10),
                                                            "announcement": date(2026, 3, 20)})
    due = {m.key: m.due_on for m in milestones}
    assert due["notify_creditors"] == date(2026, 4, 4)  # art. 14: 25 days
    assert due["claim_period_min"] == date(2026, 4, 19) and due["claim_period_max"] == date(2026, 6, 20)  # art. 45
    assert due["fast_track"] == date(2026, 9, 10)
    assert "reorganisation_plan" not in due
    plan = bankruptcy_milestones(table=TABLE, anchors={"reorganisation_ruling": date(2026, 3, 10)})[0]
    assert (plan.due_on, plan.latest_with_extension) == (date(2026, 9, 10), date(2026, 12, 10))  # art. 79
    with pytest.raises(InvalidInput):
        bankruptcy_milestones(table=TABLE, anchors={"filing_day": date(2026, 3, 10)})


# ---------------------------------------------------------------- the data


def test_every_row_cites_its_source_with_a_tag():
    for rule in TABLE.rules:
        assert rule.source and rule.source_tag in ("V", "S", "U"), rule
        assert rule.extension_tag in ("V", "S", "U"), rule
        assert rule.procedure in (*PROCEDURES, "*")
        assert all(step.approver in APPROVERS for step in rule.extensions)
    for kind in SUSPENSION_KINDS.values():
        assert kind.families <= {"civil", "criminal", "administrative", "enforcement"} and "第" in kind.source


# ---------------------------------------------------------------- the calculator


def test_calculate_the_cli_example():
    params = DeadlineParams(case_type="民初", procedure="simple", filed="2026-01-31",
                            suspensions=["appraisal:2026-02-10:2026-03-01"], extensions=["1m"], on="2026-03-15")
    result = calculate(params, today=date(2030, 1, 1))
    assert result["deadline"] == "2026-06-20" and result["status"] == "normal"
    assert [a["kind"] for a in result["adjustments"]] == ["base", "suspension", "extension"]
    assert result["adjustments"][1]["days_added"] == 20
    json.dumps(result, ensure_ascii=False)


@pytest.mark.parametrize(
    ("field", "params"),
    [("filed", {"filed": "2026-02-30"}), ("suspension", {"suspensions": ["appraisal-2026-02-10"]}),
     ("suspension", {"suspensions": ["appraisal:2026-02-10:2026-13-01"]}), ("extension", {"extensions": ["一个月"]}),
     ("case_type", {"case_type": "民撤"}), ("procedure", {"procedure": "summary"}), ("variant", {"variant": "x"})],
)
def test_calculate_refuses_bad_input_naming_the_field(field, params):
    with pytest.raises(InvalidInput) as caught:
        calculate(DeadlineParams(**{"case_type": "民初", "procedure": "simple", "filed": "2026-01-31", **params}),
                  today=date(2026, 3, 1))
    assert caught.value.field == field


def _cli() -> Typer:
    app = Typer()
    app.command()(calc_deadline)
    return app


def test_cli_prints_json():
    result = CliRunner().invoke(_cli(), ["--case-type", "民初", "--procedure", "simple", "--filed", "2026-01-31",
                                         "--suspension", "appraisal:2026-02-10:2026-03-01", "--extension", "1m",
                                         "--on", "2026-03-15"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["deadline"], data["days_used"], data["days_left"]) == ("2026-06-20", 23, 97)
    assert "鉴定期间" in result.stdout  # ensure_ascii=False


def test_cli_refuses_bad_input_in_chinese_with_exit_code_2():
    result = CliRunner().invoke(_cli(), ["--case-type", "刑初", "--procedure", "simple", "--filed", "2026-01-31",
                                         "--suspension", "appraisal:2026-02-10:2026-03-01"])
    assert result.exit_code == 2
    assert "不适用于刑事案件" in result.stderr


# ---------------------------------------------------------------- properties

FILED = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
PROCEDURE = st.sampled_from(["ordinary", "simple", "small_claims"])


@st.composite
def suspensions(draw, filed_on):
    start = filed_on + timedelta(days=draw(st.integers(1, 400)))
    return Suspension(draw(st.sampled_from(["appraisal", "public_notice", "settlement", "stay"])), start,
                      start + timedelta(days=draw(st.integers(0, 120))))


@given(data=st.data(), filed_on=FILED, procedure=PROCEDURE)
def test_a_suspension_never_brings_the_deadline_earlier(data, filed_on, procedure):
    events = data.draw(st.lists(suspensions(filed_on), max_size=4))
    extra = data.draw(suspensions(filed_on))
    before = run("民初", procedure, filed_on, events=events).deadline
    assert run("民初", procedure, filed_on, events=[*events, extra]).deadline >= before


EXTENSION = st.one_of(st.builds(Length, months=st.integers(1, 6)), st.builds(Length, days=st.integers(1, 181)))


@given(data=st.data(), filed_on=FILED, length=EXTENSION)
def test_an_approved_extension_never_shortens_the_deadline(data, filed_on, length):
    events = data.draw(st.lists(suspensions(filed_on), max_size=3))
    extended = run("民初", "ordinary", filed_on, events=[*events, Extension(length)])
    assert extended.deadline >= run("民初", "ordinary", filed_on, events=events).deadline


@given(data=st.data(), filed_on=FILED)
def test_any_suspensions_count_each_day_once(data, filed_on):
    events = data.draw(st.lists(suspensions(filed_on), min_size=1, max_size=5))
    result = run("民初", "ordinary", filed_on, events=events)
    counted = [e for e, a in zip(sorted(events, key=lambda e: e.starts_on), result.adjustments[1:], strict=True)
               if a.applied]
    days = {e.starts_on + timedelta(days=n) for e in counted for n in range((e.ends_on - e.starts_on).days + 1)}
    assert result.suspended_days == len(days)
    assert result.deadline == Length(months=6).after(filed_on) + timedelta(days=len(days))


@given(data=st.data(), filed_on=FILED, procedure=PROCEDURE)
def test_days_used_plus_days_left_is_constant_for_a_fixed_deadline(data, filed_on, procedure):
    events = data.draw(st.lists(suspensions(filed_on), max_size=3))
    first = run("民初", procedure, filed_on, events=events)
    today = filed_on + timedelta(days=data.draw(st.integers(0, (first.deadline - filed_on).days + 60)))
    later = run("民初", procedure, filed_on, today=today, events=events)
    assert later.deadline == first.deadline
    assert later.days_used + later.days_left == first.days_used + first.days_left
