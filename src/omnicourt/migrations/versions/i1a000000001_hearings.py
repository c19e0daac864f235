"""hearings: courtrooms, hearings, their participants and postponements; no room booked twice on PostgreSQL

Revision ID: i1a000000001
Revises: i5a000000001
"""

import sqlalchemy as sa
from alembic import op

revision = "i1a000000001"
down_revision = 'i7a000000001'
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "courtrooms",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.UniqueConstraint("court_id", "code"),
    )
    op.create_index("ix_courtrooms_court_id", "courtrooms", ["court_id"])
    op.create_table(
        "hearings",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("courtroom_id", sa.Integer(), sa.ForeignKey("courtrooms.id"), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("postponed_from_id", BigId, sa.ForeignKey("hearings.id"), nullable=True),
        sa.Column("scheduled_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_hearings_case_id", "hearings", ["case_id"])
    op.create_index("ix_hearings_courtroom_starts", "hearings", ["courtroom_id", "starts_at"])
    op.create_index("ix_hearings_court_starts", "hearings", ["court_id", "starts_at"])
    if op.get_bind().dialect.name == "postgresql":
        # The database itself refuses a room booked twice at overlapping times (hearings/models.py), whatever the
        # application checked: btree_gist gives GiST the equality of the room's id.
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute("ALTER TABLE hearings ADD CONSTRAINT hearings_room_not_double_booked EXCLUDE USING gist "
                   "(courtroom_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status <> 'postponed')")
    op.create_table(
        "hearing_participants",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("hearing_id", BigId, sa.ForeignKey("hearings.id"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=True),
        sa.Column("case_party_id", BigId, sa.ForeignKey("case_parties.id"), nullable=True),
        sa.Column("person_key", sa.String(40), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=True),
    )
    op.create_index("ix_hearing_participants_hearing_id", "hearing_participants", ["hearing_id"])
    op.create_index("ix_hearing_participants_person_starts", "hearing_participants", ["person_key", "starts_at"])
    op.create_table(
        "hearing_postponements",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("court_id", sa.Integer(), sa.ForeignKey("courts.id"), nullable=False),
        sa.Column("case_id", BigId, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("hearing_id", BigId, sa.ForeignKey("hearings.id"), nullable=False),
        sa.Column("ground", sa.String(24), nullable=False),
        sa.Column("reason", sa.String(300), nullable=False),
        sa.Column("force_majeure", sa.Boolean(), nullable=False),
        sa.Column("parties_agree", sa.Boolean(), nullable=False),
        sa.Column("next_starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("requested_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_hearing_id", BigId, sa.ForeignKey("hearings.id"), nullable=True),
    )
    op.create_index("ix_hearing_postponements_court_id", "hearing_postponements", ["court_id"])
    op.create_index("ix_hearing_postponements_case_id", "hearing_postponements", ["case_id"])
    op.create_index("ix_hearing_postponements_hearing_id", "hearing_postponements", ["hearing_id"])


def downgrade() -> None:
    op.drop_table("hearing_postponements")
    op.drop_table("hearing_participants")
    op.drop_table("hearings")
    op.drop_table("courtrooms")
