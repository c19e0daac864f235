"""published judgments: the redacted text of a case's judgment or ruling published online, or the placeholder of one
withheld (法释〔2016〕19号)

Revision ID: i6a000000001
Revises: h2a0000000001
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import BigId, UtcDateTime

revision = "i6a000000001"
down_revision = "h2a0000000001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "published_judgments",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("case_id", BigId, nullable=False),
        sa.Column("document_id", BigId, nullable=True),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("case_number", sa.String(40), nullable=False),
        sa.Column("court_name", sa.String(100), nullable=False),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("cause_name", sa.String(64), nullable=False),
        sa.Column("document_name", sa.String(16), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("published_at", UtcDateTime(), nullable=False),
        sa.Column("published_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("withheld", sa.String(100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.UniqueConstraint("case_id", "source_sha256"),
    )
    op.create_index("ix_published_judgments_case_id", "published_judgments", ["case_id"])
    op.create_index("ix_published_judgments_newest", "published_judgments", ["published_on", "id"])


def downgrade() -> None:
    op.drop_table("published_judgments")
