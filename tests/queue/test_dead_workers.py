"""kill -9 of a worker mid-job: a new worker takes the job up again, and its effect happens once (procrastinate on
PostgreSQL, dramatiq on RabbitMQ and Redis; huey on SQLite loses such a job, as omnicourt/queue/huey_queue.py says)."""

import os
import signal

import pytest

from omnicourt.queue import open_queue
from tests.queue.conftest import environment, eventually, queue_settings, scalar


@pytest.mark.postgres
def test_a_job_of_a_killed_worker_is_taken_up_again_and_its_effect_happens_once(postgres_queue_db, workers, tmp_path):
    queue_db = postgres_queue_db
    hold = tmp_path / "hold"
    queue = open_queue(queue_settings(queue_db), periodic=False)
    job_id = int(queue.defer("probe.write", key="once", hold=str(hold)).split(":")[1])
    queue.close()

    first = workers.start(environment(queue_db))
    eventually(lambda: scalar(queue_db, "SELECT COUNT(*) FROM probe_effects"), what="the first run's effect",
               logs=workers.logs)
    os.kill(first.pid, signal.SIGKILL)  # mid-job: the effect is written, the job not finished
    first.wait()
    assert scalar(queue_db, "SELECT status FROM procrastinate_jobs WHERE id = :id", id=job_id) == "doing"

    hold.touch()  # the next run goes through
    workers.start(environment(queue_db))
    eventually(lambda: scalar(queue_db, "SELECT status FROM procrastinate_jobs WHERE id = :id", id=job_id)
               == "succeeded", what="the job taken up again", logs=workers.logs)
    assert scalar(queue_db, "SELECT COUNT(*) FROM probe_attempts WHERE key = 'once'") == 2  # it did run again
    assert scalar(queue_db, "SELECT COUNT(*) FROM probe_effects WHERE key = 'once'") == 1


def test_a_message_of_a_killed_dramatiq_worker_is_delivered_again_and_its_effect_happens_once(
        queue_db, broker_engine, workers, tmp_path):
    hold = tmp_path / "hold"
    queue = open_queue(queue_settings(queue_db, **broker_engine), periodic=False)
    try:
        queue.defer("probe.write", key="once", hold=str(hold))
        first = workers.start(environment(queue_db, **broker_engine))
        eventually(lambda: scalar(queue_db, "SELECT COUNT(*) FROM probe_effects"), what="the first run's effect",
                   logs=workers.logs)
        os.kill(first.pid, signal.SIGKILL)  # mid-job: the effect is written, the message not acknowledged
        first.wait()

        hold.touch()  # the next run goes through
        workers.start(environment(queue_db, **broker_engine))
        eventually(lambda: scalar(queue_db, "SELECT COUNT(*) FROM probe_attempts WHERE key = 'once'") == 2,
                   what="the message delivered again", logs=workers.logs)
        workers.stop()
        # Whatever a graceful stop put back (a periodic tick sent at that moment, say) runs here: the write is not
        # among it, it was acknowledged once.
        queue.drain()
    finally:
        queue.close()
    assert scalar(queue_db, "SELECT COUNT(*) FROM probe_attempts WHERE key = 'once'") == 2
    assert scalar(queue_db, "SELECT COUNT(*) FROM probe_effects WHERE key = 'once'") == 1
