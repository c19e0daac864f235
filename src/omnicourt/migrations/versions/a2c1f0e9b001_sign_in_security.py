"""sign-in security: failed logins by address, session use times, password resets

Revision ID: a2c1f0e9b001
Revises: a5f1e0c3b005
"""

import sqlalchemy as sa
from alembic import op

import omnicourt.db

revision = "a2c1f0e9b001"
down_revision = "a5f1e0c3b005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("failed_logins", schema=None) as batch_op:
        batch_op.add_column(sa.Column("address", sa.String(length=64), nullable=True))
        batch_op.create_index("ix_failed_logins_address_at", ["address", "at"], unique=False)
    # Sessions opened before idle tracking have no use time: they are closed (users sign in again).
    op.execute("DELETE FROM login_sessions")
    with op.batch_alter_table("login_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("created_at", omnicourt.db.UtcDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("last_seen_at", omnicourt.db.UtcDateTime(timezone=True), nullable=True))
    op.create_table(
        "password_resets",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("expires_at", omnicourt.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("used_at", omnicourt.db.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_password_resets_account_id_accounts")),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_password_resets")),
    )
    with op.batch_alter_table("password_resets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_password_resets_account_id"), ["account_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("password_resets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_password_resets_account_id"))
    op.drop_table("password_resets")
    with op.batch_alter_table("login_sessions", schema=None) as batch_op:
        batch_op.drop_column("last_seen_at")
        batch_op.drop_column("created_at")
    with op.batch_alter_table("failed_logins", schema=None) as batch_op:
        batch_op.drop_index("ix_failed_logins_address_at")
        batch_op.drop_column("address")
