"""Password strength, change and reset (a single-use token by text message, stored hashed)."""

import hashlib
import re
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from omnicourt.db import utcnow
from omnicourt.security import passwords, sms
from omnicourt.security.models import PasswordReset
from omnicourt.security.passwords import weakness
from tests.factories import id_number
from tests.security.conftest import PASSWORD

NEW_PASSWORD = "violet-lantern-47"


def test_the_shipped_hash_is_argon2id_at_rfc_9106_s_cost(shipped_password_hashing):
    """The tests hash at the smallest cost (tests/conftest.py); the platform itself hashes at this one."""
    stored = passwords.hash_password(PASSWORD)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert passwords.check_password(stored, PASSWORD) and not passwords.check_password(stored, NEW_PASSWORD)


@pytest.mark.parametrize("password", ["        ", "12345678", "87654321", "abcdefgh", "aaaaaaaa", "password1",
                                      "qwertyuiop", "1qaz2wsx", "short", "x" * 129])
def test_weak_passwords_are_refused(password):
    assert weakness(password) is not None


@pytest.mark.parametrize("password", [PASSWORD, NEW_PASSWORD, "Tr0ub4dor&3x", "春眠不觉晓处处闻啼鸟"])
def test_strong_passwords_pass(password):
    assert weakness(password) is None


def test_a_password_may_not_contain_the_user_name():
    assert weakness("zhangwei-2024!x", username="zhangwei") == "密码不能包含用户名"


@pytest.mark.parametrize("password", ["        ", "12345678"])
def test_registration_refuses_a_weak_password(make_client, password):
    response = make_client().post("/api/v1/auth/register", json={
        "username": f"sec-{uuid.uuid4().hex[:10]}", "password": password, "person_type": "natural", "name": "王五",
        "phone": "13900000009", "id_number": id_number()})
    assert response.status_code == 422 and response.json()["field"] == "password"


def login(client, username, password):
    return client.post("/api/v1/auth/login", json={"username": username, "password": password})


def test_changing_the_password_closes_the_other_sessions(make_client, account):
    client, other = make_client(), make_client()
    token = login(client, account["username"], PASSWORD).json()["token"]
    other_token = login(other, account["username"], PASSWORD).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    weak = client.post("/api/v1/auth/password", headers=headers,
                       json={"current_password": PASSWORD, "new_password": "12345678"})
    assert weak.status_code == 422 and weak.json()["field"] == "new_password"
    wrong = client.post("/api/v1/auth/password", headers=headers,
                        json={"current_password": "not-it", "new_password": NEW_PASSWORD})
    assert wrong.status_code == 422 and wrong.json()["field"] == "current_password"
    assert client.post("/api/v1/auth/password", headers=headers,
                       json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}).status_code == 204
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 200
    assert other.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {other_token}"}).status_code == 401
    assert login(make_client(), account["username"], NEW_PASSWORD).status_code == 200


@pytest.fixture
def texts(monkeypatch):
    sent = []
    monkeypatch.setattr(sms, "log_only", lambda phone, message: sent.append((phone, message)))
    return sent


def run_jobs(client) -> None:
    """What `omnicourt worker` does with the jobs the app deferred (the text message is one), here."""
    if getattr(client.app.state, "queue", None) is not None:
        client.app.state.queue.drain()


def reset_token(message: str) -> str:
    return re.search(r"token=([\w-]+)", message).group(1)


def test_a_reset_link_is_texted_works_once_and_is_stored_hashed(make_client, account, texts, db):
    client = make_client()
    asked = client.post("/api/v1/auth/password-reset", json={"username": account["username"], "phone": "13900000001"})
    assert asked.status_code == 202
    assert texts == []  # the request only deferred the job
    run_jobs(client)
    (phone, message), = texts
    token = reset_token(message)
    assert phone == "13900000001"
    with db.reading() as session:
        stored = session.scalars(select(PasswordReset.token_hash).where(PasswordReset.account_id == account["id"]))
        assert list(stored) == [hashlib.sha256(token.encode()).hexdigest()]
    session_token = login(client, account["username"], PASSWORD).json()["token"]
    confirm = {"token": token, "new_password": NEW_PASSWORD}
    assert client.post("/api/v1/auth/password-reset/confirm", json=confirm).status_code == 204
    again = client.post("/api/v1/auth/password-reset/confirm", json={**confirm, "new_password": "another-pass-93"})
    assert again.status_code == 422 and again.json()["field"] == "token"
    assert client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {session_token}"}).status_code == 401
    assert login(make_client(), account["username"], NEW_PASSWORD).status_code == 200


def test_an_expired_reset_link_is_refused(make_client, account, texts, db):
    client = make_client()
    client.post("/api/v1/auth/password-reset", json={"username": account["username"], "phone": "13900000001"})
    run_jobs(client)
    with db.transaction() as session:
        session.execute(update(PasswordReset).where(PasswordReset.account_id == account["id"])
                        .values(expires_at=utcnow() - timedelta(seconds=1)))
    refused = client.post("/api/v1/auth/password-reset/confirm",
                          json={"token": reset_token(texts[0][1]), "new_password": NEW_PASSWORD})
    assert refused.status_code == 422
    assert login(make_client(), account["username"], PASSWORD).status_code == 200


def test_a_reset_for_a_wrong_phone_or_unknown_name_answers_the_same_and_sends_nothing(make_client, account, texts):
    client = make_client()
    wrong_phone = client.post("/api/v1/auth/password-reset",
                              json={"username": account["username"], "phone": "13800000000"})
    unknown = client.post("/api/v1/auth/password-reset", json={"username": "no-such-user", "phone": "13900000001"})
    assert wrong_phone.status_code == unknown.status_code == 202
    assert wrong_phone.json() == unknown.json()
    run_jobs(client)
    assert texts == []


def test_the_reset_pages_take_the_new_password(make_client, account, texts):
    client = make_client()
    form = client.get("/password/forgot")
    csrf = form.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    sent = client.post("/password/forgot", data={"username": account["username"], "phone": "13900000001",
                                                 "csrf_token": csrf})
    assert sent.status_code == 200 and "重置链接已通过短信发送" in sent.text
    run_jobs(client)
    token = reset_token(texts[0][1])
    page = client.get("/password/reset", params={"token": token})
    assert f'value="{token}"' in page.text
    done = client.post("/password/reset", data={"token": token, "new_password": NEW_PASSWORD, "csrf_token": csrf},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/login"
    assert login(make_client(), account["username"], NEW_PASSWORD).status_code == 200


def test_a_reset_link_is_built_on_the_configured_base_never_on_the_host_header(make_client, account, texts):
    client = make_client(public_base_url="https://court.example.cn")
    client.post("/api/v1/auth/password-reset", headers={"Host": "evil.example"},
                json={"username": account["username"], "phone": "13900000001"})
    run_jobs(client)
    (_, message), = texts
    assert "evil.example" not in message
    assert re.search(r"https://court\.example\.cn/password/reset\?token=[\w-]+", message)
