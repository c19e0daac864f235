"""Pages of the supervision screen: /bench/dashboard with HTMX drill-down, and the case lists behind it."""

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request

from omnicourt.cases.rules import PROCEDURE_LABELS
from omnicourt.dashboard import mediation, rules, service
from omnicourt.dashboard.asked import Asked, asked
from omnicourt.db import Database
from omnicourt.reference import service as reference
from omnicourt.security.roles import Actor
from omnicourt.web.deps import court_today, current_staff, get_db
from omnicourt.web.templating import render, templates

router = APIRouter(include_in_schema=False)


def pct(value: float | None) -> str:
    """A clearance rate as a percentage with one decimal (0.9534 → 95.3%)."""
    return "—" if value is None else f"{value * 100:.1f}%"


def days(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


templates.env.filters.update(dash_pct=pct, dash_days=days)


class Links:
    """URLs of the screen that keep the period and filters while the place or measure changes."""

    def __init__(self, q: Asked):
        self.keep = {k: v for k, v in {"period": q.period, "at": q.at, "cause": q.cause,
                                       "procedure": q.procedure, "rank": q.rank}.items() if v}
        if self.keep.get("period") == "year":
            del self.keep["period"]
        if self.keep.get("rank") == "clearance_rate":
            del self.keep["rank"]

    def place(self, place: service.Place, **extra) -> str:
        return "/bench/dashboard?" + urlencode(place.params | self.keep | extra)

    def cases(self, place: service.Place, measure: str, page: int = 1) -> str:
        extra = {"page": page} if page > 1 else {}
        return "/bench/dashboard/cases?" + urlencode(place.params | self.keep | {"measure": measure} | extra)


def _charts(result: service.View) -> dict:
    """Data of the two charts: the children (or ranked places) side by side, and the trend."""
    rows = [r for r in result.children if r.place.level == result.child_level]  # the cities, not the courts apart
    return {
        "children": {"names": [r.place.name for r in rows], "filed": [r.figures.filed for r in rows],
                     "closed": [r.figures.closed for r in rows],
                     "rate": [None if r.figures.clearance_rate is None else round(r.figures.clearance_rate * 100, 1)
                              for r in rows]},
        "trend": {"names": [t.period.label for t in result.trend], "filed": [t.figures.filed for t in result.trend],
                  "closed": [t.figures.closed for t in result.trend],
                  "rate": [None if t.figures.clearance_rate is None else round(t.figures.clearance_rate * 100, 1)
                           for t in result.trend]},
    }


def _cause_options(session) -> list[tuple[str, str]]:
    return [(c.code, "　" * (c.level - 1) + c.name) for c in reference.list_causes(session)]


@router.get("/bench/dashboard")
def dashboard_page(request: Request, q: Asked = Depends(asked), actor: Actor = Depends(current_staff),
                   db: Database = Depends(get_db), today: date = Depends(court_today)):
    """The province, a city, a court, a division or a judge; HTMX requests get the view fragment only."""
    with db.reading_replica() as session:
        place = q.place(session, actor)
        result = service.view(session, actor=actor, place=place, filters=q.filters(request, today), today=today,
                              rank_by=q.rank)
        context = {"v": result, "links": Links(q), "q": q, "charts": _charts(result),
                   "level_labels": service.LEVEL_LABELS, "rankings": service.RANKINGS,
                   "periods": rules.PERIOD_KINDS, "procedures": PROCEDURE_LABELS, "causes": _cause_options(session)}
    fragment = request.headers.get("hx-request") and not request.headers.get("hx-history-restore-request")
    return render(request, "dashboard/_view.html" if fragment else "dashboard/index.html", context)


@router.get("/bench/dashboard/cases")
def cases_page(request: Request, measure: str = Query(..., max_length=32), page: int = Query(1, ge=1, le=100000),
               q: Asked = Depends(asked), actor: Actor = Depends(current_staff), db: Database = Depends(get_db),
               today: date = Depends(court_today)):
    """The cases behind one number, 50 a page, each linking to its case page."""
    with db.reading_replica() as session:
        place = q.place(session, actor)
        filters = q.filters(request, today)
        found = service.case_list(session, actor=actor, place=place, filters=filters, measure=measure, page=page,
                                  today=today)
        trail = service.breadcrumbs(session, actor=actor, place=place)
    return render(request, "dashboard/cases.html", {
        "found": found, "place": place, "filters": filters, "trail": trail, "links": Links(q),
        "level_labels": service.LEVEL_LABELS, "procedures": PROCEDURE_LABELS})


@router.get("/bench/dashboard/mediation")
def mediation_page(request: Request, q: Asked = Depends(asked), actor: Actor = Depends(current_staff),
                   db: Database = Depends(get_db), today: date = Depends(court_today)):
    """Mediation figures of the place, its cities and courts, or a court's mediators."""
    with db.reading_replica() as session:
        place = q.place(session, actor)
        result = mediation.view(session, actor=actor, place=place, period=q.filters(request, today).period)
    return render(request, "dashboard/mediation.html", {
        "v": result, "keep": {k: v for k, v in {"period": q.period, "at": q.at}.items() if v},
        "level_labels": service.LEVEL_LABELS, "pct": pct, "days": days})
