"""JSON API of cases: lists, the case, its timeline, and the judge's steps."""


from fastapi import APIRouter, Depends, Query, Response

from omnicourt.cases import schemas, service
from omnicourt.cases.models import Case
from omnicourt.db import Database
from omnicourt.limits import Offset, PathId
from omnicourt.paging import CURSOR_HEADER, parse_cursor, send_next_cursor
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.web.deps import current_actor, get_db

router = APIRouter(prefix="/api/v1/cases", tags=["cases"])


def _detail(case: Case) -> schemas.CaseDetail:
    return schemas.CaseDetail.model_validate(case)


@router.get("", response_model=list[schemas.CaseSummary])
def list_cases(response: Response, open_only: bool = False, mine_only: bool = False, order: str = "newest",
               limit: int = Query(50, ge=1, le=200), offset: Offset = 0,
               cursor: str | None = Query(None, max_length=40, description=f"the {CURSOR_HEADER} header of the "
                                          "previous page: the next page, at any depth, as fast as the first"),
               actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """Cases the caller may see: a party's own, a judge's docket (mine_only), a court's, the province's.
    A full page carries the cursor of the next one in the X-Next-Cursor header."""
    with db.reading() as session:
        cases = service.list_cases(session, actor=actor, open_only=open_only, mine_only=mine_only, order=order,
                                   limit=limit, offset=offset, after=parse_cursor(cursor))
    send_next_cursor(response, cases, limit, service.ORDER_KEYS[order])
    return cases


@router.get("/by-number/{case_number}", response_model=schemas.CaseDetail)
def find_by_number(case_number: str, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """A case by its number; half-width brackets and spaces are accepted."""
    with db.reading() as session:
        court_codes = {c.code for c in reference.list_courts(session)}
        type_codes = reference.case_type_codes(session)
        return _detail(service.find_by_number(session, actor=actor, text=case_number, court_codes=court_codes,
                                              type_codes=type_codes))


@router.get("/{case_id}", response_model=schemas.CaseDetail)
def get_case(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    with db.reading() as session:
        return _detail(service.get_case(session, actor=actor, case_id=case_id, with_parties_and_claims=True))


@router.get("/{case_id}/timeline", response_model=list[schemas.TimelineEventOut])
def get_timeline(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    with db.reading() as session:
        case = service.get_case(session, actor=actor, case_id=case_id)
        return service.timeline(session, actor=actor, case=case)


@router.post("/{case_id}/hearings", response_model=schemas.CaseDetail)
def hold_hearing(case_id: PathId, body: schemas.HearingIn, actor: Actor = Depends(current_actor),
                 db: Database = Depends(get_db)):
    with db.transaction() as session:
        return _detail(service.hold_hearing(session, actor=actor, case_id=case_id, held_on=body.held_on,
                                            summary=body.summary,
                                            attendance=service.attendance_of(body.present, body.absent, body.online,
                                                                             body.summoned_by_notice)))


@router.post("/{case_id}/reassignment", response_model=schemas.CaseDetail)
def reassign(case_id: PathId, body: schemas.ReassignIn, actor: Actor = Depends(current_actor),
             db: Database = Depends(get_db)):
    with db.transaction() as session:
        judge = security.get_account(session, body.judge_id)
        return _detail(service.reassign(session, actor=actor, case_id=case_id, judge=judge, reason=body.reason))
