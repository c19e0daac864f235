"""The criminal routes end to end: the officer's form opens the case, the judge's page shows the assistant beside the
procuratorate's suggestion, the defendant's API answer carries the indictment and no assistant; a bad form writes
nothing."""

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from omnicourt.app import create_app
from omnicourt.cases.models import Case
from omnicourt.security.models import Account
from tests.app.conftest import bearer
from tests.conftest import TODAY
from tests.criminal.test_registration import INDICTMENT_TEXT, defendant_account
from tests.factories import id_number


@pytest.fixture
def client(db, settings):
    with TestClient(create_app(settings=settings, db=db)) as test_client:
        yield test_client


def form(defendant_id: str) -> dict:
    return {"procuratorate": "杭州市西湖区人民检察院", "indictment_number": "杭西检刑诉〔2025〕102号",
            "indicted_on": TODAY.isoformat(), "charge": "危险驾驶罪", "defendant_name": "王某",
            "defendant_id_number": defendant_id, "custody_measure": "bail", "counsel_name": "赵律师",
            "guilty_plea": "yes", "admits_facts": "yes", "consents_fast_track": "yes", "consents_simple": "yes",
            "suggestion_penalty": "拘役", "suggestion_months": "2", "suggestion_fine": "3000",
            "suggestion_probation": "yes"}


def test_the_form_opens_the_case_and_the_judge_sees_where_the_assistant_differs(client, db):
    officer = bearer(client, "demo-filing-officer")
    defendant_id = id_number()
    response = client.post("/bench/criminal/indictments/new", headers=officer, data=form(defendant_id),
                           files={"file": ("起诉书.txt", INDICTMENT_TEXT.encode(), "text/plain")},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    case_id = int(response.headers["location"].split("/")[3])
    with db.reading() as session:
        case = session.get(Case, case_id)
        judge = session.get(Account, case.judge_id).username
    page = client.get(f"/bench/cases/{case_id}/criminal", headers=bearer(client, judge))
    assert page.status_code == 200
    assert "速裁程序" in page.text and "与公诉机关量刑建议不同之处" in page.text and "236.4mg/100ml" in page.text
    for shared in (f"/bench/cases/{case_id}", f"/bench/cases/{case_id}/deadline", f"/api/v1/cases/{case_id}"):
        assert client.get(shared, headers=bearer(client, judge)).status_code == 200, shared  # the case's own pages
    assert "刑事速裁程序" in client.get(f"/bench/cases/{case_id}/deadline", headers=bearer(client, judge)).text

    party = defendant_account(db, defendant_id)
    with db.reading() as session:
        username = session.get(Account, party.id).username
    seen = client.get(f"/api/v1/cases/{case_id}/criminal", headers=bearer(client, username, "correct-horse-9"))
    assert seen.status_code == 200
    assert seen.json()["suggestion"] == {"penalty": "拘役", "months": 2.0, "fine": 3000, "probation": True}
    assert seen.json()["assistant"] is None


def test_the_api_refuses_a_bad_id_number_and_writes_nothing(client, db):
    officer = bearer(client, "demo-filing-officer")
    body = {"procuratorate": "某检察院", "indictment_number": "某检刑诉〔2025〕1号", "indicted_on": TODAY.isoformat(),
            "charge": "危险驾驶罪", "defendant": {"name": "王某", "id_number": "123"}, "custody_measure": "bail",
            "guilty_plea": False}
    with db.reading() as session:
        before = session.scalar(select(func.count()).select_from(Case))
    response = client.post("/api/v1/criminal/indictments", headers=officer,
                           data={"indictment": json.dumps(body, ensure_ascii=False)},
                           files={"file": ("起诉书.txt", INDICTMENT_TEXT.encode(), "text/plain")})
    assert response.status_code == 422
    assert response.json()["field"] == "defendant.id_number" and "身份证号码" in response.json()["detail"]
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == before
