"""The rate tables as data: the LPR fixings (data/interest/lpr.csv, court-rules.md §4.4) and the PBOC benchmark rates
(data/interest/pboc_benchmark.csv, [U]) of contracts made before the LPR reform.

A fixing is in force from its date (inclusive) until the next fixing's date (exclusive). Rates are held as fractions
(0.0385), the files hold percents (3.85).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from omnicourt.errors import InvalidInput
from omnicourt.reference.tables import data_path, read_csv

HUNDRED = Decimal(100)
LPR_START = date(2019, 8, 20)  # the first LPR fixing under the reformed mechanism (court-rules.md §4.1 art. 25)
SANE_PERCENT = (Decimal("0.5"), Decimal("15"))  # an LPR outside this range is surely a typing error
LARGEST_MONTHLY_MOVE = Decimal("1")  # percentage points; the largest move seen 2019-2025 was 0.25


@dataclass(frozen=True)
class Fixing:
    """One monthly LPR fixing: `one_year` and `five_year` as fractions of one."""

    on: date
    one_year: Decimal
    five_year: Decimal


def default_lpr_path() -> Path:
    return data_path("interest", "lpr.csv")


def default_benchmark_path() -> Path:
    return data_path("interest", "pboc_benchmark.csv")


def _percent(text: str, what: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{what}: not a number: {text!r}") from None
    if not value.is_finite() or value <= 0:
        raise ValueError(f"{what}: must be a positive percent, got {text!r}")
    return value / HUNDRED


class LprTable:
    """The LPR fixings in date order; look-ups by bisection (the evaluation computes thousands of cases)."""

    def __init__(self, fixings: list[Fixing]):
        if not fixings:
            raise ValueError("LPR table: no fixings")
        dates = [fixing.on for fixing in fixings]
        if dates != sorted(set(dates)):
            raise ValueError("LPR table: fixing dates must rise strictly")
        self.fixings = tuple(fixings)
        self._dates = dates

    @classmethod
    def load(cls, path: Path | None = None) -> LprTable:
        """The table in `path`; None: data/interest/lpr.csv under the data directory (read once per process)."""
        if path is None:
            return _default_table(default_lpr_path())
        return cls._read(path)

    @classmethod
    def _read(cls, path: Path) -> LprTable:
        return cls([Fixing(date.fromisoformat(row["date"]), _percent(row["one_year"], f"lpr {row['date']}"),
                           _percent(row["five_year"], f"lpr {row['date']}")) for row in read_csv(path)])

    @property
    def last(self) -> Fixing:
        return self.fixings[-1]

    def fixing_at(self, day: date) -> Fixing:
        """The fixing in force on `day`. Before 2019-08-20 there is no LPR: InvalidInput."""
        index = bisect.bisect_right(self._dates, day) - 1
        if index < 0:
            raise InvalidInput(f"{day.isoformat()} 早于首次贷款市场报价利率（LPR）公布日 {self._dates[0].isoformat()}，"
                               "该日没有LPR", field="lpr")
        return self.fixings[index]

    def one_year_at(self, day: date) -> Decimal:
        return self.fixing_at(day).one_year

    def five_year_at(self, day: date) -> Decimal:
        return self.fixing_at(day).five_year

    def fixings_between(self, start: date, end: date) -> list[Fixing]:
        """The fixings dated in [start, end): the rate changes inside a half-open period."""
        low = bisect.bisect_left(self._dates, start)
        high = bisect.bisect_left(self._dates, end)
        return list(self.fixings[low:high])


@lru_cache(maxsize=8)
def _default_table(path: Path) -> LprTable:
    return LprTable._read(path)


def validate_new_fixing(table: LprTable, on: date, one_year_percent: Decimal, five_year_percent: Decimal) -> None:
    """Refuse a fixing that cannot be the next official one: not in a later month than the last fixing, a value
    outside 0.5–15 %, more than two decimals, or a move of more than one percentage point in a month."""
    last = table.last
    if (on.year, on.month) <= (last.on.year, last.on.month):
        raise InvalidInput(f"新的LPR报价日 {on.isoformat()} 须晚于已有最后一次报价的月份（{last.on.isoformat()}）",
                           field="date")
    for field, value, previous in (("one_year", one_year_percent, last.one_year * HUNDRED),
                                   ("five_year", five_year_percent, last.five_year * HUNDRED)):
        name = "一年期LPR" if field == "one_year" else "五年期以上LPR"
        if not value.is_finite() or not SANE_PERCENT[0] <= value <= SANE_PERCENT[1]:
            raise InvalidInput(f"{name} {value}% 不在合理范围（{SANE_PERCENT[0]}%–{SANE_PERCENT[1]}%）内", field=field)
        exponent = value.as_tuple().exponent  # an int once the value is finite
        if not isinstance(exponent, int) or exponent < -2:
            raise InvalidInput(f"{name} {value}% 最多保留两位小数", field=field)
        if abs(value - previous) > LARGEST_MONTHLY_MOVE:
            raise InvalidInput(f"{name} {value}% 较上次报价 {previous.normalize()}% 变动超过 {LARGEST_MONTHLY_MOVE} "
                               "个百分点，请核对", field=field)


def append_fixing(path: Path, on: date, one_year_percent: Decimal, five_year_percent: Decimal) -> Fixing:
    """Validate a newer official fixing and append it to the data file `path`."""
    table = LprTable._read(path)
    validate_new_fixing(table, on, one_year_percent, five_year_percent)
    text = path.read_text(encoding="utf-8")
    separator = "" if text.endswith("\n") else "\n"
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(f"{separator}{on.isoformat()},{one_year_percent:.2f},{five_year_percent:.2f},S\n")
    _default_table.cache_clear()
    return Fixing(on, one_year_percent / HUNDRED, five_year_percent / HUNDRED)


@dataclass(frozen=True)
class BenchmarkRates:
    """The PBOC benchmark lending rates in force from `on`, by loan term, as fractions."""

    on: date
    up_to_1y: Decimal
    one_to_5y: Decimal
    over_5y: Decimal


class BenchmarkTable:
    """PBOC benchmark lending rates (all rows [U], see the data file)."""

    def __init__(self, rows: list[BenchmarkRates]):
        self.rows = tuple(sorted(rows, key=lambda row: row.on))
        self._dates = [row.on for row in self.rows]

    @classmethod
    def load(cls, path: Path | None = None) -> BenchmarkTable:
        return _default_benchmark(path or default_benchmark_path())

    def rate_at(self, day: date, term_months: int) -> Decimal:
        """The benchmark for a loan of `term_months` in force on `day` (the contract date)."""
        index = bisect.bisect_right(self._dates, day) - 1
        if index < 0:
            raise InvalidInput(f"{day.isoformat()} 早于已收录的贷款基准利率（自 {self._dates[0].isoformat()} 起），"
                               "请直接填写年利率", field="rate")
        row = self.rows[index]
        if term_months <= 12:
            return row.up_to_1y
        return row.one_to_5y if term_months <= 60 else row.over_5y


@lru_cache(maxsize=4)
def _default_benchmark(path: Path) -> BenchmarkTable:
    return BenchmarkTable([BenchmarkRates(date.fromisoformat(row["date"]), _percent(row["up_to_1y"], "benchmark"),
                                          _percent(row["1y_to_5y"], "benchmark"), _percent(row["over_5y"], "benchmark"))
                           for row in read_csv(path)])
