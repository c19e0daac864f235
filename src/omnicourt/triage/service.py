"""Triage on acceptance and assignment to a judge of the right division, balanced by caseload."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from omnicourt.cases import service as cases
from omnicourt.errors import Conflict
from omnicourt.reference import service as reference
from omnicourt.reference.cache import CauseInfo, CourtInfo, DivisionInfo
from omnicourt.security import service as security
from omnicourt.triage import rules

if TYPE_CHECKING:
    from omnicourt.security.models import Account


def decide_procedure(*, court: CourtInfo, cause: CauseInfo, amount: Decimal | None, province: str,
                     exclusions: frozenset[str] = frozenset(), many_parties: bool = False) -> rules.TriageDecision:
    return rules.triage(court_level=court.level, amount=amount, money_payment=cause.money_payment,
                        average_wage=reference.average_wage(province), exclusions=exclusions,
                        many_parties=many_parties)


@dataclass(frozen=True)
class Assignment:
    division: DivisionInfo
    judge: Account
    reasons: list[str]


def choose_judge(session: Session, *, court: CourtInfo, cause: CauseInfo) -> Assignment:
    """The division that hears the cause, then its judge with the fewest open cases."""
    division, division_reason = reference.division_for_cause(session, court_id=court.id, cause=cause)
    judges = security.judges_of(session, division_id=division.id, active_only=True)
    if not judges:
        raise Conflict(f"{division.name}没有可分案的法官，请联系庭长", field="division")
    loads = cases.open_caseloads(session, judge_ids=[j.id for j in judges])
    judge = min(judges, key=lambda j: (loads[j.id], j.id))
    reasons = [
        division_reason,
        f"{division.name}共{len(judges)}名法官，{judge.display_name}在办案件{loads[judge.id]}件，为全庭最少，"
        "按在办案件数均衡分案",
    ]
    return Assignment(division=division, judge=judge, reasons=reasons)
