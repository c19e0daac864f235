"""A delivery certificate is the addressee's and the court's: the other party of the case learns from the timeline
that the addressee was served, but never opens, lists, searches or bundles the certificate with the addressee's
address, by any route (the certificate's own id, the catalogue, the search, the one-PDF dossier)."""

import io

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from omnicourt.app import create_app
from omnicourt.casework import bundles
from omnicourt.casework import documents as access
from omnicourt.delivery import sending
from omnicourt.dossier.rules import DocumentKind
from omnicourt.errors import Concealed
from tests.delivery.conftest import add_document
from tests.delivery.test_routes import PARTY_PASSWORD, login
from tests.delivery.test_service import confirm, deliver, row


@pytest.fixture
def client(db, settings):
    with TestClient(create_app(settings=settings, db=db)) as test_client:
        yield test_client


def served_defendant(db, settings, world) -> int:
    """The summons delivered to the defendant, who confirmed a mobile number: its certificate's document id."""
    confirm(db, world, world.defendant, party_id=world.defendant_id, mobile="13912345678")
    (delivery_id,) = deliver(db, settings, world, parties=[world.defendant_id])
    sending.send(db, settings, delivery_id=delivery_id)
    certificate_id = row(db, delivery_id).certificate_document_id
    assert certificate_id is not None
    return certificate_id


def test_the_other_party_cannot_open_the_certificate_by_any_route(client, db, settings, world):
    certificate_id = served_defendant(db, settings, world)
    plaintiff = login(client, db, world.plaintiff, PARTY_PASSWORD)
    for path in (f"/documents/{certificate_id}", f"/documents/{certificate_id}/download",
                 f"/documents/{certificate_id}/view", f"/documents/{certificate_id}/text",
                 f"/api/v1/documents/{certificate_id}/content", f"/api/v1/documents/{certificate_id}/text",
                 f"/documents/{certificate_id}/pages", f"/documents/{certificate_id}/pages/1.png"):
        denied = client.get(path, headers=plaintiff)
        assert denied.status_code == 404, path
    catalogue = client.get(f"/api/v1/cases/{world.case_id}/catalogue", headers=plaintiff).json()
    assert certificate_id not in [e["document"]["id"] for v in catalogue for e in v["entries"]]
    assert f"/documents/{certificate_id}" not in client.get(f"/portal/cases/{world.case_id}", headers=plaintiff).text
    texts = client.get(f"/api/v1/cases/{world.case_id}/documents/texts", headers=plaintiff).json()
    assert certificate_id not in [t["document_id"] for t in texts]
    # the timeline says the defendant was served
    assert "已于" in client.get(f"/portal/cases/{world.case_id}", headers=plaintiff).text


def test_the_addressee_and_the_court_open_it(client, db, settings, world):
    certificate_id = served_defendant(db, settings, world)
    for actor, password in ((world.defendant, PARTY_PASSWORD), (world.clerk, "omnicourt-demo")):
        headers = login(client, db, actor, password)
        opened = client.get(f"/api/v1/documents/{certificate_id}/content", headers=headers)
        assert opened.status_code == 200 and opened.content.startswith(b"%PDF")
        catalogue = client.get(f"/api/v1/cases/{world.case_id}/catalogue", headers=headers).json()
        assert certificate_id in [e["document"]["id"] for v in catalogue for e in v["entries"]]


def test_a_certificate_the_court_catalogues_without_an_addressee_is_the_courts_alone(db, settings, world):
    """A scanned paper 送达回证 filed by the clerk names no addressee the platform knows: no party opens it."""
    scanned = add_document(db, settings, world.case_id, world.clerk, "送达回证.pdf", kind=DocumentKind.DELIVERY_RECEIPT)
    with db.reading() as session:
        for party in (world.plaintiff, world.defendant):
            with pytest.raises(Concealed):
                access.get_document(session, actor=party, document_id=scanned)
        assert access.get_document(session, actor=world.clerk, document_id=scanned).id == scanned


def bundle_text(db, settings, actor, case_id) -> str:
    with db.transaction() as session:
        bundle_id = bundles.request(session, actor=actor, case_id=case_id).id
    bundles.run(db, settings, bundle_id=bundle_id)
    with db.reading() as session:
        _, content = bundles.content(session, settings, actor=actor, bundle_id=bundle_id)
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_other_partys_bundle_leaves_the_certificate_out(db, settings, world):
    served_defendant(db, settings, world)
    assert "电子送达凭证" not in bundle_text(db, settings, world.plaintiff, world.case_id)
    assert "电子送达凭证" in bundle_text(db, settings, world.defendant, world.case_id)


def test_the_bundle_api_asks_polls_and_downloads_with_the_pages_rights(client, db, settings, world):
    served_defendant(db, settings, world)
    plaintiff = login(client, db, world.plaintiff, PARTY_PASSWORD)
    asked = client.post(f"/api/v1/cases/{world.case_id}/bundles", headers=plaintiff)
    assert asked.status_code == 202 and asked.json()["volumes"] == ["main"] and asked.json()["pdf_url"] is None
    status_url = asked.json()["status_url"]
    assert client.get(f"{status_url}/pdf", headers=plaintiff).status_code == 404  # not built yet
    client.app.state.queue.drain()
    done = client.get(status_url, headers=plaintiff).json()
    assert done["state"] == "done" and done["pdf_url"] == f"{status_url}/pdf"
    pdf = client.get(done["pdf_url"], headers=plaintiff)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "电子送达凭证" not in text
    defendant = login(client, db, world.defendant, PARTY_PASSWORD)  # a party of the case, not the asker
    stranger = login(client, db, world.stranger, PARTY_PASSWORD)
    for headers in (defendant, stranger):
        assert client.get(status_url, headers=headers).status_code == 404
        assert client.get(done["pdf_url"], headers=headers).status_code == 404
    assert client.post(f"/api/v1/cases/{world.case_id}/bundles", headers=stranger).status_code == 404
