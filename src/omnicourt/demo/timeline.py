"""The timeline of a drawn demo case, once for both writers: the demo loader (ORM rows) and the province generator
(COPY rows). Each writer only puts these events into its own row format.

A drawn case gets the events the platform would have written for it: accepted; assigned once a judge has it; the
fee notice when it pays a fee (enforcement does not); a hearing once in trial (ten days after acceptance, or on the
closing day if that came first); the closing. Each at a fixed working hour of its day in the court's zone.
"""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from omnicourt import clock
from omnicourt.cases import rules as case_rules
from omnicourt.cases.events import EventKind

HEARING_AFTER = timedelta(days=10)
HEARD_STAGES = ("in_trial", "closed", "archived")


class DemoEvent(NamedTuple):
    at: datetime
    kind: EventKind
    summary: str


def case_events(*, number: str, procedure: str, fee: Decimal | None, accepted_on: date, stage: str,
                closed_on: date | None, method: str | None) -> list[DemoEvent]:
    """The timeline of one drawn case (`fee` None: no fee notice)."""
    label = case_rules.PROCEDURE_LABELS.get(procedure, procedure)
    events = [DemoEvent(at(accepted_on, 9), EventKind.ACCEPTED, f"立案受理，案号{number}，适用{label}")]
    if stage != "accepted":
        events.append(DemoEvent(at(accepted_on, 10), EventKind.ASSIGNED, "分案至承办法官"))
    if fee is not None:
        events.append(DemoEvent(at(accepted_on, 11), EventKind.FEE_NOTICE, f"发出交费通知：案件受理费{fee}元"))
    if stage in HEARD_STAGES:
        hearing_on = min(accepted_on + HEARING_AFTER, closed_on or accepted_on + HEARING_AFTER)
        events.append(DemoEvent(at(hearing_on, 14), EventKind.HEARING_HELD,
                                f"{case_rules.chinese_date(hearing_on)} 开庭审理"))
    if closed_on:
        if method is None:
            raise ValueError("a closed demo case needs its closing method")
        method_label = case_rules.CLOSING_METHOD_LABELS[method]
        events.append(DemoEvent(at(closed_on, 16), EventKind.CLOSED,
                                f"{case_rules.chinese_date(closed_on)} 以{method_label}方式结案"))
    return events


def at(day: date, hour: int) -> datetime:
    """`hour` o'clock on `day` in the court's zone, as a UTC moment (as timestamps are stored)."""
    return _moment(day, hour, clock.zone())


@lru_cache(maxsize=16384)  # the generator asks for the same few thousand days millions of times
def _moment(day: date, hour: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour), zone).astimezone(UTC)
