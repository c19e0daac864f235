"""Litigation fees under 《诉讼费用交纳办法》 (国务院令第481号, in force 2007-04-01).

The band tables are data (data/fees.toml, per province); these functions only do the
arithmetic: 分段累计 (art. 13(1), art. 14), the single halving (arts 15, 16, 18; 民诉法解释
art. 206) and the court's rounding practice (fen or whole yuan, configurable per court).
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from omnicourt.errors import InvalidInput

FEN = Decimal("0.01")
YUAN = Decimal("1")
ROUNDINGS = {"fen": FEN, "yuan": YUAN}
ABSURD_AMOUNT = Decimal("1e13")  # ten trillion yuan: surely a typing error

PROCEDURES = ("ordinary", "simple", "small_claims", "fast_track")

_INSTRUMENT = "《诉讼费用交纳办法》"
_ONE_HALVING = "减半只适用一次（《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第二百零六条）"

# Why a fee is halved: the procedure (art. 16) or an argument the caller passes (arts 15, 18).
PROCEDURE_HALVING = {
    "simple": f"适用简易程序审理的案件减半交纳案件受理费（{_INSTRUMENT}第十六条）",
    "small_claims": (f"小额诉讼程序属简易程序，参照适用简易程序减半交纳案件受理费（{_INSTRUMENT}第十六条）"),
}
HALVING_REASONS = {
    "mediation": f"以调解方式结案的，减半交纳案件受理费（{_INSTRUMENT}第十五条）",
    "withdrawal": f"当事人申请撤诉的，减半交纳案件受理费（{_INSTRUMENT}第十五条）",
    "counterclaim": f"被告提起反诉、人民法院决定合并审理的，分别减半交纳案件受理费（{_INSTRUMENT}第十八条）",
    "third_party_claim": (
        f"有独立请求权的第三人提出与本案有关的诉讼请求、人民法院决定合并审理的，"
        f"分别减半交纳案件受理费（{_INSTRUMENT}第十八条）"
    ),
}

# Closings after which no acceptance fee is due at all: 裁定驳回起诉 (art. 8(2)).
NO_FEE_CLOSINGS = {"dismissal": f"裁定驳回起诉的案件不交纳案件受理费（{_INSTRUMENT}第八条）"}


@dataclass(frozen=True)
class Band:
    """One band above the flat first band: `rate` applies to the part of the amount up to `upper`."""

    upper: Decimal | None  # None: open-ended top band
    rate: Decimal


@dataclass(frozen=True)
class BandScale:
    """A progressive scale: a flat `base` up to `first_upper`, then `bands`; optional `cap`."""

    base: Decimal
    first_upper: Decimal
    bands: tuple[Band, ...]
    cap: Decimal | None = None


@dataclass(frozen=True)
class BandCharge:
    """What one band contributes. The first band has rate None: it is the flat base."""

    lower: Decimal
    upper: Decimal | None
    rate: Decimal | None
    charged: Decimal


@dataclass(frozen=True)
class FeeAssessment:
    """The acceptance fee of a property case, before and after the one halving."""

    amount: Decimal
    full_fee: Decimal  # the scale's fee, quantised to 0.01 ROUND_HALF_UP
    charged_fee: Decimal  # after at most one halving, rounded as `rounding` says
    halved: bool
    halving_basis: str  # Chinese text citing the article(s); "" when not halved
    bands: tuple[BandCharge, ...]
    rounding: str  # 'fen' | 'yuan'


@dataclass(frozen=True)
class ApplicationFee:
    """An application fee (申请费) on a progressive scale, with the cap applied."""

    amount: Decimal
    fee: Decimal  # quantised as `rounding` says
    capped: bool
    bands: tuple[BandCharge, ...]
    rounding: str


def _to_decimal(value: object, what: str) -> Decimal:
    """Table values come as strings (preferred), ints, or TOML floats converted by their repr."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise ValueError(f"fee table: {what} must be a decimal string, got {value!r}")
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise ValueError(f"fee table: {what} is not a number: {value!r}") from None
    if not number.is_finite() or number < 0:
        raise ValueError(f"fee table: {what} must be a non-negative number, got {value!r}")
    return number


def _first_upper(table: Mapping) -> object:
    """The top of the flat first band; data/fees.toml spells it `base_upper`."""
    keys = [key for key in ("first_upper", "base_upper") if key in table]
    if len(keys) != 1:
        raise ValueError("fee table: give exactly one of first_upper / base_upper")
    return table[keys[0]]


def scale_from_table(table: Mapping) -> BandScale:
    """Build a BandScale from a TOML-shaped table (data/fees.toml; 《诉讼费用交纳办法》 arts 13–14).

    Shape: {"base": "50", "first_upper": "10000", "bands": [{"upper": "100000", "rate":
    "0.025"}, …, {"rate": "0.005"}], "cap": "5000" (optional)}; `base_upper` is accepted for
    `first_upper`, other keys (source, checks) are ignored. Uppers must rise; only the last
    band may omit its upper. Raises ValueError: a bad table is a deployment error.
    """
    base = _to_decimal(table["base"], "base")
    first_upper = _to_decimal(_first_upper(table), "first_upper")
    bands: list[Band] = []
    lower = first_upper
    rows = list(table.get("bands", ()))
    for index, row in enumerate(rows):
        upper = None if row.get("upper") is None else _to_decimal(row["upper"], f"bands[{index}].upper")
        if upper is None and index != len(rows) - 1:
            raise ValueError(f"fee table: only the last band may be open-ended (bands[{index}])")
        if upper is not None and upper <= lower:
            raise ValueError(f"fee table: bands[{index}].upper must be above {lower}")
        bands.append(Band(upper=upper, rate=_to_decimal(row["rate"], f"bands[{index}].rate")))
        lower = upper if upper is not None else lower
    cap = None if table.get("cap") is None else _to_decimal(table["cap"], "cap")
    return BandScale(base=base, first_upper=first_upper, bands=tuple(bands), cap=cap)


def check_amount(amount: Decimal) -> Decimal:
    """An amount in dispute: a finite, non-negative Decimal with at most 2 decimals, below 1e13."""
    if isinstance(amount, bool) or not isinstance(amount, Decimal | int):
        raise TypeError(f"amount must be a Decimal, not {type(amount).__name__}")
    amount = Decimal(amount)
    if not amount.is_finite():
        raise InvalidInput("标的额不是有效数字", field="amount")
    if amount < 0:
        raise InvalidInput("标的额不能为负数", field="amount")
    if amount != amount.quantize(FEN, rounding=ROUND_HALF_UP):
        raise InvalidInput("标的额最多保留两位小数（精确到分）", field="amount")
    if amount > ABSURD_AMOUNT:
        raise InvalidInput("标的额超过10万亿元，请核对是否输入有误", field="amount")
    return amount


def progressive_fee(amount: Decimal, scale: BandScale) -> tuple[Decimal, list[BandCharge]]:
    """分段累计: the flat base for the first band, then each band's rate on the part inside it.

    《诉讼费用交纳办法》 art. 13(1) (acceptance fee) and art. 14(1)(2) (enforcement and
    preservation fees). The total is exact (no rounding) and capped at `scale.cap` if set;
    the band charges are those of the scale before the cap.
    """
    charges = [BandCharge(lower=Decimal(0), upper=scale.first_upper, rate=None, charged=scale.base)]
    lower = scale.first_upper
    for band in scale.bands:
        if amount <= lower:
            break
        top = amount if band.upper is None else min(amount, band.upper)
        charges.append(
            BandCharge(lower=lower, upper=band.upper, rate=band.rate, charged=(top - lower) * band.rate)
        )
        if band.upper is None:
            break
        lower = band.upper
    total = sum((charge.charged for charge in charges), Decimal(0))
    if scale.cap is not None:
        total = min(total, scale.cap)
    return total, charges


def _round(value: Decimal, rounding: str) -> Decimal:
    if rounding not in ROUNDINGS:
        raise InvalidInput("取整方式应为 fen（到分）或 yuan（到元）", field="rounding")
    return value.quantize(ROUNDINGS[rounding], rounding=ROUND_HALF_UP)


def halving_grounds(procedure: str, halving_reasons: Collection[str]) -> list[str]:
    """The grounds for halving the acceptance fee (arts 15, 16, 18 of 《诉讼费用交纳办法》)."""
    if procedure not in PROCEDURES:
        raise InvalidInput(f"未知的审理程序：{procedure}", field="procedure")
    unknown = sorted(set(halving_reasons) - HALVING_REASONS.keys())
    if unknown:
        raise InvalidInput(f"未知的减半事由：{'、'.join(unknown)}", field="halving_reasons")
    grounds = [PROCEDURE_HALVING[procedure]] if procedure in PROCEDURE_HALVING else []
    return grounds + [HALVING_REASONS[reason] for reason in HALVING_REASONS if reason in halving_reasons]


def acceptance_fee(
    amount: Decimal,
    scale: BandScale,
    *,
    procedure: str,
    rounding: str = "fen",
    halving_reasons: Collection[str] = (),
) -> FeeAssessment:
    """案件受理费 of a property case (《诉讼费用交纳办法》 art. 13(1)), halved at most once.

    Halving: simple procedure (art. 16; small claims treated as simple procedure — an
    inference, no text seen), mediation or withdrawal (art. 15), a counterclaim or an
    independent third party's claim heard together (art. 18). However many grounds apply,
    the fee is halved once (民诉法解释 art. 206). 'ordinary' and 'fast_track' are not halved
    by their procedure.
    Rounding: the full fee is quantised to the fen; the charged fee is the full fee (or its
    exact half) rounded ROUND_HALF_UP to the fen or to the whole yuan, as the court's practice
    says — a single rounding step, never a fen-then-yuan double rounding.
    """
    amount = check_amount(amount)
    grounds = halving_grounds(procedure, halving_reasons)
    exact, charges = progressive_fee(amount, scale)
    full_fee = exact.quantize(FEN, rounding=ROUND_HALF_UP)
    halved = bool(grounds)
    charged_fee = _round(full_fee / 2 if halved else full_fee, rounding)
    basis = "；".join(grounds + ([_ONE_HALVING] if len(grounds) > 1 else [])) if halved else ""
    return FeeAssessment(
        amount=amount,
        full_fee=full_fee,
        charged_fee=charged_fee,
        halved=halved,
        halving_basis=basis,
        bands=tuple(charges),
        rounding=rounding,
    )


def _application_fee(amount: Decimal, scale: BandScale, rounding: str) -> ApplicationFee:
    amount = check_amount(amount)
    uncapped, charges = progressive_fee(amount, BandScale(scale.base, scale.first_upper, scale.bands))
    fee = uncapped if scale.cap is None else min(uncapped, scale.cap)
    capped = fee < uncapped
    return ApplicationFee(
        amount=amount, fee=_round(fee, rounding), capped=capped, bands=tuple(charges), rounding=rounding
    )


def application_fee_enforcement(
    amount: Decimal, scale: BandScale, *, rounding: str = "fen"
) -> ApplicationFee:
    """申请执行费 on the amount to be enforced (《诉讼费用交纳办法》 art. 14(1)), progressive.

    Paid after enforcement and borne by the 被执行人 (arts 20, 38). Applications without an
    amount (50–500 yuan, fixed by the province) are not computed here.
    """
    return _application_fee(amount, scale, rounding)


def application_fee_preservation(
    amount: Decimal, scale: BandScale, *, rounding: str = "fen"
) -> ApplicationFee:
    """申请保全费 on the amount actually preserved (《诉讼费用交纳办法》 art. 14(2)), capped at 5,000.

    The cap comes from the scale (`cap`); the national table reaches it at 896,000 yuan.
    """
    return _application_fee(amount, scale, rounding)
