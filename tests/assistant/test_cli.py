"""`omnicourt assist` run through typer's CliRunner on the hand-written case file in files/."""

import io
import json
from pathlib import Path

import docx
from typer.testing import CliRunner

from omnicourt.cli import app

FILES = Path(__file__).parent / "files"
runner = CliRunner()


def case_files() -> list[str]:
    return [str(path) for path in sorted(FILES.glob("*.txt"))]


def test_assist_prints_elements_amounts_and_focus_as_json():
    result = runner.invoke(app, ["assist", *case_files()])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["cause"] == "金融借款合同纠纷"
    number = data["elements"]["contract.number"]
    contract = (FILES / "借款合同.txt").read_text(encoding="utf-8")
    assert (number["value"], number["document"]) == ("XH2023001", "借款合同.txt")
    assert contract[number["start"]:number["end"]] == number["quote"] == "XH2023001"
    assert data["amounts"]["principal"] == "100000.00"
    assert data["amounts"]["cap"]["bound"] == "none"
    assert [p["code"] for p in data["dispute_focus"]["points"]] == ["rate_above_cap", "guarantor_denies_signing"]


def test_assist_reads_a_docx_defence(tmp_path):
    defence = docx.Document()
    for line in (FILES / "答辩状.txt").read_text(encoding="utf-8").splitlines():
        defence.add_paragraph(line)
    defence.save(tmp_path / "答辩状.docx")
    files = [path for path in case_files() if not path.endswith("答辩状.txt")] + [str(tmp_path / "答辩状.docx")]
    result = runner.invoke(app, ["assist", *files])
    assert result.exit_code == 0, result.output
    points = json.loads(result.stdout)["dispute_focus"]["points"]
    assert [p["code"] for p in points] == ["rate_above_cap", "guarantor_denies_signing"]
    assert points[0]["statements"][0]["document"] == "答辩状.docx"


def test_assist_cutoff_option_moves_the_computation():
    result = runner.invoke(app, ["assist", *case_files(), "--cutoff", "2024-06-30"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["cutoff"] == "2024-06-30" and data["amounts"]["cutoff"] == "2024-06-30"


def test_assist_writes_an_unconfirmed_draft(tmp_path):
    out = tmp_path / "draft.docx"
    result = runner.invoke(app, ["assist", *case_files(), "--draft", str(out), "--filed-on", "2024-03-25",
                                 "--judgment-date", "2025-03-24", "--court", "杭州市西湖区人民法院",
                                 "--appeal-court", "浙江省杭州市中级人民法院"])
    assert result.exit_code == 0, result.output
    texts = [paragraph.text for paragraph in docx.Document(io.BytesIO(out.read_bytes())).paragraphs]
    assert texts[:2] == ["杭州市西湖区人民法院", "民 事 判 决 书"]
    assert texts.count("关于保证人是否应承担保证责任（签名真实性）的问题。【待审判员认定】") == 1
    assert any("借款本金100000.00元" in text for text in texts)
    assert any("第二百六十四条" in text for text in texts)
    assert texts[-2] == "二〇二五年三月二十四日"


def test_assist_draft_needs_the_filing_date(tmp_path):
    result = runner.invoke(app, ["assist", *case_files(), "--draft", str(tmp_path / "d.docx")])
    assert result.exit_code == 2
    assert "立案日期" in result.stderr
    assert not (tmp_path / "d.docx").exists()


def test_assist_refuses_an_unknown_cause_in_chinese():
    result = runner.invoke(app, ["assist", *case_files(), "--cause", "买卖合同纠纷"])
    assert result.exit_code == 2
    assert "暂不支持该案由" in result.stderr
