"""The fee notice (交费通知书) as a PDF document of the case: the acceptance fee the fee rules computed (its bands and
any halving as the notice keeps them), who pays, and by when (诉讼费用交纳办法 arts 13, 20, 22). Written by
dossier/pdf.py."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import cn2an

from omnicourt.dossier import pdf


@dataclass(frozen=True)
class NoticeData:
    court_name: str
    case_number: str
    payer: str
    charged_fee: Decimal
    basis: tuple[str, ...]
    due_on: date


def rows(data: NoticeData) -> list[tuple[str, str]]:
    return [("法院", data.court_name), ("案号", data.case_number), ("交费人", data.payer),
            ("收费项目", "案件受理费"), ("金额（小写）", f"{data.charged_fee:,.2f} 元"),
            ("金额（大写）", cn2an.an2cn(f"{data.charged_fee:.2f}", "rmb")),
            ("计算依据", "；".join(data.basis) or "诉讼费用交纳办法第十三条"),
            ("交纳期限", f"{data.due_on.year}年{data.due_on.month}月{data.due_on.day}日前")]


def filename(data: NoticeData) -> str:
    return f"交费通知书-{data.case_number}.pdf"


def notice_pdf(data: NoticeData) -> bytes:
    return pdf.one_page("交费通知书", rows(data),
                        "请于期限内通过平台在线交纳。原告自接到本通知次日起七日内未交纳又未提出缓交、减交、免交申请的，"
                        "按撤诉处理（诉讼费用交纳办法第二十二条）。")
