"""The JSON API of criminal cases: register the procuratorate's indictment (multipart: the form as JSON and the
indictment's file), read a case's criminal side with the assistant's suggestion (staff only)."""

import json
from datetime import date

from fastapi import APIRouter, Depends, File, Form, UploadFile
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from omnicourt.criminal import schemas, service
from omnicourt.db import Database
from omnicourt.dossier.service import read_uploads
from omnicourt.errors import InvalidInput
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.textcheck import invalid_input
from omnicourt.web.deps import court_today, current_actor, get_db, get_settings

router = APIRouter(tags=["criminal"])


def parse_indictment(raw: str) -> service.IndictmentIn:
    try:
        body = schemas.IndictmentIn.model_validate(json.loads(raw))
    except json.JSONDecodeError:
        raise InvalidInput("indictment 不是有效的 JSON", field="indictment") from None
    except ValidationError as error:
        raise invalid_input(error) from None
    return to_service(body)


def to_service(body: schemas.IndictmentIn) -> service.IndictmentIn:
    suggestion = None
    if body.suggestion is not None:
        suggestion = service.rules.ProsecutionSentence(body.suggestion.penalty, body.suggestion.months,
                                                       body.suggestion.fine, body.suggestion.probation)
    return service.IndictmentIn(
        procuratorate=body.procuratorate, indictment_number=body.indictment_number, indicted_on=body.indicted_on,
        charge=body.charge, defendant=service.PersonIn(**body.defendant.model_dump()),
        counsel=None if body.counsel is None else service.PersonIn(**body.counsel.model_dump()),
        custody_measure=body.custody_measure, custody_since=body.custody_since, guilty_plea=body.guilty_plea,
        admits_facts=body.admits_facts, consents_fast_track=body.consents_fast_track,
        consents_simple=body.consents_simple, suggestion=suggestion, exclusions=frozenset(body.exclusions))


def register_once(db: Database, settings: Settings, *, actor: Actor, data: service.IndictmentIn, upload,
                  today: date) -> schemas.RegisteredOut:
    with db.transaction() as session:
        case = service.register(session, settings, actor=actor, data=data, upload=upload, today=today)
        return schemas.RegisteredOut(case_id=case.id, case_number=case.case_number, title=case.title,
                                     procedure=case.procedure, deadline_on=case.deadline_on,
                                     reasons=list(case.triage_reasons))


@router.post("/api/v1/criminal/indictments", response_model=schemas.RegisteredOut, status_code=201)
async def register(indictment: str = Form(..., max_length=100_000, description="IndictmentIn as JSON"),
                   file: UploadFile | None = File(None, description="the indictment: .pdf / .docx / .txt"),
                   actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
                   settings: Settings = Depends(get_settings), today: date = Depends(court_today)):
    """A filing officer registers the procuratorate's indictment: this opens the 刑初 case."""
    service.require_officer(actor)
    data = parse_indictment(indictment)
    uploads = await read_uploads([file] if file is not None else [], max_bytes=settings.max_upload_bytes,
                                 max_files=1, field="file")
    if not uploads:
        raise InvalidInput("请上传起诉书文件", field="file")
    return await run_in_threadpool(register_once, db, settings, actor=actor, data=data, upload=uploads[0],
                                   today=today)


def criminal_out(view: service.CriminalView) -> schemas.CriminalOut:
    indictment, case = view.indictment, view.case
    suggestion = None
    if indictment.suggestion_months is not None:
        suggestion = {"penalty": indictment.suggestion_penalty, "months": float(indictment.suggestion_months),
                      "fine": None if indictment.suggestion_fine is None else int(indictment.suggestion_fine),
                      "probation": indictment.suggestion_probation}
    assistant = None
    if view.assistant is not None:
        full = view.assistant.to_dict()
        assistant = schemas.AssistantOut(elements=full["elements"], sentence=full["sentence"],
                                         own_calculation=full["own_calculation"],
                                         differences_from_prosecution=full["differences_from_prosecution"])
    return schemas.CriminalOut(
        case_id=case.id, case_number=case.case_number, title=case.title, procedure=case.procedure,
        procuratorate=indictment.procuratorate, indictment_number=indictment.indictment_number,
        indicted_on=indictment.indicted_on, charge=indictment.charge, custody_measure=indictment.custody_measure,
        guilty_plea=indictment.guilty_plea, suggestion=suggestion, assistant=assistant)


@router.get("/api/v1/cases/{case_id}/criminal", response_model=schemas.CriminalOut)
def criminal(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
             today: date = Depends(court_today)):
    """The indictment behind a 刑初 case; the assistant's sentencing suggestion for the court's staff."""
    with db.reading() as session:
        return criminal_out(service.view(session, actor=actor, case_id=case_id, today=today))
