"""The demo's case base: the search page's example queries find judgments of the cause they are about, and the case
page's panel ranks the demo judgments by how like the case they are, with passages from their facts."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from omnicourt.app import create_app
from omnicourt.cases.models import Case
from omnicourt.demo import loader
from omnicourt.reference.models import Court
from omnicourt.retrieval import service, synthetic
from omnicourt.retrieval.index import open_index
from omnicourt.retrieval.models import Judgment
from omnicourt.retrieval.pages import EXAMPLE_QUERIES
from tests.app.conftest import bearer
from tests.conftest import actor_named
from tests.retrieval.conftest import loan_case

JUDGMENTS = 600  # the demo loads more of the same generator; 600 hold every cause dozens of times
SEED = 41  # not the demo's own, so this case base is this module's alone


@pytest.fixture(scope="module")
def demo_index(backend_db, tmp_path_factory):
    index = open_index("tantivy", tmp_path_factory.mktemp("demo-index"))
    synthetic.load_demo_case_base(backend_db, index, count=JUDGMENTS, seed=SEED)
    return index


def test_the_demo_case_base_holds_civil_and_criminal_judgments_once(db, demo_index):
    with db.reading() as session:
        causes = dict(session.execute(select(Judgment.cause, func.count()).where(
            Judgment.external_id.like(f"demo-{SEED}-%")).group_by(Judgment.cause)).all())
    assert set(causes) == set(synthetic.CAUSES) and min(causes.values()) >= 10
    assert synthetic.load_demo_case_base(db, demo_index, count=JUDGMENTS, seed=SEED) == 0  # already there


@pytest.mark.parametrize(("query", "causes"), EXAMPLE_QUERIES)
def test_each_example_query_finds_judgments_of_its_cause(db, demo_index, query, causes):
    with db.reading() as session:
        found = service.search(session, demo_index, actor=actor_named(db, "demo-judge"), query=query, limit=10)
    assert len(found) == 10
    assert [r.judgment.cause for r in found if r.judgment.cause not in causes] == []
    assert all(r.highlights for r in found)


def test_the_search_page_shows_the_example_queries_results_of_their_cause(db, settings, demo_index, tmp_path):
    app = create_app(settings=settings.model_copy(update={"retrieval_index_dir": tmp_path / "index"}), db=db)
    app.state.retrieval_index = demo_index
    with TestClient(app) as client:
        judge = bearer(client, "demo-judge")
        for query, causes in EXAMPLE_QUERIES:
            page = client.get("/bench/retrieval", headers=judge, params={"q": query})
            cards = re.findall(r'data-testid="retrieval-result">(.*?)</li>', page.text, re.S)
            assert len(cards) >= 10, query
            assert [card for card in cards[:10] if not any(f"· {cause}" in card for cause in causes)] == [], query


def test_the_panel_ranks_by_similarity_with_passages_from_the_facts(db, settings, demo_index):
    facts = ("被告向原告借款二十万元，约定月利率百分之二，出具借条一份，原告通过微信转账交付。"
             "借款到期后被告未还款，被告的配偶辩称借款未用于家庭共同生活，不是夫妻共同债务。")
    case_id, judge = loan_case(db, settings, facts=facts)
    with db.reading() as session:
        similar = service.similar_to_case(session, demo_index, actor=judge, case_id=case_id, limit=5)
    scores = [r.score for r in similar]
    assert len(similar) == 5 and len(set(scores)) > 1 and scores == sorted(scores, reverse=True)
    assert {r.judgment.cause for r in similar} == {"民间借贷纠纷"}
    for result in similar:
        passage = re.sub("</?mark>", "", result.highlights[0])
        assert passage in result.judgment.facts


def test_the_panel_of_a_demo_case_without_facts_shows_its_cause_s_statutes(db, settings, demo_index, tmp_path):
    with db.reading() as session:
        case = session.scalars(select(Case).join(Court, Court.id == Case.court_id).where(
            Court.code == "浙0106", Case.cause_name == "民间借贷纠纷", Case.facts_and_reasons == "")
            .order_by(Case.id).limit(1)).one()
    app = create_app(settings=settings.model_copy(update={"retrieval_index_dir": tmp_path / "index"}), db=db)
    app.state.retrieval_index = demo_index
    with TestClient(app) as client:
        panel = client.get(f"/bench/cases/{case.id}/similar", headers=bearer(client, "demo-president"))
        search_page = client.get("/bench/retrieval", headers=bearer(client, "demo-judge"))
    assert panel.status_code == 200 and 'data-testid="similar-cases"' not in panel.text
    assert "本案尚无事实与理由" in panel.text and "民间借贷纠纷常引法条" in panel.text
    assert "《民法典》第675条" in panel.text  # cited by the demo's 民间借贷 judgments
    assert all(query in search_page.text for query, _ in EXAMPLE_QUERIES)


def test_the_demo_loader_fills_the_case_base_it_is_given(db, settings, monkeypatch):
    filled = []
    monkeypatch.setattr(synthetic, "load_demo_case_base", lambda database, index: filled.append(index) or 7)
    said = []
    loader.load_demo(db, settings, cases=0, echo=said.append, case_base="the index")
    loader.load_demo(db, settings, cases=0, echo=said.append)
    assert filled == ["the index"] and said == ["案例库：7 件演示裁判文书入库"]
