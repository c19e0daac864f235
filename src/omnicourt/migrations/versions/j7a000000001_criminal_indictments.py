"""criminal indictments: the procuratorate's indictment behind a 刑初 case, with its sentencing suggestion

Revision ID: j7a000000001
Revises: j9a000000002
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import BigId, Money, UtcDateTime

revision = "j7a000000001"
down_revision = "j9a000000002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "criminal_indictments",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=False, unique=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("procuratorate", sa.String(100), nullable=False),
        sa.Column("indictment_number", sa.String(64), nullable=False),
        sa.Column("indicted_on", sa.Date(), nullable=False),
        sa.Column("charge", sa.String(64), nullable=False),
        sa.Column("custody_measure", sa.String(32), nullable=False),
        sa.Column("custody_since", sa.Date(), nullable=True),
        sa.Column("guilty_plea", sa.Boolean(), nullable=False),
        sa.Column("suggestion_penalty", sa.String(8), nullable=True),
        sa.Column("suggestion_months", sa.Numeric(6, 2), nullable=True),
        sa.Column("suggestion_fine", Money, nullable=True),
        sa.Column("suggestion_probation", sa.Boolean(), nullable=True),
        sa.Column("exclusions", sa.JSON(), nullable=False),
        sa.Column("document_id", BigId, sa.ForeignKey("documents.id"), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("registered_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("registered_at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("criminal_indictments")
