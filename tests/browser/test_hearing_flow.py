"""A hearing in a real browser: the judge schedules it on the desktop (room, bench, clerk; the summonses go out), and
the plaintiff sees its time and place on the case page of a 360 px phone."""

import pytest
from playwright.sync_api import expect

from omnicourt.security.models import Account
from tests.browser.conftest import PHONE
from tests.hearings.conftest import open_case

pytestmark = pytest.mark.browser
NARROW = PHONE | {"viewport": {"width": 360, "height": 780}}


def test_a_judge_schedules_and_the_party_sees_it_on_a_phone(open_page, live_site, screenshot):
    w = open_case(live_site.db, live_site.settings)
    with live_site.db.reading() as session:
        judge, plaintiff = (session.get(Account, a.id).username for a in (w.judge, w.plaintiff))

    bench = open_page(judge)
    bench.goto(f"/bench/cases/{w.case_id}")
    bench.click("#open-hearings")
    bench.fill("#starts_on", w.day.isoformat())
    bench.fill("#starts_time", "09:30")
    bench.select_option("#courtroom_id", label="第二法庭")
    bench.click("#schedule-form button[type=submit]")
    expect(bench.locator("#flash")).to_contain_text("传票与出庭通知书已存入电子卷宗")
    expect(bench.get_by_test_id("hearing-place")).to_have_text("第二法庭")
    screenshot(bench, "hearing-scheduled-desktop")

    phone = open_page(plaintiff, "correct-horse-9", device=NARROW)
    phone.goto(f"/portal/cases/{w.case_id}")
    hearing = phone.get_by_test_id("case-hearings").get_by_test_id("hearing")
    expect(hearing).to_have_count(1)
    expect(hearing.get_by_test_id("hearing-time")).to_contain_text(f"{w.day.month}月{w.day.day}日 09:30")
    expect(hearing.get_by_test_id("hearing-place")).to_have_text("第二法庭")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "hearing-party-360")
