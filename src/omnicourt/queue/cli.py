"""`omnicourt worker` runs jobs and the periodic schedule; `omnicourt jobs status | defer` look at them."""

import logging

import typer

from omnicourt import clock
from omnicourt.settings import get_settings

jobs_cli = typer.Typer(help="后台任务", no_args_is_help=True)
STATES = {"running": "运行中", "succeeded": "已完成", "failed": "失败"}


def worker(concurrency: int = typer.Option(None, help="同时运行的任务数（默认 OMNICOURT_QUEUE_CONCURRENCY）")) -> None:
    """Run queued jobs and the periodic schedule (hourly sweeps, the dashboard every minute) until stopped."""
    from omnicourt.queue import backend_for, open_queue

    settings = get_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    queue = open_queue(settings)
    typer.echo(f"后台任务进程已启动（{backend_for(settings)}）")
    queue.work(concurrency=concurrency or settings.queue_concurrency)


@jobs_cli.command("status")
def status(limit: int = typer.Option(20, help="显示条数")) -> None:
    """The latest runs of long jobs with their progress, and how many jobs wait."""
    from omnicourt.db import Database
    from omnicourt.queue import open_queue, runs

    settings = get_settings()
    queue = open_queue(settings, periodic=False)
    try:
        typer.echo(f"等待中的任务：{queue.waiting()}")
    finally:
        queue.close()
    for run in runs.recent(Database(settings.database_url), limit=limit):
        typer.echo(describe(run))


def describe(run) -> str:
    progress = f"{run.done}/{run.total}" if run.total else f"{run.done}"
    note = f" {run.note}" if run.note else ""
    error = f" 错误：{run.error}" if run.error else ""
    updated = clock.local(run.updated_at).strftime("%Y-%m-%d %H:%M:%S")
    return (f"{run.id}  {run.name}  {STATES.get(run.state, run.state)}  进度 {progress}{note}  "
            f"第 {run.attempt} 次  更新于 {updated}{error}")


@jobs_cli.command("defer")
def defer(name: str = typer.Argument(..., help="任务名，如 sweeps")) -> None:
    """Queue one run of a job now (a worker takes it)."""
    from omnicourt.queue import AlreadyWaiting, open_queue

    queue = open_queue(get_settings(), periodic=False)
    try:
        if name not in queue.jobs:
            typer.echo(f"没有名为 {name} 的任务；可选：{'、'.join(sorted(queue.jobs))}", err=True)
            raise typer.Exit(2)
        typer.echo(f"已加入队列：{queue.defer(name)}")
    except AlreadyWaiting:
        typer.echo(f"{name} 已有一次在队列中等待，无需重复加入")
    finally:
        queue.close()
