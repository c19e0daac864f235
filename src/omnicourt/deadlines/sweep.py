"""The deadline sweep: warnings before expiry and on overdue, run in-process every hour and by
`omnicourt deadlines sweep`. Each court's day starts fresh, so an hourly run sends each warning once
on the day its threshold is reached (DeadlineWarning rows make it idempotent)."""

import logging
import threading
from datetime import date

from fastapi import FastAPI, Request

from omnicourt.deadlines import service

log = logging.getLogger("omnicourt.deadlines")


def run(db, *, today: date | None = None) -> int:
    with db.transaction() as session:
        return service.sweep_warnings(session, today=today or date.today())


class Sweeper:
    def __init__(self, db, *, interval: float):
        self.db, self.interval = db, interval
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def ensure_running(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="deadline-sweep", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        stop = threading.Event()
        while True:
            try:
                run(self.db)
            except Exception:  # a failed sweep is retried at the next tick; requests are unaffected
                log.exception("deadline sweep failed")
            stop.wait(self.interval)


def install(app: FastAPI, *, interval: float = 3600.0) -> Sweeper:
    """Start the hourly sweep with the first request the app serves."""
    sweeper = Sweeper(app.state.db, interval=interval)

    @app.middleware("http")
    async def start_sweeping(request: Request, call_next):
        sweeper.ensure_running()
        return await call_next(request)

    return sweeper
