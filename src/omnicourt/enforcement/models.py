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
    source_document: Mapped[str] = mapped_column(String(32))  # rules.SOURCE_DOCUMENTS
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


class Auction(Base):
    """An online judicial auction (网络司法拍卖) of one asset of an enforcement case. `ends_at` is the current end:
    a late bid moves it (网拍规定 art. 20). `status`: open until closed, then sold / failed."""

    __tablename__ = "auctions"
    __table_args__ = (Index("ix_auctions_status_ends_at", "status", "ends_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    title: Mapped[str] = mapped_column(String(255))
    asset_kind: Mapped[str] = mapped_column(String(16))  # rules.AssetKind
    round: Mapped[int] = mapped_column(Integer)
    reference_price: Mapped[Decimal] = mapped_column(Money)
    start_price: Mapped[Decimal] = mapped_column(Money)
    increment: Mapped[Decimal] = mapped_column(Money)
    deposit: Mapped[Decimal] = mapped_column(Money)
    announced_on: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    current_price: Mapped[Decimal | None] = mapped_column(Money)
    leading_bid_id: Mapped[int | None] = mapped_column(BigId)
    bids: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16))  # open / sold / failed / defaulted
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    payment_days: Mapped[int] = mapped_column(Integer)  # the buyer's period for the balance, as announced
    balance_due_on: Mapped[date | None] = mapped_column(Date)
    balance_paid_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ruling_document_id: Mapped[int | None] = mapped_column(BigId)  # 拍卖成交裁定, in the case's dossier
    ruling_served_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # ownership passes (网拍规定 art. 22)
    created_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuctionDeposit(Base):
    """A bidder's deposit, held per auction: returned to losers after the close, applied for the winner."""

    __tablename__ = "auction_deposits"
    __table_args__ = (Index("uq_auction_deposits_bidder", "auction_id", "account_id", unique=True),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    auction_id: Mapped[int] = mapped_column(ForeignKey("auctions.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    bidder_code: Mapped[str] = mapped_column(String(8))  # how the public page names the bidder
    amount: Mapped[Decimal] = mapped_column(Money)
    paid_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))  # held / returned / applied / forfeited


class AuctionBid(Base):
    """A bid as it reached the system (its time is the server's, 网拍规定 art. 20)."""

    __tablename__ = "auction_bids"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    auction_id: Mapped[int] = mapped_column(ForeignKey("auctions.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    bidder_code: Mapped[str] = mapped_column(String(8))
    amount: Mapped[Decimal] = mapped_column(Money)
    placed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AssetInquiry(Base):
    """One online inquiry (网络执行查控) about one debtor to one kind of agency, answered asynchronously: the job
    records the agency's answer as structured records."""

    __tablename__ = "asset_inquiries"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    debtor_party_id: Mapped[int] = mapped_column(ForeignKey("case_parties.id"))
    agency: Mapped[str] = mapped_column(String(16))  # inquiry.AGENCIES
    status: Mapped[str] = mapped_column(String(16))  # sent / answered / failed
    records: Mapped[list] = mapped_column(JSON, default=list)
    error: Mapped[str | None] = mapped_column(String(255))
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sent_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))


class EnforcementPayment(Base):
    """Money received for the creditor (执行款): never changed or deleted, each with its source."""

    __tablename__ = "enforcement_payments"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    received_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)
    source: Mapped[str] = mapped_column(String(16))  # service.PAYMENT_SOURCES
    reference: Mapped[str] = mapped_column(String(64))  # the bank transfer's or the auction's number
    recorded_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class DishonestListing(Base):
    """A debtor on the list of dishonest debtors (失信被执行人名单) by a decision in one enforcement case; published
    while `removed_on` is empty and its end (if any) has not passed."""

    __tablename__ = "dishonest_listings"
    __table_args__ = (
        Index("uq_dishonest_listings_active", "case_id", "debtor_party_id", unique=True,
              sqlite_where="removed_on IS NULL", postgresql_where="removed_on IS NULL"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"))
    debtor_party_id: Mapped[int] = mapped_column(ForeignKey("case_parties.id"))
    ground: Mapped[int] = mapped_column(Integer)  # rules.DISHONEST_GROUNDS
    extra_years: Mapped[int] = mapped_column(Integer, default=0)
    facts: Mapped[str] = mapped_column(String(500))  # the dishonest act, as the decision states it
    listed_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    decision_document_id: Mapped[int | None] = mapped_column(BigId)
    removed_on: Mapped[date | None] = mapped_column(Date)
    removal_ground: Mapped[str | None] = mapped_column(String(32))  # rules.DELETION_GROUNDS
    created_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
