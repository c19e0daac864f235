"""The province screen (审判态势) through bench/dashboard_screen.py (measure): the province view's first render
in this process, then p50/p99 of the province view and of a drill-down to the busiest court; the ceiling is a
bare SELECT 1 round trip, as for the query figures (bench/queries.py)."""

import time

from sqlalchemy import func, select, text

from bench import dashboard_screen
from bench.figures import Figure, percentile
from omnicourt.cases.models import Case
from omnicourt.db import Database

TARGETS_MS = {"province": 500, "court": 200}  # at 10 M cases (issue): province screen, drill-down


def run(db: Database, *, rounds: int = 30, period: str = "year") -> list[Figure]:
    with db.reading() as session:
        size = session.scalar(select(func.count()).select_from(Case))
        baseline = []
        for _ in range(rounds):
            started = time.perf_counter()
            session.execute(text("SELECT 1")).scalar_one()
            baseline.append(time.perf_counter() - started)
    ceiling = 1000 * percentile(baseline, 0.99)
    ceiling_name = "SELECT 1 round trip p99 (ms)"
    # The first call in this process: template compilation, reference caches and cold plans included.
    first = dashboard_screen.measure(db, rounds=1, period=period)
    timed = dashboard_screen.measure(db, rounds=rounds, period=period)
    figures = [Figure(name=f"dashboard province screen, first render in a fresh process, at {size:,} cases",
                      value=first["province"]["p50_ms"], unit="ms", ceiling=ceiling, ceiling_name=ceiling_name,
                      details={"cases": size, "period": period, "target_ms_at_10M": TARGETS_MS["province"]})]
    for key, label in (("province", "dashboard province screen"),
                       ("court", f"dashboard drill-down to the busiest court (id {timed['court_id']})")):
        figures.append(Figure(name=f"{label} at {size:,} cases", value=timed[key]["p99_ms"], unit="ms p99",
                              ceiling=ceiling, ceiling_name=ceiling_name,
                              details={"cases": size, "p50_ms": timed[key]["p50_ms"], "p99_ms": timed[key]["p99_ms"],
                                       "rounds": timed[key]["rounds"], "period": period,
                                       "target_ms_at_10M": TARGETS_MS[key]}))
    return figures
