"""signing keys and signatures; dossier archives and one-PDF bundles

Revision ID: h2a0000000001
Revises: h3a000000001
"""

import sqlalchemy as sa
from alembic import op

revision = "h2a0000000001"
down_revision = "h3a000000001"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "signing_keys",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("holder", sa.String(32), nullable=False),
        sa.Column("judge_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=True),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(16), nullable=False, unique=True),
        sa.Column("public_key", sa.String(128), nullable=False),
        sa.Column("sealed_private_key", sa.LargeBinary(), nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("court_id", "holder", "generation"),
    )
    op.create_table(
        "signatures",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("case_id", BigId, nullable=True, index=True),
        sa.Column("document_id", BigId, nullable=True),
        sa.Column("subject", sa.String(32), nullable=False),
        sa.Column("key_id", BigId, sa.ForeignKey("signing_keys.id"), nullable=False),
        sa.Column("signer_kind", sa.String(16), nullable=False),
        sa.Column("signer_name", sa.String(100), nullable=False),
        sa.Column("sm3", sa.String(64), nullable=False, index=True),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
    )
    op.create_index("ix_signatures_document", "signatures", ["document_id"])
    op.create_table(
        "dossier_archives",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("case_id", BigId, nullable=False, unique=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("sm3", sa.String(64), nullable=False),
        sa.Column("files", sa.Integer(), nullable=False),
        sa.Column("signature_id", BigId, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "dossier_bundles",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("case_id", BigId, nullable=False, index=True),
        sa.Column("requested_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("volumes", sa.String(32), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("error", sa.String(500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("dossier_bundles")
    op.drop_table("dossier_archives")
    op.drop_index("ix_signatures_document", table_name="signatures")
    op.drop_table("signatures")
    op.drop_table("signing_keys")
