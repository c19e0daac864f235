"""Without OMNICOURT_READ_DATABASE_URL the reads that may lag read the primary, read-only on PostgreSQL all the same,
and the connection goes back to the pool able to write."""

import psycopg
import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError

from omnicourt.app import create_app
from omnicourt.db import Database
from omnicourt.security.models import Account


def test_an_app_without_a_read_url_reads_its_one_database(settings):
    db = create_app(settings).state.db
    assert settings.read_database_url == ""
    assert db.replica_engine is db.engine


def test_without_a_replica_the_read_path_is_the_primary(db):
    plain = Database(db.url)
    try:
        with plain.reading() as session:
            accounts = session.scalar(select(func.count()).select_from(Account))
        with plain.reading_replica() as session:
            assert session.scalar(select(func.count()).select_from(Account)) == accounts > 0
        if plain.is_sqlite:
            return
        with plain.reading_replica() as session:
            assert session.scalar(text("SHOW transaction_read_only")) == "on"
            with pytest.raises(DBAPIError) as refused:
                session.execute(update(Account).where(Account.username == "demo-judge").values(display_name="改写"))
            assert isinstance(refused.value.orig, psycopg.errors.ReadOnlySqlTransaction)
        with plain.transaction() as session:  # the same pooled connection, writable again
            assert session.scalar(text("SHOW transaction_read_only")) == "off"
        assert plain.engine.pool.checkedin() == 1
    finally:
        plain.engine.dispose()
