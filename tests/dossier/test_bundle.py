"""The dossier as one PDF, on every backend: built by the job with the catalogue first; the court's staff get both
volumes, a party the main volume only and never another's bundle; one page of a PDF as an image for a phone."""

import io

from pypdf import PdfReader

from omnicourt.casework import bundles
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.service import Checked, Upload
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import NotFound
from tests.app.conftest import bearer, username_of
from tests.dossier.test_access import judge_elsewhere
from tests.factories import PDF_BYTES, PNG_BYTES
from tests.fees.conftest import open_case

SECRET_NOTE = "评议笔录-内部.pdf"


def case_with_both_volumes(db, settings):
    case = open_case(db, settings)
    with db.transaction() as session:
        for name, content, kind, checked in [
                ("起诉状.pdf", PDF_BYTES, DocumentKind.COMPLAINT, Checked("application/pdf", 1)),
                ("转账.png", PNG_BYTES, DocumentKind.EVIDENCE, Checked("image/png", 1)),
                ("答辩状.docx", b"PK docx " + str(case.id).encode(), DocumentKind.DEFENCE,
                 Checked("application/vnd.openxmlformats-officedocument.wordprocessingml.document", None)),
                (SECRET_NOTE, PDF_BYTES, DocumentKind.DELIBERATION_RECORD, Checked("application/pdf", 1))]:
            dossier.store(session, storage_of(settings), upload=Upload(name, content), checked=checked,
                          court_id=case.judge.court_id, uploaded_by=case.judge.id, case_id=case.id, kind=kind)
    return case


def pdf_of(db, settings, actor, bundle_id):
    with db.reading() as session:
        return bundles.content(session, settings, actor=actor, bundle_id=bundle_id)[1]


def built(db, settings, actor, case_id) -> int:
    with db.transaction() as session:
        bundle_id = bundles.request(session, actor=actor, case_id=case_id).id
    bundles.run(db, settings, bundle_id=bundle_id)
    return bundle_id


def text_of(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "".join(page.extract_text() for page in reader.pages)


def test_the_judge_gets_both_volumes_a_party_the_main_volume_only(db, settings):
    case = case_with_both_volumes(db, settings)
    judge_bundle = built(db, settings, case.judge, case.id)
    pages, text = text_of(pdf_of(db, settings, case.judge, judge_bundle))
    assert pages == 1 + 4 and "卷宗目录" in text and "副卷" in text and SECRET_NOTE in text and "答辩状.docx" in text
    party_bundle = built(db, settings, case.party, case.id)
    pages, text = text_of(pdf_of(db, settings, case.party, party_bundle))
    assert pages == 1 + 3 and "正卷" in text and "副卷" not in text and SECRET_NOTE not in text
    with db.reading() as session:
        assert bundles.status(session, actor=case.party, bundle_id=party_bundle).volumes == ("main",)
        for bundle_id in (judge_bundle, 10**12):  # the judge's bundle holds the secondary volume: not the party's
            try:
                bundles.status(session, actor=case.party, bundle_id=bundle_id)
                raise AssertionError("a party read a bundle not its own")
            except NotFound:
                pass


def test_the_pages_request_follow_and_download_a_bundle(client, db, settings):
    case = case_with_both_volumes(db, settings)
    judge = bearer(client, username_of(db, case.judge.id))
    party = bearer(client, username_of(db, case.party.id), "correct-horse-9")
    assert f'action="/cases/{case.id}/bundle"' in client.get(f"/bench/cases/{case.id}", headers=judge).text
    asked = client.post(f"/cases/{case.id}/bundle", headers=party, follow_redirects=False)
    assert asked.status_code == 303
    status_url = asked.headers["location"]
    waiting = client.get(status_url, headers=party)
    assert 'data-state="waiting"' in waiting.text and "hx-get" in waiting.text
    client.app.state.queue.drain()
    done = client.get(status_url, headers=party)
    assert 'data-state="done"' in done.text and "正卷" in done.text
    pdf = client.get(f"{status_url}/pdf", headers=party)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert SECRET_NOTE not in text_of(pdf.content)[1]
    assert client.get(status_url, headers=judge).status_code == 404  # not the judge's own bundle
    elsewhere = bearer(client, judge_elsewhere(db, case.judge.court_id))
    assert client.post(f"/cases/{case.id}/bundle", headers=elsewhere, follow_redirects=False).status_code == 403


def test_a_pdf_page_is_served_as_an_image(client, db, settings):
    case = case_with_both_volumes(db, settings)
    judge = bearer(client, username_of(db, case.judge.id))
    with db.reading() as session:
        complaint = next(d for d in dossier.for_case(session, case.id) if d.filename == "起诉状.pdf")
        image = next(d for d in dossier.for_case(session, case.id) if d.filename == "转账.png")
    shown = client.get(f"/documents/{complaint.id}/pages/1.png", headers=judge)
    assert shown.status_code == 200 and shown.content.startswith(b"\x89PNG")
    viewer = client.get(f"/documents/{complaint.id}/pages", headers=judge)
    assert viewer.status_code == 200 and "第 1 / 1 页" in viewer.text
    beyond = client.get(f"/documents/{complaint.id}/pages/2.png", headers=judge)
    assert beyond.status_code == 422 and "共 1 页" in beyond.text
    assert client.get(f"/documents/{image.id}/pages/1.png", headers=judge).status_code == 422
    party = bearer(client, username_of(db, case.party.id), "correct-horse-9")
    with db.reading() as session:
        secret = next(d for d in dossier.for_case(session, case.id) if d.filename == SECRET_NOTE)
    assert client.get(f"/documents/{secret.id}/pages/1.png", headers=party).status_code == 404
