"""With OMNICOURT_READ_DATABASE_URL set, the dashboard and the case-base search read the streaming replica: while the
replica's replay is paused they show the state before the latest writes and catch up once it resumes; every write,
and every read of one's own write (a party's filing, a case page, a case's similar cases), goes to the primary; a
write through the read path is refused."""

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text, update
from sqlalchemy.exc import DBAPIError

from omnicourt.app import create_app
from omnicourt.dashboard import updates
from omnicourt.retrieval.index import open_index
from omnicourt.retrieval.models import Judgment
from omnicourt.security.models import Account
from tests.app.conftest import bearer, username_of
from tests.factories import filing, register_party
from tests.retrieval.conftest import corpus, loan_case

pytestmark = pytest.mark.postgres

PARTY_PASSWORD = "correct-horse-9"  # tests.factories.register_party's


def in_recovery(session) -> bool:
    return session.scalar(text("SELECT pg_is_in_recovery()"))


def test_reads_that_may_lag_come_from_the_replica_and_cannot_write(replicated_db):
    with replicated_db.reading_replica() as session:
        assert in_recovery(session) is True
        with pytest.raises(DBAPIError) as refused:
            session.execute(update(Account).where(Account.username == "demo-judge").values(display_name="改写"))
        assert isinstance(refused.value.orig, psycopg.errors.ReadOnlySqlTransaction)
    with replicated_db.reading() as session:
        assert in_recovery(session) is False
    with replicated_db.transaction() as session:
        assert in_recovery(session) is False


@pytest.fixture
def index(tmp_path):
    return open_index("tantivy", tmp_path / "index")


@pytest.fixture
def client(replication, replicated_db, settings, index, tmp_path):
    """The whole app built from its settings, as `omnicourt serve` builds it: the primary and the read URL."""
    app = create_app(settings.model_copy(update={
        "database_url": replication.primary_url, "read_database_url": replication.replica_url,
        "retrieval_index_dir": tmp_path / "index"}))
    app.state.retrieval_index = index
    with TestClient(app) as test_client:
        yield test_client
    app.state.db.engine.dispose()
    app.state.db.replica_engine.dispose()


def province_filed(client, headers) -> tuple[int, int]:
    """The province's filed figure on the screen, and the number of cases its drill-down lists."""
    view = client.get("/api/v1/dashboard", headers=headers)
    listed = client.get("/api/v1/dashboard/cases", headers=headers, params={"measure": "filed"})
    assert view.status_code == 200 and listed.status_code == 200, (view.text, listed.text)
    return view.json()["figures"]["filed"], listed.json()["total"]


def test_the_dashboard_reads_the_replica_while_filing_and_acceptance_write_the_primary(client, replication,
                                                                                         replicated_db):
    assert client.app.state.db.replica_engine.url.port != client.app.state.db.engine.url.port
    high = bearer(client, "demo-high-president")
    officer = bearer(client, "demo-filing-officer")
    before = province_filed(client, high)
    with replication.replay_paused():
        with replicated_db.transaction() as session:
            party = register_party(session)
        headers = bearer(client, party.username, PARTY_PASSWORD)  # a sign-in writes its session: the primary
        submitted = client.post("/api/v1/filings", headers=headers,
                                json=filing(plaintiff_id=party.id_number).model_dump(mode="json"))
        assert submitted.status_code == 201, submitted.text
        application_id = submitted.json()["id"]
        assert client.get(f"/api/v1/filings/{application_id}", headers=headers).status_code == 200
        accepted = client.post(f"/api/v1/filings/{application_id}/acceptance", headers=officer)
        assert accepted.status_code == 200, accepted.text
        assert client.get(f"/api/v1/cases/{accepted.json()['id']}", headers=officer).status_code == 200
        updates.refresh(replicated_db)  # the dashboard's minute job: it writes the aggregates on the primary
        assert province_filed(client, high) == before  # the replica has not replayed any of it
        page = client.get("/bench/dashboard", headers=high)
        assert page.status_code == 200 and "审判态势" in page.text
    assert province_filed(client, high) == (before[0] + 1, before[1] + 1)


def test_the_case_base_search_reads_the_replica_and_a_cases_similar_cases_the_primary(client, replication,
                                                                                       replicated_db, settings, index):
    judge = bearer(client, "demo-judge")

    def found(query: str) -> list[int]:
        response = client.get("/api/v1/retrieval/search", headers=judge, params={"q": query})
        assert response.status_code == 200, response.text
        return [r["judgment"]["id"] for r in response.json()]

    def statutes() -> list[str]:
        response = client.get("/api/v1/retrieval/statutes", headers=judge, params={"cause": "民间借贷纠纷"})
        assert response.status_code == 200, response.text
        return [s["label"] for s in response.json()]

    with replication.replay_paused():
        ids = corpus(replicated_db, index)  # rows on the primary, documents in the index at once
        with replicated_db.reading() as session:
            assert session.get(Judgment, ids["guaranteed"]) is not None
        assert ids["guaranteed"] not in found("连带责任保证 罚息")  # the index's hit has no row on the replica yet
        assert "《民法典》第688条" not in statutes()
        case_id, case_judge = loan_case(replicated_db, settings)  # accepted a moment ago, not on the replica
        similar = client.get(f"/api/v1/retrieval/cases/{case_id}/similar",
                             headers=bearer(client, username_of(replicated_db, case_judge.id)))
        assert similar.status_code == 200, similar.text
        assert similar.json()["similar"][0]["judgment"]["id"] == ids["guaranteed"]
    assert ids["guaranteed"] in found("连带责任保证 罚息")
    assert "《民法典》第688条" in statutes()
