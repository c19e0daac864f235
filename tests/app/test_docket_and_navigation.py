"""The docket pages through every open case (it used to stop at 500), and staff see their unread count on 通知."""

import re

from omnicourt.cases import pages as case_pages
from omnicourt.cases import service as cases
from omnicourt.notifications import service as notifications
from tests.app.conftest import bearer
from tests.conftest import actor_named


def test_the_docket_pages_through_every_open_case(client, db, monkeypatch):
    monkeypatch.setattr(case_pages, "DOCKET_SIZE", 3)
    president = actor_named(db, "demo-high-president")
    with db.reading() as session:
        total = cases.count_cases(session, actor=president, open_only=True)
    assert total > 6, "the demo province has open cases to page through"
    headers = bearer(client, "demo-high-president")
    first = client.get("/bench/docket", headers=headers).text
    last_page = -(-total // 3)
    assert f"第 1 / {last_page} 页，共 {total} 件" in first and 'data-page="next"' in first
    last = client.get("/bench/docket", params={"page": last_page}, headers=headers).text
    shown = re.findall(r'<tr data-case="(\d+)"', first) + re.findall(r'<tr data-case="(\d+)"', last)
    assert len(shown) == 3 + (total - 3 * (last_page - 1)) and len(set(shown)) == len(shown)
    assert 'data-page="next"' not in last


def test_staff_see_how_many_notifications_are_unread(client, db):
    clerk = actor_named(db, "demo-clerk")
    headers = bearer(client, "demo-clerk")
    with db.reading() as session:
        before = notifications.unread_count(session, actor=clerk)
    with db.transaction() as session:
        notifications.notify(session, recipient_ids=[clerk.id, clerk.id], kind="deadline_warning", message="测试提醒")
    page = client.get("/bench/docket", headers=headers).text
    assert re.search(rf'data-testid="unread-count"[^>]*>{before + 1}</span>', page)
    with db.reading() as session:
        newest = notifications.unread(session, actor=clerk, limit=before + 1)
    with db.transaction() as session:
        for item in newest:
            notifications.mark_read(session, actor=clerk, notification_id=item.id)
    assert 'data-testid="unread-count"' not in client.get("/bench/docket", headers=headers).text
