"""Fee notices issued on acceptance (诉讼费用交纳办法 art. 22: pay within 7 days)."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, Money, UtcDateTime


class FeeNotice(Base):
    __tablename__ = "fee_notices"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    full_fee: Mapped[Decimal] = mapped_column(Money)
    charged_fee: Mapped[Decimal] = mapped_column(Money)
    basis: Mapped[list] = mapped_column(JSON)
    payer: Mapped[str] = mapped_column(String(128))
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # unpaid / paid
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
