"""Real-name verification adapters (在线诉讼规则 art. 7: identity confirmed by certificate check and face
comparison). Production asks the national identity service; the demo and the tests use a simulated verifier
that refuses everyone it was not told about."""

import base64
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from omnicourt.errors import DomainError, InvalidInput
from omnicourt.settings import Settings

MAX_FACE_IMAGE_BYTES = 2 * 1024 * 1024
FACE_IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")  # JPEG, PNG
SERVICE_TIMEOUT_SECONDS = 10


class VerifierUnavailable(DomainError):
    status = 503


@dataclass(frozen=True)
class PersonClaim:
    """Who the account says the person at the device is."""

    name: str
    id_number: str
    face_image: bytes | None = None


class IdentityVerifier(Protocol):
    def confirms_person(self, claim: PersonClaim) -> bool:
        """The name matches the ID number in the national register and the face matches its photo."""

    def confirms_representative(self, *, uscc: str, id_number: str) -> bool:
        """The company register names this person as the legal representative of the USCC."""


class SimulatedVerifier:
    """Confirms exactly the people and representatives it was configured with; refuses the rest."""

    def __init__(self, people: set[tuple[str, str]], representatives: set[tuple[str, str]]):
        self.people = people
        self.representatives = representatives

    def confirms_person(self, claim: PersonClaim) -> bool:
        return (claim.name, claim.id_number) in self.people

    def confirms_representative(self, *, uscc: str, id_number: str) -> bool:
        return (uscc, id_number) in self.representatives


class NationalIdentityVerifier:
    """The national identity service behind the court network's gateway: POST JSON, answer {"match": bool}."""

    def __init__(self, url: str, timeout: float = SERVICE_TIMEOUT_SECONDS):
        if not url:
            raise ValueError("OMNICOURT_IDENTITY_SERVICE_URL is required for the national identity verifier")
        self.url = url.rstrip("/")
        self.timeout = timeout

    def confirms_person(self, claim: PersonClaim) -> bool:
        if claim.face_image is None:
            raise InvalidInput("请拍摄本人正面人脸照片用于比对", field="face_image")
        return self._match("/person", {"name": claim.name, "id_number": claim.id_number,
                                       "face_image": base64.b64encode(claim.face_image).decode()})

    def confirms_representative(self, *, uscc: str, id_number: str) -> bool:
        return self._match("/representative", {"uscc": uscc, "id_number": id_number})

    def _match(self, path: str, body: dict) -> bool:
        request = urllib.request.Request(self.url + path, data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read()).get("match") is True
        except (urllib.error.URLError, TimeoutError, ValueError):
            raise VerifierUnavailable("实名核验服务暂不可用，请稍后再试") from None


def _pairs(entries: tuple[str, ...]) -> set[tuple[str, str]]:
    return {(first.strip(), second.strip())
            for first, colon, second in (entry.partition(":") for entry in entries) if colon}


def verifier_from(settings: Settings) -> IdentityVerifier:
    if settings.identity_verifier == "national":
        return NationalIdentityVerifier(settings.identity_service_url)
    if settings.identity_verifier == "simulated":
        return SimulatedVerifier(_pairs(settings.identity_simulated_people),
                                 _pairs(settings.identity_simulated_representatives))
    raise ValueError(f"unknown OMNICOURT_IDENTITY_VERIFIER: {settings.identity_verifier}")


def check_face_image(data: bytes | None) -> bytes | None:
    """A JPEG or PNG photo of at most 2 MB, or none."""
    if not data:
        return None
    if len(data) > MAX_FACE_IMAGE_BYTES:
        raise InvalidInput("人脸照片不能超过2MB", field="face_image")
    if not data.startswith(FACE_IMAGE_SIGNATURES):
        raise InvalidInput("人脸照片应为JPEG或PNG图片", field="face_image")
    return data
