"""The queue on PostgreSQL itself: procrastinate (its tables come with our migrations).

What the library gives: jobs fetched with SKIP LOCKED, retries by our backoff, periodic jobs deferred once per tick
whatever the number of workers (a unique row per task and tick), one run at a time per lock, and worker
heartbeats. What it leaves to us: taking up the jobs of a dead worker (killed, its machine lost). Every worker
looks for them when it starts and then every half `queue_stalled_seconds`; a job taken up counts as an attempt,
so a job that kills its worker each time ends failed instead of looping.
"""

import asyncio
import logging
import threading

import procrastinate
from procrastinate import exceptions, retry
from procrastinate.jobs import Status
from sqlalchemy.engine import make_url

from omnicourt.db import Database
from omnicourt.queue import AlreadyWaiting, runs
from omnicourt.queue.registry import Job, backoff_seconds
from omnicourt.settings import Settings

log = logging.getLogger("omnicourt.queue")
QUEUE = "omnicourt"


class Backoff(retry.BaseRetryStrategy):
    def __init__(self, retries: int, first_seconds: float):
        self.retries, self.first_seconds = retries, first_seconds

    def get_retry_decision(self, *, exception: BaseException, job) -> retry.RetryDecision | None:
        if job.attempts >= self.retries:
            return None
        # procrastinate's durations are whole numbers; milliseconds keep a fraction of a second (tests wait 0.3 s).
        wait = backoff_seconds(job.attempts + 1, self.first_seconds)
        return retry.RetryDecision(retry_in={"milliseconds": round(wait * 1000)})


def conninfo(database_url: str) -> str:
    """libpq's form of the SQLAlchemy URL (postgresql+psycopg://… → postgresql://…)."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


class ProcrastinateQueue:
    name = "procrastinate"

    def __init__(self, settings: Settings, jobs: dict[str, Job], *, periodic: bool = True):
        self.settings, self.jobs = settings, jobs
        self.app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo(settings.database_url)))
        self.db = Database(settings.database_url)  # what the jobs work on (connects on first use)
        self._deferring = False
        self._opening = threading.Lock()
        self._tasks = {name: self._task(job, periodic=periodic) for name, job in jobs.items()}
        clean = self.app.task(name=runs.CLEAN, queue=QUEUE, pass_context=True, queueing_lock=runs.CLEAN)(self._clean)
        self._tasks[runs.CLEAN] = clean
        if periodic:
            self.app.periodic(cron=runs.CLEAN_SCHEDULE, periodic_id=runs.CLEAN)(clean)

    def _task(self, job: Job, *, periodic: bool):
        def run(context: procrastinate.JobContext, timestamp: int | None = None, **arguments):
            # `timestamp` is the tick procrastinate passes to periodic jobs.
            return runs.execute(job, arguments, run_id=f"{self.name}:{context.job.id}",
                                attempt=context.job.attempts + 1, db=self.db, settings=self.settings)

        one_at_a_time = job.name if job.schedule else None
        task = self.app.task(name=job.name, queue=QUEUE, pass_context=True, lock=one_at_a_time,
                             queueing_lock=one_at_a_time,
                             retry=Backoff(job.retries, self.settings.queue_retry_seconds))(run)
        if periodic and job.schedule:
            self.app.periodic(cron=job.schedule, periodic_id=job.name)(task)
        return task

    async def _clean(self, context: procrastinate.JobContext, timestamp: int | None = None) -> None:
        """Finished jobs and runs older than runs.KEEP_DAYS go (procrastinate keeps every job otherwise)."""
        await context.app.job_manager.delete_old_jobs(nb_hours=runs.KEEP_DAYS * 24, queue=QUEUE, include_failed=True,
                                                      include_cancelled=True, include_aborted=True)
        await asyncio.to_thread(runs.forget_finished, self.db)

    def defer(self, name: str, **arguments) -> str:
        try:
            return f"{self.name}:{self._open()._tasks[name].defer(**arguments)}"
        except exceptions.AlreadyEnqueued:  # a periodic job has one run waiting at most
            raise AlreadyWaiting(name) from None

    def defer_many(self, name: str, arguments: list[dict]) -> None:
        self._open()._tasks[name].batch_defer(*arguments)

    def waiting(self) -> int:
        return len(self._open().app.job_manager.list_jobs(queue=QUEUE, status="todo"))

    def _open(self) -> "ProcrastinateQueue":
        """The connection pool for deferring, opened once: a web worker's threads defer at the same time, and
        procrastinate's opening (its sync connector and pool, created lazily) is not safe from two at once."""
        with self._opening:
            if not self._deferring:
                self.app.open()
                self._deferring = True
        return self

    def close(self) -> None:
        if self._deferring:
            self.app.close()
            self._deferring = False
        self.db.engine.dispose()

    def work(self, *, concurrency: int) -> None:
        """Run jobs and the periodic schedule until SIGINT or SIGTERM."""
        asyncio.run(self._work(concurrency=concurrency, wait=True))

    def drain(self) -> None:
        """Run the jobs that are due, here, until none is left (benchmarks and tests)."""
        asyncio.run(self._work(concurrency=1, wait=False))

    async def _work(self, *, concurrency: int, wait: bool) -> None:
        stalled = self.settings.queue_stalled_seconds
        self._deferring = False  # opening the async pool closes the one for deferring
        async with self.app.open_async():
            await self._take_up_stalled_jobs()
            watcher = asyncio.create_task(self._watch_stalled_jobs(stalled / 2))
            try:
                await self.app.run_worker_async(queues=[QUEUE], concurrency=concurrency, wait=wait, name="omnicourt",
                                                update_heartbeat_interval=stalled / 3, stalled_worker_timeout=stalled,
                                                fetch_job_polling_interval=min(5.0, stalled / 3))
            finally:
                watcher.cancel()

    async def _watch_stalled_jobs(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            try:
                await self._take_up_stalled_jobs()
            except Exception:  # the database is away for a moment: try again at the next round
                log.exception("looking for stalled jobs failed")

    async def _take_up_stalled_jobs(self) -> None:
        manager = self.app.job_manager
        for job in await manager.get_stalled_jobs(queue=QUEUE,
                                                  seconds_since_heartbeat=self.settings.queue_stalled_seconds):
            known = self.jobs.get(job.task_name)
            try:
                if known is not None and job.attempts < known.retries:
                    log.warning("job %s of a dead worker taken up again", job.call_string)
                    await manager.retry_job(job)
                else:
                    await manager.finish_job(job, status=Status.FAILED, delete_job=False)
            except exceptions.ConnectorException:  # another worker took it up first
                log.debug("stalled job %s already taken up", job.id)
