"""`omnicourt dossier archive CASE_NUMBER` and `omnicourt dossier verify CASE_NUMBER` (attached to the dossier's
commands by the `omnicourt` command: archiving needs the case and the court's signing key, which the dossier does
not know)."""

import typer

CASE_NUMBER_HELP = "案号，如 （2026）浙0106民初1号（半角括号、空格亦可）"


def archive(case_number: str = typer.Argument(..., help=CASE_NUMBER_HELP)) -> None:
    """Write the closed case's archive package (once) and print its digest."""
    from omnicourt.casework import archive as archiving
    from omnicourt.db import Database
    from omnicourt.errors import DomainError
    from omnicourt.settings import get_settings

    settings = get_settings()
    try:
        with Database(settings.database_url).transaction() as session:
            made, new = archiving.archive_case(session, settings,
                                               case_id=archiving.case_id_by_number(session, case_number))
            sha256, files = made.sha256, made.files
    except DomainError as error:
        typer.echo(error.message, err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{'已归档' if new else '该案此前已归档'}：{files} 份材料，归档包 SHA-256 {sha256}")


def verify(case_number: str = typer.Argument(..., help=CASE_NUMBER_HELP)) -> None:
    """Re-read the archive package and the stored files: exit 1 naming each file that changed."""
    from omnicourt.casework import archive as archiving
    from omnicourt.db import Database
    from omnicourt.errors import DomainError
    from omnicourt.settings import get_settings

    settings = get_settings()
    try:
        with Database(settings.database_url).reading() as session:
            problems = archiving.verify_case(session, settings,
                                             case_id=archiving.case_id_by_number(session, case_number))
    except DomainError as error:
        typer.echo(error.message, err=True)
        raise typer.Exit(1) from None
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        typer.echo(f"归档校验未通过：{len(problems)} 处不符", err=True)
        raise typer.Exit(1)
    typer.echo("归档包、清单签名及存储中的文件均与归档时一致")
