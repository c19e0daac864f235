"""The evidence list (证据清单) and the cross-examination record (质证记录) as PDF documents of the case's main volume.

Written by dossier/pdf.py (paged): long lists run onto further pages. A few pages of text: written in the use case
that records them, like the receipt, not deferred to a job.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from omnicourt.cases.rules import chinese_date
from omnicourt.dossier.pdf import Line

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
