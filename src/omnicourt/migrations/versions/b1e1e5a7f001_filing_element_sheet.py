"""filing applications keep their element sheet (要素式起诉)

Revision ID: b1e1e5a7f001
Revises: db97e06ef82a
Create Date: 2026-11-29 05:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'b1e1e5a7f001'
down_revision = 'db97e06ef82a'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('filing_applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('element_sheet', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('filing_applications', schema=None) as batch_op:
        batch_op.drop_column('element_sheet')
