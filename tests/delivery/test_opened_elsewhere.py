"""The addressee opening a delivered document from the case's catalogue or the document routes, not from its
delivery inbox, opens the delivery all the same: without a confirmed address that opening is the legal time of
delivery (在线诉讼规则 art. 31(2)) and its certificate follows. Another party or the court opening the same document
opens nothing."""

import pytest
from fastapi.testclient import TestClient

from omnicourt.app import create_app
from omnicourt.cases.models import TimelineEvent
from tests.delivery.test_routes import PARTY_PASSWORD, login
from tests.delivery.test_service import count, deliver, row


@pytest.fixture
def client(db, settings):
    with TestClient(create_app(settings=settings, db=db)) as test_client:
        yield test_client


@pytest.mark.parametrize("path", ["/documents/{id}", "/documents/{id}/download", "/api/v1/documents/{id}/content",
                                  "/documents/{id}/pages/1.png", "/documents/{id}/text",
                                  "/api/v1/documents/{id}/text"])
def test_the_addressee_opening_the_document_anywhere_opens_the_delivery(client, db, settings, world, path):
    (delivery_id,) = deliver(db, settings, world, parties=[world.defendant_id])  # no address confirmed: no effect
    assert row(db, delivery_id).effective_at is None
    url = path.format(id=world.document_id)
    for actor, password in ((world.clerk, "omnicourt-demo"), (world.plaintiff, PARTY_PASSWORD)):
        assert client.get(url, headers=login(client, db, actor, password)).status_code == 200
    assert row(db, delivery_id).opened_at is None  # the court and the other party opened nothing of it

    defendant = login(client, db, world.defendant, PARTY_PASSWORD)
    assert client.get(url, headers=defendant).status_code == 200
    opened = row(db, delivery_id)
    assert opened.opened_at is not None and opened.effective_at == opened.opened_at
    assert opened.effective_channel == "inbox"
    assert client.get(url, headers=defendant).status_code == 200  # a second opening changes nothing
    assert row(db, delivery_id).opened_at == opened.opened_at
    assert count(db, TimelineEvent, case_id=world.case_id, kind="delivery_opened") == 1
    client.app.state.queue.drain()  # the certificate's job
    assert row(db, delivery_id).certificate_document_id is not None
