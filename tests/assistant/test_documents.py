import docx
import pytest
from pypdf import PdfWriter
from typer.testing import CliRunner

from omnicourt.assistant.documents import classify, read_bytes, read_document
from omnicourt.cli import app
from omnicourt.errors import InvalidInput
from tests.dossier import samples


@pytest.mark.parametrize(("name", "text", "kind"), [
    ("起诉状.txt", "民事起诉状\n原告：某银行", "complaint"),
    ("a.txt", "个人借款合同\n合同编号：123\n借款人：张三", "loan_contract"),
    ("b.txt", "最高额保证合同\n保证人：李四", "guarantee_contract"),
    ("c.txt", "抵押合同\n抵押人：王五", "mortgage_contract"),
    ("d.txt", "贷款还款明细\n交易日期 摘要 发生额", "ledger"),
    ("e.txt", "民事答辩状\n答辩人：张三", "defence"),
    ("f.txt", "质证意见\n对借款合同真实性无异议", "cross_examination"),
    ("g.txt", "证据目录", "other"),
    ("scan.txt", "尊敬的法院：\n诉讼请求：1. 判令被告归还本金", "complaint"),
])
def test_classify(name, text, kind):
    assert classify(name, text) == kind


def test_reads_utf8_and_gb18030_text(tmp_path):
    (tmp_path / "u.txt").write_text("借款合同\n借款人：张三", encoding="utf-8")
    (tmp_path / "g.txt").write_bytes("民事答辩状\n答辩人：李四".encode("gb18030"))
    assert read_document(tmp_path / "u.txt").kind == "loan_contract"
    document = read_document(tmp_path / "g.txt")
    assert document.text == "民事答辩状\n答辩人：李四" and document.kind == "defence"


def test_reads_docx_paragraphs_and_tables(tmp_path):
    document = docx.Document()
    document.add_paragraph("贷款还款明细")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "2024-01-05"
    table.rows[0].cells[1].text = "还款"
    document.save(tmp_path / "ledger.docx")
    read = read_document(tmp_path / "ledger.docx")
    assert read.kind == "ledger" and "2024-01-05\t还款" in read.text


def test_reads_pdf_and_refuses_other_formats(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with open(tmp_path / "blank.pdf", "wb") as out:
        writer.write(out)
    assert read_document(tmp_path / "blank.pdf").text == ""
    with pytest.raises(InvalidInput):
        read_document(tmp_path / "x.xls")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("合同.txt", b"\x89PNG\r\n\x1a\n\x00\x00binary", "不是文本文件"),
    ("合同.pdf", samples.encrypted_pdf(), "已加密"),
    ("合同.pdf", samples.JUNK_PDF, "无法打开"),
    ("答辩状.docx", samples.zip_of({"a.txt": "hello"}), "不是 Word 文档"),
])
def test_unreadable_files_raise_invalid_input_naming_them(name, content, message):
    with pytest.raises(InvalidInput) as refused:
        read_bytes(name, content)
    assert message in refused.value.message and name in refused.value.message


def test_assist_cli_on_an_encrypted_or_binary_file_says_so_and_exits_2(tmp_path):
    (tmp_path / "合同.pdf").write_bytes(samples.encrypted_pdf())
    (tmp_path / "起诉状.txt").write_bytes(bytes(range(256)))
    for path in ("合同.pdf", "起诉状.txt"):
        result = CliRunner().invoke(app, ["assist", str(tmp_path / path)])
        assert result.exit_code == 2 and path in result.output, result.output
