"""documents: SM3 digest, volume, kind, catalogue position and page count

Documents already on a case were filed by parties or the court's own generated files: all go to the main volume,
numbered in the order they came (by id); fee receipts are named as such, every other kind is "other" until the
clerk corrects it. Their SM3 digests and page counts stay unknown (NULL): the migration does not read files.

Revision ID: c7d2e4f1a007
Revises: d1f3a2b4c008
"""

import sqlalchemy as sa
from alembic import op

revision = "c7d2e4f1a007"
down_revision = "d1f3a2b4c008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.add_column(sa.Column("sm3", sa.String(64), nullable=True))
        batch_op.add_column(sa.Column("volume", sa.String(16), nullable=False, server_default="main"))
        batch_op.add_column(sa.Column("kind", sa.String(32), nullable=False, server_default="other"))
        batch_op.add_column(sa.Column("position", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("pages", sa.Integer(), nullable=True))
        batch_op.create_index("ix_documents_catalogue", ["case_id", "volume", "position"])
    op.execute("UPDATE documents SET position = (SELECT COUNT(*) FROM documents AS earlier "
               "WHERE earlier.case_id = documents.case_id AND earlier.id <= documents.id) "
               "WHERE case_id IS NOT NULL")
    op.execute("UPDATE documents SET kind = 'fee_receipt' WHERE id IN "
               "(SELECT receipt_document_id FROM fee_payments WHERE receipt_document_id IS NOT NULL)")


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_index("ix_documents_catalogue")
        for column in ("pages", "position", "kind", "volume", "sm3"):
            batch_op.drop_column(column)
