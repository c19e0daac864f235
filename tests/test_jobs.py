"""Only one process per database runs the sweeps: the second lease is refused until the first is released."""

from omnicourt.db import Database
from omnicourt.jobs import SweepLease


def test_one_lease_per_database(db):
    other_process = Database(db.url)  # a second engine stands for a second worker
    # The lease named "test": the app of other tests may hold the "sweeps" lease of this database.
    first, second = SweepLease(db, "test"), SweepLease(other_process, "test")
    try:
        assert first.acquire()
        assert first.acquire()  # holding it again is fine
        assert not second.acquire()
        first.release()
        assert second.acquire()
        assert not first.acquire()
    finally:
        first.release()
        second.release()
        other_process.engine.dispose()
