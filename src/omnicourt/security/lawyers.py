"""What the platform shows of a lawyer beside their name: the law firm and the practice certificate."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.security.models import Account


@dataclass(frozen=True)
class LawyerCredentials:
    law_firm: str
    practice_certificate_number: str


def agent_credentials(session: Session, agents) -> dict[int, LawyerCredentials]:
    """By party row id: the credentials of each agent row linked to a lawyer's account, when the row names
    that lawyer (the same ID number), so a co-agent never shows the filing lawyer's certificate."""
    linked = {agent.account_id for agent in agents if agent.account_id}
    if not linked:
        return {}
    lawyers = {a.id: a for a in session.scalars(select(Account).where(
        Account.id.in_(linked), Account.role == "lawyer", Account.practice_certificate_number.is_not(None)))}
    return {agent.id: LawyerCredentials(lawyer.law_firm, lawyer.practice_certificate_number)
            for agent in agents if (lawyer := lawyers.get(agent.account_id)) and agent.id_number == lawyer.id_number}
