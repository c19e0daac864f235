"""`omnicourt cases import FILE` and `omnicourt retrieval rebuild` / `sync` (registered in omnicourt.cli)."""

from pathlib import Path

import typer

cases_cli = typer.Typer(help="案例库", no_args_is_help=True)
retrieval_cli = typer.Typer(help="类案检索", no_args_is_help=True)
REJECTIONS_SHOWN = 50


def _database():
    from omnicourt.db import Database
    from omnicourt.settings import get_settings

    return Database(get_settings().database_url)


def _index():
    from omnicourt.retrieval.index import open_configured
    from omnicourt.settings import get_settings

    return open_configured(get_settings())


def _progress(label: str):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())


@cases_cli.command("import")
def import_cases(file: Path = typer.Argument(..., exists=True, dir_okay=False, help="JSON Lines 文件"),
                 report: Path = typer.Option(None, "--report", help="把被拒绝的行（行号与原因）写入此文件"),
                 batch_size: int = typer.Option(1000, help="每批写入的行数"),
                 workers: int = typer.Option(1, help="分词进程数（分词占导入时间的九成）")) -> None:
    """Import judgments (CAIL or full text, one JSON object a line) into the case base and the index."""
    from omnicourt.retrieval.importer import import_file

    with _progress("导入案例（字节）") as progress:
        task = progress.add_task("import", total=file.stat().st_size)
        result = import_file(_database(), _index(), file, batch_size=batch_size, workers=workers,
                             on_progress=lambda done: progress.update(task, completed=done))
    typer.echo(f"已导入 {result.imported} 件，拒绝 {len(result.rejected)} 行")
    for rejection in result.rejected[:REJECTIONS_SHOWN]:
        typer.echo(f"  第 {rejection.line} 行：{rejection.reason}", err=True)
    if len(result.rejected) > REJECTIONS_SHOWN and not report:
        typer.echo(f"  ……另有 {len(result.rejected) - REJECTIONS_SHOWN} 行，用 --report 导出全部", err=True)
    if report:
        report.write_text("".join(f"{r.line}\t{r.reason}\n" for r in result.rejected), encoding="utf-8")


@retrieval_cli.command("rebuild")
def rebuild() -> None:
    """Empty the search index and index the whole case base again (de-identifying rows stored before it was)."""
    from omnicourt.retrieval.casebase import reindex

    with _progress("重建索引") as progress:
        task = progress.add_task("rebuild", total=None)
        done = reindex(_database(), _index(),
                       on_progress=lambda done, total: progress.update(task, completed=done, total=total))
    typer.echo(f"索引已重建：{done} 件")


@retrieval_cli.command("sync")
def sync() -> None:
    """Put the platform's closed cases that are not yet in the case base into it (and into the index)."""
    from omnicourt.retrieval.casebase import sync

    typer.echo(f"新入库 {sync(_database(), _index())} 件已结案件")
