"""The criminal side of a 刑初 case: the indictment the procuratorate filed and what it asks for.

The case itself (number, defendant and counsel as parties, judge, procedure, deadline) is an ordinary `Case`; this
row holds what only a public prosecution has. The indictment's file is a document of the case (dossier).
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, Money, UtcDateTime


class Indictment(Base):
    __tablename__ = "criminal_indictments"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(BigId, ForeignKey("cases.id"), unique=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    procuratorate: Mapped[str] = mapped_column(String(100))       # 公诉机关
    indictment_number: Mapped[str] = mapped_column(String(64))    # 起诉书文号
    indicted_on: Mapped[date] = mapped_column(Date)               # 提起公诉之日
    charge: Mapped[str] = mapped_column(String(64))               # 罪名
    custody_measure: Mapped[str] = mapped_column(String(32))      # rules.CUSTODY_MEASURES
    custody_since: Mapped[date | None] = mapped_column(Date)
    guilty_plea: Mapped[bool] = mapped_column(Boolean)            # 认罪认罚
    suggestion_penalty: Mapped[str | None] = mapped_column(String(8))  # 拘役 / 有期徒刑 / 管制
    suggestion_months: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    suggestion_fine: Mapped[Decimal | None] = mapped_column(Money)
    suggestion_probation: Mapped[bool | None] = mapped_column(Boolean)
    exclusions: Mapped[list] = mapped_column(JSON, default=list)  # rules.EXCLUSIONS ticked by the officer
    document_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("documents.id"))
    text: Mapped[str] = mapped_column(Text, default="")          # the indictment's text, read for the assistant
    registered_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    registered_at: Mapped[datetime] = mapped_column(UtcDateTime)
