"""Two verifications of one ID number at the same moment: exactly one account gets it."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from sqlalchemy import func, select

from omnicourt.errors import Conflict
from omnicourt.security import service as security
from omnicourt.security.models import IdentityBinding
from omnicourt.security.verification import run_verification
from tests.factories import id_number
from tests.security.identity.conftest import genuine_settings


def _register(db, number: str):
    with db.transaction() as session:
        account = security.register_public(session, username=f"twin-{number[-6:]}-{id_number()[-6:]}",
                                           password="correct-horse-9", person_type="natural", name="冯二",
                                           phone="13900000031", id_number=number)
        return security.actor_for(session, account)


def test_two_verifications_of_one_number_at_once_bind_it_once(db, settings):
    number = id_number()
    genuine = genuine_settings(settings, people=[("冯二", number)])
    twins = [_register(db, number) for _ in range(2)]
    start = Barrier(2)

    def verify(actor):
        start.wait()
        try:
            run_verification(db, genuine, actor, None)
            return "bound"
        except Conflict:
            return "refused"

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(verify, twins))
    assert outcomes == ["bound", "refused"]
    with db.reading() as session:
        owners = session.scalars(select(IdentityBinding.account_id).where(IdentityBinding.number == number)).all()
        assert len(owners) == 1 and owners[0] in {t.id for t in twins}
        loser = next(t for t in twins if t.id != owners[0])
        assert security.actor_for(session, security.get_account(session, loser.id)).identity_verified is False
        assert session.scalar(select(func.count()).select_from(IdentityBinding)
                              .where(IdentityBinding.account_id == loser.id)) == 0
