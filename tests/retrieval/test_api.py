"""The retrieval API and pages over HTTP: search with filters, a case's similar cases and statutes, statutes by
cause, cases by article, the bench search page and the case page's panel."""

import pytest
from fastapi.testclient import TestClient

from omnicourt.app import create_app
from tests.app.conftest import bearer, username_of
from tests.retrieval.conftest import corpus, loan_case


@pytest.fixture
def client(db, settings, index, tmp_path):
    app = create_app(settings=settings.model_copy(update={"retrieval_index_dir": tmp_path / "index"}), db=db)
    app.state.retrieval_index = index
    with TestClient(app) as test_client:
        yield test_client


def test_search_with_filters(client, db, index):
    ids = corpus(db, index)
    judge = bearer(client, "demo-judge")
    response = client.get("/api/v1/retrieval/search", headers=judge,
                          params={"q": "连带责任保证 罚息", "cause": "民间借贷纠纷", "year_from": 2023})
    assert response.status_code == 200, response.text
    results = response.json()
    assert [r["judgment"]["id"] for r in results] == [ids["guaranteed"]]
    assert results[0]["judgment"]["cause"] == "民间借贷纠纷" and "<mark>" in " ".join(results[0]["highlights"])
    bad = client.get("/api/v1/retrieval/search", headers=judge, params={"q": "借款", "court_level": "supreme"})
    assert bad.status_code == 422 and "法院层级" in bad.text
    assert client.get("/api/v1/retrieval/search", headers=judge).status_code == 422  # no query
    client.cookies.clear()  # signing in left a session cookie
    assert client.get("/api/v1/retrieval/search", params={"q": "借款"}).status_code == 401
    officer = bearer(client, "demo-filing-officer")
    assert client.get("/api/v1/retrieval/search", headers=officer, params={"q": "借款"}).status_code == 403


def test_similar_cases_and_their_statutes(client, db, settings, index):
    ids = corpus(db, index)
    case_id, judge = loan_case(db, settings)
    headers = bearer(client, username_of(db, judge.id))
    response = client.get(f"/api/v1/retrieval/cases/{case_id}/similar", headers=headers, params={"limit": 3})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["similar"][0]["judgment"]["id"] == ids["guaranteed"]
    assert "保证" in body["similar"][0]["shared_elements"]
    assert case_id not in [r["judgment"]["case_id"] for r in body["similar"]]
    assert "《民法典》第675条" in [s["label"] for s in body["statutes"]]
    page = client.get(f"/bench/cases/{case_id}/similar", headers=headers)
    assert page.status_code == 200 and "类案推荐" in page.text and "相似之处" in page.text
    case_page = client.get(f"/bench/cases/{case_id}", headers=headers)
    assert f'hx-get="/bench/cases/{case_id}/similar"' in case_page.text


def test_statutes_by_cause_and_cases_by_article(client, db, index):
    ids = corpus(db, index)
    judge = bearer(client, "demo-judge")
    statutes = client.get("/api/v1/retrieval/statutes", headers=judge, params={"cause": "民间借贷纠纷", "limit": 100})
    assert statutes.status_code == 200 and "《民法典》第688条" in [s["label"] for s in statutes.json()]
    assert client.get("/api/v1/retrieval/statutes", headers=judge).status_code == 422
    applying = client.get("/api/v1/retrieval/articles/民法典/688/cases", headers=judge, params={"limit": 100})
    assert applying.status_code == 200
    body = applying.json()
    assert (body["law"], body["article"]) == ("中华人民共和国民法典", "688")
    assert ids["guaranteed"] in [j["id"] for j in body["cases"]]
    assert client.get("/api/v1/retrieval/articles/民法典/某条/cases", headers=judge).status_code == 422


def test_the_bench_search_page_highlights_matches(client, db, index):
    corpus(db, index)
    judge = bearer(client, "demo-judge")
    page = client.get("/bench/retrieval", headers=judge, params={"q": "醉酒驾驶", "outcome": "convicted"})
    assert page.status_code == 200
    assert "饮酒后<mark>驾驶</mark>" in page.text and "（2023）浙0106刑初456号" in page.text  # from the facts
    refused = client.get("/bench/retrieval", headers=judge,
                         params={"q": "借款", "year_from": "2024", "year_to": "2020"})
    assert refused.status_code == 422 and "起始年份不能晚于截止年份" in refused.text
    for year in ("²", str(10**20), "1066"):
        bad_year = client.get("/bench/retrieval", headers=judge, params={"q": "借款", "year_to": year})
        assert bad_year.status_code == 422 and "年份应为" in bad_year.text, year
    empty = client.get("/bench/retrieval", headers=judge)
    assert empty.status_code == 200 and 'id="retrieval-form"' in empty.text
