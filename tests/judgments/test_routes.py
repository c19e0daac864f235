"""The API and the judge's page: generate, read, download .docx and PDF; a party gets 404 everywhere, bad input a
4xx in Chinese with nothing written."""

import io

import pytest
from docx import Document
from fastapi.testclient import TestClient
from pypdf import PdfReader

from omnicourt.app import create_app
from tests.evidence.test_routes import login
from tests.judgments.test_service import counts


@pytest.fixture
def client(db, settings):
    with TestClient(create_app(settings=settings, db=db)) as test_client:
        yield test_client


@pytest.fixture
def heads(client, db, parties):
    return {"plaintiff": login(client, db, parties.plaintiff), "defendant": login(client, db, parties.defendant),
            "judge": login(client, db, parties.judge, "omnicourt-demo")}


def test_the_api_generates_reads_and_downloads(client, parties, heads):
    base = f"/api/v1/cases/{parties.case_id}/judgment-documents"
    created = client.post(base, headers=heads["judge"], json={"kind": "judgment",
                                                              "awards": [{"claim": 1, "amount": "1000.00"}]})
    assert created.status_code == 201, created.text
    body = created.json()
    assert [s["key"] for s in body["sections"]][:3] == ["title", "parties", "history"]
    assert body["status"] == "draft" and body["version"] == 1
    assert [d["id"] for d in client.get(base, headers=heads["judge"]).json()] == [body["id"]]
    assert client.get(f"{base}/{body['id']}", headers=heads["judge"]).json()["sections"] == body["sections"]
    docx = client.get(f"{base}/{body['id']}/docx", headers=heads["judge"])
    assert docx.status_code == 200 and docx.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "no-store" in docx.headers["cache-control"]
    assert body["sections"][0]["paragraphs"][2] in [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    pdf = client.get(f"{base}/{body['id']}/pdf", headers=heads["judge"])
    assert pdf.headers["content-type"] == "application/pdf"
    assert "判决书" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).replace(" ", "")
    assert client.get(f"{base}/{body['id']}/odt", headers=heads["judge"]).status_code == 422


def test_a_party_gets_404_for_every_document_route(client, parties, heads):
    base = f"/api/v1/cases/{parties.case_id}/judgment-documents"
    document_id = client.post(base, headers=heads["judge"], json={"kind": "decision"}).json()["id"]
    for party in ("plaintiff", "defendant"):
        for path in (base, f"{base}/{document_id}", f"{base}/{document_id}/pdf", f"{base}/{document_id}/docx"):
            assert client.get(path, headers=heads[party]).status_code == 404, path
        assert client.post(base, headers=heads[party], json={"kind": "judgment"}).status_code == 404
        page = client.get(f"/bench/cases/{parties.case_id}/judgment-documents/{document_id}", headers=heads[party])
        assert page.status_code == 404


def test_bad_input_is_refused_in_chinese_with_nothing_written(client, db, parties, heads):
    base = f"/api/v1/cases/{parties.case_id}/judgment-documents"
    before = counts(db, parties.case_id)
    unknown = client.post(base, headers=heads["judge"], json={"kind": "verdict"})
    assert unknown.status_code == 422 and "未知的文书种类" in unknown.json()["detail"]
    too_much = client.post(base, headers=heads["judge"], json={"kind": "judgment",
                                                               "awards": [{"claim": 1, "amount": "300000.01"}]})
    assert too_much.status_code == 422 and "超过诉讼请求金额" in too_much.json()["detail"]
    assert client.post(base, headers=heads["judge"], json={"kind": "x" * 100}).status_code == 422
    assert client.post(base, headers=heads["judge"], json={"kind": "judgment", "awards": [
        {"claim": 1, "amount": "-1"}]}).status_code == 422
    assert client.get(f"{base}/999999999", headers=heads["judge"]).status_code == 404
    assert counts(db, parties.case_id) == before


def test_the_judge_generates_from_the_page(client, parties, heads):
    page = f"/bench/cases/{parties.case_id}/judgment-documents"
    shown = client.get(page, headers=heads["judge"])
    assert shown.status_code == 200 and "生成草稿" in shown.text and "判令被告偿还借款本金" in shown.text
    token = client.get("/api/v1/auth/me", headers=heads["judge"]).json().get("csrf_token")
    data = {"kind": "ruling", "ruling_kind": "withdrawal", "award_1": ""} | ({"csrf_token": token} if token else {})
    posted = client.post(page, headers=heads["judge"], data=data, follow_redirects=False)
    assert posted.status_code == 303, posted.text
    document = client.get(posted.headers["location"], headers=heads["judge"])
    assert "准许原告" in document.text and "下载 PDF" in document.text
    refused = client.post(page, headers=heads["judge"], data={"kind": "judgment", "award_1": "abc"})
    assert refused.status_code == 422 and "金额格式不正确" in refused.text
