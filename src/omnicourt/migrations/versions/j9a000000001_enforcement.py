"""enforcement: the creditor's application against a platform case's effective document, and the freezes, seizures
and detentions of an enforcement case (one in force per asset of a case)

Revision ID: j9a000000001
Revises: i3a000000001
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import UtcDateTime

revision = "j9a000000001"
down_revision = "i3a000000001"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Money = sa.Numeric(18, 2)


def upgrade() -> None:
    op.create_table(
        "enforcement_applications",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False, index=True),
        sa.Column("source_case_id", BigId, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("source_document", sa.String(32), nullable=False),
        sa.Column("applicant_account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False, index=True),
        sa.Column("applicant_party_id", BigId, sa.ForeignKey("case_parties.id"), nullable=False),
        sa.Column("respondent_party_ids", sa.JSON(), nullable=False),
        sa.Column("amount", Money, nullable=False),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("performance_due_on", sa.Date(), nullable=True),
        sa.Column("last_instalment_on", sa.Date(), nullable=True),
        sa.Column("period_ends_on", sa.Date(), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("refusal_reason", sa.String(500), nullable=True),
        sa.Column("decided_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=True),
        sa.Column("decided_at", UtcDateTime(), nullable=True),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=True, unique=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "property_measures",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("measure", sa.String(16), nullable=False),
        sa.Column("asset_kind", sa.String(16), nullable=False),
        sa.Column("asset_key", sa.String(64), nullable=False),
        sa.Column("description", sa.String(255), nullable=False),
        sa.Column("amount", Money, nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("renewals", sa.Integer(), nullable=False),
        sa.Column("warned_on", sa.Date(), nullable=True),
        sa.Column("released_on", sa.Date(), nullable=True),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_index("uq_property_measures_active_asset", "property_measures", ["case_id", "asset_kind", "asset_key"],
                    unique=True, sqlite_where=sa.text("released_on IS NULL"),
                    postgresql_where=sa.text("released_on IS NULL"))
    op.create_index("ix_property_measures_ends_on", "property_measures", ["ends_on"])


def downgrade() -> None:
    op.drop_index("ix_property_measures_ends_on", table_name="property_measures")
    op.drop_index("uq_property_measures_active_asset", table_name="property_measures")
    op.drop_table("property_measures")
    op.drop_table("enforcement_applications")
