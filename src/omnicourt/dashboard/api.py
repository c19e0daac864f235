"""JSON API of the supervision screen: the view of a place and the cases behind a number."""

from datetime import date

from fastapi import APIRouter, Depends, Query, Request

from omnicourt.dashboard import mediation, schemas, service
from omnicourt.dashboard.asked import Asked, asked
from omnicourt.db import Database
from omnicourt.limits import MAX_OFFSET
from omnicourt.paging import parse_cursor
from omnicourt.security.roles import Actor
from omnicourt.web.deps import court_today, current_actor, get_db

router = APIRouter(prefix="/api/v1/dashboard", tags=["dashboard"])


@router.get("", response_model=schemas.ViewOut)
def dashboard(request: Request, q: Asked = Depends(asked), actor: Actor = Depends(current_actor),
              db: Database = Depends(get_db), today: date = Depends(court_today)):
    """Figures of a place (default: the caller's widest), its children and ranking, and the trend."""
    with db.reading_replica() as session:
        place = q.place(session, actor)
        result = service.view(session, actor=actor, place=place, filters=q.filters(request, today), today=today,
                              rank_by=q.rank)
        return schemas.ViewOut.of(result)


@router.get("/cases", response_model=schemas.CasePageOut)
def cases(request: Request, measure: str = Query(..., max_length=32),
          page: int = Query(1, ge=1, le=MAX_OFFSET // service.PAGE_SIZE, description="the first pages only; "
                            "deeper by `cursor`"),
          cursor: str | None = Query(None, max_length=40, description="next_cursor of the previous page"),
          q: Asked = Depends(asked), actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
          today: date = Depends(court_today)):
    """The cases behind one number (measure: filed, closed, pending, overdue, warning, long_pending_12, …)."""
    with db.reading_replica() as session:
        place = q.place(session, actor)
        found = service.case_list(session, actor=actor, place=place, filters=q.filters(request, today),
                                  measure=measure, page=page, today=today, after=parse_cursor(cursor))
        return schemas.CasePageOut.of(found)


@router.get("/mediation", response_model=schemas.MediationViewOut)
def mediation_figures(request: Request, q: Asked = Depends(asked), actor: Actor = Depends(current_actor),
                      db: Database = Depends(get_db), today: date = Depends(court_today)):
    """Mediation figures: received, settled, failed, confirmed, median days, share resolved before filing."""
    with db.reading_replica() as session:
        place = q.place(session, actor)
        return schemas.mediation_view_out(mediation.view(session, actor=actor, place=place,
                                                         period=q.filters(request, today).period))
