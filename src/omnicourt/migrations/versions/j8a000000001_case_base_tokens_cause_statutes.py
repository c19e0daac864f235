"""the case base at scale: a judgment's index terms kept with it, the statutes cited per cause pre-aggregated, and
the model-case mark

Revision ID: j8a000000001
Revises: j9a000000003
"""

import sqlalchemy as sa
from alembic import op

revision = "j8a000000001"
down_revision = "j9a000000003"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("judgments") as batch_op:
        batch_op.add_column(sa.Column("model_case", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "judgment_tokens",
        sa.Column("judgment_id", BigId, sa.ForeignKey("judgments.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("tokens", sa.Text(), nullable=False),
    )
    op.create_table(
        "cause_statutes",
        sa.Column("cause", sa.String(64), primary_key=True),
        sa.Column("law", sa.String(128), primary_key=True),
        sa.Column("article", sa.String(16), primary_key=True),
        sa.Column("version", sa.String(8), primary_key=True),
        sa.Column("judgments", sa.Integer(), nullable=False),
    )
    # the judgments already in the case base (their tokens are cut at the next reindex)
    op.execute("INSERT INTO cause_statutes (cause, law, article, version, judgments) "
               "SELECT cause, law, article, COALESCE(version, ''), COUNT(DISTINCT judgment_id) "
               "FROM judgment_citations GROUP BY cause, law, article, COALESCE(version, '')")


def downgrade() -> None:
    op.drop_table("cause_statutes")
    op.drop_table("judgment_tokens")
    with op.batch_alter_table("judgments") as batch_op:
        batch_op.drop_column("model_case")
