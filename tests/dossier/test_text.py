"""The text of documents: read from PDF text layers, Word, text and OFD files; scans and photos read by Tesseract
(a page generated here: Chinese rendered with a Debian CJK font); the job's reading on every backend (idempotent,
catalogued unless a kind was given or corrected); and search within a case, which never shows a party the
secondary volume."""

import difflib

import pytest
from sqlalchemy import select

from omnicourt.dossier import extract, ocr, text
from omnicourt.dossier import service as dossier
from omnicourt.dossier.models import Document, DocumentText
from omnicourt.dossier.rules import DocumentKind, Volume
from omnicourt.dossier.service import Checked, Upload
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import InvalidInput
from omnicourt.security.models import Account
from tests.app.conftest import bearer
from tests.dossier import samples
from tests.dossier.test_catalogue import accepted_case, clerk_of
from tests.factories import blank_pdf

COMPLAINT_LINES = ["民事起诉状", "原告：张三，男，汉族，住杭州市西湖区。", "诉讼请求：判令被告归还借款本金50000元。",
                   "事实与理由：被告于2024年3月1日向原告借款，到期未还。"]
SCAN_LINES = ["原告：张三，男，汉族，住北京市海淀区。", "诉讼请求：判令被告归还借款本金50000元。",
              "事实与理由：被告向原告借款，到期未还。", "此致 北京市海淀区人民法院"]

needs_ocr = pytest.mark.skipif(not ocr.available() or samples.cjk_font() is None,
                               reason="tesseract-ocr with tesseract-ocr-chi-sim, or a CJK font, is not installed "
                                      "(tests/dossier/ensure_ocr.py installs them as root)")


def similarity(read: str, expected: str) -> float:
    """How much of the expected text was read, spaces aside (1.0: all of it, in order)."""
    return difflib.SequenceMatcher(None, "".join(read.split()), "".join(expected.split())).ratio()


# --- reading files ----------------------------------------------------------------------------------------------

def test_a_pdf_s_text_layer_is_read_page_by_page():
    pages = []
    two_pages = samples.text_pdf([COMPLAINT_LINES[:2], COMPLAINT_LINES[2:]])
    reading = extract.read("起诉状.pdf", two_pages, "application/pdf", use_ocr=False,
                           progress=lambda done, total: pages.append((done, total)))
    assert (reading.method, reading.pages, reading.unread) == ("pdf", 2, 0)
    first, second = reading.text.split(extract.PAGE_BREAK)
    assert "民事起诉状" in first and "借款本金50000元" in second
    assert pages == [(1, 2), (2, 2)]


def test_word_text_and_ofd_files_are_read():
    word = extract.read("答辩状.docx", samples.python_docx_file("民事答辩状\n答辩人：李四"), samples.DOCX)
    assert (word.method, word.text) == ("docx", "民事答辩状\n答辩人：李四")
    plain = extract.read("笔录.txt", "庭审笔录\r\n审判长：王五".encode("gb18030"), "text/plain")
    assert plain.text == "庭审笔录\n审判长：王五"
    parts = samples.ofd_parts(1)
    parts["Doc_0/Pages/Page_0/Content.xml"] = (
        f'<ofd:Page xmlns:ofd="{samples.OFD_NS}"><ofd:Content><ofd:Layer><ofd:TextObject>'
        f'<ofd:TextCode X="0" Y="0">电子发票</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>')
    assert extract.read("发票.ofd", samples.zip_of(parts), "application/ofd").text == "电子发票"


def test_a_file_that_does_not_open_is_refused_naming_it():
    with pytest.raises(InvalidInput, match="「坏.pdf」"):
        extract.read("坏.pdf", samples.JUNK_PDF, "application/pdf", use_ocr=False)


def test_without_ocr_a_scanned_page_is_counted_unread():
    reading = extract.read("扫描.pdf", blank_pdf(), "application/pdf", use_ocr=False)
    assert (reading.method, reading.pages, reading.unread, reading.text) == ("pdf", 1, 1, "")
    photo = extract.read("照片.png", samples.image(), "image/png", use_ocr=False)
    assert (photo.unread, photo.text) == (1, "")


def test_tesseract_s_spaces_between_chinese_characters_are_dropped():
    assert ocr.tidy("原 告 ： 张 三\n\n\n\nABC 123 元") == "原告：张三\n\nABC 123 元"


@needs_ocr
def test_a_scanned_image_is_read_by_ocr():
    reading = extract.read("起诉状.png", samples.scanned_page(SCAN_LINES), "image/png")
    assert reading.method == "ocr" and reading.unread == 0
    assert "借款本金50000元" in reading.text
    assert similarity(reading.text, "".join(SCAN_LINES)) > 0.9, reading.text


@needs_ocr
def test_a_pdf_page_without_a_text_layer_is_read_by_ocr():
    scanned = samples.scanned_page(SCAN_LINES, fmt="PDF")
    mixed = samples.text_pdf([COMPLAINT_LINES])  # one page with a layer: no OCR for it
    reading = extract.read("起诉状.pdf", scanned, "application/pdf")
    assert reading.method == "ocr" and "诉讼请求" in reading.text
    assert similarity(reading.text, "".join(SCAN_LINES)) > 0.9, reading.text
    assert extract.read("起诉状.pdf", mixed, "application/pdf").method == "pdf"


# --- the job, on every backend ----------------------------------------------------------------------------------

def store_in_case(db, settings, case, *, name: str, content: bytes, content_type: str, kind=DocumentKind.OTHER,
                  pages=None) -> int:
    with db.transaction() as session:
        uploader = session.scalar(select(Account.id).where(Account.username == "demo-filing-officer"))
        document = dossier.store(session, storage_of(settings), upload=Upload(name, content),
                                 checked=Checked(content_type, pages), court_id=case["court_id"],
                                 uploaded_by=uploader, case_id=case["id"], kind=kind)
        session.flush()
        return document.id


def text_row(db, document_id) -> tuple[DocumentText, Document]:
    with db.reading() as session:
        return session.get_one(DocumentText, document_id), session.get_one(Document, document_id)


def test_the_job_reads_each_document_once_and_catalogues_it(client, db, settings):
    files = [("attachments", ("材料1.pdf", samples.text_pdf([COMPLAINT_LINES]), "application/pdf"))]
    _, case = accepted_case(client, db, files)
    with db.reading() as session:
        filed = dossier.for_case(session, case["id"])[0].id
    given = store_in_case(db, settings, case, name="收据.txt", content="民事起诉状\n原告：某".encode(),
                          content_type="text/plain", kind=DocumentKind.FEE_RECEIPT)
    assert text_row(db, filed)[0].state == text.WAITING  # written with the document, in its transaction

    assert text.run(db, storage_of(settings), only=[filed, given]) == 2
    row, document = text_row(db, filed)
    assert (row.state, row.method, row.pages_done, row.pages_total) == ("read", "pdf", 1, 1)
    assert document.kind == DocumentKind.COMPLAINT and row.suggestion_reason == "开头含「民事起诉状」"
    row, document = text_row(db, given)
    assert row.suggested_kind == DocumentKind.COMPLAINT and document.kind == DocumentKind.FEE_RECEIPT  # kept

    assert text.run(db, storage_of(settings), only=[filed, given]) == 0  # read: a second run does nothing


def test_a_clerk_s_correction_is_never_overridden(client, db, settings):
    complaint = samples.text_pdf([COMPLAINT_LINES])
    _, case = accepted_case(client, db, [("attachments", ("a.pdf", complaint, "application/pdf"))])
    with db.reading() as session:
        document_id = dossier.for_case(session, case["id"])[0].id
    clerk = bearer(client, clerk_of(db, case))
    corrected = client.put(f"/api/v1/cases/{case['id']}/documents/{document_id}/catalogue", headers=clerk,
                           json={"kind": "evidence", "number": 1})
    assert corrected.status_code == 200, corrected.text
    text.run(db, storage_of(settings), only=[document_id])
    row, document = text_row(db, document_id)
    assert row.kind_source == text.CLERK and row.suggested_kind == DocumentKind.COMPLAINT
    assert document.kind == DocumentKind.EVIDENCE


def test_a_file_that_cannot_be_read_fails_with_the_reason(client, db, settings):
    _, case = accepted_case(client, db, [("attachments", ("a.pdf", samples.text_pdf([["证据"]]), "application/pdf"))])
    broken = store_in_case(db, settings, case, name="坏.pdf", content=samples.JUNK_PDF,
                           content_type="application/pdf")
    text.run(db, storage_of(settings), only=[broken])
    row, _ = text_row(db, broken)
    assert row.state == text.FAILED and "坏.pdf" in row.error
    assert text.run(db, storage_of(settings), only=[broken]) == 0


def test_a_reader_that_died_is_replaced_and_gives_up_after_three_tries(client, db, settings):
    _, case = accepted_case(client, db, [("attachments", ("a.pdf", samples.text_pdf([["证据"]]), "application/pdf"))])
    document_id = store_in_case(db, settings, case, name="b.txt", content="借条".encode(), content_type="text/plain")
    assert text.claim(db, with_ocr=False, only=[document_id]) == document_id
    assert text.claim(db, with_ocr=False, only=[document_id]) is None  # being read
    with db.transaction() as session:
        session.get_one(DocumentText, document_id).claimed_at -= text.STALE_AFTER * 2
    assert text.claim(db, with_ocr=False, only=[document_id]) == document_id  # its reader died: taken up again
    with db.transaction() as session:
        row = session.get_one(DocumentText, document_id)
        row.claimed_at, row.attempts = row.claimed_at - text.STALE_AFTER * 2, text.MAX_ATTEMPTS
    assert text.claim(db, with_ocr=False, only=[document_id]) is None
    assert text_row(db, document_id)[0].state == text.FAILED


# --- search within a case ---------------------------------------------------------------------------------------

def case_with_both_volumes(client, db, settings):
    party, case = accepted_case(client, db, [("attachments", ("起诉状.pdf", samples.text_pdf(
        [COMPLAINT_LINES[:2], COMPLAINT_LINES[2:]]), "application/pdf"))])
    deliberation = "合议庭评议笔录\n多数意见：借款本金应予支持".encode()
    secret = store_in_case(db, settings, case, name="评议.txt", content=deliberation, content_type="text/plain",
                           kind=DocumentKind.DELIBERATION_RECORD)
    with db.reading() as session:
        ids = [d.id for d in dossier.for_case(session, case["id"])]
    text.run(db, storage_of(settings), only=ids)
    return party, case, secret


def test_search_finds_words_across_line_breaks_with_the_page_and_a_snippet(client, db, settings):
    _, case, _ = case_with_both_volumes(client, db, settings)
    with db.reading() as session:
        hits = text.search(session, case["id"], "借款 本金", volumes=[Volume.MAIN])
        assert text.search(session, case["id"], "不存在的词", volumes=list(Volume)) == []
        with pytest.raises(InvalidInput, match="请输入要检索的文字"):
            text.search(session, case["id"], "  ", volumes=list(Volume))
    assert [(h.filename, h.page, h.match) for h in hits] == [("起诉状.pdf", 2, "借款本金")]
    assert "判令被告归还" in hits[0].before and hits[0].after.startswith("50000元")


def test_a_party_never_finds_the_secondary_volume_s_text(client, db, settings):
    party, case, secret = case_with_both_volumes(client, db, settings)
    clerk = bearer(client, clerk_of(db, case))
    url = f"/api/v1/cases/{case['id']}/documents/search"
    staff_hits = client.get(url, params={"q": "借款本金"}, headers=clerk).json()
    assert {h["volume"] for h in staff_hits} == {"main", "secondary"}
    party_hits = client.get(url, params={"q": "借款本金"}, headers=party).json()
    assert [h["volume"] for h in party_hits] == ["main"]
    assert client.get(url, params={"q": "多数意见"}, headers=party).json() == []
    assert client.get(f"/api/v1/documents/{secret}/text", headers=party).status_code == 404
    assert client.get(f"/api/v1/documents/{secret}/text", headers=clerk).json()["text"].startswith("合议庭评议笔录")
    page = client.get(f"/portal/cases/{case['id']}/search", params={"q": "多数意见"}, headers=party)
    assert page.status_code == 200 and "评议.txt" not in page.text and "0 份材料" in page.text
    page = client.get(f"/bench/cases/{case['id']}/search", params={"q": "多数意见"}, headers=clerk)
    assert 'data-testid="search-hit"' in page.text and "评议.txt" in page.text and "<mark>多数意见</mark>" in page.text
    assert client.get(f"/bench/cases/{case['id']}/search", headers=party).status_code == 403


def test_a_bad_query_is_refused_plainly(client, db, settings):
    party, case, _ = case_with_both_volumes(client, db, settings)
    url = f"/api/v1/cases/{case['id']}/documents/search"
    empty = client.get(url, params={"q": "   "}, headers=party)
    assert empty.status_code == 422 and "请输入要检索的文字" in empty.text
    assert client.get(url, params={"q": "借\u202e款"}, headers=party).status_code == 422  # a bidi control
    assert client.get(url, params={"q": "借" * 51}, headers=party).status_code == 422


def test_the_case_pages_show_how_far_each_document_has_been_read(client, db, settings):
    party, case, secret = case_with_both_volumes(client, db, settings)
    waiting = store_in_case(db, settings, case, name="新证据.txt", content="借条".encode(), content_type="text/plain")
    page = client.get(f"/portal/cases/{case['id']}", headers=party).text
    assert 'data-testid="document-search"' in page and "已识别（文字层，2 页）" in page and "等待识别" in page
    assert "评议.txt" not in page
    bench = client.get(f"/bench/cases/{case['id']}", headers=bearer(client, clerk_of(db, case))).text
    assert "自动编目：起诉状（开头含「民事起诉状」）" in bench and "评议.txt" in bench
    statuses = client.get(f"/api/v1/cases/{case['id']}/documents/texts", headers=party).json()
    assert {s["document_id"]: s["state"] for s in statuses}[waiting] == "waiting"
    assert secret not in {s["document_id"] for s in statuses}


def test_for_case_gives_the_assistant_each_volume_s_text(client, db, settings):
    _, case, secret = case_with_both_volumes(client, db, settings)
    with db.reading() as session:
        main = text.for_case(session, case["id"], volume=Volume.MAIN)
        both = text.for_case(session, case["id"])
    assert [t.kind for t in main] == [DocumentKind.COMPLAINT] and "借款本金" in main[0].text
    assert secret in [t.document_id for t in both]



def test_the_bench_says_when_scans_cannot_be_read_here(client, db, settings, monkeypatch):
    _, case = accepted_case(client, db, [("attachments", ("a.pdf", blank_pdf(), "application/pdf"))])
    clerk = bearer(client, clerk_of(db, case))
    monkeypatch.setattr(ocr, "available", lambda: False)
    assert 'data-testid="ocr-unavailable"' in client.get(f"/bench/cases/{case['id']}", headers=clerk).text
    with db.reading() as session:
        document_id = dossier.for_case(session, case["id"])[0].id
    text.run(db, storage_of(settings), only=[document_id])
    row, _ = text_row(db, document_id)
    assert (row.state, row.pages_unread) == ("read", 1)
    page = client.get(f"/bench/cases/{case['id']}", headers=clerk).text
    assert "1 页扫描件待 OCR（本机未安装 OCR）" in page
