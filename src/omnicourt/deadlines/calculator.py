"""The deadline calculator: user-typed parameters → engine inputs → a JSON-ready result (CLI and API share it).

Also the one place that knows where the tables live: `default_table()` / `default_holidays()` read data/deadlines/.
"""

from dataclasses import asdict
from datetime import date
from functools import lru_cache
from pathlib import Path

from omnicourt.deadlines import rules, schemas
from omnicourt.deadlines.calendar import HolidayCalendar, Length, load_holidays
from omnicourt.deadlines.periods import PeriodTable, load_periods
from omnicourt.errors import InvalidInput
from omnicourt.reference.tables import data_path


def default_table() -> PeriodTable:
    """data/deadlines/periods.csv under the configured data directory."""
    return _periods(data_path("deadlines", "periods.csv"))


def default_holidays() -> HolidayCalendar:
    """data/deadlines/holidays_cn.csv under the configured data directory."""
    return _holidays(data_path("deadlines", "holidays_cn.csv"))


@lru_cache
def _periods(path: Path) -> PeriodTable:
    return load_periods(path)


@lru_cache
def _holidays(path: Path) -> HolidayCalendar:
    return load_holidays(path)


FIELD_NAMES = {"filed": "立案日期", "on": "计算日", "suspension": "扣除期间的日期"}


def parse_date(text: str, *, field: str) -> date:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        raise InvalidInput(f"{FIELD_NAMES[field]}「{text}」格式不正确，应为 YYYY-MM-DD", field=field) from None


def parse_suspension(text: str) -> rules.Suspension:
    """kind:YYYY-MM-DD:YYYY-MM-DD; an empty or missing end date: still running."""
    parts = (text or "").split(":")
    if len(parts) not in (2, 3) or not parts[0]:
        raise InvalidInput(f"扣除期间「{text}」格式不正确，应为 事由:开始日期:结束日期，"
                           "如 appraisal:2026-02-10:2026-03-01（结束日期可空：尚未结束）", field="suspension")
    ends = parts[2].strip() if len(parts) == 3 else ""
    return rules.Suspension(kind=parts[0].strip(), starts_on=parse_date(parts[1], field="suspension"),
                            ends_on=parse_date(ends, field="suspension") if ends else None)


def parse_extension(text: str) -> rules.Extension:
    """An approved extension of 1m / 30d / 1m15d, granted when the deadline it extends is reached."""
    return rules.Extension(length=Length.parse(text, field="extension"))


def _out(params: schemas.DeadlineParams, filed_on: date, on: date, result: rules.Evaluation) -> schemas.DeadlineOut:
    following = result.next_extension
    return schemas.DeadlineOut(
        case_type=params.case_type, procedure=result.procedure, variant=result.rule.variant or None,
        name=result.rule.name, filed_on=filed_on, on=on, counting_from=result.counting_from,
        basic_deadline=result.basic_deadline, deadline=result.deadline, days_used=result.days_used,
        days_left=result.days_left, suspended_days=result.suspended_days, status=result.status,
        warn_threshold=result.warn_threshold, extensions_granted=result.extensions_granted,
        next_extension=schemas.NextExtensionOut(
            **{**asdict(following), "longest": str(following.longest) if following.longest else None}
        ) if following else None,
        adjustments=[schemas.AdjustmentOut(**asdict(adjustment)) for adjustment in result.adjustments],
        irregularities=list(result.irregularities), source=result.source,
    )


def calculate(params: schemas.DeadlineParams, *, today: date, table: PeriodTable | None = None,
              holidays: HolidayCalendar | None = None) -> dict:
    """The deadline of the parameters on `params.on` (default `today`), as a JSON-ready dict (DeadlineOut).

    Bad input raises omnicourt.errors.InvalidInput with a Chinese message naming the field.
    """
    filed_on = parse_date(params.filed, field="filed")
    on = parse_date(params.on, field="on") if params.on else today
    events: list[rules.Suspension | rules.Extension] = [parse_suspension(text) for text in params.suspensions]
    events += [parse_extension(text) for text in params.extensions]
    result = rules.evaluate(
        case_type=params.case_type.strip(), procedure=params.procedure.strip(), filed_on=filed_on, today=on,
        table=table or default_table(), events=events, variant=params.variant or None,
        holidays=(holidays or default_holidays()) if params.roll_over_holidays else None,
        roll_over_holidays=params.roll_over_holidays,
    )
    return _out(params, filed_on, on, result).model_dump(mode="json")
