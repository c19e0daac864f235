"""The deliberation record (评议笔录) as a PDF of the case's secondary volume (副卷).

It says who sat, and for each point every member's opinion and vote in the order they spoke, the majority and the
minority view as given (民事诉讼法 art. 45; 合议庭规定 art. 11), then the referral to the judicial committee and
its decision where there is one, and a line for each member's signature. Written by dossier/pdf.py (paged).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from omnicourt.cases.rules import chinese_date
from omnicourt.dossier.pdf import Line

TITLE = "合议庭评议笔录"


@dataclass(frozen=True)
class VoteText:
    member: str
    choice_label: str
    opinion: str


@dataclass(frozen=True)
class PointText:
    number: int
    label: str
    kind_label: str
    votes: tuple[VoteText, ...]
    outcome_label: str | None
    majority: int | None
    minority: int | None
    dissenters: tuple[str, ...]


@dataclass(frozen=True)
class ReferralText:
    grounds: tuple[str, ...]
    report: str
    requested_on: date | None
    decided_on: date | None
    refused_reason: str
    committee_held_on: date | None
    committee_members: tuple[str, ...]
    committee_decision: str


@dataclass(frozen=True)
class RecordText:
    court_name: str
    case_number: str
    held_on: date
    presiding: str
    rapporteur: str
    members: tuple[str, ...]
    points: tuple[PointText, ...]
    referral: ReferralText | None


def _point_lines(point: PointText) -> list[Line]:
    lines = [Line(""), Line(f"争议焦点{point.number}（{point.kind_label}）：{point.label}")]
    for turn, vote in enumerate(point.votes, start=1):
        lines += [Line(f"{turn}. {vote.member}：{vote.choice_label}", 2), Line(f"意见：{vote.opinion}", 4)]
    if point.outcome_label is None:
        lines.append(Line("评议结论：尚未全部表决", 2))
        return lines
    lines.append(Line(f"评议结论：{point.outcome_label}（{point.majority}票对{point.minority}票）", 2))
    if point.dissenters:
        lines.append(Line(f"少数意见：{'、'.join(point.dissenters)}（意见如上，如实记入笔录）", 2))
    return lines


def _referral_lines(referral: ReferralText) -> list[Line]:
    lines = [Line(""), Line("提请审判委员会讨论决定")]
    if referral.requested_on:
        lines.append(Line(f"提请日期：{chinese_date(referral.requested_on)}", 2))
    if referral.grounds:
        lines.append(Line("理由：" + "；".join(referral.grounds), 2))
    if referral.report:
        lines.append(Line(f"合议庭报告：{referral.report}", 2))
    if referral.decided_on:
        if referral.refused_reason:
            lines.append(Line(f"院长决定（{chinese_date(referral.decided_on)}）：不提交审判委员会。"
                              f"理由：{referral.refused_reason}", 2))
        else:
            lines.append(Line(f"院长决定（{chinese_date(referral.decided_on)}）：提交审判委员会讨论决定", 2))
    if referral.committee_held_on:
        lines += [Line(f"审判委员会讨论日期：{chinese_date(referral.committee_held_on)}", 2),
                  Line(f"出席委员：{'、'.join(referral.committee_members)}", 2),
                  Line(f"审判委员会决定：{referral.committee_decision}", 2),
                  Line("合议庭执行审判委员会的决定（合议庭规定第5条第8项）。", 2)]
    return lines


def record_lines(data: RecordText) -> list[Line]:
    lines = [Line(f"法院：{data.court_name}"), Line(f"案号：{data.case_number}"),
             Line(f"评议日期：{chinese_date(data.held_on)}"), Line(f"审判长：{data.presiding}"),
             Line(f"承办法官：{data.rapporteur}"), Line(f"合议庭成员：{'、'.join(data.members)}"),
             Line("发言顺序：承办法官首先发表意见，审判长最后发表意见（合议庭规定第10条）")]
    for point in data.points:
        lines += _point_lines(point)
    if data.referral is not None:
        lines += _referral_lines(data.referral)
    lines += [Line(""), Line("合议庭成员签名：")]
    lines += [Line(f"{member}：________", 2) for member in data.members]
    lines += [Line(""), Line("本笔录存入本案电子卷宗副卷，不对当事人公开。")]
    return lines


def filename(held_on: date, version: int) -> str:
    return f"评议笔录-{held_on.isoformat()}-{version}.pdf"
