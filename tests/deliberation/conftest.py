"""An ordinary-procedure case (300,000 yuan) with its parties, its judge and two more judges of its division, the
division chief who forms the panel and the court's president."""

from dataclasses import dataclass

import pytest

from omnicourt.cases.models import Case
from omnicourt.deliberation import service as deliberation
from omnicourt.security import service as security
from omnicourt.security.models import Account
from omnicourt.security.roles import Actor
from tests.conftest import TODAY
from tests.evidence.conftest import Parties, open_case


@dataclass
class Bench:
    p: Parties
    rapporteur: Actor  # the case's judge (承办法官)
    presiding: Actor
    member: Actor
    chief: Actor
    president: Actor
    outsider: Actor  # a judge of another division

    @property
    def case_id(self) -> int:
        return self.p.case_id

    @property
    def members(self) -> list[Actor]:
        return [self.presiding, self.rapporteur, self.member]


def open_bench(db, settings) -> Bench:
    p = open_case(db, settings)
    with db.reading() as session:
        case = session.get(Case, p.case_id)
        others = [j for j in security.judges_of(session, division_id=case.division_id, active_only=True)
                  if j.id != case.judge_id][:2]
        chief = security.chief_of(session, division_id=case.division_id)
        president = next(a for a in security.leaders_of(session, court_id=case.court_id) if a.role == "president")
        outsider = next(a for a in session.query(Account).filter_by(role="judge", court_id=case.court_id)
                        if a.division_id != case.division_id)
        presiding, member, chief, president, outsider = (security.actor_for(session, a) for a in (
            *others, chief, president, outsider))
        return Bench(p, p.judge, presiding, member, chief, president, outsider)


@pytest.fixture
def bench(db, settings) -> Bench:
    return open_bench(db, settings)


def form(db, b: Bench):
    with db.transaction() as session:
        deliberation.form_panel(session, actor=b.chief, case_id=b.case_id, presiding_judge_id=b.presiding.id,
                                member_ids=[m.id for m in b.members], today=TODAY)


def put_points(db, b: Bench, *kinds: str):
    with db.transaction() as session:
        found = deliberation.set_points(session, actor=b.presiding, case_id=b.case_id, today=TODAY,
                                        points=[deliberation.PointIn(f"焦点{n}：借款是否已交付", kind)
                                                for n, kind in enumerate(kinds or ("fact", "law"), start=1)])
        return [p.id for p in found.points]


def vote(db, settings, b: Bench, actor: Actor, point_id: int, choice: str = "affirm"):
    with db.transaction() as session:
        return deliberation.cast_vote(session, settings, actor=actor, case_id=b.case_id, point_id=point_id,
                                      choice=choice,
                                      opinion=f"{actor.display_name}认为：转账凭证与借条相互印证，事实清楚",
                                      today=TODAY)


def vote_all(db, settings, b: Bench, point_id: int, choices=("affirm", "affirm", "affirm")):
    """In the order of speaking: rapporteur, member, presiding judge."""
    for actor, choice in zip((b.rapporteur, b.member, b.presiding), choices, strict=True):
        vote(db, settings, b, actor, point_id, choice)
