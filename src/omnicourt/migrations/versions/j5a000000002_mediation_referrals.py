"""referral of a filing to pre-filing mediation before acceptance, with the party's answer

Revision ID: j5a000000002
Revises: j5a000000001
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import BigId, UtcDateTime

revision = "j5a000000002"
down_revision = "j5a000000001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mediation_referrals",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False, index=True),
        sa.Column("application_id", BigId, sa.ForeignKey("filing_applications.id"), nullable=False, unique=True),
        sa.Column("referred_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=True),
        sa.Column("referred_at", UtcDateTime(), nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=True),
        sa.Column("answered_at", UtcDateTime(), nullable=True),
        sa.Column("mediation_id", BigId, sa.ForeignKey("mediations.id"), nullable=True, unique=True),
    )


def downgrade() -> None:
    op.drop_table("mediation_referrals")
