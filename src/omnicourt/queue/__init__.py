"""Background work as jobs of a maintained queue library, run by `omnicourt worker` beside the web server, never in a
request: procrastinate on PostgreSQL, huey on SQLite, or dramatiq on RabbitMQ or Redis (what each guarantees: their
modules).

Define a job with `registry.job`; defer it with `open_queue(settings).defer(name, **arguments)`; a long job reports
progress with `context.progress(done, total)`, read by `omnicourt jobs status`; a page that started a job shows the
progress its domain keeps (filing/batches.py: an element sheet's rows).
"""

import logging
from typing import Protocol

from sqlalchemy import event

from omnicourt.errors import Unavailable
from omnicourt.queue.registry import Job, load
from omnicourt.settings import Settings

log = logging.getLogger(__name__)

BACKENDS = ("procrastinate", "huey", "dramatiq")


class AlreadyWaiting(Exception):
    """A periodic job already has a run waiting (deferring it again adds nothing)."""


class Queue(Protocol):
    name: str
    jobs: dict[str, Job]

    def defer(self, name: str, **arguments) -> str:
        """Queue one run of the job `name`; returns its run id (the key of its progress)."""

    def defer_many(self, name: str, arguments: list[dict]) -> None: ...

    def waiting(self) -> int:
        """Jobs queued and not yet taken (with retries waiting for their time)."""

    def work(self, *, concurrency: int) -> None:
        """Run jobs and the periodic schedule until the process is told to stop."""

    def drain(self) -> None:
        """Run the due jobs in this process until none is left (benchmarks, tests)."""

    def close(self) -> None: ...


def defer_or_refuse(queue: Queue, name: str, *, refusal: str, **arguments) -> str:
    """Defer the job, or refuse the request with 503 and `refusal` (in Chinese) when the queue cannot take it: the
    request that asked is told to try again, never left waiting for a job that was not queued."""
    try:
        return queue.defer(name, **arguments)
    except Exception as error:
        log.exception("job %s not queued (%s)", name, arguments)
        raise Unavailable(refusal) from error


def defer_on_commit(session, queue: Queue, name: str, **arguments) -> None:
    """Defer the job when the SQLAlchemy `session`'s transaction commits; a rollback defers nothing. A queue away
    for a moment loses the run (logged): callers name what makes up for it."""

    def defer(_session) -> None:
        try:
            queue.defer(name, **arguments)
        except Exception:  # noqa: BLE001 - the transaction has committed: nothing to undo, see above
            log.exception("job %s not queued (%s)", name, arguments)

    event.listen(session, "after_commit", defer, once=True)


def backend_for(settings: Settings) -> str:
    if settings.queue_backend:
        if settings.queue_backend not in BACKENDS:
            raise ValueError(f"OMNICOURT_QUEUE_BACKEND: one of {', '.join(BACKENDS)}, not {settings.queue_backend!r}")
        return settings.queue_backend
    return "huey" if settings.database_url.startswith("sqlite") else "procrastinate"


def open_queue(settings: Settings, *, periodic: bool = True, jobs: dict[str, Job] | None = None) -> Queue:
    """The configured queue with every job of the platform and of settings.queue_job_modules (or `jobs`);
    periodic=False leaves out the schedule (a process that only defers or drains)."""
    jobs = jobs if jobs is not None else load(settings.queue_job_modules)
    backend = backend_for(settings)
    if backend == "procrastinate":
        from omnicourt.queue.procrastinate_queue import ProcrastinateQueue

        return ProcrastinateQueue(settings, jobs, periodic=periodic)
    if backend == "dramatiq":
        from omnicourt.queue.dramatiq_queue import DramatiqQueue

        return DramatiqQueue(settings, jobs, periodic=periodic)
    from omnicourt.queue.huey_queue import HueyQueue

    return HueyQueue(settings, jobs, periodic=periodic)
