"""A periodic job runs once per tick, whatever the number of workers."""

from datetime import timedelta

import pytest

from omnicourt import clock, migrate
from omnicourt.db import Database
from omnicourt.queue import open_queue, runs
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

    assert enqueued(first, top_of_the_hour) == ["dashboard.refresh", "sweeps"]
    assert enqueued(second, top_of_the_hour) == []
    assert enqueued(second, a_minute_later) == ["dashboard.refresh"]
    assert enqueued(first, a_minute_later) == []
    assert isinstance(first.huey.read_periodic(None), list)  # the consumer passes None: "now"

    assert enqueued(first, two_days_ago) == ["dashboard.refresh", "sweeps"]
    first.defer(runs.CLEAN)
    first.drain()  # the clean-up forgets claims older than a day, and only those
    assert enqueued(second, two_days_ago) == ["dashboard.refresh", "sweeps"]
    assert enqueued(second, a_minute_later) == []
