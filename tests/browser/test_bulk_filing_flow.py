"""An element sheet filed in the background, in a real browser at phone width: a bank uploads a sheet, the page
shows it waiting, the job runs, and the same page (polling by itself) shows each row filed or refused."""

import pytest
from playwright.sync_api import expect

from omnicourt.queue import open_queue
from tests.browser.conftest import PHONE
from tests.dossier.test_sheet_attachments import workbook
from tests.filing.test_bulk import loan_row

pytestmark = pytest.mark.browser
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_a_bank_uploads_a_sheet_on_a_phone_and_watches_its_rows_filed(open_page, live_site, screenshot):
    good, refused = loan_row(), loan_row(**{"loan.rate": "看心情"})
    page = open_page("demo-bank", device=PHONE)
    page.goto("/portal/filings/element-sheets")
    page.set_input_files("#file", {"name": "要素表.xlsx", "mimeType": XLSX,
                                   "buffer": workbook([good, refused])})
    page.click("#element-sheets-submit")
    page.wait_for_url("**/portal/filings/element-sheets/batches/*")
    batch = page.locator("#bulk-batch")
    expect(batch).to_have_attribute("data-state", "waiting")
    expect(batch).to_contain_text("共 2 行，正在排队等待处理")
    screenshot(page, "bulk-filing-waiting-phone")

    queue = open_queue(live_site.settings, periodic=False)  # the worker's part, here
    try:
        queue.drain()
    finally:
        queue.close()
    expect(batch).to_have_attribute("data-state", "done")  # the page asked again by itself
    expect(page.locator("#bulk-report li[data-row='2']")).to_contain_text("已提交 · 申请编号")
    expect(page.locator("#bulk-report li[data-row='3']")).to_contain_text("未通过")
    expect(page.locator("#bulk-report li[data-row='3']")).to_contain_text("看心情")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # nothing wider than a phone
    screenshot(page, "bulk-filing-done-phone")
