"""The law and the court-management practice of supervision, as pure functions of dates.

Long-pending tiers follow the supervision issue: a case still open after 12, 18 or 36 months from
acceptance (长期未结案件, configured as `dashboard_long_pending_months`) enters the ledger. The boundary is
the dashboard's (`dashboard.rules.is_long_pending`), so the ledger and the one-screen counts agree.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from omnicourt.cases.events import EventKind
from omnicourt.dashboard.rules import is_long_pending, months_before

# A notice's kind is the kind of the timeline event it writes.
KINDS: dict[str, str] = {EventKind.REMINDER: "催办", EventKind.SUPERVISION_NOTICE: "督办"}
STATUS_LABELS = {"issued": "待签收", "acknowledged": "已签收", "replied": "已回复"}
PERIODS = {"month": "月报", "quarter": "季报"}
# Who may supervise (glossary: 庭长 / 分管副院长 / 院长).
SUPERVISOR_ROLES = ("division_chief", "vice_president", "president")

__all__ = ["is_long_pending", "months_before"]


def tier(accepted_on: date, today: date, tiers: tuple[int, ...]) -> int | None:
    """The highest tier (in months) the open case has passed, or None while it is below the first."""
    passed = [months for months in sorted(tiers) if is_long_pending(accepted_on, today, months)]
    return passed[-1] if passed else None


def entry_cutoff(today: date, tiers: tuple[int, ...]) -> date:
    """Cases accepted before this day are past the first tier (for the database filter)."""
    return months_before(today, min(tiers))


def iso_week(day: date) -> tuple[int, int]:
    """The ISO 8601 week (year, week) a day belongs to: progress is tracked once per week."""
    year, week, _ = day.isocalendar()
    return year, week


def week_start(day: date) -> date:
    """The Monday of the day's ISO week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Period:
    kind: str  # month / quarter
    year: int
    number: int  # month 1–12 or quarter 1–4
    start: date
    end: date  # inclusive

    @property
    def label(self) -> str:
        return f"{self.year}年{self.number}月" if self.kind == "month" else f"{self.year}年第{self.number}季度"


def period(kind: str, year: int, number: int) -> Period:
    """The calendar month or quarter; raises ValueError for an unknown kind or number."""
    if kind == "month" and 1 <= number <= 12:
        first_month, months = number, 1
    elif kind == "quarter" and 1 <= number <= 4:
        first_month, months = 3 * (number - 1) + 1, 3
    else:
        raise ValueError(f"unknown period {kind} {number}")
    start = date(year, first_month, 1)
    after = date(year + (first_month + months - 1) // 12, (first_month + months - 1) % 12 + 1, 1)
    return Period(kind, year, number, start, after - timedelta(days=1))


def current_period(kind: str, today: date) -> Period:
    return period(kind, today.year, today.month if kind == "month" else (today.month - 1) // 3 + 1)


def target_overdue(target_on: date | None, today: date, *, closed: bool) -> bool:
    """An open entry whose target closing date has passed."""
    return not closed and target_on is not None and target_on < today


def reply_overdue(due_on: date, today: date, *, replied_on: date | None) -> bool:
    """A notice is overdue when it was not replied to by its reply-by date (late replies stay marked)."""
    return (replied_on or today) > due_on


def superior_role(issuer_role: str) -> str:
    """Whom an unanswered notice escalates to: a chief or vice president's court president; a president's
    parent court's president ("parent" is resolved from reference data by the service)."""
    return "parent_president" if issuer_role == "president" else "president"
