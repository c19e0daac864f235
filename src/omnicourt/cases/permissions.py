"""Who may see and act on a case. Pure functions of the actor and the case's facts."""

from sqlalchemy import or_, select
from sqlalchemy.sql import ColumnElement

from omnicourt.cases.models import Case, CaseParty
from omnicourt.security.roles import CASE_HANDLERS, COURT_LEADERS, Actor


def party_case_ids(actor: Actor):
    """Cases the public account is a party (or agent) to: those it filed (linked by account) and, once
    its identity is verified, those naming the number bound to it (a company: its USCC)."""
    return select(CaseParty.case_id).where(_is_the_account(actor))


def _is_the_account(actor: Actor) -> ColumnElement[bool]:
    matches = [CaseParty.account_id == actor.id]
    if actor.bound_number:
        matches.append((CaseParty.uscc if actor.person_type_is_legal else CaseParty.id_number) == actor.bound_number)
    return or_(*matches)


def own_party_ids(actor: Actor):
    """The case parties that are the public account itself, by the same links as party_case_ids: what is delivered
    to one of them is the account's to read."""
    return select(CaseParty.id).where(_is_the_account(actor))


def case_scope(actor: Actor) -> ColumnElement[bool]:
    """A WHERE clause for the cases this actor may see."""
    if not actor.is_staff:
        return Case.id.in_(party_case_ids(actor))
    if actor.sees_province:
        return Case.id.is_not(None)
    if actor.role in COURT_LEADERS or actor.role == "filing_officer":
        return Case.court_id == actor.court_id
    if actor.role == "division_chief":
        return Case.division_id == actor.division_id
    if actor.role in CASE_HANDLERS:
        return or_(Case.judge_id == actor.id, Case.division_id == actor.division_id)
    return Case.court_id == actor.court_id  # enforcement officers: their court


def may_see(actor: Actor, case: Case, *, is_party: bool = False) -> bool:
    if not actor.is_staff:
        return is_party
    if actor.sees_province:
        return True
    if actor.role in COURT_LEADERS or actor.role in ("filing_officer", "enforcement_officer"):
        return case.court_id == actor.court_id
    if actor.role == "division_chief":
        return case.division_id == actor.division_id
    if actor.role in CASE_HANDLERS:
        return case.judge_id == actor.id or case.division_id == actor.division_id
    return False


def may_conduct(actor: Actor, case: Case) -> bool:
    """Record hearings: the assigned judge, or an assistant or clerk of the case's division."""
    if actor.role == "judge":
        return case.judge_id == actor.id
    return actor.role in ("judge_assistant", "clerk") and case.division_id == actor.division_id


def may_close(actor: Actor, case: Case) -> bool:
    return actor.role == "judge" and case.judge_id == actor.id


def may_reassign(actor: Actor, case: Case) -> bool:
    if actor.role == "division_chief":
        return case.division_id == actor.division_id
    return actor.role in COURT_LEADERS and (case.court_id == actor.court_id or actor.sees_province)
