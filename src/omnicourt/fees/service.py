"""Fee assessment from the data tables, and fee notices on acceptance."""

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from omnicourt.db import utcnow
from omnicourt.fees import rules
from omnicourt.fees.models import FeeNotice
from omnicourt.reference import tables

PAYMENT_DAYS = 7  # 诉讼费用交纳办法 art. 22


def acceptance_scale() -> rules.BandScale:
    return rules.scale_from_table(tables.fee_tables()["acceptance"]["property"])


def rounding() -> str:
    return tables.fee_tables().get("rounding", {}).get("default", "fen")


def assess_acceptance_fee(amount: Decimal, procedure: str) -> rules.FeeAssessment:
    """The acceptance fee of a property case (诉讼费用交纳办法 arts 13(1), 16)."""
    return rules.acceptance_fee(amount, acceptance_scale(), procedure=procedure, rounding=rounding())


def issue_notice(session: Session, *, case_id: int, court_id: int, assessment: rules.FeeAssessment,
                 payer: str, issued_on: date) -> FeeNotice:
    basis = [f"{b.lower}–{b.upper or '以上'} 元，费率 {b.rate}，计 {b.charged} 元" for b in assessment.bands]
    if assessment.halved:
        basis.append(assessment.halving_basis)
    notice = FeeNotice(case_id=case_id, court_id=court_id, full_fee=assessment.full_fee,
                       charged_fee=assessment.charged_fee, basis=basis, payer=payer,
                       due_on=issued_on + timedelta(days=PAYMENT_DAYS), status="unpaid", issued_at=utcnow())
    session.add(notice)
    return notice
