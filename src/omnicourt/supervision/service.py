"""Use cases of supervision. Each takes the caller's session (one transaction per use case), checks
permission first, and writes the case-timeline event (hidden from parties, see cases/timeline.py) and the audit record
with the change. `sync_ledger` and `escalate_overdue` are the scheduled sweeps (see `sweep`)."""

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from omnicourt.audit.actions import AuditAction
from omnicourt.cases import permissions
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import Case
from omnicourt.db import utcnow
from omnicourt.errors import Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.notifications import service as notifications
from omnicourt.paging import Cursor, after_ascending_nulls_last
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import COURT_LEADERS, Actor
from omnicourt.supervision import rules
from omnicourt.supervision.models import LedgerEntry, LedgerProgress, SupervisionNotice

NOTICES_LINK = "/bench/supervision/notices"


# ---------------------------------------------------------------- permissions

def may_plan(actor: Actor, case: Case) -> bool:
    """The plan is set by the chief of the case's division or a president / vice president of its court."""
    if actor.role == "division_chief":
        return case.division_id is not None and case.division_id == actor.division_id
    return actor.role in COURT_LEADERS and case.court_id == actor.court_id


def may_issue(actor: Actor, case: Case) -> bool:
    """Reminders and supervision notices: the case's chief, its court's leaders, or the high court's."""
    return may_plan(actor, case) or (actor.role in COURT_LEADERS and actor.sees_province)


def may_see_reports(actor: Actor) -> bool:
    return actor.is_staff and actor.role in rules.SUPERVISOR_ROLES


# ---------------------------------------------------------------- the ledger sweep

@dataclass
class SyncResult:
    entered: int = 0
    retiered: int = 0
    left: int = 0


def sync_ledger(session: Session, *, court_id: int | None, today: date, tiers: tuple[int, ...]) -> SyncResult:
    """Enter open cases past the first tier, move entries to the tier they reached, and take entries off
    the ledger whose case has closed; `tiers` in months (the dashboard_long_pending_months setting).
    Idempotent: a second run the same day changes nothing."""
    tiers, result = tuple(sorted(tiers)), SyncResult()
    scope = [] if court_id is None else [Case.court_id == court_id]
    entries = {e.case_id: e for e in session.scalars(
        select(LedgerEntry).where(LedgerEntry.left_on.is_(None),
                                  *([] if court_id is None else [LedgerEntry.court_id == court_id]))
        .with_for_update())}
    long_pending = session.scalars(select(Case).where(
        Case.stage.in_(cases.OPEN_STAGES), Case.accepted_on < rules.entry_cutoff(today, tiers), *scope)
        .order_by(Case.id))
    for case in long_pending:
        reached = rules.tier(case.accepted_on, today, tiers)
        if reached is None:
            continue  # below the first tier: the query's cutoff already keeps such cases out
        entry = entries.pop(case.id, None)
        if entry is None:
            if session.scalar(select(LedgerEntry.id).where(LedgerEntry.case_id == case.id)) is not None:
                continue  # entered and left before (a closed case reopened): its row keeps the history
            entry = LedgerEntry(court_id=case.court_id, case_id=case.id, division_id=case.division_id,
                                tier_months=reached, entered_on=today, responsible_judge_id=case.judge_id,
                                plan="", updated_at=utcnow())
            session.add(entry)
            _changed(session, case=case, actor=None, kind=EventKind.LONG_PENDING,
                     action=AuditAction.SUPERVISION_LEDGER_ENTER,
                     summary=f"立案已满{reached}个月未结，列入长期未结案件台账", details={"tier_months": reached})
            result.entered += 1
        elif entry.tier_months != reached:
            old, entry.tier_months, entry.updated_at = entry.tier_months, reached, utcnow()
            _changed(session, case=case, actor=None, kind=EventKind.LONG_PENDING,
                     action=AuditAction.SUPERVISION_LEDGER_RETIER,
                     summary=f"立案已满{reached}个月未结，台账层级由{old}个月调整为{reached}个月",
                     details={"from": old, "to": reached})
            result.retiered += 1
    # What is left open in `entries` is no longer an open long-pending case: it closed.
    for entry in entries.values():
        case = session.get_one(Case, entry.case_id)
        if case.stage in cases.OPEN_STAGES:
            continue  # still open (tiers were raised): keep it on the ledger
        entry.left_on, entry.updated_at = case.closed_on or today, utcnow()
        _changed(session, case=case, actor=None, kind=EventKind.LONG_PENDING,
                 action=AuditAction.SUPERVISION_LEDGER_LEAVE,
                 summary="案件已结，移出长期未结案件台账", details={"left_on": entry.left_on.isoformat()})
        result.left += 1
    return result


def _changed(session: Session, *, case: Case, actor: Actor | None, kind: EventKind, action: AuditAction,
             summary: str, details: dict, object_type: str = "case", object_id: object = None) -> None:
    """One internal timeline event and one audit record for a supervision change, in the same transaction."""
    details = json.loads(json.dumps(details, ensure_ascii=False, default=str))  # dates as ISO text in JSON
    cases.record_event(session, case=case, actor=actor, kind=kind, summary=summary, details=details,
                       audit_action=action, audit_details=details, object_type=object_type, object_id=object_id)


# ---------------------------------------------------------------- ledger use cases

def _entry_of(session: Session, case: Case, *, for_update: bool = False) -> LedgerEntry:
    query = select(LedgerEntry).where(LedgerEntry.case_id == case.id)
    entry = session.scalar(query.with_for_update() if for_update else query)
    if entry is None:
        raise NotFound("该案件不在长期未结案件台账中", field="case_id")
    return entry


def get_entry(session: Session, *, actor: Actor, case_id: int) -> tuple[Case, LedgerEntry]:
    case = cases.get_case(session, actor=actor, case_id=case_id)
    return case, _entry_of(session, case)


def set_plan(session: Session, *, actor: Actor, case_id: int, responsible_judge_id: int | None, target_on: date | None,
             plan: str, supervisor_id: int | None, today: date) -> LedgerEntry:
    """The chief's closing plan: responsible judge, target closing date, plan, supervising leader."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    if not may_plan(actor, case):
        raise Forbidden("只有本庭庭长或本院院长、副院长可以制定结案计划")
    entry = _entry_of(session, case, for_update=True)
    if entry.left_on is not None:
        raise Conflict("案件已结，已移出台账", field="case_id")
    plan = (plan or "").strip()
    if not plan:
        raise InvalidInput("请填写结案计划", field="plan")
    if target_on is None:
        raise InvalidInput("请填写计划结案日期", field="target_on")
    if target_on < today:
        raise InvalidInput("计划结案日期不能早于今天", field="target_on")
    judge = security.get_account(session, responsible_judge_id) if responsible_judge_id else None
    if judge is None or judge.role != "judge" or not judge.active or judge.court_id != case.court_id:
        raise InvalidInput("责任法官应为本案受理法院在岗的员额法官", field="responsible_judge_id")
    leader = security.get_account(session, supervisor_id) if supervisor_id else None
    if leader is None or leader.role not in rules.SUPERVISOR_ROLES or not leader.active \
            or leader.court_id != case.court_id:
        raise InvalidInput("督办领导应为本院庭长、副院长或院长", field="supervisor_id")
    before = {"responsible_judge_id": entry.responsible_judge_id, "target_on": entry.target_on,
              "supervisor_id": entry.supervisor_id, "plan": entry.plan}
    entry.responsible_judge_id, entry.target_on, entry.plan = judge.id, target_on, plan[:4000]
    entry.supervisor_id, entry.planned_by_id, entry.planned_at = leader.id, actor.id, utcnow()
    entry.updated_at = entry.planned_at
    _changed(session, case=case, actor=actor, kind=EventKind.LEDGER_PLAN, action=AuditAction.SUPERVISION_LEDGER_PLAN,
             summary=f"制定结案计划：责任法官{judge.display_name}，计划{target_on.isoformat()}前结案，"
                     f"督办领导{leader.display_name}",
             details={"before": before, "after": {"responsible_judge_id": judge.id, "target_on": target_on,
                                                  "supervisor_id": leader.id, "plan": entry.plan}},
             object_type="ledger_entry", object_id=entry.id)
    return entry


def record_progress(session: Session, *, actor: Actor, case_id: int, note: str, today: date) -> LedgerProgress:
    """The responsible judge's note for this ISO week; a second note the same week replaces the first."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    if actor.role != "judge":
        raise Forbidden("只有责任法官可以填报进展")
    entry = _entry_of(session, case)
    if entry.responsible_judge_id != actor.id:
        raise Forbidden("只有本案台账的责任法官可以填报进展")
    if entry.left_on is not None:
        raise Conflict("案件已结，已移出台账", field="case_id")
    note = (note or "").strip()
    if not note:
        raise InvalidInput("请填写本周进展", field="note")
    year, week = rules.iso_week(today)
    progress = session.scalar(select(LedgerProgress).where(
        LedgerProgress.entry_id == entry.id, LedgerProgress.iso_year == year, LedgerProgress.iso_week == week))
    now = utcnow()
    if progress is None:
        progress = LedgerProgress(entry_id=entry.id, court_id=entry.court_id, case_id=case.id, iso_year=year,
                                  iso_week=week, week_start=rules.week_start(today), note=note[:4000],
                                  author_id=actor.id, created_at=now, updated_at=now)
        session.add(progress)
        verb = "填报"
    else:
        progress.note, progress.author_id, progress.updated_at = note[:4000], actor.id, now
        verb = "更新"
    session.flush()
    _changed(session, case=case, actor=actor, kind=EventKind.LEDGER_PROGRESS,
             action=AuditAction.SUPERVISION_LEDGER_PROGRESS,
             summary=f"{verb}{year}年第{week}周办理进展：{note[:200]}",
             details={"iso_year": year, "iso_week": week}, object_type="ledger_entry", object_id=entry.id)
    return progress


def progress_of(session: Session, *, entry: LedgerEntry) -> list[LedgerProgress]:
    return list(session.scalars(select(LedgerProgress).where(LedgerProgress.entry_id == entry.id)
                                .order_by(LedgerProgress.iso_year.desc(), LedgerProgress.iso_week.desc())))


@dataclass
class LedgerRow:
    entry: LedgerEntry
    case: Case
    progress_this_week: bool
    target_overdue: bool


LEDGER_BATCH = 500  # rows read at a time when every row is wanted (the export)


def _ledger_scope(actor: Actor, open_only: bool) -> list:
    """The ledger entries the actor may see (open ones only, or all), over LedgerEntry joined to its Case."""
    if not actor.is_staff:
        raise Forbidden("台账仅供法院工作人员查看")
    scope = [permissions.case_scope(actor)]
    return scope + [LedgerEntry.left_on.is_(None)] if open_only else scope


def _progressed_this_week(today: date):
    year, week = rules.iso_week(today)
    return exists().where(LedgerProgress.entry_id == LedgerEntry.id, LedgerProgress.iso_year == year,
                          LedgerProgress.iso_week == week)


def list_ledger(session: Session, *, actor: Actor, today: date, limit: int, open_only: bool = True,
                after: Cursor | None = None) -> list[LedgerRow]:
    """A page of the ledger entries of the cases the actor may see, the most overdue first (the earliest trial
    deadline; none last), with this week's flags; the page after the cursor `after` (deadline and case id)."""
    query = (select(LedgerEntry, Case, _progressed_this_week(today)).join(Case, Case.id == LedgerEntry.case_id)
             .where(*_ledger_scope(actor, open_only))
             .order_by(Case.deadline_on.is_(None), Case.deadline_on, Case.id).limit(limit))
    if after is not None:
        query = query.where(after_ascending_nulls_last(Case.deadline_on, Case.id, after))
    return [LedgerRow(entry, case, bool(has), rules.target_overdue(entry.target_on, today,
                                                                    closed=entry.left_on is not None))
            for entry, case, has in session.execute(query)]


def all_ledger_rows(session: Session, *, actor: Actor, today: date, open_only: bool = True,
                    batch: int | None = None) -> Iterator[LedgerRow]:
    """Every row of the ledger in list_ledger's order, read page by page: no silent cap."""
    after = None
    while True:
        rows = list_ledger(session, actor=actor, today=today, open_only=open_only, limit=batch or LEDGER_BATCH,
                           after=after)
        yield from rows
        if len(rows) < (batch or LEDGER_BATCH):
            return
        after = ledger_cursor(rows[-1])


def ledger_cursor(row: LedgerRow) -> Cursor:
    return Cursor(row.case.deadline_on, row.case.id)


def ledger_counts(session: Session, *, actor: Actor, today: date, open_only: bool = True) -> tuple[int, int]:
    """(entries, open entries without progress this week) of the ledger the actor sees."""
    without_progress = and_(LedgerEntry.left_on.is_(None), ~_progressed_this_week(today))
    query = (select(func.count(), func.count().filter(without_progress)).select_from(LedgerEntry)
             .join(Case, Case.id == LedgerEntry.case_id).where(*_ledger_scope(actor, open_only)))
    total, unreported = session.execute(query).one()
    return total, unreported


# ---------------------------------------------------------------- reports

@dataclass
class ReportGroup:
    court_id: int
    division_id: int | None
    by_tier: dict[int, int] = field(default_factory=dict)
    open: int = 0
    added: int = 0
    left: int = 0
    target_overdue: int = 0
    without_progress: int = 0


@dataclass
class Report:
    period: rules.Period
    as_of: date
    tiers: tuple[int, ...]
    groups: list[ReportGroup]
    total: ReportGroup


def report(session: Session, *, actor: Actor, kind: str, year: int, number: int, today: date,
           tiers: tuple[int, ...]) -> Report:
    """Monthly or quarterly figures per court and division, as of the period's end (or today, if earlier):
    open entries by tier, entries added and left in the period, open entries past their target date, and
    open entries with no progress note in the period."""
    if not may_see_reports(actor):
        raise Forbidden("只有庭长、副院长、院长可以查看台账报表")
    try:
        per = rules.period(kind, year, number)
    except ValueError:
        raise InvalidInput("报表期间应为某月（month 1–12）或某季度（quarter 1–4）", field="period") from None
    tiers, as_of = tuple(sorted(tiers)), min(per.end, today)
    progressed = exists().where(LedgerProgress.entry_id == LedgerEntry.id, LedgerProgress.week_start <= as_of,
                                LedgerProgress.week_start >= rules.week_start(per.start))
    rows = session.execute(
        select(LedgerEntry, Case.accepted_on, progressed).join(Case, Case.id == LedgerEntry.case_id)
        .where(permissions.case_scope(actor), LedgerEntry.entered_on <= per.end,
               or_(LedgerEntry.left_on.is_(None), LedgerEntry.left_on >= per.start)))
    groups: dict[tuple[int, int | None], ReportGroup] = {}
    total = ReportGroup(court_id=0, division_id=None, by_tier=dict.fromkeys(tiers, 0))
    for entry, accepted_on, has_progress in rows:
        key = (entry.court_id, entry.division_id)
        group = groups.setdefault(key, ReportGroup(*key, by_tier=dict.fromkeys(tiers, 0)))
        added = per.start <= entry.entered_on <= per.end
        left = entry.left_on is not None and per.start <= entry.left_on <= per.end
        is_open = entry.entered_on <= as_of and (entry.left_on is None or entry.left_on > as_of)
        reached = rules.tier(accepted_on, as_of, tiers) if is_open else None
        for g in (group, total):
            g.added += added
            g.left += left
            if is_open:
                g.open += 1
                if reached is not None:
                    g.by_tier[reached] += 1
                g.target_overdue += rules.target_overdue(entry.target_on, as_of, closed=False)
                g.without_progress += not has_progress
    ordered = [groups[k] for k in sorted(groups, key=lambda k: (k[0], k[1] or 0))]
    return Report(per, as_of, tiers, ordered, total)


# ---------------------------------------------------------------- reminders and supervision notices

def issue_notice(session: Session, *, actor: Actor, case_id: int, kind: str, text: str, due_on: date | None,
                 today: date) -> SupervisionNotice:
    """A reminder (催办) or supervision notice (督办) to the case's judge, who is notified."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    if not may_issue(actor, case):
        raise Forbidden("只有本庭庭长或院长、副院长可以催办、督办案件")
    if kind not in rules.KINDS:
        raise InvalidInput("类型应为催办（reminder）或督办（supervision_notice）", field="kind")
    if case.stage not in cases.OPEN_STAGES:
        raise Conflict("案件已结，无需催办、督办", field="case_id")
    if case.judge_id is None:
        raise Conflict("案件尚未分案，没有承办法官", field="case_id")
    text = (text or "").strip()
    if not text:
        raise InvalidInput(f"请填写{rules.KINDS[kind]}内容", field="text")
    if due_on is None or due_on < today:
        raise InvalidInput("回复期限不能早于今天", field="due_on")
    notice = SupervisionNotice(court_id=case.court_id, case_id=case.id, kind=kind, text=text[:4000], due_on=due_on,
                               status="issued", issuer_id=actor.id, recipient_id=case.judge_id, issued_at=utcnow())
    session.add(notice)
    session.flush()
    label = rules.KINDS[kind]
    _changed(session, case=case, actor=actor, kind=EventKind(kind), action=AuditAction.SUPERVISION_NOTICE_ISSUE,
             summary=f"{actor.display_name}发出{label}，要求{due_on.isoformat()}前回复：{text[:200]}",
             details={"notice_id": notice.id, "kind": kind, "due_on": due_on}, object_type="supervision_notice",
             object_id=notice.id)
    notifications.notify(session, recipient_ids=[case.judge_id], kind=kind, court_id=case.court_id, case_id=case.id,
                         message=f"{case.case_number}：{actor.display_name}{label}，请于{due_on.isoformat()}前签收并回复",
                         link=NOTICES_LINK)
    return notice


def _own_notice(session: Session, *, actor: Actor, notice_id: int) -> tuple[SupervisionNotice, Case]:
    notice = session.scalar(select(SupervisionNotice).where(SupervisionNotice.id == notice_id).with_for_update())
    if notice is None:
        raise NotFound("催办、督办通知不存在", field="notice_id")
    if notice.recipient_id != actor.id:
        raise Forbidden("只有收到通知的承办法官可以签收、回复")
    return notice, session.get_one(Case, notice.case_id)


def acknowledge_notice(session: Session, *, actor: Actor, notice_id: int) -> SupervisionNotice:
    """Idempotent: acknowledging again (a double click, a retry) changes nothing."""
    notice, case = _own_notice(session, actor=actor, notice_id=notice_id)
    if notice.status != "issued":
        return notice
    notice.status, notice.acknowledged_at = "acknowledged", utcnow()
    _changed(session, case=case, actor=actor, kind=EventKind(notice.kind),
             action=AuditAction.SUPERVISION_NOTICE_ACKNOWLEDGE,
             summary=f"承办法官{actor.display_name}签收{rules.KINDS[notice.kind]}", details={"notice_id": notice.id},
             object_type="supervision_notice", object_id=notice.id)
    return notice


def reply_notice(session: Session, *, actor: Actor, notice_id: int, reply: str, today: date) -> SupervisionNotice:
    """The judge's reply; replying also acknowledges a notice not yet acknowledged."""
    notice, case = _own_notice(session, actor=actor, notice_id=notice_id)
    if notice.status == "replied":
        raise Conflict("该通知已回复", field="notice_id")
    reply = (reply or "").strip()
    if not reply:
        raise InvalidInput("请填写回复内容", field="reply")
    now = utcnow()
    notice.acknowledged_at = notice.acknowledged_at or now
    notice.status, notice.replied_at, notice.replied_on, notice.reply = "replied", now, today, reply[:4000]
    late = rules.reply_overdue(notice.due_on, today, replied_on=today)
    _changed(session, case=case, actor=actor, kind=EventKind(notice.kind), action=AuditAction.SUPERVISION_NOTICE_REPLY,
             summary=f"承办法官{actor.display_name}回复{rules.KINDS[notice.kind]}" + ("（逾期）" if late else "")
             + f"：{reply[:200]}", details={"notice_id": notice.id, "late": late},
             object_type="supervision_notice", object_id=notice.id)
    notifications.notify(session, recipient_ids=[notice.issuer_id], kind=notice.kind, court_id=case.court_id,
                         case_id=case.id, message=f"{case.case_number}：承办法官已回复{rules.KINDS[notice.kind]}",
                         link=NOTICES_LINK)
    return notice


@dataclass
class NoticeRow:
    notice: SupervisionNotice
    case: Case
    overdue: bool


def list_notices(session: Session, *, actor: Actor, box: str, today: date, open_only: bool = False,
                 limit: int = 500) -> list[NoticeRow]:
    """Notices the actor received (box=received) or issued (box=issued), newest first."""
    if not actor.is_staff:
        raise Forbidden("催办、督办仅供法院工作人员查看")
    if box not in ("received", "issued"):
        raise InvalidInput("box 应为 received 或 issued", field="box")
    mine = SupervisionNotice.recipient_id if box == "received" else SupervisionNotice.issuer_id
    query = (select(SupervisionNotice, Case).join(Case, Case.id == SupervisionNotice.case_id)
             .where(mine == actor.id).order_by(SupervisionNotice.id.desc()).limit(limit))
    if open_only:
        query = query.where(SupervisionNotice.status != "replied")
    return [NoticeRow(n, c, rules.reply_overdue(n.due_on, today, replied_on=n.replied_on))
            for n, c in session.execute(query)]


def superior_of(session: Session, *, issuer_id: int) -> int | None:
    """Whom an unanswered notice escalates to (rules.superior_role); None at the top of the hierarchy."""
    issuer = security.get_account(session, issuer_id)
    if issuer is None or issuer.court_id is None:
        return None
    court_id: int | None = issuer.court_id
    if rules.superior_role(issuer.role) == "parent_president":
        court_id = reference.court(session, issuer.court_id).parent_id
    if court_id is None:
        return None
    presidents = [a for a in security.leaders_of(session, court_id=court_id) if a.role == "president"]
    presidents = [a for a in presidents if a.id != issuer.id]
    return min(a.id for a in presidents) if presidents else None


def escalate_overdue(session: Session, *, today: date) -> int:
    """Escalate, once, every notice not replied to by its due date: notify the issuer's superior and record it."""
    overdue = session.scalars(select(SupervisionNotice).where(
        SupervisionNotice.status != "replied", SupervisionNotice.due_on < today,
        SupervisionNotice.escalated_at.is_(None)).order_by(SupervisionNotice.id).with_for_update())
    count = 0
    for notice in overdue:
        case = session.get_one(Case, notice.case_id)
        superior = superior_of(session, issuer_id=notice.issuer_id)
        notice.escalated_at, notice.escalated_to_id = utcnow(), superior
        label = rules.KINDS[notice.kind]
        _changed(session, case=case, actor=None, kind=EventKind.SUPERVISION_ESCALATED,
                 action=AuditAction.SUPERVISION_NOTICE_ESCALATE,
                 summary=f"{label}逾期未回复（回复期限{notice.due_on.isoformat()}），已报上级领导",
                 details={"notice_id": notice.id, "escalated_to": superior},
                 object_type="supervision_notice", object_id=notice.id)
        if superior is not None:
            notifications.notify(session, recipient_ids=[superior], kind=EventKind.SUPERVISION_ESCALATED,
                                 court_id=case.court_id, case_id=case.id, link=f"/bench/cases/{case.id}",
                                 message=f"{case.case_number}：{label}逾期未回复（期限{notice.due_on.isoformat()}）")
        count += 1
    return count
