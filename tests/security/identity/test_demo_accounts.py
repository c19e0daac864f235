"""The demo loader verifies its own public accounts, also when an upgrade left them unverified."""

from sqlalchemy import delete, select

from omnicourt.demo import loader
from omnicourt.security.models import Account, IdentityBinding
from omnicourt.security.service import actor_for
from omnicourt.settings import Settings
from tests.conftest import DEMO_CASES, TODAY


def _demo_lawyer(session) -> Account:
    return session.scalar(select(Account).where(Account.username == "demo-lawyer"))


def test_the_loader_verifies_demo_accounts_left_unverified(db):
    with db.reading() as session:
        assert all(actor_for(session, session.scalar(select(Account).where(Account.username == name))).bound_number
                   for name in loader.DEMO_PUBLIC_ACCOUNTS)
    with db.transaction() as session:  # as the migration leaves a demo database from before verification
        lawyer = _demo_lawyer(session)
        lawyer.identity_verified_at = None
        session.execute(delete(IdentityBinding).where(IdentityBinding.account_id == lawyer.id))
    loader.load_demo(db, Settings(), cases=DEMO_CASES, echo=lambda *_: None, today=TODAY)
    with db.reading() as session:
        actor = actor_for(session, _demo_lawyer(session))
        assert actor.identity_verified and actor.bound_number == actor.id_number
