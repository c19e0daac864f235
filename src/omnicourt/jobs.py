"""Background work in-process (the default; product.md): the periodic sweeps run in one daemon thread,
started with the first request the app serves. Each job is idempotent, so a restart or a second
worker running it too does no harm."""

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import date

from fastapi import FastAPI, Request

from omnicourt.db import Database
from omnicourt.deadlines import sweep as deadline_sweep
from omnicourt.supervision import sweep as supervision_sweep

log = logging.getLogger("omnicourt.jobs")
Job = Callable[..., object]
# Deadline warnings, then the long-pending ledger and overdue supervision notices.
SWEEPS: tuple[Job, ...] = (deadline_sweep.run, supervision_sweep.run)


def run_all(db: Database, *, today: date | None = None, jobs: Sequence[Job] = SWEEPS) -> list[object]:
    """Run every sweep once; `omnicourt sweep` and the hourly thread both call this."""
    return [job(db, today=today or date.today()) for job in jobs]


class Sweeper:
    def __init__(self, db: Database, *, interval: float):
        self.db, self.interval = db, interval
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
                run_all(self.db)
            except Exception:  # retried at the next tick; requests are unaffected
                log.exception("sweep failed")
            pause.wait(self.interval)


def install(app: FastAPI, *, interval: float = 3600.0) -> Sweeper:
    """Start the hourly sweeps with the first request the app serves."""
    sweeper = Sweeper(app.state.db, interval=interval)

    @app.middleware("http")
    async def start_sweeping(request: Request, call_next):
        sweeper.ensure_running()
        return await call_next(request)

    return sweeper
