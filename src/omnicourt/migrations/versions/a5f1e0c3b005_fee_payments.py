"""fee payments and refunds: online payment of fee notices through a gateway adapter

Revision ID: a5f1e0c3b005
Revises: a1f3b8d2c005
"""

import sqlalchemy as sa
from alembic import op

revision = "a5f1e0c3b005"
down_revision = "a1f3b8d2c005"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Money = sa.Numeric(18, 2)


def upgrade() -> None:
    op.create_table(
        "fee_payments",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("notice_id", BigId, sa.ForeignKey("fee_notices.id", name="fk_fee_payments_notice_id_fee_notices"),
                  nullable=False),
        sa.Column("case_id", BigId, nullable=False),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id", name="fk_fee_payments_court_id_courts"),
                  nullable=False),
        sa.Column("amount", Money, nullable=False),
        sa.Column("gateway", sa.String(16), nullable=False),
        sa.Column("order_no", sa.String(40), nullable=False),
        sa.Column("pay_url", sa.String(500), nullable=False),
        sa.Column("idempotency_key", sa.String(64), nullable=False),
        sa.Column("payer_id", sa.Integer(), sa.ForeignKey("accounts.id", name="fk_fee_payments_payer_id_accounts"),
                  nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True)),
        sa.Column("gateway_reference", sa.String(64)),
        sa.Column("receipt_document_id", BigId),
        sa.PrimaryKeyConstraint("id", name="pk_fee_payments"),
        sa.UniqueConstraint("order_no", name="uq_fee_payments_order_no"),
        sa.UniqueConstraint("payer_id", "idempotency_key", name="uq_fee_payments_payer_id_idempotency_key"),
    )
    op.create_index("ix_fee_payments_notice_id", "fee_payments", ["notice_id"])
    op.create_index("ix_fee_payments_case_id", "fee_payments", ["case_id"])
    op.create_table(
        "fee_refunds",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("notice_id", BigId, sa.ForeignKey("fee_notices.id", name="fk_fee_refunds_notice_id_fee_notices"),
                  nullable=False),
        sa.Column("payment_id", BigId,
                  sa.ForeignKey("fee_payments.id", name="fk_fee_refunds_payment_id_fee_payments"), nullable=False),
        sa.Column("case_id", BigId, nullable=False),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id", name="fk_fee_refunds_court_id_courts"),
                  nullable=False),
        sa.Column("amount", Money, nullable=False),
        sa.Column("reason", sa.String(255), nullable=False),
        sa.Column("refund_no", sa.String(40), nullable=False),
        sa.Column("gateway_reference", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_fee_refunds"),
        sa.UniqueConstraint("refund_no", name="uq_fee_refunds_refund_no"),
    )
    op.create_index("ix_fee_refunds_notice_id", "fee_refunds", ["notice_id"])
    op.create_index("ix_fee_refunds_case_id", "fee_refunds", ["case_id"])


def downgrade() -> None:
    op.drop_table("fee_refunds")
    op.drop_table("fee_payments")
