"""The PDFs the platform writes itself: one page of labelled rows and a closing line (a fee receipt, an electronic
delivery certificate), or a titled text running onto further pages (an evidence list, a cross-examination record).

Written directly as PDF 1.4 with STSong-Light, one of the CJK fonts every PDF reader provides (ISO 32000-1 §9.7.5.2
with the Adobe-GB1 collection), so a document needs no font file and no PDF library. A value longer than a line
wraps; on one page, rows past its foot are not written, so its callers keep to about twenty lines.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

CONTENT_TYPE = "application/pdf"
A4 = (595, 842)
_FONT = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
         b"/DescendantFonts [4 0 R] >>")
_CID_FONT = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R >>")
_DESCRIPTOR = (b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
               b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
VALUE_WIDTH = 31  # CJK characters of 12 pt between the value column and the right margin
_BOTTOM = 60


def _text(x: int, y: int, size: int, text: str) -> bytes:
    return f"BT /F1 {size} Tf {x} {y} Td <{text.encode('utf-16-be').hex()}> Tj ET\n".encode()


def wrapped(text: str, width: int = VALUE_WIDTH) -> list[str]:
    """Lines of at most `width` full-width characters (a Latin character counts half)."""
    lines, line, used = [], "", 0.0
    for char in text:
        size = 0.5 if char.isascii() else 1.0
        if used + size > width:
            lines.append(line)
            line, used = "", 0.0
        line, used = line + char, used + size
    return [*lines, line] if line or not lines else lines


def _content(title: str, rows: Sequence[tuple[str, str]], footer: str) -> bytes:
    lines = [_text(max(72, 297 - len(title) * 10), 770, 20, title)]
    y = 720
    for label, value in rows:
        parts = wrapped(value)
        if y - 18 * (len(parts) - 1) < _BOTTOM:
            break
        lines.append(_text(72, y, 12, label))
        for part in parts:
            lines.append(_text(190, y, 12, part))
            y -= 18
        y -= 10
    for part in wrapped(footer, 44):
        lines.append(_text(72, max(y - 20, 30), 10, part))
        y -= 14
    return b"".join(lines)


def one_page(title: str, rows: Sequence[tuple[str, str]], footer: str) -> bytes:
    return _assembled([_content(title, rows, footer)])


# ---------------------------------------------------------------- documents of several pages

MARGIN = 60
BODY_SIZE, TITLE_SIZE = 11, 18
LEADING = 17


@dataclass(frozen=True)
class Line:
    text: str
    indent: int = 0  # in characters


def wrap(text: str, width: int) -> list[str]:
    """Text cut into lines of at most `width` characters (the font has no width table: each is 1 em), keeping its
    own line breaks."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(paragraph[i:i + width] for i in range(0, max(len(paragraph), 1), width))
    return lines


def _laid_out(lines: Iterable[Line]) -> list[list[tuple[int, str]]]:
    """The body's lines as (x, text) per page, below the title on the first page."""
    per_line = (A4[0] - 2 * MARGIN) // BODY_SIZE
    top, bottom = A4[1] - MARGIN - 2 * TITLE_SIZE, MARGIN
    rows_per_page = [(top - bottom) // LEADING, (A4[1] - 2 * MARGIN) // LEADING]
    pages: list[list[tuple[int, str]]] = [[]]
    for line in lines:
        for part in wrap(line.text, per_line - line.indent):
            if len(pages[-1]) >= rows_per_page[len(pages) > 1]:
                pages.append([])
            pages[-1].append((MARGIN + line.indent * BODY_SIZE, part))
    return pages


def paged(title: str, lines: Iterable[Line]) -> bytes:
    """A titled text document, running onto further pages, each numbered at its foot."""
    pages = _laid_out(lines)
    contents = []
    for number, rows in enumerate(pages, start=1):
        y = A4[1] - MARGIN - (2 * TITLE_SIZE if number == 1 else 0)
        parts = [_text((A4[0] - len(title) * TITLE_SIZE) // 2, A4[1] - MARGIN, TITLE_SIZE, title)] if number == 1 \
            else []
        for x, text in rows:
            parts.append(_text(x, y, BODY_SIZE, text))
            y -= LEADING
        parts.append(_text(A4[0] // 2 - 30, MARGIN // 2, 9, f"第{number}页 共{len(pages)}页"))
        contents.append(b"".join(parts))
    return _assembled(contents)


def _assembled(contents: Sequence[bytes]) -> bytes:
    """The PDF file of pages with these content streams: 1 catalog, 2 pages, 3–5 the font, then each page and its
    content."""
    page_ids = [6 + 2 * i for i in range(len(contents))]
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % p for p in page_ids),
                                                            len(contents)),
               _FONT, _CID_FONT, _DESCRIPTOR]
    for page_id, content in zip(page_ids, contents, strict=True):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (A4[0], A4[1], page_id + 1))
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
