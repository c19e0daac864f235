"""The deliberation in a real browser: the division chief forms a panel of three, the presiding judge puts two
points, the three members vote on both in the order of speaking (one of them on a phone), and the deliberation record
lands in the secondary volume, which the plaintiff's case page never shows."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from omnicourt.deliberation.models import Deliberation
from omnicourt.dossier.models import Document
from omnicourt.security.models import Account
from tests.browser.conftest import PHONE
from tests.deliberation.conftest import open_bench

pytestmark = pytest.mark.browser


def _username(db, actor) -> str:
    with db.reading() as session:
        return session.get(Account, actor.id).username


def _vote(page, choice: str, opinion: str) -> None:
    """Vote on the first point open to this member, from a freshly loaded page (the flash then is this vote's)."""
    page.goto(page.url.split("?")[0])
    form = page.get_by_test_id("vote-form").first
    form.locator(f"input[name=choice][value={choice}]").check()
    form.locator("textarea[name=opinion]").fill(opinion)
    form.locator("button[type=submit]").click()
    expect(page.locator("#flash")).to_contain_text("评议意见与表决已记录")


def test_three_members_vote_on_two_points_and_the_record_is_in_the_secondary_volume(open_page, live_site,
                                                                                     screenshot):
    b = open_bench(live_site.db, live_site.settings)
    case_id, url = b.case_id, f"/bench/cases/{b.case_id}/deliberation"

    chief = open_page(_username(live_site.db, b.chief))
    chief.goto(url)
    for member in b.members:
        chief.check(f"#panel-form input[name=member_ids][value='{member.id}']")
    chief.select_option("#presiding_judge_id", str(b.presiding.id))
    chief.click("#panel-form button[type=submit]")
    expect(chief.get_by_test_id("panel-members")).to_contain_text(f"{b.presiding.display_name}（审判长）")

    presiding = open_page(_username(live_site.db, b.presiding))
    presiding.goto(url)
    presiding.fill("#point-label-1", "借款是否已实际交付")
    presiding.fill("#point-label-2", "约定利率是否超过法定上限")
    presiding.select_option("#point-kind-2", "law")
    presiding.click("#points-form button[type=submit]")
    expect(presiding.get_by_test_id("point")).to_have_count(2)
    expect(presiding.get_by_test_id("vote-form")).to_have_count(0)  # the presiding judge speaks last

    rapporteur = open_page(_username(live_site.db, b.rapporteur), device=PHONE)
    rapporteur.goto(url)
    _vote(rapporteur, "affirm", "转账凭证与借条相互印证，借款已实际交付")
    _vote(rapporteur, "negate", "约定年利率未超过合同成立时一年期LPR的四倍")
    expect(rapporteur.get_by_test_id("vote-form")).to_have_count(0)
    assert rapporteur.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    screenshot(rapporteur, "deliberation-rapporteur-375")

    member = open_page(_username(live_site.db, b.member))
    member.goto(url)
    _vote(member, "negate", "原告未提交银行流水原件，交付事实尚不能确认")
    _vote(member, "negate", "利率约定符合民间借贷司法解释第二十五条")

    presiding.goto(url)
    _vote(presiding, "affirm", "被告当庭认可收到款项，交付事实成立")
    _vote(presiding, "negate", "利率未超过上限，应予支持")
    expect(presiding.get_by_test_id("outcome")).to_have_count(2)
    expect(presiding.get_by_test_id("outcome").first).to_contain_text("成立（2比1）")
    expect(presiding.get_by_test_id("point").first).to_contain_text("少数意见")
    expect(presiding.get_by_test_id("deliberation-status")).to_contain_text("已形成评议结论")
    expect(presiding.get_by_test_id("record-link")).to_be_visible()

    with live_site.db.reading() as session:
        record_id = session.scalar(select(Deliberation.record_document_id).where(Deliberation.case_id == case_id))
        record = session.get(Document, record_id)
        assert (record.kind, record.volume) == ("deliberation_record", "secondary")
    opened = presiding.request.get(f"/documents/{record_id}/download")
    assert opened.status == 200 and opened.body().startswith(b"%PDF")

    plaintiff = open_page(_username(live_site.db, b.p.plaintiff), "correct-horse-9")
    plaintiff.goto(f"/portal/cases/{case_id}")
    expect(plaintiff.locator("body")).not_to_contain_text("评议笔录")
    assert plaintiff.request.get(f"/documents/{record_id}/download").status == 404
