"""The queue on a broker: dramatiq, on RabbitMQ or Redis (OMNICOURT_QUEUE_BACKEND=dramatiq and
OMNICOURT_QUEUE_BROKER_URL), with the jobs' database SQLite or PostgreSQL as usual.

What the library gives: acknowledgements (a message leaves the broker only once its job has ended, so the job of a
worker killed mid-way is delivered again: at once on RabbitMQ, which sees the worker's connection drop; on Redis once
the worker has sent nothing for `queue_stalled_seconds`, when another worker puts it back), retries after a wait (ours:
the doubling backoff), messages held until their time, worker threads. Deferring waits for RabbitMQ's confirmation.
What it lacks, and what this module adds or leaves:
- No scheduler: every worker runs a `Ticker` that claims each tick of a periodic job in the platform's database (a
  job_runs row "tick:<job>:<moment>", whose key is unique) and sends the job only when the claim is its own, so a
  tick runs once whatever the number of workers. A worker killed between its claim and its send (or whose send fails)
  loses that tick; the jobs are idempotent and the next tick comes. The daily clean-up forgets claims older than a day.
- No lock keeps two runs of a periodic job apart (as huey): an hourly sweep still running after an hour overlaps the
  next one.
- Being delivered again is not a retry: a job that kills its worker each time comes back each time.
- waiting() counts what no worker has taken: retries a worker already holds until their time are not in it.
"""

import logging
import signal
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import dramatiq
from croniter import croniter
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from dramatiq.brokers.redis import MAINTENANCE_SCALE, RedisBroker
from dramatiq.middleware import CurrentMessage, Retries
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from omnicourt import clock
from omnicourt.db import Database
from omnicourt.errors import required
from omnicourt.queue import runs
from omnicourt.queue.models import JobRun
from omnicourt.queue.registry import Job, backoff_seconds
from omnicourt.settings import Settings

log = logging.getLogger("omnicourt.queue")
Broker = RabbitmqBroker | RedisBroker
TICK = "tick:"  # a claimed periodic tick: "tick:<job>:<moment>"
MOMENT = "%Y%m%d%H%M%S"
# A ticker late for a tick (a busy machine) still claims it within this; after a longer pause the next tick comes.
CATCH_UP = timedelta(minutes=10)
POLL_MILLISECONDS = 1000  # how often an idle worker asks the broker (and so, on Redis, shows it is alive)
DRAIN_POLL_SECONDS = 0.1


def open_broker(settings: Settings) -> Broker:
    """RabbitMQ or Redis, by the scheme of OMNICOURT_QUEUE_BROKER_URL."""
    url = settings.queue_broker_url
    scheme = url.partition("://")[0] if "://" in url else ""
    # Retries come from the job's own Retry (the doubling backoff); CurrentMessage tells a job its id and attempt.
    # dramatiq's other defaults stay out, its ten-minute time limit above all: a province's sweep may take longer.
    middleware = [Retries(), CurrentMessage()]
    if scheme in ("amqp", "amqps"):
        return RabbitmqBroker(url=url, middleware=middleware, confirm_delivery=True)
    if scheme in ("redis", "rediss"):
        return RedisBroker(url=url, middleware=middleware,
                           heartbeat_timeout=round(settings.queue_stalled_seconds * 1000),
                           maintenance_chance=maintenance_chance(settings.queue_stalled_seconds))
    given = f"{scheme}://…" if scheme else "one without a scheme" if url else "empty"  # the rest may hold a password
    raise ValueError(f"OMNICOURT_QUEUE_BROKER_URL: amqp://… (RabbitMQ) or redis://… (Redis) for dramatiq, not {given}")


def maintenance_chance(stalled_seconds: float) -> int:
    """Out of a million commands to Redis, how many also put back the messages of dead workers. An idle worker sends
    about two a second (its queue and its delay queue), so this looks about once every half `stalled_seconds`
    (dramatiq's default, 1 in 1,000, takes minutes)."""
    return min(MAINTENANCE_SCALE, round(MAINTENANCE_SCALE / max(stalled_seconds, 1.0)))


def poll_milliseconds(settings: Settings) -> int:
    """Redis knows a worker is alive by its commands: an idle one asks at least four times per stalled period."""
    return min(POLL_MILLISECONDS, round(settings.queue_stalled_seconds * 1000 / 4))


def untaken(broker: Broker, queue_name: str) -> tuple[int, int]:
    """Messages no worker has taken: in the queue, and in its delay queue (retries waiting for their time)."""
    if isinstance(broker, RabbitmqBroker):
        ready, delayed, _dead = broker.get_queue_message_counts(queue_name)
        return ready, delayed
    key = f"{broker.namespace}:{queue_name}"
    return broker.client.llen(key), broker.client.llen(f"{key}.DQ")


def close_broker(broker: Broker) -> None:
    broker.close()  # RabbitMQ's connections
    if isinstance(broker, RedisBroker):
        broker.client.close()


def clean(context: runs.JobContext) -> None:
    """Claimed ticks older than a day serve no more; finished runs older than runs.KEEP_DAYS go."""
    yesterday = clock.utcnow() - timedelta(days=1)
    with context.db.transaction() as session:
        session.execute(delete(JobRun).where(JobRun.id.startswith(TICK), JobRun.started_at < yesterday))
    runs.forget_finished(context.db)


CLEAN = Job(name=runs.CLEAN, run=clean, retries=2, schedule=runs.CLEAN_SCHEDULE)


class DramatiqQueue:
    name = "dramatiq"

    def __init__(self, settings: Settings, jobs: dict[str, Job], *, periodic: bool = True):
        self.settings, self.jobs, self.periodic = settings, jobs, periodic
        self.queue_name = settings.queue_name
        self.db = Database(settings.database_url)  # what the jobs work on (connects on first use)
        # Deferring uses this broker; a worker and a drain open their own (dramatiq's worker adds to its broker).
        self.broker, self.actors = self._open()

    def _open(self) -> tuple[Broker, dict[str, dramatiq.Actor]]:
        broker = open_broker(self.settings)
        jobs = {**self.jobs, runs.CLEAN: CLEAN}
        return broker, {name: self._actor(broker, job) for name, job in jobs.items()}

    def _actor(self, broker: Broker, job: Job) -> dramatiq.Actor:
        def run(**arguments) -> None:
            message = required(CurrentMessage.get_current_message(), "the message being processed")
            failures = message.options.get("retries", 0)  # dramatiq counts them in the message
            try:
                runs.execute(job, arguments, run_id=f"{self.name}:{message.message_id}", attempt=failures + 1,
                             db=self.db, settings=self.settings)
            except Exception as error:
                if failures >= job.retries:
                    raise  # dramatiq gives up: the message goes to the queue's dead letters
                wait = backoff_seconds(failures + 1, self.settings.queue_retry_seconds)
                log.warning("job %s failed, tried again in %.1f s", job.name, wait, exc_info=True)
                raise dramatiq.Retry(delay=round(wait * 1000)) from error

        return dramatiq.actor(broker=broker, actor_name=job.name, queue_name=self.queue_name,
                              max_retries=job.retries)(run)

    def ticker(self, *, send: Callable[[str], object]) -> "Ticker":
        """The periodic jobs' ticker of this queue (none when opened with periodic=False)."""
        jobs = {**self.jobs, runs.CLEAN: CLEAN} if self.periodic else {}
        return Ticker({name: job.schedule for name, job in jobs.items() if job.schedule}, claim=self.claim, send=send)

    def claim(self, name: str, moment: datetime) -> bool:
        """Whether this worker is the first to claim the tick of the job `name` at `moment`."""
        now = clock.utcnow()
        try:
            with self.db.transaction() as session:
                # started_at is the tick's moment, by which the clean-up forgets the claim.
                session.add(JobRun(id=f"{TICK}{name}:{moment.strftime(MOMENT)}", name=name, state=runs.CLAIMED,
                                   attempt=0, done=0, note="", started_at=moment, updated_at=now, finished_at=now))
        except IntegrityError:  # another worker's claim went in first
            return False
        return True

    def defer(self, name: str, **arguments) -> str:
        return f"{self.name}:{self.actors[name].send(**arguments).message_id}"

    def defer_many(self, name: str, arguments: list[dict]) -> None:
        for one in arguments:
            self.actors[name].send(**one)

    def waiting(self) -> int:
        return sum(untaken(self.broker, self.queue_name))

    def work(self, *, concurrency: int) -> None:
        """Run jobs and the periodic schedule until SIGTERM or SIGINT; running jobs finish first."""
        logging.getLogger("pika").setLevel(logging.WARNING)  # it tells every step of every connection at INFO
        broker, actors = self._open()
        worker = dramatiq.Worker(broker, queues={self.queue_name}, worker_threads=concurrency,
                                 worker_timeout=poll_milliseconds(self.settings))
        ticker = self.ticker(send=lambda name: actors[name].send())
        stopping = threading.Event()
        previous = {number: signal.signal(number, lambda *_: stopping.set()) for number in (signal.SIGTERM,
                                                                                           signal.SIGINT)}
        worker.start()
        ticker.start()
        log.info("dramatiq worker started: queue %s, %d threads, %d periodic jobs", self.queue_name, concurrency,
                 len(ticker.schedules))
        try:
            while not stopping.wait(1.0):
                pass
        finally:
            ticker.stop()
            worker.stop()
            close_broker(broker)
            for number, handler in previous.items():
                signal.signal(number, handler)

    def drain(self) -> None:
        """Run the messages that are due, here, until none is left (benchmarks and tests); retries whose time has not
        come stay in the broker."""
        broker, _ = self._open()
        worker = dramatiq.Worker(broker, queues={self.queue_name}, worker_threads=1,
                                 worker_timeout=round(DRAIN_POLL_SECONDS * 1000))
        worker.start()
        try:
            # Settled twice in a row: a message on its way from the broker to the worker shows in neither for a moment.
            settled = 0
            while settled < 2:
                time.sleep(DRAIN_POLL_SECONDS)
                settled = settled + 1 if self._settled(broker, worker) else 0
        finally:
            worker.stop()
            close_broker(broker)

    def _settled(self, broker: Broker, worker: dramatiq.Worker) -> bool:
        """Nothing running or due in the worker, nothing untaken in the broker."""
        if worker.work_queue.unfinished_tasks:
            return False
        now = clock.utcnow().timestamp() * 1000  # dramatiq's etas: milliseconds since the epoch
        for consumer in worker.consumers.values():
            held = consumer.delay_queue
            # More unfinished than held: one is being moved to the queue; a held one whose time has come will be.
            if held.unfinished_tasks != held.qsize() or any(item.priority <= now for item in list(held.queue)):
                return False
        return untaken(broker, self.queue_name) == (0, 0)

    def close(self) -> None:
        close_broker(self.broker)
        self.db.engine.dispose()


class Ticker:
    """Sends each periodic job once per tick of its cron line (UTC; a sixth field counts seconds), whatever the number
    of workers: `claim` says whether this worker is the first for the tick, and only then is it sent."""

    def __init__(self, schedules: dict[str, str], *, claim: Callable[[str, datetime], bool],
                 send: Callable[[str], object]):
        self.schedules, self.claim, self.send = schedules, claim, send
        self.step = timedelta(seconds=1 if any(len(cron.split()) == 6 for cron in schedules.values()) else 60)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="omnicourt-ticker", daemon=True)

    def start(self) -> None:
        if self.schedules:
            self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        if self.thread.is_alive():
            self.thread.join()

    def _run(self) -> None:
        done = self.floor(clock.utcnow()) - self.step  # the tick now running is still to claim
        while not self.stopping.is_set():
            try:
                done = self.tick(after=done, now=clock.utcnow())
            except Exception:  # the database or the broker away for a moment: the ticks are tried at the next wake
                log.exception("periodic jobs not sent")
            now = clock.utcnow()
            self.stopping.wait((self.floor(now) + self.step - now).total_seconds())

    def tick(self, *, after: datetime, now: datetime) -> datetime:
        """Claim and send the jobs due at each tick after `after` up to `now`; the last tick done."""
        for moment in self.moments(after, now):
            for name, cron in self.schedules.items():
                if due(cron, moment) and self.claim(name, moment):
                    self.send(name)
            after = moment
        return after

    def moments(self, after: datetime, now: datetime) -> Iterator[datetime]:
        moment = max(after + self.step, self.floor(now - CATCH_UP))
        while moment <= now:
            yield moment
            moment += self.step

    def floor(self, moment: datetime) -> datetime:
        moment = moment.replace(microsecond=0)
        return moment if self.step < timedelta(minutes=1) else moment.replace(second=0)


def due(cron: str, moment: datetime) -> bool:
    """Whether a tick of `cron` falls at `moment`; a five-field line ticks at a minute's first second."""
    if len(cron.split()) == 5 and moment.second:
        return False
    return croniter.match(cron, moment)
