"""The job-queue figures at a tiny size: every job runs (the write jobs leave their rows) and each figure carries
the INSERT loop measured beside it."""

import os
import uuid

import pytest

from bench import job_queue
from tests.queue.conftest import remove_queue


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_queue_figures_against_an_insert_loop(backend, tmp_path, migrated_databases):
    if backend == "postgres":
        url, drop = migrated_databases.postgres()
    else:
        url, drop = migrated_databases.sqlite(tmp_path / "bench.db"), None
    try:
        figures = job_queue.run(url, jobs=20)
    finally:
        if drop:
            drop()
    assert [figure.unit for figure in figures] == ["jobs/s", "jobs/s"]
    assert all(figure.value > 0 and figure.ceiling > 0 and figure.details["jobs"] == 20 for figure in figures)
    assert ("huey" if backend == "sqlite" else "procrastinate") in figures[0].name


def test_queue_figures_on_dramatiq(tmp_path, migrated_databases):
    amqp_url = os.environ.get("OMNICOURT_TEST_AMQP_URL")
    if not amqp_url:
        pytest.skip("OMNICOURT_TEST_AMQP_URL is not set")
    url, queue_name = migrated_databases.sqlite(tmp_path / "bench.db"), f"omnicourt-test-{uuid.uuid4().hex[:12]}"
    try:
        figures = job_queue.run(url, jobs=20, queue_backend="dramatiq", broker_url=amqp_url, queue_name=queue_name)
    finally:
        remove_queue(amqp_url, queue_name)
    assert all(figure.value > 0 and figure.details["jobs"] == 20 for figure in figures)
    assert "dramatiq" in figures[0].name
