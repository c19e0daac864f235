"""Supervision routes: every one has a policy in the shared route × role matrix (tests/app/test_permissions.py),
and the pages and downloads a user sees work end to end."""

from datetime import timedelta
from io import BytesIO

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from omnicourt import clock
from omnicourt.app import create_app
from tests.app.test_permissions import POLICIES, api_routes


@pytest.fixture
def app(db, settings):
    return create_app(settings=settings, db=db)


@pytest.fixture
def client(app):
    with TestClient(app) as test_client:
        yield test_client


def supervision_routes(app):
    return [(m, p) for m, p in api_routes(app) if "/supervision" in p]


def test_every_supervision_route_has_a_policy(app):
    routes = supervision_routes(app)
    assert len(routes) == 22
    assert [r for r in routes if r not in POLICIES] == []


def sign_in(client, username):
    form = client.get("/login")
    response = client.post("/login", data={"username": username, "password": "omnicourt-demo",
                                           "csrf_token": csrf_of(form.text)}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return client.cookies.get("oc_csrf") or ""


def csrf_of(html: str) -> str:
    return html.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def test_pages_issue_acknowledge_reply(client, world):
    case_id = world["case"]["id"]
    sign_in(client, world["usernames"]["chief_same_division"])
    form = client.get(f"/bench/supervision/cases/{case_id}/notices/new")
    assert form.status_code == 200 and "督办" in form.text
    sent = client.post(f"/bench/supervision/cases/{case_id}/notices", follow_redirects=False,
                       data={"csrf_token": csrf_of(form.text), "kind": "reminder", "text": "请尽快开庭",
                             "due_on": (clock.today() + timedelta(days=2)).isoformat()})
    assert sent.status_code == 303, sent.text
    client.cookies.clear()
    sign_in(client, world["usernames"]["judge_assigned"])
    mine = client.get("/bench/supervision/notices")
    assert "请尽快开庭" in mine.text and "签收" in mine.text
    notice_id = int(mine.text.split('data-notice="', 1)[1].split('"', 1)[0])
    token = csrf_of(mine.text)
    assert client.post(f"/bench/supervision/notices/{notice_id}/acknowledgement", data={"csrf_token": token},
                       follow_redirects=False).status_code == 303
    assert client.post(f"/bench/supervision/notices/{notice_id}/reply", follow_redirects=False,
                       data={"csrf_token": token, "reply": "已排期开庭"}).status_code == 303
    assert "已排期开庭" in client.get("/bench/supervision/notices").text
    refused = client.post(f"/bench/supervision/notices/{notice_id}/reply", data={"reply": "x"})
    assert refused.status_code == 403  # no CSRF token


def test_report_page_prints_and_downloads(client, world):
    sign_in(client, world["usernames"]["chief_same_division"])
    page = client.get("/bench/supervision/reports", params={"period": "quarter"})
    assert page.status_code == 200 and "@media print" in page.text and "下载 Excel" in page.text
    export = page.text.split('href="/api/v1/supervision/reports/export', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    download = client.get("/api/v1/supervision/reports/export" + export)
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert load_workbook(BytesIO(download.content)).worksheets[0].cell(1, 1).value == "法院"
    ledger = client.get("/api/v1/supervision/ledger/export")
    assert load_workbook(BytesIO(ledger.content)).active.cell(1, 1).value == "案号"
    assert client.get("/bench/supervision/ledger").status_code == 200


def test_entry_page_plan_and_progress(client, db, world, settings):
    from dateutil.relativedelta import relativedelta

    from omnicourt.cases.models import Case
    from omnicourt.supervision import service

    case_id = world["case"]["id"]
    with db.transaction() as session:  # the world's case, made 13 months old and entered on the ledger
        case = session.get(Case, case_id)
        case.accepted_on = clock.today() - relativedelta(months=13)
        service.sync_ledger(session, court_id=case.court_id, today=clock.today(),
                            tiers=settings.dashboard_long_pending_months)
    sign_in(client, world["usernames"]["chief_same_division"])
    page = client.get(f"/bench/supervision/ledger/{case_id}")
    assert page.status_code == 200 and "制定 / 调整结案计划" in page.text
    judge_id = page.text.split('name="responsible_judge_id"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    leader_id = page.text.split('name="supervisor_id"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    saved = client.post(f"/bench/supervision/ledger/{case_id}/plan", follow_redirects=False, data={
        "csrf_token": csrf_of(page.text), "responsible_judge_id": str(world["case"]["judge_id"]),
        "supervisor_id": leader_id, "target_on": (clock.today() + timedelta(days=20)).isoformat(),
        "plan": "两周内开庭"})
    assert saved.status_code == 303, saved.text
    assert judge_id
    client.cookies.clear()
    sign_in(client, world["usernames"]["judge_assigned"])
    page = client.get(f"/bench/supervision/ledger/{case_id}")
    assert "两周内开庭" in page.text and "提交本周进展" in page.text
    assert client.post(f"/bench/supervision/ledger/{case_id}/progress", follow_redirects=False,
                       data={"csrf_token": csrf_of(page.text), "note": "已排期"}).status_code == 303
    assert "更新本周进展" in client.get(f"/bench/supervision/ledger/{case_id}").text
    assert case_id in [r["case_id"] for r in client.get("/api/v1/supervision/ledger").json()]


def test_report_page_refuses_a_year_or_number_out_of_range(client, world):
    sign_in(client, world["usernames"]["chief_same_division"])
    for field, params in (("year", {"year": str(10**20), "number": "1"}), ("number", {"year": "2024", "number": "13"}),
                          ("year", {"year": "²"})):
        refused = client.get("/bench/supervision/reports", params=params)
        assert refused.status_code == 422 and f"字段「{field}」" in refused.text, params


@pytest.mark.parametrize("value", ["²", "9" * 25, "0", "-3"])
def test_plan_form_refuses_an_id_that_is_no_id(client, world, value):
    case_id = world["case"]["id"]
    sign_in(client, world["usernames"]["chief_same_division"])
    token = csrf_of(client.get(f"/bench/supervision/cases/{case_id}/notices/new").text)
    refused = client.post(f"/bench/supervision/ledger/{case_id}/plan", follow_redirects=False,
                          data={"csrf_token": token, "responsible_judge_id": value, "plan": "两周内开庭"})
    assert refused.status_code == 422 and "承办法官无效" in refused.text
