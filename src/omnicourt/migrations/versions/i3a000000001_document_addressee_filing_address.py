"""a document's addressee (a party's own papers open for that party alone); the delivery address a filer confirms

Revision ID: i3a000000001
Revises: i6a000000001
"""

import sqlalchemy as sa
from alembic import op

revision = "i3a000000001"
down_revision = 'i10a00000001'
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.add_column(sa.Column("addressee_party_id", BigId, nullable=True))
    with op.batch_alter_table("filing_applications") as batch_op:
        batch_op.add_column(sa.Column("delivery_address", sa.JSON(), nullable=True))
    # the certificates filed before: each is its delivery's addressee's
    op.execute("UPDATE documents SET addressee_party_id = (SELECT deliveries.case_party_id FROM deliveries "
               "WHERE deliveries.certificate_document_id = documents.id) "
               "WHERE id IN (SELECT certificate_document_id FROM deliveries)")


def downgrade() -> None:
    with op.batch_alter_table("filing_applications") as batch_op:
        batch_op.drop_column("delivery_address")
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_column("addressee_party_id")
