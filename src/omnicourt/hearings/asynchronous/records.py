"""The record of an asynchronous trial (庭审笔录) as the lines of a PDF of the case's main volume (dossier/pdf.py):
as assembled when the stages are over, and again with every party's online confirmation (在线诉讼规则 arts 33–34).

Each answer's files and video are named with their SHA-256 and SM3 digests, the integrity values a party confirms
with the record (庭审录音录像规定 arts 8–9 let parties sign a recording's integrity value).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from omnicourt import clock
from omnicourt.cases.rules import chinese_date
from omnicourt.dossier.pdf import Line

TITLE = "庭审笔录（异步审理）"


def moment(at: datetime) -> str:
    """A stored moment in the court's time: 2026年3月2日 09:30."""
    local = clock.local(at)
    return f"{chinese_date(local.date())} {local:%H:%M}"


@dataclass(frozen=True)
class FileText:
    filename: str
    sha256: str
    sm3: str


@dataclass(frozen=True)
class AnswerText:
    party: str
    answered_at: datetime
    text: str
    files: tuple[FileText, ...]
    video: FileText | None


@dataclass(frozen=True)
class StageText:
    label: str
    opened_at: datetime
    ended_at: datetime
    questions: tuple[str, ...]
    consequence: str
    answers: tuple[AnswerText, ...]
    missed: tuple[str, ...]


@dataclass(frozen=True)
class TrialText:
    court_name: str
    case_number: str
    cause: str
    judge: str
    parties: tuple[str, ...]  # "原告 张三"
    applicant: str
    applied_at: datetime
    hardship: str
    opened_at: datetime
    stages: tuple[StageText, ...]


def _file_lines(label: str, file: FileText) -> list[Line]:
    return [Line(f"{label}：{file.filename}", 4), Line(f"SHA-256：{file.sha256}", 6), Line(f"SM3：{file.sm3}", 6)]


def record_lines(data: TrialText) -> list[Line]:
    lines = [Line(f"法院：{data.court_name}"), Line(f"案号：{data.case_number}"), Line(f"案由：{data.cause}"),
             Line(f"审判人员：{data.judge}"), Line(f"当事人：{'；'.join(data.parties)}"),
             Line(f"审理方式：异步审理（人民法院在线诉讼规则第20条），{data.applicant}于{moment(data.applied_at)}"
                  "书面申请，各方当事人同意"),
             Line(f"同时在线参加庭审确有困难：{data.hardship}"), Line(f"开始审理：{moment(data.opened_at)}")]
    for stage in data.stages:
        lines += [Line(""), Line(f"【{stage.label}】{moment(stage.opened_at)} 至 {moment(stage.ended_at)}"),
                  Line(f"逾期后果（开启时告知）：{stage.consequence}", 2)]
        lines += [Line(f"问题{n}：{question}", 2) for n, question in enumerate(stage.questions, start=1)]
        for answer in stage.answers:
            lines.append(Line(f"{answer.party}（{moment(answer.answered_at)}提交）：", 2))
            if answer.text:
                lines.append(Line(answer.text, 4))
            for file in answer.files:
                lines += _file_lines("附件", file)
            if answer.video:
                lines += _file_lines("自行录制的视频", answer.video)
        for name in stage.missed:
            lines.append(Line(f"{name}未在期限内答复，适用上述逾期后果。", 2))
    lines += [Line(""), Line("本笔录由平台根据各方在线提交的答复自动生成，经各方当事人在线确认后与书面笔录具有同等效力"
                             "（人民法院在线诉讼规则第33、34条）。")]
    return lines


@dataclass(frozen=True)
class ConfirmationText:
    party: str
    account: str
    confirmed_at: datetime


def confirmed_lines(data: TrialText, record_sha256: str, confirmations: tuple[ConfirmationText, ...]) -> list[Line]:
    """The record as assembled, then who confirmed it online, when and how."""
    lines = record_lines(data) + [Line(""), Line("【当事人在线确认】"),
                                  Line(f"所确认笔录的 SHA-256：{record_sha256}", 2)]
    lines += [Line(f"{c.party}（账号 {c.account}）于{moment(c.confirmed_at)}重新输入登录密码核验身份后在线确认", 2)
              for c in confirmations]
    return lines
