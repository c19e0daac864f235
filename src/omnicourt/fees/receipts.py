"""The receipt of an online fee payment, as a .docx document of the case (python-docx): who paid what, for which
case, through which gateway and transaction, and when; the amount in figures and in capitals."""

import io
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import cn2an

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CHINA = timezone(timedelta(hours=8))


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
        ("收费项目", "案件受理费"), ("金额（小写）", f"¥{data.amount:,.2f}"),
        ("金额（大写）", cn2an.an2cn(f"{data.amount:.2f}", "rmb")),
        ("订单号", data.order_no), ("支付渠道", data.gateway_label), ("交易流水号", data.gateway_reference),
        ("交款时间", data.paid_at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S")),
    ]


def filename(data: ReceiptData) -> str:
    return f"诉讼费交纳凭证-{data.order_no}.docx"


def receipt_docx(data: ReceiptData) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.size = Pt(12)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("诉讼费用交纳凭证")
    run.bold, run.font.size = True, Pt(18)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows(data):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_paragraph("本凭证由平台根据支付渠道的成交回执生成，已存入本案电子卷宗。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
