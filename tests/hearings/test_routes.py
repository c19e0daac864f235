"""The hearing routes: the API and the pages call the same services; rights (another party: 404; staff elsewhere:
403), bad input (4xx, nothing written), the public announcements without signing in."""

import pytest
from sqlalchemy import func, select

from omnicourt.hearings.models import Hearing
from tests.app.conftest import bearer, username_of
from tests.hearings.conftest import open_case

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
    password = "omnicourt-demo" if actor.is_staff else "correct-horse-9"
    return bearer(client, username_of(db, actor.id), password)


def body(w, **changes):
    return {"case_id": w.case_id, "courtroom_id": w.rooms[0].id, "starts_on": w.day.isoformat(),
            "starts_time": "09:00", "minutes": 90, "judge_ids": [w.judge.id], "clerk_id": w.clerk.id} | changes


def hearings_count(db) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(Hearing))


def test_a_judge_schedules_and_only_the_case_parties_see_it(client, db, settings):
    w = open_case(db, settings)
    judge = login(client, db, w.judge)
    made = client.post("/api/v1/hearings", headers=judge, json=body(w))
    assert made.status_code == 201, made.text
    hearing = made.json()["hearing"]
    assert hearing["place"] == "第一法庭" and len(made.json()["deliveries"]) == 3
    plaintiff, stranger = login(client, db, w.plaintiff), login(client, db, w.stranger)
    mine = client.get("/api/v1/hearings", headers=plaintiff).json()
    assert [h["id"] for h in mine] == [hearing["id"]]
    assert "id_number" not in str(mine) and w.plaintiff.id_number not in str(mine)
    assert client.get(f"/api/v1/hearings/{hearing['id']}", headers=plaintiff).status_code == 200
    assert client.get(f"/api/v1/hearings/{hearing['id']}", headers=stranger).status_code == 404
    assert client.get(f"/api/v1/cases/{w.case_id}/scheduled-hearings", headers=stranger).status_code == 404
    assert client.get("/api/v1/hearings", headers=stranger).json() == []
    page = client.get(f"/portal/cases/{w.case_id}/hearings", headers=plaintiff)
    assert page.status_code == 200 and "第一法庭" in page.text
    assert client.get(f"/portal/cases/{w.case_id}/hearings", headers=stranger).status_code == 404
    assert client.post(f"/api/v1/hearings/{hearing['id']}/postponements", headers=plaintiff, json={
        "ground": "absent", "next_on": w.day.isoformat(), "next_time": "14:00"}).status_code == 403


@pytest.mark.parametrize(("changes", "status", "field"), [
    ({"starts_time": "25:00"}, 422, None),
    ({"judge_ids": []}, 422, None),
    ({"kind": "party"}, 422, "kind"),
    ({"minutes": 5}, 422, "minutes"),
    ({"courtroom_id": None}, 422, "courtroom_id"),
    ({"clerk_id": 1}, 422, "clerk_id"),
    ({"starts_on": "2000-01-01"}, 422, "starts_on"),
])
def test_bad_input_is_refused_and_writes_nothing(client, db, settings, changes, status, field):
    w = open_case(db, settings)
    before = hearings_count(db)
    refused = client.post("/api/v1/hearings", headers=login(client, db, w.judge), json=body(w, **changes))
    assert refused.status_code == status, refused.text
    if field:
        assert refused.json()["field"] == field
    assert hearings_count(db) == before


def test_a_clash_is_a_409_naming_the_other_case(client, db, settings):
    first, second = open_case(db, settings), open_case(db, settings)
    assert client.post("/api/v1/hearings", headers=login(client, db, first.judge), json=body(first)).status_code == 201
    clerk = second.other_clerk()
    refused = client.post("/api/v1/hearings", headers=login(client, db, second.judge),
                          json=body(second, starts_on=first.day.isoformat(), starts_time="10:00", clerk_id=clerk))
    assert refused.status_code == 409 and "第一法庭" in refused.json()["detail"], refused.text


def test_the_pages_schedule_show_the_calendar_and_announce(client, db, settings):
    w = open_case(db, settings)
    judge = login(client, db, w.judge)
    page = client.get(f"/bench/cases/{w.case_id}/hearings", headers=judge)
    assert page.status_code == 200 and "排期并送达传票" in page.text
    posted = client.post(f"/bench/cases/{w.case_id}/hearings/schedule", headers=judge, follow_redirects=False, data={
        "starts_on": w.day.isoformat(), "starts_time": "14:00", "minutes": "60", "courtroom_id": str(w.rooms[1].id),
        "judge_ids": [str(w.judge.id)], "clerk_id": str(w.clerk.id), "public": "yes"})
    assert posted.status_code == 303, posted.text
    week = client.get("/bench/calendar", headers=judge, params={"day": w.day.isoformat()})
    assert week.status_code == 200 and "@media print" in week.text and w.rooms[1].name in week.text
    day = client.get("/bench/calendar", headers=judge, params={"day": w.day.isoformat(), "view": "day",
                                                               "courtroom_id": w.rooms[1].id})
    assert day.status_code == 200 and day.text.count('data-testid="calendar-day"') == 1
    assert client.get("/bench/calendar", headers=login(client, db, w.plaintiff)).status_code == 403
    client.cookies.clear()
    public = client.get("/hearing-announcements", params={"court": "浙0106"})
    assert public.status_code == 200 and "开庭公告" in public.text
    listed = client.get("/api/v1/hearing-announcements").json()
    assert all(set(a) == {"court_name", "case_number", "cause", "parties", "starts_at", "place"} for a in listed)
    rooms = client.get("/api/v1/courtrooms", params={"court": "浙0106"}).json()
    assert [r["name"] for r in rooms][:3] == ["第一法庭", "第二法庭", "第三法庭"]
