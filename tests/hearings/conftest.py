"""A case at 浙0106 between a plaintiff (with a lawyer as agent) and a defendant, each with an account; the court's
judges and clerks to sit; and what a judge sends to schedule a hearing at 09:00. The prepared database lives for the
whole run, so each case gets a week of its own on the calendar (its day, and the days after it for postponements)."""

import itertools
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
from tests.conftest import TODAY
from tests.evidence.conftest import verified_party
from tests.factories import filing as make_filing
from tests.factories import id_number, register_party

_weeks = itertools.count()


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
    clerks: list
    day: object  # the first day of the case's own week

    def other_clerk(self) -> int:
        """A clerk of the court other than the one `plan` chooses."""
        return next(c.id for c in self.clerks if c.id != self.clerk.id)


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
        officer = session.scalar(select(Account).where(
            Account.role == "filing_officer", Account.court_id == reference.court_by_code(session, court_code).id)
            .order_by(Account.id).limit(1))
        case = filing.accept(session, settings, actor=security.actor_for(session, officer),
                             application_id=application.id, today=TODAY)
        judge = security.actor_for(session, session.get(Account, case.judge_id))
        staff = list(session.scalars(select(Account).where(Account.court_id == case.court_id, Account.active,
                                                      Account.role.in_(("judge", "clerk"))).order_by(Account.id)))
        judges = [a for a in staff if a.role == "judge" and a.id != judge.id]
        clerk = session.scalar(select(Account).where(Account.court_id == case.court_id, Account.role == "clerk",
                                                     Account.division_id == case.division_id))
        return World(case.id, case.court_id, plaintiff, defendant, stranger, judge,
                     security.actor_for(session, clerk), [security.actor_for(session, a) for a in judges],
                     list(reference.courtrooms_of(session, case.court_id)), lawyer_id,
                     [a for a in staff if a.role == "clerk"], TODAY + timedelta(days=5 + 7 * (next(_weeks) % 50)))


@pytest.fixture
def world(db, settings) -> World:
    return open_case(db, settings)


def plan(w: World, *, room=0, day=None, at=time(9, 0), minutes=120, judges=None, clerk=None, **changes):
    judge_ids = tuple(judges) if judges is not None else (w.judge.id,)
    fields = {"kind": "trial", "mode": "in_person", "courtroom_id": w.rooms[room].id if room is not None else None,
              "starts_on": day or w.day, "starts_time": at, "minutes": minutes, "judge_ids": judge_ids,
              "clerk_id": clerk or w.clerk.id, "public": True} | changes
    return hearings.ScheduleIn(**fields)


def schedule(db, settings, w: World, data=None, *, actor=None, today=TODAY):
    with db.transaction() as session:
        booked = hearings.schedule(session, settings, actor=actor or w.judge, case_id=w.case_id,
                                   data=data or plan(w), today=today)
        return booked.hearing.id, booked.delivery_ids
