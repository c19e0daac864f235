"""The evidence list (证据清单) and the cross-examination record (质证记录) as PDF documents of the case's main volume.

Written directly as PDF 1.4 with STSong-Light and the UniGB-UCS2-H encoding, as the fee receipt is (fees/receipts.py):
a CJK font every PDF reader provides, so no font file and no PDF library. The font is given no width table, so
every character is 1 em wide and a line wraps after a fixed count of characters; long lists run onto further pages.
A few pages of text: written in the use case that records them, like the receipt, not deferred to a job.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from omnicourt.cases.rules import chinese_date

A4 = (595, 842)
MARGIN = 60
BODY_SIZE, TITLE_SIZE = 11, 18
LEADING = 17
_FONT = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
         b"/DescendantFonts [%d 0 R] >>")
_CID_FONT = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor %d 0 R >>")
_DESCRIPTOR = (b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
               b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")


@dataclass(frozen=True)
class Line:
    text: str
    indent: int = 0  # in characters


def wrap(text: str, width: int) -> list[str]:
    """Text cut into lines of at most `width` characters, keeping its own line breaks."""
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


def _text(x: int, y: int, size: int, text: str) -> bytes:
    return f"BT /F1 {size} Tf {x} {y} Td <{text.encode('utf-16-be').hex()}> Tj ET\n".encode()


def document_pdf(title: str, lines: Iterable[Line]) -> bytes:
    """A titled text document, paginated, each page numbered at its foot."""
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
    # objects: 1 catalog, 2 pages, 3 font, 4 CID font, 5 descriptor, then a page and its content per page
    page_ids = [6 + 2 * i for i in range(len(pages))]
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % p for p in page_ids), len(pages)),
               _FONT % 4, _CID_FONT % 5, _DESCRIPTOR]
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


# ---------------------------------------------------------------- what each document says


@dataclass(frozen=True)
class ItemText:
    number: int
    name: str
    source: str
    purpose: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class ListText:
    court_name: str
    case_number: str
    side_label: str
    submitter: str
    number: int
    submitted_on: date
    late: bool
    late_explanation: str
    items: tuple[ItemText, ...]


def list_lines(data: ListText) -> list[Line]:
    lines = [Line(f"法院：{data.court_name}"), Line(f"案号：{data.case_number}"),
             Line(f"提交人：{data.side_label} {data.submitter}"), Line(f"组别：第{data.number}组"),
             Line(f"提交日期：{chinese_date(data.submitted_on)}")]
    if data.late:
        lines.append(Line(f"逾期举证：是（逾期理由：{data.late_explanation}）"))
    for item in data.items:
        lines += [Line(""), Line(f"证据{item.number}：{item.name}"), Line(f"来源：{item.source}", 2),
                  Line(f"证明目的：{item.purpose}", 2),
                  Line(f"附件：{'、'.join(item.files) if item.files else '无（原件当庭提交）'}", 2)]
    lines += [Line(""), Line("本清单由当事人在线提交，平台生成并存入本案电子卷宗正卷。")]
    return lines


def list_filename(data: ListText) -> str:
    return f"证据清单-{data.side_label}第{data.number}组.pdf"


@dataclass(frozen=True)
class OpinionText:
    side_label: str
    mode_label: str
    given_on: date
    stances: str  # "真实性认可；合法性不认可；关联性认可"
    reasons: str


@dataclass(frozen=True)
class ExaminedItem:
    heading: str  # "原告第1组 证据1：借条"
    purpose: str
    opinions: tuple[OpinionText, ...]


def record_lines(court_name: str, case_number: str, made_on: date, items: Iterable[ExaminedItem]) -> list[Line]:
    lines = [Line(f"法院：{court_name}"), Line(f"案号：{case_number}"), Line(f"制作日期：{chinese_date(made_on)}"),
             Line("质证顺序：原告出示的证据、被告出示的证据、第三人出示的证据（证据规定第62条）")]
    for item in items:
        lines += [Line(""), Line(item.heading), Line(f"证明目的：{item.purpose}", 2)]
        if not item.opinions:
            lines.append(Line("质证意见：尚未发表", 2))
        for opinion in item.opinions:
            lines.append(Line(f"{opinion.side_label}质证意见（{opinion.mode_label}，{chinese_date(opinion.given_on)}）："
                              f"{opinion.stances}。", 2))
            if opinion.reasons:
                lines.append(Line(f"理由：{opinion.reasons}", 4))
    lines += [Line(""), Line("本记录汇总各方在线或当庭发表的质证意见，由平台生成并存入本案电子卷宗正卷。")]
    return lines


RECORD_TITLE = "质证记录"
LIST_TITLE = "证据清单"
