"""The case aggregate: the case, its parties, claims, timeline, links and number sequences.

Every case-scoped table carries court_id so that a PostgreSQL sharded by court can hold it.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omnicourt.db import Base, BigId, Money, UtcDateTime


class CaseNumberSequence(Base):
    """The last serial given per court, special code, case type and year (案号规定 art. 9–10)."""

    __tablename__ = "case_number_sequences"

    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"), primary_key=True)
    special_code: Mapped[str] = mapped_column(String(4), primary_key=True)
    type_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer)


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_judge_stage", "judge_id", "stage"),
        Index("ix_cases_division_stage", "division_id", "stage"),
        Index("ix_cases_court_accepted", "court_id", "accepted_on"),
        # Newest first across courts (read backwards): the first page of a party with thousands of cases (a bank,
        # a lawyer) walks this index and checks each case's parties, instead of sorting all of the party's cases.
        Index("ix_cases_newest", "accepted_on", "id"),
        Index("ix_cases_deadline_stage", "deadline_on", "stage"),  # the warning sweep
        # A judge's docket (open cases, newest first: the index read backwards) reads its first page from here
        # instead of sorting all of the judge's open cases; the predicate matches service.OPEN_STAGES.
        Index("ix_cases_judge_open_newest", "judge_id", "accepted_on", "id",
              postgresql_where=text("stage IN ('accepted', 'assigned', 'in_trial')"),
              sqlite_where=text("stage IN ('accepted', 'assigned', 'in_trial')")),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    case_number: Mapped[str] = mapped_column(String(40), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    type_code: Mapped[str] = mapped_column(String(8))
    serial: Mapped[int] = mapped_column(Integer)
    cause_code: Mapped[str] = mapped_column(String(64))
    cause_name: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(255))
    procedure: Mapped[str] = mapped_column(String(16))
    stage: Mapped[str] = mapped_column(String(16))
    division_id: Mapped[int | None] = mapped_column(ForeignKey("divisions.id"))
    judge_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    amount_in_dispute: Mapped[Decimal | None] = mapped_column(Money)
    accepted_on: Mapped[date] = mapped_column(Date)
    deadline_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    closing_method: Mapped[str | None] = mapped_column(String(16))
    filing_application_id: Mapped[int | None] = mapped_column(
        ForeignKey("filing_applications.id"), unique=True
    )
    triage_reasons: Mapped[list] = mapped_column(JSON, default=list)
    assignment_reasons: Mapped[list] = mapped_column(JSON, default=list)
    facts_and_reasons: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    parties: Mapped[list["CaseParty"]] = relationship(
        back_populates="case", order_by="CaseParty.id"
    )
    claims: Mapped[list["Claim"]] = relationship(order_by="Claim.id")


class CaseParty(Base):
    __tablename__ = "case_parties"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    role: Mapped[str] = mapped_column(String(16))  # plaintiff / defendant / third_party / agent
    party_type: Mapped[str] = mapped_column(String(16))  # natural / legal / organisation
    name: Mapped[str] = mapped_column(String(128))
    id_number: Mapped[str | None] = mapped_column(String(18), index=True)
    uscc: Mapped[str | None] = mapped_column(String(18), index=True)
    legal_representative: Mapped[str | None] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(20))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)

    case: Mapped[Case] = relationship(back_populates="parties")


class Claim(Base):
    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    description: Mapped[str] = mapped_column(String(500))
    amount: Mapped[Decimal | None] = mapped_column(Money)


class TimelineEvent(Base):
    """Append-only: a row is never updated or deleted."""

    __tablename__ = "timeline_events"
    __table_args__ = (Index("ix_timeline_events_case_at", "case_id", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    kind: Mapped[str] = mapped_column(String(32))
    summary: Mapped[str] = mapped_column(String(500))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    public: Mapped[bool] = mapped_column(Boolean, default=True)  # shown to parties
    details: Mapped[dict] = mapped_column(JSON, default=dict)


class CaseLink(Base):
    """Links between the numbers of one matter (民初 → 民终 → 民申 → 民再; 执 → 执恢)."""

    __tablename__ = "case_links"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    from_case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    to_case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    relation: Mapped[str] = mapped_column(String(16))  # appeal / retrial / enforcement / ...
