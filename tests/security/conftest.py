"""Apps with the security limits of their own, and clients each from an address of their own (the databases are
shared by the whole run, and so are the failed sign-ins recorded in them)."""

import itertools
import uuid
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from omnicourt.app import create_app
from omnicourt.security import passwords
from omnicourt.settings import Settings
from tests.app.conftest import app, client  # noqa: F401  (the API fixtures for the input tests)
from tests.conftest import SHIPPED_PASSWORD_HASHER
from tests.factories import register_party

PASSWORD = "correct-horse-9"  # the password of tests.factories.register_party
_addresses = itertools.count(1)


def new_address() -> str:
    n = next(_addresses)
    return f"10.{uuid.uuid4().int % 200}.{n // 250}.{n % 250 + 1}"


@pytest.fixture
def security_settings(settings) -> Settings:
    """The shipped defaults of every security setting (the shared test settings lift the per-address limits)."""
    return settings.model_copy(update={
        "login_address_failures_per_window": Settings().login_address_failures_per_window,
        "rate_limits": Settings().rate_limits,
    })


@pytest.fixture
def make_client(db, security_settings) -> Callable[..., TestClient]:
    """make_client(address=None, app=None, **settings) -> a client from one address (a fresh one by default)."""
    opened = []

    def make(address: str | None = None, *, app=None, **overrides) -> TestClient:  # noqa: F811
        """A client of `app` if given (another address of the same process), else of a new app."""
        app = app or create_app(settings=security_settings.model_copy(update=overrides), db=db)
        made = TestClient(app, client=(address or new_address(), 50000))
        made.__enter__()
        opened.append(made)
        return made

    yield make
    for opened_client in opened:
        opened_client.__exit__(None, None, None)


@pytest.fixture
def account(db):
    """A fresh public account (password PASSWORD)."""
    with db.transaction() as session:
        created = register_party(session, username=f"sec-{uuid.uuid4().hex[:12]}")
        return {"id": created.id, "username": created.username}


@pytest.fixture
def shipped_password_hashing(monkeypatch):
    """Passwords hashed at the shipped cost (the tests' own is the smallest), the dummy hash of unknown names too."""
    monkeypatch.setattr(passwords, "_hasher", SHIPPED_PASSWORD_HASHER)
    passwords._dummy_hash.cache_clear()
    yield
    monkeypatch.undo()
    passwords._dummy_hash.cache_clear()
