"""A case at 浙0106 between a plaintiff (with a lawyer as agent) and a defendant, each with an account; the court's
judges and clerks to sit; and what a judge sends to schedule a hearing five days from today at 09:00."""

from dataclasses import dataclass
from datetime import time, timedelta

import pytest
from sqlalchemy import select

from omnicourt.filing import service as filing
from omnicourt.filing.schemas import PartyIn
from omnicourt.hearings import service as hearings
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.models import Account
from tests.conftest import TODAY, actor_named
from tests.evidence.conftest import verified_party
from tests.factories import id_number, register_party
from tests.factories import filing as make_filing

DAY = TODAY + timedelta(days=5)


@dataclass
class World:
    case_id: int
    court_id: int
    plaintiff: object
    defendant: object
    stranger: object
    judge: object
    clerk: object
    other_judges: list
    rooms: list
    lawyer_id: str


def open_case(db, settings, *, court_code="浙0106", amount="300000.00", lawyer_id=None) -> World:
    defendant_id, lawyer_id = id_number(), lawyer_id or id_number()
    with db.transaction() as session:
        plaintiff = security.actor_for(session, register_party(session))
        defendant = verified_party(session, defendant_id)
        stranger = security.actor_for(session, register_party(session))
    data = make_filing(plaintiff_id=plaintiff.id_number, amount=amount, court_code=court_code)
    data.parties[1].id_number = defendant_id
    data.parties.append(PartyIn(role="agent", party_type="natural", name="王律师", id_number=lawyer_id))
    with db.transaction() as session:
        application = filing.submit(session, settings, actor=plaintiff, data=data, uploads=[], today=TODAY)
    with db.transaction() as session:
        officer = "demo-filing-officer" if court_code == "浙0106" else "c2-filing-officer1"
        case = filing.accept(session, settings, actor=actor_named(db, officer), application_id=application.id,
                             today=TODAY)
        judge = security.actor_for(session, session.get(Account, case.judge_id))
        staff = session.scalars(select(Account).where(Account.court_id == case.court_id, Account.active,
                                                      Account.role.in_(("judge", "clerk"))).order_by(Account.id))
        judges = [a for a in staff if a.role == "judge" and a.id != judge.id]
        clerk = session.scalar(select(Account).where(Account.court_id == case.court_id, Account.role == "clerk",
                                                     Account.division_id == case.division_id))
        return World(case.id, case.court_id, plaintiff, defendant, stranger, judge,
                     security.actor_for(session, clerk), [security.actor_for(session, a) for a in judges],
                     list(reference.courtrooms_of(session, case.court_id)), lawyer_id)


@pytest.fixture
def world(db, settings) -> World:
    return open_case(db, settings)


def plan(w: World, *, room=0, day=DAY, at=time(9, 0), minutes=120, judges=None, clerk=None, **changes):
    judge_ids = tuple(judges) if judges is not None else (w.judge.id,)
    fields = {"kind": "trial", "mode": "in_person", "courtroom_id": w.rooms[room].id if room is not None else None,
              "starts_on": day, "starts_time": at, "minutes": minutes, "judge_ids": judge_ids,
              "clerk_id": clerk or w.clerk.id, "public": True} | changes
    return hearings.ScheduleIn(**fields)


def schedule(db, settings, w: World, data=None, *, actor=None, today=TODAY):
    with db.transaction() as session:
        booked = hearings.schedule(session, settings, actor=actor or w.judge, case_id=w.case_id,
                                   data=data or plan(w), today=today)
        return booked.hearing.id, booked.delivery_ids
