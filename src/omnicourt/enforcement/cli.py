"""`omnicourt calc enforcement-fee | preservation-fee | double-interest | auction`, registered in omnicourt.cli:
each prints JSON with the rule behind each number, or the refusal on stderr (exit 2)."""

import json
from collections.abc import Callable

import typer

from omnicourt.enforcement import calculators
from omnicourt.errors import DomainError


def _run(compute: Callable[[], dict]) -> None:
    try:
        result = compute()
    except DomainError as error:
        typer.echo(error.message, err=True)
        raise typer.Exit(2) from None
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2))


def calc_enforcement_fee(amount: str = typer.Option(..., help="申请执行金额（元）")) -> None:
    """申请执行费 (诉讼费用交纳办法 art. 14(1)), as JSON."""
    _run(lambda: calculators.enforcement_fee(amount))


def calc_preservation_fee(amount: str = typer.Option(..., help="实际保全的财产数额（元）")) -> None:
    """申请保全费 (诉讼费用交纳办法 art. 14(2)), as JSON."""
    _run(lambda: calculators.preservation_fee(amount))


def calc_double_interest(amount: str = typer.Option(..., help="生效法律文书确定的金钱债务（不含一般债务利息，元）"),
                         from_: str = typer.Option(..., "--from", help="履行期间届满之日 YYYY-MM-DD（计入）"),
                         to: str = typer.Option(..., "--to", help="履行完毕之日 YYYY-MM-DD（不计入）")) -> None:
    """加倍部分债务利息 (CPL art. 264; 2014 interpretation), as JSON."""
    _run(lambda: calculators.double_interest(amount, from_, to))


def calc_auction(reference_price: str = typer.Option(..., "--reference-price", help="参考价（元）"),
                 kind: str = typer.Option(..., help="real_estate（不动产）/ movable（动产）"),
                 auction_round: int = typer.Option(1, "--round", help="1 首次拍卖 / 2 再次拍卖"),
                 previous_start: str = typer.Option(None, "--previous-start", help="前次起拍价（元，再次拍卖）"))\
        -> None:
    """The lowest starting price, the deposit range, the announcement and bidding periods (网拍规定), as JSON."""
    _run(lambda: calculators.auction(reference_price, kind, auction_round, previous_start))
