"""Who may see which place, and the drill-down from the province to a judge's cases (API and pages)."""

import pytest
from sqlalchemy import select

from omnicourt.reference.models import Court, Division
from tests.app.conftest import bearer
from tests.conftest import actor_named


@pytest.fixture
def high(dash_client):
    return bearer(dash_client, "demo-high-president")


def test_a_judge_is_refused(dash_client):
    headers = bearer(dash_client, "demo-judge")
    response = dash_client.get("/api/v1/dashboard", headers=headers)
    assert response.status_code == 403 and "院长" in response.json()["detail"]
    assert dash_client.get("/bench/dashboard", headers=headers).status_code == 403


def test_a_court_president_sees_the_court_but_not_the_province_or_another_court(dash_client, dash_db):
    headers = bearer(dash_client, "demo-president")
    president = actor_named(dash_db, "demo-president")
    own = dash_client.get("/api/v1/dashboard", headers=headers).json()
    assert own["place"] == {"level": "court", "name": own["place"]["name"], "city": own["place"]["city"],
                            "court_id": president.court_id, "division_id": None, "judge_id": None}
    assert own["child_level"] == "division"
    assert [c["linked"] for c in own["breadcrumbs"]] == [False, False, True]
    assert dash_client.get("/api/v1/dashboard?level=province", headers=headers).status_code == 403
    other = president.court_id + 1
    assert dash_client.get(f"/api/v1/dashboard?level=court&court_id={other}", headers=headers).status_code == 403
    division = own["children"][0]["place"]["division_id"]
    assert dash_client.get(f"/api/v1/dashboard?level=division&division_id={division}",
                           headers=headers).status_code == 200


def test_a_division_chief_sees_only_the_division(dash_client, dash_db):
    headers = bearer(dash_client, "demo-division-chief")
    chief = actor_named(dash_db, "demo-division-chief")
    own = dash_client.get("/api/v1/dashboard", headers=headers).json()
    assert own["place"]["level"] == "division" and own["place"]["division_id"] == chief.division_id
    assert own["child_level"] == "judge" and all(c["place"]["level"] == "judge" for c in own["children"])
    assert dash_client.get(f"/api/v1/dashboard?level=court&court_id={chief.court_id}",
                           headers=headers).status_code == 403


def test_drill_down_returns_the_right_children(dash_client, dash_db, high):
    province = dash_client.get("/api/v1/dashboard?period=year", headers=high).json()
    with dash_db.reading() as session:
        courts = list(session.scalars(select(Court)))
    assert province["child_level"] == "city"
    assert sorted(c["place"]["city"] for c in province["children"] if c["place"]["level"] == "city") == \
        sorted({c.city for c in courts})
    assert sum(c["figures"]["filed"] for c in province["children"]) == province["figures"]["filed"]
    assert province["rankings"][0]["rows"][0]["place"]["level"] == "court"
    hangzhou = dash_client.get("/api/v1/dashboard", params={"level": "city", "city": "杭州市", "period": "year"},
                               headers=high).json()
    assert {c["place"]["court_id"] for c in hangzhou["children"]} == \
        {c.id for c in courts if c.city == "杭州市" and c.level in ("intermediate", "basic")}
    busiest = max(hangzhou["children"], key=lambda c: c["figures"]["pending"])["place"]
    court = dash_client.get("/api/v1/dashboard", params={"level": "court", "court_id": busiest["court_id"],
                                                          "period": "year"}, headers=high).json()
    with dash_db.reading() as session:
        division_ids = set(session.scalars(select(Division.id).where(Division.court_id == busiest["court_id"])))
    assert {c["place"]["division_id"] for c in court["children"]} <= division_ids | {0}
    assert [c["place"]["level"] for c in court["breadcrumbs"]] == ["province", "city", "court"]
    assert sum(c["figures"]["filed"] for c in court["children"]) == court["figures"]["filed"] == \
        next(c for c in hangzhou["children"] if c["place"]["court_id"] == busiest["court_id"])["figures"]["filed"]
    division = max(court["children"], key=lambda c: c["figures"]["pending"])["place"]
    judges = dash_client.get("/api/v1/dashboard", params={"level": "division",
                                                           "division_id": division["division_id"]},
                             headers=high).json()
    assert judges["child_level"] == "judge"
    judge = max(judges["children"], key=lambda c: c["figures"]["pending"])
    listed = dash_client.get("/api/v1/dashboard/cases", params={"level": "judge", "measure": "pending",
                                                                 "judge_id": judge["place"]["judge_id"]},
                             headers=high).json()
    assert len(listed["cases"]) == min(50, judge["figures"]["pending"])
    assert all(c["judge_id"] == judge["place"]["judge_id"] and c["closed_on"] is None for c in listed["cases"])


def test_bad_parameters_are_the_users_error(dash_client, high):
    assert dash_client.get("/api/v1/dashboard?period=quarter&at=2026-Q9", headers=high).status_code == 422
    assert dash_client.get("/api/v1/dashboard/cases?measure=everything", headers=high).status_code == 422
    assert dash_client.get("/api/v1/dashboard?level=court&court_id=999999", headers=high).status_code == 404


def test_pages_drill_from_the_province_to_a_judges_cases(dash_client, high):
    page = dash_client.get("/bench/dashboard", headers=high)
    assert page.status_code == 200
    html = page.text
    assert 'data-level="province"' in html and 'data-drill="city"' in html
    assert "/static/vendor/echarts.min.js" in html and "cdn" not in html.lower()
    fragment = dash_client.get("/bench/dashboard?level=city&city=杭州市", headers=high | {"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert 'data-level="city"' in fragment.text and 'data-drill="court"' in fragment.text
    api = dash_client.get("/api/v1/dashboard", params={"level": "city", "city": "杭州市"}, headers=high).json()
    court_id = api["children"][0]["place"]["court_id"]
    court = dash_client.get(f"/bench/dashboard?level=court&court_id={court_id}", headers=high).text
    assert 'data-level="court"' in court and 'data-drill="division"' in court and 'data-crumb="city"' in court
    cases = dash_client.get(f"/bench/dashboard/cases?level=court&court_id={court_id}&measure=pending",
                            headers=high)
    assert cases.status_code == 200 and 'id="dashboard-cases"' in cases.text
    assert "/bench/cases/" in cases.text or "没有案件" in cases.text
