"""API shapes of accounts and sign-in."""

from pydantic import BaseModel


class LoginIn(BaseModel):
    username: str
    password: str


class LoginOut(BaseModel):
    token: str
    csrf_token: str
    role: str
    display_name: str


class RegisterIn(BaseModel):
    username: str
    password: str
    person_type: str
    name: str
    phone: str
    id_number: str | None = None
    uscc: str | None = None
    legal_representative: str | None = None
    representative_id_number: str | None = None
    role: str = "party"


class MeOut(BaseModel):
    id: int
    role: str
    role_label: str
    kind: str
    display_name: str
    court_id: int | None
    division_id: int | None
