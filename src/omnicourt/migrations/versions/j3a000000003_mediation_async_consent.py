"""each mediation party's consent to asynchronous mediation (在线诉讼规则 art. 20(1))

Revision ID: j3a000000003
Revises: j3a000000002
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import UtcDateTime

revision = "j3a000000003"
down_revision = "j3a000000002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mediation_parties") as batch_op:
        batch_op.add_column(sa.Column("async_consent", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("async_consent_at", UtcDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mediation_parties") as batch_op:
        batch_op.drop_column("async_consent_at")
        batch_op.drop_column("async_consent")
