"""The enforcement API: the calculators open to everyone; a creditor's application, its acceptance or refusal by the
filing officer, and the freezes, seizures and detentions of an enforcement case."""

from datetime import date

from fastapi import APIRouter, Depends, Query

from omnicourt.db import Database
from omnicourt.enforcement import calculators, inquiry, payments, sanctions, schemas, service
from omnicourt.enforcement.calculators import TEXT
from omnicourt.limits import PathId
from omnicourt.queue import Queue
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import court_today, current_actor, current_staff, get_db, get_queue, get_settings

router = APIRouter(prefix="/api/v1/calculators", tags=["calculators"])
cases_router = APIRouter(prefix="/api/v1/enforcement", tags=["enforcement"])
MEASURES = "/cases/{case_id}/measures"


@router.get("/enforcement-fee")
def enforcement_fee(amount: str = Query(..., max_length=TEXT, description="申请执行金额（元）")) -> dict:
    return calculators.enforcement_fee(amount)


@router.get("/preservation-fee")
def preservation_fee(amount: str = Query(..., max_length=TEXT, description="实际保全的财产数额（元）")) -> dict:
    return calculators.preservation_fee(amount)


@router.get("/double-interest")
def double_interest(amount: str = Query(..., max_length=TEXT), from_: str = Query(..., alias="from", max_length=TEXT),
                    to: str = Query(..., max_length=TEXT)) -> dict:
    return calculators.double_interest(amount, from_, to)


@router.get("/auction")
def auction(reference_price: str = Query(..., max_length=TEXT), kind: str = Query(..., max_length=TEXT),
            auction_round: int = Query(1, alias="round", ge=1, le=2),
            previous_start: str | None = Query(None, max_length=TEXT)) -> dict:
    return calculators.auction(reference_price, kind, auction_round, previous_start)


@cases_router.post("/applications", response_model=schemas.ApplicationOut, status_code=201)
def apply(data: schemas.ApplicationIn, actor: Actor = Depends(current_actor), db: Database = Depends(get_db),
          today: date = Depends(court_today)):
    """The creditor applies against its own case's effective document; late applications are taken and marked."""
    with db.transaction() as session:
        return service.apply(session, actor=actor, data=data, today=today)


@cases_router.get("/applications", response_model=list[schemas.ApplicationOut])
def my_applications(actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    with db.reading() as session:
        return service.applications_of_account(session, actor=actor)


@cases_router.get("/applications/pending", response_model=list[schemas.ApplicationOut])
def pending(actor: Actor = Depends(current_staff), db: Database = Depends(get_db)):
    with db.reading() as session:
        return service.pending(session, actor=actor)


@cases_router.post("/applications/{enforcement_application_id}/acceptance", response_model=schemas.CaseOut,
                   status_code=201)
def accept(enforcement_application_id: PathId, actor: Actor = Depends(current_staff), db: Database = Depends(get_db),
           settings: Settings = Depends(get_settings), today: date = Depends(court_today)):
    with db.transaction() as session:
        case = service.accept(session, settings, actor=actor, application_id=enforcement_application_id, today=today)
        return schemas.CaseOut(id=case.id, case_number=case.case_number)


@cases_router.post("/applications/{enforcement_application_id}/refusal", response_model=schemas.ApplicationOut)
def refuse(enforcement_application_id: PathId, data: schemas.RefusalIn, actor: Actor = Depends(current_staff),
           db: Database = Depends(get_db)):
    with db.transaction() as session:
        return service.refuse(session, actor=actor, application_id=enforcement_application_id, reason=data.reason)


def _out(view: service.MeasureView) -> schemas.MeasureOut:
    m = view.measure
    return schemas.MeasureOut(id=m.id, measure=m.measure, asset_kind=m.asset_kind, asset_key=m.asset_key,
                              description=m.description, amount=m.amount, starts_on=m.starts_on, ends_on=m.ends_on,
                              renewals=m.renewals, released_on=m.released_on, status=view.status)


@cases_router.get(MEASURES, response_model=list[schemas.MeasureOut])
def measures(case_id: PathId, actor: Actor = Depends(current_staff), db: Database = Depends(get_db),
             today: date = Depends(court_today)):
    with db.reading() as session:
        return [_out(v) for v in service.measures_of(session, actor=actor, case_id=case_id, today=today)]


@cases_router.post(MEASURES, response_model=schemas.MeasureOut, status_code=201)
def take_measure(case_id: PathId, data: schemas.MeasureIn, actor: Actor = Depends(current_staff),
                 db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        measure = service.take_measure(session, actor=actor, case_id=case_id, data=data, today=today)
        return _out(service.view(measure, today))


@cases_router.post(MEASURES + "/{measure_id}/renewal", response_model=schemas.MeasureOut)
def renew(case_id: PathId, measure_id: PathId, data: schemas.RenewalIn, actor: Actor = Depends(current_staff),
          db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        measure = service.renew(session, actor=actor, case_id=case_id, measure_id=measure_id, ends_on=data.ends_on,
                                today=today)
        return _out(service.view(measure, today))


@cases_router.post(MEASURES + "/{measure_id}/release", response_model=schemas.MeasureOut)
def release(case_id: PathId, measure_id: PathId, actor: Actor = Depends(current_staff),
            db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        measure = service.release(session, actor=actor, case_id=case_id, measure_id=measure_id, today=today)
        return _out(service.view(measure, today))


@cases_router.post("/cases/{case_id}/inquiries", status_code=202)
def start_inquiry(case_id: PathId, actor: Actor = Depends(current_staff), db: Database = Depends(get_db),
                  queue: Queue = Depends(get_queue), today: date = Depends(court_today)) -> dict:
    """Online asset inquiry: one inquiry per debtor and agency, each answered by a job."""
    with db.transaction() as session:
        sent = inquiry.start(session, actor=actor, case_id=case_id, queue=queue, today=today)
        return {"inquiries": [i.id for i in sent]}


@cases_router.get("/cases/{case_id}/inquiries")
def inquiries(case_id: PathId, actor: Actor = Depends(current_staff), db: Database = Depends(get_db)) -> list[dict]:
    with db.reading() as session:
        service.visible_case(session, actor, case_id)
        return [{"id": i.id, "agency": i.agency, "debtor_party_id": i.debtor_party_id, "status": i.status,
                 "records": i.records, "sent_at": i.sent_at, "answered_at": i.answered_at}
                for i in inquiry.of_case(session, case_id=case_id)]


@cases_router.post("/cases/{case_id}/payments", status_code=201)
def record_payment(case_id: PathId, data: schemas.PaymentIn, actor: Actor = Depends(current_staff),
                   db: Database = Depends(get_db), today: date = Depends(court_today)) -> dict:
    with db.transaction() as session:
        payment = payments.record_payment(session, actor=actor, case_id=case_id, data=data, today=today)
        return {"id": payment.id, "amount": str(payment.amount), "received_on": payment.received_on.isoformat()}


@cases_router.get("/cases/{case_id}/payments")
def payments_of(case_id: PathId, actor: Actor = Depends(current_staff), db: Database = Depends(get_db),
             today: date = Depends(court_today)) -> dict:
    """The money received and what is still owed today: the debt and the double interest on what stayed unpaid."""
    with db.reading() as session:
        book = payments.ledger(session, actor=actor, case_id=case_id, on=today)
        return {"received": str(book.received),
                "payments": [{"id": p.id, "received_on": p.received_on.isoformat(), "amount": str(p.amount),
                              "source": p.source, "reference": p.reference} for p in book.payments],
                "outstanding": None if book.owed is None else {
                    "debt": str(book.owed.debt), "double_interest": str(book.owed.double_interest),
                    "days": book.owed.days, "from": book.start.isoformat() if book.start else None}}


@cases_router.post("/cases/{case_id}/dishonest", status_code=201)
def list_debtor(case_id: PathId, data: schemas.ListingIn, actor: Actor = Depends(current_staff),
                db: Database = Depends(get_db), settings: Settings = Depends(get_settings),
                today: date = Depends(court_today)) -> dict:
    """The decision to list a debtor as dishonest (失信规定 arts 1–5)."""
    with db.transaction() as session:
        listing = sanctions.list_debtor(session, settings, actor=actor, case_id=case_id, today=today,
                                        debtor_party_id=data.debtor_party_id, ground=data.ground,
                                        extra_years=data.extra_years, facts=data.facts)
        return {"id": listing.id, "ends_on": listing.ends_on.isoformat() if listing.ends_on else None}


@cases_router.post("/cases/{case_id}/dishonest/{listing_id}/removal")
def remove_listing(case_id: PathId, listing_id: PathId, data: schemas.RemovalIn,
                   actor: Actor = Depends(current_staff), db: Database = Depends(get_db),
                   today: date = Depends(court_today)) -> dict:
    with db.transaction() as session:
        sanctions.remove_by_officer(session, actor=actor, case_id=case_id, listing_id=listing_id,
                                    ground=data.ground, today=today)
        return {"removed_on": today.isoformat()}


@cases_router.get("/dishonest-debtors")
def dishonest_debtors(db: Database = Depends(get_db), today: date = Depends(court_today)) -> list[dict]:
    """The public list: who is listed today (the ID number with the month and day of birth hidden)."""
    with db.reading() as session:
        return [vars(entry) for entry in sanctions.published(session, today=today)]
