"""The receipt of an online fee payment, as a PDF document of the case: who paid what, for which case, through
which gateway and transaction, and when; the amount in figures and in capitals (written by dossier/pdf.py)."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import cn2an

from omnicourt import clock
from omnicourt.dossier import pdf

CONTENT_TYPE = pdf.CONTENT_TYPE


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


def receipt_pdf(data: ReceiptData) -> bytes:
    return pdf.one_page("诉讼费用交纳凭证", rows(data), "本凭证由平台根据支付渠道的成交回执生成，已存入本案电子卷宗。")
