"""Idempotency-Key on filing: a client's retry of a filing that was committed but not acknowledged gets the first
response and files nothing twice; a kill -9 of the server loses no acknowledged filing."""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid

import httpx
import pytest
from sqlalchemy import func, select

from omnicourt.db import Database
from omnicourt.demo.loader import DEMO_PASSWORD
from omnicourt.errors import Conflict
from omnicourt.filing.models import FilingApplication
from omnicourt.idempotency import service as idempotency
from omnicourt.idempotency.models import IdempotentRequest
from omnicourt.security.schemas import MessageOut
from tests.app.conftest import bearer
from tests.conftest import actor_named, prepare
from tests.security.test_input_text import filing_body


def filings_of(db, username: str) -> int:
    applicant = actor_named(db, username)
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(FilingApplication)
                              .where(FilingApplication.applicant_id == applicant.id))


def test_a_retry_with_the_same_key_gets_the_same_filing_and_files_nothing_twice(client, db):
    headers = bearer(client, "demo-party") | {"Idempotency-Key": str(uuid.uuid4())}
    body, before = filing_body("张三"), filings_of(db, "demo-party")
    first = client.post("/api/v1/filings", headers=headers, json=body)
    retry = client.post("/api/v1/filings", headers=headers, json=body)
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert filings_of(db, "demo-party") == before + 1


def test_the_same_key_with_another_body_is_refused(client, db):
    headers = bearer(client, "demo-party") | {"Idempotency-Key": str(uuid.uuid4())}
    body = filing_body("张三")
    assert client.post("/api/v1/filings", headers=headers, json=body).status_code == 201
    before = filings_of(db, "demo-party")
    changed = body | {"facts_and_reasons": "另一份事实与理由，内容与前一份不同。"}
    other = client.post("/api/v1/filings", headers=headers, json=changed)
    assert other.status_code == 409
    assert other.json() == {"detail": "该 Idempotency-Key 已用于另一份不同的请求，请为新的请求使用新的键",
                            "field": "Idempotency-Key"}
    assert filings_of(db, "demo-party") == before


def test_keys_are_per_account_and_without_a_key_each_request_files(client, db):
    key = str(uuid.uuid4())
    for username in ("demo-party", "demo-lawyer"):
        response = client.post("/api/v1/filings", headers=bearer(client, username) | {"Idempotency-Key": key},
                               json=filing_body("张三"))
        assert response.status_code == 201, response.text
    headers, before = bearer(client, "demo-party"), filings_of(db, "demo-party")
    for _ in range(2):
        assert client.post("/api/v1/filings", headers=headers, json=filing_body("张三")).status_code == 201
    assert filings_of(db, "demo-party") == before + 2


def test_a_malformed_key_is_refused_before_anything_is_filed(client, db):
    before = filings_of(db, "demo-party")
    response = client.post("/api/v1/filings", headers=bearer(client, "demo-party") | {"Idempotency-Key": "short"},
                           json=filing_body("张三"))
    assert response.status_code == 422 and response.json()["field"] == "Idempotency-Key"
    assert filings_of(db, "demo-party") == before


def test_the_multipart_route_takes_the_key_too(client, db):
    headers = bearer(client, "demo-party") | {"Idempotency-Key": str(uuid.uuid4())}
    form = {"filing": json.dumps(filing_body("张三"), ensure_ascii=False)}
    before = filings_of(db, "demo-party")
    ids = {client.post("/api/v1/filings/multipart", headers=headers, data=form).json()["id"] for _ in range(2)}
    assert len(ids) == 1 and filings_of(db, "demo-party") == before + 1


def test_the_filing_page_submitted_twice_files_once(client, db):
    headers = bearer(client, "demo-party")
    page = client.get("/portal/filings/new", headers=headers).text
    key = page.split('name="idempotency_key" value="', 1)[1].split('"', 1)[0]
    body = filing_body("张三")
    form = {"court_code": body["court_code"], "cause_code": body["cause_code"],
            "party_role": ["plaintiff", "defendant"], "party_party_type": ["natural", "natural"],
            "party_name": ["张三", "李四"], "party_id_number": [p["id_number"] for p in body["parties"]],
            "party_uscc": ["", ""], "party_legal_representative": ["", ""], "party_address": ["", ""],
            "party_phone": ["", ""], "claim_description": ["判令被告偿还借款本金"], "amount": ["1000"],
            "facts_and_reasons": body["facts_and_reasons"], "idempotency_key": key}
    before = filings_of(db, "demo-party")
    answers = [client.post("/portal/filings/new", headers=headers, data=form, follow_redirects=False)
               for _ in range(2)]
    assert [a.status_code for a in answers] == [303, 303]
    assert answers[0].headers["location"] == answers[1].headers["location"]
    assert filings_of(db, "demo-party") == before + 1


# ---------------------------------------------------------------- kill -9 while filing


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(url: str, root, port: int) -> subprocess.Popen:
    env = os.environ | {"OMNICOURT_DATABASE_URL": url, "OMNICOURT_STORAGE_DIR": str(root / "documents"),
                        "OMNICOURT_RETRIEVAL_INDEX_DIR": str(root / "index")}
    server = subprocess.Popen([sys.executable, "-m", "omnicourt.cli", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/ping", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise AssertionError("the server did not start")


def token(base: str) -> dict[str, str]:
    response = httpx.post(f"{base}/api/v1/auth/login", json={"username": "demo-party", "password": DEMO_PASSWORD})
    return {"Authorization": f"Bearer {response.json()['token']}"}


def count(db, model) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_kill_9_during_filings_loses_nothing_acknowledged(tmp_path):
    url = f"sqlite:///{tmp_path / 'omnicourt.db'}"
    db = Database(url)
    prepare(db, cases=20)
    filed_before = count(db, FilingApplication)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(url, tmp_path, port)
    headers = token(base)
    bodies: dict[str, dict] = {}  # every request sent, by its key
    acknowledged: dict[str, int] = {}  # key -> application id, for every 201 the client received
    stop = threading.Event()

    def file_until_the_server_dies():
        with httpx.Client(base_url=base, timeout=10) as client:
            while not stop.is_set():
                key = str(uuid.uuid4())
                bodies[key] = filing_body("张三")
                try:
                    response = client.post("/api/v1/filings", headers=headers | {"Idempotency-Key": key},
                                           json=bodies[key])
                except httpx.TransportError:
                    return
                assert response.status_code == 201, response.text
                acknowledged[key] = response.json()["id"]

    clients = [threading.Thread(target=file_until_the_server_dies) for _ in range(4)]
    for thread in clients:
        thread.start()
    deadline = time.monotonic() + 120
    while len(acknowledged) < 20 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(server.pid, signal.SIGKILL)
    server.wait()
    stop.set()
    for thread in clients:
        thread.join()
    assert len(acknowledged) >= 20

    with db.reading() as session:
        stored = {row.key: row.response["id"] for row in session.scalars(select(IdempotentRequest))}
        existing = set(session.scalars(select(FilingApplication.id)))
    assert {key: stored.get(key) for key in acknowledged} == acknowledged
    assert set(acknowledged.values()) <= existing
    assert len(existing) == filed_before + len(stored)  # a filing is committed if and only if its key is

    # The requests the kill cut off are retried: each is filed exactly once, whether or not it had been committed.
    server = start_server(url, tmp_path, port)
    try:
        headers = token(base)
        for key, body in bodies.items():
            if key not in acknowledged:
                response = httpx.post(f"{base}/api/v1/filings", headers=headers | {"Idempotency-Key": key},
                                      json=body, timeout=10)
                assert response.status_code == 201, response.text
        assert count(db, IdempotentRequest) == len(bodies)
        assert count(db, FilingApplication) == filed_before + len(bodies)
    finally:
        server.kill()
        server.wait()
        db.engine.dispose()


def test_two_first_uses_of_a_key_at_once_answer_409_to_one_and_keep_one(db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite runs one write transaction at a time")
    actor_id, key = actor_named(db, "demo-party").id, f"race-{uuid.uuid4()}"
    both_looked = threading.Barrier(2, timeout=10)
    outcomes = []

    def run() -> MessageOut:
        both_looked.wait()  # both have missed the stored response: neither sees the other's
        return MessageOut(message="done")

    def use_key():
        try:
            with db.transaction() as session:
                outcomes.append(idempotency.once(session, actor_id=actor_id, key=key, operation="race", request={},
                                                 run=run))
        except Conflict as refused:
            outcomes.append(refused.message)

    threads = [threading.Thread(target=use_key) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes, key=str) == sorted([{"message": "done"}, "相同的请求正在处理，请稍后重试"], key=str)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(IdempotentRequest)
                              .where(IdempotentRequest.key == key)) == 1
