"""The receipt of an online fee payment, as a PDF document of the case: who paid what, for which case, through
which gateway and transaction, and when; the amount in figures and in capitals.

Written directly as PDF 1.4 with STSong-Light, one of the CJK fonts every PDF reader provides (ISO 32000-1 §9.7.5.2
with the Adobe-GB1 collection), so a receipt needs no font file and no PDF library.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import cn2an

from omnicourt import clock

CONTENT_TYPE = "application/pdf"
A4 = (595, 842)
_FONT = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
         b"/DescendantFonts [5 0 R] >>")
_CID_FONT = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 6 0 R >>")
_DESCRIPTOR = (b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
               b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")


@dataclass(frozen=True)
class ReceiptData:
    court_name: str
    case_number: str
    payer: str
    amount: Decimal
    order_no: str
    gateway_label: str
    gateway_reference: str
    paid_at: datetime


def rows(data: ReceiptData) -> list[tuple[str, str]]:
    return [
        ("收款法院", data.court_name), ("案号", data.case_number), ("交款人", data.payer),
        ("收费项目", "案件受理费"), ("金额（小写）", f"{data.amount:,.2f} 元"),
        ("金额（大写）", cn2an.an2cn(f"{data.amount:.2f}", "rmb")),
        ("订单号", data.order_no), ("支付渠道", data.gateway_label), ("交易流水号", data.gateway_reference),
        ("交款时间", clock.local(data.paid_at).strftime("%Y-%m-%d %H:%M:%S")),
    ]


def filename(data: ReceiptData) -> str:
    return f"诉讼费交纳凭证-{data.order_no}.pdf"


def _text(x: int, y: int, size: int, text: str) -> bytes:
    return f"BT /F1 {size} Tf {x} {y} Td <{text.encode('utf-16-be').hex()}> Tj ET\n".encode()


def _content(data: ReceiptData) -> bytes:
    lines = [_text(220, 770, 20, "诉讼费用交纳凭证")]
    y = 720
    for label, value in rows(data):
        lines += [_text(72, y, 12, label), _text(190, y, 12, value)]
        y -= 28
    lines.append(_text(72, y - 20, 10, "本凭证由平台根据支付渠道的成交回执生成，已存入本案电子卷宗。"))
    return b"".join(lines)


def receipt_pdf(data: ReceiptData) -> bytes:
    content = _content(data)
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
