"""The job queue's throughput (omnicourt/queue): jobs per second through one worker running one job at a time,
no-op jobs and jobs writing a row, against a plain INSERT loop (one row per transaction) on the same database in
the same run. The backend is the one the database gets by default (procrastinate on PostgreSQL, huey on SQLite), or
the one named (`--queue-backend dramatiq --queue-broker-url amqp://…` puts the jobs on RabbitMQ or Redis, in a queue of
the benchmark's own)."""

import time

from sqlalchemy import text

from bench.figures import Figure
from omnicourt.db import Database
from omnicourt.queue import backend_for, open_queue
from omnicourt.queue.registry import Job
from omnicourt.settings import Settings

TABLE = "bench_queue_rows"
QUEUE_NAME = "omnicourt-bench"  # on a shared broker, the platform's workers never take the benchmark's jobs


def noop(context, n: int) -> None:
    pass


def write(context, n: int) -> None:
    """The row is keyed, as a job's writes are (a second run changes nothing)."""
    with context.db.transaction() as session:
        session.execute(text(f"INSERT INTO {TABLE} (n) VALUES (:n) ON CONFLICT (n) DO NOTHING"), {"n": n})


JOBS = {"bench.noop": Job("bench.noop", noop, retries=0), "bench.write": Job("bench.write", write, retries=0)}


def run(url: str, *, jobs: int, queue_backend: str = "", broker_url: str = "",
        queue_name: str = QUEUE_NAME) -> list[Figure]:
    db = Database(url)
    _fresh_table(db)
    ceiling = _insert_loop(db, jobs)
    settings = Settings(database_url=url, queue_backend=queue_backend, queue_broker_url=broker_url,
                        queue_name=queue_name)
    queue = open_queue(settings, periodic=False, jobs=JOBS)
    backend = backend_for(settings)
    try:
        figures = [_through_queue(queue, name, jobs, ceiling, backend, db.engine.dialect.name) for name in JOBS]
    finally:
        queue.close()
    with db.transaction() as session:
        written = session.scalar(text(f"SELECT COUNT(*) FROM {TABLE} WHERE n >= {jobs}"))
        session.execute(text(f"DROP TABLE {TABLE}"))
    db.engine.dispose()
    if written != jobs:
        raise RuntimeError(f"{written} of {jobs} write jobs left their row")
    return figures


def _fresh_table(db: Database) -> None:
    with db.transaction() as session:
        session.execute(text(f"DROP TABLE IF EXISTS {TABLE}"))
        session.execute(text(f"CREATE TABLE {TABLE} (n INTEGER PRIMARY KEY)"))


def _insert_loop(db: Database, rows: int) -> float:
    """Rows per second, one INSERT per transaction (rows 0..rows-1; the jobs write rows..2·rows-1)."""
    started = time.perf_counter()
    for n in range(rows):
        with db.transaction() as session:
            session.execute(text(f"INSERT INTO {TABLE} (n) VALUES (:n)"), {"n": n})
    return rows / (time.perf_counter() - started)


def _through_queue(queue, name: str, jobs: int, ceiling: float, backend: str, dialect: str) -> Figure:
    started = time.perf_counter()
    queue.defer_many(name, [{"n": jobs + n} for n in range(jobs)])
    deferred = time.perf_counter() - started
    started = time.perf_counter()
    queue.drain()
    ran = time.perf_counter() - started
    what = "no-op jobs" if name == "bench.noop" else "jobs writing a row"
    return Figure(name=f"queue: {what}, one worker ({backend}, {dialect})", value=jobs / ran, unit="jobs/s",
                  ceiling=ceiling, ceiling_name="plain INSERT loop, one row per transaction (rows/s)",
                  details={"jobs": jobs, "defer_s": round(deferred, 3), "run_s": round(ran, 3),
                           "deferred_per_s": round(jobs / deferred)})
