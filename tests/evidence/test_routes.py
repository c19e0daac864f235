"""The API and the pages of the exchange: who may do what, bad input refused with nothing written, the case page's
summary, drafts never shown to the other side."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from omnicourt.dossier.models import Document
from omnicourt.evidence.models import CrossExaminationOpinion, EvidenceList
from tests.app.conftest import bearer, username_of
from tests.conftest import TODAY
from tests.evidence.conftest import PERIOD_END, set_period
from tests.factories import PDF_BYTES

PARTY_PASSWORD = "correct-horse-9"


def login(client, db, actor, password: str = PARTY_PASSWORD) -> dict[str, str]:
    return bearer(client, username_of(db, actor.id), password)


@pytest.fixture
def heads(client, db, parties):
    return {"plaintiff": login(client, db, parties.plaintiff), "defendant": login(client, db, parties.defendant),
            "stranger": login(client, db, parties.stranger),
            "judge": login(client, db, parties.judge, "omnicourt-demo")}


def _counts(db, case_id):
    with db.reading() as session:
        return tuple(session.scalar(select(func.count()).select_from(m).where(m.case_id == case_id))
                     for m in (EvidenceList, Document, CrossExaminationOpinion))


def api_submit(client, parties, headers, items=None, files=None):
    items = items if items is not None else [{"name": "借条", "source": "原告保存", "purpose": "证明借款事实",
                                              "files": ["借条.pdf"]}]
    files = files if files is not None else [("files", ("借条.pdf", PDF_BYTES, "application/pdf"))]
    return client.post(f"/api/v1/cases/{parties.case_id}/evidence/lists", headers=headers,
                       data={"items": json.dumps(items, ensure_ascii=False)}, files=files)


def test_the_api_runs_the_exchange_from_period_to_finding(client, db, parties, heads):
    base = f"/api/v1/cases/{parties.case_id}/evidence"
    period = client.put(f"{base}/period", headers=heads["judge"],
                        json={"served_on": TODAY.isoformat(), "ends_on": PERIOD_END.isoformat()})
    assert period.status_code == 200, period.text
    limit = client.put(f"{base}/cross-examination-limit", headers=heads["judge"],
                       json={"due_on": (TODAY + timedelta(days=5)).isoformat()})
    assert limit.json()["cross_examination_due_on"] == (TODAY + timedelta(days=5)).isoformat()
    submitted = api_submit(client, parties, heads["plaintiff"])
    assert submitted.status_code == 201, submitted.text
    item_id = submitted.json()["items"][0]["id"]
    early = client.put(f"{base}/items/{item_id}/opinion", headers=heads["defendant"],
                       json={"authenticity": "disputed", "legality": "recognised", "relevance": "recognised"})
    assert early.status_code == 409 and "尚未同意在线异步质证" in early.json()["detail"]
    for side in ("plaintiff", "defendant"):
        consent = client.put(f"{base}/online-consent", headers=heads[side], json={"consented": True})
        assert consent.status_code == 200 and consent.json()["party_ids"], consent.text
    opinion = client.put(f"{base}/items/{item_id}/opinion", headers=heads["defendant"],
                         json={"authenticity": "disputed", "legality": "recognised", "relevance": "recognised",
                               "reasons": "签名不是被告所签"})
    assert opinion.status_code == 200, opinion.text
    refused = client.put(f"{base}/items/{item_id}/finding", headers=heads["plaintiff"], json={"finding": "admitted"})
    assert refused.status_code == 403
    found = client.put(f"{base}/items/{item_id}/finding", headers=heads["judge"],
                       json={"finding": "admitted", "public_reason": "经比对签名一致", "internal_reason": "不宜公开"})
    assert found.status_code == 200 and found.json()["internal_reason"] == "不宜公开"
    seen = client.get(base, headers=heads["defendant"]).json()
    item = seen["lists"][0]["items"][0]
    assert (item["finding"], item["finding_reason"], item["internal_reason"]) == ("admitted", "经比对签名一致", None)
    assert seen["side"] == "defendant" and item["opinions"][0]["reasons"] == "签名不是被告所签"
    record = client.post(f"{base}/record", headers=heads["judge"])
    assert record.status_code == 201
    catalogue = client.get(f"/api/v1/cases/{parties.case_id}/catalogue", headers=heads["defendant"]).json()
    labels = [(e["kind_label"], e["document"]["filename"]) for e in catalogue[0]["entries"]]
    assert labels[-3:] == [("证据", "证据清单-原告第1组.pdf"), ("证据", "借条.pdf"),
                           ("质证记录", f"质证记录-{TODAY.isoformat()}.pdf")]


def test_a_stranger_gets_404_and_a_party_403_for_the_bench_pages(client, db, parties, heads):
    set_period(db, parties)
    item_id = api_submit(client, parties, heads["plaintiff"]).json()["items"][0]["id"]
    base = f"/api/v1/cases/{parties.case_id}/evidence"
    assert client.get(base, headers=heads["stranger"]).status_code == 404
    assert client.put(f"{base}/items/{item_id}/opinion", headers=heads["stranger"],
                      json={"authenticity": "disputed", "legality": "recognised", "relevance": "recognised",
                            "reasons": "x"}).status_code == 404
    assert client.get(f"/portal/cases/{parties.case_id}/evidence", headers=heads["stranger"]).status_code == 404
    assert client.get(f"/bench/cases/{parties.case_id}/evidence", headers=heads["plaintiff"]).status_code == 403
    assert client.post(f"/bench/cases/{parties.case_id}/evidence/items/{item_id}/finding", headers=heads["plaintiff"],
                       data={"finding": "admitted"}).status_code == 403
    assert client.put(f"{base}/period", headers=heads["defendant"], json={
        "served_on": TODAY.isoformat(), "ends_on": PERIOD_END.isoformat()}).status_code == 403


def test_an_item_of_another_case_is_not_found(client, db, settings, parties, heads):
    from tests.evidence.conftest import open_case

    other = open_case(db, settings)
    set_period(db, other)
    other_plaintiff = login(client, db, other.plaintiff)
    other_item = client.post(f"/api/v1/cases/{other.case_id}/evidence/lists", headers=other_plaintiff,
                             data={"items": json.dumps([{"name": "借条", "purpose": "证明", "files": []}])})
    assert other_item.status_code == 201, other_item.text
    set_period(db, parties)
    response = client.put(f"/api/v1/cases/{parties.case_id}/evidence/items/{other_item.json()['items'][0]['id']}"
                          "/opinion", headers=heads["defendant"],
                          json={"authenticity": "recognised", "legality": "recognised", "relevance": "recognised"})
    assert response.status_code == 404


@pytest.mark.parametrize(("items", "files", "status"), [
    ([], [], 422),
    ([{"name": "借条", "purpose": "证明", "files": []}] * 51, [], 422),
    ([{"name": "借" * 101, "purpose": "证明", "files": []}], [], 422),
    ([{"name": "借条", "purpose": "证" * 501, "files": []}], [], 422),
    ([{"name": "借条", "purpose": "证明", "files": ["别的.pdf"]}], [], 422),
    ([{"name": "借条", "purpose": "证明", "files": []}], [("files", ("借条.pdf", PDF_BYTES, "application/pdf"))], 422),
    ([{"name": "借条", "purpose": "证明", "files": ["借条.pdf"]}],
     [("files", ("借条.pdf", b"not a pdf", "application/pdf"))], 422),
])
def test_bad_lists_are_refused_writing_nothing(client, db, parties, heads, items, files, status):
    before = _counts(db, parties.case_id)
    response = api_submit(client, parties, heads["plaintiff"], items, files)
    assert response.status_code == status, response.text
    assert response.json()["detail"]
    assert _counts(db, parties.case_id) == before


def test_an_oversize_opinion_is_refused(client, db, parties, heads):
    set_period(db, parties)
    item_id = api_submit(client, parties, heads["plaintiff"]).json()["items"][0]["id"]
    before = _counts(db, parties.case_id)
    response = client.put(f"/api/v1/cases/{parties.case_id}/evidence/items/{item_id}/opinion",
                          headers=heads["defendant"], json={"authenticity": "disputed", "legality": "recognised",
                                                            "relevance": "recognised", "reasons": "理" * 2001})
    assert response.status_code == 422 and "2000" in response.json()["detail"]
    assert _counts(db, parties.case_id) == before


def test_the_party_page_saves_a_draft_the_other_side_never_sees(client, db, parties, heads):
    set_period(db, parties)
    page = f"/portal/cases/{parties.case_id}/evidence"
    saved = client.post(page, headers=heads["defendant"], follow_redirects=False,
                        data={"item_name": "还款凭证（草稿）", "item_source": "被告", "item_purpose": "证明已还款",
                              "action": "draft"})
    assert saved.status_code == 303 and saved.headers["location"].endswith("?done=draft")
    assert "还款凭证（草稿）" in client.get(page, headers=heads["defendant"]).text
    assert "还款凭证（草稿）" not in client.get(page, headers=heads["plaintiff"]).text
    assert "还款凭证（草稿）" not in client.get(f"/bench/cases/{parties.case_id}/evidence", headers=heads["judge"]).text
    assert client.get(f"/api/v1/cases/{parties.case_id}/evidence/draft", headers=heads["plaintiff"]).json() is None


def test_the_party_page_submits_rows_with_files_and_the_case_page_shows_the_period(client, db, parties, heads):
    set_period(db, parties)
    page = f"/portal/cases/{parties.case_id}/evidence"
    sent = client.post(page, headers=heads["plaintiff"], follow_redirects=False,
                       data={"item_name": ["借条", "聊天记录"], "item_source": ["原告", "微信"],
                             "item_purpose": ["证明借款", "证明催收"], "action": "submit"},
                       files=[("item_file", ("借条.pdf", PDF_BYTES, "application/pdf")),
                              ("item_file", ("", b"", "application/octet-stream"))])
    assert sent.status_code == 303, sent.text
    shown = client.get(page, headers=heads["defendant"]).text
    assert "原告第1组证据" in shown and "聊天记录" in shown and 'data-testid="opinion-form"' in shown
    listed = client.get(f"/api/v1/cases/{parties.case_id}/evidence", headers=heads["defendant"]).json()["lists"]
    assert [len(i["document_ids"]) for i in listed[0]["items"]] == [1, 0]  # the file of the first row, none after
    summary = client.get(f"/portal/cases/{parties.case_id}/evidence/summary", headers=heads["defendant"]).text
    assert f"{PERIOD_END.year}年{PERIOD_END.month}月{PERIOD_END.day}日" in summary
    assert 'hx-get="/portal/cases/' in client.get(f"/portal/cases/{parties.case_id}", headers=heads["plaintiff"]).text


def test_the_bench_page_sets_the_period_and_refuses_a_short_one(client, db, parties, heads):
    page = f"/bench/cases/{parties.case_id}/evidence"
    short = client.post(f"{page}/period", headers=heads["judge"] | {"HX-Request": "true"},
                        data={"served_on": TODAY.isoformat(), "ends_on": (TODAY + timedelta(days=3)).isoformat()})
    assert short.status_code == 422 and "不得少于15日" in short.text
    done = client.post(f"{page}/period", headers=heads["judge"], follow_redirects=False,
                       data={"served_on": TODAY.isoformat(), "ends_on": PERIOD_END.isoformat()})
    assert done.status_code == 303
    assert "举证期限已指定" in client.get(done.headers["location"], headers=heads["judge"]).text
