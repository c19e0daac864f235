"""A web worker's threads defer jobs at the same time, the first ones too (the queue opens its connections then):
every job deferred is waiting, once."""

import threading

from omnicourt.queue import open_queue
from tests.queue.conftest import queue_settings

THREADS = 8


def test_threads_deferring_at_once_each_queue_their_job(queue_db, queue_engine):
    queue = open_queue(queue_settings(queue_db, **queue_engine), periodic=False)
    start, run_ids, failures = threading.Barrier(THREADS), [], []

    def defer(n: int) -> None:
        start.wait()
        try:
            run_ids.append(queue.defer("probe.flaky", key=f"at-once-{n}", failures=0))
        except Exception as error:  # noqa: BLE001 - the test reports what a thread met
            failures.append(repr(error))

    threads = [threading.Thread(target=defer, args=(n,)) for n in range(THREADS)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
        assert len(set(run_ids)) == THREADS
        assert queue.waiting() == THREADS
    finally:
        queue.close()
