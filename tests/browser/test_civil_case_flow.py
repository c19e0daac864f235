"""The civil case end to end in a real browser: a party registers and files online, the filing
officer asks once for correction and accepts, a chief reassigns, the judge holds the hearing and
closes the case, and the party follows every step on a phone-sized screen."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from omnicourt.cases.models import Case
from omnicourt.reference.models import Court
from omnicourt.security import rules as identity
from tests.browser.conftest import PHONE
from tests.factories import PDF_BYTES, PNG_BYTES

pytestmark = pytest.mark.browser

CASE_NUMBER = re.compile(r"（\d{4}）浙0106民初\d+号")
ATTACHMENTS = [{"name": "借条.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES},
               {"name": "转账记录.png", "mimeType": "image/png", "buffer": PNG_BYTES}]


def person_id(sequence: int) -> str:
    return identity.make_id_number("330106", date(1986, 4, 12), sequence, "male")


def fill_party(page: Page, row: int, *, role: str, party_type: str = "natural", name: str, id_number: str = "",
               uscc: str = "", representative: str = "") -> None:
    party = page.locator(".party-row").nth(row)
    party.locator("select[name=party_role]").select_option(role)
    party.locator("select[name=party_party_type]").select_option(party_type)
    party.locator("input[name=party_name]").fill(name)
    if party_type == "natural":
        party.locator("input[name=party_id_number]").fill(id_number)
    else:
        expect(party.locator("input[name=party_id_number]")).to_be_hidden()
        party.locator("input[name=party_uscc]").fill(uscc)
        party.locator("input[name=party_legal_representative]").fill(representative)


def fill_claim(page: Page, row: int, description: str, amount: str) -> None:
    claim = page.locator(".claim-row").nth(row)
    claim.locator("input[name=claim_description]").fill(description)
    claim.locator("input[name=amount]").fill(amount)


def application_id(page: Page) -> int:
    return int(page.locator("[data-application]").first.get_attribute("data-application"))


def register_and_file(page: Page, screenshot) -> int:
    """Step 1: real-name registration, then a filing with parties, claims, facts and attachments."""
    page.goto("/register")
    page.fill("#username", "browser-party")
    page.fill("#password", "browser-pass-1")
    page.fill("#name", "王小明")
    page.fill("#phone", "13912345678")
    page.fill("#id_number", person_id(7))
    page.click("#register-submit")
    page.wait_for_url("**/portal/account")  # real-name verification is the next step; filing needs none
    page.goto("/portal/filings/new")
    expect(page.locator(".party-row").first.locator("input[name=party_name]")).to_have_value("王小明")

    page.select_option("#court_code", "浙0106")
    page.select_option("#cause_code", "cont.contract.loan.private")
    fill_party(page, 1, role="defendant", name="李四", id_number=person_id(8)[:-1] + "0")  # a wrong check digit
    page.click("[data-add-row=party]")
    fill_party(page, 2, role="defendant", party_type="legal", name="杭州某某科技有限公司",
               uscc=identity.make_uscc("91330106MA2B3C4D5"), representative="赵六")
    fill_claim(page, 0, "判令被告偿还借款本金", "10000")
    expect(page.get_by_test_id("fee-charged")).to_have_text("50.00")
    page.click("[data-add-row=claim]")
    fill_claim(page, 1, "判令被告支付逾期利息", "2000")
    expect(page.get_by_test_id("fee-charged")).to_have_text("100.00")  # 50 + 2.5 % of 2,000: as the party types
    page.fill("#facts_and_reasons", "2025年3月被告李四向原告借款12000元，约定三个月内归还，到期后经多次催要仍未归还。")
    page.set_input_files("#attachments", ATTACHMENTS)
    screenshot(page, "01-filing-form")

    page.click("#filing-submit")  # refused: the defendant's ID number has a wrong check digit
    expect(page.locator("#flash")).to_contain_text("校验位")
    expect(page.locator(".party-row").nth(1).locator("input[name=party_name]")).to_have_value("李四")
    expect(page.locator(".claim-row").nth(1).locator("input[name=amount]")).to_have_value("2000")
    screenshot(page, "02-filing-refused-input-kept")

    page.locator(".party-row").nth(1).locator("input[name=party_id_number]").fill(person_id(8))
    page.set_input_files("#attachments", ATTACHMENTS)
    page.click("#filing-submit")
    page.wait_for_url("**/portal/filings?submitted=*")
    expect(page.locator("#flash")).to_contain_text("已提交")
    expect(page.locator(".badge").first).to_have_text("待审查")
    return application_id(page)


def ask_for_correction(officer: Page, party: Page, application: int, screenshot) -> None:
    """Step 2a: the officer lists everything missing, once; the party corrects."""
    officer.goto("/bench/filings")
    row = officer.locator(f"tr[data-application='{application}']")
    expect(row).to_contain_text("7 天")
    screenshot(officer, "03-filing-queue")
    row.get_by_role("link").first.click()
    expect(officer.locator("main")).to_contain_text("借条.pdf")
    officer.fill("#items", "补充借条原件的清晰扫描件\n补充被告李四的送达地址")
    officer.click("#request-correction")
    expect(officer.locator("h1 .badge")).to_have_text("待补正")

    party.goto("/portal/filings")
    expect(party.locator(".correction-items li")).to_have_text(["补充借条原件的清晰扫描件", "补充被告李四的送达地址"])
    party.get_by_role("link", name="补正材料").click()
    defendant = party.locator(".party-row").nth(1)
    expect(defendant.locator("input[name=party_name]")).to_have_value("李四")
    defendant.locator("input[name=party_address]").fill("杭州市西湖区文三路100号")
    party.click("#filing-submit")
    party.wait_for_url("**/portal/filings?corrected=*")
    expect(party.locator(".badge").first).to_have_text("待审查")


def accept(officer: Page, application: int, screenshot) -> int:
    """Step 2b: a second correction request is refused (once only); acceptance opens the case."""
    officer.goto(f"/bench/filings/{application}")
    officer.fill("#items", "再补充一份材料")
    officer.click("#request-correction")
    expect(officer.locator("#flash")).to_contain_text("补正应一次性告知")
    officer.click("#accept")
    officer.wait_for_url("**/bench/cases/*")
    expect(officer.locator(".case-number")).to_have_text(CASE_NUMBER)
    expect(officer.get_by_test_id("triage-reasons").locator("li").first).not_to_be_empty()
    expect(officer.get_by_test_id("assignment-reasons").locator("li").first).not_to_be_empty()
    expect(officer.locator("main")).to_contain_text("交费通知")
    screenshot(officer, "04-case-accepted")
    return int(officer.url.rstrip("/").rsplit("/", 1)[1])


def reassign(chief: Page, case_id: int, screenshot) -> None:
    """Step 3: the division chief gives the case to another judge of the division."""
    chief.goto(f"/bench/cases/{case_id}")
    new_judge = chief.locator("#judge_id option").first.inner_text()
    chief.select_option("#judge_id", index=0)
    chief.fill("#reassign-reason", "原承办法官参加脱产培训")
    chief.click("#reassign-form button[type=submit]")
    expect(chief.get_by_test_id("judge")).to_have_text(new_judge)
    screenshot(chief, "05-case-reassigned")
    chief.goto("/bench/docket")
    expect(chief.locator(f"tr[data-case='{case_id}']")).to_contain_text(new_judge)
    screenshot(chief, "05b-division-docket")


def hear_and_close(judge: Page, case_id: int, screenshot) -> None:
    """Step 4: the docket, the hearing, the closing, and a forbidden step refused with its reason."""
    judge.goto("/bench/docket")
    row = judge.locator(f"tr[data-case='{case_id}']")
    expect(row).to_contain_text("已分案")
    expect(row.locator("td").last).to_have_text(re.compile(r"^\d+$"))
    screenshot(judge, "06-docket")
    row.get_by_role("link").click()
    judge.fill("#summary", "双方到庭，围绕借款事实和还款情况进行了举证质证")
    judge.click("#hearing-form button[type=submit]")
    expect(judge.get_by_test_id("stage")).to_have_text("审理中")
    judge.select_option("#method", "judgment")
    judge.set_input_files("#closing-document", {"name": "判决书.pdf", "mimeType": "application/pdf",
                                                "buffer": PDF_BYTES})
    judge.check("#closing-confirmed")
    judge.once("dialog", lambda dialog: dialog.accept())
    judge.click("#closing-form button[type=submit]")
    expect(judge.get_by_test_id("stage")).to_have_text("已结案")
    judge.click("#hearing-form button[type=submit]")
    expect(judge.locator("#flash")).to_contain_text("案件当前处于「已结案」阶段，不能再开庭")
    screenshot(judge, "07-case-closed-409")


def follow_on_phone(phone: Page, case_id: int, screenshot) -> None:
    """Step 5: the party's timeline at 375 px, every step there and nothing wider than the screen."""
    phone.goto("/portal/cases")
    phone.locator(f"a[href='/portal/cases/{case_id}']").click()
    expect(phone.get_by_test_id("stage")).to_have_text("已结案")
    kinds = phone.get_by_test_id("timeline").locator("li").evaluate_all("items => items.map(i => i.dataset.kind)")
    assert kinds == ["accepted", "assigned", "fee_notice", "reassigned", "hearing_held", "closed"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "08-phone-timeline")


def test_civil_case_from_online_filing_to_closing(live_site, open_page, screenshot):
    party = open_page()
    application = register_and_file(party, screenshot)
    officer = open_page("demo-filing-officer")
    ask_for_correction(officer, party, application, screenshot)
    case_id = accept(officer, application, screenshot)

    party.goto("/portal/filings")
    expect(party.locator(f"[data-application='{application}']")).to_contain_text(CASE_NUMBER)
    with live_site.db.reading() as session:
        division_id = session.get(Case, case_id).division_id
    reassign(open_page(live_site.username(role="division_chief", division_id=division_id)), case_id, screenshot)
    with live_site.db.reading() as session:
        judge_id = session.get(Case, case_id).judge_id
    hear_and_close(open_page(live_site.username(id=judge_id)), case_id, screenshot)
    follow_on_phone(open_page("browser-party", "browser-pass-1", device=PHONE), case_id, screenshot)


def test_a_refusal_at_another_city_court_reaches_the_party(live_site, open_page, screenshot):
    with live_site.db.reading() as session:
        court = session.scalar(select(Court).where(Court.city == "温州市", Court.level == "basic").order_by(Court.id))
    party = open_page("demo-party", device=PHONE)
    party.goto("/portal/filings/new")
    assert party.evaluate("document.documentElement.scrollWidth") <= 375
    party.select_option("#court_code", court.code)
    party.select_option("#cause_code", "cont.contract.loan.private")
    fill_party(party, 1, role="defendant", name="钱七", id_number=person_id(9))
    fill_claim(party, 0, "判令被告返还借款", "3000")
    party.fill("#facts_and_reasons", "被告向原告借款3000元，至今未还，原告多次催要未果。")
    expect(party.get_by_test_id("fee-result")).to_contain_text("3,000.00")
    expect(party.get_by_test_id("fee-charged")).to_have_text("50.00")
    screenshot(party, "09-phone-filing-form")
    party.click("#filing-submit")
    party.wait_for_url("**/portal/filings?submitted=*")
    application = application_id(party)

    officer = open_page(live_site.username(role="filing_officer", court_id=court.id))
    officer.goto(f"/bench/filings/{application}")
    officer.fill("#reason", "本案不属于本院管辖，请向被告住所地人民法院起诉")
    officer.click("#refuse")
    expect(officer.locator("h1 .badge")).to_have_text("不予受理")

    party.goto("/portal/filings")
    expect(party.locator(f"[data-application='{application}'] .refusal")).to_contain_text("不属于本院管辖")
    screenshot(party, "10-phone-refusal")
