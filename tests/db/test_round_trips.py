"""Reads cost no transaction round trips on PostgreSQL and refuse writes; reads that must agree share one
snapshot; a pooled connection idle for a while is checked before use, and replaced when the server dropped it."""

import threading

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError

from omnicourt import db as db_module
from omnicourt.db import Database
from omnicourt.security.models import Account


@pytest.fixture
def own_db(db):
    """A Database of its own on the test database, so its pool starts empty and is disposed of here."""
    plain = Database(db.url)
    yield plain
    plain.engine.dispose()


def test_a_read_on_postgresql_runs_outside_a_transaction(own_db):
    with own_db.reading() as session:
        session.scalar(select(Account.id).limit(1))
        raw = session.connection().connection.dbapi_connection
        if own_db.is_sqlite:
            assert session.in_transaction()
            return
        # No BEGIN was sent: the connection is idle between statements, so no ROLLBACK is owed either.
        assert raw.info.transaction_status.name == "IDLE"


def test_a_write_inside_a_read_is_refused_and_nothing_is_written(own_db):
    with own_db.reading() as session:
        account = session.scalar(select(Account).where(Account.username == "demo-judge"))
        before = account.display_name
        account.display_name = "改写"
        with pytest.raises(RuntimeError, match="does not write"):
            session.flush()
    with own_db.reading() as session:
        assert session.scalar(select(Account.display_name).where(Account.username == "demo-judge")) == before


def test_a_snapshot_does_not_see_a_write_committed_after_it_began(own_db):
    if own_db.is_sqlite:
        pytest.skip("SQLite runs one writer at a time: a write cannot commit while the snapshot's file lock is held")
    name = "快照前"
    with own_db.transaction() as session:
        session.execute(update(Account).where(Account.username == "demo-judge").values(display_name=name))
    with own_db.snapshot() as session:
        assert session.scalar(select(Account.display_name).where(Account.username == "demo-judge")) == name

        def write():
            with own_db.transaction() as other:
                other.execute(update(Account).where(Account.username == "demo-judge").values(display_name="快照后"))

        writer = threading.Thread(target=write)
        writer.start()
        writer.join()
        assert session.scalar(select(Account.display_name).where(Account.username == "demo-judge")) == name
    with own_db.reading() as session:
        assert session.scalar(select(Account.display_name).where(Account.username == "demo-judge")) == "快照后"


def _pooled_connection_dropped_by_the_server(own_db) -> int:
    """Leave one connection in the pool and end it from another, as a server restart would; its backend pid."""
    with own_db.reading() as session:
        pid = session.scalar(text("SELECT pg_backend_pid()"))
    killer = Database(own_db.url)
    try:
        with killer.reading() as session:
            assert session.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    finally:
        killer.engine.dispose()
    return pid


def test_a_connection_the_server_dropped_while_idle_is_replaced_before_use(own_db, monkeypatch):
    if own_db.is_sqlite:
        pytest.skip("SQLite has no server to lose")
    pid = _pooled_connection_dropped_by_the_server(own_db)
    monkeypatch.setattr(db_module, "PING_AFTER_IDLE_SECONDS", 0.0)  # the pooled connection counts as idle
    with own_db.reading() as session:
        assert session.scalar(text("SELECT pg_backend_pid()")) != pid  # no error: the dead one was replaced


def test_a_busy_connection_is_used_without_a_ping(own_db, monkeypatch):
    """The price of no round trip per checkout: a connection dropped while the worker was busy fails the one
    statement that meets it, and the pool then starts afresh."""
    if own_db.is_sqlite:
        pytest.skip("SQLite has no server to lose")
    pid = _pooled_connection_dropped_by_the_server(own_db)
    monkeypatch.setattr(db_module, "PING_AFTER_IDLE_SECONDS", 3600.0)  # used a moment ago: not pinged
    with pytest.raises(DBAPIError) as failed, own_db.reading() as session:
        session.scalar(text("SELECT 1"))
    assert failed.value.connection_invalidated
    with own_db.reading() as session:
        assert session.scalar(text("SELECT pg_backend_pid()")) != pid
