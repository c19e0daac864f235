"""docket index: a judge's open cases, newest first

Revision ID: e5d0c4e7a004
Revises: d3e7a1f0a003
"""

import sqlalchemy as sa
from alembic import op

revision = "e5d0c4e7a004"
down_revision = "d3e7a1f0a003"
branch_labels = None
depends_on = None

OPEN = sa.text("stage IN ('accepted', 'assigned', 'in_trial')")


def upgrade() -> None:
    op.create_index("ix_cases_judge_open_newest", "cases",
                    ["judge_id", "accepted_on", "id"],
                    postgresql_where=OPEN, sqlite_where=OPEN)


def downgrade() -> None:
    op.drop_index("ix_cases_judge_open_newest", table_name="cases")
