"""API shapes of accounts and sign-in."""

from datetime import datetime

from pydantic import BaseModel, Field

from omnicourt.security.identity import MAX_FACE_IMAGE_BYTES
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
    practice_certificate_number: Code | None = None
    law_firm: Name | None = None


class MeOut(BaseModel):
    id: int
    role: str
    role_label: str
    kind: str
    display_name: str
    court_id: int | None
    division_id: int | None
    identity_verified: bool = False


class VerificationIn(BaseModel):
    # A photo of the face, base64: the national verifier compares it with the ID card's photo.
    face_image: str | None = Field(None, max_length=MAX_FACE_IMAGE_BYTES * 4 // 3 + 4)


class CompanyLinkRequestIn(BaseModel):
    court_code: str = Field(max_length=16)


class CompanyLinkDecisionIn(BaseModel):
    approve: bool
    reason: str = Field("", max_length=500)


class CompanyLinkRequestOut(BaseModel):
    id: int
    account_id: int
    company: str | None = None
    uscc: str
    court_id: int
    status: str
    requested_at: datetime
    reason: str | None


class IdentityOut(BaseModel):
    """The account's profile: real-name status and, for lawyers, where they practise."""

    username: str
    display_name: str
    role: str
    person_type: str | None
    id_number: str | None  # masked
    uscc: str | None
    legal_representative: str | None
    identity_verified: bool
    linked_number: str | None  # masked; the number that links the account to cases
    practice_certificate_number: str | None
    law_firm: str | None
    company_link_requests: list[CompanyLinkRequestOut]


class SuspendedLinkOut(BaseModel):
    id: int
    account_id: int
    username: str
    display_name: str
    case_id: int
    number: str
    suspended_at: datetime


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
