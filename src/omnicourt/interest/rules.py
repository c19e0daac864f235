"""Interest law as pure functions (court-rules.md §4): simple interest, LPR segments, the penalty rate, the caps of
financial loans (24 %) and private lending (4 × LPR), and the double interest for delayed performance.

Conventions, stated once:
* Days: an accrual period is half-open, [start, end): the first day counts, the last does not (算头不算尾, bank
  practice), so back-to-back periods neither overlap nor leave a gap, and days = (end - start).days. Judgments word
  the same count as "自 start+1 起至 end 止"; see omnicourt.interest.wording.
* Year: `basis` days (360 or 365), a parameter per claim (court-rules.md §4.2: 360 vs 365 is [U]).
* Amounts: Decimal, never float. The functions here return exact values; each reported amount is rounded once,
  ROUND_HALF_UP to the fen, by `to_fen` (so rounding errors never compound).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from omnicourt.errors import InvalidInput
from omnicourt.interest.lpr import LprTable
from omnicourt.interest.rates import BASES, Rate

FEN = Decimal("0.01")
ONE_DAY = timedelta(days=1)
# 《最高人民法院关于执行程序中计算迟延履行期间的债务利息适用法律若干问题的解释》(2014) art. 1 [V]: 日万分之一点七五.
DOUBLE_INTEREST_DAILY = Decimal("0.000175")
# 法发〔2017〕22号 part 2 item 2 [S]: interest + compound + penalty + other fees above 24 % a year may be reduced.
FINANCIAL_LOAN_CAP = Decimal("0.24")
# 民间借贷规定 (2020) arts 25, 28, 29 [V]: four times the one-year LPR at contract formation.
PRIVATE_LENDING_LPR_MULTIPLE = Decimal(4)
# Art. 31 [V]: the new cap applies from this day to contracts made before it (cases accepted after it).
PRIVATE_LENDING_TRANSITION = date(2020, 8, 20)
# The 2015 interpretation's 24 % (supported) line, configurable because the figure is [U] in court-rules.md §4.1.
OLD_PRIVATE_LENDING_CAP = Decimal("0.24")
# 银发〔2003〕251号 item 3 [S]: penalty uplift ranges, overdue 30–50 %, misused 50–100 %.
PENALTY_UPLIFT_RANGES = {"overdue": (Decimal("0.3"), Decimal("0.5")), "misuse": (Decimal("0.5"), Decimal("1"))}


def to_fen(amount: Decimal) -> Decimal:
    """Round a reported amount to the fen, half up."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def days_between(start: date, end: date) -> int:
    """Days in [start, end); end before start is refused."""
    if end < start:
        raise InvalidInput(f"计息截止日 {end.isoformat()} 早于起算日 {start.isoformat()}", field="end")
    return (end - start).days


def _check_basis(basis: int) -> None:
    if basis not in BASES:
        raise InvalidInput(f"计息基数应为 360 或 365 天，收到 {basis}", field="basis")


def _check_base(base: Decimal, field: str = "principal") -> None:
    if not isinstance(base, Decimal) or not base.is_finite() or base < 0:
        raise InvalidInput(f"计息基数（本金）应为非负金额，收到 {base}", field=field)


def interest(base: Decimal, annual_rate: Decimal, start: date, end: date, basis: int = 360) -> Decimal:
    """Simple interest on `base` at `annual_rate` for the days in [start, end): base × rate × days / basis (exact)."""
    _check_base(base)
    _check_basis(basis)
    if annual_rate < 0:
        raise InvalidInput(f"年利率不能为负，收到 {annual_rate}", field="rate")
    return base * annual_rate * days_between(start, end) / basis


@dataclass(frozen=True)
class Segment:
    """One stretch of days [start, end) at one annual rate; `lpr` is the one-year/five-year LPR used, if any."""

    start: date
    end: date
    days: int
    base: Decimal
    annual_rate: Decimal
    amount: Decimal  # exact; round with to_fen when reporting
    lpr: Decimal | None = None


def lpr_anchor_day(rate: Rate, disbursed_on: date) -> date:
    """The day whose LPR fixes an anchored rate: the disbursement day, or the day before (发放日前一日)."""
    return disbursed_on - ONE_DAY if rate.anchor_day_before else disbursed_on


def _lpr_on(rate: Rate, day: date, lpr: LprTable) -> Decimal:
    return lpr.five_year_at(day) if rate.tenor == "5y" else lpr.one_year_at(day)


def _from_lpr(rate: Rate, lpr_value: Decimal) -> Decimal:
    annual = lpr_value * rate.multiplier + rate.spread_bp / 10000
    if annual < 0:
        raise InvalidInput(f"利率「{rate.text}」按LPR {lpr_value * 100}% 计算为负", field="rate")
    return annual


def _required_lpr(rate: Rate, lpr: LprTable | None) -> LprTable:
    if lpr is None:
        raise InvalidInput(f"利率「{rate.text}」须有LPR表才能计算", field="rate")
    return lpr


def annual_rate_on(rate: Rate, day: date, lpr: LprTable | None = None, *, disbursed_on: date | None = None,
                   benchmark: Decimal | None = None) -> Decimal:
    """The annual rate of `rate` on `day`. LPR rates need `lpr` (and `disbursed_on` when anchored); benchmark rates
    need the PBOC `benchmark` rate that applies to the contract (lpr.BenchmarkTable.rate_at)."""
    if rate.kind == "fixed":
        if rate.annual is None:
            raise InvalidInput(f"利率「{rate.text}」没有年利率", field="rate")
        return rate.annual
    if rate.kind == "benchmark":
        if benchmark is None:
            raise InvalidInput(f"利率「{rate.text}」须有贷款基准利率才能计算", field="rate")
        return benchmark * rate.multiplier
    lpr = _required_lpr(rate, lpr)
    if rate.anchored:
        if disbursed_on is None:
            raise InvalidInput(f"利率「{rate.text}」按发放日的LPR确定，须有发放日", field="disbursed_on")
        day = lpr_anchor_day(rate, disbursed_on)
    return _from_lpr(rate, _lpr_on(rate, day, lpr))


def floating_segments(base: Decimal, rate: Rate, start: date, end: date, basis: int = 360,
                      lpr: LprTable | None = None, *, disbursed_on: date | None = None,
                      benchmark: Decimal | None = None) -> list[Segment]:
    """Interest on `base` over [start, end), one segment per rate in force: a floating LPR rate changes on each fixing
    date (court-rules.md §4.4, "分段计算"); consecutive fixings at the same rate stay one segment. Fixed, benchmark and
    anchored LPR rates give one segment."""
    _check_base(base)
    _check_basis(basis)
    days_between(start, end)
    if start == end:
        return []
    fixings = _required_lpr(rate, lpr) if rate.kind == "lpr" and not rate.anchored else None
    boundaries = [start]
    if fixings is not None:
        boundaries += [fixing.on for fixing in fixings.fixings_between(start + ONE_DAY, end)]
    boundaries.append(end)
    segments: list[Segment] = []
    for low, high in zip(boundaries, boundaries[1:], strict=False):
        lpr_value = _lpr_on(rate, low, fixings) if fixings is not None else None
        annual = _from_lpr(rate, lpr_value) if lpr_value is not None else annual_rate_on(
            rate, low, lpr, disbursed_on=disbursed_on, benchmark=benchmark)
        if segments and segments[-1].annual_rate == annual:
            previous = segments.pop()
            low, lpr_value = previous.start, previous.lpr
        days = (high - low).days
        segments.append(Segment(low, high, days, base, annual, base * annual * days / basis, lpr_value))
    return segments


@dataclass(frozen=True)
class PenaltyRate:
    annual: Decimal
    uplift: Decimal
    warning: str | None  # set when the uplift is outside the range of 银发〔2003〕251号 item 3


def penalty_rate(contract_annual: Decimal, uplift: Decimal, kind: str = "overdue") -> PenaltyRate:
    """罚息利率 = contract rate × (1 + uplift) (银发〔2003〕251号 item 3 [S]): overdue +30–50 %, misused +50–100 %.
    An uplift outside the range is computed as agreed, with a warning: the contract governs and the court decides."""
    if kind not in PENALTY_UPLIFT_RANGES:
        raise InvalidInput(f"罚息类型应为 overdue 或 misuse，收到 {kind}", field="penalty_kind")
    if not uplift.is_finite() or uplift < 0:
        raise InvalidInput(f"罚息上浮比例不能为负，收到 {uplift}", field="penalty_uplift")
    low, high = PENALTY_UPLIFT_RANGES[kind]
    warning = None
    if not low <= uplift <= high:
        what = "逾期贷款" if kind == "overdue" else "挤占挪用贷款"
        warning = (f"罚息上浮比例 {uplift * 100:.0f}% 不在{what}罚息上浮 {low * 100:.0f}%–{high * 100:.0f}% 的范围内"
                   "（中国人民银行《关于人民币贷款利率有关问题的通知》银发〔2003〕251号第三条），请核对合同约定")
    return PenaltyRate(contract_annual * (1 + uplift), uplift, warning)


@dataclass(frozen=True)
class CapResult:
    """The combined cap of a claim. `bound` is "none" when the charges stay within the allowance; otherwise the
    charges after the reduction (compound first, then penalty, fees, regular interest: the most penal first [U])."""

    bound: str  # "none" | "financial_24" | "private_4lpr"
    annual_cap: Decimal
    allowance: Decimal  # the most that may be charged: principal × cap × days / basis (exact)
    charged: Decimal  # the charges before the reduction
    reduced_by: Decimal
    interest: Decimal
    compound: Decimal
    penalty: Decimal
    fees: Decimal
    bound_from: date | None
    source: str


FINANCIAL_CAP_SOURCE = ("最高人民法院《关于进一步加强金融审判工作的若干意见》（法发〔2017〕22号）第二条第2项："
                        "利息、复利、罚息、违约金和其他费用总计超过年利率24%的部分，经借款人请求予以调减")


def apply_combined_cap(allowance: Decimal, *, interest: Decimal, compound: Decimal, penalty: Decimal, fees: Decimal,
                       bound: str, annual_cap: Decimal, source: str, bound_from: date | None = None) -> CapResult:
    """Cut the charges down to `allowance`, the most penal first: compound, penalty, fees, regular interest."""
    charged = interest + compound + penalty + fees
    excess = charged - allowance
    if excess <= 0:
        return CapResult("none", annual_cap, allowance, charged, Decimal(0), interest, compound, penalty, fees,
                         None, source)
    parts = {"compound": compound, "penalty": penalty, "fees": fees, "interest": interest}
    for name in parts:
        cut = min(parts[name], excess)
        parts[name] -= cut
        excess -= cut
    return CapResult(bound, annual_cap, allowance, charged, charged - allowance, parts["interest"],
                     parts["compound"], parts["penalty"], parts["fees"], bound_from, source)


def financial_loan_cap(principal: Decimal, start: date, end: date, basis: int = 360, *, interest: Decimal,
                       compound: Decimal = Decimal(0), penalty: Decimal = Decimal(0), fees: Decimal = Decimal(0),
                       requested: bool = True, bound_from: date | None = None) -> CapResult:
    """The 24 % adjustment of a financial loan (法发〔2017〕22号 [S]) for a constant `principal` over [start, end):
    applied only on the borrower's request (`requested`). compute() integrates a changing principal instead."""
    _check_base(principal)
    _check_basis(basis)
    allowance = principal * FINANCIAL_LOAN_CAP * days_between(start, end) / basis
    if not requested:
        allowance = interest + compound + penalty + fees
    return apply_combined_cap(allowance, interest=interest, compound=compound, penalty=penalty, fees=fees,
                              bound="financial_24", annual_cap=FINANCIAL_LOAN_CAP, source=FINANCIAL_CAP_SOURCE,
                              bound_from=bound_from or start)


@dataclass(frozen=True)
class CapPeriod:
    """The private-lending cap rate for interest accruing in [start, end) (end None: open)."""

    annual_cap: Decimal
    start: date | None
    end: date | None
    lpr: Decimal | None  # the one-year LPR it is 4 × of; None under the old regime
    source: str
    binds: bool | None  # agreed rate above the cap (None: no agreed rate given)


def private_lending_cap(contract_date: date, suit_date: date, lpr: LprTable, *, agreed_rate: Decimal | None = None,
                        old_cap: Decimal = OLD_PRIVATE_LENDING_CAP) -> list[CapPeriod]:
    """The private-lending caps (民间借贷规定 2020, court-rules.md §4.1):
    * contract from 2020-08-20: 4 × the one-year LPR in force at contract formation (arts 25, 28, 29) throughout;
    * contract before 2020-08-20, suit from 2020-08-20: the old regime (`old_cap`, 24 % [U]) to 2020-08-19, then
      4 × the LPR at the time of suit (art. 31);
    * suit before 2020-08-20: the old regime throughout."""
    def binds(cap: Decimal) -> bool | None:
        return None if agreed_rate is None else agreed_rate > cap

    if contract_date >= PRIVATE_LENDING_TRANSITION:
        if suit_date < contract_date:
            raise InvalidInput("起诉日不能早于合同成立日", field="suit_date")
        at_formation = lpr.one_year_at(contract_date)
        cap = at_formation * PRIVATE_LENDING_LPR_MULTIPLE
        return [CapPeriod(cap, None, None, at_formation, "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》"
                          "第二十五条：合同成立时一年期贷款市场报价利率四倍", binds(cap))]
    old = CapPeriod(old_cap, None, PRIVATE_LENDING_TRANSITION if suit_date >= PRIVATE_LENDING_TRANSITION else None,
                    None, "2015年《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》的利率保护标准"
                    "（第三十一条：2020年8月19日之前的利息适用当时的司法解释）", binds(old_cap))
    if suit_date < PRIVATE_LENDING_TRANSITION:
        return [old]
    at_suit = lpr.one_year_at(suit_date)
    cap = at_suit * PRIVATE_LENDING_LPR_MULTIPLE
    return [old, CapPeriod(cap, PRIVATE_LENDING_TRANSITION, None, at_suit,
                           "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第三十一条：2020年8月20日之后的利息"
                           "适用起诉时本规定的利率保护标准（起诉时一年期贷款市场报价利率四倍）", binds(cap))]


def double_interest(unpaid_debt: Decimal, start: date, end: date) -> Decimal:
    """加倍部分债务利息 = unpaid money debt fixed by the judgment (ordinary interest excluded) × 1.75/10,000 × days of
    delay, the days in [start, end): start = the day the performance period expires, end = the day of full
    performance (2014 interpretation arts 1–3 [V]). 100,000 × 0.000175 × 30 = 525 (court-rules.md §4.3)."""
    _check_base(unpaid_debt, "unpaid_debt")
    return unpaid_debt * DOUBLE_INTEREST_DAILY * days_between(start, end)
