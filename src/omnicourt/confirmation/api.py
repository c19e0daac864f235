"""The JSON API of judicial confirmation: the parties apply and join from their mediation, the judge rules in the
民特 case."""

from datetime import date

from fastapi import APIRouter, Depends

from omnicourt.confirmation import schemas, service
from omnicourt.db import Database
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import court_today, current_actor, get_db, get_settings

router = APIRouter(prefix="/api/v1", tags=["confirmation"])
MEDIATION = "/mediations/{mediation_id}/confirmation"
CASE = "/cases/{case_id}/confirmation"


@router.get(MEDIATION, response_model=schemas.ApplicationOut | None)
def of_mediation(mediation_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    """The mediation's application for judicial confirmation, or null."""
    with db.reading() as session:
        return service.for_mediation(session, actor=actor, mediation_id=mediation_id)


@router.post(MEDIATION, response_model=schemas.ApplicationOut, status_code=201)
def apply(mediation_id: PathId, data: schemas.ApplyIn, actor: Actor = Depends(current_actor),
          db: Database = Depends(get_db), settings: Settings = Depends(get_settings),
          today: date = Depends(court_today)):
    """A party applies, within 30 days of the agreement taking effect, to the court that invited the mediation;
    the other parties join."""
    with db.transaction() as session:
        return service.apply(session, settings, actor=actor, mediation_id=mediation_id, court_id=data.court_id,
                             password=data.password, e_delivery=data.e_delivery, today=today)


@router.post(f"{MEDIATION}/joining", response_model=schemas.ApplicationOut)
def join(mediation_id: PathId, data: schemas.JoinIn, actor: Actor = Depends(current_actor),
         db: Database = Depends(get_db), today: date = Depends(court_today)):
    """Another party confirms the joint application; the last one files it as a 民特 case."""
    with db.transaction() as session:
        return service.join(session, actor=actor, mediation_id=mediation_id, password=data.password,
                            e_delivery=data.e_delivery, today=today)


@router.get(CASE, response_model=schemas.ApplicationOut | None)
def of_case(case_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)):
    with db.reading() as session:
        return service.for_case(session, actor=actor, case_id=case_id)


@router.post(f"{CASE}/ruling", response_model=schemas.RulingOut, status_code=201)
def rule(case_id: PathId, data: schemas.RulingIn, actor: Actor = Depends(current_actor),
         db: Database = Depends(get_db), settings: Settings = Depends(get_settings),
         today: date = Depends(court_today)):
    """The case's judge rules: no ground checked confirms the agreement (enforceable), any ground refuses it."""
    with db.transaction() as session:
        ruling = service.rule(session, settings, actor=actor, case_id=case_id, grounds=data.grounds,
                              reason=data.reason, today=today)
        return schemas.RulingOut(application=schemas.ApplicationOut.model_validate(ruling.application),
                                 document_id=ruling.document_id, delivered_to=ruling.delivered_to,
                                 to_serve=ruling.to_serve)
