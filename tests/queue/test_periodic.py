"""A periodic job runs once per tick, whatever the number of workers."""

from datetime import timedelta

import pytest

from omnicourt import clock, migrate
from omnicourt.db import Database
from omnicourt.queue import open_queue, runs
from omnicourt.queue.dramatiq_queue import DramatiqQueue, due
from omnicourt.queue.huey_queue import HueyQueue
from omnicourt.settings import Settings
from tests.queue.conftest import environment, eventually, scalar


@pytest.mark.postgres
def test_two_workers_run_a_periodic_job_once_per_tick(postgres_queue_db, workers):
    db = postgres_queue_db
    env = environment(db, modules=("tests.queue.probes", "tests.queue.ticks"))
    workers.start(env)
    workers.start(env)
    # Both workers defer ticks; a few ticks pass with both running.
    eventually(lambda: workers.logs().count("Starting worker") == 2, what="two workers", logs=workers.logs)
    started = scalar(db, "SELECT COUNT(*) FROM procrastinate_jobs WHERE task_name = 'probe.tick'")
    eventually(lambda: scalar(db, "SELECT COUNT(*) FROM probe_attempts WHERE key = 'tick'") >= started + 3,
               what="three ticks with both workers", logs=workers.logs)
    workers.stop()
    ticks = scalar(db, "SELECT COUNT(DISTINCT args->>'timestamp') FROM procrastinate_jobs "
                       "WHERE task_name = 'probe.tick'")
    jobs = scalar(db, "SELECT COUNT(*) FROM procrastinate_jobs WHERE task_name = 'probe.tick'")
    runs = scalar(db, "SELECT COUNT(*) FROM probe_attempts WHERE key = 'tick'")
    assert ticks >= 3
    assert jobs == ticks
    assert runs == scalar(db, "SELECT COUNT(*) FROM procrastinate_jobs WHERE task_name = 'probe.tick' "
                              "AND status = 'succeeded'")
    assert runs >= ticks - 1  # the last tick's job may have been deferred as the workers stopped


def test_two_huey_consumers_enqueue_each_tick_once(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'omnicourt.db'}")
    migrate.upgrade(Database(settings.database_url))  # the clean-up below also forgets old runs
    first, second = (open_queue(settings) for _ in range(2))
    assert isinstance(first, HueyQueue)
    top_of_the_hour = clock.utcnow().replace(tzinfo=None, minute=0, second=0, microsecond=0) - timedelta(hours=1)
    a_minute_later, two_days_ago = top_of_the_hour + timedelta(minutes=1), top_of_the_hour - timedelta(days=2)

    def enqueued(queue, moment):
        return sorted(task.name for task in queue.huey.read_periodic(moment))

    assert enqueued(first, top_of_the_hour) == ["dashboard.refresh", "dossier.read_text", "sweeps"]
    assert enqueued(second, top_of_the_hour) == []
    assert enqueued(second, a_minute_later) == ["dashboard.refresh", "dossier.read_text"]
    assert enqueued(first, a_minute_later) == []
    assert isinstance(first.huey.read_periodic(None), list)  # the consumer passes None: "now"

    assert enqueued(first, two_days_ago) == ["dashboard.refresh", "dossier.read_text", "sweeps"]
    first.defer(runs.CLEAN)
    first.drain()  # the clean-up forgets claims older than a day, and only those
    assert enqueued(second, two_days_ago) == ["dashboard.refresh", "dossier.read_text", "sweeps"]
    assert enqueued(second, a_minute_later) == []


def test_two_dramatiq_workers_send_a_periodic_job_once_per_tick(queue_db, broker_engine, workers):
    env = environment(queue_db, modules=("tests.queue.probes", "tests.queue.ticks"), **broker_engine)
    workers.start(env)
    workers.start(env)
    eventually(lambda: workers.logs().count("dramatiq worker started") == 2, what="two workers", logs=workers.logs)
    started = scalar(queue_db, "SELECT COUNT(*) FROM probe_attempts WHERE key = 'tick'")
    eventually(lambda: scalar(queue_db, "SELECT COUNT(*) FROM probe_attempts WHERE key = 'tick'") >= started + 3,
               what="three ticks with both workers", logs=workers.logs)
    workers.stop()
    claimed = scalar(queue_db, "SELECT COUNT(*) FROM job_runs WHERE id LIKE 'tick:probe.tick:%'")
    ran = scalar(queue_db, "SELECT COUNT(*) FROM probe_attempts WHERE key = 'tick'")
    queue = open_queue(Settings(database_url=queue_db.url, **broker_engine), periodic=False)
    try:
        left = queue.waiting()  # a tick sent as the workers stopped waits for the next worker
    finally:
        queue.close()
    assert claimed >= 3
    assert ran + left == claimed  # each claimed tick sent once, by one of the two workers


def test_dramatiq_workers_claim_each_tick_once_and_the_clean_up_forgets_old_claims(queue_db, broker_engine):
    settings = Settings(database_url=queue_db.url, **broker_engine)
    first, second = (open_queue(settings) for _ in range(2))
    assert isinstance(first, DramatiqQueue) and isinstance(second, DramatiqQueue)
    top_of_the_hour = clock.utcnow().replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    a_minute_later, two_days_ago = top_of_the_hour + timedelta(minutes=1), top_of_the_hour - timedelta(days=2)
    minute = timedelta(minutes=1)

    def sent(queue, moment):
        names: list[str] = []
        queue.ticker(send=names.append).tick(after=moment - minute, now=moment)
        return sorted(names)

    try:
        assert sent(first, top_of_the_hour) == ["dashboard.refresh", "dossier.read_text", "sweeps"]
        assert sent(second, top_of_the_hour) == []
        assert sent(second, a_minute_later) == ["dashboard.refresh", "dossier.read_text"]
        assert sent(first, a_minute_later) == []
        assert sent(first, two_days_ago) == ["dashboard.refresh", "dossier.read_text", "sweeps"]
        assert runs.recent(queue_db) == []  # a claim is no run: `omnicourt jobs status` does not list it

        first.defer(runs.CLEAN)
        first.drain()  # the clean-up forgets claims older than a day, and only those
        assert sent(second, two_days_ago) == ["dashboard.refresh", "dossier.read_text", "sweeps"]
        assert sent(second, a_minute_later) == []
    finally:
        first.close()
        second.close()


def test_a_ticker_late_by_a_few_ticks_still_sends_each_once(queue_db, broker_engine):
    queue = open_queue(Settings(database_url=queue_db.url, **broker_engine))
    assert isinstance(queue, DramatiqQueue)
    three_minutes_ago = clock.utcnow().replace(second=0, microsecond=0) - timedelta(minutes=3)
    names: list[str] = []
    try:
        ticker = queue.ticker(send=names.append)
        done = ticker.tick(after=three_minutes_ago, now=three_minutes_ago + timedelta(minutes=2, seconds=30))
    finally:
        queue.close()
    # Two minutes overslept, each due job once a minute: the minute jobs twice, and an hourly sweep whose minute fell
    # in the window once.
    overslept = [three_minutes_ago + timedelta(minutes=k) for k in (1, 2)]
    due_then = sorted(name for moment in overslept for name, cron in ticker.schedules.items() if due(cron, moment))
    assert due_then.count("dashboard.refresh") == 2
    assert sorted(names) == due_then
    assert done == three_minutes_ago + timedelta(minutes=2)
