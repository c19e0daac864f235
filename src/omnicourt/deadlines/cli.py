"""`omnicourt calc deadline`: the deadline calculator on the command line (registered in omnicourt.cli)."""

import json

import typer

from omnicourt import clock
from omnicourt.deadlines.calculator import calculate
from omnicourt.deadlines.schemas import DeadlineParams
from omnicourt.errors import DomainError


def calc_deadline(
    case_type: str = typer.Option(..., "--case-type", help="类型代字：民初 / 民终 / 刑初 / 行初 / 行审 / 执 ..."),
    procedure: str = typer.Option(..., help="ordinary / simple / small_claims / fast_track"),
    filed: str = typer.Option(..., "--filed", help="立案（受理）日期 YYYY-MM-DD"),
    suspension: list[str] = typer.Option([], "--suspension", help="kind:YYYY-MM-DD:YYYY-MM-DD"),
    extension: list[str] = typer.Option([], "--extension", help="1m / 30d"),
    on: str = typer.Option(None, "--on", help="计算日 YYYY-MM-DD，默认今天"),
    variant: str = typer.Option(None, "--variant", help="情形：ruling_appeal / sentence_over_1y / non_litigation ..."),
    roll_over_holidays: bool = typer.Option(False, "--roll-over-holidays", help="届满日遇法定休假日顺延（未经核实）"),
) -> None:
    """The trial or enforcement deadline with every adjustment and its source, as JSON."""
    params = DeadlineParams(case_type=case_type, procedure=procedure, filed=filed, variant=variant,
                            suspensions=suspension, extensions=extension, on=on,
                            roll_over_holidays=roll_over_holidays)
    try:
        result = calculate(params, today=clock.today())
    except DomainError as error:
        typer.echo(error.message, err=True)
        raise typer.Exit(2) from None
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
