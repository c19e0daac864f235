"""Jobs of the queue tests (loaded by workers through OMNICOURT_QUEUE_JOB_MODULES): each leaves rows to count."""

import time
from pathlib import Path

from sqlalchemy import text

from omnicourt.queue.registry import job

TABLES = ("CREATE TABLE IF NOT EXISTS probe_effects (key VARCHAR(40) PRIMARY KEY)",
          "CREATE TABLE IF NOT EXISTS probe_attempts (key VARCHAR(40), at FLOAT)")


def create_tables(db) -> None:
    with db.transaction() as session:
        for table in TABLES:
            session.execute(text(table))


def attempt(db, key: str) -> int:
    """Record one attempt; the number of attempts so far."""
    with db.transaction() as session:
        session.execute(text("INSERT INTO probe_attempts (key, at) VALUES (:key, :at)"),
                        {"key": key, "at": time.time()})
        return session.scalar(text("SELECT COUNT(*) FROM probe_attempts WHERE key = :key"), {"key": key})


def effect(db, key: str) -> None:
    """The job's effect, keyed: a second run adds nothing."""
    with db.transaction() as session:
        session.execute(text("INSERT INTO probe_effects (key) VALUES (:key) ON CONFLICT (key) DO NOTHING"),
                        {"key": key})


def wait_for(path: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not Path(path).exists():
        if time.monotonic() > deadline:
            raise TimeoutError(path)
        time.sleep(0.05)


@job("probe.flaky", retries=3)
def flaky(context, key: str, failures: int) -> None:
    """Fails its first `failures` attempts."""
    if attempt(context.db, key) <= failures:
        raise RuntimeError("not yet")
    effect(context.db, key)


@job("probe.write")
def write(context, key: str, hold: str) -> None:
    """Writes its effect, then holds until the file `hold` exists (a worker can be killed meanwhile)."""
    attempt(context.db, key)
    effect(context.db, key)
    wait_for(hold)


@job("probe.long", tracked=True)
def long(context, hold: str) -> None:
    context.progress(1, 3, "第 1 步")
    wait_for(hold)
    context.progress(3, 3, "完成")
