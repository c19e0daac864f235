import docx
import pytest
from pypdf import PdfWriter

from omnicourt.assistant.documents import classify, read_document


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
    with pytest.raises(ValueError):
        read_document(tmp_path / "x.xls")
