"""judgments after drafting: a version's source (edited, an uploaded .docx), sign-off requests (签发), the signed
document's dossier file and SM2 signature, appeals filed online

Revision ID: j4a000000001
Revises: j1a000000001
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import BigId, UtcDateTime

revision = "j4a000000001"
down_revision = "j1a000000001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("judgment_documents") as batch_op:
        batch_op.add_column(sa.Column("signoff_role", sa.String(16), nullable=True))
        batch_op.add_column(sa.Column("dossier_document_id", BigId, sa.ForeignKey("documents.id"), nullable=True))
        batch_op.add_column(sa.Column("signature_id", BigId, sa.ForeignKey("signatures.id"), nullable=True))
    with op.batch_alter_table("judgment_versions") as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(8), nullable=False, server_default="draft"))
        batch_op.add_column(sa.Column("docx", sa.LargeBinary(), nullable=True))
    op.create_table(
        "judgment_signoffs",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("document_id", BigId, sa.ForeignKey("judgment_documents.id"), nullable=False),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("requested_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("requested_at", UtcDateTime, nullable=False),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=True),
        sa.Column("decided_at", UtcDateTime, nullable=True),
    )
    op.create_index("ix_judgment_signoffs_document_id", "judgment_signoffs", ["document_id"])
    op.create_table(
        "appeals",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("judgment_document_id", BigId, sa.ForeignKey("judgment_documents.id"), nullable=False),
        sa.Column("case_party_id", BigId, sa.ForeignKey("case_parties.id"), nullable=False),
        sa.Column("appeal_case_id", BigId, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("requests", sa.Text(), nullable=False),
        sa.Column("grounds", sa.Text(), nullable=False),
        sa.Column("delivered_on", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("filed_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("filed_at", UtcDateTime, nullable=False),
        sa.UniqueConstraint("judgment_document_id", "case_party_id"),
    )
    op.create_index("ix_appeals_case_id", "appeals", ["case_id"])
    op.create_index("ix_appeals_appeal_case_id", "appeals", ["appeal_case_id"])


def downgrade() -> None:
    op.drop_table("appeals")
    op.drop_table("judgment_signoffs")
    with op.batch_alter_table("judgment_versions") as batch_op:
        batch_op.drop_column("docx")
        batch_op.drop_column("source")
    with op.batch_alter_table("judgment_documents") as batch_op:
        batch_op.drop_column("signature_id")
        batch_op.drop_column("dossier_document_id")
        batch_op.drop_column("signoff_role")
