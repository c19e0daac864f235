"""The joint session routes call the same services: the API groups, the screen shows each case side by side, the
bench's form schedules it; a party meets the one 404 on the API and a 403 on the bench's pages."""

import pytest

from tests.app.conftest import bearer, username_of
from tests.hearings.joint.conftest import make_batch

pytestmark = pytest.mark.usefixtures("settings")


@pytest.fixture
def app(db, settings):
    from omnicourt.app import create_app

    return create_app(settings=settings, db=db)


@pytest.fixture
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as test_client:
        yield test_client


def login(client, db, actor):
    return bearer(client, username_of(db, actor.id), "omnicourt-demo" if actor.is_staff else "correct-horse-9")


def test_the_api_and_the_screen(client, db, settings):
    b = make_batch(db, settings, n=2)
    judge = login(client, db, b.judge)
    refused = client.post("/api/v1/joint-sessions", headers=judge, json={"case_ids": [b.case_ids[0]] * 2})
    assert refused.status_code == 422 and "重复" in refused.json()["detail"]
    made = client.post("/api/v1/joint-sessions", headers=judge, json={"case_ids": b.case_ids})
    assert made.status_code == 201, made.text
    joint_id = made.json()["id"]
    assert [c["case_id"] for c in made.json()["cases"]] == b.case_ids
    page = client.get(f"/bench/joint-sessions/{joint_id}", headers=judge)
    assert page.status_code == 200 and page.text.count('data-testid="joint-row"') == 2
    assert "排期并送达传票" in page.text
    scheduled = client.post(f"/bench/joint-sessions/{joint_id}/schedule", headers=judge, follow_redirects=False,
                            data={"starts_on": b.day.isoformat(), "starts_time": "15:00", "minutes": "60",
                                  "courtroom_id": str(b.rooms[2].id), "clerk_id": str(b.clerk.id)})
    assert scheduled.status_code == 303, scheduled.text
    again = client.get(f"/api/v1/joint-sessions/{joint_id}", headers=judge).json()
    assert again["status"] == "scheduled" and again["hearing_id"]
    assert client.get("/bench/joint-sessions", headers=judge).status_code == 200
    sitting = client.get(f"/bench/joint-sessions/{joint_id}", headers=judge)
    assert sitting.status_code == 200 and "已排期" in sitting.text and "15:00" in sitting.text
    party = login(client, db, b.defendants[0])
    assert client.get(f"/api/v1/joint-sessions/{joint_id}", headers=party).status_code == 404
    assert client.get(f"/bench/joint-sessions/{joint_id}", headers=party).status_code == 403
