"""The arithmetic of the supervision screen, as pure functions: periods, clearance rate, durations,
deadline risk, and what one case contributes to the aggregate tables.

Definitions follow the usual trial-management indicators (审判质效指标):
- 收案 filed: cases accepted (accepted_on) in the period; 结案 closed: cases closed (closed_on) in it;
- 结收比 clearance rate = closed / filed of the same period (may exceed 100 %);
- 结案天数 days to close = closed_on − accepted_on, averaged over the cases closed in the period;
- 未结 pending: cases not closed now; 超审限 overdue: pending with deadline_on < today;
  审限预警 deadline warning: pending with today ≤ deadline_on ≤ today + 30 days;
- 长期未结 long pending: pending and accepted more than N months ago (N = 12, 18, 36 by default).
"""

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from omnicourt.cases.events import EventKind

WARNING_DAYS = 30
LONG_PENDING_MONTHS = (12, 18, 36)
PERIOD_KINDS = {"month": "月", "quarter": "季度", "year": "年"}
TREND_LENGTH = {"month": 12, "quarter": 8, "year": 5}
DEADLINE_ACTIONS = (EventKind.DEADLINE_EXTENDED, EventKind.DEADLINE_SUSPENDED)
ALL = "*"  # cause_code / procedure of the court rollup rows that hold every cause and procedure
NO_DEADLINE = date(9999, 12, 31)  # open-case key of a case without a trial deadline (never overdue)

# Lower edges (days) of the days-to-close buckets: 10-day steps to half a year, 30-day steps to two
# years, then 90-day steps to three years, then one open bucket. Fine where most cases close.
BUCKET_EDGES: tuple[int, ...] = (
    tuple(range(0, 180, 10)) + tuple(range(180, 720, 30)) + tuple(range(720, 1080, 90)) + (1080,)
)


# ---------------------------------------------------------------- months and periods

def month_of(day: date) -> int:
    """A month as the integer yyyymm (202605), the key of every monthly aggregate."""
    return day.year * 100 + day.month


def add_months(month: int, n: int) -> int:
    """yyyymm shifted by n months (n may be negative): add_months(202601, -1) == 202512."""
    index = (month // 100) * 12 + (month % 100 - 1) + n
    return (index // 12) * 100 + index % 12 + 1


@dataclass(frozen=True)
class Period:
    """A calendar month, quarter or year, as an inclusive range of yyyymm months."""

    kind: str
    first: int
    last: int

    @property
    def label(self) -> str:
        year, month = divmod(self.first, 100)
        if self.kind == "year":
            return f"{year}年"
        if self.kind == "quarter":
            return f"{year}年第{(month - 1) // 3 + 1}季度"
        return f"{year}年{month}月"

    @property
    def key(self) -> str:
        """The `at` parameter that selects this period again: 2026, 2026-Q2, 2026-05."""
        year, month = divmod(self.first, 100)
        if self.kind == "year":
            return str(year)
        if self.kind == "quarter":
            return f"{year}-Q{(month - 1) // 3 + 1}"
        return f"{year}-{month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.first // 100, self.first % 100, 1)

    @property
    def end_day(self) -> date:
        """The day after the period (exclusive end)."""
        year, month = divmod(add_months(self.last, 1), 100)
        return date(year, month, 1)


def period_containing(kind: str, day: date) -> Period:
    """The month, quarter or year that contains `day`."""
    if kind == "year":
        return Period("year", day.year * 100 + 1, day.year * 100 + 12)
    if kind == "quarter":
        first = day.year * 100 + (day.month - 1) // 3 * 3 + 1
        return Period("quarter", first, first + 2)
    return Period("month", month_of(day), month_of(day))


def parse_period(kind: str, at: str | None, today: date) -> Period:
    """The period named by `at` (2026 / 2026-Q2 / 2026-05), or the current one; ValueError if malformed."""
    if kind not in PERIOD_KINDS:
        raise ValueError(kind)
    if not at:
        return period_containing(kind, today)
    if kind == "year":
        return period_containing("year", date(int(at), 1, 1))
    if kind == "quarter":
        year, quarter = at.upper().split("-Q")
        if not 1 <= int(quarter) <= 4:
            raise ValueError(at)
        return period_containing("quarter", date(int(year), int(quarter) * 3 - 2, 1))
    year, month = at.split("-")
    return period_containing("month", date(int(year), int(month), 1))


def trend_periods(period: Period, length: int | None = None) -> list[Period]:
    """The `length` periods of the same kind ending with `period`, oldest first (the trend chart)."""
    length = length or TREND_LENGTH[period.kind]
    step = {"month": 1, "quarter": 3, "year": 12}[period.kind]
    periods = []
    for n in range(length - 1, -1, -1):
        first = add_months(period.first, -n * step)
        periods.append(Period(period.kind, first, add_months(first, step - 1)))
    return periods


# ---------------------------------------------------------------- indicators

def clearance_rate(closed: int, filed: int) -> float | None:
    """结收比 = closed / filed in the same period; None when nothing was filed (no rate, not 0 or ∞)."""
    if filed <= 0:
        return None
    return closed / filed


def average_days(total_days: int, closed: int) -> float | None:
    """Average days to close = Σ(closed_on − accepted_on) / cases closed; None with no closings."""
    return total_days / closed if closed > 0 else None


def days_overdue(deadline_on: date | None, closed_on: date | None, today: date) -> int | None:
    """Days an open case is past its trial deadline (today − deadline_on); None when not overdue or closed."""
    if closed_on is not None or deadline_on is None or deadline_on >= today:
        return None
    return (today - deadline_on).days


def bucket_of(days: int) -> int:
    """The index of the days-to-close bucket holding `days` (BUCKET_EDGES are the lower edges)."""
    return max(0, bisect_right(BUCKET_EDGES, days) - 1)


def bucket_width(index: int) -> int:
    """Days spanned by a bucket; the open last bucket is given the width of the one before it."""
    if index + 1 < len(BUCKET_EDGES):
        return BUCKET_EDGES[index + 1] - BUCKET_EDGES[index]
    return BUCKET_EDGES[-1] - BUCKET_EDGES[-2]


def median_from_buckets(counts: dict[int, int]) -> float | None:
    """The median days to close from bucket counts, interpolated linearly inside the median bucket.

    With n cases the median is the value of rank n/2; inside a bucket [lo, hi) holding c cases, of
    which `before` lie in lower buckets, it is lo + (n/2 − before) / c × (hi − lo). The open last
    bucket is given the width of the one before it. Exact to within a bucket's width.
    """
    total = sum(counts.values())
    if total <= 0:
        return None
    half = total / 2
    before = 0
    for index in sorted(counts):
        count = counts[index]
        if count <= 0:
            continue
        if before + count >= half:
            low = BUCKET_EDGES[index]
            return low + (half - before) / count * bucket_width(index)
        before += count
    return None  # unreachable: the counts sum to total


def months_before(today: date, months: int) -> date:
    """The day `months` calendar months before today (31 March − 1 month = 28/29 February)."""
    return today - relativedelta(months=months)


def warning_end(today: date) -> date:
    """The last deadline that still counts as a warning (today + 30 days)."""
    return today + timedelta(days=WARNING_DAYS)


def is_overdue(deadline_on: date | None, today: date) -> bool:
    return deadline_on is not None and deadline_on < today


def is_warning(deadline_on: date | None, today: date) -> bool:
    return deadline_on is not None and today <= deadline_on <= warning_end(today)


def is_long_pending(accepted_on: date, today: date, months: int) -> bool:
    """Open for more than `months` months: accepted before the same day `months` months ago."""
    return accepted_on < months_before(today, months)


# ---------------------------------------------------------------- what one case contributes

@dataclass(frozen=True)
class CaseFacts:
    """The facts of a case that the aggregates count; division and judge 0 when not yet assigned."""

    court_id: int
    division_id: int
    judge_id: int
    cause_code: str
    procedure: str
    accepted_on: date
    deadline_on: date | None
    closed_on: date | None
    actions: tuple[tuple[str, int], ...] = ()  # (deadline_extended / deadline_suspended, yyyymm) per event


def contributions(facts: CaseFacts | None) -> Counter:
    """Everything one case adds to the aggregate tables, as {(table, key, measure): amount}.

    The judge-grain tables are keyed by (court, division, judge, cause, procedure, ...); the court
    rollups by (cause, procedure, ..., court), once with the case's cause and procedure and once
    with ALL for both, so an unfiltered screen reads only the small ALL rows.
    """
    out: Counter = Counter()
    if facts is None:
        return out
    f = facts
    owner = (f.court_id, f.division_id, f.judge_id, f.cause_code, f.procedure)

    def add(table: str, tail: tuple, measure: str, amount: int = 1) -> None:
        out[(table, owner + tail, measure)] += amount
        for cause, procedure in ((f.cause_code, f.procedure), (ALL, ALL)):
            out[("court_" + table, (cause, procedure) + tail + (f.court_id,), measure)] += amount

    add("flows", (month_of(f.accepted_on),), "filed")
    for kind, month in f.actions:
        add("flows", (month,), "extended" if kind == EventKind.DEADLINE_EXTENDED else "suspended")
    if f.closed_on is not None:
        days = max(0, (f.closed_on - f.accepted_on).days)
        add("flows", (month_of(f.closed_on),), "closed")
        add("flows", (month_of(f.closed_on),), "close_days", days)
        add("durations", (month_of(f.closed_on), bucket_of(days)), "cases")
    else:
        add("open_cases", (f.accepted_on, f.deadline_on or NO_DEADLINE), "cases")
    return out


def difference(old: CaseFacts | None, new: CaseFacts | None) -> Counter:
    """What applying a change of a case does to the aggregates: new contributions minus old ones."""
    delta = contributions(new)
    delta.subtract(contributions(old))
    return Counter({k: v for k, v in delta.items() if v})
