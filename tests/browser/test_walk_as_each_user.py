"""The walk through the demo as each kind of user, at phone (375 px) and desktop widths: a party's timeline shows
no internal reason, unknown pages answer in Chinese, the interest calculator computes, a judge asks for one more
month, the province screen shows levels apart and the cities in order, staff see their unread count, and the
finance judge opens the assistant."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from omnicourt import clock
from omnicourt.cases.models import Case
from omnicourt.deadlines.models import DeadlineAdjustment
from omnicourt.filing.models import FilingApplication
from omnicourt.notifications import service as notifications
from omnicourt.queue import open_queue
from omnicourt.security.models import Account
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

WIDTHS = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]
CITIES = ["杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市", "丽水市"]


def width_name(device: dict) -> str:
    return "phone" if device is PHONE else "desktop"


def element_sheet_case(live_site) -> Case:
    """A loan case demo-bank filed by element sheet, reassigned to demo-finance-judge with an internal reason."""
    with live_site.db.reading() as session:
        judge_id = session.scalar(select(Account.id).where(Account.username == "demo-finance-judge"))
        return session.scalar(select(Case).where(Case.judge_id == judge_id, Case.filing_application_id.is_not(None))
                              .order_by(Case.id).limit(1))


def bank_case_of_another_judge(live_site) -> Case:
    """The newest loan case demo-bank filed by element sheet (the assistant test keeps the oldest)."""
    with live_site.db.reading() as session:
        bank = select(FilingApplication.id).join(Account, Account.id == FilingApplication.applicant_id) \
            .where(Account.username == "demo-bank")
        return session.scalar(select(Case).where(Case.filing_application_id.in_(bank),
                                                 Case.cause_code == "cont.contract.loan.financial")
                              .order_by(Case.id.desc()).limit(1))


@pytest.mark.parametrize("device", WIDTHS)
def test_parties_see_no_internal_reason(live_site, open_page, screenshot, device):
    case = bank_case_of_another_judge(live_site)
    chief = open_page("demo-finance-chief", device=device)
    chief.goto(f"/bench/cases/{case.id}")
    new_judge = chief.locator("#judge_id option").first.inner_text()
    chief.fill("#reassign-reason", "承办法官休产假")
    chief.click("#reassign-form button[type=submit]")
    expect(chief.get_by_test_id("judge")).to_have_text(new_judge)
    expect(chief.get_by_test_id("timeline")).to_contain_text("承办法官休产假")  # staff see the reason

    page = open_page("demo-bank", device=device)
    page.goto(f"/portal/cases/{case.id}")
    expect(page.get_by_test_id("case-number")).to_have_text(case.case_number)
    assert page.title() == case.case_number
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_contain_text(f"承办法官已变更为{new_judge}")
    expect(timeline).not_to_contain_text("休产假")
    expect(timeline).not_to_contain_text("演示：")
    expect(timeline).not_to_contain_text("-")  # dates in Chinese, no ISO dates
    screenshot(page, f"40-party-timeline-{width_name(device)}")


@pytest.mark.parametrize("device", WIDTHS)
def test_unknown_pages_and_the_calculators_speak_chinese(live_site, open_page, screenshot, device):
    page = open_page(device=device)
    response = page.goto("/calculators/no-such-calculator")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("页面不存在")
    screenshot(page, f"41-not-found-{width_name(device)}")

    page.goto("/calculators/interest")
    page.fill("#principal", "100000")
    page.fill("#rate", "年利率6.12%")
    page.fill("#start", "2024-01-01")
    page.fill("#end", "2024-12-31")
    page.select_option("#basis", "365")
    page.select_option("#penalty_uplift", label="上浮50%")
    page.select_option("#cap", "financial")
    page.click("#interest-calculator button[type=submit]")
    expect(page.get_by_test_id("interest-amount")).to_have_text("6,120.00")
    expect(page.get_by_test_id("penalty-amount")).to_have_text("9,180.00")
    expect(page.get_by_test_id("interest-wording")).to_contain_text("自2024年1月1日起至2024年12月31日止")
    screenshot(page, f"42-interest-{width_name(device)}")

    page.goto("/calculators/deadline")
    page.fill("#filed", "2026-01-31")
    page.select_option("#susp-kind-1", label="鉴定期间")
    page.fill("#susp-from-1", "2026-02-10")
    page.fill("#susp-to-1", "2026-03-01")
    page.select_option("#extension-1", label="一个月")
    page.click("#deadline-calculator button[type=submit]")
    expect(page.get_by_test_id("calc-deadline")).to_contain_text("年")
    expect(page.locator("main")).not_to_contain_text("appraisal")
    screenshot(page, f"43-deadline-calculator-{width_name(device)}")


def case_with_time_to_extend(live_site) -> Case:
    """An open case more than 20 days from its deadline with no deadline changes yet."""
    with live_site.db.reading() as session:
        changed = select(DeadlineAdjustment.case_id)
        return session.scalar(
            select(Case).where(Case.stage.in_(("assigned", "in_trial")), Case.judge_id.is_not(None),
                               Case.procedure == "simple", Case.deadline_on > clock.today() + timedelta(days=20),
                               Case.id.not_in(changed)).order_by(Case.id.desc()).limit(1))


@pytest.mark.parametrize("device", WIDTHS)
def test_a_judge_asks_for_one_more_month_and_sees_the_unread_count(live_site, open_page, screenshot, device):
    case = case_with_time_to_extend(live_site)
    assert case is not None, "the demo has a simple-procedure case with time left"
    with live_site.db.transaction() as session:
        notifications.notify(session, recipient_ids=[case.judge_id], kind="deadline_warning", court_id=case.court_id,
                             case_id=case.id, message=f"{case.case_number}：请关注审限", link=f"/bench/cases/{case.id}")
    page = open_page(live_site.username(id=case.judge_id), device=device)
    page.goto(f"/bench/cases/{case.id}")
    expect(page.get_by_test_id("unread-count")).to_be_visible()
    expect(page.get_by_test_id("case-number")).to_have_text(case.case_number)
    page.select_option("#ext-length", label="一个月")
    page.fill("#ext-reason", "案情复杂，需要补充调查")
    page.click("#extension-form button[type=submit]")
    expect(page.get_by_test_id("deadline-requests")).to_contain_text("延长审限 1个月")
    screenshot(page, f"44-extension-requested-{width_name(device)}")


@pytest.mark.parametrize("device", WIDTHS)
def test_the_province_screen_shows_levels_apart_and_cities_in_order(live_site, open_page, screenshot, device):
    page = open_page("demo-high-president", device=device)
    page.goto("/bench/dashboard")
    children = page.locator("#dashboard-children")
    expect(children.locator("tr[data-group]").first).to_have_attribute("data-group", "高级人民法院")
    cities = children.locator("tr[data-row-level='city'] a[data-drill='city']").all_inner_texts()
    assert cities == CITIES
    expect(children.locator("tr[data-group='专门法院']")).to_have_count(1)
    expect(page.locator("[data-ranking='基层人民法院']")).to_be_visible()
    expect(page.get_by_test_id("dashboard-period")).to_contain_text(f"{clock.today().year}年")
    screenshot(page, f"45-province-{width_name(device)}")
    page.locator("a[data-measure=overdue]").first.click()
    expect(page.locator("#dashboard-cases th").filter(has_text="承办法官")).to_be_visible()
    expect(page.get_by_test_id("case-count")).to_contain_text("共")
    screenshot(page, f"46-overdue-cases-{width_name(device)}")


@pytest.mark.parametrize("device", WIDTHS)
def test_the_finance_judge_opens_the_assistant(live_site, open_page, screenshot, device):
    case = element_sheet_case(live_site)
    page = open_page("demo-finance-judge", device=device)
    page.goto("/bench/docket")
    page.locator(f"tr[data-case='{case.id}'] a").click()
    page.click("#open-assistant")
    expect(page.locator("h1")).to_contain_text(case.case_number)
    page.click("#analysis-form button[type=submit]")
    expect(page.locator("#analysis-request")).to_have_attribute("data-state", "waiting")
    queue = open_queue(live_site.settings, periodic=False)  # the worker's part, here
    try:
        queue.drain()
    finally:
        queue.close()
    expect(page.get_by_test_id("last-run")).to_be_visible()  # the page reloaded itself once the analysis was done
    expect(page.locator("[data-field='loan.principal']")).to_contain_text("100,000.00")
    screenshot(page, f"47-assistant-{width_name(device)}")

