"""Reference data for clients: the courts of the province and the causes of action."""

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict

from omnicourt.db import Database
from omnicourt.reference import service
from omnicourt.web.deps import get_db

router = APIRouter(prefix="/api/v1", tags=["reference"])


class CourtOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    name: str
    level: str
    city: str
    parent_id: int | None


class CauseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    parent_code: str | None
    level: int
    money_payment: bool


@router.get("/courts", response_model=list[CourtOut])
def courts(db: Database = Depends(get_db)):
    with db.reading() as session:
        return service.list_courts(session)


@router.get("/causes", response_model=list[CauseOut])
def causes(db: Database = Depends(get_db)):
    with db.reading() as session:
        return service.list_causes(session)
