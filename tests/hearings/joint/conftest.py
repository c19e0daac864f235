"""A batch of loan cases of one plaintiff (with one lawyer in all of them) against different defendants at 浙0106,
all conducted by one judge; each batch gets a week of its own on the calendar."""

import itertools
from dataclasses import dataclass
from datetime import time, timedelta

from sqlalchemy import select

from omnicourt.cases.models import Case
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

_weeks = itertools.count(60)


@dataclass
class Batch:
    case_ids: list[int]
    court_id: int
    plaintiff: object
    defendants: list
    judge: object
    clerk: object
    rooms: list
    day: object


def file_case(db, settings, *, plaintiff, lawyer_id, cause_code="cont.contract.loan.private", court_code="浙0106"):
    defendant_id = id_number()
    with db.transaction() as session:
        defendant = verified_party(session, defendant_id)
    data = make_filing(plaintiff_id=plaintiff.id_number, amount="300000.00", court_code=court_code,
                       cause_code=cause_code)
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
        return case.id, defendant


def make_batch(db, settings, n=3) -> Batch:
    lawyer_id = id_number()
    with db.transaction() as session:
        plaintiff = security.actor_for(session, register_party(session))
    filed = [file_case(db, settings, plaintiff=plaintiff, lawyer_id=lawyer_id) for _ in range(n)]
    case_ids = [case_id for case_id, _ in filed]
    with db.transaction() as session:
        first = session.get(Case, case_ids[0])
        for case_id in case_ids[1:]:  # one judge conducts them all
            other = session.get(Case, case_id)
            other.judge_id, other.division_id = first.judge_id, first.division_id
        judge = security.actor_for(session, session.get(Account, first.judge_id))
        clerk = session.scalar(select(Account).where(Account.court_id == first.court_id, Account.role == "clerk",
                                                     Account.division_id == first.division_id))
        return Batch(case_ids, first.court_id, plaintiff, [d for _, d in filed], judge,
                     security.actor_for(session, clerk), list(reference.courtrooms_of(session, first.court_id)),
                     TODAY + timedelta(days=5 + 7 * (next(_weeks) % 50)))


def plan(b: Batch, *, room=0, at=time(14, 0), minutes=120) -> hearings.ScheduleIn:
    return hearings.ScheduleIn(kind="trial", mode="in_person", courtroom_id=b.rooms[room].id, starts_on=b.day,
                               starts_time=at, minutes=minutes, judge_ids=(b.judge.id,), clerk_id=b.clerk.id)
