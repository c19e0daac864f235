"""The API and the judge's page: generate, read, download .docx and PDF; a party gets 404 everywhere, bad input a
4xx in Chinese with nothing written. After drafting: the judge edits through the API and the page, the division chief
signs off on the page, the judge signs; the plaintiff downloads the signed PDF, which verifies, and reads the
effective date; the pages never show a party the draft, the sign-off or its reason."""

import io

import pytest
from docx import Document
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy import select

from omnicourt.app import create_app
from omnicourt.cases.models import Case
from omnicourt.security import service as security
from omnicourt.security.models import Account
from tests.evidence.test_routes import login
from tests.judgments.test_service import counts
from tests.judgments.test_workflow import GAP


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


def chief_of(db, case_id):
    with db.reading() as session:
        case = session.get(Case, case_id)
        account = session.scalars(select(Account).where(Account.role == "division_chief",
                                                        Account.division_id == case.division_id)).first()
        return security.actor_for(session, account)


def test_edit_sign_off_sign_and_the_party_downloads_the_signed_pdf(client, db, parties, heads):
    base = f"/api/v1/cases/{parties.case_id}/judgment-documents"
    page = f"/bench/cases/{parties.case_id}/judgment-documents"
    body = client.post(base, headers=heads["judge"], json={"kind": "judgment",
                                                           "awards": [{"claim": 1, "amount": "1000.00"}]}).json()
    document = f"{base}/{body['id']}"
    for section in body["sections"]:
        if any(GAP.search(p) for p in section["paragraphs"]):
            text = "\n".join(GAP.sub("经审理查明", p) for p in section["paragraphs"])
            edited = client.put(f"{document}/sections/{section['key']}", headers=heads["judge"], json={"text": text})
            assert edited.status_code == 200, edited.text
    # the page's form per section
    shown = client.get(f"{page}/{body['id']}", headers=heads["judge"])
    assert shown.status_code == 200 and "修改「本院认为」" in shown.text and "提交庭长签发" in shown.text
    posted = client.post(f"{page}/{body['id']}/sections/reasoning", headers=heads["judge"],
                         data={"text": "本院认为，借款事实清楚。"}, follow_redirects=False)
    assert posted.status_code == 303, posted.text
    empty = client.post(f"{page}/{body['id']}/sections/operative", headers=heads["judge"], data={"text": ""})
    assert empty.status_code == 422 and "不能为空" in empty.text
    assert client.post(f"{document}/signing", headers=heads["judge"]).status_code == 409  # not signed off yet
    assert client.post(f"{document}/signoff", headers=heads["judge"]).json()["status"] == "pending_signoff"
    chief = login(client, db, chief_of(db, parties.case_id), "omnicourt-demo")
    queue = client.get("/bench/judgment-signoffs", headers=chief)
    assert f"{page}/{body['id']}" in queue.text
    returned = client.post(f"{page}/{body['id']}/signoff-decision", headers=chief,
                           data={"decision": "return", "reason": "请核对利息起算日（内部）"}, follow_redirects=False)
    assert returned.status_code == 303
    assert client.post(f"{document}/signoff", headers=heads["judge"]).status_code == 200
    approved = client.post(f"{document}/signoff-decision", headers=chief, json={"approve": True})
    assert approved.json()["status"] == "approved"
    signed = client.post(f"{document}/signing", headers=heads["judge"])
    assert signed.status_code == 200, signed.text
    code, filed = signed.json()["verification_code"], signed.json()["dossier_document_id"]
    # the plaintiff: the signed PDF, which verifies on the public page; never the draft nor the reason
    pdf = client.get(f"/documents/{filed}/download", headers=heads["plaintiff"])
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert "民事判决书" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).replace(" ", "")
    verified = client.post("/api/v1/verify", files={"file": ("判决书.pdf", pdf.content)},
                           data={"code": code})
    assert verified.status_code == 200 and verified.json()["state"] == "valid", verified.text
    case_page = client.get(f"/portal/cases/{parties.case_id}", headers=heads["plaintiff"])
    assert "裁判文书与生效" in case_page.text and "尚未生效" in case_page.text
    assert "内部" not in case_page.text and "签发" not in case_page.text
    appeal_page = client.get(f"/portal/cases/{parties.case_id}/appeal", headers=heads["plaintiff"])
    assert appeal_page.status_code == 200 and "在线提起上诉" in appeal_page.text
    assert client.get(document, headers=heads["plaintiff"]).status_code == 404
    effects = client.get(f"/api/v1/cases/{parties.case_id}/judgment-effects", headers=heads["plaintiff"]).json()
    assert effects[0]["appealable"] and effects[0]["effective_on"] is None
    # delivered to no one yet: the appeal waits for delivery, and the signed document cannot change
    early = client.post(f"/api/v1/cases/{parties.case_id}/appeals", headers=heads["plaintiff"], json={
        "document_id": body["id"], "party_id": 1, "requests": "改判", "grounds": "理由"})
    assert early.status_code in (409, 422)
    changed = client.put(f"{document}/sections/facts", headers=heads["judge"], json={"text": "改写"})
    assert changed.status_code == 409 and "补正裁定" in changed.json()["detail"]
    delivered = client.post(f"{document}/delivery", headers=heads["judge"])
    assert delivered.status_code == 200 and len(delivered.json()["on_paper"]) == 2  # neither party consented


def test_bad_input_after_drafting_is_refused_with_nothing_written(client, db, parties, heads):
    base = f"/api/v1/cases/{parties.case_id}/judgment-documents"
    document = f"{base}/{client.post(base, headers=heads['judge'], json={'kind': 'decision'}).json()['id']}"
    before = counts(db, parties.case_id)
    assert client.put(f"{document}/sections/facts", headers=heads["judge"], json={"text": "x" * 20001}
                      ).status_code == 422
    control = client.put(f"{document}/sections/title", headers=heads["judge"], json={"text": "标题\u202e"})
    assert control.status_code == 422 and "标题" in control.json()["detail"]
    assert client.put(f"{document}/sections/nosuch", headers=heads["judge"], json={"text": "x"}).status_code == 404
    assert client.put(f"{document}/sections/Bad-Key", headers=heads["judge"], json={"text": "x"}).status_code == 422
    not_docx = client.post(f"{document}/docx", headers=heads["judge"], files={"file": ("改稿.pdf", b"%PDF-1.4")})
    assert not_docx.status_code == 422 and "格式" in not_docx.json()["detail"]
    broken = client.post(f"{document}/docx", headers=heads["judge"], files={"file": ("改稿.docx", b"PK\x03\x04")})
    assert broken.status_code == 422
    no_reason = client.post(f"{document}/signoff-decision", headers=heads["judge"], json={"approve": False})
    assert no_reason.status_code in (403, 409)
    assert client.post(f"{document}/delivery", headers=heads["judge"]).status_code == 409  # not signed
    assert counts(db, parties.case_id) == before
