"""The evidence exchange of a case: its period, the lists each side submits with their items, the other sides'
cross-examination opinions on each item and the judge's finding on it.

An item's current finding is kept on the item; its history (and every opinion's) is in the case's timeline and the
audit chain. A list is a draft (its side's alone) until submitted, and never changes after.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omnicourt.db import Base, BigId, UtcDateTime


class EvidencePeriod(Base):
    """One per case: the period set by the judge (举证期限) and the time limit of online cross-examination."""

    __tablename__ = "evidence_periods"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    basis: Mapped[str] = mapped_column(String(16))  # rules.Basis
    served_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    extensions: Mapped[int] = mapped_column(Integer, default=0)
    cross_examination_due_on: Mapped[date | None] = mapped_column(Date)
    set_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class EvidenceList(Base):
    __tablename__ = "evidence_lists"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    side: Mapped[str] = mapped_column(String(16))  # rules.Side
    status: Mapped[str] = mapped_column(String(16))  # draft / submitted
    number: Mapped[int | None] = mapped_column(Integer)  # the side's 1st, 2nd… list, given on submission
    author_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    submitted_on: Mapped[date | None] = mapped_column(Date)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    late_explanation: Mapped[str] = mapped_column(Text, default="")
    document_id: Mapped[int | None] = mapped_column(BigId)  # the list as a PDF in the main volume
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    items: Mapped[list["EvidenceItem"]] = relationship(order_by="EvidenceItem.number", back_populates="evidence_list",
                                                       cascade="all, delete-orphan")


class EvidenceItem(Base):
    __tablename__ = "evidence_items"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("evidence_lists.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(String(500))  # 证明目的
    document_ids: Mapped[list] = mapped_column(JSON, default=list)  # its files in the dossier, kind evidence
    finding: Mapped[str | None] = mapped_column(String(16))  # rules.Finding
    finding_reason: Mapped[str] = mapped_column(Text, default="")  # told to the parties
    internal_reason: Mapped[str] = mapped_column(Text, default="")  # the court's alone
    found_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    found_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    evidence_list: Mapped[EvidenceList] = relationship(back_populates="items")
    opinions: Mapped[list["CrossExaminationOpinion"]] = relationship(order_by="CrossExaminationOpinion.id")


class CrossExaminationOpinion(Base):
    """One side's opinion on one item; given again, it replaces the earlier one (the timeline keeps both)."""

    __tablename__ = "cross_examination_opinions"
    __table_args__ = (UniqueConstraint("item_id", "side"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    side: Mapped[str] = mapped_column(String(16))
    authenticity: Mapped[str] = mapped_column(String(16))  # rules.Stance
    legality: Mapped[str] = mapped_column(String(16))
    relevance: Mapped[str] = mapped_column(String(16))
    reasons: Mapped[str] = mapped_column(Text, default="")
    mode: Mapped[str] = mapped_column(String(16))  # rules.Mode
    given_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))  # the party, or the staff who recorded it
    given_on: Mapped[date] = mapped_column(Date)
    given_at: Mapped[datetime] = mapped_column(UtcDateTime)


class OnlineExchangeConsent(Base):
    """A party's consent (or refusal) to asynchronous online evidence exchange and cross-examination (在线诉讼规则
    art. 20(1)): given again, it replaces the earlier answer (the timeline keeps both)."""

    __tablename__ = "evidence_online_consents"
    __table_args__ = (UniqueConstraint("case_id", "case_party_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    case_party_id: Mapped[int] = mapped_column(ForeignKey("case_parties.id"))
    consented: Mapped[bool] = mapped_column(Boolean)
    given_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    given_at: Mapped[datetime] = mapped_column(UtcDateTime)
