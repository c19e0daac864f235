"""The ledger lists by cursor too: the pages after X-Next-Cursor are the whole ledger, in order."""

from omnicourt.supervision import service
from tests.app.conftest import bearer
from tests.supervision.conftest import make_case, staff  # noqa: F401  (the supervision fixtures)
from tests.supervision.test_ledger import TODAY, months_ago, sync


def test_ledger_pages_by_cursor_are_the_whole_ledger(db, staff):  # noqa: F811
    for months in (13, 14, 15, 20, 25):
        make_case(db, staff, accepted_on=months_ago(months))
    sync(db, staff)
    with db.reading() as session:
        whole = [r.case.id for r in service.all_ledger_rows(session, actor=staff.president, today=TODAY)]
        pages, after = [], None
        while True:
            page = service.list_ledger(session, actor=staff.president, today=TODAY, limit=2, after=after)
            pages.append([r.case.id for r in page])
            if len(page) < 2:
                break
            after = service.ledger_cursor(page[-1])
    assert len(whole) >= 5
    assert [case_id for page in pages for case_id in page] == whole


def test_every_ledger_row_is_read_in_batches_most_overdue_first(db, staff):  # noqa: F811
    for months in (13, 14, 15, 20, 25):
        make_case(db, staff, accepted_on=months_ago(months))
    sync(db, staff)
    with db.reading() as session:
        count, _ = service.ledger_counts(session, actor=staff.president, today=TODAY)
        rows = list(service.all_ledger_rows(session, actor=staff.president, today=TODAY, batch=2))
    assert len(rows) == count >= 5 and len({r.case.id for r in rows}) == count
    deadlines = [(r.case.deadline_on is None, r.case.deadline_on or TODAY, r.case.id) for r in rows]
    assert deadlines == sorted(deadlines)


def test_ledger_route_gives_the_next_cursor_in_a_header(client, db, staff):  # noqa: F811
    for months in (13, 16, 22):
        make_case(db, staff, accepted_on=months_ago(months))
    sync(db, staff)
    headers = bearer(client, "demo-president")
    whole = [row["case_id"] for row in client.get("/api/v1/supervision/ledger", headers=headers).json()]
    walked, cursor = [], None
    while True:
        response = client.get("/api/v1/supervision/ledger", headers=headers,
                              params={"limit": 2} | ({"cursor": cursor} if cursor else {}))
        walked += [row["case_id"] for row in response.json()]
        cursor = response.headers.get("X-Next-Cursor")
        if cursor is None:
            break
    assert len(whole) >= 3 and walked == whole
