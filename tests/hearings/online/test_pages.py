"""The online hearing's page through the app: a party's page polls the clerk's record, a stranger gets the 404, and
the public announcement of the hearing tells nothing of the room, the attendance or the record."""

import re
from datetime import timedelta

import pytest

from omnicourt.hearings import service as hearings
from omnicourt.hearings.online import service as online
from omnicourt.security.models import OneTimeCode
from tests.app.conftest import bearer, username_of
from tests.conftest import TODAY
from tests.hearings.online.conftest import online_world

pytestmark = pytest.mark.usefixtures("settings")


@pytest.fixture
def world(db, settings):
    return online_world(db, settings)


@pytest.fixture
def client(db, settings):
    from fastapi.testclient import TestClient

    from omnicourt.app import create_app

    with TestClient(create_app(settings=settings, db=db)) as test_client:
        yield test_client


def login(client, db, actor):
    return bearer(client, username_of(db, actor.id), "omnicourt-demo" if actor.is_staff else "correct-horse-9")


def test_the_public_announcement_reveals_no_room_attendance_or_record(db, settings, world):
    w, hearing_id, start = world
    with db.transaction() as session:
        online.write_record(session, actor=w.clerk, hearing_id=hearing_id, text="原：借款本金三十万元秘密内容",
                            now=start)
    with db.reading() as session:
        found = [a for a in hearings.announcements(session, today=TODAY, days=400)
                 if a.starts_at.date() == w.day]
    shown = repr(found)
    assert found and "秘密内容" not in shown and "video" not in shown and "room/hearing" not in shown
    assert {f.__class__.__name__ for f in found} == {"Announcement"}
    assert set(found[0].__dataclass_fields__) <= {"court_name", "case_number", "cause", "parties", "starts_at", "place"}


def test_a_party_page_polls_the_record_and_a_stranger_meets_the_404(db, settings, world, client):
    w, hearing_id, start = world
    with db.transaction() as session:
        online.write_record(session, actor=w.clerk, hearing_id=hearing_id, text="审：现在开庭。", now=start)
    party = login(client, db, w.defendant)
    page = client.get(f"/hearings/{hearing_id}/online", headers=party)
    assert page.status_code == 200 and 'hx-trigger="every 3s"' in page.text and "审：现在开庭。" in page.text
    assert "第25条建议" not in page.text
    with db.transaction() as session:
        online.write_record(session, actor=w.clerk, hearing_id=hearing_id, text="审：现在开庭。\n原：坚持诉请。",
                            now=start + timedelta(minutes=1))
    assert "原：坚持诉请。" in client.get(f"/hearings/{hearing_id}/online/record", headers=party).text
    stranger = login(client, db, w.stranger)
    assert client.get(f"/hearings/{hearing_id}/online", headers=stranger).status_code == 404


def test_a_wrong_code_through_the_api_is_counted_and_refused(db, settings, world, client, texts):
    w, hearing_id, _ = world
    party = login(client, db, w.defendant)
    issued = client.post("/api/v1/one-time-codes", headers=party, json={"purpose": "online_hearing"})
    assert issued.status_code == 201 and len(texts) == 1
    code = re.search(r"验证码(\d{6})", texts[-1][1]).group(1)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    body = {"code_id": issued.json()["code_id"], "code": wrong}
    refused = client.post("/api/v1/one-time-codes/verification", headers=party, json=body)
    assert refused.status_code == 422 and "还可尝试4次" in refused.text
    with db.reading() as session:
        assert session.get(OneTimeCode, body["code_id"]).tries == 1
    proof = client.post("/api/v1/one-time-codes/verification", headers=party, json=body | {"code": code})
    assert proof.status_code == 200
    joined = client.post(f"/api/v1/hearings/{hearing_id}/online/join", headers=party, json=proof.json())
    assert joined.status_code == 409  # the live clock is days before the hearing: the room is not open yet
    assert "开庭前30分钟开放" in joined.text
