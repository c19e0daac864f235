"""The daily clean-up removes finished runs older than runs.KEEP_DAYS and keeps the others."""

from datetime import timedelta

from omnicourt import clock
from omnicourt.queue import open_queue, runs
from omnicourt.queue.models import JobRun
from tests.queue.conftest import queue_settings


def test_the_clean_up_forgets_old_finished_runs(queue_db, queue_engine):
    now = clock.utcnow()
    old, recent = now - timedelta(days=runs.KEEP_DAYS + 1), now - timedelta(days=1)
    with queue_db.transaction() as session:
        for run_id, finished in (("old", old), ("recent", recent), ("running", None)):
            session.add(JobRun(id=run_id, name="probe.long", state="running" if finished is None else "succeeded",
                               attempt=1, done=0, note="", started_at=old, updated_at=finished or old,
                               finished_at=finished))
    queue = open_queue(queue_settings(queue_db, **queue_engine), periodic=False)
    try:
        queue.defer(runs.CLEAN)
        queue.drain()
    finally:
        queue.close()
    assert sorted(run.id for run in runs.recent(queue_db)) == ["recent", "running"]
