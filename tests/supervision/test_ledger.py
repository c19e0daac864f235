"""The long-pending ledger: sync, the chief's plan, weekly progress, reports and the Excel files."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from dateutil.relativedelta import relativedelta
from openpyxl import load_workbook
from sqlalchemy import select

from omnicourt import clock
from omnicourt.audit.models import AuditRecord
from omnicourt.cases.models import Case, TimelineEvent
from omnicourt.errors import Forbidden, InvalidInput
from omnicourt.supervision import reports, rules, service
from omnicourt.supervision.models import LedgerEntry, LedgerProgress
from tests.supervision.conftest import close, make_case

TODAY = clock.today()
TIERS = (12, 18, 36)


def months_ago(months: int, days: int = 1) -> date:
    return TODAY - relativedelta(months=months) - timedelta(days=days)


def entry_of(db, case_id) -> LedgerEntry | None:
    with db.reading() as session:
        return session.scalar(select(LedgerEntry).where(LedgerEntry.case_id == case_id))


def sync(db, staff, today=TODAY):
    with db.transaction() as session:
        return service.sync_ledger(session, court_id=staff.court_id, today=today, tiers=TIERS)


def test_sync_enters_retiers_and_leaves(db, staff):
    young = make_case(db, staff, accepted_on=months_ago(11))
    old = make_case(db, staff, accepted_on=months_ago(12))
    older = make_case(db, staff, accepted_on=months_ago(36, days=3))
    closed = make_case(db, staff, accepted_on=months_ago(20), stage="closed")
    sync(db, staff)
    assert entry_of(db, young) is None and entry_of(db, closed) is None
    assert entry_of(db, old).tier_months == 12 and entry_of(db, old).entered_on == TODAY
    assert entry_of(db, older).tier_months == 36
    assert entry_of(db, old).responsible_judge_id == staff.judge.id
    again = sync(db, staff)
    assert (again.entered, again.retiered, again.left) == (0, 0, 0)  # idempotent

    later = TODAY + relativedelta(months=6) + timedelta(days=1)
    sync(db, staff, today=later)
    assert entry_of(db, old).tier_months == 18
    assert entry_of(db, young).tier_months == 12

    close(db, old, later)
    sync(db, staff, today=later)
    assert entry_of(db, old).left_on == later
    assert entry_of(db, older).left_on is None
    with db.reading() as session:
        events = session.scalars(select(TimelineEvent).where(TimelineEvent.case_id == old)
                                 .order_by(TimelineEvent.id)).all()
        assert [e.kind for e in events] == ["long_pending"] * 3
        assert not any(e.public for e in events)
        actions = session.scalars(select(AuditRecord.action).where(
            AuditRecord.object_type == "case", AuditRecord.object_id == str(old)).order_by(AuditRecord.id)).all()
        assert actions == ["supervision.ledger.enter", "supervision.ledger.retier", "supervision.ledger.leave"]


@pytest.fixture
def entry_case(db, staff) -> int:
    case_id = make_case(db, staff, accepted_on=months_ago(13))
    sync(db, staff)
    return case_id


def plan(db, actor, case_id, staff, **changes):
    args = {"responsible_judge_id": staff.judge.id, "target_on": TODAY + timedelta(days=30),
            "plan": "一个月内组织第二次开庭并当庭宣判", "supervisor_id": staff.chief.id, "today": TODAY} | changes
    with db.transaction() as session:
        return service.set_plan(session, actor=actor, case_id=case_id, **args)


def test_the_chief_sets_the_plan(db, staff, entry_case):
    plan(db, staff.chief, entry_case, staff, responsible_judge_id=staff.other_judge.id)
    entry = entry_of(db, entry_case)
    assert entry.responsible_judge_id == staff.other_judge.id and entry.supervisor_id == staff.chief.id
    assert entry.target_on == TODAY + timedelta(days=30) and entry.planned_by_id == staff.chief.id
    plan(db, staff.president, entry_case, staff, supervisor_id=staff.president.id)  # the president may too
    with db.reading() as session:
        kinds = session.scalars(select(TimelineEvent.kind).where(TimelineEvent.case_id == entry_case)).all()
    assert kinds.count("ledger_plan") == 2


@pytest.mark.parametrize("who", ["judge", "other_chief", "clerk"])
def test_others_may_not_set_the_plan(db, staff, entry_case, who):
    with pytest.raises(Forbidden) as refused:
        plan(db, getattr(staff, who), entry_case, staff)
    # Another division's chief cannot even see the case; a judge or clerk sees it but may not plan.
    assert refused.value.message in ("无权查看该案件", "只有本庭庭长或本院院长、副院长可以制定结案计划")


@pytest.mark.parametrize(("changes", "field"), [
    ({"plan": "  "}, "plan"),
    ({"target_on": TODAY - timedelta(days=1)}, "target_on"),
    ({"target_on": None}, "target_on"),
    ({"responsible_judge_id": None}, "responsible_judge_id"),
    ({"supervisor_id": None}, "supervisor_id"),
])
def test_plan_input_is_checked(db, staff, entry_case, changes, field):
    with pytest.raises(InvalidInput) as refused:
        plan(db, staff.chief, entry_case, staff, **changes)
    assert refused.value.field == field


def progress(db, actor, case_id, note, today=TODAY):
    with db.transaction() as session:
        return service.record_progress(session, actor=actor, case_id=case_id, note=note, today=today)


def test_weekly_progress_one_per_week(db, staff, entry_case):
    monday = rules.week_start(TODAY)
    progress(db, staff.judge, entry_case, "已通知双方补充证据", today=monday)
    progress(db, staff.judge, entry_case, "双方已补充证据，定于下周开庭", today=monday + timedelta(days=4))
    progress(db, staff.judge, entry_case, "已开庭", today=monday + timedelta(days=7))
    with db.reading() as session:
        notes = session.scalars(select(LedgerProgress).where(LedgerProgress.case_id == entry_case)
                                .order_by(LedgerProgress.week_start)).all()
    assert [n.note for n in notes] == ["双方已补充证据，定于下周开庭", "已开庭"]
    assert notes[0].week_start == monday
    with pytest.raises(Forbidden):
        progress(db, staff.other_judge, entry_case, "不是责任法官")
    with pytest.raises(InvalidInput):
        progress(db, staff.judge, entry_case, " ")


def test_ledger_flags_entries_without_progress_this_week(db, staff, entry_case):
    quiet = make_case(db, staff, accepted_on=months_ago(14))
    sync(db, staff)
    progress(db, staff.judge, entry_case, "本周已调解一次")
    plan(db, staff.chief, quiet, staff)
    with db.transaction() as session:  # a target already passed (written directly: the service refuses it)
        session.scalar(select(LedgerEntry).where(LedgerEntry.case_id == quiet)).target_on = TODAY - timedelta(1)
    with db.reading() as session:
        rows = {r.case.id: r for r in service.all_ledger_rows(session, actor=staff.chief, today=TODAY)}
        judge_rows = list(service.all_ledger_rows(session, actor=staff.other_chief, today=TODAY))
    assert rows[entry_case].progress_this_week and not rows[quiet].progress_this_week
    assert rows[quiet].target_overdue and not rows[entry_case].target_overdue
    assert not {r.case.id for r in judge_rows} & {entry_case, quiet}  # another division's chief sees neither


def direct_counts(db, staff, per: rules.Period, as_of: date) -> dict:
    """The report's figures counted one by one, for the chief's division."""
    with db.reading() as session:
        entries = session.execute(select(LedgerEntry, Case.accepted_on).join(Case, Case.id == LedgerEntry.case_id)
                                  .where(Case.division_id == staff.division_id)).all()
        progressed = {p.entry_id for p in session.scalars(select(LedgerProgress).where(
            LedgerProgress.week_start >= rules.week_start(per.start), LedgerProgress.week_start <= as_of))}
    is_open = [(e, a) for e, a in entries if e.entered_on <= as_of and (e.left_on is None or e.left_on > as_of)]
    by_tier = dict.fromkeys(TIERS, 0)
    for _, accepted_on in is_open:
        by_tier[rules.tier(accepted_on, as_of, TIERS)] += 1
    return {
        "open": len(is_open), "by_tier": by_tier,
        "added": sum(per.start <= e.entered_on <= per.end for e, _ in entries),
        "left": sum(e.left_on is not None and per.start <= e.left_on <= per.end for e, _ in entries),
        "target_overdue": sum(e.target_on is not None and e.target_on < as_of for e, _ in is_open),
        "without_progress": sum(e.id not in progressed for e, _ in is_open),
    }


def test_report_figures_match_direct_counts(db, staff, entry_case):
    gone = make_case(db, staff, accepted_on=months_ago(40))
    make_case(db, staff, accepted_on=months_ago(19))
    sync(db, staff)
    close(db, gone, TODAY)
    sync(db, staff)
    progress(db, staff.judge, entry_case, "本周已开庭")
    for kind in ("month", "quarter"):
        per = rules.current_period(kind, TODAY)
        with db.reading() as session:
            report = service.report(session, actor=staff.chief, kind=kind, year=per.year, number=per.number,
                                    today=TODAY, tiers=TIERS)
        want = direct_counts(db, staff, per, TODAY)
        total = report.total
        got = {"open": total.open, "by_tier": total.by_tier, "added": total.added, "left": total.left,
               "target_overdue": total.target_overdue, "without_progress": total.without_progress}
        assert got == want
        assert want["added"] >= 3 and want["left"] >= 1 and want["open"] >= 2
        assert {g.division_id for g in report.groups} == {staff.division_id}
        assert sum(g.open for g in report.groups) == total.open


def test_reports_are_for_supervisors(db, staff):
    with db.reading() as session, pytest.raises(Forbidden):
        service.report(session, actor=staff.judge, kind="month", year=TODAY.year, number=1, today=TODAY,
                       tiers=TIERS)
    with db.reading() as session, pytest.raises(InvalidInput):
        service.report(session, actor=staff.chief, kind="month", year=TODAY.year, number=13, today=TODAY,
                       tiers=TIERS)


def test_excel_files_open_and_hold_the_rows(db, staff, entry_case):
    with db.reading() as session:
        rows = list(service.all_ledger_rows(session, actor=staff.chief, today=TODAY))
        ledger = reports.ledger_workbook(rows, reports.ledger_names(session, rows), today=TODAY)
        per = rules.current_period("quarter", TODAY)
        report = service.report(session, actor=staff.chief, kind="quarter", year=per.year, number=per.number,
                                today=TODAY, tiers=TIERS)
        summary = reports.report_workbook(report, reports.report_names(session, report))
    sheet = load_workbook(BytesIO(ledger)).active
    assert sheet.title == "长期未结案件台账"
    assert [c.value for c in sheet[1]] == reports.LEDGER_HEADER
    assert sheet.max_row == len(rows) + 1
    numbers = {r[0] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert {r.case.case_number for r in rows} == numbers
    book = load_workbook(BytesIO(summary))
    figures = book.worksheets[0]
    assert [c.value for c in figures[1]][:4] == ["法院", "审判庭", "期末在册", "满12个月"]
    last = [c.value for c in figures[figures.max_row]]
    assert last[0] == "合计" and last[2] == report.total.open
    assert figures.max_row == len(report.groups) + 2
