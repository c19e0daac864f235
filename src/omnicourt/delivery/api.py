"""Electronic delivery through the API: a party's inbox and opening what was delivered to it, a case's deliveries,
the address confirmation, and the court delivering (electronically or by public notice)."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile

from omnicourt.db import Database
from omnicourt.delivery import rules, schemas, sending, service
from omnicourt.delivery.views import delivery_out
from omnicourt.dossier.service import Upload
from omnicourt.limits import PathId
from omnicourt.queue import Queue
from omnicourt.security.roles import Actor
from omnicourt.textcheck import Name
from omnicourt.web.deps import court_today, current_actor, get_db, get_queue
from omnicourt.web.pages import private_file

router = APIRouter(prefix="/api/v1", tags=["delivery"])


@router.get("/deliveries", response_model=list[schemas.DeliveryOut])
def inbox(request: Request, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
          today: date = Depends(court_today)):
    """What was delivered to the caller (a party or its lawyer), newest first."""
    with db.reading() as session:
        return [delivery_out(v) for v in service.inbox(session, actor=actor, today=today)]


@router.get("/deliveries/{delivery_id}/content")
def delivered_content(request: Request, delivery_id: PathId, download: bool = False,
                      actor: Actor = Depends(current_actor), queue: Queue = Depends(get_queue)):
    """Open (or with `download=true` download) a document delivered to the caller: a 404 for anyone else's."""
    content, media_type, disposition = sending.open_file(request.app.state.db, request.app.state.settings, queue,
                                                         actor=actor, delivery_id=delivery_id, download=download)
    return private_file(content, media_type=media_type, disposition=disposition)


@router.get("/cases/{case_id}/deliveries", response_model=list[schemas.DeliveryOut])
def case_deliveries(request: Request, case_id: PathId, actor: Actor = Depends(current_actor),
                    db: Database = Depends(get_db), today: date = Depends(court_today)):
    """The case's deliveries: every party's for the court's staff, a party's own for a party."""
    with db.reading() as session:
        view = service.case_deliveries(session, request.app.state.settings, actor=actor, case_id=case_id, today=today)
        return [delivery_out(v) for v in view.deliveries]


@router.post("/cases/{case_id}/delivery-address", response_model=schemas.AddressOut, status_code=201)
def confirm_address(case_id: PathId, body: schemas.AddressIn, actor: Actor = Depends(current_actor),
                    db: Database = Depends(get_db)):
    """The delivery address confirmation (送达地址确认书): a party its own, the handling staff one a party gave."""
    with db.transaction() as session:
        return service.confirm_address(session, actor=actor, case_id=case_id, party_id=body.party_id,
                                       consented=body.consented, email=body.email, mobile=body.mobile)


@router.post("/cases/{case_id}/deliveries", response_model=list[schemas.DeliveryOut], status_code=201)
def deliver(request: Request, case_id: PathId, body: schemas.DeliverIn, actor: Actor = Depends(current_actor),
            db: Database = Depends(get_db), queue: Queue = Depends(get_queue), today: date = Depends(court_today)):
    """The judge, assistant or clerk of the case delivers a main-volume document to parties."""
    settings = request.app.state.settings
    with db.transaction() as session:
        ids = [d.id for d in service.deliver(session, settings, actor=actor, case_id=case_id,
                                             document_id=body.document_id, party_ids=body.party_ids,
                                             document_class=body.document_class)]
    sending.queue_sending(queue, ids)
    with db.reading() as session:
        view = service.case_deliveries(session, settings, actor=actor, case_id=case_id, today=today)
        return [delivery_out(v) for v in view.deliveries if v.delivery.id in ids]


@router.post("/cases/{case_id}/public-notices", response_model=schemas.DeliveryOut, status_code=201)
def public_notice(request: Request, case_id: PathId, body: schemas.PublicNoticeIn,
                  actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
                  today: date = Depends(court_today)):
    """Delivery by public notice (not in simple or small-claims procedure): the notice and its deemed date."""
    with db.transaction() as session:
        delivery_id = service.publish_notice(session, actor=actor, case_id=case_id, document_id=body.document_id,
                                             party_id=body.party_id, document_class=body.document_class,
                                             published_on=body.published_on, online_hearing=body.online_hearing,
                                             today=today).id
    with db.reading() as session:
        view = service.case_deliveries(session, request.app.state.settings, actor=actor, case_id=case_id, today=today)
        return next(delivery_out(v) for v in view.deliveries if v.delivery.id == delivery_id)


@router.post("/cases/{case_id}/paper-services", response_model=schemas.DeliveryOut, status_code=201)
def paper_service(request: Request, case_id: PathId, document_id: Annotated[int, Form(ge=1)],
                  party_id: Annotated[int, Form(ge=1)], document_class: Annotated[rules.DocumentClass, Form()],
                  way: Annotated[rules.PaperWay, Form(description="post (邮寄送达) / in_person (直接送达)")],
                  served_on: Annotated[date, Form(description="the date the 送达回证 was signed")],
                  signed_by: Annotated[Name, Form(description="who signed the 送达回证")],
                  receipt: UploadFile = File(..., description="the signed 送达回证, scanned (PDF, JPG, PNG)"),
                  actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
                  today: date = Depends(court_today)):
    """Paper service (直接送达 / 邮寄送达) of a main-volume document to a party, recorded by the case's judge, assistant
    or clerk with the signed 送达回证; a plain def: checking the scan runs in the threadpool."""
    settings = request.app.state.settings
    upload = Upload(receipt.filename or "", receipt.file.read(settings.max_upload_bytes + 1))
    with db.transaction() as session:
        delivery_id = service.record_paper_service(
            session, settings, actor=actor, case_id=case_id, document_id=document_id, party_id=party_id,
            document_class=document_class, way=way, served_on=served_on, signed_by=signed_by, receipt=upload,
            today=today).id
    with db.reading() as session:
        view = service.case_deliveries(session, settings, actor=actor, case_id=case_id, today=today)
        return next(delivery_out(v) for v in view.deliveries if v.delivery.id == delivery_id)
