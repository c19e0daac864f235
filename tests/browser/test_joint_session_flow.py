"""Ten loan cases of one plaintiff taken by their judge from the joint hearing to ten judgment drafts in a real
browser, counting the judge's clicks and the seconds: grouping them and scheduling the sitting on the bench's
pages, then (the sitting recorded as held on its day, which the live clock cannot reach: through the service with
that day as court time) one click per case on the joint screen. Signing the drafts is not part of it.

Figures go to bench/RESULTS.md by hand; the test prints them (-s)."""

import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from omnicourt.cases.models import Case
from omnicourt.hearings.joint import service as joint
from omnicourt.judgments.models import JudgmentDocument
from omnicourt.security.models import Account
from tests.hearings.joint.conftest import make_batch

pytestmark = pytest.mark.browser
CASES = 10


def test_ten_loan_cases_from_the_joint_hearing_to_drafts(open_page, live_site, screenshot):
    b = make_batch(live_site.db, live_site.settings, n=CASES)
    with live_site.db.reading() as session:
        judge = session.get(Account, b.judge.id).username
        numbers = [session.get(Case, c).case_number for c in b.case_ids]
    page = open_page(judge)
    clicks = 0
    started = time.monotonic()

    page.goto("/bench/joint-sessions")
    for case_id in b.case_ids:
        page.check(f"input[name=case_ids][value='{case_id}']")
        clicks += 1
    page.click("#group-cases")
    clicks += 1
    expect(page.locator("#flash")).to_contain_text("联审批次已建立")
    expect(page.get_by_test_id("joint-row")).to_have_count(CASES)
    joint_id = int(page.url.split("/bench/joint-sessions/")[1].split("?")[0])
    page.fill("#starts-on", b.day.isoformat())
    page.fill("#starts-time", "10:00")
    page.select_option("#clerk", value=str(b.clerk.id))
    page.click("#schedule-joint")
    clicks += 1
    expect(page.locator("#flash")).to_contain_text("联合开庭已排期")
    grouped_and_scheduled = time.monotonic() - started

    with live_site.db.transaction() as session:  # the sitting on its day: attendance once for all ten
        present = [p.id for c in b.case_ids for p in session.get(Case, c).parties if p.role == "plaintiff"]
        joint.hold(session, actor=b.judge, joint_id=joint_id, present_party_ids=present, summary="", today=b.day)

    started = time.monotonic()
    page.goto(f"/bench/joint-sessions/{joint_id}")
    expect(page.locator("#batch-status")).to_have_text("已开庭")
    for number in numbers:
        row = page.get_by_test_id("joint-row").filter(has_text=number)
        row.get_by_test_id("generate-draft").click()
        clicks += 1
        expect(page.get_by_test_id("joint-row").filter(has_text=number).get_by_test_id("draft-link")).to_be_visible()
    drafted = time.monotonic() - started
    screenshot(page, "joint-session-drafts")

    with live_site.db.reading() as session:
        drafts = session.scalar(select(func.count()).select_from(JudgmentDocument).where(
            JudgmentDocument.case_id.in_(b.case_ids), JudgmentDocument.status == "draft"))
    assert drafts == CASES
    assert clicks == CASES + 1 + 1 + CASES
    print(f"\njoint session of {CASES} loan cases: {clicks} clicks; grouping and scheduling "
          f"{grouped_and_scheduled:.1f} s, held to {CASES} drafts {drafted:.1f} s")
