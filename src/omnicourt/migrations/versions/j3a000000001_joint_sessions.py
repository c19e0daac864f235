"""joint sessions (多案联审): a batch of cases of one plaintiff and one cause heard together

Revision ID: j3a000000001
Revises: j8a000000001
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import UtcDateTime

revision = "j3a000000001"
down_revision = "j8a000000001"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "joint_sessions",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False, index=True),
        sa.Column("judge_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False, index=True),
        sa.Column("cause_code", sa.String(64), nullable=False),
        sa.Column("plaintiff_key", sa.String(40), nullable=False),
        sa.Column("plaintiff_name", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("hearing_id", BigId, sa.ForeignKey("hearings.id"), nullable=True),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "joint_session_cases",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("joint_session_id", BigId, sa.ForeignKey("joint_sessions.id"), nullable=False, index=True),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("attendance", sa.JSON(), nullable=True),
        sa.UniqueConstraint("joint_session_id", "case_id"),
    )


def downgrade() -> None:
    op.drop_table("joint_session_cases")
    op.drop_table("joint_sessions")
