"""Electronic delivery: a party's delivery address confirmations (送达地址确认书), each delivery of a document to a
party, and its channels. A confirmation is never changed: a new one supersedes it (the newest counts), so what the
party had confirmed when a document went out stays readable."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.db import Base, BigId, UtcDateTime


class DeliveryAddress(Base):
    """One confirmation of a party's delivery address in a case (民诉法解释 art. 136; 在线诉讼规则 art. 30)."""

    __tablename__ = "delivery_addresses"
    __table_args__ = (Index("ix_delivery_addresses_party", "case_party_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    case_party_id: Mapped[int] = mapped_column(ForeignKey("case_parties.id"))
    consented: Mapped[bool] = mapped_column(Boolean)  # consent to electronic delivery
    email: Mapped[str | None] = mapped_column(String(254))
    mobile: Mapped[str | None] = mapped_column(String(20))
    # "party": confirmed by the party on the platform; "filing": by its filer in the online filing; "court": recorded
    # by the court from a call or a signed form; "carried": confirmed in the trial, applied to its enforcement case
    method: Mapped[str] = mapped_column(String(16))
    confirmed_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    confirmed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Delivery(Base):
    """A document delivered to one party of a case: electronically (its channels below), or by public notice."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("document_id", "case_party_id"),
                      Index("ix_deliveries_unread", "opened_at", "created_at"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    case_party_id: Mapped[int] = mapped_column(ForeignKey("case_parties.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    document_class: Mapped[str] = mapped_column(String(24))  # delivery.rules.DocumentClass
    method: Mapped[str] = mapped_column(String(16))  # electronic / public_notice / paper
    consented: Mapped[bool] = mapped_column(Boolean)  # as confirmed when it went out
    address_id: Mapped[int | None] = mapped_column(ForeignKey("delivery_addresses.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    opened_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # first opened by the addressee
    # The legal time of delivery (delivery.rules.legal_delivery) once it has legal effect; a public notice has
    # its date only.
    effective_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    effective_on: Mapped[date | None] = mapped_column(Date)
    effective_channel: Mapped[str | None] = mapped_column(String(16))
    basis: Mapped[str | None] = mapped_column(String(255))
    certificate_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    published_on: Mapped[date | None] = mapped_column(Date)  # a public notice's publication
    notice_text: Mapped[str | None] = mapped_column(Text)
    # Paper service (直接送达 / 邮寄送达, CPL arts 88, 91): how, and who signed the 送达回证 (the date is
    # effective_on, the scanned receipt certificate_document_id).
    paper_way: Mapped[str | None] = mapped_column(String(16))  # post / in_person
    signed_by: Mapped[str | None] = mapped_column(String(64))
    reminders: Mapped[int] = mapped_column(Integer, default=0)
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class DeliveryChannel(Base):
    """One channel of an electronic delivery: where it went, when the system reported it reached, what failed."""

    __tablename__ = "delivery_channels"
    __table_args__ = (UniqueConstraint("delivery_id", "channel"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    delivery_id: Mapped[int] = mapped_column(ForeignKey("deliveries.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16))  # delivery.rules.Channel
    address: Mapped[str | None] = mapped_column(String(254))  # the e-mail address or mobile number; None: inbox
    status: Mapped[str] = mapped_column(String(16))  # pending / reached / failed
    tries: Mapped[int] = mapped_column(Integer, default=0)
    reached_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(String(500))
