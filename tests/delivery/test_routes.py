"""Delivery through the API and the pages: the clerk delivers from the case page, the party confirms its address
and opens what was delivered from its inbox; another party meets a 404; bad input is a 4xx that writes nothing."""

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from omnicourt.app import create_app
from omnicourt.delivery import sending
from omnicourt.delivery.models import Delivery, DeliveryAddress
from omnicourt.security.models import Account
from tests.app.conftest import bearer
from tests.conftest import TODAY

PARTY_PASSWORD = "correct-horse-9"


@pytest.fixture
def client(db, settings):
    with TestClient(create_app(settings=settings, db=db)) as test_client:
        yield test_client


def login(client, db, actor, password: str = "omnicourt-demo") -> dict[str, str]:
    with db.reading() as session:
        return bearer(client, session.get(Account, actor.id).username, password)


def deliveries(db, case_id) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(Delivery).where(Delivery.case_id == case_id))


def test_the_clerk_delivers_from_the_case_page_and_the_party_opens_it(client, db, settings, world):
    clerk = login(client, db, world.clerk)
    section = client.get(f"/bench/cases/{world.case_id}/deliveries", headers=clerk)
    assert section.status_code == 200 and 'id="deliver-form"' in section.text and "尚未送达文书" in section.text
    sent = client.post(f"/bench/cases/{world.case_id}/deliveries", headers=clerk, follow_redirects=False,
                       data={"document_id": world.document_id, "document_class": "notice",
                             "party_ids": [world.plaintiff_id]})
    assert sent.status_code == 303 and sent.headers["location"].endswith("?done=delivered#deliveries")
    assert "已送达：平台送达已到达受送达人账户" in client.get(sent.headers["location"], headers=clerk).text
    bench = client.get(f"/bench/cases/{world.case_id}/deliveries", headers=clerk).text
    assert "开庭传票.pdf" in bench and "已发送，待受送达人查阅" in bench
    party = login(client, db, world.plaintiff, PARTY_PASSWORD)
    inbox = client.get("/portal/deliveries", headers=party).text
    (delivery_id,) = [d["id"] for d in client.get("/api/v1/deliveries", headers=party).json()]
    assert f'href="/portal/deliveries/{delivery_id}"' in inbox and 'data-testid="unread"' in inbox
    page = client.get(f"/portal/deliveries/{delivery_id}", headers=party)
    assert page.status_code == 200 and 'id="open-delivered"' in page.text
    opened = client.get(f"/portal/deliveries/{delivery_id}/file", headers=party)
    assert opened.status_code == 200 and opened.content.startswith(b"%PDF")
    assert "no-store" in opened.headers["cache-control"]
    assert 'data-testid="unread"' not in client.get("/portal/deliveries", headers=party).text
    client.app.state.queue.drain()  # the certificate, filed by the job the opening deferred
    (shown,) = client.get(f"/api/v1/cases/{world.case_id}/deliveries", headers=clerk).json()
    assert shown["effective"] and shown["certificate_document_id"] and shown["opened_at"]
    assert 'data-testid="certificate"' in client.get(f"/bench/cases/{world.case_id}/deliveries", headers=clerk).text


def test_another_party_meets_a_404(client, db, settings, world):
    clerk = login(client, db, world.clerk)
    response = client.post(f"/api/v1/cases/{world.case_id}/deliveries", headers=clerk,
                           json={"document_id": world.document_id, "party_ids": [world.plaintiff_id],
                                 "document_class": "notice"})
    assert response.status_code == 201, response.text
    delivery_id = response.json()[0]["id"]
    for outsider, password in ((world.defendant, PARTY_PASSWORD), (world.stranger, PARTY_PASSWORD)):
        headers = login(client, db, outsider, password)
        for path in (f"/portal/deliveries/{delivery_id}", f"/portal/deliveries/{delivery_id}/file",
                     f"/portal/deliveries/{delivery_id}/download", f"/api/v1/deliveries/{delivery_id}/content"):
            denied = client.get(path, headers=headers)
            assert denied.status_code == 404 and "送达记录不存在或无权查看" in denied.text, path
        assert client.get("/api/v1/deliveries", headers=headers).json() == []
    defendant = login(client, db, world.defendant, PARTY_PASSWORD)
    assert client.get(f"/api/v1/cases/{world.case_id}/deliveries", headers=defendant).json() == []
    assert client.get(f"/portal/deliveries/{delivery_id}", headers=clerk).status_code == 404


def test_the_party_confirms_its_address_on_its_case_page(client, db, world):
    party = login(client, db, world.plaintiff, PARTY_PASSWORD)
    section = client.get(f"/portal/cases/{world.case_id}/deliveries", headers=party).text
    assert f'data-testid="address-form-{world.plaintiff_id}"' in section
    assert f'data-testid="address-form-{world.defendant_id}"' not in section  # only its own
    refused = client.post(f"/portal/cases/{world.case_id}/delivery-address", headers=party,
                          data={"party_id": world.plaintiff_id, "consented": "yes", "mobile": "123"})
    assert refused.status_code == 422 and "手机号码「123」" in refused.text
    done = client.post(f"/portal/cases/{world.case_id}/delivery-address", headers=party, follow_redirects=False,
                       data={"party_id": world.plaintiff_id, "consented": "yes", "mobile": "13900000001",
                             "email": "zhang@example.com"})
    assert done.status_code == 303 and "done=delivery_address" in done.headers["location"]
    assert "同意电子送达" in client.get(f"/portal/cases/{world.case_id}/deliveries", headers=party).text
    other = client.post(f"/api/v1/cases/{world.case_id}/delivery-address", headers=party,
                        json={"party_id": world.defendant_id, "consented": True})
    assert other.status_code == 404
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(DeliveryAddress)
                              .where(DeliveryAddress.case_id == world.case_id)) == 1


def test_refusals_are_4xx_in_chinese_and_write_nothing(client, db, world):
    clerk = login(client, db, world.clerk)
    judgment = client.post(f"/api/v1/cases/{world.case_id}/deliveries", headers=clerk,
                           json={"document_id": world.document_id, "party_ids": [world.defendant_id],
                                 "document_class": "judgment"})
    assert judgment.status_code == 409 and "李四未同意电子送达，判决书不得电子送达" in judgment.text
    bogus = client.post(f"/bench/cases/{world.case_id}/deliveries", headers=clerk,
                        data={"document_id": world.document_id, "document_class": "bogus",
                              "party_ids": [world.plaintiff_id]})
    assert bogus.status_code == 422 and "送达文书类别「bogus」不存在" in bogus.text
    notice = client.post(f"/api/v1/cases/{world.case_id}/public-notices", headers=clerk,
                         json={"document_id": world.document_id, "party_id": world.defendant_id,
                               "document_class": "pleading", "published_on": "2000-01-01"})
    assert notice.status_code == 422 and "公告日期应在立案日与今天之间" in notice.text
    party = login(client, db, world.plaintiff, PARTY_PASSWORD)
    assert client.post(f"/api/v1/cases/{world.case_id}/deliveries", headers=party,
                       json={"document_id": world.document_id, "party_ids": [world.plaintiff_id],
                             "document_class": "notice"}).status_code == 403  # the court's action
    assert client.post(f"/bench/cases/{world.case_id}/deliveries", headers=party,
                       data={"document_id": world.document_id, "document_class": "notice"}).status_code == 403
    assert deliveries(db, world.case_id) == 0


def test_a_public_notice_from_the_bench(client, db, world):
    clerk = login(client, db, world.clerk)
    done = client.post(f"/bench/cases/{world.case_id}/public-notices", headers=clerk, follow_redirects=False,
                       data={"document_id": world.document_id, "party_id": world.defendant_id,
                             "document_class": "pleading", "published_on": TODAY.isoformat()})
    assert done.status_code == 303, done.text
    section = client.get(f"/bench/cases/{world.case_id}/deliveries", headers=clerk).text
    assert "公告中" in section and "公告送达（" in section
    (shown,) = client.get(f"/api/v1/cases/{world.case_id}/deliveries", headers=clerk).json()
    assert shown["method"] == "public_notice" and not shown["effective"] and "下落不明" in shown["notice_text"]
    unfinished = set(sending.unfinished(db, before=datetime.max.replace(tzinfo=UTC)))
    assert shown["id"] not in unfinished  # nothing for the job (other tests' deliveries may wait for theirs)
