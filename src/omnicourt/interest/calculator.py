"""The interest calculator: typed text → segments, penalty, cap and the judgment wording (court-rules.md §4), as a
JSON-ready dict; the CLI (`calc interest`), the API and the page share it."""

from datetime import date
from decimal import Decimal, InvalidOperation

from omnicourt.errors import InvalidInput
from omnicourt.interest import rules, wording
from omnicourt.interest.lpr import BenchmarkTable, LprTable
from omnicourt.interest.rates import parse_rate

CAP_KINDS = ("none", "financial", "private")
TEXT = 40  # longest date, amount or rate text the API and the page accept


def parse_date(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"日期「{text}」格式不正确，应为 YYYY-MM-DD", field=field) from None


def _optional_date(text: str | None, field: str) -> date | None:
    return None if text is None else parse_date(text, field)


def parse_decimal(text: str, field: str) -> Decimal:
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


def calculate(principal_text: str, rate_text: str, start_text: str, end_text: str, basis: int = 360,
              uplift_text: str | None = None, cap: str = "none", contract_text: str | None = None,
              suit_text: str | None = None) -> dict:
    """Simple interest by LPR segment, the penalty interest, the cap and the judgment wording, JSON-ready.

    Bad input raises omnicourt.errors.InvalidInput with a Chinese message naming the field.
    """
    if cap not in CAP_KINDS:
        raise InvalidInput(f"上限类型应为 {' / '.join(CAP_KINDS)}，收到 {cap}", field="cap")
    principal = parse_decimal(principal_text, "principal")
    start, end = parse_date(start_text, "start"), parse_date(end_text, "end")
    rate = parse_rate(rate_text, day_basis=basis)
    lpr = LprTable.load()
    benchmark = None
    if rate.kind == "benchmark":
        benchmark = BenchmarkTable.load().rate_at(_optional_date(contract_text, "contract_date") or start, 12)
    segments = rules.floating_segments(principal, rate, start, end, basis, lpr, disbursed_on=start,
                                       benchmark=benchmark)
    amount = sum((segment.amount for segment in segments), Decimal(0))
    result = {"principal": str(principal), "rate": rate_text, "basis": basis, "days": rules.days_between(start, end),
              "amount": str(rules.to_fen(amount)), "segments": [_segment_json(s) for s in segments]}
    penalty_amount = Decimal(0)
    if uplift_text is not None:
        uplift = parse_decimal(uplift_text, "penalty_uplift")
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
        contract_date = _optional_date(contract_text, "contract_date")
        suit_date = _optional_date(suit_text, "suit_date")
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
