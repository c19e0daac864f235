"""The queue on SQLite: huey, in a file of its own beside the database (`<database>.queue`); nothing to install.

What the library gives: retries with a doubling wait, periodic jobs on cron lines (minute precision), a consumer
with worker threads. What it lacks, and what follows on a laptop:
- A job whose worker is killed mid-way (kill -9, power lost) is lost: huey removes a job from its queue when a worker
  takes it and keeps no acknowledgement. The periodic jobs come back at their next tick (each is idempotent); a
  deferred one-off job must be deferred again. PostgreSQL (procrastinate) takes such jobs up again.
- huey enqueues periodic jobs in every consumer; `read_periodic` below claims each tick in huey's own key store
  first, so a tick runs once whatever the number of workers.
- No lock keeps two runs of a periodic job apart: with several worker threads, an hourly sweep still running after
  an hour overlaps the next one (the sweeps are idempotent; a laptop's hourly sweeps take seconds).
"""

from datetime import datetime, timedelta

from huey import Huey, MemoryHuey, SqliteHuey, crontab

from omnicourt import clock
from omnicourt.db import Database
from omnicourt.queue import runs
from omnicourt.queue.registry import Job
from omnicourt.settings import Settings

TICK = "tick:"  # a claimed periodic tick: "tick:<job>:<minute>"
MINUTE = "%Y%m%d%H%M"
POLL_SECONDS = 1.0


class OncePerTick(Huey):
    """Mixed into a huey storage class: of the consumers reading the same minute, only the first enqueues each
    job."""

    def read_periodic(self, timestamp: datetime | None):
        timestamp = timestamp or clock.utcnow().replace(tzinfo=None)  # huey's clock: naive UTC (utc=True)
        due = super().read_periodic(timestamp)
        minute = timestamp.strftime(MINUTE)
        return [task for task in due if self.put_if_empty(f"{TICK}{task.name}:{minute}", True)]


class SqliteQueue(OncePerTick, SqliteHuey):
    pass


class MemoryQueue(OncePerTick, MemoryHuey):
    pass


def schedule(cron: str) -> crontab:
    minute, hour, day, month, day_of_week = cron.split()
    return crontab(minute=minute, hour=hour, day=day, month=month, day_of_week=day_of_week)


class HueyQueue:
    name = "huey"

    def __init__(self, settings: Settings, jobs: dict[str, Job], *, periodic: bool = True):
        self.settings, self.jobs = settings, jobs
        database = settings.database_url.removeprefix("sqlite:///")
        if database and database != settings.database_url:
            self.huey = SqliteQueue("omnicourt", filename=f"{database}.queue", results=False, utc=True)
        else:  # an in-memory database belongs to one process, and so does its queue
            self.huey = MemoryQueue("omnicourt", results=False, utc=True)
        self.db = Database(settings.database_url)  # what the jobs work on (connects on first use)
        self._tasks = {name: self._task(job, periodic=periodic) for name, job in jobs.items()}
        clean = (self.huey.periodic_task(schedule(runs.CLEAN_SCHEDULE), name=runs.CLEAN) if periodic
                 else self.huey.task(name=runs.CLEAN))
        self._tasks[runs.CLEAN] = clean(self._clean)

    def _task(self, job: Job, *, periodic: bool):
        def run(task=None, **arguments):
            return runs.execute(job, arguments, run_id=f"{self.name}:{task.id}",
                                attempt=job.retries - task.retries + 1, db=self.db, settings=self.settings)

        options = dict(retries=job.retries, retry_delay=self.settings.queue_retry_seconds, retry_backoff=2,
                       context=True, name=job.name)
        if periodic and job.schedule:
            return self.huey.periodic_task(schedule(job.schedule), **options)(run)
        return self.huey.task(**options)(run)

    def _clean(self) -> None:
        """Claimed ticks older than a day serve no more; finished runs older than runs.KEEP_DAYS go."""
        yesterday = (clock.utcnow() - timedelta(days=1)).strftime(MINUTE)  # huey's ticks are in UTC
        for key in self.huey.storage.result_items():
            if key.startswith(TICK) and key.rsplit(":", 1)[1] < yesterday:
                self.huey.delete(key)
        runs.forget_finished(self.db)

    def defer(self, name: str, **arguments) -> str:
        task = self._tasks[name].s(**arguments)
        self.huey.enqueue(task)
        return f"{self.name}:{task.id}"

    def defer_many(self, name: str, arguments: list[dict]) -> None:
        for one in arguments:
            self.huey.enqueue(self._tasks[name].s(**one))

    def waiting(self) -> int:
        return self.huey.pending_count() + self.huey.scheduled_count()

    def work(self, *, concurrency: int) -> None:
        """Run jobs and the periodic schedule until SIGTERM (graceful) or SIGINT."""
        # An idle consumer polls at most every POLL_SECONDS (huey's default backs off to 10 s); SIGTERM lets
        # running jobs finish, as procrastinate does.
        self.huey.create_consumer(workers=concurrency, worker_type="thread", periodic=True,
                                  max_delay=POLL_SECONDS, graceful_signal="TERM").run()

    def drain(self) -> None:
        """Run the jobs that are due, here, until none is left (benchmarks and tests)."""
        while True:
            task = self.huey.dequeue()
            if task is not None:
                self.huey.execute(task)
                continue
            due = self.huey.read_schedule()  # retries whose wait is over
            if not due:
                return
            for task in due:
                self.huey.enqueue(task)

    def close(self) -> None:
        self.db.engine.dispose()
