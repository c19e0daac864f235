"""An online hearing's record in a real browser: the clerk writes it on the desktop, the plaintiff's lawyer watches it
appear on a 360 px phone (polled), and signs it after the clerk closes it, with a texted code; the signed record is
then in the dossier."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from omnicourt.hearings.online import service as online
from omnicourt.hearings.online.models import OnlineRecord
from omnicourt.security import sms
from omnicourt.security.models import Account
from tests.browser.conftest import PHONE
from tests.hearings.online.conftest import online_world, proof

pytestmark = pytest.mark.browser
NARROW = PHONE | {"viewport": {"width": 360, "height": 780}}


@pytest.fixture
def texts(monkeypatch):
    sent: list[tuple[str, str]] = []
    monkeypatch.setattr(sms, "log_only", lambda phone, message: sent.append((phone, message)))
    return sent


def test_the_clerk_writes_and_the_party_watches_and_signs_on_a_phone(open_page, live_site, texts, screenshot):
    db, settings = live_site.db, live_site.settings
    w, hearing_id, start = online_world(db, settings)
    ticket = proof(db, settings, texts, w.plaintiff, "online_hearing", start)
    with db.transaction() as session:  # joined at the start (the live site's clock is days before the hearing)
        online.join(session, settings, actor=w.plaintiff, hearing_id=hearing_id, proof_id=ticket, now=start)
    with db.reading() as session:
        clerk, plaintiff = (session.get(Account, a.id).username for a in (w.clerk, w.plaintiff))
    url = f"/hearings/{hearing_id}/online"

    desk = open_page(clerk)
    desk.goto(url)
    desk.fill("#record-text", "审：现在开庭。")
    desk.click("#record-form button[type=submit]")
    expect(desk.locator("#flash")).to_contain_text("庭审笔录已保存")

    phone = open_page(plaintiff, "correct-horse-9", device=NARROW)
    phone.goto(url)
    expect(phone.get_by_test_id("record-text")).to_contain_text("审：现在开庭。")
    desk.fill("#record-text", "审：现在开庭。\n原：坚持诉讼请求。")
    desk.click("#record-form button[type=submit]")
    expect(phone.get_by_test_id("record-text")).to_contain_text("原：坚持诉讼请求。", timeout=10_000)
    desk.click("#close-form button[type=submit]")
    expect(desk.locator("#flash")).to_contain_text("庭审笔录已闭合")

    phone.reload()
    phone.get_by_role("button", name="获取签名验证码").click()
    expect(phone.locator("#flash")).to_contain_text("验证码已发送")
    code = re.search(r"验证码(\d{6})", texts[-1][1]).group(1)
    phone.fill("#sign-code", code)
    phone.click("#sign-form button[type=submit]")
    expect(phone.locator("#flash")).to_contain_text("您已在线签名")
    expect(phone.get_by_test_id("record-live")).to_have_attribute("data-status", "filed")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "online-record-signed-360")
    with db.reading() as session:
        assert session.scalar(select(OnlineRecord.document_id).where(OnlineRecord.hearing_id == hearing_id))
