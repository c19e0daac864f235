"""asynchronous trial: the trial, consents, stages, answers, confirmations

Revision ID: i2a000000001
Revises: h2a0000000001
"""
import sqlalchemy as sa
from alembic import op

from omnicourt.db import BigId, UtcDateTime

revision = "i2a000000001"
down_revision = 'i5a000000001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('async_trials',
    sa.Column('id', BigId, nullable=False),
    sa.Column('case_id', BigId, nullable=False),
    sa.Column('court_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('applicant_party_id', BigId, nullable=False),
    sa.Column('application', sa.Text(), nullable=False),
    sa.Column('applied_by', sa.Integer(), nullable=False),
    sa.Column('applied_at', UtcDateTime(), nullable=False),
    sa.Column('hardship', sa.Text(), nullable=False),
    sa.Column('opened_by', sa.Integer(), nullable=True),
    sa.Column('opened_at', UtcDateTime(), nullable=True),
    sa.Column('switch_reason', sa.Text(), nullable=False),
    sa.Column('ended_at', UtcDateTime(), nullable=True),
    sa.Column('record_document_id', BigId, nullable=True),
    sa.Column('confirmed_document_id', BigId, nullable=True),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['applicant_party_id'], ['case_parties.id'],
                            name=op.f('fk_async_trials_applicant_party_id_case_parties')),
    sa.ForeignKeyConstraint(['applied_by'], ['accounts.id'], name=op.f('fk_async_trials_applied_by_accounts')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_async_trials_case_id_cases')),
    sa.ForeignKeyConstraint(['court_id'], ['courts.id'], name=op.f('fk_async_trials_court_id_courts')),
    sa.ForeignKeyConstraint(['opened_by'], ['accounts.id'], name=op.f('fk_async_trials_opened_by_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_async_trials')),
    sa.UniqueConstraint('case_id', name=op.f('uq_async_trials_case_id'))
    )
    op.create_table('async_trial_confirmations',
    sa.Column('id', BigId, nullable=False),
    sa.Column('trial_id', BigId, nullable=False),
    sa.Column('case_id', BigId, nullable=False),
    sa.Column('court_id', sa.Integer(), nullable=False),
    sa.Column('party_id', BigId, nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('record_sha256', sa.String(length=64), nullable=False),
    sa.Column('confirmed_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'],
                            name=op.f('fk_async_trial_confirmations_account_id_accounts')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_async_trial_confirmations_case_id_cases')),
    sa.ForeignKeyConstraint(['court_id'], ['courts.id'], name=op.f('fk_async_trial_confirmations_court_id_courts')),
    sa.ForeignKeyConstraint(['party_id'], ['case_parties.id'],
                            name=op.f('fk_async_trial_confirmations_party_id_case_parties')),
    sa.ForeignKeyConstraint(['trial_id'], ['async_trials.id'],
                            name=op.f('fk_async_trial_confirmations_trial_id_async_trials')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_async_trial_confirmations')),
    sa.UniqueConstraint('trial_id', 'party_id', name=op.f('uq_async_trial_confirmations_trial_id_party_id'))
    )
    with op.batch_alter_table('async_trial_confirmations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_async_trial_confirmations_case_id'), ['case_id'], unique=False)

    op.create_table('async_trial_consents',
    sa.Column('id', BigId, nullable=False),
    sa.Column('trial_id', BigId, nullable=False),
    sa.Column('case_id', BigId, nullable=False),
    sa.Column('court_id', sa.Integer(), nullable=False),
    sa.Column('party_id', BigId, nullable=False),
    sa.Column('consented', sa.Boolean(), nullable=False),
    sa.Column('given_by', sa.Integer(), nullable=False),
    sa.Column('given_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_async_trial_consents_case_id_cases')),
    sa.ForeignKeyConstraint(['court_id'], ['courts.id'], name=op.f('fk_async_trial_consents_court_id_courts')),
    sa.ForeignKeyConstraint(['given_by'], ['accounts.id'], name=op.f('fk_async_trial_consents_given_by_accounts')),
    sa.ForeignKeyConstraint(['party_id'], ['case_parties.id'],
                            name=op.f('fk_async_trial_consents_party_id_case_parties')),
    sa.ForeignKeyConstraint(['trial_id'], ['async_trials.id'],
                            name=op.f('fk_async_trial_consents_trial_id_async_trials')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_async_trial_consents')),
    sa.UniqueConstraint('trial_id', 'party_id', name=op.f('uq_async_trial_consents_trial_id_party_id'))
    )
    with op.batch_alter_table('async_trial_consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_async_trial_consents_case_id'), ['case_id'], unique=False)

    op.create_table('async_trial_stages',
    sa.Column('id', BigId, nullable=False),
    sa.Column('trial_id', BigId, nullable=False),
    sa.Column('case_id', BigId, nullable=False),
    sa.Column('court_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('questions', sa.JSON(), nullable=False),
    sa.Column('consequence', sa.Text(), nullable=False),
    sa.Column('visibility', sa.String(length=16), nullable=False),
    sa.Column('internal_note', sa.Text(), nullable=False),
    sa.Column('opened_by', sa.Integer(), nullable=False),
    sa.Column('opened_at', UtcDateTime(), nullable=False),
    sa.Column('closes_at', UtcDateTime(), nullable=False),
    sa.Column('closed_at', UtcDateTime(), nullable=True),
    sa.Column('ended_recorded_at', UtcDateTime(), nullable=True),
    sa.Column('missed', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_async_trial_stages_case_id_cases')),
    sa.ForeignKeyConstraint(['court_id'], ['courts.id'], name=op.f('fk_async_trial_stages_court_id_courts')),
    sa.ForeignKeyConstraint(['opened_by'], ['accounts.id'], name=op.f('fk_async_trial_stages_opened_by_accounts')),
    sa.ForeignKeyConstraint(['trial_id'], ['async_trials.id'],
                            name=op.f('fk_async_trial_stages_trial_id_async_trials')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_async_trial_stages')),
    sa.UniqueConstraint('trial_id', 'kind', name=op.f('uq_async_trial_stages_trial_id_kind'))
    )
    with op.batch_alter_table('async_trial_stages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_async_trial_stages_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_async_trial_stages_trial_id'), ['trial_id'], unique=False)

    op.create_table('async_trial_answers',
    sa.Column('id', BigId, nullable=False),
    sa.Column('stage_id', BigId, nullable=False),
    sa.Column('trial_id', BigId, nullable=False),
    sa.Column('case_id', BigId, nullable=False),
    sa.Column('court_id', sa.Integer(), nullable=False),
    sa.Column('party_id', BigId, nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('document_ids', sa.JSON(), nullable=False),
    sa.Column('video_document_id', BigId, nullable=True),
    sa.Column('answered_by', sa.Integer(), nullable=False),
    sa.Column('answered_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['answered_by'], ['accounts.id'], name=op.f('fk_async_trial_answers_answered_by_accounts')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_async_trial_answers_case_id_cases')),
    sa.ForeignKeyConstraint(['court_id'], ['courts.id'], name=op.f('fk_async_trial_answers_court_id_courts')),
    sa.ForeignKeyConstraint(['party_id'], ['case_parties.id'],
                            name=op.f('fk_async_trial_answers_party_id_case_parties')),
    sa.ForeignKeyConstraint(['stage_id'], ['async_trial_stages.id'],
                            name=op.f('fk_async_trial_answers_stage_id_async_trial_stages')),
    sa.ForeignKeyConstraint(['trial_id'], ['async_trials.id'],
                            name=op.f('fk_async_trial_answers_trial_id_async_trials')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_async_trial_answers')),
    sa.UniqueConstraint('stage_id', 'party_id', name=op.f('uq_async_trial_answers_stage_id_party_id'))
    )
    with op.batch_alter_table('async_trial_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_async_trial_answers_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_async_trial_answers_stage_id'), ['stage_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('async_trial_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_async_trial_answers_stage_id'))
        batch_op.drop_index(batch_op.f('ix_async_trial_answers_case_id'))

    op.drop_table('async_trial_answers')
    with op.batch_alter_table('async_trial_stages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_async_trial_stages_trial_id'))
        batch_op.drop_index(batch_op.f('ix_async_trial_stages_case_id'))

    op.drop_table('async_trial_stages')
    with op.batch_alter_table('async_trial_consents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_async_trial_consents_case_id'))

    op.drop_table('async_trial_consents')
    with op.batch_alter_table('async_trial_confirmations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_async_trial_confirmations_case_id'))

    op.drop_table('async_trial_confirmations')
    op.drop_table('async_trials')
