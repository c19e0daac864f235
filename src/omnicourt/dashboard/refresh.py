"""Running `updates.refresh` in-process: after each successful write request, and once a minute.

One daemon thread per app. A write request only sets a flag (the response is not held up); the
thread applies the new events in the background, so the screen lags a write by well under a
second. The minute tick picks up events written by other processes (the CLI, other workers);
the watermark row lock keeps concurrent appliers from counting a change twice.
"""

import logging
import threading

from fastapi import FastAPI, Request

from omnicourt.dashboard import updates

log = logging.getLogger("omnicourt.dashboard")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class Refresher:
    def __init__(self, db, *, interval: float = 60.0):
        self.db = db
        self.interval = interval
        self._wake = threading.Event()
        self._start = threading.Lock()
        self._thread: threading.Thread | None = None

    def poke(self) -> None:
        """Ask for a refresh soon; starts the thread on first use."""
        self._ensure_running()
        self._wake.set()

    def _ensure_running(self) -> None:
        with self._start:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="dashboard-refresh", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            self._wake.wait(self.interval)
            self._wake.clear()
            try:
                updates.refresh(self.db)
            except Exception:  # the screen lags until the next try; the request that wrote is unaffected
                log.exception("dashboard refresh failed")


def install(app: FastAPI, *, interval: float = 60.0) -> Refresher:
    """Refresh the aggregates after every successful write request and every `interval` seconds."""
    refresher = Refresher(app.state.db, interval=interval)
    app.state.dashboard_refresher = refresher

    @app.middleware("http")
    async def refresh_after_writes(request: Request, call_next):
        response = await call_next(request)
        if request.method in WRITES and response.status_code < 400:
            refresher.poke()
        return response

    return refresher
