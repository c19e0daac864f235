"""A judgment from draft to a verified signed PDF in a real browser: the judge generates it and fills what the record
could not in the form of each section, sends it for sign-off (签发: the demo court's rule sends judgments to the
division chief), the chief signs it off from the queue, the judge signs; the plaintiff downloads the signed PDF from
its appeal page, and the public verification page finds it valid under the court's SM2 signature."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from omnicourt.security.models import Account
from tests.browser.test_documents_flow import party_with_a_case

pytestmark = pytest.mark.browser
GAP = re.compile(r"【待[^】]{1,60}】")


def test_draft_sign_off_sign_and_the_plaintiff_verifies_the_signed_pdf(open_page, live_site, screenshot):
    username, case_id, judge = party_with_a_case(live_site.db)
    with live_site.db.reading() as session:
        division_id = session.scalar(select(Account.division_id).where(Account.username == judge))
    chief = live_site.username(role="division_chief", division_id=division_id)

    bench = open_page(judge)
    bench.goto(f"/bench/cases/{case_id}/judgment-documents")
    bench.select_option("#kind", "judgment")
    bench.click("#generate-form button[type=submit]")
    expect(bench.locator("#document-status")).to_have_text("草稿")
    for _ in range(20):  # each save reloads the page: fill the next section with a gap
        section = bench.locator("section[id^=section-]", has_text="【待").first
        if section.count() == 0:
            break
        section.locator("summary").click()
        area = section.locator("textarea")
        area.fill(GAP.sub("经审理查明", area.input_value()))
        section.locator("button[type=submit]").click()
        expect(bench.locator("#flash")).to_contain_text("已保存为新的一稿")
    expect(bench.locator("section[id^=section-]", has_text="【待")).to_have_count(0)
    bench.click("#submit-signoff")
    expect(bench.locator("#document-status")).to_have_text("待签发")
    document_url = bench.url.split("?")[0]

    leader = open_page(chief)
    leader.goto("/bench/judgment-signoffs")
    leader.locator(f"a[href='{document_url.removeprefix(live_site.url)}']").click()
    leader.click("#approve")
    expect(leader.locator("#document-status")).to_have_text("已签发")

    bench.goto(document_url)
    bench.click("#sign")
    expect(bench.locator("#document-status")).to_have_text("已签署")
    code = bench.locator("#verification-code").inner_text()
    screenshot(bench, "judgment-signed")

    party = open_page(username, "correct-horse-9")
    party.goto(f"/portal/cases/{case_id}")
    expect(party.locator("#case-decisions")).to_contain_text("民事判决书")
    party.click("#open-appeal")
    link = party.locator("a", has_text="下载已签署的文书")
    pdf = party.request.get(link.get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"

    public = open_page()
    public.goto("/verify")
    public.set_input_files("#file", {"name": "判决书.pdf", "mimeType": "application/pdf", "buffer": pdf.body()})
    public.fill("#code", code)
    public.click("form[action='/verify'] button[type=submit]")
    expect(public.locator("#verify-result")).to_have_attribute("data-state", "valid")
