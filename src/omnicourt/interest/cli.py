"""`omnicourt calc interest` (the interest calculator) and `omnicourt interest lpr add` (a newer official LPR fixing),
registered in omnicourt.cli."""

import json
from datetime import date
from decimal import Decimal, InvalidOperation

import typer

from omnicourt.errors import DomainError, InvalidInput
from omnicourt.interest import rules, wording
from omnicourt.interest.lpr import BenchmarkTable, LprTable, append_fixing, default_lpr_path
from omnicourt.interest.rates import parse_rate

interest_cli = typer.Typer(help="利息：LPR 表等", no_args_is_help=True)
lpr_cli = typer.Typer(help="贷款市场报价利率（LPR）表", no_args_is_help=True)
interest_cli.add_typer(lpr_cli, name="lpr")

CAP_KINDS = ("none", "financial", "private")


def _date(text: str | None, field: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"日期「{text}」格式不正确，应为 YYYY-MM-DD", field=field) from None


def _decimal(text: str, field: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise InvalidInput(f"「{text}」不是数字", field=field) from None
    if not value.is_finite():
        raise InvalidInput(f"「{text}」不是数字", field=field)
    return value


def _segment_json(segment: rules.Segment) -> dict:
    return {"start": segment.start.isoformat(), "end": segment.end.isoformat(), "days": segment.days,
            "annual_rate": str(segment.annual_rate), "lpr": None if segment.lpr is None else str(segment.lpr),
            "amount": str(rules.to_fen(segment.amount))}


def _private_cap(principal: Decimal, segments: list[rules.Segment], basis: int, contract_date: date, suit_date: date,
                 lpr: LprTable) -> dict:
    """Each segment's interest at min(agreed rate, the private-lending cap in force for those days)."""
    periods = rules.private_lending_cap(contract_date, suit_date, lpr)
    capped, bound = Decimal(0), []
    for segment in segments:
        for period in periods:
            low = max(segment.start, period.start or segment.start)
            high = min(segment.end, period.end or segment.end)
            if low >= high:
                continue
            rate = min(segment.annual_rate, period.annual_cap)
            if segment.annual_rate > period.annual_cap:
                bound.append(low.isoformat())
            capped += rules.interest(principal, rate, low, high, basis)
    return {"kind": "private",
            "periods": [{"annual_cap": str(p.annual_cap), "from": p.start and p.start.isoformat(),
                         "until": p.end and p.end.isoformat(), "lpr": p.lpr and str(p.lpr), "source": p.source}
                        for p in periods],
            "bound": bool(bound), "bound_from": min(bound) if bound else None,
            "capped_interest": str(rules.to_fen(capped))}


def _penalty_segment(segment: rules.Segment, uplift: Decimal, basis: int) -> rules.Segment:
    """The same days at the penalty rate: contract rate × (1 + uplift)."""
    annual = rules.penalty_rate(segment.annual_rate, uplift).annual
    return rules.Segment(segment.start, segment.end, segment.days, segment.base, annual,
                         rules.interest(segment.base, annual, segment.start, segment.end, basis), segment.lpr)


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
        typer.echo(json.dumps(_calculate(principal, rate, start, end, basis, penalty_uplift, cap, contract_date,
                                         suit_date), ensure_ascii=False, indent=2))
    except DomainError as error:
        typer.echo(error.message, err=True)
        raise typer.Exit(2) from None


def _calculate(principal_text, rate_text, start_text, end_text, basis, uplift_text, cap, contract_text,
               suit_text) -> dict:
    if cap not in CAP_KINDS:
        raise InvalidInput(f"上限类型应为 {' / '.join(CAP_KINDS)}，收到 {cap}", field="cap")
    principal = _decimal(principal_text, "principal")
    start, end = _date(start_text, "start"), _date(end_text, "end")
    rate = parse_rate(rate_text, day_basis=basis)
    lpr = LprTable.load()
    benchmark = None
    if rate.kind == "benchmark":
        benchmark = BenchmarkTable.load().rate_at(_date(contract_text, "contract_date") or start, 12)
    segments = rules.floating_segments(principal, rate, start, end, basis, lpr, disbursed_on=start,
                                       benchmark=benchmark)
    amount = sum((segment.amount for segment in segments), Decimal(0))
    result = {"principal": str(principal), "rate": rate_text, "basis": basis, "days": rules.days_between(start, end),
              "amount": str(rules.to_fen(amount)), "segments": [_segment_json(s) for s in segments]}
    penalty_amount = Decimal(0)
    if uplift_text is not None:
        uplift = _decimal(uplift_text, "penalty_uplift")
        penalty_segments = [_penalty_segment(segment, uplift, basis) for segment in segments]
        penalty_amount = sum((segment.amount for segment in penalty_segments), Decimal(0))
        result["penalty"] = {"amount": str(rules.to_fen(penalty_amount)),
                             "warning": rules.penalty_rate(Decimal(1), uplift).warning,
                             "segments": [_segment_json(segment) for segment in penalty_segments]}
    if cap == "financial":
        capped = rules.financial_loan_cap(principal, start, end, basis, interest=amount, penalty=penalty_amount)
        result["cap"] = {"kind": "financial", "bound": capped.bound != "none",
                         "allowance": str(rules.to_fen(capped.allowance)),
                         "reduced_by": str(rules.to_fen(capped.reduced_by)),
                         "interest": str(rules.to_fen(capped.interest)), "penalty": str(rules.to_fen(capped.penalty)),
                         "bound_from": start.isoformat() if capped.bound != "none" else None,
                         "source": capped.source}
    elif cap == "private":
        contract_date, suit_date = _date(contract_text, "contract_date"), _date(suit_text, "suit_date")
        if contract_date is None or suit_date is None:
            raise InvalidInput("民间借贷利率上限须提供合同成立日和起诉日", field="contract_date")
        result["cap"] = _private_cap(principal, segments, basis, contract_date, suit_date, lpr)
    else:
        result["cap"] = {"kind": "none"}
    rates = "、".join(dict.fromkeys(wording.percent(s.annual_rate) for s in segments)) or wording.percent(Decimal(0))
    result["wording"] = (f"以{wording.yuan(principal)}为基数，按年利率{rates}，自{wording.chinese_date(start)}起至"
                         f"{wording.chinese_date(end)}止（算头不算尾，共{result['days']}天，每年按{basis}天计）"
                         f"计得利息{wording.yuan(amount)}")
    return result


@lpr_cli.command("add")
def lpr_add(on: str = typer.Option(..., "--date", help="报价日 YYYY-MM-DD（须为官方公布的新报价）"),
            one_year: str = typer.Option(..., "--one-year", help="一年期LPR（%），如 3.00"),
            five_year: str = typer.Option(..., "--five-year", help="五年期以上LPR（%），如 3.50")) -> None:
    """Append a newer official fixing (中国人民银行 / 全国银行间同业拆借中心公告) to data/interest/lpr.csv."""
    try:
        fixing = append_fixing(default_lpr_path(), _date(on, "date"), _decimal(one_year, "one_year"),
                               _decimal(five_year, "five_year"))
    except DomainError as error:
        typer.echo(error.message, err=True)
        raise typer.Exit(2) from None
    typer.echo(f"已添加 {fixing.on.isoformat()} 报价：一年期 {wording.percent(fixing.one_year)}，"
               f"五年期以上 {wording.percent(fixing.five_year)}")
