"""Fee assessment from the data tables, and fee notices on acceptance."""

from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.db import utcnow
from omnicourt.fees import rules
from omnicourt.fees.models import FeeNotice
from omnicourt.reference import tables

PAYMENT_DAYS = 7  # 诉讼费用交纳办法 art. 22


FEE_KINDS = ("property", "divorce", "personality", "labour", "ip", "other_non_property")
NO_EXTRA_BANDS = "1000000000000000"  # a fixed fee: nothing is charged above it


@lru_cache
def acceptance_scale(kind: str, *, has_amount: bool, fee_province: str) -> rules.BandScale:
    """The scale for a cause's kind (诉讼费用交纳办法 art. 13): property cases by the progressive bands;
    divorce and personality cases a fixed fee plus bands on large amounts; labour and other
    non-property cases a fixed fee, some at the amount `fee_province` (the fee_table_province setting) fixed
    within the range; IP cases with an amount by the property scale.
    Property and non-property claims together take the property scale (民诉法解释 art. 201)."""
    if kind == "property" or (kind == "ip" and has_amount):
        return property_scale()
    acceptance = tables.fee_tables()["acceptance"]
    fixed = acceptance["fixed"].get(kind) or acceptance["fixed"]["other_non_property"]
    return rules.scale_from_table({
        "base": fixed.get("amount") or fixed[fee_province],
        "base_upper": fixed.get("extra_base_upper", NO_EXTRA_BANDS),
        "bands": fixed.get("extra_bands", []),
    })


@lru_cache
def property_scale() -> rules.BandScale:
    """The progressive bands of property cases (art. 13(一)), the same in every province."""
    return rules.scale_from_table(tables.fee_tables()["acceptance"]["property"])


def rounding(court_code: str | None = None) -> str:
    """Rounding is court practice, not law: a default with per-court exceptions (data/fees.toml)."""
    table = tables.fee_tables().get("rounding", {})
    return table.get("courts", {}).get(court_code or "", table.get("default", "fen"))


def assess_acceptance_fee(amount: Decimal, procedure: str, *, kind: str = "property", fee_province: str,
                          court_code: str | None = None, halving_reasons: tuple[str, ...] = ()) -> rules.FeeAssessment:
    """The case acceptance fee (诉讼费用交纳办法 arts 13, 15, 16; one halving only, 民诉法解释 art. 206)."""
    scale = acceptance_scale(kind, has_amount=amount > 0, fee_province=fee_province)
    return rules.acceptance_fee(amount, scale, procedure=procedure, rounding=rounding(court_code),
                                halving_reasons=halving_reasons)


def _band_text(band: rules.BandCharge) -> str:
    span = f"{band.lower:,.0f} 元以上" if band.upper is None else f"{band.lower:,.0f}–{band.upper:,.0f} 元"
    charged = band.charged.quantize(Decimal("0.01"))
    if band.rate is None:
        return f"{span}：按件收取 {charged} 元"
    return f"{span}：按 {band.rate * 100:g}% 计 {charged} 元"


def notices_for_case(session: Session, case_id: int, *, for_update: bool = False) -> list[FeeNotice]:
    query = select(FeeNotice).where(FeeNotice.case_id == case_id).order_by(FeeNotice.id)
    return list(session.scalars(query.with_for_update() if for_update else query))


def fee_after_closing(*, amount: Decimal, procedure: str, kind: str, fee_province: str, court_code: str | None,
                      method: str) -> tuple[Decimal, str] | None:
    """The acceptance fee the closing method leaves due, with its basis; None when the method changes nothing.
    Mediation and withdrawal halve it (art. 15), once only (民诉法解释 art. 206); dismissal leaves none (art. 8)."""
    if method in rules.NO_FEE_CLOSINGS:
        return Decimal("0.00"), rules.NO_FEE_CLOSINGS[method]
    if method not in ("mediation", "withdrawal"):
        return None
    assessment = assess_acceptance_fee(amount, procedure, kind=kind, fee_province=fee_province, court_code=court_code,
                                       halving_reasons=(method,))
    return assessment.charged_fee, assessment.halving_basis


def issue_notice(session: Session, *, case_id: int, court_id: int, assessment: rules.FeeAssessment,
                 payer: str, issued_on: date) -> FeeNotice:
    basis = [_band_text(b) for b in assessment.bands]
    if assessment.halved:
        basis.append(assessment.halving_basis)
    notice = FeeNotice(case_id=case_id, court_id=court_id, full_fee=assessment.full_fee,
                       charged_fee=assessment.charged_fee, basis=basis, payer=payer,
                       due_on=issued_on + timedelta(days=PAYMENT_DAYS), status="unpaid", issued_at=utcnow())
    session.add(notice)
    return notice
