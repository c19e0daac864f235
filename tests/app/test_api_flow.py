"""The JSON API end to end: register, file, accept, run the case, and the refusals on the way."""

import json

from sqlalchemy import func, select

from omnicourt.audit.models import AuditRecord
from omnicourt.filing.models import FilingApplication
from tests.app.conftest import bearer, username_of
from tests.factories import PDF_BYTES, filing, id_number


def filing_json(**kw) -> dict:
    return json.loads(filing(**kw).model_dump_json())


def register(client, username, id_no):
    response = client.post("/api/v1/auth/register", json={
        "username": username, "password": "correct-horse-9", "person_type": "natural", "name": "王五",
        "phone": "13900000009", "id_number": id_no})
    assert response.status_code == 201, response.text
    return bearer(client, username, "correct-horse-9")


def test_register_file_accept_and_follow(client):
    id_no = id_number()
    party = register(client, f"api-party-{id_no[-6:]}", id_no)
    response = client.post("/api/v1/filings/multipart", headers=party,
                           data={"filing": json.dumps(filing_json(plaintiff_id=id_no), ensure_ascii=False)},
                           files=[("attachments", ("借条.pdf", PDF_BYTES, "application/pdf"))])
    assert response.status_code == 201, response.text
    application = response.json()
    assert application["status"] == "submitted" and application["estimated_fee"] == "100.00"

    officer = bearer(client, "demo-filing-officer")
    queue = client.get("/api/v1/filings/queue", headers=officer).json()
    assert application["id"] in [a["id"] for a in queue]
    case = client.post(f"/api/v1/filings/{application['id']}/acceptance", headers=officer).json()
    assert case["case_number"].startswith("（") and "浙0106民初" in case["case_number"]
    assert case["procedure"] == "small_claims" and case["triage_reasons"] and case["assignment_reasons"]

    mine = client.get("/api/v1/cases", headers=party).json()
    assert [c["id"] for c in mine] == [case["id"]]
    timeline = client.get(f"/api/v1/cases/{case['id']}/timeline", headers=party).json()
    assert [e["kind"] for e in timeline] == ["accepted", "assigned", "fee_notice"]
    assert client.get(f"/api/v1/filings/{application['id']}", headers=party).json()["status"] == "accepted"


def test_forbidden_transition_is_a_409_with_a_chinese_reason(client, db):
    id_no = id_number()
    party = register(client, f"api-party-{id_no[-6:]}", id_no)
    application = client.post("/api/v1/filings", headers=party, json=filing_json(plaintiff_id=id_no)).json()
    officer = bearer(client, "demo-filing-officer")
    case = client.post(f"/api/v1/filings/{application['id']}/acceptance", headers=officer).json()
    again = client.post(f"/api/v1/filings/{application['id']}/acceptance", headers=officer)
    assert again.status_code == 409 and "已立案" in again.json()["detail"]

    judge = bearer(client, username_of(db, case["judge_id"]))
    closing = {"method": "judgment", "closed_on": case["accepted_on"], "confirmed": "true"}
    judgment = [("document", ("判决书.pdf", PDF_BYTES, "application/pdf"))]
    closed = client.post(f"/api/v1/cases/{case['id']}/closing", headers=judge, data=closing, files=judgment)
    assert closed.status_code == 200, closed.text
    second = client.post(f"/api/v1/cases/{case['id']}/closing", headers=judge, data=closing, files=judgment)
    assert second.status_code == 409 and "已结案" in second.json()["detail"]


def test_bad_input_is_a_4xx_naming_the_field_and_writes_nothing(client, db):
    id_no = id_number()
    party = register(client, f"api-party-{id_no[-6:]}", id_no)

    def counts():
        with db.reading() as session:
            return (session.scalar(select(func.count()).select_from(FilingApplication)),
                    session.scalar(select(func.count()).select_from(AuditRecord)))

    before = counts()
    bad_id = client.post("/api/v1/filings", headers=party, json=filing_json(plaintiff_id="330106198001010000"))
    assert bad_id.status_code == 422 and bad_id.json()["field"] == "parties[0].id_number"
    assert "校验" in bad_id.json()["detail"]
    no_defendant = client.post("/api/v1/filings", headers=party, json=filing_json(defendant=False))
    assert no_defendant.status_code == 422 and "被告" in no_defendant.json()["detail"]
    wrong_type = client.post("/api/v1/filings", headers=party, json={"court_code": "浙0106"})
    assert wrong_type.status_code == 422 and wrong_type.json()["detail"].startswith("字段")
    fake_pdf = client.post("/api/v1/filings/multipart", headers=party,
                           data={"filing": json.dumps(filing_json(plaintiff_id=id_no), ensure_ascii=False)},
                           files=[("attachments", ("证据.pdf", b"not a pdf at all", "application/pdf"))])
    assert fake_pdf.status_code == 422 and "扩展名不符" in fake_pdf.json()["detail"]
    assert counts() == before
    bad_register = client.post("/api/v1/auth/register", json={
        "username": "someone", "password": "correct-horse-9", "person_type": "legal", "name": "某公司",
        "phone": "13900000009", "uscc": "91330100MA2H8Q7X3X", "legal_representative": "赵六",
        "representative_id_number": id_number()})
    assert bad_register.status_code == 422 and bad_register.json()["field"] == "uscc"


def test_fee_calculator_is_open_to_everyone(client):
    response = client.get("/api/v1/calculators/fee", params={"amount": "114142.70", "procedure": "simple"})
    assert response.status_code == 200
    assert response.json()["charged_fee"] == "1291.43"
    refused = client.get("/api/v1/calculators/fee", params={"amount": "abc"})
    assert refused.status_code == 422 and refused.json()["field"] == "amount"


def test_login_is_throttled_after_repeated_failures(client):
    id_no = id_number()
    username = f"api-party-{id_no[-6:]}"
    register(client, username, id_no)
    for _ in range(5):
        assert client.post("/api/v1/auth/login", json={"username": username, "password": "wrong"}).status_code == 401
    blocked = client.post("/api/v1/auth/login", json={"username": username, "password": "correct-horse-9"})
    assert blocked.status_code == 429 and "过多" in blocked.json()["detail"]


def test_cookie_session_needs_the_csrf_token(client):
    login = client.post("/api/v1/auth/login", json={"username": "demo-party", "password": "omnicourt-demo"})
    csrf = login.json()["csrf_token"]
    body = filing_json(defendant=False)
    without = client.post("/api/v1/filings", json=body)  # the cookie alone
    assert without.status_code == 403 and "CSRF" in without.json()["detail"]
    with_token = client.post("/api/v1/filings", json=body, headers={"X-CSRF-Token": csrf})
    assert with_token.status_code == 422  # past the CSRF check, refused for the missing defendant
    client.cookies.clear()
