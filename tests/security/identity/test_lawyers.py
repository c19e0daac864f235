"""Lawyers register with their practice certificate number (17 digits) and law firm; both are shown on their
account page and beside their name where a case shows its agents."""

import json

import pytest
from sqlalchemy import select

from omnicourt.cases.models import Case, CaseParty
from omnicourt.filing.schemas import PartyIn
from omnicourt.security.models import Account
from tests.app.conftest import bearer
from tests.factories import filing, id_number
from tests.security.identity.conftest import PASSWORD, open_case_naming, register_person

CERTIFICATE = "13301201110123456"
FIRM = "浙江钱塘律师事务所"


def _lawyer(**overrides) -> dict:
    number = id_number()
    return {"username": f"lawyer-{number[-8:]}", "password": PASSWORD, "person_type": "natural", "name": "陈律师",
            "phone": "13900000041", "id_number": number, "role": "lawyer",
            "practice_certificate_number": CERTIFICATE, "law_firm": FIRM} | overrides


@pytest.mark.parametrize(("overrides", "field"), [
    ({"practice_certificate_number": "1330120111012345"}, "practice_certificate_number"),  # 16 digits
    ({"practice_certificate_number": "1330120111012345X"}, "practice_certificate_number"),
    ({"practice_certificate_number": None}, "practice_certificate_number"),
    ({"law_firm": ""}, "law_firm"),
    ({"law_firm": "所" * 129}, "law_firm"),
    ({"person_type": "legal"}, "person_type"),
])
def test_a_lawyer_must_give_a_valid_certificate_number_and_firm(client, db, overrides, field):
    body = _lawyer(**overrides)
    response = client.post("/api/v1/auth/register", json=body)
    assert response.status_code == 422 and response.json()["field"] == field
    with db.reading() as session:
        assert session.scalar(select(Account.id).where(Account.username == body["username"])) is None


def test_a_lawyers_certificate_and_firm_are_on_their_profile(client):
    body = _lawyer(practice_certificate_number=" 1330 1201 1101 23456 ")  # spaces as typed from the card
    assert client.post("/api/v1/auth/register", json=body).status_code == 201
    lawyer = bearer(client, body["username"], PASSWORD)
    profile = client.get("/api/v1/identity", headers=lawyer).json()
    assert (profile["practice_certificate_number"], profile["law_firm"]) == (CERTIFICATE, FIRM)
    page = client.get("/portal/account", headers=lawyer)
    assert page.status_code == 200 and CERTIFICATE in page.text and FIRM in page.text


def test_a_party_registers_without_lawyers_details(client):
    number = id_number()
    party = register_person(client, name="王五", number=number, practice_certificate_number=CERTIFICATE,
                            law_firm=FIRM)
    profile = client.get("/api/v1/identity", headers=party).json()
    assert profile["practice_certificate_number"] is None and profile["law_firm"] is None


def test_the_agents_block_shows_the_lawyers_firm_and_certificate(client, db):
    body = _lawyer()
    assert client.post("/api/v1/auth/register", json=body).status_code == 201
    lawyer = bearer(client, body["username"], PASSWORD)
    co_agent = PartyIn(role="agent", party_type="natural", name="刘律师", id_number=id_number())
    me = PartyIn(role="agent", party_type="natural", name="陈律师", id_number=body["id_number"])
    case_id = open_case_naming(client, filer=lawyer, agent=me)
    with db.transaction() as session:  # a second agent row, linked to the same account as filing links them
        case = session.get(Case, case_id)
        session.add(CaseParty(case_id=case.id, court_id=case.court_id, role="agent", party_type="natural",
                              name=co_agent.name, id_number=co_agent.id_number, account_id=case.parties[-1].account_id))
    with db.reading() as session:
        judge = session.scalar(select(Account.username).where(Account.id == session.get(Case, case_id).judge_id))
    bench = client.get(f"/bench/cases/{case_id}", headers=bearer(client, judge))
    assert bench.status_code == 200
    assert f"{FIRM}律师，执业证号 {CERTIFICATE}" in bench.text
    assert bench.text.count(CERTIFICATE) == 1  # not beside the co-agent
    portal = client.get(f"/portal/cases/{case_id}", headers=lawyer)
    assert portal.status_code == 200 and CERTIFICATE in portal.text


def test_the_filing_officer_sees_the_filing_lawyers_details_and_verification(client):
    body = _lawyer()
    assert client.post("/api/v1/auth/register", json=body).status_code == 201
    lawyer = bearer(client, body["username"], PASSWORD)
    me = PartyIn(role="agent", party_type="natural", name="陈律师", id_number=body["id_number"])
    data = filing()
    data.parties.append(me)
    application = client.post("/api/v1/filings", headers=lawyer, json=json.loads(data.model_dump_json())).json()
    review = client.get(f"/bench/filings/{application['id']}", headers=bearer(client, "demo-filing-officer"))
    assert review.status_code == 200
    assert f"{FIRM}，执业证号 {CERTIFICATE}" in review.text and "未实名认证" in review.text
