"""The progress of a long job shows in `omnicourt jobs status` while it runs, and its end after."""

import threading

from typer.testing import CliRunner

from omnicourt.cli import app
from omnicourt.queue import open_queue
from tests.queue.conftest import eventually, queue_settings


def test_a_long_job_shows_its_progress_in_the_cli_while_it_runs(queue_db, queue_engine, cli_settings, tmp_path):
    cli_settings(queue_db, **queue_engine)
    hold = tmp_path / "hold"
    queue = open_queue(queue_settings(queue_db, **queue_engine), periodic=False)
    run_id = queue.defer("probe.long", hold=str(hold))
    worker = threading.Thread(target=queue.drain)  # a worker in this process: it runs the job, then stops
    worker.start()
    try:
        running = eventually(lambda: showing("运行中  进度 1/3 第 1 步"), what="the job's progress")
        assert run_id in running and "probe.long" in running
    finally:
        hold.touch()
        worker.join(timeout=30)
    queue.close()
    assert showing("已完成  进度 3/3 完成")
    assert showing("等待中的任务：0")


def showing(text: str) -> str | None:
    """What `omnicourt jobs status` prints, if it shows `text`."""
    output = CliRunner().invoke(app, ["jobs", "status"]).output
    return output if text in output else None
