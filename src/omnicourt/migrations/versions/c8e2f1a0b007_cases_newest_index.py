"""cases newest-first index: the first page of a party with thousands of cases without sorting them all

Revision ID: c8e2f1a0b007
Revises: b6a1d0c4e006
"""

from alembic import op

revision = "c8e2f1a0b007"
down_revision = "b6a1d0c4e006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_newest", "cases", ["accepted_on", "id"])


def downgrade() -> None:
    op.drop_index("ix_cases_newest", table_name="cases")
