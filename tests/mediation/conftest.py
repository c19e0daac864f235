"""A court's roster with one active mediator (the others of earlier tests suspended, so that assignment is
known), and a pre-filing mediation between a plaintiff with an account and a verified defendant."""

from dataclasses import dataclass
from itertools import count

import pytest
from sqlalchemy import update

from omnicourt.dossier.service import Upload
from omnicourt.mediation import service as mediation
from omnicourt.mediation.models import Mediator
from omnicourt.security import service as security
from omnicourt.security import verification
from tests.conftest import TODAY, actor_named
from tests.factories import PDF_BYTES, id_number, register_party
from tests.factories import filing as make_filing

MEDIATOR_PASSWORD = "mediate-horse-9"
PARTY_PASSWORD = "correct-horse-9"
_names = count(1)


@dataclass
class World:
    mediation_id: int
    plaintiff: object
    defendant: object
    mediator: object
    stranger: object
    other_mediator: object
    officer: object


def new_mediator(db, *, court_officer="demo-filing-officer", specialities=(), only=True):
    officer = actor_named(db, court_officer)
    with db.transaction() as session:
        if only:
            session.execute(update(Mediator).where(Mediator.court_id == officer.court_id).values(status="suspended"))
        found = mediation.register_mediator(session, actor=officer, username=f"mediator-{id_number()[-8:]}-"
                                            f"{next(_names)}", password=MEDIATOR_PASSWORD, name="王调解",
                                            phone="13900000099", organisation_id=None,
                                            specialities=list(specialities), areas=["西湖区"])
        return security.actor_for(session, security.get_account(session, found.account_id))


def verified_party(session, id_no: str):
    account = register_party(session, id_no=id_no)
    verification.record_check(session, account_id=account.id, person_confirmed=True, representative_confirmed=False)
    return security.actor_for(session, account)


def apply(db, settings, *, files=(), today=TODAY):
    defendant_id = id_number()
    with db.transaction() as session:
        plaintiff = security.actor_for(session, register_party(session))
        defendant = verified_party(session, defendant_id)
        stranger = security.actor_for(session, register_party(session))
    data = make_filing(plaintiff_id=plaintiff.id_number)
    data.parties[1].id_number = defendant_id
    with db.transaction() as session:
        found = mediation.apply(session, settings, actor=plaintiff, data=data, consent=True, today=today,
                                uploads=[Upload(name, PDF_BYTES) for name in files])
        return found.id, plaintiff, defendant, stranger


@pytest.fixture
def world(db, settings) -> World:
    other = new_mediator(db)
    mediator = new_mediator(db)
    mediation_id, plaintiff, defendant, stranger = apply(db, settings, files=("借条.pdf",))
    return World(mediation_id, plaintiff, defendant, mediator, stranger, other, actor_named(db, "demo-filing-officer"))


def accepted(db, world: World, today=TODAY) -> None:
    with db.transaction() as session:
        mediation.accept(session, actor=world.mediator, mediation_id=world.mediation_id, today=today)


def terms(amount="12000.00", content="向张三支付借款本金"):
    return mediation.Terms((mediation.Obligation("李四", content, amount, TODAY),), "按未付金额每日万分之五支付违约金")


def propose(db, world: World, **kwargs):
    with db.transaction() as session:
        return mediation.propose(session, actor=world.mediator, mediation_id=world.mediation_id,
                                 terms=terms(**kwargs)).version


def sign(db, world: World, party, version: int, password=PARTY_PASSWORD):
    with db.transaction() as session:
        return mediation.sign(session, actor=party, mediation_id=world.mediation_id, version=version,
                              password=password, today=TODAY)
