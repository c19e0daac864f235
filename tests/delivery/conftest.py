"""A case to deliver in: filed by a party with an account (the plaintiff), accepted at 浙0106 with a judge; its
clerk; the defendant's own verified account; a stranger. The world's PDF is a document of the main volume."""

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from omnicourt.cases.models import Case
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.storage import storage_of
from omnicourt.filing import service as filing
from omnicourt.security import service as security
from omnicourt.security import verification
from omnicourt.security.models import Account
from tests.conftest import TODAY, actor_named
from tests.factories import PDF_BYTES, register_party
from tests.factories import filing as make_filing


@dataclass
class World:
    case_id: int
    plaintiff_id: int  # case party ids
    defendant_id: int
    plaintiff: object  # actors
    defendant: object
    stranger: object
    judge: object
    clerk: object
    document_id: int


def add_document(db, settings, world_case_id: int, actor, name: str = "开庭传票.pdf",
                 kind: DocumentKind = DocumentKind.OTHER) -> int:
    """A document the court adds to the case (a summons, a judgment) straight into its dossier."""
    with db.transaction() as session:
        upload = dossier.Upload(name, PDF_BYTES)
        document = dossier.store(session, storage_of(settings), upload=upload, checked=dossier.generated_pdf(upload),
                                 court_id=session.get(Case, world_case_id).court_id, uploaded_by=actor.id,
                                 case_id=world_case_id, kind=kind)
        session.flush()
        return document.id


def make_world(db, settings, *, amount: str = "300000.00") -> World:
    with db.transaction() as session:
        plaintiff = security.actor_for(session, register_party(session))
        stranger = security.actor_for(session, register_party(session))
    with db.transaction() as session:
        application = filing.submit(session, settings, actor=plaintiff, data=make_filing(
            plaintiff_id=plaintiff.id_number, amount=amount), uploads=[], today=TODAY)
    with db.transaction() as session:
        case = filing.accept(session, settings, actor=actor_named(db, "demo-filing-officer"),
                             application_id=application.id, today=TODAY)
        plaintiff_party, defendant_party = case.parties[0], case.parties[1]
        judge_account = session.get(Account, case.judge_id)
        clerk_account = session.scalar(select(Account).where(Account.role == "clerk",
                                                             Account.division_id == judge_account.division_id)
                                       .order_by(Account.id).limit(1))
        defendant_account = register_party(session, id_no=defendant_party.id_number)
        verification.bind(session, defendant_account, method="verifier")
        session.flush()
        world = World(case.id, plaintiff_party.id, defendant_party.id, plaintiff,
                      security.actor_for(session, defendant_account), stranger,
                      security.actor_for(session, judge_account), security.actor_for(session, clerk_account), 0)
    world.document_id = add_document(db, settings, world.case_id, world.clerk)
    return world


@pytest.fixture
def world(db, settings) -> World:
    return make_world(db, settings)
