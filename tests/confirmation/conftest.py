"""A pre-filing mediation settled by both parties' signatures (tests/mediation/conftest.py's world), ready for
judicial confirmation."""

import pytest

from tests.conftest import TODAY
from tests.mediation.conftest import PARTY_PASSWORD, World, accepted, propose, sign
from tests.mediation.conftest import world as world  # noqa: F401 (the fixture, used by `settled`)


@pytest.fixture
def settled(db, world: World) -> World:  # noqa: F811
    accepted(db, world)
    version = propose(db, world)
    sign(db, world, world.plaintiff, version)
    sign(db, world, world.defendant, version)
    return world


__all__ = ["PARTY_PASSWORD", "TODAY"]
