"""`omnicourt judgments redact FILE`: a judgment's text as it would be published, for any document, from inside the
platform or not."""

from pathlib import Path

import typer

from omnicourt.publication.redaction import Category

app = typer.Typer(help="裁判文书公开", no_args_is_help=True)
MAX_BYTES = 2_000_000  # a judgment runs to ~100k characters; a file far beyond that is not one


@app.command("redact")
def redact(file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True,
                                       help="UTF-8 纯文本裁判文书"),
           category: Category | None = typer.Option(
               None, help="案件类别（family/criminal/other）；不填则按文书首部判断"),
           everyone: bool = typer.Option(
               False, "--everyone", help="隐去所有自然人姓名（案例库的规则），而非仅第八条所列")) -> None:
    """Print the redacted text: the people art. 8 lists (found in the party blocks and wherever the text names them
    by role) masked, the items art. 10 lists deleted."""
    from omnicourt.publication import redaction, rules

    if file.stat().st_size > MAX_BYTES:
        raise typer.BadParameter(f"文件超过 {MAX_BYTES} 字节，不像一份裁判文书", param_hint="FILE")
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise typer.BadParameter("文件不是 UTF-8 编码的纯文本", param_hint="FILE") from None
    masking = redaction.everyone if everyone else redaction.art8_masking(
        category or rules.category_of_text(text), on=rules.written_on(text))
    typer.echo(redaction.redact(text, masking=masking), nl=not text.endswith("\n"))
