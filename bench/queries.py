"""Latency of the docket, the case page and the party's case list through the service functions, to show
that their cost stays flat as the case base grows (run at two sizes and compare)."""

import random
import time

from sqlalchemy import func, select, text

from bench.figures import Figure, percentile
from bench.workload import actor
from omnicourt.cases import service as cases
from omnicourt.cases.models import Case
from omnicourt.db import Database
from omnicourt.errors import NotFound
from omnicourt.security import service as security
from omnicourt.security.models import Account


def run(db: Database, *, samples: int = 300, seed: int = 1) -> list[Figure]:
    """p50/p99 of each query over `samples` calls spread over judges and cases; ceiling: a bare SELECT 1."""
    rng = random.Random(seed)
    with db.reading() as session:
        size = session.scalar(select(func.count()).select_from(Case))
        max_id = session.scalar(select(func.max(Case.id)))
        judges = [security.actor_for(session, a) for a in session.scalars(
            select(Account).where(Account.role == "judge").order_by(Account.id))]
        province, party = actor(session, "demo-high-president"), actor(session, "demo-party")
        judge_sample = [rng.choice(judges) for _ in range(samples)]
        case_sample = [rng.randint(1, max_id) for _ in range(samples)]
        baseline = _timed(lambda _: session.execute(text("SELECT 1")).scalar_one(), range(samples))
        measured = {
            "docket (judge, mine_only, open_only)": _timed(
                lambda judge: cases.list_cases(session, actor=judge, mine_only=True, open_only=True), judge_sample),
            "case page (get_case)": _timed(
                lambda case_id: cases.get_case(session, actor=province, case_id=case_id), case_sample),
            "party's case list": _timed(lambda _: cases.list_cases(session, actor=party), range(samples)),
        }
    ceiling = 1000 * percentile(baseline, 0.99)
    return [Figure(name=f"{name} at {size:,} cases", value=1000 * percentile(times, 0.99), unit="ms p99",
                   ceiling=ceiling, ceiling_name="SELECT 1 round trip p99 (ms)",
                   details={"cases": size, "p50_ms": round(1000 * percentile(times, 0.50), 2),
                            "p99_ms": round(1000 * percentile(times, 0.99), 2), "samples": samples})
            for name, times in measured.items()]


def _timed(call, inputs) -> list[float]:
    times = []
    for item in inputs:
        started = time.perf_counter()
        try:
            call(item)
        except NotFound:  # an id between runs' ranges may be unused: a miss costs a lookup all the same
            pass
        times.append(time.perf_counter() - started)
    return times
