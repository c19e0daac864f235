"""What the platform shows of a lawyer beside their name: the law firm and the practice certificate."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.security.models import Account


@dataclass(frozen=True)
class LawyerCredentials:
    law_firm: str
    practice_certificate_number: str


class AgentRow(Protocol):
    """An agent named on a case (a case party row), as far as its credentials go."""

    @property
    def id(self) -> int: ...
    @property
    def account_id(self) -> int | None: ...
    @property
    def id_number(self) -> str | None: ...


def _credentials(lawyer: Account) -> LawyerCredentials | None:
    if lawyer.law_firm is None or lawyer.practice_certificate_number is None:
        return None
    return LawyerCredentials(lawyer.law_firm, lawyer.practice_certificate_number)


def agent_credentials(session: Session, agents: Sequence[AgentRow]) -> dict[int, LawyerCredentials]:
    """By party row id: the credentials of each agent row linked to a lawyer's account, when the row names
    that lawyer (the same ID number), so a co-agent never shows the filing lawyer's certificate."""
    linked = {agent.account_id for agent in agents if agent.account_id}
    if not linked:
        return {}
    lawyers = {a.id: a for a in session.scalars(select(Account).where(
        Account.id.in_(linked), Account.role == "lawyer", Account.practice_certificate_number.is_not(None)))}
    shown: dict[int, LawyerCredentials] = {}
    for agent in agents:
        lawyer = lawyers.get(agent.account_id) if agent.account_id else None
        credentials = _credentials(lawyer) if lawyer and agent.id_number == lawyer.id_number else None
        if credentials:
            shown[agent.id] = credentials
    return shown
