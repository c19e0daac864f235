"""Acceptance's papers on every backend: the acceptance notice to the plaintiff, the notice of response to claims to
the defendant, the fee notice with the fee the rules computed and the filer's address confirmation enter the main
volume under their kinds, addressed to their party, by the job deferred when the acceptance commits (none when it
rolls back); the address the filer confirmed is recorded; the notices are delivered to the party that consented and
to no other; a second run writes and delivers nothing more. Filing refuses a bad address with nothing written."""

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from omnicourt import jobs
from omnicourt.cases.models import CaseParty
from omnicourt.delivery.models import Delivery, DeliveryAddress
from omnicourt.dossier import service as dossier
from omnicourt.dossier.models import Document
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import InvalidInput
from omnicourt.fees.models import FeeNotice
from omnicourt.filing import acceptance
from omnicourt.filing import service as filing
from omnicourt.filing.models import FilingApplication
from omnicourt.filing.schemas import DeliveryAddressIn
from omnicourt.queue.runs import JobContext
from omnicourt.security import service as security
from tests.conftest import TODAY, actor_named
from tests.factories import filing as make_filing
from tests.factories import register_party

CONSENTED = DeliveryAddressIn(consented=True, mobile="13912345678", email="zhang@example.com")


class Recorder:
    def __init__(self) -> None:
        self.deferred: list[tuple[str, dict]] = []

    def defer(self, name: str, **arguments) -> str:
        self.deferred.append((name, arguments))
        return "run"


def submitted(db, settings, address=CONSENTED) -> int:
    with db.transaction() as session:
        plaintiff = security.actor_for(session, register_party(session))
    with db.transaction() as session:
        return filing.submit(session, settings, actor=plaintiff, data=make_filing(
            plaintiff_id=plaintiff.id_number, amount="300000.00", delivery_address=address), uploads=[],
            today=TODAY).id


def accepted(db, settings, address=CONSENTED) -> tuple[int, Recorder]:
    application_id = submitted(db, settings, address)
    queue = Recorder()
    with db.transaction() as session:
        case_id = filing.accept(session, settings, actor=actor_named(db, "demo-filing-officer"),
                                application_id=application_id, today=TODAY, queue=queue).id
    return case_id, queue


def run_job(db, settings, queue: Recorder) -> None:
    ((name, arguments),) = queue.deferred
    assert name == acceptance.JOB
    jobs.acceptance_papers(JobContext(db, settings), **arguments)


def papers(db, case_id) -> dict[str, list[Document]]:
    with db.reading() as session:
        found: dict[str, list[Document]] = {}
        for d in session.scalars(select(Document).where(Document.case_id == case_id,
                                                        Document.kind.in_(acceptance.PAPER_KINDS))):
            found.setdefault(d.kind, []).append(d)
        session.expunge_all()
        return found


def text_of(settings, document: Document) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(dossier.read(storage_of(settings), document))).pages)


def test_the_job_files_and_delivers_the_papers_of_acceptance_once(db, settings):
    case_id, queue = accepted(db, settings)
    assert papers(db, case_id) == {}  # nothing written in the acceptance itself
    run_job(db, settings, queue)
    run_job(db, settings, queue)  # a second run: nothing more
    found = papers(db, case_id)
    assert {k: len(v) for k, v in found.items()} == {"acceptance_notice": 1, "response_notice": 1, "fee_notice": 1,
                                                      "address_confirmation": 1}
    with db.reading() as session:
        parties = {p.role: p.id for p in session.scalars(select(CaseParty).where(CaseParty.case_id == case_id))}
        fee = session.scalar(select(FeeNotice.charged_fee).where(FeeNotice.case_id == case_id))
        address = session.scalar(select(DeliveryAddress).where(DeliveryAddress.case_party_id == parties["plaintiff"]))
        assert (address.consented, address.mobile, address.email, address.method) == (
            True, "13912345678", "zhang@example.com", "filing")
        assert session.scalar(select(func.count()).select_from(DeliveryAddress)
                              .where(DeliveryAddress.case_id == case_id)) == 1
        delivered = {(d.document_id, d.case_party_id) for d in
                     session.scalars(select(Delivery).where(Delivery.case_id == case_id))}
    assert all(d.volume == "main" for v in found.values() for d in v)
    assert found["response_notice"][0].addressee_party_id == parties["defendant"]
    assert {d.addressee_party_id for k in ("acceptance_notice", "fee_notice", "address_confirmation")
            for d in found[k]} == {parties["plaintiff"]}
    assert f"{fee:,.2f}" in text_of(settings, found["fee_notice"][0])
    assert "第一百二十八条" in text_of(settings, found["response_notice"][0])
    assert "13912345678" in text_of(settings, found["address_confirmation"][0])
    # the plaintiff consented: its two notices delivered; the defendant confirmed nothing: served by the court
    assert delivered == {(found["acceptance_notice"][0].id, parties["plaintiff"]),
                         (found["fee_notice"][0].id, parties["plaintiff"])}


def test_without_consent_nothing_is_delivered_and_no_address_kept(db, settings):
    case_id, queue = accepted(db, settings, DeliveryAddressIn(consented=False, mobile="13912345678"))
    run_job(db, settings, queue)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Delivery).where(Delivery.case_id == case_id)) == 0
        (address,) = session.scalars(select(DeliveryAddress).where(DeliveryAddress.case_id == case_id))
        assert (address.consented, address.mobile) == (False, None)
    assert len(papers(db, case_id)["acceptance_notice"]) == 1


def test_an_acceptance_rolled_back_defers_nothing(db, settings):
    application_id = submitted(db, settings)
    queue = Recorder()
    with pytest.raises(RuntimeError), db.transaction() as session:
        filing.accept(session, settings, actor=actor_named(db, "demo-filing-officer"),
                      application_id=application_id, today=TODAY, queue=queue)
        raise RuntimeError("the request failed after accepting")
    assert queue.deferred == []


def test_a_bad_address_is_refused_naming_the_field_and_nothing_is_written(db, settings):
    with db.reading() as session:
        before = session.scalar(select(func.count()).select_from(FilingApplication))
    with pytest.raises(InvalidInput) as refused:
        submitted(db, settings, DeliveryAddressIn(consented=True, mobile="12345"))
    assert refused.value.field == "delivery_address.mobile" and "手机号码" in refused.value.message
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(FilingApplication)) == before


def test_the_form_and_the_api_take_the_address_and_refuse_a_bad_one(db, settings):
    import json

    from fastapi.testclient import TestClient

    from omnicourt.app import create_app
    from tests.app.conftest import bearer

    with db.transaction() as session:
        account = register_party(session)
        username, id_no = account.username, account.id_number
    with TestClient(create_app(settings=settings, db=db)) as client:
        party = bearer(client, username, "correct-horse-9")
        form = client.get("/portal/filings/new", headers=party).text
        assert 'id="delivery-address"' in form and 'name="delivery_consent"' in form
        body = json.loads(make_filing(plaintiff_id=id_no, delivery_address=CONSENTED).model_dump_json())
        made = client.post("/api/v1/filings", headers=party, json=body)
        assert made.status_code == 201, made.text
        with db.reading() as session:
            assert session.get(FilingApplication, made.json()["id"]).delivery_address == {
                "consented": True, "email": "zhang@example.com", "mobile": "13912345678"}
        body["delivery_address"]["email"] = "not an address"
        refused = client.post("/api/v1/filings", headers=party, json=body)
        assert refused.status_code == 422 and "电子邮箱" in refused.text and "delivery_address.email" in refused.text
        with db.reading() as session:
            assert session.scalar(select(func.count()).select_from(FilingApplication)
                                  .where(FilingApplication.applicant_id == account.id)) == 1
