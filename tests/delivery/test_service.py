"""Electronic delivery's use cases on every backend: the address confirmation, delivering with and without
consent, opening, public notice, the certificate and the reminder sweep; each party sees its own deliveries only."""

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from omnicourt import clock
from omnicourt.cases.models import Case, TimelineEvent
from omnicourt.delivery import sending, service
from omnicourt.delivery.models import Delivery, DeliveryAddress, DeliveryChannel
from omnicourt.delivery.rules import DocumentClass
from omnicourt.dossier import service as dossier
from omnicourt.dossier.models import Document
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.security import service as security
from omnicourt.security.models import Account
from tests.conftest import TODAY
from tests.delivery.conftest import add_document


def confirm(db, world, actor=None, *, consented=True, email="", mobile="13900000001", party_id=None):
    with db.transaction() as session:
        return service.confirm_address(session, actor=actor or world.plaintiff, case_id=world.case_id,
                                       party_id=party_id or world.plaintiff_id, consented=consented, email=email,
                                       mobile=mobile).id


def deliver(db, settings, world, *, parties=None, document_class=DocumentClass.NOTICE, document_id=None, actor=None):
    with db.transaction() as session:
        deliveries = service.deliver(session, settings, actor=actor or world.clerk, case_id=world.case_id,
                                     document_id=document_id or world.document_id,
                                     party_ids=[world.plaintiff_id] if parties is None else parties,
                                     document_class=document_class)
        return [d.id for d in deliveries]


def row(db, delivery_id) -> Delivery:
    with db.reading() as session:
        found = session.get(Delivery, delivery_id)
        session.expunge(found)
        return found


def channels(db, delivery_id) -> dict[str, DeliveryChannel]:
    with db.reading() as session:
        found = {c.channel: c for c in service.channels_of(session, delivery_id)}
        session.expunge_all()
        return found


def count(db, model, **where) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model).filter_by(**where))


def test_with_consent_a_delivery_takes_effect_as_it_reaches_the_inbox(db, settings, world):
    confirm(db, world)
    (delivery_id,) = deliver(db, settings, world)
    delivery = row(db, delivery_id)
    assert delivery.consented and delivery.effective_at == delivery.created_at
    assert delivery.effective_channel == "inbox" and delivery.effective_on == clock.local(delivery.created_at).date()
    assert {k: c.status for k, c in channels(db, delivery_id).items()} == {"inbox": "reached", "sms": "pending"}
    assert delivery.certificate_document_id is None  # filed by the job
    sending.send(db, settings, delivery_id=delivery_id)
    sent = channels(db, delivery_id)["sms"]
    assert (sent.status, sent.tries, sent.address) == ("reached", 1, "13900000001")
    certificate_id = row(db, delivery_id).certificate_document_id
    with db.reading() as session:
        certificate = session.get(Document, certificate_id)
        assert (certificate.kind, certificate.volume, certificate.case_id) == (
            DocumentKind.DELIVERY_RECEIPT, "main", world.case_id)
        text = PdfReader(io.BytesIO(dossier.read(storage_of(settings), certificate))).pages[0].extract_text()
        case_number = session.get(Case, world.case_id).case_number
    assert "电子送达凭证" in text and case_number in text and "开庭传票.pdf" in text and "139****0001" in text
    sending.send(db, settings, delivery_id=delivery_id)  # the job again: nothing more
    assert row(db, delivery_id).certificate_document_id == certificate_id
    assert count(db, Document, case_id=world.case_id, kind="delivery_receipt") == 1
    assert count(db, TimelineEvent, case_id=world.case_id, kind="delivery_effective") == 1


def test_without_consent_a_notice_takes_effect_when_the_party_reads_it(db, settings, world):
    (delivery_id,) = deliver(db, settings, world)
    assert row(db, delivery_id).effective_at is None
    assert set(channels(db, delivery_id)) == {"inbox"}
    sending.send(db, settings, delivery_id=delivery_id)
    assert row(db, delivery_id).certificate_document_id is None  # no legal effect yet: no certificate
    with db.transaction() as session:
        delivery, document, content = service.open_delivered(session, settings, actor=world.plaintiff,
                                                             delivery_id=delivery_id)
        assert document.id == world.document_id and content.startswith(b"%PDF")
    opened = row(db, delivery_id)
    assert opened.effective_at == opened.opened_at and "第三十一条第二款" in opened.basis
    with db.transaction() as session:  # a second opening changes nothing
        service.open_delivered(session, settings, actor=world.plaintiff, delivery_id=delivery_id)
    assert row(db, delivery_id).opened_at == opened.opened_at
    sending.send(db, settings, delivery_id=delivery_id)
    assert row(db, delivery_id).certificate_document_id is not None


def test_a_judgment_is_refused_without_consent_and_nothing_is_written(db, settings, world):
    confirm(db, world)  # the plaintiff consented, the defendant did not: neither is delivered
    before = count(db, Delivery, case_id=world.case_id)
    with pytest.raises(Conflict, match="李四未同意电子送达，判决书不得电子送达") as refused:
        deliver(db, settings, world, parties=[world.plaintiff_id, world.defendant_id],
                document_class=DocumentClass.JUDGMENT)
    assert refused.value.field == "document_class"
    assert count(db, Delivery, case_id=world.case_id) == before
    (delivery_id,) = deliver(db, settings, world, document_class=DocumentClass.JUDGMENT)
    assert row(db, delivery_id).effective_at is not None


def test_a_party_opens_only_what_was_delivered_to_it(db, settings, world):
    confirm(db, world)
    plaintiffs, defendants = deliver(db, settings, world, parties=[world.plaintiff_id, world.defendant_id])
    for outsider in (world.defendant, world.stranger, world.judge):
        with db.transaction() as session, pytest.raises(Concealed, match="送达记录不存在或无权查看"):
            service.open_delivered(session, settings, actor=outsider, delivery_id=plaintiffs)
    with db.reading() as session:
        assert [v.delivery.id for v in service.inbox(session, actor=world.plaintiff, today=TODAY)][:1] == [plaintiffs]
        assert [v.delivery.id for v in service.inbox(session, actor=world.defendant, today=TODAY)] == [defendants]
        assert service.inbox(session, actor=world.stranger, today=TODAY) == []
        seen = service.case_deliveries(session, settings, actor=world.defendant, case_id=world.case_id, today=TODAY)
        assert [v.delivery.id for v in seen.deliveries] == [defendants] and not seen.may_deliver
        assert [a.party.id for a in seen.addresses] == [world.defendant_id]
        bench = service.case_deliveries(session, settings, actor=world.clerk, case_id=world.case_id, today=TODAY)
        assert [v.delivery.id for v in bench.deliveries] == [plaintiffs, defendants] and bench.may_deliver
        with pytest.raises(Forbidden):
            service.inbox(session, actor=world.clerk, today=TODAY)
    with db.transaction() as session, pytest.raises(Concealed):  # nor confirm another's address
        service.confirm_address(session, actor=world.defendant, case_id=world.case_id, party_id=world.plaintiff_id,
                                consented=True)


def test_the_same_document_is_delivered_to_a_party_once(db, settings, world):
    deliver(db, settings, world)
    with pytest.raises(Conflict, match="已向张三送达过"):
        deliver(db, settings, world)


def test_what_may_not_be_delivered(db, settings, world):
    internal = add_document(db, settings, world.case_id, world.clerk, "评议笔录.pdf", DocumentKind.DELIBERATION_RECORD)
    with pytest.raises(Conflict, match="副卷材料仅供法院内部查阅"):
        deliver(db, settings, world, document_id=internal)
    with pytest.raises(NotFound, match="该案卷宗中没有这份材料"):
        deliver(db, settings, world, document_id=10**12)
    with pytest.raises(InvalidInput, match="受送达人不是本案当事人"):
        deliver(db, settings, world, parties=[10**12])
    with pytest.raises(InvalidInput, match="请选择受送达人"):
        deliver(db, settings, world, parties=[])
    with db.reading() as session:  # the court's president sees the case but does not handle it
        president = security.actor_for(session, session.scalar(select(Account).where(
            Account.role == "president", Account.court_id == session.get(Case, world.case_id).court_id).limit(1)))
    with pytest.raises(Forbidden, match="只有承办法官或本庭法官助理、书记员"):
        deliver(db, settings, world, actor=president)
    assert count(db, Delivery, case_id=world.case_id) == 0


def test_the_address_confirmation_checks_what_it_keeps(db, world):
    with pytest.raises(InvalidInput, match="手机号码「12345」应为 11 位") as refused:
        confirm(db, world, mobile="12345")
    assert refused.value.field == "mobile"
    with pytest.raises(InvalidInput, match="电子邮箱「not-mail」格式不正确"):
        confirm(db, world, email="not-mail")
    assert count(db, DeliveryAddress, case_id=world.case_id) == 0
    first = confirm(db, world, email="zhang@example.com")
    declined = confirm(db, world, consented=False, email="zhang@example.com")  # a refusal keeps no address
    with db.reading() as session:
        current = service.current_address(session, world.plaintiff_id)
        assert (current.id, current.consented, current.email, current.mobile) == (declined, False, None, None)
        assert session.get(DeliveryAddress, first).email == "zhang@example.com"  # what was confirmed before stays
    recorded = confirm(db, world, world.clerk, party_id=world.defendant_id, mobile="13700000002")
    with db.reading() as session:
        assert session.get(DeliveryAddress, recorded).method == "court"


def test_public_notice_in_ordinary_procedure(db, settings, world):
    with db.transaction() as session:
        delivery = service.publish_notice(session, actor=world.clerk, case_id=world.case_id,
                                          document_id=world.document_id, party_id=world.defendant_id,
                                          document_class=DocumentClass.PLEADING, published_on=TODAY,
                                          online_hearing=False, today=TODAY)
        assert delivery.effective_on == TODAY + timedelta(days=30) and "李四：本院受理" in delivery.notice_text
        view = service._view(session, delivery, session.get(Case, world.case_id), TODAY)
        assert not view.effective and view.status_label.startswith("公告中")
        later = service._view(session, delivery, session.get(Case, world.case_id), TODAY + timedelta(days=30))
        assert later.effective and later.status_label == "公告期满，视为送达"
    assert count(db, TimelineEvent, case_id=world.case_id, kind="public_notice_published") == 1
    with db.transaction() as session, pytest.raises(InvalidInput, match="公告日期应在立案日与今天之间"):
        service.publish_notice(session, actor=world.clerk, case_id=world.case_id, document_id=world.document_id,
                               party_id=world.plaintiff_id, document_class=DocumentClass.PLEADING,
                               published_on=TODAY + timedelta(days=1), online_hearing=False, today=TODAY)


def test_unread_deliveries_are_reminded_once_a_day_up_to_the_limit(db, settings, world):
    (delivery_id,) = deliver(db, settings, world)
    created = row(db, delivery_id).created_at
    assert delivery_id not in {r.delivery_id for r in sending.due_reminders(db, settings, now=created)}
    day = timedelta(hours=settings.delivery_reminder_hours)
    for n in range(1, settings.delivery_reminders + 2):
        due = {r.delivery_id: r for r in sending.due_reminders(db, settings, now=created + n * day)}
        assert (delivery_id in due) == (n <= settings.delivery_reminders)
        if n == 1:
            assert due[delivery_id].mobile == "13900000001" and "尚未查阅" in due[delivery_id].text
            assert delivery_id not in {r.delivery_id for r in sending.due_reminders(db, settings,
                                                                                    now=created + n * day)}
    assert row(db, delivery_id).reminders == settings.delivery_reminders
    with db.transaction() as session:
        service.open_delivered(session, settings, actor=world.plaintiff, delivery_id=delivery_id)


def test_the_sweep_finishes_what_a_lost_job_left(db, settings, world):
    confirm(db, world)
    (delivery_id,) = deliver(db, settings, world)
    created = row(db, delivery_id).created_at
    assert delivery_id not in sending.unfinished(db, before=created)  # a job deferred now may still be waiting
    assert delivery_id in sending.unfinished(db, before=created + timedelta(minutes=11))
    sending.sweep(db, settings, now=created + timedelta(minutes=11))
    assert row(db, delivery_id).certificate_document_id is not None
    assert delivery_id not in sending.unfinished(db, before=created + timedelta(days=1))
