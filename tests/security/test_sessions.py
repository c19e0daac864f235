"""Sessions: idle timeout, a cap on concurrent sessions, and sign-out revoking the token actually used."""

from datetime import timedelta

from sqlalchemy import event, func, select, update

from omnicourt.db import utcnow
from omnicourt.security import service
from omnicourt.security.models import LoginSession
from tests.security.conftest import PASSWORD


def bearer_login(client, username):
    response = client.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return response.json()["token"]


def auth(token):
    return {"Authorization": f"Bearer {token}"}


def test_a_session_unused_past_the_idle_timeout_is_closed(make_client, account, db):
    client = make_client(session_idle_minutes=30)
    token = bearer_login(client, account["username"])
    assert client.get("/api/v1/auth/me", headers=auth(token)).status_code == 200
    with db.transaction() as session:
        session.execute(update(LoginSession).where(LoginSession.account_id == account["id"])
                        .values(last_seen_at=utcnow() - timedelta(minutes=31)))
    assert client.get("/api/v1/auth/me", headers=auth(token)).status_code == 401


def test_use_keeps_a_session_alive(make_client, account, db):
    client = make_client(session_idle_minutes=30)
    token = bearer_login(client, account["username"])
    with db.transaction() as session:
        session.execute(update(LoginSession).where(LoginSession.account_id == account["id"])
                        .values(last_seen_at=utcnow() - timedelta(minutes=29)))
    assert client.get("/api/v1/auth/me", headers=auth(token)).status_code == 200
    with db.reading() as session:
        seen = session.scalar(select(LoginSession.last_seen_at).where(LoginSession.account_id == account["id"]))
    assert utcnow() - seen < timedelta(minutes=1)


def test_past_the_cap_the_oldest_session_is_closed(make_client, account, db):
    client = make_client(sessions_per_account=3)
    tokens = [bearer_login(client, account["username"]) for _ in range(4)]
    assert client.get("/api/v1/auth/me", headers=auth(tokens[0])).status_code == 401
    assert all(client.get("/api/v1/auth/me", headers=auth(t)).status_code == 200 for t in tokens[1:])
    with db.reading() as session:
        count = session.scalar(select(func.count()).select_from(LoginSession)
                               .where(LoginSession.account_id == account["id"]))
    assert count == 3


def test_api_logout_revokes_the_bearer_token_even_beside_a_cookie(make_client, account):
    client = make_client()
    cookie_token = bearer_login(client, account["username"])  # the client now also holds a session cookie
    token = bearer_login(client, account["username"])
    assert client.cookies.get("oc_session") == token
    client.cookies.set("oc_session", cookie_token)
    assert client.post("/api/v1/auth/logout", headers=auth(token)).status_code == 204
    client.cookies.clear()
    assert client.get("/api/v1/auth/me", headers=auth(token)).status_code == 401
    assert client.get("/api/v1/auth/me", headers=auth(cookie_token)).status_code == 200


def test_resolve_refuses_an_expired_session(db, account, settings):
    with db.transaction() as session:
        token, _csrf = service.open_session(session, settings, account=service.get_account(session, account["id"]))
        session.execute(update(LoginSession).where(LoginSession.account_id == account["id"])
                        .values(expires_at=utcnow() - timedelta(seconds=1)))
    with db.reading() as session:
        assert service.resolve_session(session, settings, token) is None


def test_a_request_signs_in_with_one_query(make_client, account, db, settings):
    """Every request resolves its session: the session, the account and its bound number in one round trip."""
    client = make_client()
    token = bearer_login(client, account["username"])
    statements = []

    def count(conn, cursor, statement, *_):
        if not statement.lstrip().upper().startswith(("BEGIN", "SAVEPOINT", "RELEASE", "PRAGMA", "SET")):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with db.reading() as session:
            found = service.resolve_session(session, settings, token)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert found is not None and found.actor.id == account["id"]
    assert len(statements) == 1, statements
