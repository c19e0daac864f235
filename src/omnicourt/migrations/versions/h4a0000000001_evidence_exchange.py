"""evidence exchange: the evidence period of a case, evidence lists and items, cross-examination opinions

Revision ID: h4a0000000001
Revises: a9c4e2d1f009
"""

import sqlalchemy as sa
from alembic import op

from omnicourt.db import BigId, UtcDateTime

revision = "h4a0000000001"
down_revision = "a9c4e2d1f009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('evidence_lists',
    sa.Column('id', BigId, nullable=False),
    sa.Column('case_id', BigId, nullable=False),
    sa.Column('court_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=True),
    sa.Column('submitted_at', UtcDateTime(), nullable=True),
    sa.Column('late', sa.Boolean(), nullable=False),
    sa.Column('late_explanation', sa.Text(), nullable=False),
    sa.Column('document_id', BigId, nullable=True),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['accounts.id'], name=op.f('fk_evidence_lists_author_id_accounts')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_evidence_lists_case_id_cases')),
    sa.ForeignKeyConstraint(['court_id'], ['courts.id'], name=op.f('fk_evidence_lists_court_id_courts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_lists'))
    )
    with op.batch_alter_table('evidence_lists', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_lists_case_id'), ['case_id'], unique=False)

    op.create_table('evidence_periods',
    sa.Column('id', BigId, nullable=False),
    sa.Column('case_id', BigId, nullable=False),
    sa.Column('court_id', sa.Integer(), nullable=False),
    sa.Column('basis', sa.String(length=16), nullable=False),
    sa.Column('served_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('agreed', sa.Boolean(), nullable=False),
    sa.Column('extensions', sa.Integer(), nullable=False),
    sa.Column('cross_examination_due_on', sa.Date(), nullable=True),
    sa.Column('set_by', sa.Integer(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_evidence_periods_case_id_cases')),
    sa.ForeignKeyConstraint(['court_id'], ['courts.id'], name=op.f('fk_evidence_periods_court_id_courts')),
    sa.ForeignKeyConstraint(['set_by'], ['accounts.id'], name=op.f('fk_evidence_periods_set_by_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_periods')),
    sa.UniqueConstraint('case_id', name=op.f('uq_evidence_periods_case_id'))
    )
    op.create_table('evidence_items',
    sa.Column('id', BigId, nullable=False),
    sa.Column('list_id', BigId, nullable=False),
    sa.Column('case_id', BigId, nullable=False),
    sa.Column('court_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('purpose', sa.String(length=500), nullable=False),
    sa.Column('document_ids', sa.JSON(), nullable=False),
    sa.Column('finding', sa.String(length=16), nullable=True),
    sa.Column('finding_reason', sa.Text(), nullable=False),
    sa.Column('internal_reason', sa.Text(), nullable=False),
    sa.Column('found_by', sa.Integer(), nullable=True),
    sa.Column('found_at', UtcDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_evidence_items_case_id_cases')),
    sa.ForeignKeyConstraint(['court_id'], ['courts.id'], name=op.f('fk_evidence_items_court_id_courts')),
    sa.ForeignKeyConstraint(['found_by'], ['accounts.id'], name=op.f('fk_evidence_items_found_by_accounts')),
    sa.ForeignKeyConstraint(['list_id'], ['evidence_lists.id'], name=op.f('fk_evidence_items_list_id_evidence_lists')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_items'))
    )
    with op.batch_alter_table('evidence_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_items_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_items_list_id'), ['list_id'], unique=False)

    op.create_table('cross_examination_opinions',
    sa.Column('id', BigId, nullable=False),
    sa.Column('item_id', BigId, nullable=False),
    sa.Column('case_id', BigId, nullable=False),
    sa.Column('court_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=16), nullable=False),
    sa.Column('authenticity', sa.String(length=16), nullable=False),
    sa.Column('legality', sa.String(length=16), nullable=False),
    sa.Column('relevance', sa.String(length=16), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('given_by', sa.Integer(), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('given_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_cross_examination_opinions_case_id_cases')),
    sa.ForeignKeyConstraint(['court_id'], ['courts.id'], name=op.f('fk_cross_examination_opinions_court_id_courts')),
    sa.ForeignKeyConstraint(['given_by'], ['accounts.id'],
                            name=op.f('fk_cross_examination_opinions_given_by_accounts')),
    sa.ForeignKeyConstraint(['item_id'], ['evidence_items.id'],
                            name=op.f('fk_cross_examination_opinions_item_id_evidence_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cross_examination_opinions')),
    sa.UniqueConstraint('item_id', 'side', name=op.f('uq_cross_examination_opinions_item_id_side'))
    )
    with op.batch_alter_table('cross_examination_opinions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cross_examination_opinions_case_id'), ['case_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('cross_examination_opinions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cross_examination_opinions_case_id'))

    op.drop_table('cross_examination_opinions')
    with op.batch_alter_table('evidence_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_items_list_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_items_case_id'))

    op.drop_table('evidence_items')
    op.drop_table('evidence_periods')
    with op.batch_alter_table('evidence_lists', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_lists_case_id'))

    op.drop_table('evidence_lists')
