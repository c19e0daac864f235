"""online mediation: the court's roster of mediation organisations and invited mediators, mediations with their
parties, timeline, messages, settlement agreement versions and signatures

Revision ID: i10a00000001
Revises: i6a000000001
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import BigId, UtcDateTime

revision = "i10a00000001"
down_revision = 'i1a000000001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mediation_organisations",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False, index=True),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "mediators",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False, index=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False, unique=True),
        sa.Column("organisation_id", BigId, sa.ForeignKey("mediation_organisations.id"), nullable=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("specialities", sa.JSON(), nullable=False),
        sa.Column("areas", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "mediations",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("number", sa.String(40), nullable=False, index=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=True, index=True),
        sa.Column("procedure", sa.String(16), nullable=True),
        sa.Column("cause_code", sa.String(64), nullable=False),
        sa.Column("cause_name", sa.String(64), nullable=False),
        sa.Column("applicant_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=True, index=True),
        sa.Column("filing", sa.JSON(), nullable=True),
        sa.Column("consented_at", UtcDateTime(), nullable=False),
        sa.Column("mediator_id", BigId, sa.ForeignKey("mediators.id"), nullable=True, index=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("assigned_on", sa.Date(), nullable=True),
        sa.Column("accept_by", sa.Date(), nullable=True),
        sa.Column("accepted_on", sa.Date(), nullable=True),
        sa.Column("base_ends_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("undisputed_facts", sa.Text(), nullable=True),
        sa.Column("filing_application_id", BigId, nullable=True, unique=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_mediations_status_accept_by", "mediations", ["status", "accept_by"])
    op.create_table(
        "mediation_parties",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("mediation_id", BigId, sa.ForeignKey("mediations.id"), nullable=False, index=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("number", sa.String(18), nullable=True, index=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=True, index=True),
    )
    op.create_table(
        "mediation_events",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("mediation_id", BigId, sa.ForeignKey("mediations.id"), nullable=False, index=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("summary", sa.String(500), nullable=False),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=True),
    )
    op.create_table(
        "mediation_messages",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("mediation_id", BigId, sa.ForeignKey("mediations.id"), nullable=False, index=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("author", sa.String(160), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("document_id", BigId, sa.ForeignKey("documents.id"), nullable=True),
        sa.Column("at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "settlement_agreements",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("mediation_id", BigId, sa.ForeignKey("mediations.id"), nullable=False, index=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("drafted_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("drafted_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint("mediation_id", "version"),
    )
    op.create_table(
        "agreement_signatures",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("agreement_id", BigId, sa.ForeignKey("settlement_agreements.id"), nullable=False, index=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("party_id", BigId, sa.ForeignKey("mediation_parties.id"), nullable=False),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("signed_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint("agreement_id", "party_id"),
    )


def downgrade() -> None:
    for table in ("agreement_signatures", "settlement_agreements", "mediation_messages", "mediation_events",
                  "mediation_parties"):
        op.drop_table(table)
    op.drop_index("ix_mediations_status_accept_by", table_name="mediations")
    for table in ("mediations", "mediators", "mediation_organisations"):
        op.drop_table(table)
