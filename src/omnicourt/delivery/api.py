"""Electronic delivery through the API: a party's inbox and opening what was delivered to it, a case's deliveries,
the address confirmation, and the court delivering (electronically or by public notice)."""

from datetime import date

from fastapi import APIRouter, Depends, Request

from omnicourt.db import Database
from omnicourt.delivery import schemas, sending, service
from omnicourt.delivery.views import delivery_out
from omnicourt.limits import PathId
from omnicourt.queue import Queue
from omnicourt.security.roles import Actor
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
