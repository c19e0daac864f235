"""Timing of the supervision screen for `make bench` (bench/dashboard.py): the province view and a court drill-down,
each read from the aggregates and rendered to HTML, as a signed-in high-court president sees them."""

import statistics
import time
from datetime import date

from sqlalchemy import func, select

from omnicourt import clock
from omnicourt.dashboard import service
from omnicourt.dashboard.asked import Asked
from omnicourt.dashboard.models import CourtFlow
from omnicourt.dashboard.pages import Links, _cause_options, _charts
from omnicourt.dashboard.rules import ALL, PERIOD_KINDS
from omnicourt.db import Database
from omnicourt.security.roles import Actor
from omnicourt.web.templating import templates

HIGH_PRESIDENT = Actor(id=0, role="president", kind="staff", display_name="基准测试", court_level="high")


def _render(session, place: service.Place, asked: Asked, today: date) -> str:
    filters = service.filters_from(period_kind=asked.period, at=asked.at, today=today)
    result = service.view(session, actor=HIGH_PRESIDENT, place=place, filters=filters, today=today)
    context = {"v": result, "links": Links(asked), "q": asked, "charts": _charts(result),
               "level_labels": service.LEVEL_LABELS, "rankings": service.RANKINGS, "periods": PERIOD_KINDS,
               "procedures": {}, "causes": _cause_options(session), "actor": None, "csrf_token": ""}
    return templates.get_template("dashboard/_view.html").render(context)


def _percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {"p50_ms": round(statistics.median(ordered) * 1000, 2),
            "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2),
            "rounds": len(ordered)}


def measure(db: Database, rounds: int = 20, *, period: str = "year", today: date | None = None) -> dict:
    """p50/p99 (ms) of the province view and of a drill-down to the busiest court, over `rounds` each.

    Returns {"province": {...}, "court": {...}, "court_id": id}; each timing is one read
    transaction plus rendering the fragment, so it excludes HTTP and sign-in only.
    """
    today = today or clock.today()
    asked = Asked(None, None, None, None, None, period, None, None, None, "clearance_rate")
    with db.reading() as session:
        busiest = session.scalar(select(CourtFlow.court_id).where(CourtFlow.cause_code == ALL)
                                 .group_by(CourtFlow.court_id).order_by(func.sum(CourtFlow.filed).desc()).limit(1))
    timings: dict[str, list[float]] = {"province": [], "court": []}
    for _ in range(rounds):
        for name in timings:
            started = time.perf_counter()
            with db.reading() as session:
                if name == "province":
                    place = service.Place("province", "全省")
                else:
                    place = service.locate(session, level="court", court_id=busiest)
                _render(session, place, asked, today)
            timings[name].append(time.perf_counter() - started)
    return {"province": _percentiles(timings["province"]), "court": _percentiles(timings["court"]),
            "court_id": busiest}
