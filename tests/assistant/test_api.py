"""The assistant over HTTP: the JSON API a judge's client uses, and the bench page with its HTMX fragments."""

from tests.app.conftest import analysed, bearer, username_of
from tests.assistant.samples import DEFENCE, loan_case

BASE = "/api/v1/cases/{}/assistant"


def test_a_judge_runs_the_assistant_through_the_api(client, db, settings):
    case = loan_case(db, settings)
    judge = bearer(client, username_of(db, case.judge.id))
    base = BASE.format(case.id)
    view = analysed(client, client.post(base + "/analysis", headers=judge, json={}), judge)
    elements = {e["field"]: e for e in view["elements"]}
    assert elements["loan.principal"]["value"] == "100000.00" and elements["loan.principal"]["status"] == "proposed"
    assert view["amounts"]["principal"] == "100000.00"

    refused = client.post(base + "/elements/contract.date/correction", headers=judge, json={"value": "2023-02-30"})
    assert refused.status_code == 422 and refused.json()["field"] == "value"
    corrected = client.post(base + "/elements/borrower.1.name/correction", headers=judge,
                            json={"value": "李四", "reason": "借款合同载明"})
    assert corrected.status_code == 200 and corrected.json()["status"] == "corrected"

    blocked = client.get(base + "/draft", headers=judge)
    assert blocked.status_code == 409 and "尚未经法官确认" in blocked.json()["detail"]
    for field in elements:
        confirmed = client.post(base + f"/elements/{field}/confirmation", headers=judge)
        assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed", field

    added = analysed(client, client.post(base + "/documents", headers=judge,
                                         files={"file": ("答辩状.txt", DEFENCE.encode())}), judge)
    points = {p["code"] for p in added["points"]}
    assert points == {"rate_above_cap", "lawyer_fees_disputed"}
    assert not added["draft_ready"]
    filed = {e["field"]: e for e in added["elements"]}["defence.filed"]
    assert filed["value"] is False and filed["conflicts"][0]["value"] is True  # the defence contradicts it
    client.post(base + "/elements/defence.filed/correction", headers=judge, json={"value": True})
    for code in points:
        decided = client.post(base + f"/points/{code}/decision", headers=judge,
                              json={"decision": "rejected", "reason": "被告未提交证据。"})
        assert decided.status_code == 200 and decided.json()["decision"] == "rejected"
    draft = client.get(base + "/draft", headers=judge)
    assert draft.status_code == 200, draft.text
    assert draft.content[:2] == b"PK"  # a .docx is a zip


def test_the_bench_page_shows_sources_and_swaps_an_element_with_htmx(client, db, settings):
    case = loan_case(db, settings)
    judge = bearer(client, username_of(db, case.judge.id))
    analysed(client, client.post(BASE.format(case.id) + "/analysis", headers=judge, json={}), judge)
    page = client.get(f"/bench/cases/{case.id}/assistant", headers=judge)
    assert page.status_code == 200
    assert "<mark>100,000.00元</mark>" in page.text and 'id="element-loan.principal"' in page.text
    fragment = client.post(f"/bench/cases/{case.id}/assistant/elements/loan.principal/confirmation",
                           headers=judge | {"HX-Request": "true"})
    assert fragment.status_code == 200
    assert 'data-status="confirmed"' in fragment.text and 'hx-swap-oob="true"' in fragment.text
    assert "<mark>100,000.00元</mark>" in fragment.text  # the fragment reads the element's own source
    source = client.get(f"/bench/cases/{case.id}/assistant/source", headers=judge,
                        params={"document": "借款合同.txt", "start": 0, "end": 6})
    assert '<mark id="source-mark">个人借款合同</mark>' in source.text
    case_page = client.get(f"/bench/cases/{case.id}", headers=judge)
    assert f'href="/bench/cases/{case.id}/assistant"' in case_page.text
