"""documents.content_type long enough for a Word file's media type (71 characters)

Revision ID: a4d0c5e1f005
Revises: a3f1c0de0005
"""

import sqlalchemy as sa
from alembic import op

revision = "a4d0c5e1f005"
down_revision = "a3f1c0de0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.alter_column("content_type", type_=sa.String(127), existing_type=sa.String(64),
                              existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.alter_column("content_type", type_=sa.String(64), existing_type=sa.String(127),
                              existing_nullable=False)
