"""The migrations produce exactly the models' schema, on every backend, and form one line: one base, one head."""

import shutil

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from omnicourt import migrate
from omnicourt.models import metadata


def test_migrated_schema_matches_the_models(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": migrate.ours})
        differences = compare_metadata(context, metadata)
    assert differences == []


def assert_one_base_and_one_head(scripts: ScriptDirectory) -> None:
    def named(revisions) -> str:
        return "; ".join(f"{rev} ({scripts.get_revision(rev).doc})" for rev in sorted(revisions))

    heads, bases = scripts.get_heads(), scripts.get_bases()
    assert len(heads) == 1, f"the migrations fork into {len(heads)} heads: {named(heads)}; merge them into one"
    assert len(bases) == 1, f"the migrations start from {len(bases)} bases: {named(bases)}; one must revise another"


def test_the_migrations_form_one_line_from_one_base_to_one_head():
    assert_one_base_and_one_head(ScriptDirectory.from_config(migrate.alembic_config("sqlite://")))


def write_revision(folder, revision: str, down_revision: str, doc: str) -> None:
    (folder / "versions" / f"{revision}.py").write_text(
        f'"""{doc}"""\n\nrevision = "{revision}"\ndown_revision = "{down_revision}"\n\n\n'
        "def upgrade() -> None:\n    pass\n", encoding="utf-8")


def test_a_fork_is_reported_naming_both_heads(tmp_path):
    # Two revisions written at once on the same parent: the fork that once had to be repaired.
    folder = shutil.copytree(migrate.MIGRATIONS, tmp_path / "migrations", ignore=shutil.ignore_patterns("__pycache__"))
    head = ScriptDirectory(str(folder)).get_current_head()
    write_revision(folder, "e0e0e0e0e0e0", head, "first branch")
    write_revision(folder, "f0f0f0f0f0f0", head, "second branch")
    with pytest.raises(AssertionError, match=r"fork into 2 heads: e0e0e0e0e0e0 \(first branch\); "
                                             r"f0f0f0f0f0f0 \(second branch\)"):
        assert_one_base_and_one_head(ScriptDirectory(str(folder)))
