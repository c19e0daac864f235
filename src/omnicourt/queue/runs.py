"""Running one job the same way under every backend, and the progress of tracked jobs (table job_runs).

Progress is written in short transactions of its own, apart from the job's work, so it shows while the job runs
and survives the job failing."""

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import cast

from sqlalchemy import CursorResult, delete, select

from omnicourt import clock
from omnicourt.db import Database
from omnicourt.queue.models import JobRun
from omnicourt.queue.registry import Job
from omnicourt.settings import Settings

log = logging.getLogger("omnicourt.queue")
KEEP_DAYS = 30  # finished jobs and runs older than this are removed by the daily clean-up
CLEAN = "queue.clean"  # the daily clean-up each backend runs
CLEAN_SCHEDULE = "17 19 * * *"  # 03:17 in China (cron lines are UTC), an hour with little else to do
CLAIMED = "claimed"  # the state of a periodic tick claimed by a worker (dramatiq_queue): no run, not listed


@dataclass
class JobContext:
    """What a job receives: the worker's database and settings, and a way to say how far it has come."""

    db: Database
    settings: Settings
    run_id: str | None = None  # None: an untracked job; progress() then does nothing
    last_attempt: bool = False  # a failure now is final: no retry follows (a job may record that it gave up)

    def progress(self, done: int, total: int | None = None, note: str = "") -> None:
        if self.run_id is None:
            return
        with self.db.transaction() as session:
            run = session.get_one(JobRun, self.run_id)  # written by execute() before the job started
            run.done, run.total, run.note, run.updated_at = done, total, note[:200], clock.utcnow()


def execute(job: Job, arguments: dict, *, run_id: str, attempt: int, db: Database, settings: Settings) -> object:
    """Run `job` once; a failure is recorded and raised again for the backend to retry."""
    if not job.tracked:
        return job.run(JobContext(db, settings, last_attempt=attempt > job.retries), **arguments)
    _started(db, run_id, job.name, attempt)
    try:
        result = job.run(JobContext(db, settings, run_id, last_attempt=attempt > job.retries), **arguments)
    except Exception as error:
        _ended(db, run_id, "failed", error=f"{type(error).__name__}: {error}"[:500])
        raise
    _ended(db, run_id, "succeeded")
    return result


def _started(db: Database, run_id: str, name: str, attempt: int) -> None:
    now = clock.utcnow()
    with db.transaction() as session:
        run = session.get(JobRun, run_id)
        if run is None:  # a retry keeps the row: same run, a further attempt
            run = JobRun(id=run_id, name=name, started_at=now)
            session.add(run)
        run.state, run.attempt, run.done, run.total, run.note = "running", attempt, 0, None, ""
        run.error, run.updated_at, run.finished_at = None, now, None


def _ended(db: Database, run_id: str, state: str, *, error: str | None = None) -> None:
    now = clock.utcnow()
    with db.transaction() as session:
        run = session.get_one(JobRun, run_id)  # written by _started()
        run.state, run.error, run.updated_at, run.finished_at = state, error, now, now


def recent(db: Database, limit: int = 20) -> list[JobRun]:
    """The latest runs, the most recently active first."""
    with db.reading() as session:
        return list(session.scalars(select(JobRun).where(JobRun.state != CLAIMED)
                                    .order_by(JobRun.updated_at.desc()).limit(limit)))


def forget_finished(db: Database, *, days: int = KEEP_DAYS) -> int:
    cutoff = clock.utcnow() - timedelta(days=days)
    with db.transaction() as session:
        # A DELETE's result is a CursorResult (it has a row count); Session.execute is typed for any statement.
        result = cast(CursorResult, session.execute(delete(JobRun).where(JobRun.finished_at < cutoff)))
        return result.rowcount
