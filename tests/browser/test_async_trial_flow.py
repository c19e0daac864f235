"""An asynchronous trial in a real browser: the plaintiff applies on a desktop, the defendant agrees on a 390 px phone,
the judge opens the trial and two stages, each party answers (the plaintiff with a file and a self-recorded video),
the defendant cannot read the plaintiff's answer until the stage ends, and both confirm the record with their password;
the record and its confirmed version are in the dossier's main volume."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from omnicourt import clock
from omnicourt.security.models import Account
from tests.browser.conftest import PHONE
from tests.factories import blank_pdf
from tests.hearings.asynchronous.conftest import HARDSHIP, MP4, PASSWORD, exchanged_case

pytestmark = pytest.mark.browser
PHONE_390 = PHONE | {"viewport": {"width": 390, "height": 844}}


def _usernames(db, *actors) -> list[str]:
    with db.reading() as session:
        return [session.get(Account, a.id).username for a in actors]


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def _open_stage(bench, kind: str, question: str) -> None:
    bench.select_option("#kind", kind)
    bench.fill("#questions", question)
    bench.fill("#closes_at", f"{clock.now() + timedelta(days=1):%Y-%m-%dT%H:%M}")
    bench.click("#stage-form button[type=submit]")
    expect(bench.locator("#flash")).to_contain_text("审理阶段已开启")


def test_a_full_asynchronous_trial_to_a_confirmed_record(open_page, live_site, screenshot):
    parties = exchanged_case(live_site.db, live_site.settings)
    plaintiff, defendant, judge = _usernames(live_site.db, parties.plaintiff, parties.defendant, parties.judge)
    trial = f"/portal/cases/{parties.case_id}/async-trial"

    desk = open_page(plaintiff, PASSWORD)
    desk.goto(f"/portal/cases/{parties.case_id}")
    desk.click("#open-async-trial")
    desk.fill("#reason", "被告长期在外地务工，双方难以同时在线")
    desk.click("#application-form button[type=submit]")
    expect(desk.locator("#flash")).to_contain_text("异步审理申请已提交")

    phone = open_page(defendant, PASSWORD, device=PHONE_390)
    phone.goto(trial)
    phone.click("#consent-yes")
    expect(phone.locator("#flash")).to_contain_text("您的意见已记录")
    expect(phone.get_by_test_id("consents")).to_contain_text("被告李四：同意")
    _fits(phone)

    bench = open_page(judge)
    bench.goto(f"/bench/cases/{parties.case_id}/async-trial")
    expect(bench.get_by_test_id("failures")).to_contain_text("法官尚未认定")
    bench.fill("#hardship", HARDSHIP)
    bench.click("#open-form button[type=submit]")
    expect(bench.locator("#flash")).to_contain_text("本案已适用异步审理")
    _open_stage(bench, "investigation", "借款是否实际交付？\n被告是否已归还部分借款？")

    desk.goto(trial)
    form = desk.get_by_test_id("answer-form")
    form.locator("textarea[name=text]").fill("借款2万元已于2025年1月通过银行转账交付")
    form.locator("input[name=files]").set_input_files(
        {"name": "转账记录.pdf", "mimeType": "application/pdf", "buffer": blank_pdf(1)})
    form.locator("input[name=video]").set_input_files({"name": "原告陈述.mp4", "mimeType": "video/mp4",
                                                        "buffer": MP4})
    form.locator("button[type=submit]").click()
    expect(desk.locator("#flash")).to_contain_text("答复已提交")
    expect(desk.get_by_test_id("answer-video")).to_have_text("原告陈述.mp4")

    phone.goto(trial)
    expect(phone.get_by_test_id("answers-hidden")).to_be_visible()
    assert "银行转账交付" not in phone.content()
    phone.get_by_test_id("answer-form").locator("textarea[name=text]").fill("借款属实，已归还5000元")
    phone.get_by_test_id("answer-form").locator("button[type=submit]").click()
    expect(phone.locator("#flash")).to_contain_text("答复已提交")
    _fits(phone)
    screenshot(phone, "async-trial-defendant-390")

    bench.goto(f"/bench/cases/{parties.case_id}/async-trial")
    bench.get_by_test_id("close-form").locator("button[type=submit]").click()
    expect(bench.locator("#flash")).to_contain_text("本阶段已结束")
    _open_stage(bench, "final_statement", "请作最后陈述")

    phone.goto(trial)
    expect(phone.get_by_test_id("stage").first.get_by_test_id("answer")).to_have_count(2)
    expect(phone.get_by_test_id("stage").first).to_contain_text("银行转账交付")
    phone.get_by_test_id("answer-form").locator("textarea[name=text]").fill("请求驳回超出部分的诉讼请求")
    phone.get_by_test_id("answer-form").locator("button[type=submit]").click()
    expect(phone.locator("#flash")).to_contain_text("答复已提交")
    desk.goto(trial)
    desk.get_by_test_id("answer-form").locator("textarea[name=text]").fill("坚持诉讼请求")
    desk.get_by_test_id("answer-form").locator("button[type=submit]").click()
    expect(desk.locator("#flash")).to_contain_text("答复已提交")

    bench.goto(f"/bench/cases/{parties.case_id}/async-trial")
    bench.get_by_test_id("close-form").locator("button[type=submit]").click()
    expect(bench.locator("#flash")).to_contain_text("本阶段已结束")
    bench.click("#record-form button[type=submit]")
    expect(bench.locator("#flash")).to_contain_text("庭审笔录已生成")

    for page in (desk, phone):
        page.goto(trial)
        page.fill("#confirm-password", PASSWORD)
        page.click("#confirm-form button[type=submit]")
        expect(page.locator("#flash")).to_contain_text("您已在线确认庭审笔录")
    expect(phone.get_by_test_id("record-link")).to_contain_text("已确认")
    expect(phone.get_by_test_id("confirmations")).to_contain_text("原告张三：")
    _fits(phone)
    screenshot(phone, "async-trial-record-390")

    phone.goto(f"/portal/cases/{parties.case_id}")
    kinds = phone.locator("#documents [data-testid=catalogue-kind]")
    expect(kinds.last).to_have_text("庭审笔录")
    assert [kinds.nth(i).inner_text() for i in range(kinds.count())][-2:] == ["庭审笔录", "庭审笔录"]
    _fits(phone)
