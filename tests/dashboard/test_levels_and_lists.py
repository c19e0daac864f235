"""The province screen as leaders read it: levels apart, cities in the official order, the year so far by default,
and the cases behind a number with their court, judge and days overdue, the most overdue first, page by page."""

from datetime import date

from sqlalchemy import func, select

from omnicourt import clock
from omnicourt.cases.models import Case
from omnicourt.reference.models import Court
from tests.app.conftest import bearer

OFFICIAL_ORDER = ["杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市",
                  "丽水市"]


def test_the_province_shows_the_high_court_the_cities_in_order_and_the_specialised_courts_apart(dash_client,
                                                                                                 dash_db):
    high = bearer(dash_client, "demo-high-president")
    province = dash_client.get("/api/v1/dashboard", headers=high).json()
    children = province["children"]
    assert children[0]["place"]["name"] == "浙江省高级人民法院" and children[0]["group"] == "高级人民法院"
    assert [c["place"]["name"] for c in children if c["place"]["level"] == "city"] == OFFICIAL_ORDER
    special = [c["place"]["name"] for c in children if c["group"] == "专门法院"]
    assert sorted(special) == sorted(["杭州互联网法院", "杭州铁路运输法院", "宁波海事法院"])
    with dash_db.reading() as session:
        levels = {c.id: c.level for c in session.scalars(select(Court))}
    rankings = {r["level"]: {levels[row["place"]["court_id"]] for row in r["rows"]} for r in province["rankings"]}
    assert rankings == {"基层人民法院": {"basic"}, "中级人民法院": {"intermediate"}, "专门法院": {"special"}}
    hangzhou = dash_client.get("/api/v1/dashboard", params={"level": "city", "city": "杭州市"}, headers=high).json()
    assert hangzhou["children"][0]["place"]["name"] == "杭州市中级人民法院"
    assert {levels[c["place"]["court_id"]] for c in hangzhou["children"][1:]} == {"basic"}
    assert [r["level"] for r in hangzhou["rankings"]] == ["基层人民法院"]
    page = dash_client.get("/bench/dashboard", headers=high).text
    assert page.index('data-group="高级人民法院"') < page.index("杭州市") < page.index('data-group="专门法院"')


def test_the_default_period_is_the_year_so_far(dash_client):
    today = clock.today()
    view = dash_client.get("/api/v1/dashboard", headers=bearer(dash_client, "demo-high-president")).json()
    assert view["period"]["kind"] == "year" and view["period"]["key"] == str(today.year)


def test_the_cases_behind_a_number_show_court_judge_and_days_overdue_most_overdue_first(dash_client, dash_db):
    high = bearer(dash_client, "demo-high-president")
    first = dash_client.get("/api/v1/dashboard/cases", params={"measure": "pending"}, headers=high).json()
    with dash_db.reading() as session:
        open_cases = session.scalar(select(func.count()).select_from(Case).where(Case.closed_on.is_(None)))
    assert first["total"] == open_cases and first["pages"] == -(-open_cases // 50)
    deadlines = [c["deadline_on"] or "9999-12-31" for c in first["cases"]]
    assert deadlines == sorted(deadlines)  # the most overdue first
    top = first["cases"][0]
    assert top["court_name"].endswith("法院") and top["judge_name"]
    assert top["days_overdue"] == (clock.today() - date.fromisoformat(top["deadline_on"])).days > 0
    second = dash_client.get("/api/v1/dashboard/cases", params={"measure": "pending", "page": 2}, headers=high).json()
    assert second["page"] == 2 and {c["id"] for c in second["cases"]}.isdisjoint({c["id"] for c in first["cases"]})
    page = dash_client.get("/bench/dashboard/cases", params={"measure": "overdue"}, headers=high).text
    assert "承办法官" in page and "超审限天数" in page and "共 " in page
