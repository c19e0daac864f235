"""document_texts: the text read from each document (its text layer or OCR) and the classifier's kind

Every document already stored is waiting to be read; a kind other than "other" was given by whoever stored it (or
corrected by a clerk) and is kept, an "other" is left to the classifier.

Revision ID: h3a000000001
Revises: h1a0000000001
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import BigId, UtcDateTime

revision = "h3a000000001"
down_revision = "h1a0000000001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_texts",
        sa.Column("document_id", BigId, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("pages_done", sa.Integer(), nullable=False),
        sa.Column("pages_total", sa.Integer(), nullable=True),
        sa.Column("pages_unread", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(500), nullable=True),
        sa.Column("kind_source", sa.String(16), nullable=False),
        sa.Column("suggested_kind", sa.String(32), nullable=True),
        sa.Column("suggestion_reason", sa.String(200), nullable=False),
        sa.Column("claimed_at", UtcDateTime(), nullable=True),
        sa.Column("read_at", UtcDateTime(), nullable=True),
    )
    op.create_index("ix_document_texts_state", "document_texts", ["state", "document_id"])
    op.execute("INSERT INTO document_texts (document_id, court_id, state, method, pages_done, pages_unread, text, "
               "attempts, kind_source, suggestion_reason) "
               "SELECT id, court_id, 'waiting', '', 0, 0, '', 0, "
               "CASE WHEN kind = 'other' THEN 'auto' ELSE 'given' END, '' FROM documents")


def downgrade() -> None:
    op.drop_index("ix_document_texts_state", "document_texts")
    op.drop_table("document_texts")
