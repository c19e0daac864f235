"""bulk filings: an uploaded element sheet filed row by row by a job, with its waiting attachments

Revision ID: d1f3a2b4c008
Revises: c8e2f1a0b007
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import BigId, UtcDateTime

revision = "d1f3a2b4c008"
down_revision = "c8e2f1a0b007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bulk_filings",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("applicant_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.String(64), nullable=True),
        sa.Column("error", sa.String(500), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["applicant_id"], ["accounts.id"], name=op.f("fk_bulk_filings_applicant_id_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulk_filings")),
    )
    op.create_index("ix_bulk_filings_applicant_id", "bulk_filings", ["applicant_id"])
    op.create_table(
        "bulk_filing_rows",
        sa.Column("batch_id", BigId, nullable=False),
        sa.Column("row_index", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["bulk_filings.id"], ondelete="CASCADE",
                                name=op.f("fk_bulk_filing_rows_batch_id_bulk_filings")),
        sa.PrimaryKeyConstraint("batch_id", "row_index", name=op.f("pk_bulk_filing_rows")),
    )
    op.create_table(
        "bulk_filing_files",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("batch_id", BigId, nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["bulk_filings.id"], ondelete="CASCADE",
                                name=op.f("fk_bulk_filing_files_batch_id_bulk_filings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulk_filing_files")),
    )
    op.create_index("ix_bulk_filing_files_batch_id", "bulk_filing_files", ["batch_id"])


def downgrade() -> None:
    op.drop_index("ix_bulk_filing_files_batch_id", table_name="bulk_filing_files")
    op.drop_table("bulk_filing_files")
    op.drop_table("bulk_filing_rows")
    op.drop_index("ix_bulk_filings_applicant_id", table_name="bulk_filings")
    op.drop_table("bulk_filings")
