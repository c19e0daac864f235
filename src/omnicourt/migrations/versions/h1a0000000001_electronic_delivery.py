"""electronic delivery: delivery address confirmations, deliveries and their channels

Revision ID: h1a0000000001
Revises: h4a0000000001
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import BigId, UtcDateTime

revision = "h1a0000000001"
down_revision = "h4a0000000001"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, referred: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{referred}.id"], name=op.f(f"fk_{table}_{column}_{referred}"))


def upgrade() -> None:
    op.create_table(
        "delivery_addresses",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("case_id", BigId, nullable=False),
        sa.Column("case_party_id", BigId, nullable=False),
        sa.Column("consented", sa.Boolean(), nullable=False),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("mobile", sa.String(20), nullable=True),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("confirmed_by", sa.Integer(), nullable=False),
        sa.Column("confirmed_at", UtcDateTime(), nullable=False),
        _fk("delivery_addresses", "court_id", "courts"), _fk("delivery_addresses", "case_id", "cases"),
        _fk("delivery_addresses", "case_party_id", "case_parties"),
        _fk("delivery_addresses", "confirmed_by", "accounts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_addresses")),
    )
    op.create_index("ix_delivery_addresses_case_id", "delivery_addresses", ["case_id"])
    op.create_index("ix_delivery_addresses_party", "delivery_addresses", ["case_party_id", "id"])
    op.create_table(
        "deliveries",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("case_id", BigId, nullable=False),
        sa.Column("case_party_id", BigId, nullable=False),
        sa.Column("document_id", BigId, nullable=False),
        sa.Column("document_class", sa.String(24), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("consented", sa.Boolean(), nullable=False),
        sa.Column("address_id", BigId, nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("opened_at", UtcDateTime(), nullable=True),
        sa.Column("effective_at", UtcDateTime(), nullable=True),
        sa.Column("effective_on", sa.Date(), nullable=True),
        sa.Column("effective_channel", sa.String(16), nullable=True),
        sa.Column("basis", sa.String(255), nullable=True),
        sa.Column("certificate_document_id", BigId, nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("notice_text", sa.Text(), nullable=True),
        sa.Column("reminders", sa.Integer(), nullable=False),
        sa.Column("reminded_at", UtcDateTime(), nullable=True),
        _fk("deliveries", "court_id", "courts"), _fk("deliveries", "case_id", "cases"),
        _fk("deliveries", "case_party_id", "case_parties"), _fk("deliveries", "document_id", "documents"),
        _fk("deliveries", "address_id", "delivery_addresses"), _fk("deliveries", "created_by", "accounts"),
        _fk("deliveries", "certificate_document_id", "documents"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        sa.UniqueConstraint("document_id", "case_party_id", name=op.f("uq_deliveries_document_id_case_party_id")),
    )
    op.create_index("ix_deliveries_case_id", "deliveries", ["case_id"])
    op.create_index("ix_deliveries_case_party_id", "deliveries", ["case_party_id"])
    op.create_index("ix_deliveries_unread", "deliveries", ["opened_at", "created_at"])
    op.create_table(
        "delivery_channels",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("delivery_id", BigId, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("address", sa.String(254), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("reached_at", UtcDateTime(), nullable=True),
        sa.Column("last_error", sa.String(500), nullable=True),
        _fk("delivery_channels", "court_id", "courts"), _fk("delivery_channels", "delivery_id", "deliveries"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_channels")),
        sa.UniqueConstraint("delivery_id", "channel", name=op.f("uq_delivery_channels_delivery_id_channel")),
    )
    op.create_index("ix_delivery_channels_delivery_id", "delivery_channels", ["delivery_id"])


def downgrade() -> None:
    op.drop_table("delivery_channels")
    op.drop_table("deliveries")
    op.drop_table("delivery_addresses")
