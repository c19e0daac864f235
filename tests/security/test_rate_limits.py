"""Request rate limits (429 with Retry-After and a Chinese message) and repeated denials audited once per
power of ten."""

import pytest
from sqlalchemy import select

from omnicourt.audit.models import AuditRecord
from omnicourt.cases.models import Case
from omnicourt.errors import TooManyRequests
from omnicourt.security.throttle import RATE_LIMITED, RateLimiter, RepeatCounter
from omnicourt.settings import Settings
from tests.app.test_permissions import api_routes
from tests.security.conftest import PASSWORD


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def limited_client(make_client, **changed):
    """A client of a new app with these limits changed, its windows on a clock that stands still."""
    client = make_client(rate_limits={**Settings().rate_limits, **changed})
    client.app.state.rate_limiter = RateLimiter(60, Clock())
    return client


def test_the_limiter_counts_per_key_in_fixed_windows():
    clock = Clock()
    limiter = RateLimiter(60, clock)
    for _ in range(3):
        limiter.check("search", "address:a", 3)
    limiter.check("search", "address:b", 3)
    with pytest.raises(TooManyRequests) as refused:
        limiter.check("search", "address:a", 3)
    assert refused.value.retry_after == 20 and "秒后再试" in refused.value.message
    clock.now += 20
    limiter.check("search", "address:a", 3)


def test_repeats_are_recorded_once_per_power_of_ten():
    counter = RepeatCounter(600, Clock())
    recorded = [n for n in (counter.to_record("k") for _ in range(150)) if n]
    assert recorded == [1, 10, 100]


def test_logins_from_one_address_are_limited(make_client, account):
    client = limited_client(make_client, login=(3, 100))
    for _ in range(3):
        assert client.post("/api/v1/auth/login", json={"username": account["username"],
                                                       "password": PASSWORD}).status_code == 200
    refused = client.post("/api/v1/auth/login", json={"username": account["username"], "password": PASSWORD})
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60 and "操作过于频繁" in refused.json()["detail"]


def test_logins_to_one_account_are_limited_across_addresses(make_client, account):
    first = limited_client(make_client, login=(100, 2))
    second = make_client(app=first.app)
    body = {"username": account["username"], "password": PASSWORD}
    assert first.post("/api/v1/auth/login", json=body).status_code == 200
    assert second.post("/api/v1/auth/login", json=body).status_code == 200
    assert second.post("/api/v1/auth/login", json=body).status_code == 429


def test_registration_is_limited_per_address(make_client):
    client = limited_client(make_client, register=(2, 2))
    answers = [client.post("/api/v1/auth/register", json={"username": "x"}).status_code for _ in range(3)]
    assert answers == [422, 422, 429]


def test_listings_are_limited_per_account_across_addresses(make_client, account):
    first = limited_client(make_client, listing=(100, 2))
    token = first.post("/api/v1/auth/login", json={"username": account["username"], "password": PASSWORD}).json()
    headers = {"Authorization": f"Bearer {token['token']}"}
    assert first.get("/api/v1/cases", headers=headers).status_code == 200
    assert make_client(app=first.app).get("/api/v1/filings", headers=headers).status_code == 200
    refused = make_client(app=first.app).get("/api/v1/cases", headers=headers)
    assert refused.status_code == 429 and refused.headers["Retry-After"]


def test_every_limited_route_exists_and_every_kind_has_a_limit(make_client):
    routes = set(api_routes(make_client().app))
    assert set(RATE_LIMITED) <= routes
    assert set(RATE_LIMITED.values()) == set(Settings().rate_limits)


def test_repeated_denials_are_audited_once_per_power_of_ten(make_client, account, db):
    client = make_client()
    client.app.state.denials = RepeatCounter(600, Clock())
    token = client.post("/api/v1/auth/login", json={"username": account["username"], "password": PASSWORD}).json()
    headers = {"Authorization": f"Bearer {token['token']}"}
    assert all(client.get("/api/v1/deadlines/queue", headers=headers).status_code == 403 for _ in range(25))
    with db.reading() as session:
        records = session.scalars(select(AuditRecord).where(AuditRecord.action == "access.denied",
                                                            AuditRecord.actor_id == account["id"])
                                  .order_by(AuditRecord.id)).all()
    assert [r.details["count_in_window"] for r in records] == [1, 10]


def test_denials_on_one_route_count_together_whatever_the_ids(make_client, account, db):
    client = make_client()
    client.app.state.denials = RepeatCounter(600, Clock())
    token = client.post("/api/v1/auth/login", json={"username": account["username"], "password": PASSWORD}).json()
    headers = {"Authorization": f"Bearer {token['token']}"}
    with db.reading() as session:
        others = session.scalars(select(Case.id).limit(12)).all()
    # a party is told 404 for cases not its own (concealed), audited like any denial
    assert all(client.get(f"/api/v1/cases/{case_id}", headers=headers).status_code == 404 for case_id in others)
    with db.reading() as session:
        records = session.scalars(select(AuditRecord).where(AuditRecord.action == "access.denied",
                                                            AuditRecord.actor_id == account["id"])
                                  .order_by(AuditRecord.id)).all()
    assert [r.details["count_in_window"] for r in records] == [1, 10]
