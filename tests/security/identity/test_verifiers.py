"""The verifier adapters: the simulated one refuses whoever it was not told about; the national one asks
the identity service over HTTP and refuses without a face photo."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from omnicourt.errors import InvalidInput
from omnicourt.security.identity import (
    NationalIdentityVerifier,
    PersonClaim,
    SimulatedVerifier,
    VerifierUnavailable,
    check_face_image,
    verifier_from,
)
from omnicourt.settings import Settings
from tests.factories import PNG_BYTES, id_number, uscc


def test_the_simulated_verifier_confirms_only_whom_it_was_told_about():
    number, company = id_number(), uscc()
    verifier = verifier_from(Settings(identity_simulated_people=(f"周八:{number}",),
                                      identity_simulated_representatives=(f"{company}:{number}",)))
    assert isinstance(verifier, SimulatedVerifier)
    assert verifier.confirms_person(PersonClaim("周八", number))
    assert not verifier.confirms_person(PersonClaim("周九", number))
    assert not verifier.confirms_person(PersonClaim("周八", id_number()))
    assert verifier.confirms_representative(uscc=company, id_number=number)
    assert not verifier.confirms_representative(uscc=uscc(), id_number=number)


def test_the_default_verifier_refuses_everyone():
    assert not verifier_from(Settings()).confirms_person(PersonClaim("张明", id_number()))


@pytest.fixture
def identity_service():
    """A stand-in for the national identity service: matches one person with a photo, one representative."""
    received = []
    number = id_number()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            received.append((self.path, body))
            match = (body.get("name") == "周八" and body.get("id_number") == number and bool(body.get("face_image"))
                     if self.path == "/person" else body.get("id_number") == number)
            payload = json.dumps({"match": match}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *_):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", number, received
    server.shutdown()


def test_the_national_verifier_asks_the_identity_service(identity_service):
    url, number, received = identity_service
    verifier = verifier_from(Settings(identity_verifier="national", identity_service_url=url))
    assert isinstance(verifier, NationalIdentityVerifier)
    assert verifier.confirms_person(PersonClaim("周八", number, PNG_BYTES))
    assert not verifier.confirms_person(PersonClaim("周九", number, PNG_BYTES))
    assert verifier.confirms_representative(uscc=uscc(), id_number=number)
    assert received[0][0] == "/person" and received[0][1]["face_image"]
    with pytest.raises(InvalidInput) as refused:
        verifier.confirms_person(PersonClaim("周八", number))
    assert refused.value.field == "face_image"


def test_an_unreachable_identity_service_is_a_503():
    verifier = NationalIdentityVerifier("http://127.0.0.1:9", timeout=2)
    with pytest.raises(VerifierUnavailable) as unavailable:
        verifier.confirms_person(PersonClaim("周八", id_number(), PNG_BYTES))
    assert unavailable.value.status == 503


def test_face_photos_are_small_jpeg_or_png():
    assert check_face_image(PNG_BYTES) == PNG_BYTES
    assert check_face_image(b"") is None
    with pytest.raises(InvalidInput):
        check_face_image(b"GIF89a....")
    with pytest.raises(InvalidInput):
        check_face_image(PNG_BYTES + bytes(2 * 1024 * 1024))
