"""The verification answer as the public API gives it: who signed and when, never the case or its parties."""

from datetime import datetime

from pydantic import BaseModel


class FoundSignature(BaseModel):
    signer_kind: str  # court / judge
    signer_name: str
    signed_at: datetime
    key_fingerprint: str
    key_retired: bool
    code: str
    holds: bool


class VerificationResult(BaseModel):
    state: str  # valid / changed / unsigned / forged / recorded
    ok: bool
    message: str
    signatures: list[FoundSignature]
