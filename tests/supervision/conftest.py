"""Staff of one division and cases of chosen ages made directly, so each test knows exactly which cases it is
about."""

import itertools
import uuid
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select

from omnicourt.cases.models import Case
from omnicourt.db import utcnow
from omnicourt.security import service as security
from omnicourt.security.models import Account
from omnicourt.security.roles import Actor
from tests.app.test_permissions import world  # noqa: F401  (the matrix's case and accounts, for the routes)

_serials = itertools.count(1)


@dataclass(frozen=True)
class Staff:
    court_id: int
    division_id: int
    judge: Actor
    other_judge: Actor
    chief: Actor
    other_chief: Actor
    president: Actor
    vice_president: Actor
    clerk: Actor
    parent_president: Actor | None


@pytest.fixture
def staff(db) -> Staff:
    """A division of 浙0106 (the demo court) with two judges, its chief, another chief, and the court's leaders."""
    with db.reading() as session:
        def actor(*conditions) -> Actor | None:
            account = session.scalar(select(Account).where(*conditions, Account.active.is_(True))
                                     .order_by(Account.id).limit(1))
            return security.actor_for(session, account) if account else None

        chief = actor(Account.username == "demo-division-chief")
        court, division = chief.court_id, chief.division_id
        judges = session.scalars(select(Account).where(Account.role == "judge", Account.division_id == division)
                                 .order_by(Account.id).limit(2)).all()
        from omnicourt.reference import service as reference

        parent = reference.court(session, court).parent_id
        return Staff(
            court_id=court, division_id=division,
            judge=security.actor_for(session, judges[0]), other_judge=security.actor_for(session, judges[1]),
            chief=chief,
            other_chief=actor(Account.role == "division_chief", Account.court_id == court,
                              Account.division_id != division),
            president=actor(Account.role == "president", Account.court_id == court),
            vice_president=actor(Account.role == "vice_president", Account.court_id == court),
            clerk=actor(Account.role == "clerk", Account.division_id == division),
            parent_president=actor(Account.role == "president", Account.court_id == parent) if parent else None,
        )


def make_case(db, staff: Staff, *, accepted_on: date, stage: str = "in_trial", judge: Actor | None = None) -> int:
    """An open (or closed) case of the staff's division accepted on the given day; its id."""
    serial = 900000 + next(_serials)
    judge = judge or staff.judge
    with db.transaction() as session:
        case = Case(court_id=staff.court_id, case_number=f"（{accepted_on.year}）浙0106民初S{uuid.uuid4().hex[:10]}号",
                    year=accepted_on.year, type_code="民初", serial=serial, cause_code="cont.contract.loan.private",
                    cause_name="民间借贷纠纷", title="督办测试诉某某民间借贷纠纷", procedure="ordinary", stage=stage,
                    division_id=staff.division_id, judge_id=judge.id, accepted_on=accepted_on,
                    closed_on=accepted_on if stage in ("closed", "archived") else None,
                    triage_reasons=[], assignment_reasons=[], facts_and_reasons="", created_at=utcnow())
        session.add(case)
        session.flush()
        return case.id


def close(db, case_id: int, closed_on: date) -> None:
    with db.transaction() as session:
        case = session.get(Case, case_id)
        case.stage, case.closed_on, case.closing_method = "closed", closed_on, "judgment"
