"""An app over the prepared database, and signed-in API clients for each role."""

import pytest
from fastapi.testclient import TestClient

from omnicourt.app import create_app
from omnicourt.demo.loader import DEMO_PASSWORD


@pytest.fixture
def app(db, settings):
    return create_app(settings=settings, db=db)


@pytest.fixture
def client(app):
    with TestClient(app) as test_client:
        yield test_client


def bearer(client: TestClient, username: str, password: str = DEMO_PASSWORD) -> dict[str, str]:
    response = client.post("/api/v1/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def username_of(db, account_id: int) -> str:
    from omnicourt.security.models import Account

    with db.reading() as session:
        return session.get(Account, account_id).username
