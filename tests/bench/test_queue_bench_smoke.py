"""The job-queue figures at a tiny size: every job runs (the write jobs leave their rows) and each figure carries
the INSERT loop measured beside it."""

import pytest

from bench import job_queue
from omnicourt import migrate
from omnicourt.db import Database
from tests.conftest import POSTGRES_URL, _fresh_postgres


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_queue_figures_against_an_insert_loop(backend, tmp_path):
    if backend == "postgres":
        if not POSTGRES_URL:
            pytest.skip("OMNICOURT_TEST_POSTGRES_URL is not set")
        url, drop = _fresh_postgres()
    else:
        url, drop = f"sqlite:///{tmp_path / 'bench.db'}", None
    db = Database(url)
    migrate.upgrade(db)
    db.engine.dispose()
    try:
        figures = job_queue.run(url, jobs=20)
    finally:
        if drop:
            drop()
    assert [figure.unit for figure in figures] == ["jobs/s", "jobs/s"]
    assert all(figure.value > 0 and figure.ceiling > 0 and figure.details["jobs"] == 20 for figure in figures)
    assert ("huey" if backend == "sqlite" else "procrastinate") in figures[0].name
