"""Case acceptance (filing.service.accept: number, fee notice, triage, assignment, timeline, audit) under
concurrent clients, against the database's own ceiling for a single-row locked update."""

import multiprocessing
import re
import subprocess
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from bench.figures import Figure, percentile
from bench.workload import actor, filing_body
from omnicourt import runtime
from omnicourt.db import Database
from omnicourt.filing import service as filing
from omnicourt.filing.schemas import FilingIn
from omnicourt.reference.models import Court
from omnicourt.security.models import Account
from omnicourt.settings import Settings

PGBENCH_SCRIPT = """\\set id random(1, {rows})
BEGIN;
UPDATE bench_counters SET n = n + 1 WHERE id = :id RETURNING n;
COMMIT;
"""


def run(db: Database, settings: Settings, *, clients: int = 16, processes: int = 2, seconds: float = 20,
        per_client: int = 400, today: date | None = None) -> Figure:
    """Each client is the filing officer of one court, accepting that court's submitted filings one by one. The
    clients are threads spread over `processes` processes, as the server spreads requests over its workers (one
    per core): one process's threads share one interpreter lock."""
    today = today or date.today()
    queues = _submitted_filings(db, settings, clients=clients, per_client=per_client, today=today)
    db.engine.dispose()  # the children open their own connections
    shares = [queues[k::processes] for k in range(processes)]
    start_at = time.time() + 3  # spawned children import the platform in about a second; all begin together
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        results = pool.starmap(_accept_in_process,
                               [(db.url, settings, share, today, start_at, seconds) for share in shares])
    latencies = [latency for result in results for latency in result[0]]
    elapsed = max(result[1] for result in results)
    ceiling, ceiling_name = _ceiling(db, clients=clients, seconds=seconds)
    return Figure(
        name=f"case acceptance, {clients} clients in {processes} processes ({db.engine.dialect.name})",
        value=len(latencies) / elapsed, unit="cases/s", ceiling=ceiling, ceiling_name=ceiling_name,
        details={"accepted": len(latencies), "seconds": round(elapsed, 1), "wall_seconds":
                 round(time.perf_counter() - started, 1),
                 "p50_ms": round(1000 * percentile(latencies, 0.50), 1),
                 "p99_ms": round(1000 * percentile(latencies, 0.99), 1),
                 "ran_out_of_filings": len(latencies) == sum(len(q[1]) for q in queues)})


def _accept_in_process(url: str, settings: Settings, queues: list, today: date, start_at: float, seconds: float
                       ) -> tuple[list[float], float]:
    """One process's clients from `start_at` (epoch seconds) for `seconds`: (latencies, seconds they took)."""
    runtime.configure(settings)
    db = Database(url)
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = start_at + seconds
    time.sleep(max(0.0, start_at - time.time()))

    def client(officer, application_ids):
        mine = []
        for application_id in application_ids:
            if time.time() > deadline:
                break
            began = time.perf_counter()
            with db.transaction() as session:
                filing.accept(session, settings, actor=officer, application_id=application_id, today=today)
            mine.append(time.perf_counter() - began)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=queue) for queue in queues]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    db.engine.dispose()
    return latencies, elapsed


def _submitted_filings(db: Database, settings: Settings, *, clients: int, per_client: int, today: date):
    """One (filing officer, submitted application ids) per court: the demo court first, then other basic courts."""
    with db.reading() as session:
        officers = session.execute(
            select(Account.username, Court.code).join(Court, Court.id == Account.court_id)
            .where(Account.role == "filing_officer", Court.level == "basic")
            .order_by(Account.username != "demo-filing-officer", Court.id, Account.id)
        ).all()
    chosen, seen = [], set()
    for username, court_code in officers:
        if court_code not in seen:
            seen.add(court_code)
            chosen.append((username, court_code))
    queues = []
    for username, court_code in chosen[:clients]:
        with db.transaction() as session:
            party, officer = actor(session, "demo-party"), actor(session, username)
            ids = [filing.submit(session, settings, actor=party, data=FilingIn(**filing_body(court_code, n)),
                                 uploads=[], today=today).id for n in range(per_client)]
        queues.append((officer, ids))
    return queues


def _ceiling(db: Database, *, clients: int, seconds: float) -> tuple[float, str]:
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS bench_counters"))
        conn.execute(text("CREATE TABLE bench_counters (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)"))
        for n in range(1, clients + 1):
            conn.execute(text("INSERT INTO bench_counters (id, n) VALUES (:id, 0)"), {"id": n})
    try:
        if db.is_sqlite:
            return _python_updates(db, clients=clients, seconds=seconds), "locked single-row UPDATE, same threads"
        return _pgbench(db.url, clients=clients, seconds=seconds), f"pgbench -c {clients} -j 2 locked UPDATE"
    finally:
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE bench_counters"))


def _pgbench(url: str, *, clients: int, seconds: float) -> float:
    parsed = make_url(url)
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "update.sql"
        script.write_text(PGBENCH_SCRIPT.format(rows=clients))
        result = subprocess.run(
            ["pgbench", "-n", "-h", parsed.host or "127.0.0.1", "-p", str(parsed.port or 5432),
             "-U", parsed.username or "postgres", "-f", str(script), "-c", str(clients), "-j", "2",
             "-T", str(max(1, round(seconds))), parsed.database],
            capture_output=True, text=True, check=True)
    return float(re.search(r"tps = ([0-9.]+)", result.stdout).group(1))


def _python_updates(db: Database, *, clients: int, seconds: float) -> float:
    """SQLite has no pgbench: the same threads run the same locked update through the same engine."""
    done = [0] * clients
    deadline = time.perf_counter() + seconds

    def client(k):
        while time.perf_counter() < deadline:
            with db.transaction() as session:
                session.execute(text("UPDATE bench_counters SET n = n + 1 WHERE id = :id RETURNING n"),
                                {"id": k + 1}).scalar_one()
            done[k] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - started)
