"""The court's clock: the one place that reads the time.

Courts count days in their own time zone (Beijing time by default, `court_timezone`), not the server's:
a filing accepted at 07:30 on the 8th in Beijing is accepted on the 8th even on a server kept in UTC.
Every "today" and "now" of the platform comes from here; tests stand the clock still with `freeze`.
The zone is the setting's, set once by the process's root (runtime.configure); until then, the setting's default.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from omnicourt.settings import Settings

_frozen: datetime | None = None  # one module-level moment: every thread (a live test server's too) sees it
_zone = ZoneInfo(Settings.model_fields["court_timezone"].default)


def use_zone(name: str) -> None:
    """Count the court's days in the IANA zone `name` (OMNICOURT_COURT_TIMEZONE): runtime.configure calls this."""
    global _zone
    _zone = ZoneInfo(name)


def zone() -> ZoneInfo:
    """The court's time zone."""
    return _zone


def utcnow() -> datetime:
    """This moment, aware, in UTC (as timestamps are stored)."""
    return _frozen.astimezone(UTC) if _frozen is not None else datetime.now(UTC)


def now() -> datetime:
    """This moment, aware, in the court's time zone."""
    return utcnow().astimezone(zone())


def today() -> date:
    """The court's date: the day it counts deadlines, decisions and closings from."""
    return now().date()


def local(at: datetime) -> datetime:
    """A stored moment in the court's time zone (a naive one is UTC, as SQLite returns it)."""
    return (at if at.tzinfo is not None else at.replace(tzinfo=UTC)).astimezone(zone())


def from_timestamp(seconds: float) -> datetime:
    """A moment given as seconds since the epoch (a file's modification time), aware, in UTC."""
    return datetime.fromtimestamp(seconds, tz=UTC)


def start_of(day: date) -> datetime:
    """The moment (UTC) the court's day begins."""
    return datetime.combine(day, time(0), zone()).astimezone(UTC)


@contextmanager
def freeze(at: datetime) -> Iterator[None]:
    """Tests: the clock stands at `at` (an aware moment) until the block ends."""
    global _frozen
    if at.tzinfo is None:
        raise ValueError("clock.freeze needs an aware datetime")
    previous, _frozen = _frozen, at
    try:
        yield
    finally:
        _frozen = previous
