"""What the jobs of electronic delivery do (jobs.py runs them): send a delivery's e-mail and text message and file
its certificate once it has legal effect (`delivery.send`), and the hourly sweep that finishes what a lost job left
and reminds addressees who have not opened a delivery (在线诉讼规则 art. 32).

Each step is keyed so that a second run changes nothing more: a channel that reached is not sent again, a
certificate is filed once (the delivery row is locked while it is). Sending itself happens between transactions,
never inside one: a slow mail server holds no lock. A worker lost after the server took a message but before it was
recorded sends it again on the retry, with the same Message-ID.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from omnicourt import clock
from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.casework import documents as access
from omnicourt.db import Database, utcnow
from omnicourt.delivery import certificate, mail, rules, service
from omnicourt.delivery.models import Delivery, DeliveryAddress, DeliveryChannel
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.storage import storage_of
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security import sms
from omnicourt.settings import Settings

log = logging.getLogger("omnicourt.delivery")


class ChannelsFailed(Exception):
    """Some channel could not be sent this time: the job fails, so that the queue tries again later."""


@dataclass(frozen=True)
class Outgoing:
    channel_id: int
    channel: rules.Channel
    address: str
    text: str  # the text message, or the e-mail's body
    mail: mail.Mail | None


def _texts(settings: Settings, *, court: str, case_number: str, document: str, delivery_id: int) -> tuple[str, str]:
    link = f"{settings.public_base_url.rstrip('/')}/portal/deliveries/{delivery_id}"
    short = f"【{court}】您在{case_number}案中有一份诉讼文书《{document}》已电子送达，请登录平台查阅：{link}"
    body = (f"{court}依法向您电子送达{case_number}案的诉讼文书《{document}》，见附件。\n"
            f"您也可以登录平台查阅、下载：{link}\n本邮件由系统发送，请勿回复。")
    return short, body


def _outgoing(session: Session, settings: Settings, delivery: Delivery) -> list[Outgoing]:
    pending = [c for c in service.channels_of(session, delivery.id) if c.status == "pending" and c.address]
    if not pending:
        return []
    case = cases.case_for_platform(session, delivery.case_id)
    document = dossier.find(session, delivery.document_id)
    if document is None:  # a delivery names a document of its case
        raise LookupError(f"delivery {delivery.id} names no document")
    court = reference.court(session, case.court_id).name
    short, body = _texts(settings, court=court, case_number=case.case_number, document=document.filename,
                         delivery_id=delivery.id)
    found = []
    for c in pending:
        channel = rules.Channel(c.channel)
        message = None
        if channel == rules.Channel.EMAIL and c.address:
            attachment = (document.filename, dossier.read(storage_of(settings), document), document.content_type)
            message = mail.Mail(to=c.address, subject=f"{court}电子送达：{case.case_number}《{document.filename}》",
                                body=body, key=f"delivery-{delivery.id}", attachment=attachment)
        found.append(Outgoing(c.id, channel, c.address or "", short, message))
    return found


def _send(settings: Settings, outgoing: Outgoing) -> None:
    if outgoing.mail is not None:
        mail.send(settings, outgoing.mail)
    else:
        sms.sender(settings)(outgoing.address, outgoing.text)


def _record(db: Database, outgoing: Outgoing, *, error: Exception | None, final: bool) -> None:
    with db.transaction() as session:
        row = session.get_one(DeliveryChannel, outgoing.channel_id, with_for_update=True)
        if row.status != "pending":
            return  # recorded by another run
        row.tries += 1
        if error is None:
            row.status, row.reached_at, row.last_error = "reached", utcnow(), None
        else:
            row.last_error = f"{type(error).__name__}: {error}"[:500]
            row.status = "failed" if final else "pending"
        if error is None or final:
            audit.record(session, actor_id=None, object_type="delivery", object_id=row.delivery_id,
                         action=AuditAction.DELIVERY_CHANNEL_REACHED if error is None
                         else AuditAction.DELIVERY_CHANNEL_FAILED, court_id=row.court_id,
                         details={"channel": row.channel, "tries": row.tries, "error": row.last_error})


def send(db: Database, settings: Settings, *, delivery_id: int, last_attempt: bool = False) -> None:
    """Send what is pending of a delivery, then settle it and file its certificate; raises ChannelsFailed when a
    channel failed and another try is to come."""
    with db.reading() as session:
        delivery = session.get(Delivery, delivery_id)
        if delivery is None:
            return
        outgoing = _outgoing(session, settings, delivery)
    failed = []
    for item in outgoing:
        try:
            _send(settings, item)
        except Exception as error:  # noqa: BLE001 - any failure of a gateway is recorded and retried
            log.warning("delivery %s: %s not sent: %s", delivery_id, item.channel, error)
            failed.append(item.channel)
            _record(db, item, error=error, final=last_attempt)
        else:
            _record(db, item, error=None, final=last_attempt)
    with db.transaction() as session:
        file_certificate(session, settings, delivery_id=delivery_id)
    if failed and not last_attempt:
        raise ChannelsFailed(f"delivery {delivery_id}: {', '.join(failed)} to be tried again")


def file_certificate(session: Session, settings: Settings, *, delivery_id: int,
                     today: date | None = None) -> int | None:
    """Settle the delivery and, once it has legal effect, file its certificate in the case's dossier (once): the
    电子送达凭证 of an electronic delivery, the 公告送达记录 of a public notice whose period is over by `today`."""
    delivery = session.get_one(Delivery, delivery_id, with_for_update=True)
    case = cases.case_for_platform(session, delivery.case_id)
    if delivery.method == service.PUBLIC_NOTICE:
        if today is None:  # a notice's period ends by the day: the hourly sweep settles it, with its day
            return delivery.certificate_document_id
        service.settle_public_notice(session, delivery=delivery, case=case, today=today)
    else:
        service.settle(session, delivery=delivery, case=case)
    if delivery.effective_at is None or delivery.certificate_document_id is not None \
            or delivery.method not in (service.ELECTRONIC, service.PUBLIC_NOTICE):
        return delivery.certificate_document_id
    if delivery.method == service.PUBLIC_NOTICE:
        record = _notice_record_data(session, delivery, case)
        upload = dossier.Upload(certificate.notice_filename(record), certificate.notice_record_pdf(record))
    else:
        data = _certificate_data(session, delivery, case)
        upload = dossier.Upload(certificate.filename(data), certificate.certificate_pdf(data))
    document = dossier.store(session, storage_of(settings), upload=upload, checked=dossier.generated_pdf(upload),
                             court_id=case.court_id, uploaded_by=delivery.created_by, case_id=case.id,
                             kind=DocumentKind.DELIVERY_RECEIPT, addressee_party_id=delivery.case_party_id)
    session.flush()
    delivery.certificate_document_id = document.id
    audit.record(session, actor_id=None, action=AuditAction.DOSSIER_ADD, object_type="document",
                 object_id=document.id, court_id=case.court_id,
                 details={"delivery_id": delivery.id, "filename": document.filename, "sha256": document.sha256})
    return document.id


def _notice_record_data(session: Session, delivery: Delivery, case) -> certificate.NoticeRecordData:
    document = dossier.find(session, delivery.document_id)
    if document is None or delivery.published_on is None or delivery.effective_on is None:
        raise LookupError(f"delivery {delivery.id} has no document or no dates")
    party = next(p for p in case.parties if p.id == delivery.case_party_id)
    clerk = security.display_names(session, [delivery.created_by]).get(delivery.created_by, "")
    return certificate.NoticeRecordData(
        delivery_id=delivery.id, court_name=reference.court(session, case.court_id).name,
        case_number=case.case_number, addressee=party.name, document_name=document.filename,
        document_class=rules.DocumentClass(delivery.document_class), sha256=document.sha256, sm3=document.sm3,
        published_on=delivery.published_on, deemed_on=delivery.effective_on, notice_text=delivery.notice_text or "",
        delivered_by=clerk)


def _certificate_data(session: Session, delivery: Delivery, case) -> certificate.CertificateData:
    document = dossier.find(session, delivery.document_id)
    if document is None or delivery.effective_at is None:
        raise LookupError(f"delivery {delivery.id} has no document or no effect yet")
    party = next(p for p in case.parties if p.id == delivery.case_party_id)
    clerk = security.display_names(session, [delivery.created_by]).get(delivery.created_by, "")
    return certificate.CertificateData(
        delivery_id=delivery.id, court_name=reference.court(session, case.court_id).name,
        case_number=case.case_number, addressee=party.name, document_name=document.filename,
        document_class=rules.DocumentClass(delivery.document_class), sha256=document.sha256, sm3=document.sm3,
        consented=delivery.consented,
        channels=tuple(certificate.ChannelLine(rules.Channel(c.channel), c.address, c.reached_at)
                       for c in service.channels_of(session, delivery.id)),
        opened_at=delivery.opened_at, effective_at=delivery.effective_at,
        effective_channel=rules.Channel(delivery.effective_channel or rules.Channel.INBOX),
        basis=delivery.basis or "", delivered_by=clerk)


# ---------------------------------------------------------------- the hourly sweep


def unfinished(db: Database, *, before: datetime) -> list[int]:
    """Deliveries recorded before `before` whose job has work left (a deferral lost, a worker killed)."""
    with db.reading() as session:
        pending = select(DeliveryChannel.delivery_id).where(DeliveryChannel.status == "pending")
        no_certificate = Delivery.effective_at.is_not(None) & Delivery.certificate_document_id.is_(None)
        return list(session.scalars(select(Delivery.id).where(
            Delivery.created_at < before, Delivery.method == service.ELECTRONIC,
            or_(Delivery.id.in_(pending), no_certificate)).order_by(Delivery.id)))


@dataclass(frozen=True)
class Reminder:
    delivery_id: int
    mobile: str | None
    email: str | None
    text: str


def due_reminders(db: Database, settings: Settings, *, now: datetime) -> list[Reminder]:
    """Mark the unread deliveries due a reminder as reminded, and return what to send. Marked first, sent after
    the commit: a worker lost in between leaves one reminder unsent rather than texting twice."""
    every = timedelta(hours=settings.delivery_reminder_hours)
    reminders = []
    with db.transaction() as session:
        due = session.scalars(select(Delivery).where(
            Delivery.method == service.ELECTRONIC, Delivery.opened_at.is_(None), Delivery.created_at <= now - every,
            Delivery.reminders < settings.delivery_reminders,
            or_(Delivery.reminded_at.is_(None), Delivery.reminded_at <= now - every)).with_for_update())
        for delivery in due:
            reminders.append(_remind(session, settings, delivery, now))
    return reminders


def _remind(session: Session, settings: Settings, delivery: Delivery, now: datetime) -> Reminder:
    case = cases.case_for_platform(session, delivery.case_id)
    party = next(p for p in case.parties if p.id == delivery.case_party_id)
    address = session.get(DeliveryAddress, delivery.address_id) if delivery.address_id else None
    document = dossier.find(session, delivery.document_id)
    name = document.filename if document is not None else ""
    court = reference.court(session, case.court_id).name
    text = (f"【{court}】提醒：{case.case_number}案送达给您的《{name}》尚未查阅，"
            f"请登录平台查阅：{settings.public_base_url.rstrip('/')}/portal/deliveries/{delivery.id}")
    delivery.reminders += 1
    delivery.reminded_at = now
    cases.record_event(session, case=case, actor=None, kind=EventKind.DELIVERY_REMINDED,
                       summary=f"提醒{party.name}查阅《{name}》（第{delivery.reminders}次）",
                       details={"delivery_id": delivery.id}, audit_action=AuditAction.DELIVERY_REMINDED,
                       object_type="delivery", object_id=delivery.id)
    # a reminder is not a delivery: the number the party filed with serves when it confirmed none (art. 32)
    mobile = (address.mobile if address else None) or party.phone
    email = address.email if address and mail.enabled(settings) else None
    return Reminder(delivery.id, mobile, email, text)


def notices_due(db: Database, *, today: date) -> list[int]:
    """Public notices whose thirty days are over by `today` and whose record is not yet filed."""
    with db.reading() as session:
        return list(session.scalars(select(Delivery.id).where(
            Delivery.method == service.PUBLIC_NOTICE, Delivery.effective_on <= today,
            Delivery.certificate_document_id.is_(None)).order_by(Delivery.id)))


def sweep(db: Database, settings: Settings, *, now: datetime) -> dict[str, int]:
    """Finish deliveries a lost job left (older than ten minutes: a job deferred since may still be waiting), mark
    public notices whose period is over delivered with their record filed (each in its own transaction), then send
    the reminders due."""
    finished = 0
    for delivery_id in unfinished(db, before=now - timedelta(minutes=10)):
        # one more try for what the job left: a channel failing now is given up (its error stays on the page)
        send(db, settings, delivery_id=delivery_id, last_attempt=True)
        finished += 1
    today = clock.local(now).date()
    notices = notices_due(db, today=today)
    for delivery_id in notices:
        with db.transaction() as session:
            file_certificate(session, settings, delivery_id=delivery_id, today=today)
    reminders = due_reminders(db, settings, now=now)
    for reminder in reminders:
        try:
            if reminder.mobile:
                sms.sender(settings)(reminder.mobile, reminder.text)
            if reminder.email:
                mail.send(settings, mail.Mail(to=reminder.email, subject="诉讼文书查阅提醒", body=reminder.text,
                                              key=f"delivery-{reminder.delivery_id}-reminder"))
        except Exception as error:  # noqa: BLE001 - a reminder lost is not retried; the next one is due later
            log.warning("delivery %s: reminder not sent: %s", reminder.delivery_id, error)
    return {"finished": finished, "notices": len(notices), "reminded": len(reminders)}


def queue_sending(queue, delivery_ids: list[int]) -> None:
    """Defer `delivery.send` for deliveries just committed. A queue away for a moment loses nothing: the delivery
    is recorded (and in the inbox), and the hourly sweep finishes what no job took."""
    for delivery_id in delivery_ids:
        try:
            queue.defer(service.SEND_JOB, delivery_id=delivery_id)
        except Exception:  # noqa: BLE001 - see above
            log.exception("delivery %s: sending not queued; the sweep will finish it", delivery_id)


def open_file(db: Database, settings: Settings, queue, *, actor, delivery_id: int,
              download: bool) -> tuple[bytes, str, str]:
    """What the API and the pages serve when the addressee opens a delivery: its bytes, media type and
    disposition. The first opening is recorded; a delivery it makes effective has its certificate filed by a job."""
    with db.transaction() as session:
        delivery, document, content = service.open_delivered(session, settings, actor=actor, delivery_id=delivery_id)
        follow_up = delivery.effective_at is not None and delivery.certificate_document_id is None
        media_type, disposition = document.content_type, access.disposition(document, download=download)
    if follow_up:
        queue_sending(queue, [delivery_id])
    return content, media_type, disposition


def opened_through_document(db: Database, queue_of, *, actor, document_id: int) -> list[int]:
    """What the document routes call after serving a document (casework's checks passed): a delivery of it to the
    actor not yet opened is opened now, and one that takes effect by it has its certificate filed by a job. Nothing
    is written when there is none (one read); `queue_of()` gives the queue, opened only when a job is deferred."""
    if actor.is_staff:
        return []
    with db.reading() as session:
        if not service.unopened_for(session, actor=actor, document_id=document_id):
            return []
    with db.transaction() as session:
        opened = service.opened_through_document(session, actor=actor, document_id=document_id)
        follow_up = [d.id for d in opened if d.effective_at is not None and d.certificate_document_id is None]
        ids = [d.id for d in opened]
    if follow_up:
        queue_sending(queue_of(), follow_up)
    return ids
