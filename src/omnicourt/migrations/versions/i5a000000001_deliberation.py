"""deliberation: panels, deliberations, points and votes

Revision ID: i5a000000001
Revises: i6a000000001
"""
import sqlalchemy as sa
from alembic import op

from omnicourt.db import BigId, UtcDateTime

revision = 'i5a000000001'
down_revision = 'i6a000000001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('deliberations',
    sa.Column('id', BigId, nullable=False),
    sa.Column('case_id', BigId, nullable=False),
    sa.Column('court_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('required_grounds', sa.JSON(), nullable=False),
    sa.Column('referral_grounds', sa.JSON(), nullable=False),
    sa.Column('referral_report', sa.Text(), nullable=False),
    sa.Column('referral_requested_by', sa.Integer(), nullable=True),
    sa.Column('referral_requested_on', sa.Date(), nullable=True),
    sa.Column('referral_decided_by', sa.Integer(), nullable=True),
    sa.Column('referral_decided_on', sa.Date(), nullable=True),
    sa.Column('referral_refused_reason', sa.Text(), nullable=False),
    sa.Column('committee_held_on', sa.Date(), nullable=True),
    sa.Column('committee_members', sa.JSON(), nullable=False),
    sa.Column('committee_decision', sa.Text(), nullable=False),
    sa.Column('committee_recorded_by', sa.Integer(), nullable=True),
    sa.Column('record_document_id', BigId, nullable=True),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_deliberations_case_id_cases')),
    sa.ForeignKeyConstraint(['committee_recorded_by'], ['accounts.id'], name=op.f('fk_deliberations_committee_recorded_by_accounts')),
    sa.ForeignKeyConstraint(['court_id'], ['courts.id'], name=op.f('fk_deliberations_court_id_courts')),
    sa.ForeignKeyConstraint(['referral_decided_by'], ['accounts.id'], name=op.f('fk_deliberations_referral_decided_by_accounts')),
    sa.ForeignKeyConstraint(['referral_requested_by'], ['accounts.id'], name=op.f('fk_deliberations_referral_requested_by_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliberations')),
    sa.UniqueConstraint('case_id', name=op.f('uq_deliberations_case_id'))
    )
    op.create_table('panels',
    sa.Column('id', BigId, nullable=False),
    sa.Column('case_id', BigId, nullable=False),
    sa.Column('court_id', sa.Integer(), nullable=False),
    sa.Column('presiding_judge_id', sa.Integer(), nullable=False),
    sa.Column('rapporteur_id', sa.Integer(), nullable=False),
    sa.Column('formed_by', sa.Integer(), nullable=False),
    sa.Column('formed_on', sa.Date(), nullable=False),
    sa.Column('formed_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_panels_case_id_cases')),
    sa.ForeignKeyConstraint(['court_id'], ['courts.id'], name=op.f('fk_panels_court_id_courts')),
    sa.ForeignKeyConstraint(['formed_by'], ['accounts.id'], name=op.f('fk_panels_formed_by_accounts')),
    sa.ForeignKeyConstraint(['presiding_judge_id'], ['accounts.id'], name=op.f('fk_panels_presiding_judge_id_accounts')),
    sa.ForeignKeyConstraint(['rapporteur_id'], ['accounts.id'], name=op.f('fk_panels_rapporteur_id_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_panels')),
    sa.UniqueConstraint('case_id', name=op.f('uq_panels_case_id'))
    )
    op.create_table('deliberation_points',
    sa.Column('id', BigId, nullable=False),
    sa.Column('deliberation_id', BigId, nullable=False),
    sa.Column('case_id', BigId, nullable=False),
    sa.Column('court_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('outcome', sa.String(length=8), nullable=True),
    sa.Column('majority', sa.Integer(), nullable=True),
    sa.Column('minority', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_deliberation_points_case_id_cases')),
    sa.ForeignKeyConstraint(['court_id'], ['courts.id'], name=op.f('fk_deliberation_points_court_id_courts')),
    sa.ForeignKeyConstraint(['deliberation_id'], ['deliberations.id'], name=op.f('fk_deliberation_points_deliberation_id_deliberations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliberation_points'))
    )
    with op.batch_alter_table('deliberation_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deliberation_points_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliberation_points_deliberation_id'), ['deliberation_id'], unique=False)

    op.create_table('panel_members',
    sa.Column('id', BigId, nullable=False),
    sa.Column('panel_id', BigId, nullable=False),
    sa.Column('case_id', BigId, nullable=False),
    sa.Column('court_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('seat', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_panel_members_account_id_accounts')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_panel_members_case_id_cases')),
    sa.ForeignKeyConstraint(['court_id'], ['courts.id'], name=op.f('fk_panel_members_court_id_courts')),
    sa.ForeignKeyConstraint(['panel_id'], ['panels.id'], name=op.f('fk_panel_members_panel_id_panels')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_panel_members')),
    sa.UniqueConstraint('panel_id', 'account_id', name=op.f('uq_panel_members_panel_id_account_id'))
    )
    with op.batch_alter_table('panel_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_panel_members_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_panel_members_panel_id'), ['panel_id'], unique=False)

    op.create_table('deliberation_votes',
    sa.Column('id', BigId, nullable=False),
    sa.Column('point_id', BigId, nullable=False),
    sa.Column('case_id', BigId, nullable=False),
    sa.Column('court_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('turn', sa.Integer(), nullable=False),
    sa.Column('choice', sa.String(length=8), nullable=False),
    sa.Column('opinion', sa.Text(), nullable=False),
    sa.Column('cast_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_deliberation_votes_case_id_cases')),
    sa.ForeignKeyConstraint(['court_id'], ['courts.id'], name=op.f('fk_deliberation_votes_court_id_courts')),
    sa.ForeignKeyConstraint(['member_id'], ['accounts.id'], name=op.f('fk_deliberation_votes_member_id_accounts')),
    sa.ForeignKeyConstraint(['point_id'], ['deliberation_points.id'], name=op.f('fk_deliberation_votes_point_id_deliberation_points')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliberation_votes')),
    sa.UniqueConstraint('point_id', 'member_id', name=op.f('uq_deliberation_votes_point_id_member_id'))
    )
    with op.batch_alter_table('deliberation_votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deliberation_votes_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliberation_votes_point_id'), ['point_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('deliberation_votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deliberation_votes_point_id'))
        batch_op.drop_index(batch_op.f('ix_deliberation_votes_case_id'))

    op.drop_table('deliberation_votes')
    with op.batch_alter_table('panel_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_panel_members_panel_id'))
        batch_op.drop_index(batch_op.f('ix_panel_members_case_id'))

    op.drop_table('panel_members')
    with op.batch_alter_table('deliberation_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deliberation_points_deliberation_id'))
        batch_op.drop_index(batch_op.f('ix_deliberation_points_case_id'))

    op.drop_table('deliberation_points')
    op.drop_table('panels')
    op.drop_table('deliberations')
