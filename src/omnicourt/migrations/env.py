"""Alembic environment: the URL comes from the caller (omnicourt.migrate), the schema from the models."""

from alembic import context
from sqlalchemy import Connection, create_engine

from omnicourt.migrate import ours
from omnicourt.models import metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("no database to migrate: run migrations through omnicourt.migrate")
    engine = create_engine(url)
    with engine.begin() as conn:
        _migrate(conn)


def _migrate(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True,
                      include_name=ours)
    with context.begin_transaction():
        context.run_migrations()


run()
