"""`omnicourt signing keys | rotate` and `omnicourt dossier verify-signature FILE` (attached to the dossier's
commands by the `omnicourt` command)."""

from pathlib import Path

import typer

app = typer.Typer(help="法院及法官的 SM2 签名密钥", no_args_is_help=True)


@app.command("keys")
def list_keys(court: str = typer.Option("", help="法院代字，如 浙0106；不填则列出全部")) -> None:
    """Every signing key: holder, generation, fingerprint, from when, retired when."""
    from omnicourt import clock
    from omnicourt.db import Database
    from omnicourt.reference import service as reference
    from omnicourt.settings import get_settings
    from omnicourt.signing import service

    with Database(get_settings().database_url).reading() as session:
        court_id = reference.court_by_code(session, court).id if court else None
        for key in service.keys(session, court_id=court_id):
            retired = clock.local(key.retired_at).isoformat(timespec="seconds") if key.retired_at else "在用"
            typer.echo(f"{reference.court(session, key.court_id).code}\t{key.holder}\t第{key.generation}代\t"
                       f"{key.fingerprint}\t{clock.local(key.valid_from).isoformat(timespec='seconds')}\t{retired}")


@app.command("rotate")
def rotate(court: str = typer.Argument(..., help="法院代字，如 浙0106"),
           judge: int = typer.Option(0, help="法官账户 id；不填则轮换法院密钥")) -> None:
    """Retire the court's (or a judge's) key: a new one signs from now on; the old one still verifies."""
    from omnicourt.db import Database
    from omnicourt.reference import service as reference
    from omnicourt.settings import get_settings
    from omnicourt.signing import service

    settings = get_settings()
    with Database(settings.database_url).transaction() as session:
        signer = service.Signer(reference.court_by_code(session, court).id, judge or None)
        key = service.rotate(session, settings, signer)
        typer.echo(f"新密钥 {key.fingerprint}（第{key.generation}代）已启用")


def verify_signature(file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True),
                     code: str = typer.Option("", help="文书上的校验码（可选）")) -> None:
    """Check a court document's signature: exit 0 when signed and unchanged, 1 otherwise."""
    from omnicourt.db import Database
    from omnicourt.errors import DomainError
    from omnicourt.settings import get_settings
    from omnicourt.signing import verification

    try:
        result = verification.verify(Database(get_settings().database_url), content=file.read_bytes(),
                                     code=code or None)
    except DomainError as error:
        typer.echo(error.message, err=True)
        raise typer.Exit(1) from None
    typer.echo(result.message)
    for found in result.signatures:
        typer.echo(f"签名人：{found.signer_name}\t签名时间：{found.signed_at.isoformat(timespec='seconds')}\t"
                   f"校验码：{found.code}\t密钥：{found.key_fingerprint}")
    if not result.ok:
        raise typer.Exit(1)
