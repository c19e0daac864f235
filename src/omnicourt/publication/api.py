"""The JSON API of publication: anyone reads what was published (no sign-in); the case's staff publish."""

from datetime import date

from fastapi import APIRouter, Depends, Query, Response

from omnicourt.db import Database
from omnicourt.limits import PathId
from omnicourt.paging import parse_cursor, send_next_cursor
from omnicourt.publication import schemas, service
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import court_today, current_actor, get_db, get_settings

router = APIRouter(prefix="/api/v1", tags=["publication"])


@router.get("/judgments", response_model=list[schemas.PublishedSummary])
def judgments(response: Response, q: str = Query("", max_length=service.MAX_QUERY),
              cursor: str | None = Query(None, max_length=40, description="X-Next-Cursor of the previous page"),
              limit: int = Query(service.PAGE, ge=1, le=service.MAX_PAGE), db: Database = Depends(get_db)):
    """Published judgments and rulings, newest first (the placeholders of those withheld among them)."""
    with db.reading() as session:
        rows = service.listing(session, query=q, after=parse_cursor(cursor), limit=limit)
        send_next_cursor(response, rows, limit, "published_on")
        return [schemas.summary_out(row) for row in rows]


@router.get("/judgments/{published_id}", response_model=schemas.PublishedOut)
def judgment(published_id: PathId, db: Database = Depends(get_db)):
    """One published document: its redacted text, or the placeholder of one withheld."""
    with db.reading() as session:
        return schemas.published_out(service.published(session, published_id))


@router.get("/cases/{case_id}/publications", response_model=list[schemas.PublicationOut])
def publications(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    with db.reading() as session:
        return [schemas.publication_out(row) for row in service.of_case(session, actor=actor, case_id=case_id)]


@router.post("/cases/{case_id}/publications", response_model=schemas.PublicationOut, status_code=201)
def publish(case_id: PathId, data: schemas.PublishIn, actor: Actor = Depends(current_actor),
            db: Database = Depends(get_db), settings: Settings = Depends(get_settings),
            today: date = Depends(court_today)):
    """Publish the case's judgment or ruling: redacted and checked, or its placeholder when art. 4 withholds it; a
    text that still shows a party's name, number or street address is refused (422) naming what leaked."""
    with db.transaction() as session:
        row = service.publish(session, service.Publishing.of(settings), actor=actor, case_id=case_id,
                              effective_on=data.effective_on, today=today, document_id=data.document_id,
                              text=data.text, declared=data.withheld)
        return schemas.publication_out(row)
