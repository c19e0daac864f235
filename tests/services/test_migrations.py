"""The migrations produce exactly the models' schema, on every backend."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from omnicourt.migrate import ours
from omnicourt.models import metadata


def test_migrated_schema_matches_the_models(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": ours})
        differences = compare_metadata(context, metadata)
    assert differences == []
