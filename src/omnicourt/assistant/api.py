"""JSON API of the AI judge assistant inside a case: its work, analysis, the judge's confirmations, corrections
and decisions, documents for the case file, and the judgment draft."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from omnicourt.assistant import pipeline, requests, service
from omnicourt.assistant.models import CaseElement, DisputePoint
from omnicourt.assistant.pipeline import CasePipeline
from omnicourt.db import Database
from omnicourt.dossier.checks import DOCX
from omnicourt.dossier.service import Upload
from omnicourt.limits import PathId
from omnicourt.queue import Queue
from omnicourt.security.roles import Actor
from omnicourt.textcheck import Code, PlainText
from omnicourt.web.deps import court_today, current_actor, get_db, get_queue

router = APIRouter(prefix="/api/v1/cases/{case_id}/assistant", tags=["assistant"])


class AnalysisIn(BaseModel):
    cutoff: date | None = Field(None, description="amounts are computed to this day; default: the claimed cut-off")


class AnalysisRequestOut(BaseModel):
    id: int
    state: str = Field(..., description="waiting, running, done or failed")
    error: str | None = Field(None, description="why the last attempt failed (retried unless the state is failed)")
    analysis_run_id: int | None = Field(None, description="the run it produced, once done")
    status_url: str


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


ANALYSIS_STATUS = "/api/v1/cases/{case_id}/assistant/analysis/{request_id}"


def request_out(asked: requests.RequestStatus) -> AnalysisRequestOut:
    return AnalysisRequestOut(id=asked.id, state=asked.state, error=asked.error,
                              analysis_run_id=asked.analysis_run_id,
                              status_url=ANALYSIS_STATUS.format(case_id=asked.case_id, request_id=asked.id))


def _accepted(asked: requests.RequestStatus, response: Response) -> AnalysisRequestOut:
    response.status_code = 202
    response.headers["Location"] = ANALYSIS_STATUS.format(case_id=asked.case_id, request_id=asked.id)
    return request_out(asked)


@router.post("/analysis", status_code=202, response_model=AnalysisRequestOut)
def analyse(case_id: PathId, response: Response, body: AnalysisIn | None = None,
            actor: Actor = Depends(current_actor), db: Database = Depends(get_db), queue: Queue = Depends(get_queue)):
    """Analyse the case file in the background (202): poll `status_url` until the state is done, then read the
    assistant's work. Asked again while one waits, the waiting request is returned. What a judge settled is never
    overwritten."""
    asked = requests.ask(db, queue, actor=actor, case_id=case_id, cutoff=body.cutoff if body else None)
    return _accepted(asked, response)


@router.get("/analysis/{request_id}", response_model=AnalysisRequestOut)
def analysis_status(case_id: PathId, request_id: PathId, actor: Actor = Depends(current_actor),
                    db: Database = Depends(get_db)):
    with db.reading() as session:
        return request_out(requests.status(session, actor=actor, case_id=case_id, request_id=request_id))


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


@router.post("/documents", status_code=202, response_model=AnalysisRequestOut)
def add_document(case_id: PathId, request: Request, response: Response, file: UploadFile = File(...),
                 actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
                 queue: Queue = Depends(get_queue)):
    """Add a defence, a cross-examination opinion or other material (.txt, .pdf, .docx); the case file is analysed
    again in the background (202, as for an analysis), so the focus follows. A plain def: checking the file runs in
    the threadpool, off the event loop."""
    upload = Upload(file.filename or "", file.file.read(request.app.state.settings.max_upload_bytes + 1))
    with db.transaction() as session:
        service.add_document(session, request.app.state.settings, actor=actor, case_id=case_id, upload=upload)
    return _accepted(requests.ask_again(db, queue, actor=actor, case_id=case_id), response)


@router.get("/draft", response_class=Response, responses={200: {"content": {DOCX: {}}}})
def draft(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
          today: date = Depends(court_today)):
    """The judgment draft (.docx) from the confirmed elements and decisions; 409 while anything is unsettled."""
    with db.transaction() as session:
        content = service.draft(session, actor=actor, case_id=case_id, today=today)
    return Response(content, media_type=DOCX,
                    headers={"Content-Disposition": f'attachment; filename="draft-{case_id}.docx"'})
