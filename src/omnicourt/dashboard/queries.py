"""Reading the aggregate tables: figures of a slice of the province, grouped by its children.

Every query here reads only the dashboard_* tables through their primary keys or indexes; none
touches `cases`. The court grain serves the province and city screens, the judge grain the rest.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from omnicourt.dashboard import rules
from omnicourt.dashboard.models import CourtDuration, CourtFlow, CourtOpenCases, Duration, Flow, OpenCases

# The tables of each grain: the two grains share the columns these queries read.
FlowTable = type[Flow] | type[CourtFlow]
DurationTable = type[Duration] | type[CourtDuration]
OpenCasesTable = type[OpenCases] | type[CourtOpenCases]
MODELS: dict[str, tuple[FlowTable, DurationTable, OpenCasesTable]] = {
    "court": (CourtFlow, CourtDuration, CourtOpenCases), "judge": (Flow, Duration, OpenCases)}


@dataclass
class Figures:
    """The indicators of one place and period; see rules for their definitions."""

    filed: int = 0
    closed: int = 0
    close_days: int = 0
    extended: int = 0
    suspended: int = 0
    pending: int = 0
    overdue: int = 0
    warning: int = 0
    long_pending: Counter = field(default_factory=Counter)  # tier in months → cases
    buckets: Counter = field(default_factory=Counter)  # days-to-close bucket → cases

    def add(self, other: "Figures") -> None:
        for name in ("filed", "closed", "close_days", "extended", "suspended", "pending", "overdue", "warning"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.long_pending.update(other.long_pending)
        self.buckets.update(other.buckets)

    @property
    def clearance_rate(self) -> float | None:
        return rules.clearance_rate(self.closed, self.filed)

    @property
    def average_days(self) -> float | None:
        return rules.average_days(self.close_days, self.closed)

    @property
    def median_days(self) -> float | None:
        return rules.median_from_buckets(self.buckets)


@dataclass(frozen=True)
class Slice:
    """Which aggregate rows to read: the grain, the places (column in ids), the grouping, the filters.

    Court grain: column is None (the whole province) or court_id. Judge grain: court_id, division_id
    or judge_id. group is the child column (court_id, division_id, judge_id) or None for one total.
    """

    grain: str
    column: str | None = None
    ids: tuple[int, ...] = ()
    group: str | None = None
    cause: str | None = None
    procedure: str | None = None


def _where(model, s: Slice) -> list:
    conditions = []
    filtered = bool(s.cause or s.procedure)
    if s.grain == "court" and not filtered:
        conditions += [model.cause_code == rules.ALL, model.procedure == rules.ALL]
    elif s.grain == "court":
        conditions.append(model.cause_code != rules.ALL)
    if s.cause:  # a cause and every cause under it (codes are dotted paths)
        conditions.append(or_(model.cause_code == s.cause, model.cause_code.like(s.cause + ".%")))
    if s.procedure:
        conditions.append(model.procedure == s.procedure)
    if s.column:
        column = getattr(model, s.column)
        conditions.append(column == s.ids[0] if len(s.ids) == 1 else column.in_(s.ids))
    return conditions


def _group(model, s: Slice):
    return getattr(model, s.group) if s.group else literal(0)


def figures(session: Session, *, slice_: Slice, first_month: int, last_month: int, today: date,
            tiers: tuple[int, ...]) -> dict[int, Figures]:
    """Figures per child (key 0 when ungrouped) for the months first..last and pending as of today."""
    flow, duration, open_cases = MODELS[slice_.grain]
    out: dict[int, Figures] = {}

    def of(key) -> Figures:
        return out.setdefault(key, Figures())

    group = _group(flow, slice_)
    for key, filed, closed, days, extended, suspended in session.execute(
            select(group, func.sum(flow.filed), func.sum(flow.closed), func.sum(flow.close_days),
                   func.sum(flow.extended), func.sum(flow.suspended))
            .where(*_where(flow, slice_), flow.month.between(first_month, last_month)).group_by(group)):
        f = of(key)
        f.filed, f.closed, f.close_days, f.extended, f.suspended = (int(filed), int(closed), int(days),
                                                                    int(extended), int(suspended))
    group = _group(duration, slice_)
    for key, bucket, cases in session.execute(
            select(group, duration.bucket, func.sum(duration.cases))
            .where(*_where(duration, slice_), duration.month.between(first_month, last_month))
            .group_by(group, duration.bucket)):
        of(key).buckets[bucket] = int(cases)
    group = _group(open_cases, slice_)
    cases = open_cases.cases
    cutoffs = [rules.months_before(today, n) for n in tiers]
    columns = [func.sum(cases),
               func.sum(case((open_cases.deadline_on < today, cases), else_=0)),
               func.sum(case((and_(open_cases.deadline_on >= today,
                                   open_cases.deadline_on <= rules.warning_end(today)), cases), else_=0)),
               *(func.sum(case((open_cases.accepted_on < cutoff, cases), else_=0)) for cutoff in cutoffs)]
    for key, pending, overdue, warning, *long_pending in session.execute(
            select(group, *columns).where(*_where(open_cases, slice_)).group_by(group)):
        f = of(key)
        f.pending, f.overdue, f.warning = int(pending), int(overdue), int(warning)
        f.long_pending = Counter({n: int(v) for n, v in zip(tiers, long_pending, strict=True)})
    return out


def monthly_flows(session: Session, *, slice_: Slice, first_month: int, last_month: int) -> dict[int, Figures]:
    """Filings, closings and days to close per month (the trend chart), over the whole slice."""
    flow = MODELS[slice_.grain][0]
    rows = session.execute(
        select(flow.month, func.sum(flow.filed), func.sum(flow.closed), func.sum(flow.close_days))
        .where(*_where(flow, slice_), flow.month.between(first_month, last_month)).group_by(flow.month))
    return {month: Figures(filed=int(f), closed=int(c), close_days=int(d)) for month, f, c, d in rows}
