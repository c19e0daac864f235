"""The JSON API of the evidence exchange, mirroring the party's and the judge's evidence pages."""

from datetime import date

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile

from omnicourt.db import Database
from omnicourt.evidence import schemas, service
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.web.deps import court_today, current_actor, get_db

router = APIRouter(prefix="/api/v1/cases/{case_id}/evidence", tags=["evidence"])


@router.get("", response_model=schemas.ExchangeOut)
def exchange(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """The period and every submitted list with its items, opinions and findings (the court's internal reasons for
    staff only); a party's own draft is read at /draft."""
    with db.reading() as session:
        return schemas.exchange_out(service.exchange(session, actor=actor, case_id=case_id), staff=actor.is_staff)


@router.put("/period", response_model=schemas.PeriodOut)
def set_period(case_id: PathId, data: schemas.PeriodIn, actor: Actor = Depends(current_actor),
               db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        return service.set_period(session, actor=actor, case_id=case_id, served_on=data.served_on,
                                  ends_on=data.ends_on, agreed=data.agreed, today=today)


@router.post("/period/extensions", response_model=schemas.PeriodOut)
def extend_period(case_id: PathId, data: schemas.ExtensionIn, actor: Actor = Depends(current_actor),
                  db: Database = Depends(get_db), today: date = Depends(court_today)):
    """Extend the period on a party's written application made before it expired (证据规定 art. 54)."""
    with db.transaction() as session:
        return service.extend_period(session, actor=actor, case_id=case_id, applied_on=data.applied_on,
                                     applicant=data.applicant, ends_on=data.ends_on, today=today)


@router.put("/cross-examination-limit", response_model=schemas.PeriodOut)
def set_limit(case_id: PathId, data: schemas.LimitIn, actor: Actor = Depends(current_actor),
              db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        return service.set_cross_examination_limit(session, actor=actor, case_id=case_id, due_on=data.due_on,
                                                   today=today)


@router.get("/draft", response_model=schemas.ListOut | None)
def draft(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """The caller's side's draft list, or null."""
    with db.reading() as session:
        found = service.draft_of(session, actor=actor, case_id=case_id)
        return schemas.list_out(found, staff=False) if found else None


@router.put("/draft", response_model=schemas.ListOut)
def save_draft(case_id: PathId, data: schemas.DraftIn, actor: Actor = Depends(current_actor),
               db: Database = Depends(get_db)):
    """Keep the side's list being written (text only; files go with the submission)."""
    items = [service.ItemIn(i.name, i.source, i.purpose) for i in data.items]
    with db.transaction() as session:
        return schemas.list_out(service.save_draft(session, actor=actor, case_id=case_id, items=items), staff=False)


@router.post("/lists", response_model=schemas.ListOut, status_code=201)
def submit_list(case_id: PathId, request: Request,
                items: str = Form(..., description='JSON: [{"name", "source", "purpose", "files": [file names]}]'),
                late_explanation: str = Form("", description="why, when submitted after the period"),
                files: list[UploadFile] = File(default=[]), actor: Actor = Depends(current_actor),
                db: Database = Depends(get_db), today: date = Depends(court_today)):
    """Submit the side's evidence list with its files (multipart); a plain def: checking files runs in the
    threadpool."""
    settings = request.app.state.settings
    parsed = schemas.items_from_json(items, schemas.read_files(files, settings.max_upload_bytes))
    with db.transaction() as session:
        submitted = service.submit_list(session, settings, actor=actor, case_id=case_id, items=parsed,
                                        late_explanation=late_explanation, today=today)
        return schemas.list_out(submitted, staff=actor.is_staff)


@router.put("/items/{item_id}/opinion", response_model=schemas.OpinionOut)
def give_opinion(case_id: PathId, item_id: PathId, data: schemas.OpinionIn, actor: Actor = Depends(current_actor),
                 db: Database = Depends(get_db), today: date = Depends(court_today)):
    """A party's online cross-examination opinion on another side's item, within the time limit."""
    with db.transaction() as session:
        return service.give_opinion(session, actor=actor, case_id=case_id, item_id=item_id, today=today,
                                    opinion=service.OpinionIn(data.authenticity, data.legality, data.relevance,
                                                              data.reasons))


@router.put("/online-consent", response_model=schemas.ConsentOut)
def online_consent(case_id: PathId, data: schemas.ConsentIn, actor: Actor = Depends(current_actor),
                   db: Database = Depends(get_db)):
    """A party's consent (or refusal) to asynchronous online exchange and cross-examination (在线诉讼规则 art. 20(1));
    an online opinion is refused until every party has consented."""
    with db.transaction() as session:
        party_ids = service.give_online_consent(session, actor=actor, case_id=case_id, consented=data.consented)
    return schemas.ConsentOut(party_ids=party_ids, consented=data.consented)


@router.post("/items/{item_id}/hearing-opinions", response_model=schemas.OpinionOut, status_code=201)
def record_hearing_opinion(case_id: PathId, item_id: PathId, data: schemas.HearingOpinionIn,
                           actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
                           today: date = Depends(court_today)):
    """The court records an opinion a side gave at an exchange or hearing."""
    with db.transaction() as session:
        return service.record_hearing_opinion(
            session, actor=actor, case_id=case_id, item_id=item_id, side=data.side, given_on=data.given_on,
            today=today, opinion=service.OpinionIn(data.authenticity, data.legality, data.relevance, data.reasons))


@router.put("/items/{item_id}/finding", response_model=schemas.ItemOut)
def record_finding(case_id: PathId, item_id: PathId, data: schemas.FindingIn, actor: Actor = Depends(current_actor),
                   db: Database = Depends(get_db), today: date = Depends(court_today)):
    """The assigned judge's finding (认证) on an item."""
    with db.transaction() as session:
        item = service.record_finding(session, actor=actor, case_id=case_id, item_id=item_id, finding=data.finding,
                                      public_reason=data.public_reason, internal_reason=data.internal_reason,
                                      today=today)
        return schemas.list_out(item.evidence_list, staff=True).items[item.number - 1]


@router.post("/record", status_code=201)
def write_record(case_id: PathId, request: Request, actor: Actor = Depends(current_actor),
                 db: Database = Depends(get_db), today: date = Depends(court_today)) -> dict:
    """The cross-examination record as it stands, a PDF filed in the main volume; its document id."""
    with db.transaction() as session:
        document = service.write_record(session, request.app.state.settings, actor=actor, case_id=case_id,
                                        today=today)
        return {"document_id": document.id, "filename": document.filename}
