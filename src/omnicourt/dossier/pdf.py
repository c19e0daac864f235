"""One-page PDFs the platform writes itself (a fee receipt, an electronic delivery certificate): a title, labelled
rows, a closing line.

Written directly as PDF 1.4 with STSong-Light, one of the CJK fonts every PDF reader provides (ISO 32000-1 §9.7.5.2
with the Adobe-GB1 collection), so a document needs no font file and no PDF library. A value longer than a line
wraps; rows past the page's foot are not written, so callers keep to about twenty lines.
"""

from collections.abc import Sequence

CONTENT_TYPE = "application/pdf"
A4 = (595, 842)
_FONT = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
         b"/DescendantFonts [5 0 R] >>")
_CID_FONT = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 6 0 R >>")
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
    content = _content(title, rows, footer)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 7 0 R >>" % A4,
        _FONT, _CID_FONT, _DESCRIPTOR,
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
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
