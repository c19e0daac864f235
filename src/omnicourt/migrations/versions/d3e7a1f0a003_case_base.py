"""the case base: judgments and the statutes they cite

Revision ID: d3e7a1f0a003
Revises: c2a55157a002
Create Date: 2026-11-29 05:10:00
"""
import sqlalchemy as sa
from alembic import op

import omnicourt.db

revision = 'd3e7a1f0a003'
down_revision = 'c2a55157a002'
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table(
        'judgments',
        sa.Column('id', BIG_ID, nullable=False),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('external_id', sa.String(length=64), nullable=False),
        sa.Column('case_number', sa.String(length=64), nullable=False),
        sa.Column('court_name', sa.String(length=128), nullable=False),
        sa.Column('court_level', sa.String(length=16), nullable=False),
        sa.Column('cause', sa.String(length=64), nullable=False),
        sa.Column('year', sa.Integer(), nullable=True),
        sa.Column('judged_on', sa.Date(), nullable=True),
        sa.Column('procedure', sa.String(length=32), nullable=False),
        sa.Column('outcome', sa.String(length=32), nullable=False),
        sa.Column('title', sa.String(length=255), nullable=False),
        sa.Column('full_text', sa.Text(), nullable=False),
        sa.Column('facts', sa.Text(), nullable=False),
        sa.Column('sections', sa.JSON(), nullable=False),
        sa.Column('elements', sa.JSON(), nullable=False),
        sa.Column('meta', sa.JSON(), nullable=False),
        sa.Column('case_id', BIG_ID, nullable=True),
        sa.Column('imported_at', omnicourt.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_judgments_case_id_cases')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_judgments')),
        sa.UniqueConstraint('source', 'external_id', name=op.f('uq_judgments_source_external_id')),
    )
    op.create_index('ix_judgments_cause_year', 'judgments', ['cause', 'year'], unique=False)
    op.create_index('ix_judgments_case_id', 'judgments', ['case_id'], unique=False)
    op.create_table(
        'judgment_citations',
        sa.Column('id', BIG_ID, nullable=False),
        sa.Column('judgment_id', BIG_ID, nullable=False),
        sa.Column('cause', sa.String(length=64), nullable=False),
        sa.Column('law', sa.String(length=128), nullable=False),
        sa.Column('article', sa.String(length=16), nullable=False),
        sa.Column('paragraph', sa.Integer(), nullable=True),
        sa.Column('version', sa.String(length=8), nullable=True),
        sa.ForeignKeyConstraint(['judgment_id'], ['judgments.id'], ondelete='CASCADE',
                                name=op.f('fk_judgment_citations_judgment_id_judgments')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_judgment_citations')),
    )
    op.create_index('ix_judgment_citations_law_article', 'judgment_citations', ['law', 'article', 'judgment_id'],
                    unique=False)
    op.create_index('ix_judgment_citations_cause_law_article', 'judgment_citations', ['cause', 'law', 'article'],
                    unique=False)
    op.create_index('ix_judgment_citations_judgment', 'judgment_citations', ['judgment_id'], unique=False)


def downgrade() -> None:
    op.drop_table('judgment_citations')
    op.drop_table('judgments')
