"""online hearings: one-time codes (second factor), attendance, the live record and its signatures

Revision ID: j2a000000001
Revises: j5a000000002
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import UtcDateTime

revision = "j2a000000001"
down_revision = "j5a000000002"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "one_time_codes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("purpose", sa.String(32), nullable=False),
        sa.Column("salt", sa.String(32), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("verified_at", UtcDateTime(), nullable=True),
        sa.Column("proof_expires_at", UtcDateTime(), nullable=True),
        sa.Column("consumed_at", UtcDateTime(), nullable=True),
    )
    op.create_index("ix_one_time_codes_account_created", "one_time_codes", ["account_id", "created_at"])
    op.create_table(
        "online_attendances",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("hearing_id", BigId, sa.ForeignKey("hearings.id"), nullable=False, index=True),
        sa.Column("participant_id", BigId, sa.ForeignKey("hearing_participants.id"), nullable=False),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("joined_at", UtcDateTime(), nullable=True),
        sa.Column("left_at", UtcDateTime(), nullable=True),
        sa.Column("late_minutes", sa.Integer(), nullable=False),
        sa.Column("joins", sa.Integer(), nullable=False),
        sa.Column("valid_reason", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("marked_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=True),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint("participant_id"),
    )
    op.create_table(
        "online_records",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("hearing_id", BigId, sa.ForeignKey("hearings.id"), nullable=False, unique=True),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("closed_at", UtcDateTime(), nullable=True),
        sa.Column("document_id", BigId, nullable=True),
        sa.Column("updated_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "online_record_signatures",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("record_id", BigId, sa.ForeignKey("online_records.id"), nullable=False, index=True),
        sa.Column("participant_id", BigId, sa.ForeignKey("hearing_participants.id"), nullable=False),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint("record_id", "participant_id"),
    )


def downgrade() -> None:
    op.drop_table("online_record_signatures")
    op.drop_table("online_records")
    op.drop_table("online_attendances")
    op.drop_index("ix_one_time_codes_account_created", table_name="one_time_codes")
    op.drop_table("one_time_codes")
