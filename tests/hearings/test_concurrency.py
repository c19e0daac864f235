"""Two bookings of one room at one time from two requests: exactly one wins, on PostgreSQL, where the exclusion
constraint holds it even against a writer that skipped the check."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from omnicourt.db import utcnow
from omnicourt.errors import Conflict
from omnicourt.hearings import service as hearings
from omnicourt.hearings.models import Hearing
from tests.conftest import TODAY
from tests.hearings.conftest import open_case, plan

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg(db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("concurrency is PostgreSQL's: SQLite runs one writer at a time")
    return db


@pytest.mark.parametrize("check_skipped", [False, True])
def test_two_concurrent_bookings_of_one_room_one_wins(pg, settings, monkeypatch, check_skipped):
    if check_skipped:  # both pass the application's check: the exclusion constraint alone decides, and is named
        found = hearings.find_clashes
        monkeypatch.setattr(hearings, "find_clashes",
                            lambda session, **asked: found(session, **asked) if not asked["participants"] else [])
    first, second = open_case(pg, settings), open_case(pg, settings)
    # different judges and clerks: only the room is shared, so only the database's room rule can decide
    clerk = second.other_clerk() if second.clerk.id == first.clerk.id else second.clerk.id
    plans = {first.case_id: (first, plan(first)),
             second.case_id: (second, plan(second, day=first.day, clerk=clerk))}
    if first.judge.id == second.judge.id:
        pytest.skip("both cases went to one judge: the judge would clash first")
    barrier, outcomes = threading.Barrier(2), []

    def book(case_id):
        w, data = plans[case_id]
        barrier.wait()
        try:
            with pg.transaction() as session:
                hearings.schedule(session, settings, actor=w.judge, case_id=case_id, data=data, today=TODAY)
            outcomes.append("booked")
        except Conflict as refused:
            outcomes.append(str(refused))

    threads = [threading.Thread(target=book, args=(case_id,)) for case_id in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes)[0] == "booked" and outcomes.count("booked") == 1, outcomes
    assert "法庭「第一法庭」在该时段已有安排" in next(o for o in outcomes if o != "booked")


def test_the_database_refuses_a_double_booking_that_skipped_the_check(pg, settings):
    w = open_case(pg, settings)
    room = w.rooms[2].id
    starts = utcnow() + timedelta(days=400)
    row = {"court_id": w.court_id, "case_id": w.case_id, "kind": "trial", "mode": "in_person", "courtroom_id": room,
           "starts_at": starts, "ends_at": starts + timedelta(hours=2), "status": "scheduled", "public": True,
           "scheduled_by": w.judge.id, "created_at": starts}
    with pg.transaction() as session:
        session.execute(insert(Hearing), [row])
    with pytest.raises(IntegrityError, match="hearings_room_not_double_booked"), pg.transaction() as session:
        session.execute(insert(Hearing), [row | {"starts_at": starts + timedelta(hours=1),
                                                 "ends_at": starts + timedelta(hours=3)}])
    with pg.transaction() as session:  # a postponed hearing frees its room
        session.execute(insert(Hearing), [row | {"status": "postponed"}])
