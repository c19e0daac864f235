"""Documents people can open, in a real browser at phone width: a party adds a contract and a photo to its case
and opens them (the PDF inline, the photo shown), and the judge of the case opens the same documents; the clerk
corrects the catalogue on a phone and the party sees the new order."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from omnicourt.cases.models import Case
from omnicourt.filing import service as filing
from omnicourt.security import service as security
from omnicourt.security.models import Account
from omnicourt.settings import Settings
from tests.browser.conftest import PHONE
from tests.conftest import TODAY, actor_named
from tests.dossier import samples
from tests.factories import blank_pdf, register_party
from tests.factories import filing as make_filing

pytestmark = pytest.mark.browser


def party_with_a_case(db) -> tuple[str, int, str]:
    """A new party's accepted case: (party username, case id, judge username)."""
    with db.transaction() as session:
        account = register_party(session)
        party, username = security.actor_for(session, account), account.username
    settings = Settings(database_url=db.url)
    with db.transaction() as session:
        application = filing.submit(session, settings, actor=party, uploads=[], today=TODAY,
                                    data=make_filing(plaintiff_id=party.id_number))
    with db.transaction() as session:
        case = filing.accept(session, settings, actor=actor_named(db, "demo-filing-officer"),
                             application_id=application.id, today=TODAY)
        return username, case.id, session.get(Account, case.judge_id).username


def test_a_party_adds_and_opens_documents_on_a_phone_and_the_judge_opens_them(open_page, live_site, screenshot):
    username, case_id, judge = party_with_a_case(live_site.db)
    contract, photo = blank_pdf(2), samples.image("PNG", (120, 80))
    page = open_page(username, "correct-horse-9", device=PHONE)
    page.goto(f"/portal/cases/{case_id}")
    page.set_input_files("#files", [{"name": "借款合同.pdf", "mimeType": "application/pdf", "buffer": contract},
                                    {"name": "转账截图.png", "mimeType": "image/png", "buffer": photo}])
    page.click("#add-documents-submit")
    documents = page.locator("#documents [data-testid=document]")
    expect(documents).to_have_count(2)
    expect(documents.first).to_contain_text("借款合同.pdf")
    screenshot(page, "documents-party-phone")

    pdf_url = documents.first.locator("a", has_text="打开").get_attribute("href")
    opened = page.request.get(pdf_url)  # what the plain link opens, with the party's cookie
    assert opened.status == 200 and opened.body() == contract
    assert opened.headers["content-type"] == "application/pdf"
    assert opened.headers["content-disposition"].startswith("inline;")
    assert opened.headers["x-content-type-options"] == "nosniff"

    documents.nth(1).locator("a", has_text="转账截图.png").click()
    preview = page.locator("img[data-testid=document-preview]")
    expect(preview).to_be_visible()
    assert page.evaluate("document.querySelector('img[data-testid=document-preview]').naturalWidth") == 120
    page.goto(f"/portal/cases/{case_id}")
    documents.first.locator("a", has_text="借款合同.pdf").click()
    expect(page.locator("object[data-testid=document-preview]")).to_have_attribute("type", "application/pdf")
    expect(page.get_by_test_id("download-document")).to_be_visible()

    bench = open_page(judge)
    bench.goto(f"/bench/cases/{case_id}")
    listed = bench.locator("[data-testid=document]")
    expect(listed).to_have_count(2)
    assert bench.request.get(listed.first.locator("a", has_text="打开").get_attribute("href")).body() == contract
    listed.first.locator("a", has_text="借款合同.pdf").click()
    expect(bench.locator("object[data-testid=document-preview]")).to_be_attached()

    stranger = open_page("demo-lawyer", device=PHONE)
    assert stranger.request.get(pdf_url).status == 404


def test_the_clerk_corrects_the_catalogue_on_a_phone(open_page, live_site, screenshot):
    username, case_id, judge = party_with_a_case(live_site.db)
    party = open_page(username, "correct-horse-9", device=PHONE)
    party.goto(f"/portal/cases/{case_id}")
    party.set_input_files("#files", [
        {"name": "证据目录.pdf", "mimeType": "application/pdf", "buffer": blank_pdf(1)},
        {"name": "民事起诉状.pdf", "mimeType": "application/pdf", "buffer": blank_pdf(3)}])
    party.click("#add-documents-submit")
    expect(party.locator("#documents [data-testid=document]")).to_have_count(2)

    with live_site.db.reading() as session:
        division = session.get(Account, session.scalar(select(Case.judge_id).where(Case.id == case_id))).division_id
    clerk = open_page(live_site.username(role="clerk", division_id=division), device=PHONE)
    clerk.goto(f"/bench/cases/{case_id}")
    main = clerk.get_by_test_id("volume-main").locator("[data-testid=document]")
    complaint = main.filter(has_text="民事起诉状.pdf")
    complaint.locator("select[name=kind]").select_option("complaint")
    complaint.locator("input[name=number]").fill("1")
    complaint.get_by_role("button", name="更正").click()
    expect(clerk.locator(".flash-ok")).to_contain_text("卷宗目录已更正")
    expect(main.first).to_contain_text("民事起诉状.pdf")
    expect(main.first.get_by_test_id("catalogue-kind")).to_have_text("起诉状")
    expect(main.first).to_contain_text("1–3")
    expect(main.nth(1)).to_contain_text("4–4")
    assert clerk.evaluate("document.documentElement.scrollWidth") <= 375  # nothing wider than the phone
    screenshot(clerk, "catalogue-clerk-phone")

    party.reload()
    expect(party.locator("#documents [data-testid=document]").first).to_contain_text("民事起诉状.pdf")
