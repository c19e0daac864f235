"""The evidence exchange in a real browser: the judge sets the period and the time limit, the plaintiff submits two
items with their files on a 360 px phone, the defendant cross-examines them on a phone, the judge records findings
and the record; the case catalogue lists the list, its files and the record in order, and the parties never read the
court's internal reasons."""

import pytest
from playwright.sync_api import expect

from omnicourt.security.models import Account
from tests.browser.conftest import PHONE
from tests.conftest import TODAY
from tests.dossier import samples
from tests.evidence.conftest import PERIOD_END, open_case
from tests.factories import blank_pdf

pytestmark = pytest.mark.browser
NARROW = PHONE | {"viewport": {"width": 360, "height": 780}}
PASSWORD = "correct-horse-9"


def _usernames(db, *actors) -> list[str]:
    with db.reading() as session:
        return [session.get(Account, a.id).username for a in actors]


def _fits(page) -> None:
    """Nothing wider than the phone: no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_evidence_is_exchanged_examined_and_found(open_page, live_site, screenshot):
    parties = open_case(live_site.db, live_site.settings)
    plaintiff, defendant, judge = _usernames(live_site.db, parties.plaintiff, parties.defendant, parties.judge)
    case_id = parties.case_id

    bench = open_page(judge)
    bench.goto(f"/bench/cases/{case_id}/evidence")
    bench.fill("#served_on", TODAY.isoformat())
    bench.fill("#ends_on", PERIOD_END.isoformat())
    bench.click("#period-form button[type=submit]")
    expect(bench.locator("#flash")).to_contain_text("举证期限已指定")
    bench.fill("#due_on", PERIOD_END.isoformat())
    bench.click("#limit-form button[type=submit]")
    expect(bench.get_by_test_id("evidence-period")).to_contain_text("在线质证期限")

    phone = open_page(plaintiff, PASSWORD, device=NARROW)
    phone.goto(f"/portal/cases/{case_id}")
    expect(phone.get_by_test_id("evidence-summary")).to_contain_text(f"{PERIOD_END.month}月{PERIOD_END.day}日")
    phone.click("#open-evidence")
    rows = phone.get_by_test_id("item-row")
    rows.nth(0).locator("[name=item_name]").fill("借条")
    rows.nth(0).locator("[name=item_source]").fill("原告保存的原件")
    rows.nth(0).locator("[name=item_purpose]").fill("证明被告借款30万元")
    rows.nth(0).locator("[name=item_file]").set_input_files(
        {"name": "借条.pdf", "mimeType": "application/pdf", "buffer": blank_pdf(1)})
    phone.click("#add-item")
    rows.nth(1).locator("[name=item_name]").fill("微信聊天记录")
    rows.nth(1).locator("[name=item_purpose]").fill("证明原告多次催收")
    rows.nth(1).locator("[name=item_file]").set_input_files(
        {"name": "聊天记录.png", "mimeType": "image/png", "buffer": samples.image("PNG", (60, 120))})
    _fits(phone)
    screenshot(phone, "evidence-party-360")
    phone.click("#submit-list")
    expect(phone.locator("#flash")).to_contain_text("证据清单已提交")
    expect(phone.get_by_test_id("evidence-item")).to_have_count(2)
    expect(phone.get_by_test_id("opinion-form")).to_have_count(0)  # nobody examines their own evidence
    # asynchronous cross-examination needs every party's consent (在线诉讼规则 art. 20(1))
    phone.check("#online-consent input[value=yes]")
    phone.click("#give-consent")
    expect(phone.locator("#flash")).to_contain_text("在线异步质证的意见已记录")

    other = open_page(defendant, PASSWORD, device=NARROW)
    other.goto(f"/portal/cases/{case_id}/evidence")
    expect(other.get_by_test_id("consent").nth(0)).to_contain_text("同意")
    other.check("#online-consent input[value=yes]")
    other.click("#give-consent")
    expect(other.locator("#flash")).to_contain_text("在线异步质证的意见已记录")
    items = other.get_by_test_id("evidence-item")
    expect(items).to_have_count(2)
    first = items.nth(0)
    first.locator("select[name=authenticity]").select_option("disputed")
    first.locator("textarea[name=reasons]").fill("借条上的签名不是被告所签")
    first.locator("button[type=submit]").click()
    expect(other.locator("#flash")).to_contain_text("质证意见已提交")
    items.nth(1).locator("button[type=submit]").click()  # all three recognised
    expect(other.get_by_test_id("opinion")).to_have_count(2)
    _fits(other)
    screenshot(other, "evidence-defendant-360")

    bench.goto(f"/bench/cases/{case_id}/evidence")
    findings = bench.get_by_test_id("finding-form")
    findings.nth(0).locator("select[name=finding]").select_option("not_admitted")
    findings.nth(0).locator("textarea[name=public_reason]").fill("原告未能提供借条原件")
    findings.nth(0).locator("textarea[name=internal_reason]").fill("签名与笔迹样本明显不符")
    findings.nth(0).locator("button[type=submit]").click()
    expect(bench.locator("#flash")).to_contain_text("认证意见已记录")
    bench.get_by_test_id("finding-form").nth(1).locator("button[type=submit]").click()
    expect(bench.get_by_test_id("finding")).to_have_count(2)
    expect(bench.get_by_test_id("internal-reason")).to_contain_text("笔迹样本")
    bench.click("#record-form button[type=submit]")
    expect(bench.locator("#flash")).to_contain_text("质证记录已生成")

    phone.goto(f"/portal/cases/{case_id}/evidence")
    expect(phone.get_by_test_id("finding").first).to_contain_text("不予采纳")
    expect(phone.get_by_test_id("finding").first).to_contain_text("原告未能提供借条原件")
    assert "笔迹样本" not in phone.content()
    phone.goto(f"/portal/cases/{case_id}")
    catalogue = phone.locator("#documents [data-testid=document]")
    expect(catalogue).to_have_count(4)
    names = [catalogue.nth(i).locator("a").first.inner_text() for i in range(4)]
    assert names == ["证据清单-原告第1组.pdf", "借条.pdf", "聊天记录.png", f"质证记录-{TODAY.isoformat()}.pdf"]
    expect(catalogue.nth(3).get_by_test_id("catalogue-kind")).to_have_text("质证记录")
    assert "笔迹样本" not in phone.content()
    _fits(phone)
    screenshot(phone, "evidence-catalogue-360")
