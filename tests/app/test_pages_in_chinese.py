"""What users read on pages is Chinese: dates, choices instead of codes, the 404 page, the case number as heading,
and the interest calculator page."""

import re
from datetime import UTC, date, datetime

from sqlalchemy import select

from omnicourt.cases.models import Case
from omnicourt.deadlines import calculator as deadline_calculator
from omnicourt.deadlines import schemas
from omnicourt.deadlines.models import DeadlineAdjustment
from omnicourt.interest import calculator as interest_calculator
from omnicourt.web.templating import cn_date, local_time
from tests.app.conftest import bearer, username_of
from tests.conftest import TODAY
from tests.deadlines.test_workflows import simple_case

INTEREST = {"principal": "100000", "rate": "年利率6.12%", "start": "2024-01-01", "end": "2024-12-31",
            "basis": "365", "penalty_uplift": "0.5", "cap": "financial"}


def test_dates_are_written_the_chinese_way():
    assert cn_date(date(2026, 12, 4)) == "2026年12月4日"
    assert cn_date("2026-03-01") == "2026年3月1日"  # JSON-ready results carry ISO text
    assert cn_date(None) == "—"
    assert local_time(datetime(2026, 12, 3, 16, 30, tzinfo=UTC)) == "2026年12月4日 00:30"  # Beijing time


def test_unknown_pages_answer_in_chinese_and_the_api_in_json(client):
    page = client.get("/calculators/nothing-here")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "页面不存在" in page.text and "/calculators/nothing-here" in page.text and "Not Found" not in page.text
    api = client.get("/api/v1/nothing-here")
    assert api.status_code == 404 and api.json() == {"detail": "接口不存在：/api/v1/nothing-here", "field": None}
    wrong_method = client.delete("/calculators/fee")
    assert wrong_method.status_code == 405 and "不支持" in wrong_method.text


def test_a_form_sent_after_the_session_ended_says_so_and_leads_to_sign_in(client):
    client.cookies.clear()
    page = client.post("/portal/account/company-link-requests", data={"court_code": "浙0106"})
    assert page.status_code == 401 and "请先登录" in page.text and 'href="/login"' in page.text
    flash = client.post("/portal/account/company-link-requests", data={"court_code": "浙0106"},
                        headers={"HX-Request": "true"})
    assert flash.status_code == 401 and "请先登录" in flash.text and 'href="/login"' in flash.text


def test_the_interest_page_computes_what_the_cli_computes(client):
    expected = interest_calculator.calculate("100000", "年利率6.12%", "2024-01-01", "2024-12-31", 365, "0.5",
                                             "financial")
    page = client.get("/calculators/interest", params=INTEREST)
    assert page.status_code == 200
    assert "6,120.00" in page.text and "9,180.00" in page.text  # interest and penalty (court-rules.md §4)
    assert expected["wording"] in page.text and "2024年1月1日" in page.text and "6.12%" in page.text
    api = client.get("/api/v1/calculators/interest", params=INTEREST)
    assert api.status_code == 200 and api.json() == expected
    refused = client.get("/calculators/interest", params={**INTEREST, "rate": "看情况"})
    assert refused.status_code == 200 and "利率" in refused.text and "interest-result" not in refused.text
    assert client.get("/api/v1/calculators/interest", params={**INTEREST, "principal": "-1"}).status_code == 422


def test_the_deadline_calculator_takes_chinese_choices(client):
    page = client.get("/calculators/deadline", params={
        "case_type": "民初", "procedure": "simple", "filed": "2026-01-31", "on": "2026-03-15",
        "suspension_kind": ["appraisal", ""], "suspension_from": ["2026-02-10", ""],
        "suspension_to": ["2026-03-01", ""], "extension": ["1m", ""]})
    assert page.status_code == 200, page.text
    assert 'value="appraisal" selected>鉴定期间' in page.text and 'value="1m" selected>一个月' in page.text
    assert "appraisal:" not in page.text and "如 1m" not in page.text
    # The same as the codes of the README's CLI example give.
    coded = deadline_calculator.calculate(schemas.DeadlineParams(
        case_type="民初", procedure="simple", filed="2026-01-31", on="2026-03-15",
        suspensions=["appraisal:2026-02-10:2026-03-01"], extensions=["1m"]), today=TODAY)
    assert calculated_deadline(page.text) == cn_date(coded["deadline"])
    assert coded["deadline"] > "2026-05-31"  # both the period and the extension moved it past 3 months
    missing = client.get("/calculators/deadline", params={"filed": "2026-01-31", "suspension_kind": "appraisal",
                                                          "suspension_from": "", "suspension_to": ""})
    assert "请填写鉴定期间的开始日期" in missing.text


def calculated_deadline(html: str) -> str:
    return re.search(r'data-testid="calc-deadline">([^<]+)<', html).group(1)


def test_a_judge_chooses_the_extension_length_in_chinese(client, db, settings):
    case_id, judge, _ = simple_case(db, settings, accepted_days_ago=30)
    headers = bearer(client, username_of(db, judge.id))
    fragment = client.get(f"/bench/cases/{case_id}/deadline", headers=headers)
    assert '<option value="1m" selected>一个月</option>' in fragment.text
    assert "六个月" not in fragment.text  # simple procedure: one month at most (CPL art. 164)
    response = client.post(f"/bench/cases/{case_id}/deadline/extensions", headers=headers,
                           data={"length": "1m", "reason": "案情复杂"}, follow_redirects=False)
    assert response.status_code == 303
    with db.reading() as session:
        adjustment = session.scalar(select(DeadlineAdjustment).where(DeadlineAdjustment.case_id == case_id))
        assert (adjustment.kind, adjustment.months, adjustment.days) == ("extension", 1, 0)


def test_case_pages_are_headed_by_the_case_number(client, db, settings):
    case_id, judge, party = simple_case(db, settings, accepted_days_ago=3)
    with db.reading() as session:
        case = session.get(Case, case_id)
    for path, username, password in ((f"/bench/cases/{case_id}", username_of(db, judge.id), "omnicourt-demo"),
                                     (f"/portal/cases/{case_id}", username_of(db, party.id), "correct-horse-9")):
        page = client.get(path, headers=bearer(client, username, password))
        assert page.status_code == 200, page.text
        assert f"<title>{case.case_number}</title>" in page.text
        assert re.search(rf"<h1[^>]*>{re.escape(case.case_number)}</h1>", page.text)
        assert "OmniCourt" not in page.text.split("</head>")[0]
        assert f"{case.accepted_on.year}年{case.accepted_on.month}月{case.accepted_on.day}日" in page.text
        shown = re.sub(r'(value|min|max)="[^"]*"', "", page.text)  # date pickers keep ISO values
        assert not re.search(r"\d{4}-\d{2}-\d{2}", shown)  # no ISO dates, on the timeline either
