"""Supervision in a real browser: a judge's extension request approved by the president, and the
province screen drilled down from the province to a judge and the cases behind a number."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from omnicourt import clock
from omnicourt.cases.models import Case
from omnicourt.deadlines.models import DeadlineAdjustment

pytestmark = pytest.mark.browser


def open_case_far_from_its_deadline(live_site) -> Case:
    """An open case with more than 20 days left and no deadline changes yet."""
    with live_site.db.reading() as session:
        changed = select(DeadlineAdjustment.case_id)
        return session.scalar(
            select(Case).where(Case.stage.in_(("assigned", "in_trial")), Case.judge_id.is_not(None),
                               Case.deadline_on > clock.today() + timedelta(days=20), Case.id.not_in(changed))
            .order_by(Case.id).limit(1))


def test_extension_request_approved_by_the_president(live_site, open_page, screenshot):
    case = open_case_far_from_its_deadline(live_site)
    assert case is not None, "the demo has an open case with time left"
    judge = open_page(live_site.username(id=case.judge_id))
    judge.goto(f"/bench/cases/{case.id}")
    before = judge.get_by_test_id("deadline-date").get_attribute("data-date")
    judge.select_option("#ext-length", label="一个月")
    judge.fill("#ext-reason", "案情复杂，需要补充鉴定材料")
    judge.click("#extension-form button[type=submit]")
    expect(judge.get_by_test_id("deadline-requests")).to_contain_text("待审批")
    screenshot(judge, "20-extension-requested")

    president = open_page(live_site.username(role="president", court_id=case.court_id))
    president.goto("/bench/deadlines/queue")
    item = president.locator("#deadline-queue li").filter(has_text=case.case_number)
    expect(item).to_contain_text("申请延长审限")
    item.locator("input[name=reason]").fill("同意延长一个月")
    item.locator("button[value=yes]").click()
    expect(president.locator("#deadline-queue")).not_to_contain_text(case.case_number)
    screenshot(president, "21-extension-approved")

    judge.goto(f"/bench/cases/{case.id}")
    expect(judge.get_by_test_id("deadline-requests")).to_contain_text("已批准")
    after = judge.get_by_test_id("deadline-date").get_attribute("data-date")
    assert date.fromisoformat(after) > date.fromisoformat(before)
    expect(judge.get_by_test_id("deadline-adjustments")).to_contain_text("延长审限")
    expect(judge.locator("main")).to_contain_text("批准延长审限")  # on the timeline, which parties see too


def drill(page: Page, level: str) -> None:
    """Click the first place of `level` that has pending cases, and wait for its view."""
    rows = page.locator(f"tr[data-row-level='{level}']")
    expect(rows.first).to_be_visible()
    for index in range(rows.count()):
        row = rows.nth(index)
        if row.locator("a[data-measure=pending]").inner_text().strip() not in ("", "0"):
            row.locator(f"a[data-drill='{level}']").click()
            expect(page.locator(f"#dashboard-view[data-level='{level}']")).to_be_visible()
            return
    raise AssertionError(f"no {level} with pending cases")


def test_drill_down_from_the_province_to_a_judge_and_the_cases_behind_a_number(live_site, open_page, screenshot):
    page = open_page("demo-high-president")
    page.goto("/bench/dashboard")
    expect(page.locator("#dashboard-view[data-level='province']")).to_be_visible()
    screenshot(page, "22-province")
    for level in ("city", "court", "division", "judge"):
        drill(page, level)
    screenshot(page, "23-judge")
    pending = page.locator("#dashboard-view a.value[data-measure=pending]")
    count = int(pending.inner_text())
    pending.click()
    rows = page.locator("#dashboard-cases tr[data-case-id]")
    expect(rows.first).to_be_visible()
    assert rows.count() == min(count, 50)
    screenshot(page, "24-case-list")
    rows.first.locator("a[data-case-link]").click()
    page.wait_for_url("**/bench/cases/*")
    expect(page.locator(".case-number")).to_be_visible()
    page.go_back()
    page.go_back()
    expect(page.locator("#dashboard-view[data-level='judge']")).to_be_visible()
