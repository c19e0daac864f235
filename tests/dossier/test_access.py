"""Opening and adding documents through the API, on every backend: the people of the case open them (PDF and images
inline, nosniff), anyone else gets a 404; a party adds documents to its own case, a bad file stores nothing."""

import json

from sqlalchemy import func, select

from omnicourt.audit.models import AuditRecord
from omnicourt.dossier import service as dossier
from omnicourt.security.models import Account
from tests.app.conftest import bearer, username_of
from tests.app.test_api_flow import register
from tests.dossier import samples
from tests.factories import PDF_BYTES, filing, id_number


def file_with(client, party, id_no, files):
    data = json.loads(filing(plaintiff_id=id_no).model_dump_json())
    response = client.post("/api/v1/filings/multipart", headers=party, files=files,
                           data={"filing": json.dumps(data, ensure_ascii=False)})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def documents_of_filing(db, application_id):
    with db.reading() as session:
        return dossier.for_filing(session, application_id)


def judge_elsewhere(db, court_id) -> str:
    with db.reading() as session:
        return session.scalar(select(Account.username).where(Account.role == "judge", Account.court_id != court_id)
                              .order_by(Account.id).limit(1))


def test_the_people_of_a_case_open_its_documents_and_no_one_else(client, db):
    id_no = id_number()
    party = register(client, f"doc-party-{id_no[-6:]}", id_no)
    png = samples.image("PNG")
    application_id = file_with(client, party, id_no, [("attachments", ("借条.pdf", PDF_BYTES, "application/pdf")),
                                                      ("attachments", ("转账.png", png, "image/png"))])
    pdf, image = documents_of_filing(db, application_id)
    opened = client.get(f"/api/v1/documents/{pdf.id}/content", headers=party)
    assert opened.status_code == 200 and opened.content == PDF_BYTES
    assert opened.headers["content-type"] == "application/pdf"
    assert opened.headers["content-disposition"].startswith("inline;") and "%E5%80%9F%E6%9D%A1.pdf" in \
        opened.headers["content-disposition"]
    assert opened.headers["x-content-type-options"] == "nosniff"
    shown = client.get(f"/api/v1/documents/{image.id}/content", headers=party)
    assert shown.headers["content-type"] == "image/png" and shown.content == png
    download = client.get(f"/api/v1/documents/{pdf.id}/content?download=true", headers=party)
    assert download.headers["content-disposition"].startswith("attachment;")

    applications_page = client.get("/portal/filings", headers=party).text
    assert f"/documents/{pdf.id}/view" in applications_page and f"/documents/{image.id}/download" in applications_page
    officer = bearer(client, "demo-filing-officer")
    assert client.get(f"/api/v1/documents/{pdf.id}/content", headers=officer).status_code == 200
    assert f"/documents/{pdf.id}/view" in client.get(f"/bench/filings/{application_id}", headers=officer).text
    other_id = id_number()
    stranger = register(client, f"doc-stranger-{other_id[-6:]}", other_id)
    for document_id in (pdf.id, image.id, 10**12):
        refused = client.get(f"/api/v1/documents/{document_id}/content", headers=stranger)
        assert refused.status_code == 404 and "材料不存在" in refused.json()["detail"]

    case = client.post(f"/api/v1/filings/{application_id}/acceptance", headers=officer).json()
    judge = bearer(client, username_of(db, case["judge_id"]))
    assert client.get(f"/api/v1/documents/{pdf.id}/content", headers=judge).content == PDF_BYTES
    outsider = bearer(client, judge_elsewhere(db, case["court_id"]))
    assert client.get(f"/api/v1/documents/{pdf.id}/content", headers=outsider).status_code == 404
    assert client.get(f"/api/v1/documents/{pdf.id}/content", headers=stranger).status_code == 404


def test_a_party_adds_documents_to_its_case_and_a_bad_file_stores_none(client, db, settings):
    id_no = id_number()
    party = register(client, f"add-party-{id_no[-6:]}", id_no)
    application_id = file_with(client, party, id_no, [])
    officer = bearer(client, "demo-filing-officer")
    case = client.post(f"/api/v1/filings/{application_id}/acceptance", headers=officer).json()
    stored_before = sorted(p.name for p in settings.storage_dir.rglob("*") if p.is_file())

    refused = client.post(f"/api/v1/cases/{case['id']}/documents", headers=party, files=[
        ("files", ("借款合同.docx", samples.python_docx_file("借款合同\n借款人：张三"), "application/octet-stream")),
        ("files", ("还款明细.pdf", samples.encrypted_pdf(), "application/pdf"))])
    assert refused.status_code == 422 and "还款明细.pdf" in refused.json()["detail"]
    assert sorted(p.name for p in settings.storage_dir.rglob("*") if p.is_file()) == stored_before

    contract = samples.python_docx_file("借款合同\n借款人：张三")
    added = client.post(f"/api/v1/cases/{case['id']}/documents", headers=party, files=[
        ("files", ("借款合同.docx", contract, "application/octet-stream"))])
    assert added.status_code == 201, added.text
    [document] = added.json()
    assert document["content_type"] == samples.DOCX
    download = client.get(f"/api/v1/documents/{document['id']}/content", headers=party)
    assert download.content == contract and download.headers["content-disposition"].startswith("attachment;")
    assert f"/documents/{document['id']}/view" in client.get(f"/portal/cases/{case['id']}", headers=party).text
    timeline = client.get(f"/api/v1/cases/{case['id']}/timeline", headers=party).json()
    assert any(e["kind"] == "party_documents_added" and "借款合同.docx" in e["summary"] for e in timeline)

    other_id = id_number()
    stranger = register(client, f"add-stranger-{other_id[-6:]}", other_id)
    denied = client.post(f"/api/v1/cases/{case['id']}/documents", headers=stranger,
                         files=[("files", ("x.pdf", PDF_BYTES, "application/pdf"))])
    assert denied.status_code in (403, 404)


def test_a_document_may_be_framed_by_this_site_only_and_probing_ids_is_audited(client, db):
    """The view page embeds the PDF (<object>): the file lets its own origin frame it; pages let no one."""
    id_no = id_number()
    party = register(client, f"doc-frame-{id_no[-6:]}", id_no)
    [pdf] = documents_of_filing(db, file_with(client, party, id_no, [("attachments", ("借条.pdf", PDF_BYTES,
                                                                                       "application/pdf"))]))
    opened = client.get(f"/documents/{pdf.id}", headers=party)
    assert opened.headers["x-frame-options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in opened.headers["content-security-policy"]
    page = client.get(f"/documents/{pdf.id}/view", headers=party)
    assert page.headers["x-frame-options"] == "DENY" and "frame-ancestors 'none'" in page.headers[
        "content-security-policy"] and "object-src 'self'" in page.headers["content-security-policy"]
    assert 'class="document-preview-pdf"' in page.text and "style=" not in page.text.split("<body", 1)[1]

    with db.reading() as session:
        before = session.scalar(select(func.count()).select_from(AuditRecord)
                                .where(AuditRecord.action == "access.denied"))
    other_id = id_number()
    stranger = register(client, f"doc-probe-{other_id[-6:]}", other_id)
    assert client.get(f"/documents/{pdf.id}", headers=stranger).status_code == 404
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditRecord)
                              .where(AuditRecord.action == "access.denied")) == before + 1
