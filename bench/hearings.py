"""Scheduling hearings against a province: the clash check (room, judges, clerk, lawyers) with many hearings booked in
every room of every court, against one indexed lookup of a room's time range in the same run; and the judge's week
calendar page, against the ping endpoint through the same client."""

import random
import time
from datetime import UTC, date, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, insert, select

from bench.figures import Figure, percentile
from omnicourt import clock
from omnicourt.app import create_app
from omnicourt.cases.models import Case
from omnicourt.db import Database
from omnicourt.demo.loader import DEMO_PASSWORD
from omnicourt.hearings import service as hearings
from omnicourt.hearings.models import Hearing, HearingParticipant
from omnicourt.reference import service as reference
from omnicourt.security.models import Account
from omnicourt.settings import Settings

SLOTS = (9, 11, 14, 16)  # a room's four two-hour hearings a day
LAWYERS = 5000  # lawyers across the province, each agent in many cases
CHUNK = 5000


def run(db: Database, settings: Settings, *, count: int, samples: int, today: date | None = None) -> list[Figure]:
    today = today or clock.today()
    judge = _fill(db, count=count, today=today)
    return [_clash_check(db, samples=samples, today=today), _calendar_page(db, settings, judge, samples, today)]


def _fill(db: Database, *, count: int, today: date) -> Account:
    """`count` hearings, room after room of every court, four a day from `today`; each with its court's judge and
    clerk, two parties and a lawyer from the province's pool. The busiest judge's username is returned."""
    rng = random.Random(7)
    with db.reading() as session:
        courts = [c.id for c in reference.list_courts(session)]
        rooms = reference.courtrooms_of_courts(session, courts)
        staff: dict[tuple[int, str], list[int]] = {}
        for account_id, court_id, role in session.execute(select(Account.id, Account.court_id, Account.role).where(
                Account.role.in_(("judge", "clerk")), Account.active)):
            staff.setdefault((court_id, role), []).append(account_id)
        cases = {court: list(session.scalars(select(Case.id).where(Case.court_id == court).limit(50)))
                 for court in courts}
        next_id = (session.scalar(select(func.max(Hearing.id))) or 0) + 1
        next_participant = (session.scalar(select(func.max(HearingParticipant.id))) or 0) + 1
    rooms = [r for r in rooms if cases[r.court_id] and staff.get((r.court_id, "judge"))
             and staff.get((r.court_id, "clerk"))]
    now, busiest = datetime.now(UTC), rooms[0]
    hearing_rows, people_rows = [], []
    for i in range(count):
        room, slot = rooms[i % len(rooms)], i // len(rooms)
        day = today + timedelta(days=3 + slot // len(SLOTS))
        starts = datetime.combine(day, datetime.min.time(), tzinfo=clock.zone()).replace(
            hour=SLOTS[slot % len(SLOTS)]).astimezone(UTC)
        ends = starts + timedelta(hours=2)
        judges, clerks = staff[(room.court_id, "judge")], staff[(room.court_id, "clerk")]
        judge = judges[0] if room is busiest else judges[(i // len(rooms)) % len(judges)]
        hearing_id = next_id + i
        hearing_rows.append({"id": hearing_id, "court_id": room.court_id, "case_id": rng.choice(cases[room.court_id]),
                             "kind": "trial", "mode": "in_person", "courtroom_id": room.id, "starts_at": starts,
                             "ends_at": ends, "status": "scheduled", "public": True, "scheduled_by": judge,
                             "created_at": now})
        for role, key, account in (("sole_judge", f"account:{judge}", judge),
                                   ("clerk", f"account:{clerks[i % len(clerks)]}", clerks[i % len(clerks)]),
                                   ("plaintiff", None, None), ("defendant", None, None),
                                   ("agent", f"id:lawyer{rng.randrange(LAWYERS)}", None)):
            people_rows.append({"id": next_participant + len(people_rows), "court_id": room.court_id,
                                "hearing_id": hearing_id, "role": role, "name": role, "account_id": account,
                                "person_key": key, "starts_at": starts, "ends_at": ends, "active": True})
    with db.transaction() as session:
        for rows, model in ((hearing_rows, Hearing), (people_rows, HearingParticipant)):
            for start in range(0, len(rows), CHUNK):
                session.execute(insert(model), rows[start:start + CHUNK])
    with db.reading() as session:
        return session.get_one(Account, staff[(busiest.court_id, "judge")][0])


def _clash_check(db: Database, *, samples: int, today: date) -> Figure:
    """p99 of hearings.find_clashes for a random room, time and bench of the filled calendar; the ceiling is the p99
    of the room's own indexed range lookup alone."""
    rng = random.Random(11)
    with db.reading() as session:
        total = session.scalar(select(func.count()).select_from(Hearing))
        booked = list(session.scalars(select(Hearing).order_by(func.random()).limit(samples)))
        checks, lookups = [], []
        for hearing in booked:
            room = reference.courtroom(session, hearing.courtroom_id) if hearing.courtroom_id else None
            people = [HearingParticipant(person_key=p.person_key, role=p.role, name=p.name)
                      for p in hearing.participants] + [HearingParticipant(
                          person_key=f"id:lawyer{rng.randrange(LAWYERS)}", role="agent", name="律师")]
            started = time.perf_counter()
            hearings.find_clashes(session, courtroom=room, starts_at=hearing.starts_at, ends_at=hearing.ends_at,
                                  participants=people)
            checks.append(time.perf_counter() - started)
            started = time.perf_counter()
            session.execute(select(Hearing.id).where(
                Hearing.courtroom_id == hearing.courtroom_id, Hearing.starts_at < hearing.ends_at,
                Hearing.ends_at > hearing.starts_at)).all()
            lookups.append(time.perf_counter() - started)
    p99, ceiling = percentile(checks, 0.99) * 1000, percentile(lookups, 0.99) * 1000
    return Figure(name=f"clash check of a hearing against {total:,} hearings ({db.engine.dialect.name})",
                  value=p99, unit="ms p99", ceiling=ceiling, ceiling_name="one room's indexed range lookup (ms p99)",
                  details={"hearings": total, "samples": len(checks), "p50_ms": percentile(checks, 0.5) * 1000})


def _calendar_page(db: Database, settings: Settings, judge: Account, samples: int, today: date) -> Figure:
    """p99 of the judge's week page (GET /bench/calendar) with the busiest room's judge, against GET /api/v1/ping."""
    app = create_app(settings=settings, db=db)
    pages, pings = [], []
    with TestClient(app) as client:
        token = client.post("/api/v1/auth/login", json={"username": judge.username, "password": DEMO_PASSWORD})
        headers = {"Authorization": f"Bearer {token.json()['token']}"}
        day = (today + timedelta(days=3)).isoformat()
        shown = client.get("/bench/calendar", headers=headers, params={"day": day}).text.count('data-testid="hearing"')
        for _ in range(samples):
            started = time.perf_counter()
            assert client.get("/bench/calendar", headers=headers, params={"day": day}).status_code == 200
            pages.append(time.perf_counter() - started)
            started = time.perf_counter()
            client.get("/api/v1/ping")
            pings.append(time.perf_counter() - started)
    return Figure(name=f"judge's week calendar page ({db.engine.dialect.name})", value=percentile(pages, 0.99) * 1000,
                  unit="ms p99", ceiling=percentile(pings, 0.99) * 1000, ceiling_name="GET /api/v1/ping (ms p99)",
                  details={"hearings_on_page": shown, "samples": samples})
