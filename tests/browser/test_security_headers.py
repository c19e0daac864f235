"""Pages still work under the Content-Security-Policy (no inline script, styles by nonce): sign-in, an HTMX
form, the dashboard's charts and the API docs, with no CSP violation in the browser console."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def watch_console(page: Page) -> list[str]:
    """Console errors and uncaught exceptions of the page (a CSP violation is reported as a console error)."""
    problems: list[str] = []
    page.on("console", lambda message: problems.append(f"{message.text} {message.location.get('url', '')}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_pages_work_under_the_content_security_policy(open_page):
    page = open_page()
    problems = watch_console(page)
    login = page.goto("/login")
    assert "script-src 'self'" in login.headers["content-security-policy"]
    page.fill("#username", "demo-president")
    page.fill("#password", "omnicourt-demo")
    page.click("#login-submit")
    page.wait_for_url(lambda url: "/login" not in url)

    page.goto("/calculators/fee")
    with page.expect_response(lambda r: "/calculators/fee/fragment" in r.url and r.status == 200):
        page.fill("#amount", "114142.70")
    expect(page.locator("#fee-result")).to_contain_text("2,582.85")

    page.goto("/bench/dashboard")
    charts = page.locator("[data-chart] canvas")
    expect(charts.first).to_be_visible()
    assert charts.count() == page.locator("[data-chart]").count() >= 1
    first_place = page.locator("#dashboard-view tr[data-row-level] a").first
    with page.expect_response(lambda r: "/bench/dashboard" in r.url and r.status == 200):
        first_place.click()
    expect(page.locator("[data-chart] canvas").first).to_be_visible()

    page.goto("/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("OmniCourt")
    assert not problems, problems


def test_an_inline_script_would_be_refused(open_page):
    """The policy is really enforced: a script injected into a page does not run, and the console says so."""
    page = open_page()
    problems = watch_console(page)
    page.goto("/login")
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.injected = true'; document.body.appendChild(s); }""")
    assert page.evaluate("() => window.injected === undefined")
    assert any("Content Security Policy" in p for p in problems), problems
