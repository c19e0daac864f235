"""The summons (传票) to each party and the notice to appear (出庭通知书) to each agent, one-page PDFs of the case's
main volume written by dossier/pdf.py in the use case that schedules the hearing."""

from dataclasses import dataclass
from datetime import date, datetime

from omnicourt.cases.rules import chinese_date
from omnicourt.dossier import pdf
from omnicourt.hearings import rules

SUMMONS_NOTES = ("一、被传唤人必须准时到达应到处所；在线开庭的，按时登录本平台参加。"
                 "二、本传票由被传唤人携带来院报到（在线开庭无需携带）。"
                 "三、被传唤人收到传票后，可在本平台查看送达凭证。")


@dataclass(frozen=True)
class SummonsText:
    court_name: str
    case_number: str
    cause: str
    addressee: str
    addressee_role: str  # 原告 / 被告 / 委托诉讼代理人
    kind: str  # rules.KIND_LABELS
    mode: str  # rules.MODE_LABELS
    starts_at: datetime  # the court's local time
    place: str
    issued_on: date


def _when(at: datetime) -> str:
    return f"{chinese_date(at.date())} {at:%H:%M}"


def summons(text: SummonsText) -> tuple[str, bytes]:
    """The file name and the PDF: the summons to a party (民事诉讼法 art. 139; 民诉法解释 art. 227)."""
    rows = [("案号", text.case_number), ("案由", text.cause), ("被传唤人", f"{text.addressee_role} {text.addressee}"),
            ("传唤事由", rules.KIND_LABELS[text.kind]), ("开庭方式", text.mode), ("应到时间", _when(text.starts_at)),
            ("应到处所", text.place), ("注意事项", SUMMONS_NOTES)]
    content = pdf.one_page("传  票", rows, f"{text.court_name}　{chinese_date(text.issued_on)}")
    return f"传票-{text.addressee}-{text.starts_at:%Y%m%d%H%M}.pdf", content


def notice_to_appear(text: SummonsText) -> tuple[str, bytes]:
    """The file name and the PDF: the notice to an agent (or a pre-trial meeting's notice to anyone)."""
    rows = [("案号", text.case_number), ("案由", text.cause), ("受通知人", f"{text.addressee_role} {text.addressee}"),
            ("事由", rules.KIND_LABELS[text.kind]), ("方式", text.mode), ("时间", _when(text.starts_at)),
            ("地点", text.place), ("说明", "请准时出庭；在线开庭的，按时登录本平台参加。")]
    content = pdf.one_page("出庭通知书", rows, f"{text.court_name}　{chinese_date(text.issued_on)}")
    return f"出庭通知书-{text.addressee}-{text.starts_at:%Y%m%d%H%M}.pdf", content
