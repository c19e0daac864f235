"""API shapes of accounts and sign-in."""

from pydantic import BaseModel, Field

from omnicourt.textcheck import Code, Name


class LoginIn(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class LoginOut(BaseModel):
    token: str
    csrf_token: str
    role: str
    display_name: str


class RegisterIn(BaseModel):
    username: Code
    password: str = Field(max_length=1024)
    person_type: Code
    name: Name
    phone: Code
    id_number: Code | None = None
    uscc: Code | None = None
    legal_representative: Name | None = None
    representative_id_number: Code | None = None
    role: Code = "party"


class MeOut(BaseModel):
    id: int
    role: str
    role_label: str
    kind: str
    display_name: str
    court_id: int | None
    division_id: int | None
