"""Search, similar cases with their reasons, statutes of similar cases, and closed cases entering the case base:
on SQLite and PostgreSQL, each test with an index of its own."""

import uuid

import pytest
from sqlalchemy import select

from omnicourt.cases import service as cases
from omnicourt.cases.models import Case
from omnicourt.errors import Forbidden, InvalidInput
from omnicourt.retrieval import casebase, service
from omnicourt.retrieval.index import Filters
from omnicourt.retrieval.models import Judgment
from tests.conftest import TODAY, actor_named
from tests.retrieval.conftest import GUARANTEED_LOAN, corpus, loan_case


def test_search_finds_by_facts_with_highlights_and_filters(db, index):
    ids = corpus(db, index)
    judge = actor_named(db, "demo-judge")
    with db.reading() as session:
        found = service.search(session, index, actor=judge, query="连带责任保证 罚息")
        assert found[0].judgment.id == ids["guaranteed"]
        assert any("<mark>" in passage for passage in found[0].highlights)
        loans = service.search(session, index, actor=judge, query="借款 到期 未还款",
                               filters=Filters(cause="民间借贷纠纷"))
        assert {r.judgment.id for r in loans} == {ids["guaranteed"], ids["plain"]}
        recent = service.search(session, index, actor=judge, query="借款 到期 未还款", filters=Filters(year_from=2023))
        assert ids["plain"] not in {r.judgment.id for r in recent}
        intermediate = service.search(session, index, actor=judge, query="借款",
                                      filters=Filters(court_level="intermediate"))
        assert [r.judgment.id for r in intermediate] == [ids["plain"]]
        ordinary = service.search(session, index, actor=judge, query="借款", filters=Filters(procedure="ordinary"))
        assert [r.judgment.id for r in ordinary] == [ids["plain"]]
        convicted = service.search(session, index, actor=judge, query="醉酒驾驶", filters=Filters(outcome="convicted"))
        assert [r.judgment.id for r in convicted] == [ids["criminal"]]


def test_search_is_for_trial_staff_and_needs_a_query(db, index):
    with db.reading() as session:
        with pytest.raises(InvalidInput) as empty:
            service.search(session, index, actor=actor_named(db, "demo-judge"), query="  ")
        assert empty.value.field == "query"
        for outsider in ("demo-filing-officer", "demo-lawyer"):
            with pytest.raises(Forbidden):
                service.search(session, index, actor=actor_named(db, outsider), query="借款")


def test_filters_from_request_parameters():
    assert service.filters_of(cause=" 民间借贷纠纷 ", court="", year_from=2020) == Filters(cause="民间借贷纠纷",
                                                                                       year_from=2020)
    with pytest.raises(InvalidInput):
        service.filters_of(court_level="supreme")
    with pytest.raises(InvalidInput):
        service.filters_of(year_from=2024, year_to=2020)


def test_similar_cases_of_an_open_case_say_why_they_match(db, settings, index):
    ids = corpus(db, index)
    case_id, judge = loan_case(db, settings)
    with db.reading() as session:
        similar = service.similar_to_case(session, index, actor=judge, case_id=case_id, limit=3)
        statutes = service.statutes_for_similar(session, index, actor=judge, case_id=case_id, similar=similar,
                                                today=TODAY)
    assert similar[0].judgment.id == ids["guaranteed"]  # same cause, same guarantee
    assert {"保证", "罚息", "复利"} <= set(similar[0].shared_elements)
    assert ids["plain"] in [r.judgment.id for r in similar]
    assert statutes and all(s.cases >= 1 for s in statutes)
    assert {s.label for s in statutes} >= {"《民法典》第675条"}  # 合同法 206 counts as 民法典 675 today


def test_similar_cases_exclude_the_case_itself_once_it_is_in_the_case_base(db, settings, index):
    corpus(db, index)
    case_id, judge = loan_case(db, settings, facts=GUARANTEED_LOAN + f"（编号{uuid.uuid4().hex[:6]}）")
    with db.transaction() as session:
        cases.close_case(session, actor=judge, case_id=case_id, method="judgment", closed_on=TODAY, today=TODAY)
    casebase.sync(db, index)
    with db.reading() as session:
        own = session.scalars(select(Judgment).where(Judgment.case_id == case_id)).one()
        assert (own.source, own.outcome, own.cause) == ("platform", "judged", "民间借贷纠纷")
        similar = service.similar_to_case(session, index, actor=judge, case_id=case_id, limit=10)
    assert similar and own.id not in [r.judgment.id for r in similar]
    assert all(r.judgment.case_id != case_id for r in similar)


def test_closed_cases_enter_the_case_base_once(db, settings, recording_index):
    case_id, judge = loan_case(db, settings)
    with db.transaction() as session:
        cases.close_case(session, actor=judge, case_id=case_id, method="mediation", closed_on=TODAY, today=TODAY)
    casebase.sync(db, recording_index)
    casebase.sync(db, recording_index)
    with db.reading() as session:
        entries = list(session.scalars(select(Judgment).where(Judgment.case_id == case_id)))
        case = session.get(Case, case_id)
    assert len(entries) == 1 and entries[0].outcome == "mediated" and entries[0].case_number == case.case_number
    assert entries[0].id in recording_index.docs and "借款" in recording_index.docs[entries[0].id].facts


def test_similar_cases_of_a_case_the_actor_may_not_see_are_refused(db, settings, index):
    case_id, _ = loan_case(db, settings)
    with db.reading() as session, pytest.raises(Forbidden):
        service.similar_to_case(session, index, actor=actor_named(db, "c2-president"), case_id=case_id)


def test_statutes_for_a_cause_and_cases_applying_an_article(db, index):
    ids = corpus(db, index)
    judge = actor_named(db, "demo-judge")
    with db.reading() as session:
        found, offset = [], 0
        while page := service.cases_applying(session, actor=judge, law="民法典", article="六百七十五", limit=100,
                                             offset=offset)[2]:
            found, offset = found + page, offset + 100
        law, article, _ = service.cases_applying(session, actor=judge, law="民法典", article="六百七十五")
        statutes = service.statutes_for_cause(session, actor=judge, cause="民间借贷纠纷", limit=100, today=TODAY)
    assert (law, article) == ("中华人民共和国民法典", "675")
    assert {ids["guaranteed"], ids["plain"]} <= {j.id for j in found}  # the plain one through 合同法 206
    assert "《民法典》第675条" in {s.label for s in statutes}
    with pytest.raises(InvalidInput):
        service.parse_article("第X条")
    assert service.parse_article("第一百三十三条之一") == "133之1"
