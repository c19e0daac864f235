"""The API and the bench page of the deliberation: who may do what, bad input refused with nothing written, and the
deliberation record never reachable by a party through any route of the platform."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from omnicourt.app import create_app
from omnicourt.cases.models import CaseParty
from omnicourt.deliberation.models import Deliberation, DeliberationPoint, DeliberationVote, Panel
from omnicourt.security.models import Account
from tests.app.conftest import bearer
from tests.deliberation.conftest import form, put_points, vote_all

OPINION = "借条与转账凭证相互印证，借款事实成立"


@pytest.fixture
def client(db, settings):
    with TestClient(create_app(settings=settings, db=db)) as test_client:
        yield test_client


def login(client, db, actor):
    with db.reading() as session:
        account = session.get(Account, actor.id)
    return bearer(client, account.username, "omnicourt-demo" if account.kind == "staff" else "correct-horse-9")


def _count(db, model, case_id):
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.case_id == case_id))


def test_the_api_runs_a_deliberation_from_panel_to_record(client, db, bench):
    base = f"/api/v1/cases/{bench.case_id}/deliberation"
    chief, presiding = login(client, db, bench.chief), login(client, db, bench.presiding)
    formed = client.put(f"{base}/panel", headers=chief, json={"presiding_judge_id": bench.presiding.id,
                                                               "member_ids": [m.id for m in bench.members]})
    assert formed.status_code == 200, formed.text
    assert formed.json()["panel"]["rapporteur_id"] == bench.rapporteur.id
    points = client.put(f"{base}/points", headers=presiding,
                        json={"points": [{"label": "借款是否实际交付"}, {"label": "利率是否超过上限", "kind": "law"}]})
    assert points.status_code == 200, points.text
    ids = [p["id"] for p in points.json()["deliberation"]["points"]]
    assert points.json()["deliberation"]["points"][0]["next_speakers"] == [bench.rapporteur.id]
    for point_id in ids:
        for actor in (bench.rapporteur, bench.member, bench.presiding):
            cast = client.post(f"{base}/points/{point_id}/votes", headers=login(client, db, actor),
                               json={"choice": "affirm", "opinion": OPINION})
            assert cast.status_code == 201, cast.text
    seen = cast.json()["deliberation"]
    assert seen["status"] == "decided" and [p["outcome"] for p in seen["points"]] == ["affirm", "affirm"]
    catalogue = client.get(f"/api/v1/cases/{bench.case_id}/catalogue", headers=presiding).json()
    secondary = [e for v in catalogue if v["volume"] == "secondary" for e in v["entries"]]
    assert [e["document"]["id"] for e in secondary] == [seen["record_document_id"]]
    page = client.get(f"/bench/cases/{bench.case_id}/deliberation", headers=presiding)
    assert page.status_code == 200 and "评议笔录（PDF，副卷）" in page.text


def test_the_deliberation_record_is_hidden_from_parties_on_every_route(client, db, settings, bench):
    form(db, bench)
    [point] = put_points(db, bench, "fact")
    vote_all(db, settings, bench, point, ("affirm", "negate", "affirm"))
    with db.reading() as session:
        record_id = session.scalar(select(Deliberation.record_document_id)
                                   .where(Deliberation.case_id == bench.case_id))
    case_id = bench.case_id
    for party in (bench.p.plaintiff, bench.p.defendant, bench.p.stranger):
        heads = login(client, db, party)
        for path in (f"/api/v1/documents/{record_id}/content", f"/api/v1/documents/{record_id}/text",
                     f"/documents/{record_id}", f"/documents/{record_id}/download", f"/documents/{record_id}/view",
                     f"/documents/{record_id}/text", f"/documents/{record_id}/pages",
                     f"/documents/{record_id}/pages/1.png", f"/api/v1/cases/{case_id}/deliberation",
                     f"/api/v1/cases/{case_id}/deliberation/proposals"):
            response = client.get(path, headers=heads, follow_redirects=False)
            assert response.status_code == 404, (path, response.status_code)
        assert client.post(f"/api/v1/cases/{case_id}/deliberation/points/{point}/votes", headers=heads,
                           json={"choice": "affirm", "opinion": OPINION}).status_code == 404
        assert client.get(f"/bench/cases/{case_id}/deliberation", headers=heads).status_code == 403
    heads = login(client, db, bench.p.plaintiff)
    catalogue = client.get(f"/api/v1/cases/{case_id}/catalogue", headers=heads).json()
    assert [v["volume"] for v in catalogue] == ["main"]
    assert record_id not in {e["document"]["id"] for v in catalogue for e in v["entries"]}
    timeline = client.get(f"/api/v1/cases/{case_id}/timeline", headers=heads).json()
    summaries = [e["summary"] for e in (timeline if isinstance(timeline, list) else timeline["events"])]
    assert "合议庭已对本案进行评议" in summaries
    assert not any("评议笔录" in s or "表决" in s or "少数意见" in s or "焦点" in s for s in summaries)
    assert "评议笔录" not in client.get(f"/portal/cases/{case_id}", headers=heads).text
    with db.reading() as session:
        plaintiff_row = session.scalar(select(CaseParty.id).where(CaseParty.case_id == case_id,
                                                                  CaseParty.role == "plaintiff"))
    delivered = client.post(f"/api/v1/cases/{case_id}/deliveries", headers=login(client, db, bench.rapporteur),
                            json={"document_id": record_id, "party_ids": [plaintiff_row], "document_class": "notice"})
    assert 400 <= delivered.status_code < 500, delivered.text


def test_staff_outside_the_case_get_403_and_members_alone_vote(client, db, settings, bench):
    form(db, bench)
    [point] = put_points(db, bench, "fact")
    base = f"/api/v1/cases/{bench.case_id}/deliberation"
    assert client.get(base, headers=login(client, db, bench.outsider)).status_code == 403
    assert client.post(f"{base}/points/{point}/votes", headers=login(client, db, bench.chief),
                       json={"choice": "affirm", "opinion": OPINION}).status_code == 403
    assert client.put(f"{base}/points", headers=login(client, db, bench.member),
                      json={"points": [{"label": "焦点"}]}).status_code == 403


@pytest.mark.parametrize(("route", "body"), [
    ("panel", {"presiding_judge_id": 1, "member_ids": [1, 2]}),
    ("panel", {"presiding_judge_id": 1, "member_ids": [1, 2, 99999999999]}),
    ("panel", {"presiding_judge_id": 1, "member_ids": list(range(1, 12))}),
    ("points", {"points": []}),
    ("points", {"points": [{"label": "x" * 201}]}),
    ("points", {"points": [{"label": "焦点", "kind": "opinion"}]}),
    ("points", {"points": [{"label": "焦点\u202e"}]}),
    ("vote", {"choice": "maybe", "opinion": OPINION}),
    ("vote", {"choice": "affirm", "opinion": "同意"}),
    ("vote", {"choice": "affirm", "opinion": "x" * 4001}),
])
def test_bad_input_is_refused_and_writes_nothing(client, db, bench, route, body):
    base = f"/api/v1/cases/{bench.case_id}/deliberation"
    if route != "panel":
        form(db, bench)
    point = put_points(db, bench, "fact")[0] if route == "vote" else None
    before = (_count(db, Panel, bench.case_id), _count(db, DeliberationPoint, bench.case_id),
              _count(db, DeliberationVote, bench.case_id))
    if route == "panel":
        response = client.put(f"{base}/panel", headers=login(client, db, bench.chief), json=body)
    elif route == "points":
        response = client.put(f"{base}/points", headers=login(client, db, bench.presiding), json=body)
    else:
        response = client.post(f"{base}/points/{point}/votes", headers=login(client, db, bench.rapporteur),
                               json=body)
    assert response.status_code == 422, response.text
    assert (_count(db, Panel, bench.case_id), _count(db, DeliberationPoint, bench.case_id),
            _count(db, DeliberationVote, bench.case_id)) == before
