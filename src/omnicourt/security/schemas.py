"""API shapes of accounts and sign-in."""

from pydantic import BaseModel, Field


class LoginIn(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


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


class PasswordChangeIn(BaseModel):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


class PasswordResetIn(BaseModel):
    username: str = Field(max_length=64)
    phone: str = Field(max_length=20)


class PasswordResetConfirmIn(BaseModel):
    token: str = Field(max_length=64)
    new_password: str = Field(max_length=1024)


class MessageOut(BaseModel):
    message: str
