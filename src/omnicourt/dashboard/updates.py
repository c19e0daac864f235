"""Keeping the aggregates current: apply the timeline past the watermark, or rebuild from `cases`.

Events are the change feed only: for every case touched by new events the aggregates receive
(what the case contributes now) − (what it contributed when last counted, in dashboard_case_marks).
That makes applying a case idempotent, so each run also re-reads the last OVERLAP event ids: an
event whose transaction committed after a later id was already applied is not lost (PostgreSQL
hands out ids before commit).
"""

from collections import Counter, defaultdict
from datetime import datetime

from sqlalchemy import Integer, and_, bindparam, case, cast, delete, extract, func, insert, literal, select, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from omnicourt import clock
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import Case, TimelineEvent
from omnicourt.dashboard import rules
from omnicourt.dashboard.models import (
    AGGREGATES,
    KEYS,
    CaseAction,
    CaseMark,
    CourtDuration,
    CourtFlow,
    CourtOpenCases,
    Duration,
    Flow,
    OpenCases,
    Watermark,
)
from omnicourt.db import table_of, utcnow

WATERMARK = "timeline"
BATCH = 5000  # events per transaction
OVERLAP = 500  # event ids re-read each run (see the module docstring)
MEASURES = {"flows": ("filed", "closed", "close_days", "extended", "suspended"), "durations": ("cases",),
            "open_cases": ("cases",)}


def _measures(table: str) -> tuple[str, ...]:
    return MEASURES[table.removeprefix("court_")]


def event_month(at: datetime) -> int:
    """The month (yyyymm) of an event in the court's time, as the court counts it."""
    return rules.month_of(clock.local(at).date())


# ---------------------------------------------------------------- incremental

def _watermark(session: Session) -> Watermark | None:
    # FOR UPDATE: two appliers (threads or processes) queue here instead of counting a change twice.
    return session.scalar(select(Watermark).where(Watermark.name == WATERMARK).with_for_update())


def apply_new_events(session: Session, *, limit: int = BATCH) -> int:
    """Apply up to `limit` new timeline events to the aggregates; return how many were new.

    Runs inside the caller's transaction (one batch, one transaction). Never built before: rebuilds.
    """
    mark = _watermark(session)
    if mark is None:
        rebuild(session)
        return 0
    newest = session.scalar(select(func.max(TimelineEvent.id))) or 0
    if newest <= mark.last_event_id:
        return 0
    upto = min(newest, mark.last_event_id + limit)
    case_ids = set(session.scalars(select(TimelineEvent.case_id).where(
        TimelineEvent.id > mark.last_event_id - OVERLAP, TimelineEvent.id <= upto).distinct()))
    apply_cases(session, case_ids=case_ids)
    applied = upto - mark.last_event_id
    mark.last_event_id, mark.updated_at = upto, utcnow()
    return applied


def refresh(db, *, limit: int = BATCH) -> int:
    """Apply every new event, one transaction per batch; return how many were applied."""
    total = 0
    while True:
        with db.transaction() as session:
            applied = apply_new_events(session, limit=limit)
        total += applied
        if applied < limit:
            return total


def _facts(row, actions) -> rules.CaseFacts:
    return rules.CaseFacts(
        court_id=row.court_id, division_id=row.division_id or 0, judge_id=row.judge_id or 0,
        cause_code=row.cause_code, procedure=row.procedure, accepted_on=row.accepted_on,
        deadline_on=row.deadline_on, closed_on=row.closed_on, actions=tuple(sorted(actions)))


def _current_actions(session: Session, case_ids: list[int]) -> dict[int, Counter]:
    found: dict[int, Counter] = defaultdict(Counter)
    for case_id, kind, at in session.execute(select(TimelineEvent.case_id, TimelineEvent.kind, TimelineEvent.at)
                                             .where(TimelineEvent.case_id.in_(case_ids),
                                                    TimelineEvent.kind.in_(rules.DEADLINE_ACTIONS))):
        found[case_id][(kind, event_month(at))] += 1
    return found


def _expand(actions: Counter) -> list[tuple[str, int]]:
    return [key for key, n in actions.items() for _ in range(n)]


def apply_cases(session: Session, *, case_ids) -> None:
    """Bring the aggregates in line with the current rows of these cases."""
    case_ids = sorted(case_ids)
    for start in range(0, len(case_ids), 1000):  # keep IN lists short
        _apply_chunk(session, case_ids[start:start + 1000])


def _apply_chunk(session: Session, ids: list[int]) -> None:
    current = {c.id: c for c in session.execute(select(
        Case.id, Case.court_id, Case.division_id, Case.judge_id, Case.cause_code, Case.procedure, Case.accepted_on,
        Case.deadline_on, Case.closed_on).where(Case.id.in_(ids)))}
    marks = {m.case_id: m for m in session.scalars(select(CaseMark).where(CaseMark.case_id.in_(ids)))}
    counted: dict[int, Counter] = defaultdict(Counter)
    for action in session.scalars(select(CaseAction).where(CaseAction.case_id.in_(ids))):
        counted[action.case_id][(action.kind, action.month)] += action.events
    now_actions = _current_actions(session, ids)
    delta: Counter = Counter()
    for case_id in ids:
        old = _facts(marks[case_id], _expand(counted[case_id])) if case_id in marks else None
        row = current.get(case_id)
        new = _facts(row, _expand(now_actions[case_id])) if row is not None else None
        if old == new:
            continue
        delta.update(rules.difference(old, new))
        _store_mark(session, case_id, marks.get(case_id), row)
        if counted[case_id] != now_actions[case_id]:
            session.execute(delete(CaseAction).where(CaseAction.case_id == case_id))
            if row is not None and now_actions[case_id]:
                session.execute(insert(CaseAction), [
                    {"case_id": case_id, "kind": kind, "month": month, "court_id": row.court_id, "events": n}
                    for (kind, month), n in now_actions[case_id].items()])
    apply_delta(session, delta)


def _store_mark(session: Session, case_id: int, mark: CaseMark | None, row) -> None:
    if row is None:
        if mark is not None:
            session.delete(mark)
        return
    values = {"court_id": row.court_id, "division_id": row.division_id or 0, "judge_id": row.judge_id or 0,
              "cause_code": row.cause_code, "procedure": row.procedure, "accepted_on": row.accepted_on,
              "deadline_on": row.deadline_on, "closed_on": row.closed_on}
    if mark is None:
        session.add(CaseMark(case_id=case_id, **values))
    else:
        for name, value in values.items():
            setattr(mark, name, value)


def _upsert(session: Session):
    return (postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert)


def apply_delta(session: Session, delta: Counter) -> None:
    """Add {(table, key, measure): amount} to the aggregate rows, then drop rows that fell to zero."""
    grouped: dict[str, dict[tuple, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for (table, key, measure), amount in delta.items():
        if amount:
            grouped[table][key][measure] = amount
    insert_fn = _upsert(session)
    connection = session.connection()  # Core statements: the ORM runs no bulk upsert or bulk delete
    for table, rows in grouped.items():
        model, key_columns = KEYS[table]
        aggregate = table_of(model)
        columns = aggregate.c
        measures = _measures(table)
        params = [dict(zip(key_columns, key, strict=True)) | {m: values.get(m, 0) for m in measures}
                  for key, values in sorted(rows.items())]
        stmt = insert_fn(aggregate)
        stmt = stmt.on_conflict_do_update(
            index_elements=[c.name for c in aggregate.primary_key.columns],
            set_={m: columns[m] + stmt.excluded[m] for m in measures})
        connection.execute(stmt, params)
        # Rows that now count nothing are removed, so the tables hold only live keys; only a row
        # something was taken from can have fallen to zero.
        shrunk = [{f"k_{c}": p[c] for c in key_columns} for p in params if any(p[m] < 0 for m in measures)]
        if shrunk:
            empty = delete(aggregate).where(
                and_(*(columns[c] == bindparam(f"k_{c}") for c in key_columns)), *(columns[m] == 0 for m in measures))
            connection.execute(empty, shrunk)


# ---------------------------------------------------------------- rebuild

def _month(column):
    return (cast(extract("year", column), Integer) * 100 + cast(extract("month", column), Integer))


def _days(session: Session, later, earlier):
    if session.get_bind().dialect.name == "postgresql":
        return later - earlier
    return cast(func.julianday(later) - func.julianday(earlier), Integer)


def _bucket(days):
    """rules.bucket_of in SQL (its edges: 10-day steps to 180, 30 to 720, 90 to 1080, then one)."""
    assert rules.BUCKET_EDGES[18] == 180 and rules.BUCKET_EDGES[36] == 720 and rules.BUCKET_EDGES[-1] == 1080
    return case(
        (days < 180, days // 10),
        (days < 720, 18 + (days - 180) // 30),
        (days < 1080, 36 + (days - 720) // 90),
        else_=len(rules.BUCKET_EDGES) - 1)


def rebuild(session: Session) -> None:
    """Recompute every aggregate from `cases` in bulk SQL (INSERT … SELECT … GROUP BY)."""
    newest = session.scalar(select(func.max(TimelineEvent.id))) or 0  # before reading: later events re-apply
    for model in (*AGGREGATES, CaseAction, CaseMark):
        session.execute(delete(model))
    m = CaseMark
    session.execute(insert(CaseMark).from_select(
        ["case_id", "court_id", "division_id", "judge_id", "cause_code", "procedure", "accepted_on", "deadline_on",
         "closed_on"],
        select(Case.id, Case.court_id, func.coalesce(Case.division_id, 0), func.coalesce(Case.judge_id, 0),
               Case.cause_code, Case.procedure, Case.accepted_on, Case.deadline_on, Case.closed_on)))
    _rebuild_actions(session)
    owner = (m.court_id, m.division_id, m.judge_id, m.cause_code, m.procedure)
    days = _days(session, m.closed_on, m.accepted_on)
    zero = literal(0)
    parts = union_all(
        select(*owner, _month(m.accepted_on).label("month"), literal(1).label("filed"), zero.label("closed"),
               zero.label("close_days"), zero.label("extended"), zero.label("suspended")),
        select(*owner, _month(m.closed_on), zero, literal(1), days, zero, zero).where(m.closed_on.is_not(None)),
        select(*owner, CaseAction.month, zero, zero, zero,
               case((CaseAction.kind == EventKind.DEADLINE_EXTENDED, CaseAction.events), else_=0),
               case((CaseAction.kind == EventKind.DEADLINE_SUSPENDED, CaseAction.events), else_=0))
        .join(CaseAction, CaseAction.case_id == m.case_id),
    ).subquery()
    keys = [parts.c.court_id, parts.c.division_id, parts.c.judge_id, parts.c.cause_code, parts.c.procedure,
            parts.c.month]
    measures = ("filed", "closed", "close_days", "extended", "suspended")
    session.execute(insert(Flow).from_select(
        [k.name for k in keys] + list(measures),
        select(*keys, *(func.sum(parts.c[x]) for x in measures)).group_by(*keys)))
    closed_month, bucket = _month(m.closed_on), _bucket(days)
    session.execute(insert(Duration).from_select(
        ["court_id", "division_id", "judge_id", "cause_code", "procedure", "month", "bucket", "cases"],
        select(*owner, closed_month, bucket, func.count()).where(m.closed_on.is_not(None))
        .group_by(*owner, closed_month, bucket)))
    deadline = func.coalesce(m.deadline_on, rules.NO_DEADLINE)
    session.execute(insert(OpenCases).from_select(
        ["court_id", "division_id", "judge_id", "cause_code", "procedure", "accepted_on", "deadline_on", "cases"],
        select(*owner, m.accepted_on, deadline, func.count()).where(m.closed_on.is_(None))
        .group_by(*owner, m.accepted_on, deadline)))
    _rollup(session, Flow, CourtFlow, ("month",), measures)
    _rollup(session, Duration, CourtDuration, ("month", "bucket"), ("cases",))
    _rollup(session, OpenCases, CourtOpenCases, ("accepted_on", "deadline_on"), ("cases",))
    mark = _watermark(session)
    if mark is None:
        session.add(Watermark(name=WATERMARK, last_event_id=newest, updated_at=utcnow()))
    else:
        mark.last_event_id, mark.updated_at = newest, utcnow()
    session.flush()


def _rebuild_actions(session: Session) -> None:
    """Deadline extensions and suspensions per case and month (rare rows: counted in Python)."""
    counts: Counter = Counter()
    courts = {}
    for case_id, court_id, kind, at in session.execute(
            select(TimelineEvent.case_id, TimelineEvent.court_id, TimelineEvent.kind, TimelineEvent.at)
            .where(TimelineEvent.kind.in_(rules.DEADLINE_ACTIONS))):
        counts[(case_id, kind, event_month(at))] += 1
        courts[case_id] = court_id
    rows = [{"case_id": c, "kind": k, "month": mo, "court_id": courts[c], "events": n}
            for (c, k, mo), n in sorted(counts.items())]
    if rows:
        session.execute(insert(CaseAction), rows)


def _rollup(session: Session, source, target, tail: tuple[str, ...], measures: tuple[str, ...]) -> None:
    """The court rollup of a judge-grain table: per cause and procedure, and once more as ALL / ALL."""
    tail_columns = [getattr(source, c) for c in tail]
    sums = [func.sum(getattr(source, x)) for x in measures]
    columns = ["cause_code", "procedure", *tail, "court_id", *measures]
    session.execute(insert(target).from_select(columns, select(
        source.cause_code, source.procedure, *tail_columns, source.court_id, *sums)
        .group_by(source.cause_code, source.procedure, *tail_columns, source.court_id)))
    session.execute(insert(target).from_select(columns, select(
        literal(rules.ALL), literal(rules.ALL), *tail_columns, source.court_id, *sums)
        .group_by(*tail_columns, source.court_id)))

