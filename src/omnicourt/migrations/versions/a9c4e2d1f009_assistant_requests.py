"""assistant requests: a judge's request to analyse a case file, run by a job

Revision ID: a9c4e2d1f009
Revises: c7d2e4f1a007
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import BigId, UtcDateTime

revision = "a9c4e2d1f009"
down_revision = "c7d2e4f1a007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assistant_requests",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("case_id", BigId, nullable=False),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("requested_by", sa.Integer(), nullable=False),
        sa.Column("requested_at", UtcDateTime(), nullable=False),
        sa.Column("cutoff", sa.Date(), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("job_run_id", sa.String(64), nullable=True),
        sa.Column("analysis_run_id", BigId, nullable=True),
        sa.Column("error", sa.String(500), nullable=True),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_assistant_requests_case_id_cases")),
        sa.ForeignKeyConstraint(["court_id"], ["courts.id"], name=op.f("fk_assistant_requests_court_id_courts")),
        sa.ForeignKeyConstraint(["requested_by"], ["accounts.id"],
                                name=op.f("fk_assistant_requests_requested_by_accounts")),
        sa.ForeignKeyConstraint(["analysis_run_id"], ["assistant_runs.id"],
                                name=op.f("fk_assistant_requests_analysis_run_id_assistant_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assistant_requests")),
    )
    op.create_index("ix_assistant_requests_case_id", "assistant_requests", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_assistant_requests_case_id", table_name="assistant_requests")
    op.drop_table("assistant_requests")
