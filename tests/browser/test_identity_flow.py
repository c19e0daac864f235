"""Real-name verification on a phone: someone registering with demo-party's ID number is refused and sees no
case; the genuine person whom the verifier confirms is verified."""

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from omnicourt.security.models import Account
from tests.browser.conftest import GENUINE_PERSON, PHONE

pytestmark = pytest.mark.browser


def register(page: Page, username: str, name: str, number: str) -> None:
    page.goto("/register")
    page.fill("#username", username)
    page.fill("#password", "browser-pass-1")
    page.fill("#name", name)
    page.fill("#phone", "13912345679")
    page.fill("#id_number", number)
    page.click("#register-submit")
    page.wait_for_url("**/portal/account")
    expect(page.locator("#verification-status")).to_contain_text("未认证")


def test_verification_on_a_phone(live_site, open_page, screenshot):
    with live_site.db.reading() as session:
        demo_party_number = session.scalar(select(Account.id_number).where(Account.username == "demo-party"))
    attacker = open_page(device=PHONE)
    register(attacker, "browser-impostor", "张明", demo_party_number)
    attacker.click("#verify-submit")
    expect(attacker.locator(".flash-error")).to_contain_text("实名核验未通过")
    expect(attacker.locator("#verification-status")).to_contain_text("未认证")
    assert attacker.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(attacker, "20-phone-verification-refused")
    attacker.goto("/portal/cases")
    expect(attacker.locator("a[href^='/portal/cases/']")).to_have_count(0)

    genuine = open_page(device=PHONE)
    register(genuine, "browser-genuine", *GENUINE_PERSON)
    genuine.set_input_files("#face_image", files=[])
    genuine.click("#verify-submit")
    genuine.wait_for_url("**/portal/account")
    expect(genuine.locator("#verification-status")).to_contain_text("已认证")
    expect(genuine.locator("#verify-submit")).to_have_count(0)
    assert genuine.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(genuine, "21-phone-verified")
