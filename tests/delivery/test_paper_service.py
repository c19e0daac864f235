"""Paper service (直接送达 / 邮寄送达): a judgment may not reach a party without consent electronically, and the refusal
and the bench page point the clerk to paper service; the clerk records it with the signed 送达回证 scanned into the
main volume as the party's own paper; the judge's delivery status shows paper against electronic and whether each
is legally delivered, and the appeal period runs from the day the receipt was signed. Bad input writes nothing."""

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from omnicourt.app import create_app
from omnicourt.casework import documents as access
from omnicourt.delivery import rules, service
from omnicourt.delivery.models import Delivery
from omnicourt.delivery.rules import DocumentClass, PaperWay
from omnicourt.dossier.models import Document
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.service import Upload
from omnicourt.errors import Conflict, Forbidden, InvalidInput
from tests.conftest import TODAY
from tests.delivery.conftest import add_document
from tests.delivery.test_routes import PARTY_PASSWORD, login
from tests.delivery.test_service import count, deliver, row
from tests.factories import PDF_BYTES

RECEIPT = Upload("送达回证-李四.pdf", PDF_BYTES)


def judgment(db, settings, world) -> int:
    return add_document(db, settings, world.case_id, world.judge, "民事判决书.pdf", kind=DocumentKind.JUDGMENT)


def serve(db, settings, world, document_id, *, actor=None, served_on=TODAY, signed_by="李四", receipt=RECEIPT,
          way=PaperWay.POST, document_class=DocumentClass.JUDGMENT, party_id=None) -> int:
    with db.transaction() as session:
        return service.record_paper_service(
            session, settings, actor=actor or world.clerk, case_id=world.case_id, document_id=document_id,
            party_id=party_id or world.defendant_id, document_class=document_class, way=way, served_on=served_on,
            signed_by=signed_by, receipt=receipt, today=TODAY).id


def test_a_judgment_without_consent_points_to_paper_service(db, settings, world):
    judgment_id = judgment(db, settings, world)
    with pytest.raises(Conflict, match="请直接送达或邮寄送达.*纸质送达"):
        deliver(db, settings, world, parties=[world.defendant_id], document_id=judgment_id,
                document_class=DocumentClass.JUDGMENT)
    with db.reading() as session:
        view = service.case_deliveries(session, settings, actor=world.clerk, case_id=world.case_id, today=TODAY)
        assert (judgment_id, world.defendant_id) in {(d.id, p.id) for d, p in view.paper_due}
    assert rules.needs_paper(DocumentClass.JUDGMENT, consented=False)
    assert not rules.needs_paper(DocumentClass.NOTICE, consented=False)
    assert not rules.needs_paper(DocumentClass.JUDGMENT, consented=True)


def test_the_clerk_records_paper_service_and_the_judge_sees_it(db, settings, world):
    judgment_id = judgment(db, settings, world)
    served_on = TODAY  # the case was accepted TODAY: the earliest allowed
    delivery_id = serve(db, settings, world, judgment_id, served_on=served_on)
    served = row(db, delivery_id)
    assert (served.method, served.paper_way, served.signed_by, served.effective_on) == (
        "paper", "post", "李四", served_on)
    with db.reading() as session:
        receipt = session.get(Document, served.certificate_document_id)
        assert (receipt.kind, receipt.addressee_party_id, receipt.case_id) == (
            "delivery_receipt", world.defendant_id, world.case_id)
        assert access.get_document(session, actor=world.defendant, document_id=receipt.id).id == receipt.id
        assert receipt.id in access.hidden_from(session, world.plaintiff, world.case_id)
        view = service.case_deliveries(session, settings, actor=world.judge, case_id=world.case_id, today=TODAY)
        (shown,) = [v for v in view.deliveries if v.delivery.id == delivery_id]
        assert shown.effective and shown.way_label == "邮寄送达"
        assert shown.status_label == "已送达（邮寄送达，李四签收）"
        assert shown.appeal is not None and shown.appeal.days == 15
        assert shown.appeal.last_day >= served_on + timedelta(days=15)
        assert (judgment_id, world.defendant_id) not in {(d.id, p.id) for d, p in view.paper_due}
    with pytest.raises(Conflict, match="已向李四送达过"):
        serve(db, settings, world, judgment_id)


def test_an_unread_inbox_delivery_becomes_the_paper_service(db, settings, world):
    (delivery_id,) = deliver(db, settings, world, parties=[world.defendant_id])  # a notice, no consent: unread
    assert row(db, delivery_id).effective_at is None
    assert serve(db, settings, world, world.document_id, way=PaperWay.IN_PERSON,
                 document_class=DocumentClass.NOTICE) == delivery_id
    served = row(db, delivery_id)
    assert served.method == "paper" and served.effective_on == TODAY and served.paper_way == "in_person"


@pytest.mark.parametrize(("changes", "error", "says"), [
    ({"served_on": TODAY + timedelta(days=1)}, InvalidInput, "签收日期应在立案日与今天之间"),
    ({"served_on": TODAY - timedelta(days=1)}, InvalidInput, "签收日期应在立案日与今天之间"),
    ({"signed_by": "  "}, InvalidInput, "签收的人"),
    ({"receipt": Upload("送达回证.docx", b"PK")}, InvalidInput, "格式不支持"),
    ({"receipt": Upload("送达回证.pdf", b"not a pdf")}, InvalidInput, "送达回证.pdf"),
])
def test_bad_input_is_refused_naming_the_field_and_writes_nothing(db, settings, world, changes, error, says):
    judgment_id = judgment(db, settings, world)
    deliveries, documents = count(db, Delivery, case_id=world.case_id), count(db, Document, case_id=world.case_id)
    with pytest.raises(error, match=says):
        serve(db, settings, world, judgment_id, **changes)
    assert (count(db, Delivery, case_id=world.case_id), count(db, Document, case_id=world.case_id)) == (
        deliveries, documents)


def test_only_the_cases_conductors_record_it(db, settings, world):
    judgment_id = judgment(db, settings, world)
    with pytest.raises(Forbidden):
        serve(db, settings, world, judgment_id, actor=world.plaintiff)


def test_the_bench_page_records_it_and_shows_paper_against_electronic(db, settings, world):
    judgment_id = judgment(db, settings, world)
    (electronic_id,) = deliver(db, settings, world, parties=[world.defendant_id])
    with TestClient(create_app(settings=settings, db=db)) as client:
        clerk = login(client, db, world.clerk)
        before = client.get(f"/bench/cases/{world.case_id}/deliveries", headers=clerk).text
        assert 'data-testid="paper-due"' in before and "《民事判决书.pdf》→ 李四" in before
        done = client.post(f"/bench/cases/{world.case_id}/paper-services", headers=clerk, data={
            "document_id": str(judgment_id), "party_id": str(world.defendant_id), "document_class": "judgment",
            "way": "in_person", "served_on": TODAY.isoformat(), "signed_by": "李四"},
            files={"receipt": ("送达回证.pdf", PDF_BYTES, "application/pdf")}, follow_redirects=False)
        assert done.status_code == 303, done.text
        page = client.get(f"/bench/cases/{world.case_id}/deliveries", headers=clerk).text
        assert "《民事判决书.pdf》→ 李四" not in page and "《民事判决书.pdf》→ 张三" in page  # the plaintiff's to come
        assert "直接送达（纸质），签收人 李四" in page and "送达回证" in page
        assert 'data-delivered="yes"' in page and 'data-delivered="no"' in page  # the unread electronic notice
        api = client.get(f"/api/v1/cases/{world.case_id}/deliveries", headers=clerk).json()
        methods = {d["id"]: (d["method"], d["effective"]) for d in api}
        assert methods[electronic_id] == ("electronic", False)
        assert ("paper", True) in methods.values()
        defendant = login(client, db, world.defendant, PARTY_PASSWORD)
        own = client.get(f"/portal/cases/{world.case_id}/deliveries", headers=defendant)
        assert own.status_code == 200 and f"送达日期：{TODAY.year}年" in own.text and "（直接送达）" in own.text
