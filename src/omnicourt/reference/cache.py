"""Reference data held in memory: it changes only when `omnicourt db upgrade` loads it, and
every use case reads it (courts, causes, divisions), so each process reads it once per database."""

import threading
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.reference.models import CaseType, Cause, Court, Courtroom, Division


@dataclass(frozen=True)
class CourtInfo:
    id: int
    code: str
    name: str
    level: str
    city: str
    parent_id: int | None


@dataclass(frozen=True)
class CauseInfo:
    code: str
    name: str
    parent_code: str | None
    level: int
    money_payment: bool
    kind: str


@dataclass(frozen=True)
class DivisionInfo:
    id: int
    court_id: int
    code: str
    name: str
    case_families: tuple[str, ...]
    cause_prefixes: tuple[str, ...]
    is_default: bool


@dataclass(frozen=True)
class CourtroomInfo:
    id: int
    court_id: int
    code: str
    name: str
    seats: int


@dataclass(frozen=True)
class Snapshot:
    courts: tuple[CourtInfo, ...]
    courts_by_id: dict[int, CourtInfo]
    courts_by_code: dict[str, CourtInfo]
    causes: tuple[CauseInfo, ...]
    causes_by_code: dict[str, CauseInfo]
    divisions_by_court: dict[int, tuple[DivisionInfo, ...]]
    case_type_codes: frozenset[str]
    courtrooms_by_court: dict[int, tuple[CourtroomInfo, ...]]
    courtrooms_by_id: dict[int, CourtroomInfo]


_snapshots: dict[str, Snapshot] = {}
_lock = threading.Lock()


def snapshot(session: Session) -> Snapshot:
    key = str(session.get_bind().engine.url)
    found = _snapshots.get(key)
    if found is None:
        with _lock:
            found = _snapshots.get(key) or _read(session)
            if found.courts:  # an empty database is not cached: reference data may be loaded next
                _snapshots[key] = found
    return found


def forget() -> None:
    _snapshots.clear()


def _read(session: Session) -> Snapshot:
    courts = tuple(CourtInfo(c.id, c.code, c.name, c.level, c.city, c.parent_id)
                   for c in session.scalars(select(Court).order_by(Court.id)))
    causes = tuple(CauseInfo(c.code, c.name, c.parent_code, c.level, c.money_payment, c.kind)
                   for c in session.scalars(select(Cause).order_by(Cause.code)))
    divisions: dict[int, list[DivisionInfo]] = {}
    for d in session.scalars(select(Division).order_by(Division.id)):
        divisions.setdefault(d.court_id, []).append(DivisionInfo(
            d.id, d.court_id, d.code, d.name, tuple(d.case_families), tuple(d.cause_prefixes), d.is_default))
    rooms: dict[int, list[CourtroomInfo]] = {}
    for r in session.scalars(select(Courtroom).order_by(Courtroom.court_id, Courtroom.code)):
        rooms.setdefault(r.court_id, []).append(CourtroomInfo(r.id, r.court_id, r.code, r.name, r.seats))
    return Snapshot(
        courts=courts, courts_by_id={c.id: c for c in courts}, courts_by_code={c.code: c for c in courts},
        causes=causes, causes_by_code={c.code: c for c in causes},
        divisions_by_court={court_id: tuple(items) for court_id, items in divisions.items()},
        case_type_codes=frozenset(session.scalars(select(CaseType.code))),
        courtrooms_by_court={court_id: tuple(items) for court_id, items in rooms.items()},
        courtrooms_by_id={room.id: room for items in rooms.values() for room in items},
    )
