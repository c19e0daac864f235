"""Recomputing the deadline status of every open case (deadlines.service.recompute), against a plain SQL
scan that reads the same rows (id, deadline) in the same run."""

import time
from datetime import date

from sqlalchemy import func, select

from bench.figures import Figure
from omnicourt.cases.models import Case
from omnicourt.cases.service import OPEN_STAGES
from omnicourt.db import Database
from omnicourt.deadlines import service as deadlines


def run(db: Database, *, today: date | None = None) -> Figure:
    """Seconds to recompute; the ceiling is the scan's seconds. Both run in a rolled-back transaction."""
    today = today or date.today()
    with db.reading() as session:
        open_cases = session.scalar(select(func.count()).select_from(Case).where(Case.stage.in_(OPEN_STAGES)))
        started = time.perf_counter()
        rows = session.execute(select(Case.id, Case.deadline_on).where(Case.stage.in_(OPEN_STAGES))).all()
        scan = time.perf_counter() - started
        started = time.perf_counter()
        counts = deadlines.recompute(session, today=today)
        elapsed = time.perf_counter() - started
        session.rollback()
    return Figure(name=f"deadline status of {open_cases:,} open cases ({db.engine.dialect.name})", value=elapsed,
                  unit="s", ceiling=scan, ceiling_name=f"plain scan of the same {len(rows):,} rows (s)",
                  details={"open_cases": open_cases, "counts": counts, "scan_s": round(scan, 3)})
