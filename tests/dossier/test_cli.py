"""`omnicourt dossier sweep-orphans` run as an operator would."""

import os

from tests.commands import run


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


def test_reading_text_and_its_status_from_the_command_line(tmp_path):
    env = {"OMNICOURT_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
           "OMNICOURT_STORAGE_DIR": str(tmp_path / "docs")}
    assert run("db", "upgrade", env=env).returncode == 0
    result = run("dossier", "read-text", "--seconds", "5", env=env)
    assert result.returncode == 0, result.stderr
    assert "已读取 0 份材料" in result.stdout
    missing = run("dossier", "text-status", "（2026）浙0106民初99999号", env=env)
    assert missing.returncode != 0 and "不存在" in missing.stderr
    malformed = run("dossier", "text-status", "not a number", env=env)
    assert malformed.returncode != 0 and "案号格式不正确" in malformed.stderr


def test_the_cataloguing_evaluation_prints_both_splits(tmp_path):
    result = run("eval", "dossier", "--shared", str(tmp_path / "none"), env={})
    assert result.returncode == 0, result.stderr
    assert "#### dev:" in result.stdout and "#### heldout:" in result.stdout and "起诉状 (complaint)" in result.stdout
