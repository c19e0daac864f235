"""Money received for the creditor (执行款), each with its source and never changed afterwards, and what the
debtor still owes at a date (court-rules.md §4.3); the debt paid deletes the debtor's listings (失信规定 art. 10)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.rules import chinese_date
from omnicourt.db import utcnow
from omnicourt.enforcement import rules, sanctions
from omnicourt.enforcement.models import EnforcementPayment
from omnicourt.enforcement.schemas import PaymentIn
from omnicourt.enforcement.service import enforcement_case, enforcement_case_for_handler, source_of
from omnicourt.errors import InvalidInput
from omnicourt.interest.rules import double_interest
from omnicourt.security.roles import Actor

PAYMENT_SOURCES = {"deduction": "扣划存款", "voluntary": "被执行人自动履行", "auction": "拍卖价款", "other": "其他"}


def record_payment(session: Session, *, actor: Actor, case_id: int, data: PaymentIn, today: date
                   ) -> EnforcementPayment:
    """Money received for the creditor, with its source; a row is never changed afterwards."""
    case = enforcement_case_for_handler(session, actor, case_id)
    if data.source not in PAYMENT_SOURCES:
        raise InvalidInput("来源应为 " + "、".join(f"{k}（{v}）" for k, v in PAYMENT_SOURCES.items()), field="source")
    if data.received_on > today or data.received_on < case.accepted_on:
        raise InvalidInput("到账日期应在立案之日与今天之间", field="received_on")
    payment = EnforcementPayment(case_id=case.id, court_id=case.court_id, received_on=data.received_on,
                                 amount=data.amount, source=data.source, reference=data.reference,
                                 recorded_by=actor.id, recorded_at=utcnow())
    session.add(payment)
    session.flush()
    paid_up = ledger(session, actor=actor, case_id=case.id, on=today).owed
    if paid_up is not None and paid_up.debt == 0:
        sanctions.remove_on_performance(session, case=case, today=today)
    cases.log_event(session, case=case, actor=actor, kind=EventKind.ENFORCEMENT_PAID,
                    summary=f"执行款到账{data.amount}元（{PAYMENT_SOURCES[data.source]}，{chinese_date(data.received_on)}）")
    audit.record(session, actor_id=actor.id, action=AuditAction.ENFORCEMENT_PAYMENT, object_type="enforcement_payment",
                 object_id=payment.id, court_id=case.court_id,
                 details={"amount": str(data.amount), "source": data.source, "reference": data.reference})
    return payment


@dataclass(frozen=True)
class Ledger:
    payments: list[EnforcementPayment]
    received: Decimal
    owed: rules.Outstanding | None  # None: the case was not opened on an application (no document's debt known)
    start: date | None


def ledger(session: Session, *, actor: Actor, case_id: int, on: date) -> Ledger:
    """The money received and what is still owed on `on`: the application's debt, the double interest from the
    performance period's expiry (2014 interpretation art. 2) on what stayed unpaid."""
    case = enforcement_case(session, actor, case_id)
    payments = list(session.scalars(select(EnforcementPayment).where(EnforcementPayment.case_id == case.id)
                                    .order_by(EnforcementPayment.received_on, EnforcementPayment.id)))
    received = sum((p.amount for p in payments), Decimal("0"))
    application, _ = source_of(session, case)
    if application is None:
        return Ledger(payments, received, None, None)
    start = application.last_instalment_on or application.performance_due_on or application.effective_on
    owed = rules.outstanding(application.amount, start, [rules.Received(p.received_on, p.amount) for p in payments],
                             on, double_interest)
    return Ledger(payments, received, owed, start)
