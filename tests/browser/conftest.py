"""A live OmniCourt (uvicorn in a thread) over a fresh SQLite file with a small demo province, and
Debian's chromium driven by Playwright. A browser is never downloaded: see ensure_chromium.py."""

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import select

from omnicourt import migrate
from omnicourt.app import create_app
from omnicourt.db import Database
from omnicourt.demo.loader import DEMO_PASSWORD, load_demo
from omnicourt.reference import service as reference
from omnicourt.security import rules as identity
from omnicourt.security.models import Account
from omnicourt.settings import RATE_LIMITS, Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# The one person the live site's simulated identity verifier confirms.
GENUINE_PERSON = ("周八", identity.make_id_number("330106", date(1990, 6, 1), 88, "male"))


@dataclass(frozen=True)
class LiveSite:
    url: str
    db: Database
    settings: Settings  # the server's: a test runs the server's queued jobs with them

    def username(self, **where) -> str:
        """The first account matching the given columns (role=..., division_id=..., id=...)."""
        with self.db.reading() as session:
            query = select(Account.username).filter_by(**where).order_by(Account.id).limit(1)
            return session.scalar(query)


def _prepared_database(folder: Path) -> Database:
    db = Database(f"sqlite:///{folder / 'omnicourt.db'}")
    migrate.upgrade(db)
    settings = Settings()
    with db.transaction() as session:
        reference.load(session, province=settings.province)
    load_demo(db, settings, cases=200, echo=lambda *_: None)
    return db


@pytest.fixture(scope="session")
def live_site(tmp_path_factory) -> Iterator[LiveSite]:
    folder = tmp_path_factory.mktemp("browser-site")
    db = _prepared_database(folder)
    # The walks sign in dozens of times a minute from one address, faster than any person; the limits themselves are
    # tested in tests/security/test_rate_limits.py.
    settings = Settings(database_url=db.url, storage_dir=folder / "documents",
                        identity_simulated_people=(f"{GENUINE_PERSON[0]}:{GENUINE_PERSON[1]}",),
                        rate_limits=RATE_LIMITS | {"login": (10_000, 10_000)})
    app = create_app(settings, db)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))  # bound before the server starts: no race for a free port
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield LiveSite(f"http://127.0.0.1:{listener.getsockname()[1]}", db, settings)
    server.should_exit = True
    thread.join(timeout=10)
    listener.close()
    db.engine.dispose()


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One chromium for the browser tests, closed after them: Playwright's sync API keeps an event loop running in
    the main thread while it is open, which would stop later tests from running asyncio (the job queue's drain)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run tests/browser/ensure_chromium.py as root")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, live_site) -> Iterator[Callable[..., Page]]:
    """A page in its own browser context (its own cookies), optionally signed in; closed after the test."""
    contexts = []

    def open_page(username: str | None = None, password: str = DEMO_PASSWORD, device: dict = DESKTOP) -> Page:
        context = browser.new_context(base_url=live_site.url, locale="zh-CN", **device)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        if username:
            sign_in(page, username, password)
        return page

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#login-submit")
    page.wait_for_url(lambda url: "/login" not in url)


@pytest.fixture(scope="session")
def screenshot() -> Callable[[Page, str], Path]:
    ARTIFACTS.mkdir(exist_ok=True)

    def screenshot(page: Page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return screenshot
