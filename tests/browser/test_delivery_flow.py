"""Electronic delivery in a real browser: the clerk delivers a summons from the case page, the party finds it in its
inbox on a phone and opens it, and the judge sees it delivered, with its certificate in the case's catalogue."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from omnicourt.queue import open_queue
from omnicourt.security import service as security
from omnicourt.security.models import Account
from tests.browser.conftest import PHONE
from tests.browser.test_documents_flow import party_with_a_case
from tests.delivery.conftest import add_document

pytestmark = pytest.mark.browser


def test_the_clerk_delivers_the_party_opens_it_on_a_phone_the_judge_sees_it_delivered(open_page, live_site,
                                                                                        screenshot):
    username, case_id, judge = party_with_a_case(live_site.db)
    with live_site.db.reading() as session:
        judge_account = session.scalar(select(Account).where(Account.username == judge))
        clerk_account = session.scalar(select(Account).where(Account.role == "clerk",
                                                             Account.division_id == judge_account.division_id)
                                       .order_by(Account.id).limit(1))
        clerk = security.actor_for(session, clerk_account)
    add_document(live_site.db, live_site.settings, case_id, clerk, "开庭传票.pdf")

    bench = open_page(clerk_account.username)
    bench.goto(f"/bench/cases/{case_id}")
    form = bench.locator("#deliver-form")
    expect(form).to_be_visible()
    form.locator("#deliver-document").select_option(label="开庭传票.pdf")
    form.locator("#deliver-class").select_option("notice")
    form.locator("input[name=party_ids]").first.check()  # the plaintiff, the party who filed
    bench.click("#deliver-submit")
    expect(bench.locator("#flash")).to_contain_text("已送达")
    expect(bench.locator("#deliveries [data-testid=delivery]")).to_contain_text("已发送，待受送达人查阅")

    phone = open_page(username, "correct-horse-9", device=PHONE)
    phone.goto("/portal/deliveries")
    item = phone.locator("[data-testid=inbox] [data-testid=delivery]")
    expect(item).to_have_count(1)
    expect(item.get_by_test_id("unread")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # nothing wider than a phone
    screenshot(phone, "delivery-inbox-phone")
    item.locator("a", has_text="开庭传票.pdf").click()
    opened_link = phone.locator("#open-delivered")
    expect(opened_link).to_be_visible()
    opened = phone.request.get(opened_link.get_attribute("href"))  # what the button opens, with the party's cookie
    assert opened.status == 200 and opened.headers["content-type"] == "application/pdf"
    phone.reload()
    expect(phone.get_by_test_id("delivery-status")).to_contain_text("已送达")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone, "delivery-opened-phone")

    queue = open_queue(live_site.settings, periodic=False)  # the worker's part, here: the certificate
    try:
        queue.drain()
    finally:
        queue.close()
    desk = open_page(judge)
    desk.goto(f"/bench/cases/{case_id}")
    row = desk.locator("#deliveries [data-testid=delivery]")
    expect(row.get_by_test_id("delivery-status")).to_contain_text("已送达（平台送达）")
    expect(row.get_by_test_id("certificate")).to_be_visible()
    expect(desk.locator("#volume-main [data-testid=document]", has_text="电子送达凭证")).to_have_count(1)
    screenshot(desk, "delivery-bench")
