"""The ledger page as leaders read it: court, responsible judge and days overdue, the most overdue case first."""

import re
from datetime import timedelta
from io import BytesIO

from dateutil.relativedelta import relativedelta
from openpyxl import load_workbook

from omnicourt import clock
from omnicourt.cases.models import Case
from omnicourt.supervision import pages as ledger_pages
from omnicourt.supervision import service
from tests.app.conftest import bearer
from tests.supervision.conftest import make_case
from tests.supervision.test_routes import app, client  # noqa: F401  (the whole app over the supervision tables)

TIERS = (12, 18, 36)


def test_the_most_overdue_case_comes_first_with_its_court_and_days(client, db, staff):  # noqa: F811
    today = clock.today()
    older = today - relativedelta(months=20)
    less_late, more_late = (make_case(db, staff, accepted_on=older) for _ in range(2))
    with db.transaction() as session:
        session.get(Case, less_late).deadline_on = today - timedelta(days=5)
        session.get(Case, more_late).deadline_on = today - timedelta(days=40)
        service.sync_ledger(session, court_id=staff.court_id, today=today, tiers=TIERS)
    page = client.get("/bench/supervision/ledger", headers=bearer(client, "demo-division-chief")).text
    order = [int(i) for i in re.findall(r'<tr data-case="(\d+)"', page)]
    assert order.index(more_late) < order.index(less_late)
    row = page.split(f'<tr data-case="{more_late}"', 1)[1].split("</tr>", 1)[0]
    assert "杭州市西湖区人民法院" in row and 'data-days-overdue="40"' in row and "<th>超审限天数</th>" not in row
    assert "<th>法院</th>" in page and "超审限天数" in page


def test_the_ledger_pages_through_its_entries(client, db, staff, monkeypatch):  # noqa: F811
    monkeypatch.setattr(ledger_pages, "LEDGER_PAGE", 1)
    for _ in range(2):
        make_case(db, staff, accepted_on=clock.today() - relativedelta(months=14))
    with db.transaction() as session:
        service.sync_ledger(session, court_id=staff.court_id, today=clock.today(), tiers=TIERS)
    headers = bearer(client, "demo-division-chief")
    first = client.get("/bench/supervision/ledger", headers=headers).text
    total = int(re.search(r"共 (\d+) 件", first).group(1))
    assert total >= 2 and f"第 1 / {total} 页" in first and len(re.findall(r'<tr data-case="', first)) == 1
    walked, page = [], first
    while True:
        walked += [int(i) for i in re.findall(r'<tr data-case="(\d+)"', page)]
        following = re.search(r'data-page="next" href="([^"]+)"', page)
        if following is None:
            break
        page = client.get("/bench/supervision/ledger" + following.group(1).replace("&amp;", "&"), headers=headers).text
    assert len(walked) == len(set(walked)) == total
    with db.reading() as session:
        deadlines = [session.get(Case, case_id).deadline_on for case_id in walked]
    assert [d is None for d in deadlines] == sorted(d is None for d in deadlines)
    assert [d for d in deadlines if d] == sorted(d for d in deadlines if d)


def test_the_export_holds_every_row_read_in_batches(client, db, staff, monkeypatch):  # noqa: F811
    monkeypatch.setattr(service, "LEDGER_BATCH", 1)
    for _ in range(3):
        make_case(db, staff, accepted_on=clock.today() - relativedelta(months=15))
    with db.transaction() as session:
        service.sync_ledger(session, court_id=staff.court_id, today=clock.today(), tiers=TIERS)
    headers = bearer(client, "demo-president")
    total = int(re.search(r"共 (\d+) 件", client.get("/bench/supervision/ledger", headers=headers).text).group(1))
    export = client.get("/api/v1/supervision/ledger/export", headers=headers)
    assert total >= 3 and load_workbook(BytesIO(export.content)).active.max_row == total + 1
