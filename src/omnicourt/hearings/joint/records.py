"""The one summons (or notice to appear) a person gets for a joint session, listing every case of the batch it is
a party or agent in (民事诉讼法 art. 139; 民诉法解释 art. 227), filed in each of those cases' dossiers."""

from dataclasses import dataclass
from datetime import date, datetime

from omnicourt.cases.rules import chinese_date
from omnicourt.dossier import pdf
from omnicourt.hearings import records as hearing_records

MAX_LISTED = 50


@dataclass(frozen=True)
class JointSummonsText:
    court_name: str
    case_numbers: tuple[str, ...]  # only the cases this person is in
    cause: str
    addressee: str
    addressee_role: str
    mode: str
    starts_at: datetime  # local time
    place: str
    issued_on: date


def summons(text: JointSummonsText, *, party: bool) -> tuple[str, bytes]:
    """A summons to a party (a notice to appear to an agent) naming each of its cases heard together."""
    numbers = "、".join(text.case_numbers[:MAX_LISTED])
    when = f"{chinese_date(text.starts_at.date())} {text.starts_at:%H:%M}"
    label = "被传唤人" if party else "受通知人"
    rows = [("案号", numbers), ("案由", text.cause), (label, f"{text.addressee_role} {text.addressee}"),
            ("传唤事由" if party else "事由", f"开庭（{len(text.case_numbers)}件案件联合开庭审理）"),
            ("开庭方式", text.mode), ("应到时间", when), ("应到处所", text.place),
            ("注意事项", hearing_records.SUMMONS_NOTES if party else "请准时出庭；在线开庭的，按时登录本平台参加。")]
    title = "传  票" if party else "出庭通知书"
    content = pdf.one_page(title, rows, f"{text.court_name}　{chinese_date(text.issued_on)}")
    stem = "传票" if party else "出庭通知书"
    return f"{stem}-{text.addressee}-{text.starts_at:%Y%m%d%H%M}-联审.pdf", content
