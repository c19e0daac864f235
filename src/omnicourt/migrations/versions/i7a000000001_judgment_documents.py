"""judgment documents: a case's court documents (判决书, 裁定书, 调解书, 决定书) as sections, a version per save

Revision ID: i7a000000001
Revises: i6a000000001
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import BigId, UtcDateTime

revision = "i7a000000001"
down_revision = 'i2a000000001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "judgment_documents",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("ruling_kind", sa.String(16), nullable=True),
        sa.Column("title", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("document_date", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.Column("approved_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=True),
        sa.Column("approved_at", UtcDateTime, nullable=True),
        sa.Column("signed_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=True),
        sa.Column("signed_at", UtcDateTime, nullable=True),
    )
    op.create_index("ix_judgment_documents_case_id", "judgment_documents", ["case_id"])
    op.create_table(
        "judgment_versions",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("document_id", BigId, sa.ForeignKey("judgment_documents.id"), nullable=False),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("saved_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("saved_at", UtcDateTime, nullable=False),
        sa.UniqueConstraint("document_id", "number"),
    )
    op.create_index("ix_judgment_versions_document_id", "judgment_versions", ["document_id"])


def downgrade() -> None:
    op.drop_table("judgment_versions")
    op.drop_table("judgment_documents")
