"""The text of a stored document, page by page: a PDF's text layer (pypdf) and OCR of its pages without one, OCR of
an image, a Word file's paragraphs and tables, an OFD's text objects, a text file. Each file is opened through
dossier.checks, with its limits; a file that no longer opens is an InvalidInput naming it.

A page whose text layer holds fewer than MIN_LAYER_CHARACTERS characters is a scan (a scanner's PDF has none; some
carry only a page number or a stamp): it is read by OCR when Tesseract is installed, and counted as unread when not.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from xml.etree import ElementTree

from omnicourt.dossier import checks, ocr
from omnicourt.errors import InvalidInput

FIELD = "document"
MIN_LAYER_CHARACTERS = 20
LAYER_SECONDS = 60.0  # pypdf's text extraction of one document; a crafted page can take it long
PAGE_BREAK = "\f"
_BLANK = re.compile(r"\s+")

Progress = Callable[[int, int], None]  # (pages done, pages in all)


@dataclass(frozen=True)
class Reading:
    text: str  # the pages' texts separated by PAGE_BREAK
    method: str  # text, pdf, docx, ofd, ocr, pdf+ocr
    pages: int
    unread: int  # pages that need OCR, left unread without Tesseract


def _characters(text: str) -> int:
    return len(_BLANK.sub("", text))


def read(name: str, content: bytes, content_type: str, *, progress: Progress = lambda done, total: None,
         use_ocr: bool | None = None) -> Reading:
    """The document's text; ``use_ocr`` None: OCR when Tesseract is installed here."""
    with_ocr = ocr.available() if use_ocr is None else use_ocr
    if content_type == checks.PDF:
        return _read_pdf(name, content, progress, with_ocr)
    if content_type in (checks.JPEG, checks.PNG):
        return _read_image(content, progress, with_ocr)
    if content_type == checks.DOCX:
        text = _docx_text(name, content)
        method = "docx"
    elif content_type == checks.OFD:
        text, method = _ofd_text(name, content), "ofd"
    elif content_type == checks.TEXT:
        text, method = checks.read_text(name, content, field=FIELD).replace("\r\n", "\n"), "text"
    else:
        raise InvalidInput(f"文件「{name}」的格式无法读取文字", field=FIELD)
    progress(1, 1)
    return Reading(text, method, 1, 0)


def _read_pdf(name: str, content: bytes, progress: Progress, with_ocr: bool) -> Reading:
    reader = checks.open_pdf(name, content, field=FIELD)
    total = len(reader.pages)
    spent, texts, ocred, unread = 0.0, [], 0, 0
    for index, page in enumerate(reader.pages):
        started = time.monotonic()
        try:
            layer = page.extract_text() or ""
        except Exception:  # a page pypdf cannot read: OCR may still read its picture
            layer = ""
        spent += time.monotonic() - started
        if spent > LAYER_SECONDS:
            raise InvalidInput(f"文件「{name}」的文字读取超时，请上传较小或未经特殊处理的 PDF", field=FIELD)
        if _characters(layer) < MIN_LAYER_CHARACTERS:
            if with_ocr:
                layer = ocr.read_image(ocr.render_pdf_page(content, index)) or layer
                ocred += 1
            else:
                unread += 1
        texts.append(layer.strip())
        progress(index + 1, total)
    method = "pdf" if not ocred else ("ocr" if ocred == total else "pdf+ocr")
    return Reading(PAGE_BREAK.join(texts), method, total, unread)


def _read_image(content: bytes, progress: Progress, with_ocr: bool) -> Reading:
    if not with_ocr:
        progress(0, 1)
        return Reading("", "ocr", 1, 1)
    text = ocr.read_image(ocr.normalised_image(content))
    progress(1, 1)
    return Reading(text, "ocr", 1, 0)


def _docx_text(name: str, content: bytes) -> str:
    document = checks.open_docx(name, content, field=FIELD)
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines.extend("\t".join(cell.text for cell in row.cells) for row in table.rows)
    return "\n".join(lines)


def _ofd_text(name: str, content: bytes) -> str:
    """The text objects (TextCode) of each page's content, in page order (GB/T 33190: Doc_N/Pages/Page_N/Content.xml).
    A page's content is one XML part; its TextCode elements hold the characters drawn."""
    checks.check_zip(name, content, field=FIELD, required=(checks.OFD_ROOT,))
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        parts = sorted((n for n in package.namelist() if re.search(r"Pages/Page_\d+/Content\.xml$", n)),
                       key=lambda n: [int(d) for d in re.findall(r"\d+", n)])
        pages = []
        for part in parts:
            try:
                root = ElementTree.fromstring(package.read(part))
            except ElementTree.ParseError:
                raise InvalidInput(f"文件「{name}」的页面内容无法读取，可能已损坏", field=FIELD) from None
            pages.append("".join(e.text or "" for e in root.iter() if e.tag.endswith("TextCode")))
    return PAGE_BREAK.join(pages)
