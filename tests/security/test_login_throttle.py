"""Sign-in throttling: per address and per account, growing delays instead of lock-outs, the same time for an
unknown name, failures audited."""

import statistics
import time
import uuid
from datetime import timedelta

from sqlalchemy import select, update

from omnicourt.audit.models import AuditRecord
from omnicourt.db import utcnow
from omnicourt.security import passwords, throttle
from omnicourt.security.models import FailedLogin
from tests.security.conftest import PASSWORD, new_address


def login(client, username, password):
    return client.post("/api/v1/auth/login", json={"username": username, "password": password})


def test_delays_double_past_the_free_failures_up_to_the_cap():
    assert [throttle.delay_seconds(n, 5, 60) for n in range(4, 12)] == [0, 2, 4, 8, 16, 32, 60, 60]
    assert throttle.delay_seconds(10**6, 5, 60) == 60


def test_one_address_trying_many_names_is_slowed_down(make_client):
    client = make_client(login_address_failures_per_window=20)
    answers = [login(client, f"nobody-{uuid.uuid4().hex[:8]}", "guess-123").status_code for _ in range(21)]
    assert answers[:20] == [401] * 20
    blocked = login(client, f"nobody-{uuid.uuid4().hex[:8]}", "guess-123")
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) >= 1 and "秒后再试" in blocked.json()["detail"]


def test_an_attacker_elsewhere_does_not_lock_the_user_out(make_client, account):
    attacker = make_client()
    for _ in range(6):
        login(attacker, account["username"], "wrong-password")
    assert login(attacker, account["username"], PASSWORD).status_code == 429  # the attacker waits
    user = make_client()
    assert login(user, account["username"], PASSWORD).status_code == 200  # the user, from their address, does not


def test_a_name_tried_from_many_addresses_is_slowed_down_with_growing_delays(make_client, account, db):
    for _ in range(10):
        login(make_client(), account["username"], "wrong-password")
    first = login(make_client(), account["username"], PASSWORD)
    assert first.status_code == 429
    with db.transaction() as session:  # one more failure after the delay: the next delay is longer
        session.execute(update(FailedLogin).where(FailedLogin.username == account["username"])
                        .values(at=utcnow() - timedelta(seconds=3)))
    assert login(make_client(), account["username"], "wrong-password").status_code == 401
    second = login(make_client(), account["username"], PASSWORD)
    assert second.status_code == 429
    assert int(second.headers["Retry-After"]) > int(first.headers["Retry-After"])


def test_failed_logins_are_audited_with_the_address(make_client, account, db):
    address = new_address()
    client = make_client(address)
    assert login(client, account["username"], "wrong-password").status_code == 401
    assert login(client, "no-such-user-" + uuid.uuid4().hex[:6], "wrong-password").status_code == 401
    with db.reading() as session:
        records = session.scalars(select(AuditRecord).where(AuditRecord.action == "account.login_failed")
                                  .order_by(AuditRecord.id.desc()).limit(2)).all()
    assert [r.details["address"] for r in records] == [address, address]
    assert records[1].object_id == str(account["id"]) and records[0].object_id is None


def test_an_unknown_name_is_checked_against_a_dummy_hash(make_client, monkeypatch):
    checked = []
    real = passwords.check_password
    monkeypatch.setattr(passwords, "check_password", lambda h, p: checked.append(p) or real(h, p))
    assert login(make_client(), "no-such-user-" + uuid.uuid4().hex[:6], "some-password").status_code == 401
    assert checked == ["some-password"]


def test_unknown_and_known_names_take_about_as_long(shipped_password_hashing, make_client, account):
    def median_seconds(username: str) -> float:
        times = []
        for _ in range(5):
            client = make_client()
            started = time.perf_counter()
            assert login(client, username, "wrong-password").status_code == 401
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    known, unknown = median_seconds(account["username"]), median_seconds("no-such-user-" + uuid.uuid4().hex[:6])
    # Without the dummy hash an unknown name answers in a fraction of the time (no argon2 verification).
    assert unknown > known * 0.6, (known, unknown)


def test_a_success_clears_the_failures_of_that_address_only(make_client, account, db):
    address = new_address()
    login(make_client(), account["username"], "wrong-password")
    client = make_client(address)
    login(client, account["username"], "wrong-password")
    assert login(client, account["username"], PASSWORD).status_code == 200
    with db.reading() as session:
        left = session.scalars(select(FailedLogin.address).where(FailedLogin.username == account["username"])).all()
    assert len(left) == 1 and address not in left
