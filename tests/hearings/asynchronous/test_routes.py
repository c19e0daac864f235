"""The API and the pages of the asynchronous trial: who may do what (a party of another case: 404), bad input
refused with nothing written, the judge's note and other parties' answers kept from a party while they must be."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from omnicourt import clock
from omnicourt.hearings.asynchronous.models import AsyncTrial, AsyncTrialAnswer, AsyncTrialStage
from tests.app.conftest import bearer, username_of
from tests.factories import PDF_BYTES
from tests.hearings.asynchronous.conftest import HARDSHIP, MP4, PASSWORD


def login(client, db, actor, password: str = PASSWORD) -> dict[str, str]:
    return bearer(client, username_of(db, actor.id), password)


@pytest.fixture
def heads(client, db, parties):
    return {"plaintiff": login(client, db, parties.plaintiff), "defendant": login(client, db, parties.defendant),
            "stranger": login(client, db, parties.stranger),
            "judge": login(client, db, parties.judge, "omnicourt-demo")}


def _count(db, model, case_id) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.case_id == case_id))


def _opened(client, parties, heads) -> str:
    base = f"/api/v1/cases/{parties.case_id}/async-trial"
    assert client.post(f"{base}/application", headers=heads["plaintiff"],
                       json={"reason": "被告在外地"}).status_code == 201
    assert client.put(f"{base}/consent", headers=heads["defendant"], json={"consented": True}).status_code == 200
    opened = client.post(f"{base}/opening", headers=heads["judge"], json={"hardship": HARDSHIP})
    assert opened.status_code == 200, opened.text
    return base


def _stage(client, base, heads, *, note="原告陈述可疑") -> int:
    closes_at = (clock.now() + timedelta(days=1)).isoformat()
    stage = client.post(f"{base}/stages", headers=heads["judge"], json={
        "kind": "investigation", "questions": ["借款是否交付？"], "closes_at": closes_at, "internal_note": note})
    assert stage.status_code == 201, stage.text
    return stage.json()["stages"][0]["id"]


def test_the_api_runs_a_trial_and_keeps_what_a_party_may_not_read(client, db, parties, heads):
    base = _opened(client, parties, heads)
    stage_id = _stage(client, base, heads)
    answered = client.post(f"{base}/stages/{stage_id}/answers", headers=heads["plaintiff"], data={"text": "已交付"},
                           files=[("files", ("转账.pdf", PDF_BYTES, "application/pdf")),
                                  ("video", ("陈述.mp4", MP4, "video/mp4"))])
    assert answered.status_code == 201, answered.text
    mine = answered.json()["stages"][0]
    assert mine["answers"][0]["video"]["filename"] == "陈述.mp4" and mine["internal_note"] is None
    seen = client.get(base, headers=heads["defendant"]).json()["stages"][0]
    assert seen["answers"] == [] and seen["others_hidden"] and seen["answered"] == ["原告张三"]
    assert "原告陈述可疑" not in client.get(base, headers=heads["defendant"]).text
    assert "原告陈述可疑" not in client.get(f"/portal/cases/{parties.case_id}/async-trial",
                                       headers=heads["defendant"]).text
    assert "原告陈述可疑" in client.get(f"/bench/cases/{parties.case_id}/async-trial", headers=heads["judge"]).text
    video_id = mine["answers"][0]["video"]["id"]
    assert client.get(f"/cases/{parties.case_id}/async-trial/files/{video_id}",
                      headers=heads["defendant"]).status_code == 404
    assert client.get(f"/cases/{parties.case_id}/async-trial/files/{video_id}",
                      headers=heads["plaintiff"]).content == MP4
    assert client.get(f"/documents/{video_id}/view", headers=heads["plaintiff"]).status_code == 404
    assert client.post(f"{base}/stages/{stage_id}/answers", headers=heads["defendant"],
                       data={"text": "属实"}).status_code == 201
    assert client.post(f"{base}/stages/{stage_id}/closing", headers=heads["judge"]).status_code == 200
    assert client.get(f"/cases/{parties.case_id}/async-trial/files/{video_id}",
                      headers=heads["defendant"]).status_code == 200
    recorded = client.post(f"{base}/record", headers=heads["judge"])
    assert recorded.status_code == 201, recorded.text
    wrong = client.post(f"{base}/record/confirmations", headers=heads["plaintiff"], json={"password": "guess-1234"})
    assert wrong.status_code == 422 and wrong.json()["field"] == "password"
    for side in ("plaintiff", "defendant"):
        confirmed = client.post(f"{base}/record/confirmations", headers=heads[side], json={"password": PASSWORD})
        assert confirmed.status_code == 201, confirmed.text
    final = client.get(base, headers=heads["defendant"]).json()
    assert final["status"] == "confirmed" and set(final["confirmations"]) == {"原告张三", "被告李四"}
    catalogue = client.get(f"/api/v1/cases/{parties.case_id}/catalogue", headers=heads["defendant"]).json()
    assert [e["kind_label"] for e in catalogue[0]["entries"]][-2:] == ["庭审笔录", "庭审笔录"]


def test_a_party_of_another_case_gets_404_and_a_party_403_on_the_bench(client, db, parties, heads):
    base = _opened(client, parties, heads)
    stage_id = _stage(client, base, heads)
    assert client.get(base, headers=heads["stranger"]).status_code == 404
    assert client.get(f"/portal/cases/{parties.case_id}/async-trial", headers=heads["stranger"]).status_code == 404
    assert client.post(f"{base}/stages/{stage_id}/answers", headers=heads["stranger"],
                       data={"text": "x"}).status_code == 404
    assert client.get(f"/bench/cases/{parties.case_id}/async-trial", headers=heads["plaintiff"]).status_code == 403
    assert client.post(f"{base}/stages", headers=heads["plaintiff"], json={
        "kind": "debate", "questions": ["q"], "closes_at": (clock.now() + timedelta(days=1)).isoformat()}
                       ).status_code == 403
    assert client.post(f"{base}/switch", headers=heads["defendant"], json={"reason": "x"}).status_code == 403
    assert client.post(f"{base}/stages/{stage_id}/answers", headers=heads["judge"],
                       data={"text": "x"}).status_code == 403


@pytest.mark.parametrize(("data", "files", "status", "field"), [
    ({}, [], 422, "text"),
    ({"text": "见视频"}, [("video", ("陈述.avi", MP4, "video/x-msvideo"))], 422, "video"),
    ({"text": "见视频"}, [("video", ("陈述.mp4", PDF_BYTES, "video/mp4"))], 422, "video"),
    ({"text": "见附件"}, [("files", ("病毒.exe", b"MZ", "application/octet-stream"))], 422, "files"),
    ({"text": "\u202e反转"}, [], 422, "text"),
])
def test_a_bad_answer_is_refused_and_writes_nothing(client, db, parties, heads, data, files, status, field):
    base = _opened(client, parties, heads)
    stage_id = _stage(client, base, heads)
    refused = client.post(f"{base}/stages/{stage_id}/answers", headers=heads["plaintiff"], data=data, files=files)
    assert refused.status_code == status and refused.json()["field"] == field
    assert _count(db, AsyncTrialAnswer, parties.case_id) == 0


@pytest.mark.parametrize(("body", "field"), [
    ({"kind": "opening_speech", "questions": ["q"]}, "kind"),
    ({"kind": "debate", "questions": []}, "questions"),
    ({"kind": "debate", "questions": ["q"], "closes_in_hours": 0}, "closes_at"),
    ({"kind": "debate", "questions": ["q"], "closes_in_hours": 24 * 31}, "closes_at"),
])
def test_a_bad_stage_is_refused_and_writes_nothing(client, db, parties, heads, body, field):
    base = _opened(client, parties, heads)
    body = dict(body)  # the parameter is shared by both backends' runs
    hours = body.pop("closes_in_hours", 24)
    body["closes_at"] = (clock.now() + timedelta(hours=hours)).isoformat()
    refused = client.post(f"{base}/stages", headers=heads["judge"], json=body)
    assert refused.status_code == 422 and refused.json()["field"] == field, refused.text
    assert _count(db, AsyncTrialStage, parties.case_id) == 0


def test_a_stage_window_without_a_zone_is_refused_on_the_page_and_api(client, db, parties, heads):
    base = _opened(client, parties, heads)
    naive = client.post(f"{base}/stages", headers=heads["judge"], json={
        "kind": "debate", "questions": ["q"], "closes_at": "2030-01-01T18:00:00"})
    assert naive.status_code == 422
    page = client.post(f"/bench/cases/{parties.case_id}/async-trial/stages", headers=heads["judge"],
                       data={"kind": "debate", "questions": "q", "closes_at": "明天"})
    assert page.status_code == 422 and _count(db, AsyncTrialStage, parties.case_id) == 0


def test_the_pages_apply_consent_and_show_the_conditions(client, db, parties, heads):
    page = f"/portal/cases/{parties.case_id}/async-trial"
    assert client.post(f"{page}/application", headers=heads["plaintiff"], data={"reason": "时间难以协调"},
                       follow_redirects=False).status_code == 303
    assert client.post(f"{page}/consent", headers=heads["defendant"], data={"consented": "maybe"}).status_code == 422
    bench = client.get(f"/bench/cases/{parties.case_id}/async-trial", headers=heads["judge"]).text
    assert "被告李四尚未表示是否同意异步审理" in bench and "法官尚未认定" in bench
    assert client.post(f"{page}/consent", headers=heads["defendant"], data={"consented": "yes"},
                       follow_redirects=False).status_code == 303
    assert client.post(f"/bench/cases/{parties.case_id}/async-trial/opening", headers=heads["judge"],
                       data={"hardship": HARDSHIP}, follow_redirects=False).status_code == 303
    with db.reading() as session:
        assert session.scalar(select(AsyncTrial.status).where(AsyncTrial.case_id == parties.case_id)) \
            == "in_progress"
    assert "开启审理阶段" in client.get(f"/bench/cases/{parties.case_id}/async-trial", headers=heads["judge"]).text
