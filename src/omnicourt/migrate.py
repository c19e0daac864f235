"""Running the Alembic migrations from code (the CLI, the demo and the tests use this)."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.environment import NameFilterParentNames, NameFilterType

from omnicourt.db import Database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def ours(name: str | None, type_: NameFilterType, _parents: NameFilterParentNames) -> bool:
    """What the models describe: the queue library's tables (procrastinate_*) come with its own schema."""
    return not (type_ == "table" and name and name.startswith("procrastinate_"))


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(db: Database) -> None:
    if db.url.startswith("sqlite:///"):
        Path(db.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    config = alembic_config(db.url)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def revision(url: str, message: str) -> None:
    """Autogenerate a migration from the models (for developers)."""
    command.revision(alembic_config(url), message=message, autogenerate=True)
