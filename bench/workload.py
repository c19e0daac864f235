"""Inputs shared by the benchmarks: valid filings and the actors that act on them."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.security import rules as identity
from omnicourt.security import service as security
from omnicourt.security.models import Account
from omnicourt.security.roles import Actor


def filing_body(court_code: str, n: int) -> dict:
    """A complete online filing (a private loan) with valid ID numbers; JSON for the API, FilingIn for services."""
    born = date(1970, 1, 1 + n % 28)
    return {
        "court_code": court_code, "cause_code": "cont.contract.loan.private",
        "parties": [
            {"role": "plaintiff", "party_type": "natural", "name": "张明",
             "id_number": identity.make_id_number("330106", born, 1 + n % 498, "male"),
             "address": "杭州市西湖区文三路1号", "phone": "13800000001"},
            {"role": "defendant", "party_type": "natural", "name": "李四",
             "id_number": identity.make_id_number("330102", born, 1 + (n + 7) % 498, "female"),
             "address": "杭州市西湖区天目山路2号"},
        ],
        "claims": [{"description": "判令被告偿还借款本金", "amount": f"{10000 + n % 90000}.00"}],
        "facts_and_reasons": "被告于2025年3月向原告借款，约定三个月内归还，到期未还。",
    }


def actor(session: Session, username: str) -> Actor:
    return security.actor_for(session, session.scalar(select(Account).where(Account.username == username)))
