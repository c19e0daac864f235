"""The migration that introduced verification re-checks existing links: accounts that were never verified are
unverified, and their links to cases by ID number or USCC are suspended and listed for the case's court."""

from datetime import date

import pytest
import sqlalchemy as sa
from alembic import command

from omnicourt import migrate
from omnicourt.cases import permissions
from omnicourt.db import Database, UtcDateTime, utcnow
from omnicourt.reference import service as reference
from omnicourt.reference.models import Court
from omnicourt.security import verification
from omnicourt.security.models import Account, SuspendedCaseLink
from omnicourt.security.roles import Actor
from tests import conftest
from tests.factories import id_number, uscc

BEFORE = "e5d0c4e7a004"

ACCOUNTS = sa.table("accounts", sa.column("id"), sa.column("username"), sa.column("password_hash"),
                    sa.column("kind"), sa.column("role"), sa.column("display_name"), sa.column("court_id"),
                    sa.column("person_type"), sa.column("id_number"), sa.column("uscc"), sa.column("active"),
                    sa.column("created_at", UtcDateTime()))
CASES = sa.table("cases", sa.column("id"), sa.column("court_id"), sa.column("case_number"), sa.column("year"),
                 sa.column("type_code"), sa.column("serial"), sa.column("cause_code"), sa.column("cause_name"),
                 sa.column("title"), sa.column("procedure"), sa.column("stage"), sa.column("accepted_on"),
                 sa.column("triage_reasons", sa.JSON), sa.column("assignment_reasons", sa.JSON),
                 sa.column("facts_and_reasons"), sa.column("created_at", UtcDateTime()))
PARTIES = sa.table("case_parties", sa.column("id"), sa.column("case_id"), sa.column("court_id"), sa.column("role"),
                   sa.column("party_type"), sa.column("name"), sa.column("id_number"), sa.column("uscc"),
                   sa.column("account_id"))


@pytest.fixture(params=conftest.BACKENDS)
def empty_db(request, tmp_path):
    if request.param == "postgres":
        if not conftest.POSTGRES_URL:
            pytest.skip("OMNICOURT_TEST_POSTGRES_URL is not set")
        url, drop = conftest._fresh_postgres()
    else:
        url, drop = f"sqlite:///{tmp_path / 'before.db'}", None
    db = Database(url)
    yield db
    db.engine.dispose()
    if drop:
        drop()


def _upgrade(db: Database, revision: str) -> None:
    config = migrate.alembic_config(db.url)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _account(connection, account_id, kind, role, court_id=None, **identity):
    connection.execute(ACCOUNTS.insert().values(
        id=account_id, username=f"user{account_id}", password_hash="x", kind=kind, role=role,
        display_name=f"用户{account_id}", court_id=court_id, active=True, created_at=utcnow(),
        **{"person_type": None, "id_number": None, "uscc": None} | identity))


def _case(connection, case_id, court_id, *, account_id=None, **number):
    connection.execute(CASES.insert().values(
        id=case_id, court_id=court_id, case_number=f"（2025）浙0106民初{case_id}号", year=2025, type_code="民初",
        serial=case_id, cause_code="cont.contract.loan.private", cause_name="民间借贷纠纷", title="甲诉乙",
        procedure="simple", stage="in_trial", accepted_on=date(2025, 3, 1), triage_reasons=[],
        assignment_reasons=[], facts_and_reasons="", created_at=utcnow()))
    connection.execute(PARTIES.insert().values(
        id=case_id, case_id=case_id, court_id=court_id, role="defendant", name="乙", account_id=account_id,
        **{"party_type": "legal" if "uscc" in number else "natural", "id_number": None, "uscc": None} | number))


def test_links_of_never_verified_accounts_are_suspended_and_listed_for_the_court(empty_db):
    db = empty_db
    _upgrade(db, BEFORE)
    with db.transaction() as session:
        reference.load(session, province="浙江省", courtrooms=False)  # their table comes later
        court_id = session.scalar(sa.select(Court.id).where(Court.code == "浙0106"))  # no cache: an old schema
    person, company, representative, staff = id_number(), uscc(), id_number(), id_number()
    with db.engine.begin() as connection:
        _account(connection, 1, "public", "party", person_type="natural", id_number=person)
        _account(connection, 2, "public", "party", person_type="legal", uscc=company, id_number=representative)
        _account(connection, 3, "staff", "judge", court_id=court_id, id_number=staff)
        _account(connection, 4, "staff", "filing_officer", court_id=court_id)
        _case(connection, 101, court_id, id_number=person)  # found by the person's number
        _case(connection, 102, court_id, uscc=company)  # found by the company's USCC
        _case(connection, 103, court_id, id_number=person, account_id=1)  # filed by the person's own account
        _case(connection, 104, court_id, id_number=representative)  # the representative, not the company
        _case(connection, 105, court_id, id_number=staff)  # staff accounts are not linked by number
    _upgrade(db, "head")

    with db.reading() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Account)
                              .where(Account.identity_verified_at.is_not(None))) == 0
        suspended = {(link.account_id, link.case_id, link.number) for link in session.scalars(
            sa.select(SuspendedCaseLink))}
        assert suspended == {(1, 101, person), (2, 102, company)}
        officer = Actor(id=4, role="filing_officer", kind="staff", display_name="立案", court_id=court_id)
        listed = verification.suspended_links(session, actor=officer)
        assert {(link.case_id, account.username) for link, account in listed} == {(101, "user1"), (102, "user2")}
        unverified = Actor(id=1, role="party", kind="public", display_name="用户1", id_number=person)
        assert set(session.scalars(permissions.party_case_ids(unverified))) == {103}

    with db.transaction() as session:  # the person verifies: the link is restored and leaves the court's list
        verification.bind(session, session.get(Account, 1), method="verifier")
    with db.reading() as session:
        listed = verification.suspended_links(session, actor=officer)
        assert [link.case_id for link, _ in listed] == [102]
        verified = Actor(id=1, role="party", kind="public", display_name="用户1", id_number=person,
                         identity_verified=True, bound_number=person)
        assert set(session.scalars(permissions.party_case_ids(verified))) == {101, 103}
