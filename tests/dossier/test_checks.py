"""Files are opened by their parser before they are accepted; hostile ones are refused naming the file."""

import time

import pytest

from omnicourt.dossier import checks, isolation
from omnicourt.dossier.service import PARTY_FORMATS, Checked, Upload, check_upload
from omnicourt.errors import InvalidInput
from tests.dossier import samples
from tests.factories import PDF_BYTES, PNG_BYTES, blank_pdf

MAX = 20 * 1024 * 1024


def accepted(name, content, formats=PARTY_FORMATS):
    return check_upload(Upload(name, content), max_bytes=MAX, accepted=formats)


def test_real_files_are_accepted_with_their_content_type_and_pages():
    assert accepted("借条.pdf", blank_pdf(3)) == Checked("application/pdf", 3)
    assert accepted("带链接.pdf", samples.linked_pdf()).content_type == "application/pdf"
    assert accepted("转账.png", samples.image("PNG")) == Checked("image/png", 1)
    assert accepted("照片.JPG", samples.image("JPEG")) == Checked("image/jpeg", 1)
    assert accepted("答辩状.docx", samples.docx_with_page_count(7)) == Checked(checks.DOCX, 7)  # as Word saved it
    assert accepted("借款合同.docx", samples.word_file()) == Checked(checks.DOCX, None)  # saved without a count
    assert accepted("电子发票.ofd", samples.ofd_file(pages=3)) == Checked(checks.OFD, 3)
    assert accepted("判决书.OFD", samples.ofd_file(pages=1, doc_root="/Doc_0/Document.xml")).pages == 1
    assert accepted("答辩状.txt", "答辩人：张三".encode("gb18030"), (".txt",)) == Checked("text/plain", None)


HOSTILE = {
    "encrypted pdf": ("合同.pdf", samples.encrypted_pdf(), "已加密"),
    "pdf header then junk": ("合同.pdf", samples.JUNK_PDF, "无法打开"),
    "pdf with javascript": ("合同.pdf", samples.javascript_pdf(), "脚本"),
    "png bytes named pdf": ("合同.pdf", PNG_BYTES, "不是 PDF"),
    "truncated png": ("照片.png", samples.image("PNG", (200, 200))[:5000], "无法打开"),
    "jpeg named png": ("照片.png", samples.image("JPEG"), "扩展名不符"),
    "zip renamed docx": ("答辩状.docx", samples.zip_of({"a.txt": "hello"}), "不是 Word 文档"),
    "docx of 82 MB zeros": ("答辩状.docx", samples.docx_bomb(82 * 1024 * 1024), "压缩炸弹"),
    "docx packed 1000 to 1": ("答辩状.docx", samples.docx_bomb(5 * 1024 * 1024), "压缩炸弹"),
    "word parts that are not xml": ("答辩状.docx", samples.zip_of({p: "x" for p in checks.DOCX_PARTS}), "无法打开"),
    "pdf bytes named ofd": ("发票.ofd", PDF_BYTES, "不是有效的 OFD 文件"),
    "ofd without OFD.xml": ("发票.ofd", samples.zip_of({"Doc_0/Document.xml": "<a/>"}), "缺少根目录下的 OFD.xml"),
    "OFD.xml in a folder only": ("发票.ofd", samples.zip_of({"x/OFD.xml": "<a/>"}), "缺少根目录下的 OFD.xml"),
    "OFD.xml not xml": ("发票.ofd", samples.zip_of({"OFD.xml": "<ofd:OFD"}), "OFD.xml 无法解析"),
    "OFD.xml naming no document": ("发票.ofd", samples.zip_of(samples.ofd_parts(doc_root="Doc_9/Document.xml")),
                                   "未指向其中的文档"),
    "OFD.xml of another format": ("发票.ofd", samples.zip_of({"OFD.xml": "<OFD><DocBody/></OFD>"}),
                                  "未指向其中的文档"),
    "ofd document not xml": ("发票.ofd", samples.zip_of(samples.ofd_parts() | {"Doc_0/Document.xml": "&bad;"}),
                             "Doc_0/Document.xml 无法解析"),
    "ofd without pages": ("发票.ofd", samples.ofd_file(pages=0), "没有页面"),
    "ofd member climbing out": ("发票.ofd", samples.zip_of(samples.ofd_parts() | {"../../etc/passwd": "x"}),
                                "非法路径"),
    "ofd member with an absolute path": ("发票.ofd", samples.zip_of(samples.ofd_parts() | {"/etc/cron.d/x": "x"}),
                                         "非法路径"),
    "ofd member with a backslash": ("发票.ofd", samples.zip_of(samples.ofd_parts() | {"Doc_0\\..\\x": "x"}),
                                    "非法路径"),
    "ofd member naming a drive": ("发票.ofd", samples.zip_of(samples.ofd_parts() | {"C:x.xml": "x"}), "非法路径"),
    "ofd of 82 MB zeros": ("发票.ofd", samples.zip_of(samples.ofd_parts() | {"Res/zeros.bin": b"\0" * 82 * 2**20}),
                           "压缩炸弹"),
    "ofd with an entity bomb": ("发票.ofd", samples.zip_of(samples.ofd_parts() | {"OFD.xml": samples.XML_BOMB}),
                                "OFD.xml 无法解析"),
    "tiff, not a format taken": ("扫描件.tif", samples.image("TIFF"), "格式不支持，仅接受 PDF、JPG、PNG、DOCX、OFD"),
    "no extension": ("扫描件", PDF_BYTES, "格式不支持"),
}


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_files_are_refused_naming_the_file(name, content, message):
    with pytest.raises(InvalidInput) as refused:
        accepted(name, content)
    assert message in refused.value.message and name in refused.value.message


def test_binary_text_is_refused():
    with pytest.raises(InvalidInput, match="不是文本文件"):
        accepted("答辩状.txt", b"\x00\x01binary", (".txt",))


def test_pages_and_pixels_are_limited(monkeypatch):
    monkeypatch.setattr(checks, "MAX_PDF_PAGES", 2)
    monkeypatch.setattr(checks, "MAX_IMAGE_PIXELS", 100)
    with pytest.raises(InvalidInput, match="超过2页上限"):  # checked here: the worker process keeps its limits
        checks.check("长.pdf", blank_pdf(3), checks.PDF, field="attachments")
    with pytest.raises(InvalidInput, match="像素超过"):
        checks.check("大.png", samples.image("PNG", (20, 10)), checks.PNG, field="attachments")


def test_a_parse_that_runs_out_of_time_is_cut_off_and_the_next_one_works():
    with pytest.raises(InvalidInput, match="处理超时"):
        isolation.run(time.sleep, 5, name="慢.pdf", field="attachments", timeout=0.5)
    assert accepted("借条.pdf", blank_pdf()).content_type == "application/pdf"


def test_a_parse_waiting_behind_a_slow_one_keeps_its_whole_time_limit():
    """The limit counts the parse alone: a file queued behind a stuck one is neither timed out nor killed with it."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as both:
        slow = both.submit(isolation.run, time.sleep, 1.5, name="慢.pdf", field="attachments", timeout=1.0)
        time.sleep(0.2)  # the slow one holds the worker
        quick = both.submit(isolation.run, time.sleep, 0.1, name="快.pdf", field="attachments", timeout=1.0)
        with pytest.raises(InvalidInput, match="处理超时"):
            slow.result()
        assert quick.result() is None
