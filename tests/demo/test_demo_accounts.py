"""Every printed demo account reaches its feature: the finance judge has loan cases with element sheets for the
assistant, demo-judge has cases in every stage, the filing officer has a filing waiting."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from omnicourt.assistant import service as assistant
from omnicourt.cases import service as cases
from omnicourt.cases.models import Case
from omnicourt.demo import loader
from omnicourt.filing import service as filing
from omnicourt.security.models import Account
from tests.conftest import TODAY, actor_named


def test_the_finance_judge_opens_the_assistant_on_element_sheet_cases(db):
    judge = actor_named(db, "demo-finance-judge")
    with db.reading() as session:
        mine = cases.list_cases(session, actor=judge, mine_only=True, open_only=True, limit=500)
        # the demo's own element-sheet cases (other tests of the run may give the judge ordinary loan filings)
        loans = [c for c in mine if c.cause_code == "cont.contract.loan.financial" and c.filing_application_id
                 and filing.element_sheet(session, c.filing_application_id)]
        assert len(loans) >= loader.ELEMENT_SHEET_CASES
        view = assistant.view(session, actor=judge, case_id=loans[0].id)
        assert view.may_act
        party_view = cases.timeline(session, actor=actor_named(db, "demo-bank"), case=loans[0])
        assert "演示" not in " ".join(e.summary for e in party_view)  # the reassignment reason stays inside


class _Undo(Exception):
    """Ends a transaction without keeping what it changed."""


def test_a_judge_is_given_a_case_of_every_stage_and_deadline_state_of_the_court(db):
    with pytest.raises(_Undo), db.transaction() as session:
        judge = session.scalar(select(Account).where(Account.username == "c2-civil1-judge2"))
        loader.give_every_stage(session, judge, today=TODAY)
        of_court = select(Case.stage).where(Case.court_id == judge.court_id)
        assert set(session.scalars(of_court.where(Case.judge_id == judge.id))) == set(session.scalars(of_court))
        open_ = Case.closed_on.is_(None)
        for condition in (open_ & (Case.deadline_on < TODAY), open_ & (Case.deadline_on > TODAY + timedelta(days=20))):
            court_has = session.scalar(select(Case.id).where(Case.court_id == judge.court_id, condition).limit(1))
            judge_has = session.scalar(select(Case.id).where(Case.judge_id == judge.id, condition).limit(1))
            assert bool(court_has) == bool(judge_has)
        raise _Undo


def test_demo_judge_has_open_and_closed_cases(db):
    judge = actor_named(db, "demo-judge")
    with db.reading() as session:
        own = set(session.scalars(select(Case.stage).where(Case.judge_id == judge.id)))
    assert own & {"assigned", "in_trial"} and own & {"closed", "archived"}


def test_the_filing_officer_has_a_filing_waiting_and_the_accounts_are_printed(db):
    with db.reading() as session:
        waiting = filing.queue(session, actor=actor_named(db, "demo-filing-officer"))
        assert any(a.status == "submitted" for a in waiting)
        printed = {username for _, username, _ in loader.demo_accounts(session)}
        assert {"demo-finance-judge", "demo-finance-chief", "demo-judge", "demo-filing-officer"} <= printed
        assert session.scalar(select(Account.division_id).where(Account.username == "demo-finance-judge")) == \
            session.scalar(select(Account.division_id).where(Account.username == "demo-finance-chief"))
