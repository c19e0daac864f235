"""Electronic delivery in the browser: a party's inbox and one delivery, opening what was delivered, the delivery
section of each case page (HTMX fragments: a party's own deliveries and address confirmation; the bench's view of
every party with the forms to deliver, publish a notice and record an address)."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from omnicourt.delivery import rules, sending, service
from omnicourt.dossier.service import Upload
from omnicourt.limits import PathId
from omnicourt.queue import Queue
from omnicourt.security.roles import Actor
from omnicourt.textcheck import Code, form_text
from omnicourt.web.deps import court_today, current_actor, current_staff, get_queue
from omnicourt.web.pages import private_file, see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)
LABELS = {"CLASS_LABELS": rules.CLASS_LABELS, "CHANNEL_LABELS": rules.CHANNEL_LABELS,
          "PAPER_WAY_LABELS": rules.PAPER_WAY_LABELS}


@router.get("/portal/deliveries")
def inbox(request: Request, actor: Actor = Depends(current_actor), today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        views = service.inbox(session, actor=actor, today=today)
    return render(request, "delivery/inbox.html", {"views": views} | LABELS)


@router.get("/portal/deliveries/{delivery_id}")
def delivered(request: Request, delivery_id: PathId, actor: Actor = Depends(current_actor),
              today: date = Depends(court_today)):
    with request.app.state.db.reading() as session:
        view = service.delivered_view(session, actor=actor, delivery_id=delivery_id, today=today)
    return render(request, "delivery/delivered.html", {"view": view} | LABELS)


@router.get("/portal/deliveries/{delivery_id}/file")
def open_delivered(request: Request, delivery_id: PathId, actor: Actor = Depends(current_actor),
                   queue: Queue = Depends(get_queue)):
    """The file itself, opened in the browser (PDF, images): the first opening is recorded."""
    return _file(request, actor, delivery_id, download=False, queue=queue)


@router.get("/portal/deliveries/{delivery_id}/download")
def download_delivered(request: Request, delivery_id: PathId, actor: Actor = Depends(current_actor),
                       queue: Queue = Depends(get_queue)):
    return _file(request, actor, delivery_id, download=True, queue=queue)


def _file(request: Request, actor: Actor, delivery_id: int, *, download: bool, queue: Queue):
    content, media_type, disposition = sending.open_file(request.app.state.db, request.app.state.settings, queue,
                                                         actor=actor, delivery_id=delivery_id, download=download)
    return private_file(content, media_type=media_type, disposition=disposition)


@router.get("/portal/cases/{case_id}/deliveries")
def portal_section(request: Request, case_id: PathId, actor: Actor = Depends(current_actor),
                   today: date = Depends(court_today)):
    """The party's case page: what was delivered to it in this case, and its delivery address confirmation."""
    with request.app.state.db.reading() as session:
        view = service.case_deliveries(session, request.app.state.settings, actor=actor, case_id=case_id, today=today)
    return render(request, "delivery/_portal_section.html", {"view": view} | LABELS)


@router.get("/bench/cases/{case_id}/deliveries")
def bench_section(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
                  today: date = Depends(court_today)):
    """The bench case page: each party's address and deliveries; the forms for whoever handles the case."""
    with request.app.state.db.reading() as session:
        view = service.case_deliveries(session, request.app.state.settings, actor=actor, case_id=case_id, today=today)
    return render(request, "delivery/_bench_section.html", {"view": view, "today": today} | LABELS)


def _address(request: Request, actor: Actor, case_id: int, party_id: int, consented: str, email: str,
             mobile: str) -> None:
    with request.app.state.db.transaction() as session:
        service.confirm_address(session, actor=actor, case_id=case_id, party_id=party_id, consented=consented == "yes",
                                email=form_text(email, field="email", label="电子邮箱", max_length=254),
                                mobile=form_text(mobile, field="mobile", label="手机号码", max_length=20))


@router.post("/portal/cases/{case_id}/delivery-address")
def confirm_address(request: Request, case_id: PathId, party_id: Annotated[int, Form(ge=1)],
                    consented: Annotated[Code, Form()] = "", email: Annotated[str, Form()] = "",
                    mobile: Annotated[str, Form()] = "", actor: Actor = Depends(current_actor)):
    _address(request, actor, case_id, party_id, consented, email, mobile)
    return see_other(request, f"/portal/cases/{case_id}?done=delivery_address#deliveries")


@router.post("/bench/cases/{case_id}/delivery-addresses")
def record_address(request: Request, case_id: PathId, party_id: Annotated[int, Form(ge=1)],
                   consented: Annotated[Code, Form()] = "", email: Annotated[str, Form()] = "",
                   mobile: Annotated[str, Form()] = "", actor: Actor = Depends(current_staff)):
    _address(request, actor, case_id, party_id, consented, email, mobile)
    return see_other(request, f"/bench/cases/{case_id}?done=delivery_address#deliveries")


@router.post("/bench/cases/{case_id}/deliveries")
def deliver(request: Request, case_id: PathId, document_id: Annotated[int, Form(ge=1)],
            document_class: Annotated[Code, Form()], party_ids: Annotated[list[int], Form()] = [],  # noqa: B006
            actor: Actor = Depends(current_staff), queue: Queue = Depends(get_queue)):
    """The clerk's "deliver this document": to each chosen party, the e-mail and text message then sent by a job."""
    with request.app.state.db.transaction() as session:
        ids = [d.id for d in service.deliver(session, request.app.state.settings, actor=actor, case_id=case_id,
                                             document_id=document_id, party_ids=party_ids,
                                             document_class=rules.class_named(document_class))]
    sending.queue_sending(queue, ids)
    return see_other(request, f"/bench/cases/{case_id}?done=delivered#deliveries")


@router.post("/bench/cases/{case_id}/public-notices")
def public_notice(request: Request, case_id: PathId, document_id: Annotated[int, Form(ge=1)],
                  party_id: Annotated[int, Form(ge=1)], document_class: Annotated[Code, Form()],
                  published_on: Annotated[date, Form()], online_hearing: Annotated[Code, Form()] = "",
                  actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    with request.app.state.db.transaction() as session:
        service.publish_notice(session, actor=actor, case_id=case_id, document_id=document_id, party_id=party_id,
                               document_class=rules.class_named(document_class), published_on=published_on,
                               online_hearing=online_hearing == "yes", today=today)
    return see_other(request, f"/bench/cases/{case_id}?done=public_notice#deliveries")


@router.post("/bench/cases/{case_id}/paper-services")
async def paper_service(request: Request, case_id: PathId, document_id: Annotated[int, Form(ge=1)],
                        party_id: Annotated[int, Form(ge=1)], document_class: Annotated[Code, Form()],
                        way: Annotated[Code, Form()], served_on: Annotated[date, Form()],
                        signed_by: Annotated[str, Form()] = "", receipt: UploadFile | None = File(None),
                        actor: Actor = Depends(current_staff), today: date = Depends(court_today)):
    """The clerk records a document served on paper, with the signed 送达回证 scanned."""
    limit = request.app.state.settings.max_upload_bytes
    upload = Upload(receipt.filename or "", await receipt.read(limit + 1)) if receipt is not None else Upload("", b"")

    def record() -> None:  # checking the scan is heavy: in the threadpool
        with request.app.state.db.transaction() as session:
            service.record_paper_service(session, request.app.state.settings, actor=actor, case_id=case_id,
                                         document_id=document_id, party_id=party_id,
                                         document_class=rules.class_named(document_class),
                                         way=rules.paper_way_named(way), served_on=served_on, signed_by=signed_by,
                                         receipt=upload, today=today)

    await run_in_threadpool(record)
    return see_other(request, f"/bench/cases/{case_id}?done=paper_service#deliveries")
