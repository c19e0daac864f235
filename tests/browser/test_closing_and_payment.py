"""In a real browser: the party pays the fee on a phone-width page and gets the receipt; the judge closes by
mediation, confirming and attaching the signed document; the deadline panel shows 已结案 and the party sees the
halved fee refunded."""

import pytest
from playwright.sync_api import expect

from omnicourt.settings import Settings
from tests.browser.conftest import PHONE
from tests.factories import PDF_BYTES
from tests.fees.conftest import open_case

pytestmark = pytest.mark.browser


def test_party_pays_on_a_phone_then_the_judge_closes_by_mediation(live_site, open_page, screenshot, tmp_path):
    case = open_case(live_site.db, Settings(database_url=live_site.db.url, storage_dir=tmp_path))
    party = open_page(live_site.username(id=case.party.id), "correct-horse-9", device=PHONE)
    party.goto(f"/portal/cases/{case.id}")
    notice = party.get_by_test_id("fee-notice")
    expect(notice.get_by_test_id("fee-status")).to_have_text("待交纳")
    notice.get_by_test_id("pay").click()
    expect(party.get_by_test_id("order-amount")).to_have_text("5,800.00")
    screenshot(party, "20-phone-simulated-gateway")
    party.click("#simulated-pay-form button[type=submit]")
    expect(party.locator("#flash")).to_contain_text("诉讼费已交纳")
    expect(notice.get_by_test_id("fee-status")).to_have_text("已交纳")
    assert party.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(party, "21-phone-fee-paid")
    with party.expect_download() as download:
        notice.get_by_test_id("fee-receipt").click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as receipt:
        assert receipt.read(5) == b"%PDF-"

    judge = open_page(live_site.username(id=case.judge.id))
    judge.goto(f"/bench/cases/{case.id}")
    judge.select_option("#method", "mediation")
    judge.set_input_files("#closing-document", {"name": "民事调解书.pdf", "mimeType": "application/pdf",
                                                "buffer": PDF_BYTES})
    judge.check("#closing-confirmed")
    asked = []
    judge.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    judge.click("#closing-form button[type=submit]")
    expect(judge.locator("#flash")).to_contain_text("案件已结案")
    assert asked and "确认结案" in asked[0]
    expect(judge.get_by_test_id("stage")).to_have_text("已结案")
    panel = judge.locator("#case-deadline")
    expect(panel.get_by_test_id("deadline-status")).to_have_text("已结案")
    expect(panel).to_contain_text("审理用时")
    expect(judge.locator("main")).to_contain_text("民事调解书.pdf")
    screenshot(judge, "22-closed-by-mediation")

    party.goto(f"/portal/cases/{case.id}")
    expect(party.get_by_test_id("fee-refunded")).to_have_text("2,900.00 元")
    expect(party.locator("#case-deadline").get_by_test_id("deadline-status")).to_have_text("已结案")
    screenshot(party, "23-phone-fee-refunded")
