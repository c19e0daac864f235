"""real-name verification: identity bindings, company link requests, suspended case links; lawyers' details

Every account that exists now was never verified (identity_verified_at starts empty), so each of its links to
cases by ID number or USCC is suspended and listed for the case's court.

Revision ID: a1f3b8d2c005
Revises: e5d0c4e7a004
"""

import sqlalchemy as sa
from alembic import op

import omnicourt.db

revision = "a1f3b8d2c005"
down_revision = "e5d0c4e7a004"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = omnicourt.db.UtcDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch_op:
        batch_op.add_column(sa.Column("identity_verified_at", TIMESTAMP, nullable=True))
        batch_op.add_column(sa.Column("practice_certificate_number", sa.String(length=17), nullable=True))
        batch_op.add_column(sa.Column("law_firm", sa.String(length=128), nullable=True))
    op.create_table(
        "identity_bindings",
        sa.Column("number", sa.String(length=18), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("approved_by", sa.Integer(), nullable=True),
        sa.Column("bound_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_identity_bindings_account_id_accounts")),
        sa.ForeignKeyConstraint(["approved_by"], ["accounts.id"],
                                name=op.f("fk_identity_bindings_approved_by_accounts")),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_identity_bindings")),
        sa.UniqueConstraint("account_id", name=op.f("uq_identity_bindings_account_id")),
    )
    op.create_table(
        "identity_refusals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_identity_refusals_account_id_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_refusals")),
    )
    op.create_index("ix_identity_refusals_account_at", "identity_refusals", ["account_id", "at"])
    op.create_table(
        "company_link_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("requested_at", TIMESTAMP, nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", TIMESTAMP, nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"],
                                name=op.f("fk_company_link_requests_account_id_accounts")),
        sa.ForeignKeyConstraint(["court_id"], ["courts.id"], name=op.f("fk_company_link_requests_court_id_courts")),
        sa.ForeignKeyConstraint(["decided_by"], ["accounts.id"],
                                name=op.f("fk_company_link_requests_decided_by_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company_link_requests")),
    )
    op.create_index(op.f("ix_company_link_requests_account_id"), "company_link_requests", ["account_id"])
    op.create_index("ix_company_link_requests_court_status", "company_link_requests", ["court_id", "status"])
    op.create_table(
        "suspended_case_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("case_id", BIG_ID, nullable=False),
        sa.Column("court_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=18), nullable=False),
        sa.Column("suspended_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"],
                                name=op.f("fk_suspended_case_links_account_id_accounts")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_suspended_case_links_case_id_cases")),
        sa.ForeignKeyConstraint(["court_id"], ["courts.id"], name=op.f("fk_suspended_case_links_court_id_courts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suspended_case_links")),
    )
    op.create_index(op.f("ix_suspended_case_links_account_id"), "suspended_case_links", ["account_id"])
    op.create_index(op.f("ix_suspended_case_links_court_id"), "suspended_case_links", ["court_id"])
    _suspend_unverified_links()


def _suspend_unverified_links() -> None:
    """A public account's cases found by its ID number (a company's: by its USCC), other than those it filed
    itself (linked by account): no account was verified before this revision, so every such link is cut."""
    accounts = sa.table("accounts", sa.column("id"), sa.column("kind"), sa.column("person_type"),
                        sa.column("id_number"), sa.column("uscc"))
    parties = sa.table("case_parties", sa.column("case_id"), sa.column("court_id"), sa.column("id_number"),
                       sa.column("uscc"), sa.column("account_id"))
    links = sa.table("suspended_case_links", sa.column("account_id"), sa.column("case_id"), sa.column("court_id"),
                     sa.column("number"), sa.column("suspended_at", TIMESTAMP))
    now = sa.literal(omnicourt.db.utcnow(), TIMESTAMP)
    for legal, column in ((False, "id_number"), (True, "uscc")):
        kind_matches = accounts.c.person_type == "legal" if legal else accounts.c.person_type != "legal"
        found = (
            sa.select(accounts.c.id, parties.c.case_id, parties.c.court_id, parties.c[column], now)
            .distinct()
            .join(parties, parties.c[column] == accounts.c[column])
            .where(accounts.c.kind == "public", kind_matches,
                   sa.or_(parties.c.account_id.is_(None), parties.c.account_id != accounts.c.id))
        )
        op.execute(links.insert().from_select(["account_id", "case_id", "court_id", "number", "suspended_at"], found))


def downgrade() -> None:
    op.drop_index(op.f("ix_suspended_case_links_court_id"), table_name="suspended_case_links")
    op.drop_index(op.f("ix_suspended_case_links_account_id"), table_name="suspended_case_links")
    op.drop_table("suspended_case_links")
    op.drop_index("ix_company_link_requests_court_status", table_name="company_link_requests")
    op.drop_index(op.f("ix_company_link_requests_account_id"), table_name="company_link_requests")
    op.drop_table("company_link_requests")
    op.drop_index("ix_identity_refusals_account_at", table_name="identity_refusals")
    op.drop_table("identity_refusals")
    op.drop_table("identity_bindings")
    with op.batch_alter_table("accounts") as batch_op:
        batch_op.drop_column("law_firm")
        batch_op.drop_column("practice_certificate_number")
        batch_op.drop_column("identity_verified_at")
