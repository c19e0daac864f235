"""The job queue: job_runs (progress of long jobs) everywhere; on PostgreSQL, procrastinate's schema as shipped with
procrastinate 3.10.0 (procrastinate_3_10_0.sql, unchanged). Upgrading procrastinate past 3.10 takes a revision that
applies its migration files from that version on. SQLite's queue (huey) keeps its tables in a file of its own.

Revision ID: b6a1d0c4e006
Revises: a4d0c5e1f005
"""

import re
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from omnicourt.db import UtcDateTime

revision = "b6a1d0c4e006"
down_revision = "a4d0c5e1f005"
branch_labels = None
depends_on = None

PROCRASTINATE = Path(__file__).with_name("procrastinate_3_10_0.sql")


def upgrade() -> None:
    op.create_table(
        "job_runs",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(200), nullable=False),
        sa.Column("error", sa.String(500), nullable=True),
        sa.Column("started_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_runs")),
    )
    op.create_index("ix_job_runs_updated_at", "job_runs", ["updated_at"])
    if op.get_bind().dialect.name == "postgresql":
        # Run as the driver's text: the schema's own % signs are no placeholders.
        op.get_bind().exec_driver_sql(PROCRASTINATE.read_text(encoding="utf-8").replace("%", "%%"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        schema = PROCRASTINATE.read_text(encoding="utf-8")
        for kind in ("TABLE", "FUNCTION", "TYPE"):
            for name in reversed(re.findall(rf"^CREATE {kind} (\w+)", schema, flags=re.MULTILINE)):
                op.execute(f"DROP {kind} IF EXISTS {name} CASCADE")
    op.drop_index("ix_job_runs_updated_at", table_name="job_runs")
    op.drop_table("job_runs")
