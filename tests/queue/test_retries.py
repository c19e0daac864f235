"""A failed job is tried again after a wait that doubles with each failure, on every engine."""

import time

from sqlalchemy import text

from omnicourt.queue import open_queue
from omnicourt.queue.registry import backoff_seconds
from tests.queue.conftest import queue_settings, scalar


def test_a_failing_job_is_retried_with_backoff_until_it_succeeds(queue_db, queue_engine):
    settings = queue_settings(queue_db, **queue_engine)
    queue = open_queue(settings, periodic=False)
    try:
        queue.defer("probe.flaky", key="flaky", failures=2)
        deadline = time.monotonic() + 20
        while not scalar(queue_db, "SELECT COUNT(*) FROM probe_effects WHERE key = 'flaky'"):
            assert time.monotonic() < deadline, "the job never succeeded"
            queue.drain()
            time.sleep(0.05)
    finally:
        queue.close()
    with queue_db.reading() as session:
        tries = list(session.scalars(text("SELECT at FROM probe_attempts WHERE key = 'flaky' ORDER BY at")))
    assert len(tries) == 3  # two failures, then the success
    waits = [later - earlier for earlier, later in zip(tries, tries[1:], strict=False)]
    assert waits[0] >= backoff_seconds(1, settings.queue_retry_seconds) - 0.05
    assert waits[1] >= backoff_seconds(2, settings.queue_retry_seconds) - 0.05


def test_the_wait_doubles_with_each_failure():
    assert [backoff_seconds(failures, 10) for failures in (1, 2, 3, 4)] == [10, 20, 40, 80]
