"""judicial confirmation (司法确认): joint applications and each party's confirmation; mediation statements (调解书)
and the parties' signatures for receipt

Revision ID: j5a000000001
Revises: j3a000000003
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import BigId, UtcDateTime

revision = "j5a000000001"
down_revision = "j3a000000003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "confirmation_applications",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False, index=True),
        sa.Column("mediation_id", BigId, sa.ForeignKey("mediations.id"), nullable=False, unique=True),
        sa.Column("agreement_id", BigId, sa.ForeignKey("settlement_agreements.id"), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("applied_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=True, unique=True),
        sa.Column("grounds", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("ruled_on", sa.Date(), nullable=True),
        sa.Column("ruling_document_id", BigId, sa.ForeignKey("documents.id"), nullable=True),
        sa.Column("enforceable", sa.Boolean(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "confirmation_joins",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("application_id", BigId, sa.ForeignKey("confirmation_applications.id"), nullable=False,
                  index=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("party_id", BigId, sa.ForeignKey("mediation_parties.id"), nullable=False),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("e_delivery", sa.Boolean(), nullable=False),
        sa.Column("joined_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint("application_id", "party_id"),
    )
    op.create_table(
        "mediation_statements",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("mediation_id", BigId, sa.ForeignKey("mediations.id"), nullable=True),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("document_id", BigId, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("drafted_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("drafted_at", UtcDateTime(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=True),
    )
    op.create_table(
        "statement_receipts",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("statement_id", BigId, sa.ForeignKey("mediation_statements.id"), nullable=False, index=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("case_party_id", BigId, sa.ForeignKey("case_parties.id"), nullable=False),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("signed_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint("statement_id", "case_party_id"),
    )


def downgrade() -> None:
    for table in ("statement_receipts", "mediation_statements", "confirmation_joins", "confirmation_applications"):
        op.drop_table(table)
