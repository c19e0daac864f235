"""each party's consent to asynchronous online evidence exchange and cross-examination (在线诉讼规则 art. 20(1))

Revision ID: j3a000000002
Revises: j3a000000001
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import UtcDateTime

revision = "j3a000000002"
down_revision = "j3a000000001"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "evidence_online_consents",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("case_party_id", BigId, sa.ForeignKey("case_parties.id"), nullable=False),
        sa.Column("consented", sa.Boolean(), nullable=False),
        sa.Column("given_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("given_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint("case_id", "case_party_id"),
    )


def downgrade() -> None:
    op.drop_table("evidence_online_consents")
