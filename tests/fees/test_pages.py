"""The pages as a user meets them: each action confirms its result, the judge closes with a document and the
deadline panel shows the case closed, the party pays on the notice and gets the receipt; the gateway's callback."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from omnicourt.app import create_app
from omnicourt.dossier.models import Document
from omnicourt.fees.models import FeePayment
from omnicourt.security.models import Account
from tests.app.conftest import bearer
from tests.conftest import TODAY
from tests.factories import PDF_BYTES
from tests.fees.conftest import FULL_FEE, callback, pay, start

PARTY_PASSWORD = "correct-horse-9"


@pytest.fixture
def client(db, settings):
    with TestClient(create_app(settings=settings, db=db)) as test_client:
        yield test_client


def login(client, db, account_id: int, password: str = "omnicourt-demo") -> dict[str, str]:
    with db.reading() as session:
        return bearer(client, session.get(Account, account_id).username, password)


def test_hearing_and_closing_confirm_on_the_page_and_the_panel_shows_the_case_closed(client, db, case):
    judge = login(client, db, case.judge.id)
    heard = client.post(f"/bench/cases/{case.id}/hearings", headers=judge, follow_redirects=False,
                        data={"held_on": TODAY.isoformat(), "summary": "双方到庭"})
    assert heard.status_code == 303 and heard.headers["location"].endswith("?done=hearing")
    assert "开庭记录已保存" in client.get(heard.headers["location"], headers=judge).text
    closed = client.post(f"/bench/cases/{case.id}/closing", headers=judge, follow_redirects=False,
                         data={"method": "mediation", "closed_on": TODAY.isoformat(), "confirmed": "yes"},
                         files={"document": ("调解书.pdf", PDF_BYTES, "application/pdf")})
    assert closed.status_code == 303, closed.text
    page = client.get(closed.headers["location"], headers=judge).text
    assert "案件已结案：结案文书已存入电子卷宗" in page and "调解书.pdf" in page
    assert 'id="closing-form"' not in page
    panel = client.get(f"/bench/cases/{case.id}/deadline", headers=judge).text
    assert re.search(r'data-testid="deadline-status">已结案<', panel) and "审理用时" in panel
    assert "审限内结案" in panel and "剩余" not in panel and 'id="extension-form"' not in panel
    party = login(client, db, case.party.id, PARTY_PASSWORD)
    assert "已结案" in client.get(f"/portal/cases/{case.id}/deadline", headers=party).text


def test_closing_unconfirmed_is_refused_naming_the_field(client, db, case):
    judge = login(client, db, case.judge.id)
    refused = client.post(f"/bench/cases/{case.id}/closing", headers=judge | {"HX-Request": "true"},
                          data={"method": "judgment", "closed_on": TODAY.isoformat()},
                          files={"document": ("判决书.pdf", PDF_BYTES, "application/pdf")})
    assert refused.status_code == 422 and "请勾选确认" in refused.text
    assert refused.headers["HX-Retarget"] == "#flash"


def test_an_extension_applied_and_approved_confirms_each_step(client, db, case):
    judge = login(client, db, case.judge.id)
    applied = client.post(f"/bench/cases/{case.id}/deadline/extensions", headers=judge, follow_redirects=False,
                          data={"length": "6m", "reason": "案情复杂"})
    assert applied.status_code == 303 and applied.headers["location"].endswith("?done=extension")
    assert "延长审限申请已提交" in client.get(applied.headers["location"], headers=judge).text
    with db.reading() as session:
        president = session.scalar(select(Account.id).where(Account.role == "president",
                                                             Account.court_id == case.judge.court_id))
    approver = login(client, db, president)
    queue = client.get("/bench/deadlines/queue", headers=approver).text
    adjustment_id = re.search(r"/bench/deadlines/adjustments/(\d+)/decision", queue).group(1)
    decided = client.post(f"/bench/deadlines/adjustments/{adjustment_id}/decision", headers=approver,
                          data={"approve": "yes", "reason": "同意"}, follow_redirects=False)
    assert decided.headers["location"].endswith("?done=approved")
    assert "已批准该申请" in client.get(decided.headers["location"], headers=approver).text


def test_the_party_pays_on_the_notice_and_downloads_the_receipt(client, db, case):
    party = login(client, db, case.party.id, PARTY_PASSWORD)
    page = client.get(f"/portal/cases/{case.id}", headers=party).text
    assert "待交纳" in page and "在线交纳 5,800.00 元" in page
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    ordered = [client.post(f"/portal/fees/notices/{case.notice_id}/payment", headers=party, follow_redirects=False,
                           data={"idempotency_key": key}) for _ in range(2)]  # the form sent twice
    assert ordered[0].headers["location"] == ordered[1].headers["location"]
    gateway_page = client.get(ordered[0].headers["location"], headers=party).text
    assert "模拟支付" in gateway_page and "5,800.00" in gateway_page
    paid = client.post(ordered[0].headers["location"], headers=party, follow_redirects=False)
    assert paid.headers["location"] == f"/portal/cases/{case.id}?done=paid"
    page = client.get(paid.headers["location"], headers=party).text
    assert "诉讼费已交纳，交费凭证已存入电子卷宗" in page and "已交纳" in page
    receipt_url = re.search(r'href="(/portal/cases/\d+/fees/receipts/\d+)"', page).group(1)
    receipt = client.get(receipt_url, headers=party)
    assert receipt.headers["content-type"] == "application/pdf" and receipt.content.startswith(b"%PDF")
    officer = bearer(client, "demo-filing-officer")
    amounts = client.get(f"/api/v1/fees/cases/{case.id}", headers=officer).json()
    assert [(a["paid"], a["outstanding"], a["status"]) for a in amounts] == [(str(FULL_FEE), "0.00", "已交纳")]
    assert "已交" in client.get(f"/bench/cases/{case.id}", headers=officer).text


def test_the_gateway_callback_over_http_pays_once(client, db, case):
    order_no, amount = start(db, case)
    body, signature = callback(order_no, amount)
    for _ in range(2):
        response = client.post("/api/v1/fees/callbacks/simulated", content=body, headers={"X-Signature": signature})
        assert response.status_code == 200 and response.json()["status"] == "paid"
    forged = client.post("/api/v1/fees/callbacks/simulated", content=body, headers={"X-Signature": "0" * 64})
    assert forged.status_code == 403
    with db.reading() as session:
        assert session.scalars(select(FeePayment.status).where(FeePayment.notice_id == case.notice_id)).all() == [
            "paid"]


def test_a_receipt_is_served_as_a_document_and_a_missing_file_is_a_clear_404(client, db, settings, case):
    pay(db, settings, case)
    with db.reading() as session:
        payment = session.scalar(select(FeePayment).where(FeePayment.case_id == case.id))
        digest = session.get(Document, payment.receipt_document_id).sha256
    url = f"/portal/cases/{case.id}/fees/receipts/{payment.id}"
    party = login(client, db, case.party.id, PARTY_PASSWORD)
    receipt = client.get(url, headers=party)
    assert receipt.status_code == 200 and receipt.headers["x-content-type-options"] == "nosniff"
    (settings.storage_dir / digest[:2] / digest).unlink()
    missing = client.get(url, headers=party)
    assert missing.status_code == 404 and "文件缺失" in missing.text


@pytest.mark.parametrize("key", ["short", "with space-123", "semi;colon;key"])
def test_the_payment_route_refuses_a_malformed_idempotency_key(client, db, case, key):
    party = login(client, db, case.party.id, PARTY_PASSWORD)
    refused = client.post(f"/api/v1/fees/notices/{case.notice_id}/payments",
                          headers={**party, "Idempotency-Key": key})
    assert refused.status_code == 422 and refused.json()["field"] == "Idempotency-Key"
    assert "Idempotency-Key 应为8至128位" in refused.json()["detail"]
