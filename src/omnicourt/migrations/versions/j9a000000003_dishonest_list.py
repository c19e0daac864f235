"""the list of dishonest debtors (失信被执行人名单): a debtor's listing by decision in an enforcement case

Revision ID: j9a000000003
Revises: j4a000000001
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import UtcDateTime

revision = "j9a000000003"
down_revision = "j4a000000001"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "dishonest_listings",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("debtor_party_id", BigId, sa.ForeignKey("case_parties.id"), nullable=False),
        sa.Column("ground", sa.Integer(), nullable=False),
        sa.Column("extra_years", sa.Integer(), nullable=False),
        sa.Column("facts", sa.String(500), nullable=False),
        sa.Column("listed_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("decision_document_id", BigId, nullable=True),
        sa.Column("removed_on", sa.Date(), nullable=True),
        sa.Column("removal_ground", sa.String(32), nullable=True),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_index("uq_dishonest_listings_active", "dishonest_listings", ["case_id", "debtor_party_id"], unique=True,
                    sqlite_where=sa.text("removed_on IS NULL"), postgresql_where=sa.text("removed_on IS NULL"))


def downgrade() -> None:
    op.drop_index("uq_dishonest_listings_active", table_name="dishonest_listings")
    op.drop_table("dishonest_listings")
