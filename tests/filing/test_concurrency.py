"""Concurrent acceptance: case numbers stay unique and gap-free; an application yields one case."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from omnicourt.cases.models import Case
from omnicourt.errors import Conflict
from omnicourt.filing import service as filing
from tests.conftest import TODAY, actor_named
from tests.filing.test_filing_flow import new_party, submit

CLIENTS = 50


def _accept(db, settings, application_id, officer):
    with db.transaction() as session:
        return filing.accept(session, settings, actor=officer, application_id=application_id, today=TODAY).id


def test_fifty_concurrent_acceptances_get_fifty_consecutive_numbers(db, settings):
    party = new_party(db)
    applications = [submit(db, settings, party) for _ in range(CLIENTS)]
    officer = actor_named(db, "demo-filing-officer")
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        case_ids = list(pool.map(lambda a: _accept(db, settings, a, officer), applications))
    with db.reading() as session:
        rows = session.execute(select(Case.serial, Case.case_number).where(Case.id.in_(case_ids))).all()
    serials = sorted(serial for serial, _ in rows)
    assert len({number for _, number in rows}) == CLIENTS
    assert serials == list(range(serials[0], serials[0] + CLIENTS))


def test_two_officers_accepting_one_application_make_one_case(db, settings):
    application_id = submit(db, settings, new_party(db))
    officers = [actor_named(db, "demo-filing-officer"), actor_named(db, "demo-filing-officer")]

    def attempt(officer):
        try:
            return _accept(db, settings, application_id, officer)
        except Conflict:
            return None

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(attempt, officers))
    assert sum(r is not None for r in results) == 1
    with db.reading() as session:
        assert session.scalar(select(Case.id).where(Case.filing_application_id == application_id)) is not None
        assert len(session.scalars(select(Case.id).where(Case.filing_application_id == application_id)).all()) == 1


def test_sequence_survives_a_rolled_back_acceptance(db, settings):
    """A failed acceptance gives its number back: the next one takes it."""
    party = new_party(db)
    officer = actor_named(db, "demo-filing-officer")
    first = _accept(db, settings, submit(db, settings, party), officer)
    doomed = submit(db, settings, party)
    with pytest.raises(RuntimeError):
        with db.transaction() as session:
            filing.accept(session, settings, actor=officer, application_id=doomed, today=TODAY)
            raise RuntimeError("crash after allocation")
    second = _accept(db, settings, doomed, officer)
    with db.reading() as session:
        assert session.get(Case, second).serial == session.get(Case, first).serial + 1
