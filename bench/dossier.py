"""The paperless dossier: uploads checked and stored (parser, SHA-256, SM3, the row, the file published on commit)
against a plain copy of the same bytes to files in the same run; OCR pages a minute (Tesseract chi_sim, one page at
a time as the reading job does); one PDF of a 500-page case (catalogue page, each document's pages) built as the
job builds it."""

import io
import shutil
import tempfile
import time
from pathlib import Path

from pypdf import PdfWriter

from bench.figures import Figure
from omnicourt import migrate
from omnicourt.db import Database
from omnicourt.demo.loader import load_demo
from omnicourt.dossier import bundle, ocr, rules
from omnicourt.dossier import service as dossier
from omnicourt.dossier.storage import LocalStorage
from omnicourt.reference import service as reference
from omnicourt.settings import Settings

UPLOADS = 200
UPLOAD_PAGES = 5
OCR_PAGES = 4
CASE_DOCUMENTS, CASE_PAGES_EACH = 50, 10  # 500 pages
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
SCAN_TEXT = ["民事起诉状", "原告：张三，男，汉族，住杭州市西湖区文三路1号。", "被告：李四，男，汉族，住杭州市上城区。",
             "诉讼请求：判令被告归还借款本金十万元及利息。", "事实与理由：被告于二〇二三年向原告借款，到期未还。",
             "此致", "杭州市西湖区人民法院"]


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="omnicourt-dossier-") as folder:
        figures = [_upload_and_store(Path(folder))]
    ocr_figure = _ocr_pages()
    return figures + ([ocr_figure] if ocr_figure else []) + [_one_pdf()]


def _pdf(pages: int, marker: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": f"bench {marker}"})  # distinct bytes: each upload is stored, not deduplicated
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _upload_and_store(folder: Path) -> Figure:
    url = f"sqlite:///{folder / 'omnicourt.db'}"
    db = Database(url)
    migrate.upgrade(db)
    settings = Settings(database_url=url)
    with db.transaction() as session:
        reference.load(session, province=settings.province)
    load_demo(db, settings, cases=1, echo=lambda *_: None)
    with db.reading() as session:
        from omnicourt.cases.models import Case

        case = session.query(Case).first()
        case_id, court_id, judge_id = case.id, case.court_id, case.judge_id
    storage = LocalStorage(folder / "documents")
    contents = [_pdf(UPLOAD_PAGES, n) for n in range(UPLOADS)]

    began = time.perf_counter()
    for n, content in enumerate(contents):
        upload = dossier.Upload(f"证据{n}.pdf", content)
        checked = dossier.check_upload(upload, max_bytes=settings.max_upload_bytes)
        with db.transaction() as session:
            dossier.store(session, storage, upload=upload, checked=checked, court_id=court_id, uploaded_by=judge_id,
                          case_id=case_id, kind=rules.DocumentKind.EVIDENCE)
    stored = UPLOADS / (time.perf_counter() - began)

    copies = folder / "copies"
    copies.mkdir()
    began = time.perf_counter()
    for n, content in enumerate(contents):
        staged = copies / f"{n}.tmp"
        with open(staged, "wb") as out:  # written and moved into place, as the store publishes a file
            out.write(content)
        shutil.move(staged, copies / f"{n}.pdf")
    copied = UPLOADS / (time.perf_counter() - began)
    db.engine.dispose()
    return Figure(name=f"upload checked and stored ({UPLOAD_PAGES}-page PDFs, SQLite, local files)",
                  value=round(stored, 1), unit="files/s", ceiling=round(copied, 1),
                  ceiling_name="the same bytes written to files and moved into place, same run",
                  details={"uploads": UPLOADS, "bytes_each": len(contents[0])})


def _scan() -> bytes | None:
    """A page of Chinese text rendered to an image, as a scanner would give it."""
    if not FONT.exists():
        return None
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi
    draw, font = ImageDraw.Draw(image), ImageFont.truetype(str(FONT), 56)
    for row, line in enumerate(SCAN_TEXT * 4):
        draw.text((200, 250 + row * 110), line, font=font, fill=0)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _ocr_pages() -> Figure | None:
    scan = _scan()
    if not ocr.available() or scan is None:
        print("note: Tesseract (chi_sim) or the WenQuanYi font is missing: no OCR figure (make ocr)")
        return None
    began = time.perf_counter()
    texts = [ocr.read_image(scan) for _ in range(OCR_PAGES)]
    seconds = time.perf_counter() - began
    found = sum("诉讼请求" in text for text in texts)
    return Figure(name="OCR of A4 scans at 300 dpi (Tesseract chi_sim, one page at a time)",
                  value=round(60 * OCR_PAGES / seconds, 1), unit="pages/min", ceiling=None, ceiling_name="",
                  details={"pages": OCR_PAGES, "seconds": round(seconds, 1), "pages_reading_诉讼请求": found})


def _one_pdf() -> Figure:
    parts = [bundle.Part(volume=rules.Volume.MAIN, number=n, kind_label="证据", filename=f"证据{n}.pdf",
                         content_type=bundle.PDF, pages=rules.PageRange(1 + (n - 1) * CASE_PAGES_EACH,
                                                                         n * CASE_PAGES_EACH),
                         content=_pdf(CASE_PAGES_EACH, n)) for n in range(1, CASE_DOCUMENTS + 1)]
    began = time.perf_counter()
    content, pages = bundle.build("（2026）浙0106民初1号 卷宗", parts)
    seconds = time.perf_counter() - began
    return Figure(name=f"one PDF of a {CASE_DOCUMENTS * CASE_PAGES_EACH}-page case ({CASE_DOCUMENTS} documents)",
                  value=round(seconds, 2), unit="s", ceiling=None, ceiling_name="",
                  details={"pages": pages, "bytes": len(content)})
