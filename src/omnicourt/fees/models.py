"""Fee notices issued on acceptance (诉讼费用交纳办法 art. 22: pay within 7 days), the payments made on them
online and the refunds (art. 53: within 15 days of the deciding document taking effect)."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, Money, UtcDateTime


class FeeNotice(Base):
    __tablename__ = "fee_notices"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    full_fee: Mapped[Decimal] = mapped_column(Money)
    charged_fee: Mapped[Decimal] = mapped_column(Money)  # what is due now: lowered when the closing halves it
    basis: Mapped[list] = mapped_column(JSON)
    payer: Mapped[str] = mapped_column(String(128))
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # unpaid / paid
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)


class FeePayment(Base):
    """One order at a payment gateway for what a notice still asks; paid once, by the gateway's signed callback."""

    __tablename__ = "fee_payments"
    __table_args__ = (UniqueConstraint("payer_id", "idempotency_key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("fee_notices.id"), index=True)
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    amount: Mapped[Decimal] = mapped_column(Money)
    gateway: Mapped[str] = mapped_column(String(16))
    order_no: Mapped[str] = mapped_column(String(40), unique=True)
    pay_url: Mapped[str] = mapped_column(String(500))  # where the gateway takes the payer
    idempotency_key: Mapped[str] = mapped_column(String(64))
    payer_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    status: Mapped[str] = mapped_column(String(16))  # pending / paid
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    paid_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    gateway_reference: Mapped[str | None] = mapped_column(String(64))
    receipt_document_id: Mapped[int | None] = mapped_column(BigId)


class FeeRefund(Base):
    """Money returned through the gateway that took it: the fee halved or not due after the closing."""

    __tablename__ = "fee_refunds"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("fee_notices.id"), index=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("fee_payments.id"))
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    amount: Mapped[Decimal] = mapped_column(Money)
    reason: Mapped[str] = mapped_column(String(255))
    refund_no: Mapped[str] = mapped_column(String(40), unique=True)
    gateway_reference: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
