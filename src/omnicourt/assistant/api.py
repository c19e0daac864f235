"""JSON API of the AI judge assistant inside a case: its work, analysis, the judge's confirmations, corrections
and decisions, documents for the case file, and the judgment draft."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from omnicourt.assistant import pipeline, service
from omnicourt.assistant.models import CaseElement, DisputePoint
from omnicourt.assistant.pipeline import CasePipeline
from omnicourt.db import Database
from omnicourt.dossier.checks import DOCX
from omnicourt.dossier.service import Upload
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.textcheck import Code, PlainText
from omnicourt.web.deps import court_today, current_actor, get_db

router = APIRouter(prefix="/api/v1/cases/{case_id}/assistant", tags=["assistant"])


class AnalysisIn(BaseModel):
    cutoff: date | None = Field(None, description="amounts are computed to this day; default: the claimed cut-off")


Reason = Annotated[str, PlainText(service.REASON_MAX, multiline=True)]


class CorrectionIn(BaseModel):
    value: Any = Field(..., description="the judge's value, as text or number: 2024-03-15, 100000.00, 是, 50%")
    reason: Reason = ""


class DecisionIn(BaseModel):
    decision: Code = Field(..., description="supported: the defendant's contention is upheld; rejected: it is not")
    reason: Reason


def element_out(row: CaseElement, cause: CasePipeline) -> dict:
    return {"field": row.field, "label": cause.label(row.field), "value": row.value,
            "proposed_value": row.proposed_value, "status": row.status, "document": row.document,
            "start": row.start, "end": row.end, "quote": row.quote, "confidence": row.confidence,
            "conflicts": row.conflicts, "decided_by": row.decided_by, "decided_at": row.decided_at}


def point_out(row: DisputePoint) -> dict:
    return {"code": row.code, "label": row.label, "issue": row.issue, "statements": row.statements,
            "status": row.status, "decision": row.decision, "reason": row.reason, "decided_by": row.decided_by,
            "decided_at": row.decided_at}


def view_out(view: service.AssistantView) -> dict:
    run = view.run
    return {
        "case_id": view.case.id, "case_number": view.case.case_number,
        "cause": view.cause.cause,
        "elements": [element_out(row, view.cause) for row in view.elements],
        "points": [point_out(row) for row in view.points],
        "amounts": pipeline.jsonable(view.amounts), "amounts_missing": view.amounts_missing,
        "award": pipeline.jsonable(view.award),
        "draft_ready": not view.blockers, "blockers": view.blockers,
        "run": None if run is None else {"id": run.id, "ran_at": run.ran_at, "cutoff": run.cutoff,
                                         "documents": run.documents, "result": run.result},
    }


def _view(db: Database, actor: Actor, case_id: int) -> dict:
    with db.reading() as session:
        return view_out(service.view(session, actor=actor, case_id=case_id))


@router.get("")
def get_assistant(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """The assistant's work on the case: elements beside their sources, the dispute focus, amounts, blockers."""
    return _view(db, actor, case_id)


@router.post("/analysis", status_code=201)
def analyse(case_id: PathId, request: Request, body: AnalysisIn | None = None, actor: Actor = Depends(current_actor),
            db: Database = Depends(get_db)):
    """Run the assistant over the case file; what a judge settled is never overwritten."""
    with db.transaction() as session:
        service.analyse_case(session, request.app.state.settings, actor=actor, case_id=case_id,
                             cutoff=body.cutoff if body else None)
    return _view(db, actor, case_id)


@router.post("/elements/{field}/confirmation")
def confirm_element(case_id: PathId, field: str, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    with db.transaction() as session:
        row = service.confirm_element(session, actor=actor, case_id=case_id, field=field)
        return element_out(row, service.cause_of(session, case_id))


@router.post("/elements/{field}/correction")
def correct_element(case_id: PathId, field: str, body: CorrectionIn, actor: Actor = Depends(current_actor),
                    db: Database = Depends(get_db)):
    """The judge's value replaces the assistant's, which is kept beside it as `proposed_value`."""
    with db.transaction() as session:
        row = service.correct_element(session, actor=actor, case_id=case_id, field=field, value=body.value,
                                      reason=body.reason)
        return element_out(row, service.cause_of(session, case_id))


@router.post("/points/{code}/decision")
def decide_point(case_id: PathId, code: str, body: DecisionIn, actor: Actor = Depends(current_actor),
                 db: Database = Depends(get_db)):
    with db.transaction() as session:
        return point_out(service.decide_point(session, actor=actor, case_id=case_id, code=code,
                                              decision=body.decision, reason=body.reason))


@router.post("/documents", status_code=201)
def add_document(case_id: PathId, request: Request, file: UploadFile = File(...),
                 actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """Add a defence, a cross-examination opinion or other material (.txt, .pdf, .docx); the focus follows.
    A plain def: reading the file and the case file again runs in the threadpool, off the event loop."""
    upload = Upload(file.filename or "", file.file.read(request.app.state.settings.max_upload_bytes + 1))
    with db.transaction() as session:
        service.add_document(session, request.app.state.settings, actor=actor, case_id=case_id, upload=upload)
    return _view(db, actor, case_id)


@router.get("/draft", response_class=Response, responses={200: {"content": {DOCX: {}}}})
def draft(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
          today: date = Depends(court_today)):
    """The judgment draft (.docx) from the confirmed elements and decisions; 409 while anything is unsettled."""
    with db.transaction() as session:
        content = service.draft(session, actor=actor, case_id=case_id, today=today)
    return Response(content, media_type=DOCX,
                    headers={"Content-Disposition": f'attachment; filename="draft-{case_id}.docx"'})
