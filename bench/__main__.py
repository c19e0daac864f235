"""`make bench`: the whole suite on PostgreSQL (and SQLite where it makes sense); see bench/RESULTS.md."""

import argparse
import shlex
import sys
import tempfile
from datetime import date, datetime

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from bench import (
    acceptance,
    dashboard,
    deadline_recompute,
    dossier,
    event_loop,
    hearings,
    http_load,
    job_queue,
    judgments,
    publication,
    queries,
    report,
    retrieval,
)
from bench.figures import Figure
from omnicourt import migrate, runtime
from omnicourt.cases.models import Case
from omnicourt.db import Database
from omnicourt.demo import generator
from omnicourt.reference import service as reference
from omnicourt.settings import Settings

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/omnicourt_bench"


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--database-url", default=DEFAULT_URL, help="PostgreSQL database to fill (created if missing)")
    parser.add_argument("--cases-small", type=int, default=1_000_000)
    parser.add_argument("--cases-large", type=int, default=10_000_000, help="0 skips the large size")
    parser.add_argument("--seconds", type=float, default=20, help="length of each load phase")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers (README: one per core)")
    parser.add_argument("--samples", type=int, default=300, help="calls per query latency figure")
    parser.add_argument("--large-database-url", default=None,
                        help="measure the large size on this database (default: top up --database-url itself)")
    parser.add_argument("--no-generate", action="store_true",
                        help="never generate: measure each database at the size it already holds")
    parser.add_argument("--dashboard-rounds", type=int, default=30, help="rounds per dashboard figure")
    parser.add_argument("--no-acceptance", action="store_true", help="skip case acceptance (and its pgbench)")
    parser.add_argument("--no-dashboard", action="store_true", help="skip the province screen figures")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP and memory figures")
    parser.add_argument("--no-dossier", action="store_true", help="skip uploads stored, OCR and the one-PDF dossier")
    parser.add_argument("--judgment-docs", type=int, default=200,
                        help="judgments drafted and laid out as .docx and PDF (0 skips them)")
    parser.add_argument("--publication-docs", type=int, default=10_000,
                        help="judgments redacted for publication and the case base (0 skips them)")
    parser.add_argument("--queue-jobs", type=int, default=5000,
                        help="jobs per job-queue figure (0 skips them): no-op and writing a row, vs an INSERT loop")
    parser.add_argument("--queue-backend", default="", choices=["", "procrastinate", "huey", "dramatiq"],
                        help="the job queue's engine for the PostgreSQL figures (default: the database's own)")
    parser.add_argument("--queue-broker-url", default="",
                        help="dramatiq's broker: amqp://guest:guest@127.0.0.1:5672/ or redis://127.0.0.1:6379/0")
    parser.add_argument("--retrieval", action=argparse.BooleanOptionalAction, default=True,
                        help="similar-case search: both index backends against a brute-force scan")
    parser.add_argument("--retrieval-docs", type=int, default=1_000_000, help="synthetic judgments to index")
    parser.add_argument("--retrieval-only", action="store_true", help="run the similar-case search part alone")
    parser.add_argument("--hearings", type=int, default=200_000,
                        help="hearings booked across the province's courtrooms for the clash check and the judge's "
                             "calendar (0 skips them)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes and short phases: a minute, not hours")
    args = parser.parse_args(argv)
    if args.quick:
        args.cases_small, args.cases_large = min(args.cases_small, 2000), min(args.cases_large, 20000)
        args.seconds, args.samples = min(args.seconds, 3), min(args.samples, 50)
        args.dashboard_rounds = min(args.dashboard_rounds, 5)
        args.retrieval_docs = min(args.retrieval_docs, 5000)
        args.queue_jobs = min(args.queue_jobs, 200)
        args.publication_docs = min(args.publication_docs, 300)
        args.judgment_docs = min(args.judgment_docs, 20)
        args.hearings = min(args.hearings, 5000)
    return args


def prepared(url: str, settings: Settings) -> Database:
    """A migrated database with the reference data; a PostgreSQL database is created if it is missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database}):
                conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
        admin.dispose()
    db = Database(url)
    migrate.upgrade(db)
    with db.transaction() as session:
        reference.load(session, province=settings.province)
    return db


def top_up(db: Database, settings: Settings, cases: int, *, seed: int, generate: bool = True) -> Figure | None:
    """Generate cases until the database holds `cases` (a database that already holds them is left alone);
    the generation rate is a figure of its own. With generate=False, only say when the size falls short."""
    with db.reading() as session:
        have = session.scalar(select(func.count()).select_from(Case))
    if have >= cases:
        return None
    if not generate:
        print(f"note: {db.url} holds {have:,} cases, fewer than {cases:,}; measured as it is (--no-generate)")
        return None
    result = generator.generate(db, settings, cases=cases - have, seed=seed)
    return Figure(name=f"generator ({db.engine.dialect.name}), {have:,} → {cases:,} cases",
                  value=result.cases_per_second, unit="cases/s", ceiling=None, ceiling_name="",
                  details={"rows": result.rows, "seconds": round(result.seconds, 1),
                           "minutes_for_10M": round(10_000_000 / result.cases_per_second / 60, 1)})


def flatness(small: list[Figure], large: list[Figure]) -> list[Figure]:
    """The 10M/1M ratio of each query's p99 (target: under 1.5)."""
    return [Figure(name=f"{b.name.split(' at ')[0]}: p99 growth", value=b.value, unit="ms p99 (large)",
                   ceiling=a.value, ceiling_name=f"p99 at {a.details['cases']:,} cases",
                   details={"small_cases": a.details["cases"], "large_cases": b.details["cases"]})
            for a, b in zip(small, large, strict=True)]


def dashboard_growth(small: list[Figure], large: list[Figure]) -> list[Figure]:
    """The large/small ratio of each dashboard figure (no ratio target; the targets are absolute at 10 M)."""
    return [Figure(name=f"{b.name.split(' at ')[0]}: growth", value=b.value, unit=f"{b.unit} (large)",
                   ceiling=a.value, ceiling_name=f"{a.unit} at {a.details['cases']:,} cases",
                   details={"small_cases": a.details["cases"], "large_cases": b.details["cases"]})
            for a, b in zip(small, large, strict=True)]


def main(argv: list[str]) -> None:
    args = parse(argv)
    if args.retrieval_only:
        return _save(retrieval.run(docs=args.retrieval_docs), argv)
    settings = Settings(database_url=args.database_url, storage_dir=tempfile.mkdtemp(prefix="omnicourt-bench-"))
    runtime.configure(settings)
    figures: list[Figure] = []
    db = prepared(args.database_url, settings)
    figures += filter(None, [top_up(db, settings, args.cases_small, seed=1, generate=not args.no_generate)])
    small = queries.run(db, samples=args.samples)
    small_dashboard = [] if args.no_dashboard else dashboard.run(db, rounds=args.dashboard_rounds)
    figures += small + small_dashboard + [deadline_recompute.run(db)]
    if args.hearings:
        figures += hearings.run(db, settings, count=args.hearings, samples=args.samples)
    if not args.no_acceptance:
        figures.append(acceptance.run(db, settings, seconds=args.seconds, today=date.today()))
    if args.queue_jobs:
        figures += job_queue.run(args.database_url, jobs=args.queue_jobs, queue_backend=args.queue_backend,
                                 broker_url=args.queue_broker_url)
    if not args.no_http:
        figures += http_load.run(args.database_url, workers=args.workers, seconds=max(2, round(args.seconds / 2)))
        figures.append(event_loop.run())
    if args.cases_large:
        large_db = prepared(args.large_database_url, settings) if args.large_database_url else db
        figures += filter(None, [top_up(large_db, settings, args.cases_large, seed=2, generate=not args.no_generate)])
        large = queries.run(large_db, samples=args.samples)
        large_dashboard = [] if args.no_dashboard else dashboard.run(large_db, rounds=args.dashboard_rounds)
        figures += large + flatness(small, large) + large_dashboard + dashboard_growth(small_dashboard,
                                                                                       large_dashboard)
        figures.append(deadline_recompute.run(large_db))
    if not args.no_sqlite:
        figures += sqlite_suite(args)
    if not args.no_dossier:
        figures += dossier.run()
    if args.retrieval:
        figures += retrieval.run(docs=args.retrieval_docs)
    if args.publication_docs:
        figures += publication.run(documents=args.publication_docs)
    if args.judgment_docs:
        figures += judgments.run(documents=args.judgment_docs)
    _save(figures, argv)


def _save(figures: list[Figure], argv: list[str]) -> None:
    report.show(figures)
    command = "python -m bench " + shlex.join(argv)
    print(report.save(figures, command=command.strip(), when=datetime.now()))


def sqlite_suite(args) -> list[Figure]:
    """SQLite is the laptop default: acceptance and queries at the small quick size only."""
    folder = tempfile.mkdtemp(prefix="omnicourt-bench-sqlite-")
    url = f"sqlite:///{folder}/omnicourt.db"
    settings = Settings(database_url=url, storage_dir=f"{folder}/documents")
    db = prepared(url, settings)
    figures = list(filter(None, [top_up(db, settings, min(args.cases_small, 100_000), seed=1)]))
    figures += queries.run(db, samples=args.samples)
    figures.append(acceptance.run(db, settings, seconds=args.seconds, per_client=100, today=date.today()))
    if args.queue_jobs:
        figures += job_queue.run(url, jobs=min(args.queue_jobs, 1000))
    return figures


if __name__ == "__main__":
    main(sys.argv[1:])
