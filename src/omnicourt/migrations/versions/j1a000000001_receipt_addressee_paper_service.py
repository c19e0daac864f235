"""a fee receipt addressed to its payer's party (it opens for that party and the court only); a document awaiting
its case's dossier (an asynchronous trial's answer); the cases whose lost acceptance-papers job was deferred again;
paper service of a delivery (how, who signed the 送达回证)

Revision ID: j1a000000001
Revises: j7a000000001
"""

import json

import sqlalchemy as sa
from alembic import op

from omnicourt.db import BigId, UtcDateTime

revision = "j1a000000001"
down_revision = "j7a000000001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The receipts filed before: each is the party the paying account is in its case, else (an agent paid) the
    # party its notice names as payer; the platform does the same for new ones (fees/payments.py payer_party_id).
    op.execute(
        "UPDATE documents SET addressee_party_id = COALESCE("
        "(SELECT MIN(case_parties.id) FROM fee_payments JOIN case_parties "
        "ON case_parties.case_id = fee_payments.case_id AND case_parties.account_id = fee_payments.payer_id "
        "AND case_parties.role <> 'agent' WHERE fee_payments.receipt_document_id = documents.id), "
        "(SELECT MIN(case_parties.id) FROM fee_payments JOIN fee_notices ON fee_notices.id = fee_payments.notice_id "
        "JOIN case_parties ON case_parties.case_id = fee_payments.case_id AND case_parties.name = fee_notices.payer "
        "AND case_parties.role <> 'agent' WHERE fee_payments.receipt_document_id = documents.id)) "
        "WHERE kind = 'fee_receipt' AND addressee_party_id IS NULL")
    with op.batch_alter_table("documents") as batch_op:
        batch_op.add_column(sa.Column("awaiting_case_id", BigId, nullable=True))
        batch_op.create_index("ix_documents_awaiting_case_id", ["awaiting_case_id"])
    # the asynchronous trials' answers stored before: each file awaits its case until the trial files it
    bind = op.get_bind()
    for case_id, document_ids in bind.execute(sa.text("SELECT case_id, document_ids FROM async_trial_answers")):
        ids = json.loads(document_ids) if isinstance(document_ids, str) else (document_ids or [])
        for document_id in ids:
            bind.execute(sa.text("UPDATE documents SET awaiting_case_id = :case_id WHERE id = :id AND case_id IS NULL"),
                         {"case_id": case_id, "id": document_id})


    op.create_table(
        "acceptance_paper_retries",
        sa.Column("case_id", BigId, nullable=False),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("deferred_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["court_id"], ["courts.id"], name=op.f("fk_acceptance_paper_retries_court_id_courts")),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_acceptance_paper_retries")),
    )

    with op.batch_alter_table("deliveries") as batch_op:
        batch_op.add_column(sa.Column("paper_way", sa.String(16), nullable=True))
        batch_op.add_column(sa.Column("signed_by", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch_op:
        batch_op.drop_column("signed_by")
        batch_op.drop_column("paper_way")
    op.drop_table("acceptance_paper_retries")
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_index("ix_documents_awaiting_case_id")
        batch_op.drop_column("awaiting_case_id")
    op.execute("UPDATE documents SET addressee_party_id = NULL WHERE kind = 'fee_receipt'")
