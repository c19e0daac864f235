"""`omnicourt dashboard refresh | rebuild`: keep the supervision aggregates current, or recompute them."""

import time

import typer

app = typer.Typer(help="审判态势（一屏看全省）统计", no_args_is_help=True)


def _database():
    from omnicourt.db import Database
    from omnicourt.settings import get_settings

    return Database(get_settings().database_url)


@app.command("refresh")
def refresh() -> None:
    """Apply the timeline events written since the last run (one transaction per batch)."""
    from omnicourt.dashboard import updates

    started = time.perf_counter()
    applied = updates.refresh(_database())
    typer.echo(f"已应用 {applied} 条案件事件，用时 {time.perf_counter() - started:.1f} 秒")


@app.command("rebuild")
def rebuild() -> None:
    """Recompute every aggregate from the cases in bulk SQL (one transaction)."""
    from omnicourt.dashboard import updates

    started = time.perf_counter()
    with _database().transaction() as session:
        updates.rebuild(session)
    typer.echo(f"审判态势统计已重建，用时 {time.perf_counter() - started:.1f} 秒")
