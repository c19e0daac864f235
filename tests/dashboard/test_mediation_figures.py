"""Mediation figures on SQLite and PostgreSQL: a settled, confirmed pre-filing mediation counted at its court, its
city, the province and under its mediator; the median and the share resolved before filing as defined."""

import pytest
from sqlalchemy import select

from omnicourt.cases.models import Case
from omnicourt.confirmation import service as confirmation
from omnicourt.dashboard import mediation as figures
from omnicourt.dashboard import rules as dashboard_rules
from omnicourt.dashboard import service
from omnicourt.errors import Forbidden
from omnicourt.mediation import rules
from omnicourt.mediation.models import Mediation, Mediator
from omnicourt.security import service as security
from tests.conftest import TODAY, actor_named
from tests.mediation.conftest import PARTY_PASSWORD, accepted, propose, sign
from tests.mediation.conftest import world as world  # noqa: F401


def test_the_median_and_the_share_as_defined():
    assert rules.median_days([30, 3, 10]) == 10
    assert rules.median_days([4, 6, 10, 30]) == 8.0
    assert rules.median_days([]) is None
    assert rules.share_before_filing(30, 70) == 0.3
    assert rules.share_before_filing(0, 0) is None


def test_a_settled_and_confirmed_mediation_is_counted_at_every_level(db, settings, world):  # noqa: F811
    accepted(db, world)
    version = propose(db, world)
    sign(db, world, world.plaintiff, version)
    sign(db, world, world.defendant, version)
    with db.reading() as session:
        court_id = session.get(Mediation, world.mediation_id).court_id
        mediator_name = session.scalar(select(Mediator.name).where(Mediator.account_id == world.mediator.id))
    period = dashboard_rules.parse_period("year", None, TODAY)
    high = actor_named(db, "demo-high-president")
    with db.reading() as session:
        before = figures.view(session, actor=high, place=service.locate(session, level="court", court_id=court_id),
                              period=period).figures.confirmed
    with db.transaction() as session:
        confirmation.apply(session, settings, actor=world.plaintiff, mediation_id=world.mediation_id,
                           court_id=court_id, password=PARTY_PASSWORD, e_delivery=True, today=TODAY)
    with db.transaction() as session:
        application = confirmation.join(session, actor=world.defendant, mediation_id=world.mediation_id,
                                        password=PARTY_PASSWORD, e_delivery=True, today=TODAY)
        case_id = application.case_id
    with db.reading() as session:
        judge = security.actor_for(session, security.get_account(session, session.get(Case, case_id).judge_id))
    with db.transaction() as session:
        confirmation.rule(session, settings, actor=judge, case_id=case_id, grounds=[], reason="", today=TODAY)
    with db.reading() as session:
        court = service.locate(session, level="court", court_id=court_id)
        at_court = figures.view(session, actor=high, place=court, period=period)
        assert at_court.figures.confirmed == before + 1
        assert at_court.figures.settled >= 1 and at_court.figures.received >= 1
        assert at_court.figures.median_days is not None and at_court.figures.share_before_filing is not None
        mine = [r for r in at_court.rows if r.name == mediator_name]
        assert mine and all(r.place is None for r in at_court.rows)
        assert sum(r.figures.settled for r in at_court.rows) == at_court.figures.settled
        province = figures.view(session, actor=high, place=service.locate(session, level="province"), period=period)
        assert province.figures.settled >= at_court.figures.settled
        assert sum(r.figures.settled for r in province.rows) == province.figures.settled
        city = next(r for r in province.rows if r.place and r.place.level == "city" and r.place.city == court.city)
        assert city.figures.settled >= at_court.figures.settled
        last_year = dashboard_rules.parse_period("year", str(TODAY.year - 1), TODAY)
        assert figures.view(session, actor=high, place=court, period=last_year).figures.settled == 0
        with pytest.raises(Forbidden):
            service.place_for(session, actor=world.plaintiff, level="court", court_id=court_id)
