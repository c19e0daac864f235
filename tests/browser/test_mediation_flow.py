"""Pre-filing mediation in a real browser: a party files choosing mediation, the mediator accepts and proposes
an agreement, both parties sign it re-entering their passwords, the applicant on a 390 × 844 phone."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from omnicourt.security import service as security
from omnicourt.security.models import Account
from tests.browser.conftest import PHONE
from tests.factories import blank_pdf, id_number, register_party
from tests.mediation.conftest import MEDIATOR_PASSWORD, PARTY_PASSWORD, new_mediator, verified_party

pytestmark = pytest.mark.browser
PHONE_390 = PHONE | {"viewport": {"width": 390, "height": 844}}


def _username(db, actor) -> str:
    with db.reading() as session:
        return session.get(Account, actor.id).username


def test_a_party_files_choosing_mediation_and_both_sides_sign_the_agreement(open_page, live_site, screenshot):
    db = live_site.db
    mediator = new_mediator(db)
    defendant_id = id_number()
    with db.transaction() as session:
        plaintiff = security.actor_for(session, register_party(session))
        defendant = verified_party(session, defendant_id)

    phone = open_page(_username(db, plaintiff), PARTY_PASSWORD, device=PHONE_390)
    phone.goto("/portal/mediations/new")
    phone.select_option("#court_code", "浙0106")
    phone.select_option("#cause_code", "cont.contract.loan.private")
    phone.fill("#respondent_name", "李四")
    phone.fill("#respondent_number", defendant_id)
    phone.fill("#claim", "偿还借款本金")
    phone.fill("#amount", "8000")
    phone.fill("#facts_and_reasons", "被申请人于2025年3月借款八千元，到期未还。")
    phone.set_input_files("#attachments", {"name": "借条.pdf", "mimeType": "application/pdf",
                                           "buffer": blank_pdf(1)})
    phone.check("#consent")
    phone.click("#submit-mediation")
    expect(phone.locator("#flash")).to_contain_text("诉前调解申请已提交")
    expect(phone.locator("#mediation-status")).to_have_text("待调解员接受")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    mediation_path = urlparse(phone.url).path

    desk = open_page(_username(db, mediator), MEDIATOR_PASSWORD)
    desk.goto(mediation_path)
    desk.click("#accept-mediation")
    expect(desk.locator("#mediation-status")).to_have_text("调解中")
    desk.select_option("#obligor", "李四")
    desk.fill("#content", "向张三支付借款本金")
    desk.fill("#agreement-amount", "8000")
    desk.fill("#default_consequence", "逾期按未付金额每日万分之五支付违约金")
    desk.click("#propose-agreement")
    expect(desk.get_by_test_id("agreement-text")).to_contain_text("李四")

    phone.reload()
    expect(phone.get_by_test_id("agreement-text")).to_contain_text("8000.00元")
    phone.fill("#sign-password", PARTY_PASSWORD)
    phone.click("#sign-agreement")
    expect(phone.locator("#flash")).to_contain_text("已签署调解协议")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # the agreement wraps on the phone
    screenshot(phone, "mediation-signed-phone")

    other = open_page(_username(db, defendant), PARTY_PASSWORD)
    other.goto(mediation_path)
    other.fill("#sign-password", PARTY_PASSWORD)
    other.click("#sign-agreement")
    expect(other.locator("#mediation-status")).to_have_text("调解成功")
    expect(other.locator("#mediation-timeline")).to_contain_text("调解协议生效")
