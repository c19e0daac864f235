"""Schemathesis against /openapi.json with a party's and a judge's token: no request the schema allows, nor
any it does not (negative data), gets a 5xx. Bounded and derandomised, so the run is the same each time and
takes a few minutes at most."""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.python import asgi

from omnicourt.app import create_app
from omnicourt.db import Database
from omnicourt.demo.loader import DEMO_PASSWORD
from omnicourt.settings import Settings
from tests.conftest import prepare

EXAMPLES_PER_OPERATION = 25
ROLES = ("demo-party", "demo-judge")


def _documented_schema():
    """The OpenAPI of an app never called: operations are known at collection, the database comes later."""
    placeholder = create_app(settings=Settings(database_url="sqlite://"), db=Database("sqlite://"))
    # Sign-in is fuzzed by every other operation's tokens; its throttle would only turn examples into 429s.
    return schemathesis.openapi.from_dict(placeholder.openapi()).exclude(path="/api/v1/auth/login")


schema = _documented_schema()


@pytest.fixture(scope="module")
def signed_in(tmp_path_factory):
    """A client of the app over its own small demo province on SQLite (the fuzzer's writes touch no other
    test's rows), and a bearer token for each role."""
    root = tmp_path_factory.mktemp("fuzz")
    db = Database(f"sqlite:///{root / 'omnicourt.db'}")
    prepare(db, cases=40)
    app = create_app(settings=Settings(database_url=str(db.engine.url), storage_dir=root / "documents",
                                       retrieval_index_dir=root / "retrieval-index"), db=db)
    with asgi.get_client(app) as client:  # schemathesis's own client of an ASGI app, as `case.call` needs
        def login(username: str) -> dict[str, str]:
            response = client.post("/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD})
            assert response.status_code == 200, response.text
            return {"Authorization": f"Bearer {response.json()['token']}"}

        yield client, {role: login(role) for role in ROLES}
    db.engine.dispose()


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, deadline=None, database=None,
          phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error(case, signed_in):
    client, tokens = signed_in
    for role, headers in tokens.items():
        response = case.call(session=client, headers=headers)
        assert response.status_code < 500, f"{role}: {case.as_curl_command()} → {response.status_code}"
