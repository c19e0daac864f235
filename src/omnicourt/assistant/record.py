"""What a case's record says, as every cause's draft reads it: the court, the procedure, the judges and the
hearings (from the case's timeline events). A draft states no more than this."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Hearing:
    """The hearings as the case's record has them (its timeline events): the draft states no more than this."""

    online: bool = False
    attendance_recorded: bool = False  # False: who attended is left for the judge
    plaintiff_present: bool = False
    defendants_present: tuple[str, ...] = ()
    defendants_absent: tuple[str, ...] = ()   # summoned, did not attend: default judgment (CPL art. 147)
    summoned_by_notice: bool = False   # 公告送达开庭传票 instead of 传票传唤
    plaintiff_agent: str = ""          # 委托诉讼代理人, "name，某律师事务所律师"


@dataclass(frozen=True)
class CaseRecord:
    court_name: str
    case_number: str
    procedure: str                     # simple / ordinary / small_claims
    filed_on: date
    judgment_date: date
    judges: tuple[str, ...]
    appeal_court: str
    hearing: Hearing | None            # None: no hearing recorded
