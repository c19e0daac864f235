"""Background work in-process (the default; product.md): the periodic sweeps run in one daemon thread,
started with the first request the app serves. Of several workers or servers on one database, only the one
holding the sweep lease runs them (each job is idempotent anyway; the lease saves the others the work)."""

import fcntl
import logging
import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from fastapi import FastAPI, Request
from sqlalchemy import text

from omnicourt import clock
from omnicourt.audit import service as audit
from omnicourt.db import Database
from omnicourt.deadlines import sweep as deadline_sweep
from omnicourt.retrieval import casebase
from omnicourt.settings import Settings
from omnicourt.supervision import sweep as supervision_sweep

log = logging.getLogger("omnicourt.jobs")
Job = Callable[..., object]
# Deadline warnings, the long-pending ledger and overdue supervision notices, closed cases into the case base,
# then the audit chain heads anchored outside the database (last, so it covers what the others recorded).
# Each is called as job(db, settings, today=...).
SWEEPS: tuple[Job, ...] = (deadline_sweep.run, supervision_sweep.run, casebase.run, audit.run)


def run_all(db: Database, settings: Settings, *, today: date | None = None, jobs: Sequence[Job] = SWEEPS
            ) -> list[object]:
    """Run every sweep once; `omnicourt sweep` and the hourly thread both call this, with their own settings."""
    return [job(db, settings, today=today or clock.today()) for job in jobs]


# Any fixed 64-bit numbers: the keys of the PostgreSQL advisory locks, one per lease name.
LOCK_KEYS = {"sweeps": 0x0C0_5EE9, "test": 0x0C0_7E57}


class SweepLease:
    """Held by at most one process per database: a session-level advisory lock on PostgreSQL (released by the
    server if the process dies), an flock on a file beside the database on SQLite."""

    def __init__(self, db: Database, name: str = "sweeps"):
        self.db, self.name, self.key = db, name, LOCK_KEYS[name]
        self._connection = None
        self._file = None

    def acquire(self) -> bool:
        if self.held:
            return True
        if self.db.is_sqlite:
            return self._acquire_file()
        connection = self.db.engine.connect()
        if connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}).scalar():
            connection.commit()
            self._connection = connection
            return True
        connection.close()
        return False

    @property
    def held(self) -> bool:
        return self._connection is not None or self._file is not None

    def release(self) -> None:
        if self._connection is not None:
            self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
            self._connection.close()
            self._connection = None
        if self._file is not None:
            self._file.close()
            self._file = None

    def _acquire_file(self) -> bool:
        database = self.db.url.removeprefix("sqlite:///")
        path = Path(f"{database}.{self.name}.lock") if database and database != "sqlite://" else None
        if path is None:  # an in-memory database belongs to one process
            self._file = open("/dev/null")  # noqa: SIM115 - held for the process lifetime
            return True
        handle = open(path, "a")  # noqa: SIM115 - held for the process lifetime
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._file = handle
        return True


class Sweeper:
    def __init__(self, db: Database, settings: Settings, *, interval: float):
        self.db, self.settings, self.interval = db, settings, interval
        self.lease = SweepLease(db)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def ensure_running(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="sweeps", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        pause = threading.Event()
        while True:
            try:
                if self.lease.acquire():  # retried each tick, so another process takes over if the holder dies
                    run_all(self.db, self.settings)
            except Exception:  # retried at the next tick; requests are unaffected
                log.exception("sweep failed")
            pause.wait(self.interval)


def install(app: FastAPI, *, interval: float = 3600.0) -> Sweeper:
    """Start the hourly sweeps with the first request the app serves, under the app's settings."""
    sweeper = Sweeper(app.state.db, app.state.settings, interval=interval)

    @app.middleware("http")
    async def start_sweeping(request: Request, call_next):
        sweeper.ensure_running()
        return await call_next(request)

    return sweeper
