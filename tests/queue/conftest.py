"""A fresh migrated database per backend (no demo data) with the probe tables, the queue's engine (the database's own,
or dramatiq on RabbitMQ or Redis in a queue of the test's own), and workers as real processes."""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pika
import pytest
import redis
from sqlalchemy import text

from omnicourt.db import Database
from omnicourt.settings import Settings, get_settings
from tests.conftest import MigratedDatabases
from tests.queue import probes

ROOT = Path(__file__).resolve().parents[2]
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
BROKER_VARIABLES = {"rabbitmq": "OMNICOURT_TEST_AMQP_URL", "redis": "OMNICOURT_TEST_REDIS_URL"}


@pytest.fixture(params=BACKENDS)
def queue_db(request, tmp_path, migrated_databases):
    yield from _fresh_database(request.param, tmp_path, migrated_databases)


@pytest.fixture
def postgres_queue_db(tmp_path, migrated_databases):
    """For what only procrastinate does (taking up a dead worker's jobs, periodic jobs by the second)."""
    yield from _fresh_database("postgres", tmp_path, migrated_databases)


@pytest.fixture(params=["native", "rabbitmq", "redis"])
def queue_engine(request):
    """The settings choosing the queue: none (the database's own engine), or dramatiq on a broker."""
    if request.param == "native":
        yield {}
    else:
        yield from _broker_queue(request.param)


@pytest.fixture(params=["rabbitmq", "redis"])
def broker_engine(request):
    """For what dramatiq alone does (redelivery to another worker, the ticker): its settings on each broker."""
    yield from _broker_queue(request.param)


def _broker_queue(broker: str):
    url = os.environ.get(BROKER_VARIABLES[broker])
    if not url:
        pytest.skip(f"{BROKER_VARIABLES[broker]} is not set")
    queue_name = f"omnicourt-test-{uuid.uuid4().hex[:12]}"  # runs of other tests never meet this test's
    yield {"queue_backend": "dramatiq", "queue_broker_url": url, "queue_name": queue_name}
    remove_queue(url, queue_name)


def remove_queue(url: str, queue_name: str) -> None:
    """The test's queue, its delay queue and dead letters, off the broker."""
    if url.startswith("amqp"):
        connection = pika.BlockingConnection(pika.URLParameters(url))
        channel = connection.channel()
        for name in (queue_name, f"{queue_name}.DQ", f"{queue_name}.XQ"):
            channel.queue_delete(name)
        connection.close()
        return
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"*{queue_name}*"):
        client.delete(key)
    client.close()


def _fresh_database(backend: str, tmp_path: Path, migrated: MigratedDatabases):
    if backend == "postgres":
        url, drop = migrated.postgres()
    else:
        url, drop = migrated.sqlite(tmp_path / "omnicourt.db"), None
    db = Database(url)
    probes.create_tables(db)
    yield db
    db.engine.dispose()
    if drop:
        drop()


def queue_settings(db: Database, **overrides) -> Settings:
    return Settings(database_url=db.url, queue_retry_seconds=0.3, queue_job_modules=("tests.queue.probes",),
                    **overrides)


def environment(db: Database, modules=("tests.queue.probes",), **settings) -> dict:
    """What a worker process reads: the test database, the probe jobs, quick heartbeats."""
    env = {**os.environ, "OMNICOURT_DATABASE_URL": db.url, "OMNICOURT_QUEUE_JOB_MODULES": json.dumps(list(modules)),
           "OMNICOURT_QUEUE_STALLED_SECONDS": "1.5", "OMNICOURT_QUEUE_RETRY_SECONDS": "0.3"}
    env.update({f"OMNICOURT_{name.upper()}": str(value) for name, value in settings.items()})
    return env


class Workers:
    """`omnicourt worker` processes, stopped (killed if need be) at the end of the test."""

    def __init__(self, tmp_path: Path):
        self.tmp_path, self.processes = tmp_path, []

    def start(self, env: dict) -> subprocess.Popen:
        log = open(self.tmp_path / f"worker-{len(self.processes)}.log", "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen([sys.executable, "-m", "omnicourt.cli", "worker"], cwd=ROOT, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def logs(self) -> str:
        return "\n".join(path.read_text() for path in sorted(self.tmp_path.glob("worker-*.log")))

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def workers(tmp_path):
    started = Workers(tmp_path)
    yield started
    started.stop()


def eventually(check, *, seconds: float = 30, what: str = "", logs=lambda: ""):
    """Poll `check` until it returns something true; fail with `what` (and the workers' logs) past `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}\n{logs()}")
        time.sleep(0.1)


def scalar(db: Database, sql: str, **params):
    with db.reading() as session:
        return session.scalar(text(sql), params)


@pytest.fixture
def cli_settings(monkeypatch):
    """The `omnicourt` command in this process reads the environment set by the test."""

    def use(db: Database, **settings) -> None:
        for name, value in environment(db, **settings).items():
            if name.startswith("OMNICOURT_"):
                monkeypatch.setenv(name, value)
        get_settings.cache_clear()

    yield use
    monkeypatch.undo()
    get_settings.cache_clear()
