"""Calendar arithmetic of time limits: lengths in months and days, and the statutory holiday calendar (data)."""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

from omnicourt.errors import InvalidInput
from omnicourt.reference.tables import read_csv

LENGTH_PATTERN = re.compile(r"^(?:(\d+)m)?(?:(\d+)d)?$")


def add_months(d: date, months: int) -> date:
    """Calendar-month addition clamped to the month's end: 1-31 + 1 month → 2-28 (or 2-29).

    The texts do not define month arithmetic (court-rules.md §2.2, [U]); this is the
    recommended calendar-month reading, also that of CPL art. 85(2)'s "期间以时、日、月、年计算".
    """
    return d + relativedelta(months=months)


def days_between(first: date, last: date) -> int:
    """Days from `first` to `last`, both included (0 when last is before first)."""
    return max(0, (last - first).days + 1)


@dataclass(frozen=True, order=True)
class Length:
    """A period of `months` calendar months then `days` days; written 6m, 30d or 1m15d."""

    months: int = 0
    days: int = 0

    @classmethod
    def parse(cls, text: str, *, field: str) -> "Length":
        match = LENGTH_PATTERN.match((text or "").strip().lower())
        if not match or not any(match.groups()):
            raise InvalidInput(f"期间「{text}」格式不正确，应为如 1m（一个月）、30d（三十日）", field=field)
        months, days = (int(group or 0) for group in match.groups())
        return cls(months=months, days=days)

    def after(self, d: date) -> date:
        """The last day of this period counted from the day after `d` (CPL art. 85(2)): d + months, then + days."""
        return add_months(d, self.months) + timedelta(days=self.days)

    def __str__(self) -> str:
        parts = ([f"{self.months}个月"] if self.months else []) + ([f"{self.days}日"] if self.days else [])
        return "".join(parts) or "0日"


@dataclass(frozen=True)
class HolidayCalendar:
    """Statutory holidays and make-up working days (调休) of the years covered; weekends are days off otherwise."""

    holidays: frozenset[date]
    workdays: frozenset[date]
    years: frozenset[int]

    def is_working_day(self, d: date) -> bool:
        if d.year not in self.years:
            covered = "、".join(str(year) for year in sorted(self.years))
            raise InvalidInput(f"节假日表未包含{d.year}年（已收录：{covered}），无法顺延", field="roll_over_holidays")
        if d in self.workdays:
            return True
        return d not in self.holidays and d.weekday() < 5

    def working_days_after(self, d: date, count: int) -> date:
        """The `count`th working day after `d` (weekends and holidays off, make-up working days on)."""
        counted = 0
        while counted < count:
            d += timedelta(days=1)
            counted += self.is_working_day(d)
        return d

    def next_working_day(self, d: date) -> date:
        """`d` itself if it is a working day, else the first working day after it (CPL art. 85(3))."""
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d


def load_holidays(path: Path) -> HolidayCalendar:
    """The holiday calendar of a CSV file with columns date, kind (holiday / workday), name."""
    rows = read_csv(path)
    by_kind = {kind: frozenset(date.fromisoformat(row["date"]) for row in rows if row["kind"] == kind)
               for kind in ("holiday", "workday")}
    years = frozenset(date.fromisoformat(row["date"]).year for row in rows)
    return HolidayCalendar(holidays=by_kind["holiday"], workdays=by_kind["workday"], years=years)
