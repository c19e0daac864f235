"""Shared fixtures: a migrated database on SQLite and, when OMNICOURT_TEST_POSTGRES_URL is set,
on PostgreSQL, each with the reference data and a small demo province."""

import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from omnicourt import clock, migrate, runtime
from omnicourt.db import Database
from omnicourt.demo import loader
from omnicourt.reference import service as reference
from omnicourt.security import passwords
from omnicourt.security import service as security
from omnicourt.security.models import Account
from omnicourt.settings import Settings

POSTGRES_URL = os.environ.get("OMNICOURT_TEST_POSTGRES_URL")
# The audit key and anchors, the signing keys' sealing key and the simulated gateway's key of a test run stay out
# of var/ (child processes of the tests inherit these).
_AUDIT_DIR = tempfile.mkdtemp(prefix="omnicourt-audit-")
os.environ.setdefault("OMNICOURT_AUDIT_KEY_FILE", os.path.join(_AUDIT_DIR, "audit.key"))
os.environ.setdefault("OMNICOURT_AUDIT_ANCHOR_FILE", os.path.join(_AUDIT_DIR, "audit-anchors.jsonl"))
os.environ.setdefault("OMNICOURT_SIGNING_KEY_FILE", os.path.join(_AUDIT_DIR, "signing.key"))
os.environ.setdefault("OMNICOURT_PAYMENT_SIMULATOR_KEY_FILE", os.path.join(_AUDIT_DIR, "payment-simulator.key"))
# The test session is a process root like create_app and the command: the zone, data tables and audit key.
runtime.configure(Settings())
# A password hash at the shipped cost (argon2id, RFC 9106: 64 MiB, 3 passes, 4 lanes) keeps both cores busy for a
# tenth of a second by design, and the tests register and sign in thousands of times: they hash with argon2id at
# its smallest cost, through the same code. SHIPPED_PASSWORD_HASHER is for the tests about the cost itself.
SHIPPED_PASSWORD_HASHER = passwords._hasher
passwords._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
DEMO_CASES = 300
TODAY = clock.today()


def _fresh_postgres(template: str | None = None) -> tuple[str, callable]:
    """A new database beside the one given (a copy of `template` if named), dropped at the end."""
    admin_url = make_url(POSTGRES_URL)
    name = f"omnicourt_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    admin.dispose()  # no idle connection held until the drop

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return admin_url.set(database=name).render_as_string(hide_password=False), drop


class MigratedDatabases:
    """New databases at the head of the migrations, each a copy of one migrated once per run: a SQLite file copied,
    a PostgreSQL database created from a template (CREATE DATABASE … TEMPLATE). Migrating takes seconds; a copy is
    the same schema at a fraction of that. The PostgreSQL copies are dropped together at the end of the run: each
    DROP DATABASE waits for a checkpoint, which costs seconds while the run keeps writing."""

    def __init__(self, folder: Path):
        self._folder, self._sqlite, self._postgres = folder, None, None
        self._drops: list[Callable[[], None]] = []

    def sqlite(self, path: Path) -> str:
        """The URL of a new migrated SQLite file at `path`."""
        if self._sqlite is None:
            self._sqlite = self._folder / "migrated.db"
            _migrated(Database(f"sqlite:///{self._sqlite}"))
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self._sqlite, path)
        return f"sqlite:///{path}"

    def postgres(self) -> tuple[str, Callable[[], None]]:
        """The URL of a new migrated PostgreSQL database, and what to call once done with it (it is dropped at the
        end of the run)."""
        if not POSTGRES_URL:
            pytest.skip("OMNICOURT_TEST_POSTGRES_URL is not set")
        if self._postgres is None:
            url, drop_template = _fresh_postgres()
            self._drops.append(drop_template)
            _migrated(Database(url))
            self._postgres = make_url(url).database
        url, drop = _fresh_postgres(template=self._postgres)
        self._drops.append(drop)
        return url, lambda: None

    def close(self) -> None:
        for drop in reversed(self._drops):  # the copies, then their template
            drop()


def _migrated(db: Database) -> None:
    migrate.upgrade(db)
    db.engine.dispose()  # a template database takes no copy while anyone is connected to it


@pytest.fixture(scope="session")
def migrated_databases(tmp_path_factory) -> Iterator[MigratedDatabases]:
    databases = MigratedDatabases(tmp_path_factory.mktemp("migrated"))
    yield databases
    databases.close()


def prepare(db: Database, cases: int = DEMO_CASES) -> None:
    settings = Settings()
    migrate.upgrade(db)
    with db.transaction() as session:
        reference.load(session, province=settings.province)
    loader.load_demo(db, settings, cases=cases, echo=lambda *_: None, today=TODAY)


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session", params=BACKENDS)
def backend_db(request, tmp_path_factory) -> Iterator[Database]:
    """One prepared database per backend for the whole run; tests make their own rows."""
    if request.param == "postgres":
        if not POSTGRES_URL:
            pytest.skip("OMNICOURT_TEST_POSTGRES_URL is not set")
        url, drop = _fresh_postgres()
    else:
        url, drop = f"sqlite:///{tmp_path_factory.mktemp('db') / 'omnicourt.db'}", None
    db = Database(url)
    prepare(db)
    yield db
    db.engine.dispose()
    if drop:
        drop()


@pytest.fixture
def db(backend_db) -> Database:
    return backend_db


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    # Every test client comes from one address and the databases live for the whole run: the per-address limits
    # are lifted here and exercised by tests/security with limits of their own.
    return Settings(storage_dir=tmp_path_factory.mktemp("documents"), database_url="sqlite://",
                    login_address_failures_per_window=10**6,
                    rate_limits={kind: (10**6, 10**6) for kind in Settings().rate_limits})


def actor_named(db: Database, username: str):
    with db.reading() as session:
        account = session.query(Account).filter_by(username=username).one()
        return security.actor_for(session, account)


@pytest.fixture
def server_in_utc(monkeypatch):
    """The process's local zone is UTC, as on a server kept in UTC (the court counts in its own zone)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
