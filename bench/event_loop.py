"""Heavy work never stalls the server: the p95 of /api/v1/ping sent on a clock while heavy requests are handled (a
300,000-row element sheet read at the door, argon2 password hashing at registration, 300-page PDFs opened in the
parsing worker), against the p95 of the same pings to the idle server in the same run. A live `uvicorn` in its own
process on the embedded SQLite default, over loopback."""

import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import httpx
from pypdf import PdfWriter
from sqlalchemy import select

from bench.figures import Figure, percentile
from bench.workload import filing_body
from omnicourt import migrate
from omnicourt.db import Database
from omnicourt.demo.loader import DEMO_PASSWORD, load_demo
from omnicourt.filing.elements import workbook as sheet_workbook
from omnicourt.reference import service as reference
from omnicourt.security import rules as identity
from omnicourt.security import service as security
from omnicourt.security.models import Account
from omnicourt.settings import Settings

PING_EVERY = 0.05  # pings go out on a clock, not one after another, so a stalled loop shows in many of them
BASELINE_SECONDS = 3.0
SHEET_ROWS = 300_000
PDF_PAGES = 300


def run() -> Figure:
    with tempfile.TemporaryDirectory(prefix="omnicourt-loop-") as folder:
        url, plaintiff = _prepared(Path(folder))
        with _server(url, Path(folder)) as base:
            idle = _ping_while(base, [])
            loaded = _ping_while(base, _heavy_requests(base, plaintiff))
    return Figure(name="ping p95 while heavy requests run (sheet, argon2, PDFs; SQLite, 1 worker)",
                  value=round(1000 * percentile(loaded["latencies"], 0.95), 1), unit="ms",
                  ceiling=round(1000 * percentile(idle["latencies"], 0.95), 1), ceiling_name="ping p95 idle, same run",
                  details={"pings": len(loaded["latencies"]), "busy_seconds": round(loaded["seconds"], 1),
                           "statuses": loaded["statuses"]})


def _prepared(folder: Path) -> tuple[str, str]:
    """The demo province on SQLite, and the ID number of the demo party (a filing's plaintiff must be it)."""
    url = f"sqlite:///{folder / 'omnicourt.db'}"
    db = Database(url)
    migrate.upgrade(db)
    settings = Settings(database_url=url)
    with db.transaction() as session:
        reference.load(session, province=settings.province)
    load_demo(db, settings, cases=50, echo=lambda *_: None)
    with db.reading() as session:
        account = session.scalar(select(Account).where(Account.username == "demo-party"))
        plaintiff = security.actor_for(session, account).id_number
    db.engine.dispose()
    return url, plaintiff


class _server:
    """`uvicorn omnicourt.app:create_app` on a free port, stopped with its parsing worker on exit."""

    def __init__(self, url: str, folder: Path):
        self.url, self.folder = url, folder

    def __enter__(self) -> str:
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        env = {**os.environ, "OMNICOURT_DATABASE_URL": self.url, "OMNICOURT_STORAGE_DIR": str(self.folder / "docs")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "omnicourt.app:create_app", "--factory", "--fd",
             str(self.listener.fileno()), "--log-level", "warning"],
            env=env, pass_fds=(self.listener.fileno(),), start_new_session=True)
        base = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/api/v1/ping", timeout=1)
                return base
            except httpx.TransportError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)

    def __exit__(self, *_) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.listener.close()


def _bearer(base: str, username: str) -> dict[str, str]:
    token = httpx.post(f"{base}/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD},
                       timeout=60).json()["token"]
    return {"Authorization": f"Bearer {token}"}


def _heavy_requests(base: str, plaintiff: str) -> list:
    """Each returns its response's status code: 422 for the sheet (refused by its size after reading), 303 for a
    registration, 201 for a filing with its PDF."""
    bank, party = _bearer(base, "demo-bank"), _bearer(base, "demo-party")
    sheet, pdf = _blank_rows_sheet(SHEET_ROWS), _blank_pdf(PDF_PAGES)

    def upload_sheet():
        return httpx.post(f"{base}/api/v1/filings/element-sheets.xlsx", headers=bank, timeout=120,
                          files={"file": ("要素表.xlsx", sheet)}).status_code

    def register(n):
        form = {"username": f"loop{n}{time.time_ns() % 10**8}", "password": "correct-horse-9",
                "person_type": "natural", "role": "party", "name": "张三", "phone": "13900000001",
                "id_number": identity.make_id_number("330106", date(1980, 1, 1 + n), 100 + n, "male"),
                "csrf_token": "t" * 32}  # the sign-in forms' double-submit token, sent as cookie and field
        return httpx.post(f"{base}/register", data=form, cookies={"oc_login_csrf": "t" * 32},
                          timeout=120).status_code

    def file_with_pdf(n):
        body = filing_body("浙0106", n)
        body["parties"][0]["id_number"] = plaintiff
        return httpx.post(f"{base}/api/v1/filings/multipart", headers=party, timeout=120,
                          data={"filing": json.dumps(body, ensure_ascii=False)},
                          files=[("attachments", ("证据.pdf", pdf, "application/pdf"))]).status_code

    return [upload_sheet, *[lambda n=n: register(n) for n in range(6)], *[lambda n=n: file_with_pdf(n)
                                                                          for n in range(2)]]


def _ping_while(base: str, work: list) -> dict:
    """Ping on a clock until every request of `work` is answered (at least BASELINE_SECONDS)."""
    latencies: list[float] = []

    def ping():
        sent = time.monotonic()
        httpx.get(f"{base}/api/v1/ping", timeout=60)
        latencies.append(time.monotonic() - sent)

    with ThreadPoolExecutor(max(len(work), 1)) as load, ThreadPoolExecutor(64) as pings:
        started = time.monotonic()
        running = [load.submit(request) for request in work]
        pinged = []
        while not all(future.done() for future in running) or time.monotonic() - started < BASELINE_SECONDS:
            pinged.append(pings.submit(ping))
            time.sleep(PING_EVERY)
        seconds = time.monotonic() - started
        statuses = [future.result() for future in running]
        for future in pinged:
            future.result()
    return {"latencies": latencies, "seconds": seconds, "statuses": statuses}


def _blank_pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _blank_rows_sheet(rows: int) -> bytes:
    """The element-sheet template followed by `rows` blank styled rows, its declared dimension covering them."""
    template = zipfile.ZipFile(io.BytesIO(sheet_workbook.template_xlsx()))
    parts = {name: template.read(name) for name in template.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    blanks = "".join(f'<row r="{n}"><c r="A{n}" s="3"/></row>' for n in range(300, 300 + rows))
    xml = xml.replace("</sheetData>", blanks + "</sheetData>")
    xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:BH{300 + rows}"/>', xml)
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, content in parts.items():
            bundle.writestr(name, content)
    return out.getvalue()
