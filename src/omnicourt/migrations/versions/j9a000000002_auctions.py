"""online judicial auctions: the auction of an enforcement case's asset, the bidders' deposits and their bids; the
online asset inquiries of an enforcement case; the money received for its creditor

Revision ID: j9a000000002
Revises: j9a000000001
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import UtcDateTime

revision = "j9a000000002"
down_revision = "j9a000000001"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Money = sa.Numeric(18, 2)


def upgrade() -> None:
    op.create_table(
        "auctions",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("asset_kind", sa.String(16), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("reference_price", Money, nullable=False),
        sa.Column("start_price", Money, nullable=False),
        sa.Column("increment", Money, nullable=False),
        sa.Column("deposit", Money, nullable=False),
        sa.Column("announced_on", sa.Date(), nullable=False),
        sa.Column("starts_at", UtcDateTime(), nullable=False),
        sa.Column("ends_at", UtcDateTime(), nullable=False),
        sa.Column("current_price", Money, nullable=True),
        sa.Column("leading_bid_id", BigId, nullable=True),
        sa.Column("bids", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("closed_at", UtcDateTime(), nullable=True),
        sa.Column("payment_days", sa.Integer(), nullable=False),
        sa.Column("balance_due_on", sa.Date(), nullable=True),
        sa.Column("balance_paid_at", UtcDateTime(), nullable=True),
        sa.Column("ruling_document_id", BigId, nullable=True),
        sa.Column("ruling_served_at", UtcDateTime(), nullable=True),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_auctions_status_ends_at", "auctions", ["status", "ends_at"])
    op.create_table(
        "auction_deposits",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("auction_id", BigId, sa.ForeignKey("auctions.id"), nullable=False),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("bidder_code", sa.String(8), nullable=False),
        sa.Column("amount", Money, nullable=False),
        sa.Column("paid_at", UtcDateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
    )
    op.create_index("uq_auction_deposits_bidder", "auction_deposits", ["auction_id", "account_id"], unique=True)
    op.create_table(
        "auction_bids",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("auction_id", BigId, sa.ForeignKey("auctions.id"), nullable=False, index=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("bidder_code", sa.String(8), nullable=False),
        sa.Column("amount", Money, nullable=False),
        sa.Column("placed_at", UtcDateTime(), nullable=False),
    )


    op.create_table(
        "asset_inquiries",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("debtor_party_id", BigId, sa.ForeignKey("case_parties.id"), nullable=False),
        sa.Column("agency", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("records", sa.JSON(), nullable=False),
        sa.Column("error", sa.String(255), nullable=True),
        sa.Column("sent_at", UtcDateTime(), nullable=False),
        sa.Column("answered_at", UtcDateTime(), nullable=True),
        sa.Column("sent_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
    )
    op.create_table(
        "enforcement_payments",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("amount", Money, nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("recorded_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("enforcement_payments")
    op.drop_table("asset_inquiries")
    op.drop_table("auction_bids")
    op.drop_index("uq_auction_deposits_bidder", table_name="auction_deposits")
    op.drop_table("auction_deposits")
    op.drop_index("ix_auctions_status_ends_at", table_name="auctions")
    op.drop_table("auctions")
