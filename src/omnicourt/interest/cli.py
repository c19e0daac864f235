"""`omnicourt calc interest` (the interest calculator) and `omnicourt interest lpr add` (a newer official LPR fixing),
registered in omnicourt.cli."""

import json

import typer

from omnicourt.errors import DomainError
from omnicourt.interest import calculator, wording
from omnicourt.interest.lpr import append_fixing, default_lpr_path

interest_cli = typer.Typer(help="利息：LPR 表等", no_args_is_help=True)
lpr_cli = typer.Typer(help="贷款市场报价利率（LPR）表", no_args_is_help=True)
interest_cli.add_typer(lpr_cli, name="lpr")


def calc_interest(
    principal: str = typer.Option(..., help="本金（元）"),
    rate: str = typer.Option(..., help="利率原文：年利率6.12% / 月息5厘 / 日利率万分之二 / LPR加50个基点 ..."),
    start: str = typer.Option(..., help="起算日 YYYY-MM-DD（计入）"),
    end: str = typer.Option(..., help="截止日 YYYY-MM-DD（不计入：算头不算尾）"),
    basis: int = typer.Option(360, help="一年的计息天数：360 或 365"),
    penalty_uplift: str = typer.Option(None, "--penalty-uplift", help="罚息上浮比例，如 0.5"),
    cap: str = typer.Option("none", help="none / financial（年利率24%） / private（LPR四倍）"),
    contract_date: str = typer.Option(None, "--contract-date", help="合同成立日（private 上限必填）"),
    suit_date: str = typer.Option(None, "--suit-date", help="起诉日（private 上限必填）"),
) -> None:
    """Simple interest by LPR segment, the penalty interest, the cap and the wording, as JSON."""
    try:
        result = calculator.calculate(principal, rate, start, end, basis, penalty_uplift, cap, contract_date,
                                      suit_date)
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
    except DomainError as error:
        typer.echo(error.message, err=True)
        raise typer.Exit(2) from None


@lpr_cli.command("add")
def lpr_add(on: str = typer.Option(..., "--date", help="报价日 YYYY-MM-DD（须为官方公布的新报价）"),
            one_year: str = typer.Option(..., "--one-year", help="一年期LPR（%），如 3.00"),
            five_year: str = typer.Option(..., "--five-year", help="五年期以上LPR（%），如 3.50")) -> None:
    """Append a newer official fixing (中国人民银行 / 全国银行间同业拆借中心公告) to data/interest/lpr.csv."""
    try:
        fixing = append_fixing(default_lpr_path(), calculator.parse_date(on, "date"),
                               calculator.parse_decimal(one_year, "one_year"),
                               calculator.parse_decimal(five_year, "five_year"))
    except DomainError as error:
        typer.echo(error.message, err=True)
        raise typer.Exit(2) from None
    typer.echo(f"已添加 {fixing.on.isoformat()} 报价：一年期 {wording.percent(fixing.one_year)}，"
               f"五年期以上 {wording.percent(fixing.five_year)}")
