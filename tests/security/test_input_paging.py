"""List endpoints page by cursor (keyset), so a deep page costs what the first one does; offsets are capped."""

import pytest

from omnicourt.limits import MAX_OFFSET
from tests.app.conftest import bearer
from tests.security.test_input_text import filing_body


def walk(client, path: str, headers: dict, params: dict, *, cursor_param: str = "cursor") -> list[list[int]]:
    """Every page of a list, following X-Next-Cursor; the ids of each page."""
    pages, cursor = [], None
    while True:
        response = client.get(path, headers=headers, params=params | ({cursor_param: cursor} if cursor else {}))
        assert response.status_code == 200, response.text
        pages.append([row["id"] for row in response.json()])
        cursor = response.headers.get("X-Next-Cursor")
        if cursor is None:
            return pages


@pytest.mark.parametrize("order", ["newest", "deadline"])
def test_cursor_pages_of_cases_are_the_whole_list_in_order(client, order):
    headers = bearer(client, "demo-high-president")
    whole, offset = [], 0
    while batch := [c["id"] for c in client.get("/api/v1/cases", headers=headers,
                                                params={"order": order, "limit": 200, "offset": offset}).json()]:
        whole, offset = whole + batch, offset + 200
    assert len(whole) > 200  # the province of the small demo: more than one page of 200
    pages = walk(client, "/api/v1/cases", headers, {"order": order, "limit": 37})
    assert [case_id for page in pages for case_id in page] == whole
    assert all(len(page) == 37 for page in pages[:-1])


@pytest.mark.parametrize(("params", "field"), [
    ({"cursor": "not-a-cursor"}, "cursor"),
    ({"cursor": "2024-02-30_5"}, "cursor"),
    ({"cursor": "_99999999999999999999"}, "cursor"),
    ({"offset": MAX_OFFSET + 1}, "offset"),
])
def test_bad_cursors_and_deep_offsets_are_refused(client, params, field):
    response = client.get("/api/v1/cases", headers=bearer(client, "demo-president"), params=params)
    assert response.status_code == 422 and response.json()["field"] == field


def test_dashboard_drill_list_pages_by_cursor_like_by_page(client):
    headers = bearer(client, "demo-president")
    params = {"measure": "pending"}
    by_page, page = [], 1
    while True:
        found = client.get("/api/v1/dashboard/cases", headers=headers, params=params | {"page": page}).json()
        by_page += [c["id"] for c in found["cases"]]
        if not found["has_next"]:
            break
        page += 1
    by_cursor, cursor = [], None
    while True:
        found = client.get("/api/v1/dashboard/cases", headers=headers,
                           params=params | ({"cursor": cursor} if cursor else {})).json()
        by_cursor += [c["id"] for c in found["cases"]]
        cursor = found["next_cursor"]
        assert (cursor is None) == (not found["has_next"])
        if cursor is None:
            break
    assert by_cursor == by_page and len(by_page) > 0


def test_my_filings_page_by_the_last_id(client):
    headers = bearer(client, "demo-party")
    for _ in range(5):
        assert client.post("/api/v1/filings", headers=headers, json=filing_body("张三")).status_code == 201
    whole = [f["id"] for f in client.get("/api/v1/filings", headers=headers, params={"limit": 200}).json()]
    assert len(whole) > 2
    pages = walk(client, "/api/v1/filings", headers, {"limit": 2}, cursor_param="after")
    assert [i for page in pages for i in page] == whole
