"""A case's dossier as one PDF: the catalogue first, then each document's pages in catalogue order — a PDF's pages as
they are, an image as a page of its own, anything else (a Word file, OFD) as a page naming the file — and one page of
a PDF as an image for reading on a phone.

reportlab writes the pages the platform makes, in STSong-Light (a CJK font every PDF reader has, so no font file
ships); pypdf joins them; pypdfium2 (PDFium's bindings, wheels with the library inside) renders a page. Both readers
of uploaded files run in the dossier's worker process with a time limit (isolation.py), as parsing an upload does.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from omnicourt.dossier import isolation, rules
from omnicourt.errors import InvalidInput

FONT = "STSong-Light"
IMAGE_TYPES = ("image/jpeg", "image/png")
PDF = "application/pdf"
PAGE_PIXELS = 1200  # the long side of a rendered page: sharp on a phone, a few hundred kB


@dataclass(frozen=True)
class Part:
    """One catalogue line and its file."""

    volume: rules.Volume
    number: int
    kind_label: str
    filename: str
    content_type: str
    pages: rules.PageRange
    content: bytes


def _canvas(buffer: io.BytesIO):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return Canvas(buffer, pagesize=A4), A4


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def catalogue_pdf(title: str, parts: Sequence[Part]) -> bytes:
    """The catalogue (卷宗目录): per volume, number, kind, name and pages, continued over as many pages as needed."""
    buffer = io.BytesIO()
    canvas, (width, height) = _canvas(buffer)
    y = height - 60

    def line(text: str, size: int = 10, x: float = 50) -> None:
        nonlocal y
        if y < 50:
            canvas.showPage()
            y = height - 60
        canvas.setFont(FONT, size)
        canvas.drawString(x, y, text)
        y -= size + 8

    line(_fit(title, 40), 16)
    line("卷宗目录", 14)
    for volume in rules.Volume:
        in_volume = [p for p in parts if p.volume == volume]
        if not in_volume:
            continue
        line(rules.VOLUME_LABELS[volume], 12)
        for part in in_volume:
            pages = f"{part.pages.first}–{part.pages.last}" if part.pages.first is not None else "—"
            line(f"{part.number:>3}  {part.kind_label:<8}  {_fit(part.filename, 34)}  页码 {pages}")
    canvas.save()
    return buffer.getvalue()


def placeholder_pdf(part: Part) -> bytes:
    """A page standing for a file a PDF cannot hold as pages."""
    buffer = io.BytesIO()
    canvas, (width, height) = _canvas(buffer)
    canvas.setFont(FONT, 14)
    canvas.drawString(50, height - 100, f"{rules.VOLUME_LABELS[part.volume]} 第 {part.number} 号：{part.kind_label}")
    canvas.setFont(FONT, 11)
    canvas.drawString(50, height - 130, _fit(f"文件「{part.filename}」", 48))
    canvas.drawString(50, height - 150, "该格式无法并入本 PDF，请在卷宗中单独下载查看。")
    canvas.save()
    return buffer.getvalue()


def image_pdf(content: bytes) -> bytes:
    """An image on an A4 page, scaled to fit within the margins."""
    from reportlab.lib.utils import ImageReader

    buffer = io.BytesIO()
    canvas, (width, height) = _canvas(buffer)
    image = ImageReader(io.BytesIO(content))
    image_width, image_height = image.getSize()
    scale = min((width - 60) / image_width, (height - 60) / image_height)
    shown = (image_width * scale, image_height * scale)
    canvas.drawImage(image, (width - shown[0]) / 2, (height - shown[1]) / 2, *shown)
    canvas.save()
    return buffer.getvalue()


def _part_pdf(part: Part) -> bytes:
    """Runs in the worker process: what a part contributes, as PDF bytes."""
    if part.content_type == PDF:
        return part.content
    if part.content_type in IMAGE_TYPES:
        return image_pdf(part.content)
    return placeholder_pdf(part)


def _joined(pieces: list[bytes]) -> tuple[bytes, int]:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for piece in pieces:
        writer.append(PdfReader(io.BytesIO(piece)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


def build(title: str, parts: Sequence[Part], *, progress: Callable[[int, int], None] = lambda done, total: None,
          ) -> tuple[bytes, int]:
    """The one PDF and its page count; `progress(done, total)` after each part."""
    pieces = [catalogue_pdf(title, parts)]
    for done, part in enumerate(parts, start=1):
        try:
            pieces.append(isolation.run(_part_pdf, part, name=part.filename, field="bundle"))
        except InvalidInput:  # a file that will not open in time stands as a placeholder, as a Word file does
            pieces.append(placeholder_pdf(part))
        progress(done, len(parts))
    return _joined(pieces)


def _render(content: bytes, page: int) -> tuple[bytes, int]:
    """Runs in the worker process: page `page` (1-based) as PNG, and the document's page count."""
    import pypdfium2

    document = pypdfium2.PdfDocument(content)
    try:
        count = len(document)
        if not 1 <= page <= count:
            return b"", count
        pdf_page = document[page - 1]
        width, height = pdf_page.get_size()
        image = pdf_page.render(scale=PAGE_PIXELS / max(width, height)).to_pil()
        out = io.BytesIO()
        image.save(out, "PNG", optimize=True)
        return out.getvalue(), count
    finally:
        document.close()


def render_page(content: bytes, page: int, *, name: str) -> tuple[bytes, int]:
    """Page `page` of a PDF as PNG and the page count; an InvalidInput naming the page when there is none."""
    image, count = isolation.run(_render, content, page, name=name, field="page")
    if not image:
        raise InvalidInput(f"第 {page} 页不存在：该文件共 {count} 页", field="page")
    return image, count
