"""`omnicourt assist`: the AI judge assistant on a case file (registered in omnicourt.cli).

Reads plain text, PDF and .docx files, prints the elements with their source spans, the computed amounts and the
dispute focus as JSON; with --draft writes an unconfirmed judgment draft whose disputed points are marked
【待审判员认定】 (the judge decides them, not this command). The rule-based path only: the optional LLM backend
(OMNICOURT_ASSISTANT_LLM_URL / _MODEL) is not wired yet.
"""

import zipfile
from datetime import date
from pathlib import Path

import typer

from omnicourt import clock
from omnicourt.errors import DomainError

DEFAULT_CAUSE = "金融借款合同纠纷"


def assist(
    files: list[Path] = typer.Argument(..., exists=True, dir_okay=False, help="案件材料：.txt / .pdf / .docx"),
    cause: str = typer.Option(DEFAULT_CAUSE, help="案由（名称或代码）"),
    cutoff: date | None = typer.Option(None, parser=date.fromisoformat, metavar="YYYY-MM-DD",
                                       help="欠款计算截止日，默认取起诉状所载"),
    draft: Path | None = typer.Option(None, dir_okay=False, help="同时生成判决书草稿（.docx）到该路径"),
    court: str = typer.Option("××人民法院", help="法院名称（草稿用）"),
    case_number: str = typer.Option("（　　）　民初　号", help="案号（草稿用）"),
    procedure: str = typer.Option("simple", help="simple / ordinary / small_claims"),
    judge: str = typer.Option("××", help="审判员"),
    clerk: str = typer.Option("××", help="书记员"),
    filed_on: date | None = typer.Option(None, parser=date.fromisoformat, metavar="YYYY-MM-DD", help="立案日期"),
    judgment_date: date | None = typer.Option(None, parser=date.fromisoformat, metavar="YYYY-MM-DD",
                                              help="判决日期，默认今天"),
    appeal_court: str = typer.Option("××中级人民法院", help="上诉法院"),
) -> None:
    """Elements, amounts and dispute focus of a case file as JSON; optionally a judgment draft."""
    from omnicourt.assistant.pipeline import analyse, pipeline_for

    try:
        documents = [_read(path) for path in files]
        report = getattr(pipeline_for(cause), "report", None)  # a cause that prints its own (危险驾驶罪)
        if report is not None:
            typer.echo(report(documents))
            return
        analysis = analyse(cause, documents, cutoff=cutoff)
        typer.echo(analysis.to_json())
        if draft is not None:
            if filed_on is None:
                raise DomainError("生成判决书草稿需要立案日期：请用 --filed-on 填写", field="filed_on")
            if analysis.amounts is None:
                missing = "、".join(analysis.missing)
                raise DomainError(f"缺少计算所需的要素：{missing}，无法生成判决书草稿", field="draft")
            case = _draft_case(pipeline_for(cause), analysis, court=court, case_number=case_number,
                               procedure=procedure, judge=judge, clerk=clerk, filed_on=filed_on,
                               judgment_date=judgment_date or clock.today(), appeal_court=appeal_court)
            draft.write_bytes(pipeline_for(cause).draft(case))
            typer.echo(f"判决书草稿已写入 {draft}", err=True)
    except DomainError as error:
        typer.echo(error.message, err=True)
        raise typer.Exit(2) from None


def _read(path: Path):
    """One file of the case file, or a DomainError naming it: a damaged, encrypted or binary file ends the
    command with a message and exit status 2, not a traceback."""
    from pypdf.errors import PyPdfError

    from omnicourt.assistant.documents import read_document

    try:
        document = read_document(path)
    except (DomainError, ValueError) as error:  # the readers' refusals, worded for the user
        raise DomainError(f"无法读取「{path.name}」：{error}", field="files") from None
    except (OSError, KeyError, zipfile.BadZipFile, PyPdfError):  # what the parsers raise on a damaged file
        raise DomainError(f"无法读取「{path.name}」：文件已损坏、已加密或不是其扩展名所示的格式",
                          field="files") from None
    if "\x00" in document.text:  # bytes no text file holds: a binary file named .txt
        raise DomainError(f"无法读取「{path.name}」：不是文本文件", field="files")
    return document


def _draft_case(loans, analysis, *, court: str, case_number: str, procedure: str, judge: str, clerk: str,
                filed_on: date, judgment_date: date, appeal_court: str):
    """An unconfirmed draft of a loan cause: every claim stands until the judge decides the disputed points."""
    from omnicourt.assistant.loans.draft import DraftCase

    return DraftCase(court_name=court, case_number=case_number, terms=loans.terms(analysis.elements),
                     amounts=analysis.amounts, focus=analysis.focus, procedure=procedure, filed_on=filed_on,
                     judgment_date=judgment_date, judges=(judge,), clerk=clerk, appeal_court=appeal_court,
                     cause=loans.loan_cause)
