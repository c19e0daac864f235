"""Mediation statements (调解书) on SQLite and PostgreSQL: drafted by the judge from the terms or from the case's
settled entrusted mediation, signed for by the parties online, effective with the last of both sides' signatures,
closing the case by mediation on that date."""

import pytest
from sqlalchemy import func, select

from omnicourt.cases.models import Case
from omnicourt.dossier.models import Document
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput
from omnicourt.mediation import rules, statements
from omnicourt.mediation import service as mediation
from omnicourt.mediation.models import MediationStatement, StatementReceipt
from tests.conftest import TODAY
from tests.evidence.conftest import open_case
from tests.mediation.conftest import PARTY_PASSWORD, new_mediator, terms


def _issue(db, settings, p, *, with_terms=True):
    with db.transaction() as session:
        return statements.issue(session, settings, actor=p.judge, case_id=p.case_id,
                                terms=terms() if with_terms else None, today=TODAY).id


def _sign(db, settings, p, party, password=PARTY_PASSWORD):
    with db.transaction() as session:
        return statements.sign(session, settings, actor=party, case_id=p.case_id, password=password, today=TODAY)


def test_the_rule_wants_both_sides():
    assert not rules.statement_effective({1}, {1, 2})
    assert rules.statement_effective({1, 2, 3}, {1, 2})
    assert not rules.statement_effective(set(), set())


def test_effective_on_the_last_signature_and_the_case_closes_by_mediation(db, settings):
    p = open_case(db, settings)
    with db.transaction() as session, pytest.raises(Forbidden):
        statements.issue(session, settings, actor=p.plaintiff, case_id=p.case_id, terms=terms(), today=TODAY)
    statement_id = _issue(db, settings, p)
    with db.reading() as session:
        statement = session.get(MediationStatement, statement_id)
        assert statement.status == "issued" and "民事调解书" in statement.text and "李四" in statement.text
        assert session.get(Document, statement.document_id).case_id == p.case_id
        shown = statements.view(session, actor=p.defendant, case_id=p.case_id)
        assert shown.may_sign and sorted(shown.waiting) == ["张三", "李四"]
    _sign(db, settings, p, p.plaintiff)
    with db.reading() as session:
        assert session.get(Case, p.case_id).closed_on is None
    with db.transaction() as session, pytest.raises(Conflict):  # signed already
        statements.sign(session, settings, actor=p.plaintiff, case_id=p.case_id, password=PARTY_PASSWORD,
                        today=TODAY)
    _sign(db, settings, p, p.defendant)
    with db.reading() as session:
        statement = session.get(MediationStatement, statement_id)
        case = session.get(Case, p.case_id)
        assert (statement.status, statement.effective_on) == ("effective", TODAY)
        assert (case.stage, case.closing_method, case.closed_on) == ("closed", "mediation", TODAY)


def test_a_bad_password_an_outsider_or_the_judge_signs_nothing(db, settings):
    p = open_case(db, settings)
    statement_id = _issue(db, settings, p)
    with pytest.raises(InvalidInput) as wrong:
        _sign(db, settings, p, p.plaintiff, password="not-mine-1")
    assert wrong.value.field == "password"
    with pytest.raises(Concealed):
        _sign(db, settings, p, p.stranger)
    with pytest.raises(Forbidden):
        _sign(db, settings, p, p.judge)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(StatementReceipt).where(
            StatementReceipt.statement_id == statement_id)) == 0


def test_a_new_statement_replaces_the_unsigned_one_and_its_signatures_lapse(db, settings):
    p = open_case(db, settings)
    first = _issue(db, settings, p)
    _sign(db, settings, p, p.plaintiff)
    second = _issue(db, settings, p)
    _sign(db, settings, p, p.defendant)
    with db.reading() as session:
        assert session.get(MediationStatement, first).status == "superseded"
        assert session.get(MediationStatement, second).status == "issued"  # the plaintiff has to sign the new one
        assert session.get(Case, p.case_id).closed_on is None


def test_drafted_from_the_settled_entrusted_mediation(db, settings):
    p = open_case(db, settings)
    with pytest.raises(InvalidInput) as nothing:
        _issue(db, settings, p, with_terms=False)
    assert nothing.value.field == "obligations"
    mediator = new_mediator(db)
    with db.transaction() as session:
        mediation_id = mediation.entrust(session, actor=p.judge, case_id=p.case_id, today=TODAY).id
    with db.transaction() as session:
        mediation.accept(session, actor=mediator, mediation_id=mediation_id, today=TODAY)
    with db.transaction() as session:
        version = mediation.propose(session, actor=mediator, mediation_id=mediation_id,
                                    terms=terms(amount="8000.00")).version
    for party in (p.plaintiff, p.defendant):
        with db.transaction() as session:
            mediation.sign(session, actor=party, mediation_id=mediation_id, version=version,
                           password=PARTY_PASSWORD, today=TODAY)
    statement_id = _issue(db, settings, p, with_terms=False)
    with db.reading() as session:
        statement = session.get(MediationStatement, statement_id)
        assert statement.mediation_id == mediation_id and "人民币8000.00元" in statement.text
