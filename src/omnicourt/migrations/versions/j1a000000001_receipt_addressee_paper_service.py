"""a fee receipt addressed to its payer's party (it opens for that party and the court only)

Revision ID: j1a000000001
Revises: i3a000000001
"""

from alembic import op

revision = "j1a000000001"
down_revision = "i3a000000001"
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


def downgrade() -> None:
    op.execute("UPDATE documents SET addressee_party_id = NULL WHERE kind = 'fee_receipt'")
