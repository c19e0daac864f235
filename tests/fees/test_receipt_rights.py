"""A fee receipt is its payer's: the party who paid (its account, the agent who paid for it) and the court open it;
the other party of the case learns from the fee account that the fee was paid, but never opens, lists, searches or
bundles the receipt, by any route (its own id and pages, the catalogue, the search, the one-PDF dossier, the receipt
link of the case page)."""

import io

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy import select

from omnicourt.app import create_app
from omnicourt.casework import bundles
from omnicourt.casework import documents as access
from omnicourt.dossier.models import Document, DocumentText
from omnicourt.errors import Concealed
from omnicourt.fees import gateways, payments
from omnicourt.fees.models import FeeNotice, FeePayment
from omnicourt.settings import Settings
from tests.delivery.conftest import add_document, make_world
from tests.delivery.test_routes import PARTY_PASSWORD, login


@pytest.fixture
def world(db, settings):
    return make_world(db, settings)


@pytest.fixture
def client(db, settings):
    with TestClient(create_app(settings=settings, db=db)) as test_client:
        yield test_client


def paid_receipt(db, settings, world, payer=None) -> tuple[int, int]:
    """The plaintiff's fee notice paid online by `payer` (the plaintiff): the payment's id and its receipt's."""
    with db.transaction() as session:
        notice = session.scalar(select(FeeNotice).where(FeeNotice.case_id == world.case_id))
        payment = payments.start_payment(session, actor=payer or world.plaintiff, notice_id=notice.id,
                                         idempotency_key="receipt-rights", gateway=gateways.configured(Settings()))
        order_no, amount = payment.order_no, payment.amount
    body, signature = gateways.configured(Settings()).paid_callback(order_no, amount)
    with db.transaction() as session:
        paid = payments.confirm_payment(session, settings, gateway=gateways.configured(settings), body=body,
                                        signature=signature)
        return paid.id, paid.receipt_document_id


def read_receipt_text(db, world, receipt_id: int) -> None:
    """The receipt's text as the text job would leave it, so that the search can find it."""
    with db.transaction() as session:
        session.merge(DocumentText(document_id=receipt_id, court_id=session.get(Document, receipt_id).court_id,
                                        state="read", method="pdf", pages_done=1, pages_total=1, pages_unread=0,
                                        text="诉讼费交费凭证 伍仟捌佰元整", attempts=1, kind_source="given"))


def test_the_receipt_is_addressed_to_the_party_who_paid(db, settings, world):
    _, receipt_id = paid_receipt(db, settings, world)
    with db.reading() as session:
        assert session.get(Document, receipt_id).addressee_party_id == world.plaintiff_id


def test_the_other_party_cannot_reach_the_receipt_by_any_route(client, db, settings, world):
    payment_id, receipt_id = paid_receipt(db, settings, world)
    read_receipt_text(db, world, receipt_id)
    defendant = login(client, db, world.defendant, PARTY_PASSWORD)
    for path in (f"/documents/{receipt_id}", f"/documents/{receipt_id}/download", f"/documents/{receipt_id}/view",
                 f"/documents/{receipt_id}/text", f"/api/v1/documents/{receipt_id}/content",
                 f"/api/v1/documents/{receipt_id}/text", f"/documents/{receipt_id}/pages",
                 f"/documents/{receipt_id}/pages/1.png",
                 f"/portal/cases/{world.case_id}/fees/receipts/{payment_id}"):
        assert client.get(path, headers=defendant).status_code == 404, path
    catalogue = client.get(f"/api/v1/cases/{world.case_id}/catalogue", headers=defendant).json()
    assert receipt_id not in [e["document"]["id"] for v in catalogue for e in v["entries"]]
    texts = client.get(f"/api/v1/cases/{world.case_id}/documents/texts", headers=defendant).json()
    assert receipt_id not in [t["document_id"] for t in texts]
    found = client.get(f"/api/v1/cases/{world.case_id}/documents/search", params={"q": "伍仟捌佰"}, headers=defendant)
    assert found.status_code == 200 and found.json() == []
    page = client.get(f"/portal/cases/{world.case_id}", headers=defendant).text
    assert f"/fees/receipts/{payment_id}" not in page and f"/documents/{receipt_id}" not in page
    assert "已交纳" in page  # the fee account still says it was paid


def test_the_payer_and_the_court_open_and_find_it(client, db, settings, world):
    payment_id, receipt_id = paid_receipt(db, settings, world)
    read_receipt_text(db, world, receipt_id)
    for actor, password in ((world.plaintiff, PARTY_PASSWORD), (world.clerk, "omnicourt-demo")):
        headers = login(client, db, actor, password)
        opened = client.get(f"/api/v1/documents/{receipt_id}/content", headers=headers)
        assert opened.status_code == 200 and opened.content.startswith(b"%PDF")
        catalogue = client.get(f"/api/v1/cases/{world.case_id}/catalogue", headers=headers).json()
        assert receipt_id in [e["document"]["id"] for v in catalogue for e in v["entries"]]
        found = client.get(f"/api/v1/cases/{world.case_id}/documents/search", params={"q": "伍仟捌佰"},
                           headers=headers).json()
        assert [h["document_id"] for h in found] == [receipt_id]
    plaintiff = login(client, db, world.plaintiff, PARTY_PASSWORD)
    assert f"/fees/receipts/{payment_id}" in client.get(f"/portal/cases/{world.case_id}", headers=plaintiff).text
    receipt = client.get(f"/portal/cases/{world.case_id}/fees/receipts/{payment_id}", headers=plaintiff)
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF")


def test_a_receipt_paid_by_the_other_side_is_the_payers(db, settings, world):
    """The defendant pays the plaintiff's notice (a party may): the receipt is the defendant's, not the named
    payer's."""
    _, receipt_id = paid_receipt(db, settings, world, payer=world.defendant)
    with db.reading() as session:
        assert access.get_document(session, actor=world.defendant, document_id=receipt_id).id == receipt_id
        with pytest.raises(Concealed):
            access.get_document(session, actor=world.plaintiff, document_id=receipt_id)
        assert session.get(Document, receipt_id).addressee_party_id == world.defendant_id
        payer = session.scalar(select(FeePayment.payer_id).where(FeePayment.case_id == world.case_id))
        assert payer == world.defendant.id


def bundle_text(db, settings, actor, case_id) -> str:
    with db.transaction() as session:
        bundle_id = bundles.request(session, actor=actor, case_id=case_id).id
    bundles.run(db, settings, bundle_id=bundle_id)
    with db.reading() as session:
        _, content = bundles.content(session, settings, actor=actor, bundle_id=bundle_id)
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_other_partys_bundle_leaves_the_receipt_out(db, settings, world):
    paid_receipt(db, settings, world)
    assert "交费凭证" not in bundle_text(db, settings, world.defendant, world.case_id)
    assert "交费凭证" in bundle_text(db, settings, world.plaintiff, world.case_id)


def test_a_party_sees_the_courts_numbers_with_the_gap_explained(client, db, settings, world):
    """A party reads the court's catalogue numbers and pages, not a numbering of its own: the numbers the court, the
    other party and the hearing cite are the same ones (a gap stands for another party's own paper)."""
    _, receipt_id = paid_receipt(db, settings, world)
    add_document(db, settings, world.case_id, world.clerk, "传票.pdf")  # after the receipt: a gap before it
    court = login(client, db, world.clerk, "omnicourt-demo")
    volumes = client.get(f"/api/v1/cases/{world.case_id}/catalogue", headers=court).json()
    numbers = {e["document"]["id"]: (e["number"], e["first_page"]) for v in volumes if v["volume"] == "main"
               for e in v["entries"]}
    defendant = login(client, db, world.defendant, PARTY_PASSWORD)
    (main,) = client.get(f"/api/v1/cases/{world.case_id}/catalogue", headers=defendant).json()
    assert receipt_id in numbers and receipt_id not in [e["document"]["id"] for e in main["entries"]]
    assert {e["document"]["id"]: (e["number"], e["first_page"]) for e in main["entries"]} == {
        i: n for i, n in numbers.items() if i != receipt_id}
    assert 'data-testid="catalogue-gaps"' in client.get(f"/portal/cases/{world.case_id}", headers=defendant).text
    assert 'data-testid="catalogue-gaps"' not in client.get(f"/bench/cases/{world.case_id}", headers=court).text
