"""The law of attending an online hearing, as pure functions: lateness against the start, and the consequence of
art. 25 of 《人民法院在线诉讼规则》 (2021) proposed to the judge, never applied by the platform.

Art. 25: not joining without a valid reason (网络故障、设备损坏、电力中断或者不可抗力 are valid) counts as "拒不到庭";
leaving without permission, after a warning, as "中途退庭"; each is then dealt with under the CPL:
- a plaintiff: 可以按撤诉处理, CPL art. 146 (2023; the same number in 2021, court-rules.md §2 / court-rules-2.md §0.2);
- a defendant: 可以缺席判决, CPL art. 147 (court-rules.md §5 item 8: "Default judgment cites CPL art. 147").
A third party, an agent whose party attends, and anyone with a valid reason: no proposal.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from omnicourt.errors import InvalidInput

RULES = "《人民法院在线诉讼规则》第25条"
CPL = "《民事诉讼法》（2023年修正）"


class Attendance(StrEnum):
    EXPECTED = "expected"  # not joined yet
    JOINED = "joined"
    LEFT = "left"  # left on their own (the clerk decides whether it was 中途退庭 by marking "departed")
    ABSENT = "absent"  # marked by the clerk: did not join
    DEPARTED = "departed"  # marked by the clerk: left mid-way without permission after a warning


ATTENDANCE_LABELS = {Attendance.EXPECTED: "未入庭", Attendance.JOINED: "在庭", Attendance.LEFT: "已离开",
                     Attendance.ABSENT: "未到庭", Attendance.DEPARTED: "中途退庭"}
MARKS = (Attendance.ABSENT, Attendance.DEPARTED)


@dataclass(frozen=True)
class Proposal:
    role: str
    conduct: str  # 拒不到庭 / 中途退庭
    measure: str  # 按撤诉处理 / 缺席判决
    basis: str


def late_minutes(*, starts_at: datetime, joined_at: datetime) -> int:
    """Whole minutes after the start, 0 when on time or early. Worked example: start 09:00, joined 09:07:30 -> 7."""
    return max(0, int((joined_at - starts_at).total_seconds() // 60))


def mark_named(value: str) -> Attendance:
    try:
        mark = Attendance(value)
    except ValueError:
        mark = None
    if mark not in MARKS:
        raise InvalidInput("标记应为「未到庭」或「中途退庭」", field="status")
    return mark


def proposal(*, role: str, status: Attendance, valid_reason: bool) -> Proposal | None:
    """What art. 25 lets the judge do about one participant, or None."""
    if valid_reason or status not in MARKS:
        return None
    conduct = "拒不到庭" if status == Attendance.ABSENT else "中途退庭"
    if role == "plaintiff":
        return Proposal(role, conduct, "按撤诉处理", f"{RULES}；{CPL}第146条")
    if role == "defendant":
        return Proposal(role, conduct, "缺席判决", f"{RULES}；{CPL}第147条")
    return None
