"""`omnicourt dossier sweep-orphans`: delete stored files no document names (left by a crash or an older version)."""

import typer

app = typer.Typer(help="卷宗材料存储", no_args_is_help=True)


HOURS_HELP = "只删除早于这么多小时的文件（更新的可能属于进行中的请求）"


@app.command("sweep-orphans")
def sweep_orphans(hours: float = typer.Option(1.0, min=0.0, help=HOURS_HELP)) -> None:
    """Delete stored files (local or in the object store) that no document row names, and abandoned staging files."""
    from datetime import timedelta

    from omnicourt.db import Database
    from omnicourt.dossier import service
    from omnicourt.dossier.storage import storage_of
    from omnicourt.settings import get_settings

    settings = get_settings()
    with Database(settings.database_url).reading() as session:
        deleted = service.sweep_orphans(session, storage_of(settings), older_than=timedelta(hours=hours))
    for name in deleted:
        typer.echo(name)
    typer.echo(f"已删除无主文件 {len(deleted)} 个", err=True)
