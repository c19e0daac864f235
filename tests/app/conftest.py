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


def bulk_report(client: TestClient, response, headers: dict[str, str]) -> dict:
    """An element sheet's filing started by `response` (202), run by the app's job queue here, and its report as
    the batch's status gives it once done."""
    assert response.status_code == 202, response.text
    started = response.json()
    assert started["state"] in ("waiting", "running") and started["report"] is None
    client.app.state.queue.drain()
    finished = client.get(started["status_url"], headers=headers)
    assert finished.status_code == 200 and finished.json()["state"] == "done", finished.text
    return finished.json()["report"]


def analysed(client: TestClient, response, headers: dict[str, str]) -> dict:
    """An analysis asked for by `response` (202: an analysis or an added document), run by the app's job queue
    here, and the assistant's work on the case once the request is done."""
    assert response.status_code == 202, response.text
    asked = response.json()
    assert asked["state"] in ("waiting", "running") and asked["analysis_run_id"] is None, asked
    client.app.state.queue.drain()
    finished = client.get(asked["status_url"], headers=headers)
    assert finished.status_code == 200 and finished.json()["state"] == "done", finished.text
    view = client.get(asked["status_url"].rsplit("/analysis/", 1)[0], headers=headers)
    assert view.status_code == 200 and view.json()["run"]["id"] == finished.json()["analysis_run_id"], view.text
    return view.json()
