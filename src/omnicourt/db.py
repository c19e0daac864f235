"""Engine, sessions and the declarative base. One transaction per use case: see `transaction`."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, Numeric, Table, create_engine, event, exc, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from omnicourt import clock

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets BIGINT.
BigId = BigInteger().with_variant(Integer, "sqlite")
Money = Numeric(18, 2)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def table_of(model: type[Base]) -> Table:
    """The Table a model is declared on, for Core statements (SQLAlchemy types `__table__` as any FromClause)."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a single table")
    return table


class UtcDateTime(TypeDecorator):
    """Timestamps stored as UTC and always returned timezone-aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def utcnow() -> datetime:
    return clock.utcnow()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        # BEGIN IMMEDIATE: SQLite takes the write lock at the start, so two writers never
        # deadlock on a lock upgrade; writers queue, as on PostgreSQL's row locks.
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    engine = create_engine(url, pool_size=20, max_overflow=20)
    event.listen(engine.pool, "checkin", _note_idle_since)
    event.listen(engine.pool, "checkout", _ping_if_idle)
    return engine


# A connection idle this long is pinged before use; a busy worker's connections are not (SQLAlchemy's pool_pre_ping
# pings on every checkout: a round trip per request). A server restart while connections are busy fails one request
# per worker: SQLAlchemy then drops the pool's older connections.
PING_AFTER_IDLE_SECONDS = 10.0


def _note_idle_since(_dbapi_connection, record) -> None:
    record.info["idle_since"] = time.monotonic()


def _ping_if_idle(dbapi_connection, record, _proxy) -> None:
    if time.monotonic() - record.info.get("idle_since", 0.0) < PING_AFTER_IDLE_SECONDS:
        return
    try:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not dbapi_connection.autocommit:
            dbapi_connection.rollback()  # the ping's transaction: the checkout hands over an idle connection
    except Exception as error:  # the server went away: the pool retries with a new connection
        raise exc.DisconnectionError() from error


def _sqlite_begin(conn):
    immediate = conn.get_execution_options().get("writes", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _sqlite_pragmas(dbapi_connection, _record):
    dbapi_connection.isolation_level = None  # let the "begin" listener issue BEGIN
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _refuse_writes(session: Session, _context, _instances) -> None:
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("Database.reading() does not write: use Database.transaction()")


class Database:
    """An engine and its session factory; the app and the CLI each hold one. With `replica_url` (a streaming replica
    of the same PostgreSQL, OMNICOURT_READ_DATABASE_URL) the reads that may be a moment old go to it:
    `reading_replica`."""

    def __init__(self, url: str, replica_url: str = ""):
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # SQLite reads in a transaction as usual: its BEGIN (the begin listener) costs no round trip.
        reads = self.engine if self.is_sqlite else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self._reads = sessionmaker(reads, expire_on_commit=False)
        event.listen(self._reads, "before_flush", _refuse_writes)
        self.replica_engine = make_engine(replica_url) if replica_url else self.engine
        # Read-only even on the primary, so a write slipped into a replica read fails with or without a replica.
        read_only = {"postgresql_readonly": True} if self.replica_engine.dialect.name == "postgresql" else {}
        self._replica_sessions = sessionmaker(self.replica_engine.execution_options(**read_only),
                                              expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One use case, one transaction: commit at the end, roll back on any error."""
        with self.sessions() as session, session.begin():
            session.connection(execution_options={"writes": True})
            yield session

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """Reads that must agree with each other (a walk of the audit chain against its heads) or stream rows
        (yield_per): one read-only transaction seeing one snapshot (REPEATABLE READ on PostgreSQL; SQLite's
        transactions always do)."""
        options = {} if self.is_sqlite else {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        with self.sessions() as session, session.begin():
            session.connection(execution_options=options)
            yield session

    @contextmanager
    def reading_replica(self) -> Iterator[Session]:
        """A read that may lag the primary by the replica's replay delay (the dashboard, the case-base search):
        from the replica when one is configured, else from the primary; read-only on PostgreSQL either way. Never
        for what must see its own write (a party's filing, a case page)."""
        with self._replica_sessions() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """Reads that write nothing. On PostgreSQL outside a transaction, which saves the BEGIN and ROLLBACK round
        trips of every page: at READ COMMITTED each statement sees its own snapshot, inside a transaction or not.
        A write here is refused (on PostgreSQL it would commit at once)."""
        with self._reads() as session:
            yield session


def sync_id_sequence(session: Session, table: str) -> None:
    """After rows were written with explicit ids, move PostgreSQL's id sequence past them."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table}"
        ))
