"""JSON API of the supervision screen: the view of a place and the cases behind a number."""

from dataclasses import dataclass

from fastapi import APIRouter, Depends, Query, Request

from omnicourt import clock
from omnicourt.dashboard import rules, schemas, service
from omnicourt.db import Database
from omnicourt.limits import MAX_OFFSET, OptionalId
from omnicourt.paging import parse_cursor
from omnicourt.security.roles import Actor
from omnicourt.web.deps import current_actor, get_db

router = APIRouter(prefix="/api/v1/dashboard", tags=["dashboard"])


@dataclass(frozen=True)
class Asked:
    """The place, period and filters of a request, as the pages and the API both take them."""

    level: str | None
    city: str | None
    court_id: int | None
    division_id: int | None
    judge_id: int | None
    period: str
    at: str | None
    cause: str | None
    procedure: str | None
    rank: str

    def place(self, session, actor: Actor) -> service.Place:
        return service.place_for(session, actor=actor, level=self.level, city=self.city, court_id=self.court_id,
                                 division_id=self.division_id, judge_id=self.judge_id)

    def filters(self, request: Request, today) -> service.Filters:
        # Long-pending tiers are configurable (OMNICOURT_DASHBOARD_LONG_PENDING_MONTHS); 12/18/36 by default.
        tiers = getattr(request.app.state.settings, "dashboard_long_pending_months", rules.LONG_PENDING_MONTHS)
        return service.filters_from(period_kind=self.period, at=self.at, cause=self.cause,
                                    procedure=self.procedure, today=today, tiers=tuple(tiers))


def asked(level: str | None = Query(None, pattern="^(province|city|court|division|judge)$"),
          city: str | None = None, court_id: OptionalId = None, division_id: OptionalId = None,
          judge_id: OptionalId = None, period: str = Query("year", pattern="^(month|quarter|year)$"),
          at: str | None = Query(None, max_length=10), cause: str | None = Query(None, max_length=64),
          procedure: str | None = None,
          rank: str = Query("clearance_rate", pattern="^(clearance_rate|overdue|pending|average_days)$")) -> Asked:
    return Asked(level, city, court_id, division_id, judge_id, period, at, cause or None, procedure or None, rank)


@router.get("", response_model=schemas.ViewOut)
def dashboard(request: Request, q: Asked = Depends(asked), actor: Actor = Depends(current_actor),
              db: Database = Depends(get_db)):
    """Figures of a place (default: the caller's widest), its children and ranking, and the trend."""
    today = clock.today()
    with db.reading() as session:
        place = q.place(session, actor)
        result = service.view(session, actor=actor, place=place, filters=q.filters(request, today), today=today,
                              rank_by=q.rank)
        return schemas.ViewOut.of(result)


@router.get("/cases", response_model=schemas.CasePageOut)
def cases(request: Request, measure: str = Query(..., max_length=32),
          page: int = Query(1, ge=1, le=MAX_OFFSET // service.PAGE_SIZE, description="the first pages only; "
                            "deeper by `cursor`"),
          cursor: str | None = Query(None, max_length=40, description="next_cursor of the previous page"),
          q: Asked = Depends(asked), actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """The cases behind one number (measure: filed, closed, pending, overdue, warning, long_pending_12, …)."""
    today = clock.today()
    with db.reading() as session:
        place = q.place(session, actor)
        found = service.case_list(session, actor=actor, place=place, filters=q.filters(request, today),
                                  measure=measure, page=page, today=today, after=parse_cursor(cursor))
        return schemas.CasePageOut.of(found)
