"""Apps whose simulated verifier is told exactly who is genuine, and helpers to register, file and list."""

import json

import pytest
from fastapi.testclient import TestClient

from omnicourt.app import create_app
from omnicourt.filing.schemas import PartyIn
from tests.app.conftest import bearer
from tests.factories import filing, id_number

PASSWORD = "correct-horse-9"


def genuine_settings(settings, people=(), representatives=()):
    """The test settings with a simulated verifier that confirms these (name, ID number) pairs and these
    (USCC, representative's ID number) pairs, and no one else."""
    return settings.model_copy(update={
        "identity_verifier": "simulated",
        "identity_simulated_people": tuple(f"{name}:{number}" for name, number in people),
        "identity_simulated_representatives": tuple(f"{uscc}:{number}" for uscc, number in representatives)})


@pytest.fixture
def client_for(db, settings):
    """A client of an app whose verifier knows the genuine people given."""
    opened = []

    def make(people=(), representatives=()) -> TestClient:
        client = TestClient(create_app(settings=genuine_settings(settings, people, representatives), db=db))
        opened.append(client.__enter__())
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture
def client(client_for) -> TestClient:
    """A client whose verifier confirms no one."""
    return client_for()


def register_person(client, *, name: str, number: str, username: str | None = None, **extra) -> dict:
    username = username or f"id-{number[-8:]}-{id_number()[-6:]}"
    response = client.post("/api/v1/auth/register", json={
        "username": username, "password": PASSWORD, "person_type": "natural", "name": name,
        "phone": "13900000021", "id_number": number} | extra)
    assert response.status_code == 201, response.text
    return bearer(client, username, PASSWORD)


def register_company(client, *, uscc: str, representative: str, representative_id: str) -> dict:
    username = f"co-{uscc[-8:]}-{id_number()[-6:]}"
    response = client.post("/api/v1/auth/register", json={
        "username": username, "password": PASSWORD, "person_type": "legal", "name": "某某贸易有限公司",
        "phone": "13900000022", "uscc": uscc, "legal_representative": representative,
        "representative_id_number": representative_id})
    assert response.status_code == 201, response.text
    return bearer(client, username, PASSWORD)


def case_ids(client, headers) -> set[int]:
    response = client.get("/api/v1/cases", headers=headers, params={"limit": 200})
    assert response.status_code == 200, response.text
    return {case["id"] for case in response.json()}


def open_case_naming(client, *, plaintiff_id: str | None = None, defendant: PartyIn | None = None,
                     agent: PartyIn | None = None, filer: dict | None = None) -> int:
    """A case at 浙0106 filed by a fresh account (or `filer`) naming these parties, accepted."""
    filer = filer or register_person(client, name="孙九", number=id_number())
    data = filing(plaintiff_id=plaintiff_id)
    if defendant:
        data.parties[1] = defendant
    if agent:
        data.parties.append(agent)
    application = client.post("/api/v1/filings", headers=filer, json=json.loads(data.model_dump_json()))
    assert application.status_code == 201, application.text
    case = client.post(f"/api/v1/filings/{application.json()['id']}/acceptance",
                       headers=bearer(client, "demo-filing-officer"))
    assert case.status_code == 200, case.text
    return case.json()["id"]
