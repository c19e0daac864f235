"""An application for enforcement (申请执行) against an effective document of a platform case, and the freezes,
seizures and detentions (查封、扣押、冻结) of an enforcement case with their periods and renewals."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, Money, UtcDateTime


class EnforcementApplication(Base):
    """What the creditor applied for, as applied; the court accepts it (opening the 执 case) or refuses it."""

    __tablename__ = "enforcement_applications"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"), index=True)
    source_case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    source_document: Mapped[str] = mapped_column(String(16))  # rules.SOURCE_DOCUMENTS
    applicant_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    applicant_party_id: Mapped[int] = mapped_column(ForeignKey("case_parties.id"))
    respondent_party_ids: Mapped[list] = mapped_column(JSON)
    amount: Mapped[Decimal] = mapped_column(Money)
    request: Mapped[str] = mapped_column(Text)  # 申请执行事项, as written
    effective_on: Mapped[date] = mapped_column(Date)
    performance_due_on: Mapped[date | None] = mapped_column(Date)
    last_instalment_on: Mapped[date | None] = mapped_column(Date)
    period_ends_on: Mapped[date] = mapped_column(Date)  # rules.application_period_end
    applied_on: Mapped[date] = mapped_column(Date)
    late: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(16))  # pending / accepted / refused
    refusal_reason: Mapped[str | None] = mapped_column(String(500))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PropertyMeasure(Base):
    """A freeze (冻结), seizure (查封) or detention (扣押) of one asset in one enforcement case. One in force per asset
    of a case: the partial unique index refuses a second while the first is not released."""

    __tablename__ = "property_measures"
    __table_args__ = (
        Index("uq_property_measures_active_asset", "case_id", "asset_kind", "asset_key", unique=True,
              sqlite_where="released_on IS NULL", postgresql_where="released_on IS NULL"),
        Index("ix_property_measures_ends_on", "ends_on"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    measure: Mapped[str] = mapped_column(String(16))  # rules.MEASURES
    asset_kind: Mapped[str] = mapped_column(String(16))  # rules.ASSET_KINDS
    asset_key: Mapped[str] = mapped_column(String(64))  # account number, plate, certificate number: normalised
    description: Mapped[str] = mapped_column(String(255))
    amount: Mapped[Decimal | None] = mapped_column(Money)  # a deposit freeze: the amount frozen
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    renewals: Mapped[int] = mapped_column(Integer, default=0)
    warned_on: Mapped[date | None] = mapped_column(Date)  # the sweep's warning before the end
    released_on: Mapped[date | None] = mapped_column(Date)
    created_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
