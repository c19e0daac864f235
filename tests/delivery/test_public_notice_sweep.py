"""A public notice's thirty days over (CPL art. 95), the hourly delivery sweep marks it delivered as of the day it
is deemed delivered and files its record (公告送达记录) in the dossier, once; the judge's delivery status shows it and
the appeal period of a judgment so delivered runs from that day (CPL art. 171)."""

from datetime import timedelta

from fastapi.testclient import TestClient

from omnicourt import clock
from omnicourt.app import create_app
from omnicourt.cases.models import TimelineEvent
from omnicourt.casework import documents as access
from omnicourt.delivery import sending, service
from omnicourt.delivery.rules import DocumentClass
from omnicourt.dossier import service as dossier
from omnicourt.dossier.models import Document
from omnicourt.dossier.storage import storage_of
from tests.conftest import TODAY
from tests.delivery.test_routes import PARTY_PASSWORD, login
from tests.delivery.test_service import count, row


def test_the_sweep_delivers_a_public_notice_when_its_period_ends(db, settings, world):
    with db.transaction() as session:
        delivery_id = service.publish_notice(session, actor=world.clerk, case_id=world.case_id,
                                             document_id=world.document_id, party_id=world.defendant_id,
                                             document_class=DocumentClass.JUDGMENT, published_on=TODAY,
                                             online_hearing=False, today=TODAY).id
    deemed = TODAY + timedelta(days=30)
    sending.sweep(db, settings, now=clock.start_of(deemed) - timedelta(hours=1))  # the 30th day not yet come
    assert row(db, delivery_id).effective_at is None and row(db, delivery_id).certificate_document_id is None

    done = sending.sweep(db, settings, now=clock.start_of(deemed) + timedelta(hours=1))
    delivered = row(db, delivery_id)
    assert done["notices"] == 1
    assert delivered.effective_at is not None and clock.local(delivered.effective_at).date() == deemed
    assert delivered.effective_on == deemed and delivered.certificate_document_id is not None
    assert sending.sweep(db, settings, now=clock.start_of(deemed) + timedelta(hours=2))["notices"] == 0  # once
    assert count(db, TimelineEvent, case_id=world.case_id, kind="delivery_effective") == 1

    with db.reading() as session:
        record = session.get(Document, delivered.certificate_document_id)
        assert (record.kind, record.addressee_party_id, record.case_id) == ("delivery_receipt", world.defendant_id,
                                                                             world.case_id)
        text = dossier.read(storage_of(settings), record)
        assert text.startswith(b"%PDF")
        # the judge's delivery status: delivered, with the appeal period from the deemed day
        view = service.case_deliveries(session, settings, actor=world.judge, case_id=world.case_id, today=deemed)
        (shown,) = [v for v in view.deliveries if v.delivery.id == delivery_id]
        assert shown.effective and shown.status_label == "公告期满，视为送达"
        assert shown.appeal is not None and shown.appeal.days == 15
        assert shown.appeal.last_day >= deemed + timedelta(days=15)
        # the record is the defendant's and the court's, as an electronic certificate is
        assert access.get_document(session, actor=world.defendant, document_id=record.id).id == record.id
        assert record.id in access.hidden_from(session, world.plaintiff, world.case_id)


def test_the_bench_page_links_the_notice_record(db, settings, world):
    with db.transaction() as session:
        service.publish_notice(session, actor=world.clerk, case_id=world.case_id, document_id=world.document_id,
                               party_id=world.defendant_id, document_class=DocumentClass.PLEADING,
                               published_on=TODAY, online_hearing=False, today=TODAY)
    sending.sweep(db, settings, now=clock.start_of(TODAY + timedelta(days=30)) + timedelta(hours=1))
    with TestClient(create_app(settings=settings, db=db)) as test_client:
        page = test_client.get(f"/bench/cases/{world.case_id}/deliveries",
                               headers=login(test_client, db, world.clerk))
        assert page.status_code == 200 and "公告送达记录" in page.text
        inbox = test_client.get("/portal/deliveries", headers=login(test_client, db, world.defendant, PARTY_PASSWORD))
        assert inbox.status_code == 200 and "视为送达日期" in inbox.text and "（）" not in inbox.text
