"""`omnicourt judgments redact FILE`: any judgment's text as it would be published, its kind of case read from it."""

from typer.testing import CliRunner

from omnicourt.cli import app
from tests.publication.test_redaction import CRIMINAL, FAMILY, LOAN

runner = CliRunner()


def redact(tmp_path, text: str, *options: str):
    file = tmp_path / "judgment.txt"
    file.write_text(text, encoding="utf-8")
    return runner.invoke(app, ["judgments", "redact", *options, str(file)])


def test_the_kind_of_case_is_read_from_the_text(tmp_path):
    family = redact(tmp_path, FAMILY)
    assert family.exit_code == 0, family.output
    assert "原告：欧阳某甲" in family.output and "33010619600203002X" not in family.output
    criminal = redact(tmp_path, CRIMINAL)
    assert "被告人郭娟" in criminal.output and "证人斯某" in criminal.output
    assert "原告：张伟芳" in redact(tmp_path, LOAN).output


def test_options_choose_the_kind_or_everyone(tmp_path):
    assert "原告：张某" in redact(tmp_path, LOAN, "--category", "family").output
    assert "被告人郭某" in redact(tmp_path, CRIMINAL, "--everyone").output


def test_a_file_that_is_not_utf8_text_is_refused(tmp_path):
    file = tmp_path / "judgment.txt"
    file.write_bytes("原告张三".encode("gbk"))
    result = runner.invoke(app, ["judgments", "redact", str(file)])
    assert result.exit_code == 2 and "UTF-8" in result.output
