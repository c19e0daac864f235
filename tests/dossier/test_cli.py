"""`omnicourt dossier sweep-orphans` run as an operator would."""

import os

from tests.cli.test_cli import run


def test_sweep_orphans_deletes_a_file_no_document_names(tmp_path):
    env = {"OMNICOURT_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
           "OMNICOURT_STORAGE_DIR": str(tmp_path / "docs")}
    assert run("db", "upgrade", env=env).returncode == 0
    orphan = tmp_path / "docs" / "ab" / ("ab" + "1" * 62)
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"%PDF-1.4 left by a failed request")
    os.utime(orphan, (0, 0))
    result = run("dossier", "sweep-orphans", env=env)
    assert result.returncode == 0, result.stderr
    assert f"ab/{orphan.name}" in result.stdout and "1 个" in result.stderr and not orphan.exists()
