"""AI judge assistant: case elements, disputed points, analysis runs

Revision ID: c2a55157a002
Revises: b1e1e5a7f001
"""

import sqlalchemy as sa
from alembic import op

import omnicourt.db

revision = "c2a55157a002"
down_revision = "b1e1e5a7f001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "case_elements",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("proposed_value", sa.JSON(), nullable=False),
        sa.Column("document", sa.String(length=255), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("conflicts", sa.JSON(), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", omnicourt.db.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_elements_case_id_cases")),
        sa.ForeignKeyConstraint(["court_id"], ["courts.id"], name=op.f("fk_case_elements_court_id_courts")),
        sa.ForeignKeyConstraint(["decided_by"], ["accounts.id"], name=op.f("fk_case_elements_decided_by_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_elements")),
        sa.UniqueConstraint("case_id", "field", name=op.f("uq_case_elements_case_id_field")),
    )
    op.create_index(op.f("ix_case_elements_case_id"), "case_elements", ["case_id"], unique=False)
    op.create_table(
        "dispute_points",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=255), nullable=False),
        sa.Column("issue", sa.String(length=255), nullable=False),
        sa.Column("statements", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", omnicourt.db.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_dispute_points_case_id_cases")),
        sa.ForeignKeyConstraint(["court_id"], ["courts.id"], name=op.f("fk_dispute_points_court_id_courts")),
        sa.ForeignKeyConstraint(["decided_by"], ["accounts.id"], name=op.f("fk_dispute_points_decided_by_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispute_points")),
        sa.UniqueConstraint("case_id", "code", name=op.f("uq_dispute_points_case_id_code")),
    )
    op.create_index(op.f("ix_dispute_points_case_id"), "dispute_points", ["case_id"], unique=False)
    op.create_table(
        "assistant_runs",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("ran_at", omnicourt.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("ran_by", sa.Integer(), nullable=False),
        sa.Column("cutoff", sa.Date(), nullable=True),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_assistant_runs_case_id_cases")),
        sa.ForeignKeyConstraint(["court_id"], ["courts.id"], name=op.f("fk_assistant_runs_court_id_courts")),
        sa.ForeignKeyConstraint(["ran_by"], ["accounts.id"], name=op.f("fk_assistant_runs_ran_by_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assistant_runs")),
    )
    op.create_index(op.f("ix_assistant_runs_case_id"), "assistant_runs", ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_assistant_runs_case_id"), table_name="assistant_runs")
    op.drop_table("assistant_runs")
    op.drop_index(op.f("ix_dispute_points_case_id"), table_name="dispute_points")
    op.drop_table("dispute_points")
    op.drop_index(op.f("ix_case_elements_case_id"), table_name="case_elements")
    op.drop_table("case_elements")
