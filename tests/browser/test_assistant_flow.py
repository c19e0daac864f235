"""The AI judge assistant in a real browser: a judge opens a loan case, adds the case file, sees an element beside
its highlighted source, corrects it, confirms the rest, decides the disputed points and downloads the draft."""

import pytest
from playwright.sync_api import expect

from omnicourt.queue import open_queue
from omnicourt.settings import Settings
from tests.assistant.samples import COMPLAINT, CONTRACT, DEFENCE, loan_case
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser


def text_file(name: str, text: str) -> dict:
    return {"name": name, "mimeType": "text/plain", "buffer": text.encode()}


def test_judge_settles_the_elements_and_points_and_downloads_the_draft(live_site, open_page, screenshot,
                                                                       tmp_path):
    case = loan_case(live_site.db, Settings(database_url=live_site.db.url, storage_dir=tmp_path), documents=())
    page = open_page(live_site.username(id=case.judge.id), device=PHONE)
    page.goto(f"/bench/cases/{case.id}")
    page.click("#open-assistant")
    for name, text in (("起诉状.txt", COMPLAINT), ("借款合同.txt", CONTRACT), ("答辩状.txt", DEFENCE)):
        page.set_input_files("#document-file", files=[text_file(name, text)])
        page.click("#document-form button[type=submit]")
        expect(page.locator("#analysis-request")).to_have_attribute("data-state", "waiting")
        queue = open_queue(live_site.settings, periodic=False)  # the worker's part, here
        try:
            queue.drain()
        finally:
            queue.close()
        expect(page.locator("#analysis-request")).to_have_count(0)  # done: the page reloaded itself
        expect(page.get_by_test_id("last-run")).to_be_visible()

    principal = page.locator("[data-field='loan.principal']")
    expect(principal.locator("mark")).to_have_text("100,000.00元")  # the value beside its source span
    expect(principal).to_contain_text("借款合同.txt")
    screenshot(page, "30-assistant-elements-phone")

    lender = page.locator("[data-field='lender.name']")
    lender.locator("summary").click()
    lender.locator("input[name=value]").fill("中国工商银行股份有限公司杭州文三路支行")
    lender.locator("input[name=reason]").fill("以营业执照为准")
    lender.locator(".correct-form button").click()
    lender = page.locator("[data-field='lender.name']")
    expect(lender).to_have_attribute("data-status", "corrected")
    expect(lender.get_by_test_id("value")).to_have_text("中国工商银行股份有限公司杭州文三路支行")
    expect(lender.get_by_test_id("proposed")).to_have_text("中国工商银行股份有限公司杭州西湖支行")

    page.locator("#add-element summary").click()
    page.fill("#add-field", "borrower.1.name")
    page.fill("#add-value", "李四")
    page.click("#add-element-form button[type=submit]")
    expect(page.locator("[data-field='borrower.1.name']")).to_have_attribute("data-status", "corrected")

    unsettled = page.locator(".element[data-field] .confirm-form button")
    while unsettled.count():
        before = unsettled.count()
        unsettled.first.click()
        expect(unsettled).to_have_count(before - 1)

    for point in page.locator(".point").all():
        code = point.get_attribute("data-code")
        point.locator("input[value=rejected]").check()
        point.locator("textarea[name=reason]").fill("被告未提交相应证据，本院不予采纳。")
        point.locator(".decide-form button").click()
        expect(page.locator(f"#point-{code}")).to_have_attribute("data-status", "decided")

    statement = page.locator(".point .statement a").first
    statement.click()
    expect(page.locator("#source-mark")).not_to_be_empty()  # the statement's source, highlighted

    expect(page.get_by_test_id("draft-blockers")).to_have_count(0)
    with page.expect_download() as download_info:
        page.click("#download-draft")
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    assert download.path().read_bytes()[:2] == b"PK"
    screenshot(page, "31-assistant-settled-phone")
