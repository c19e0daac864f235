"""Electronic delivery's use cases: a party's delivery address confirmation, the court delivering a document to
parties (or by public notice), the addressee opening it, and what each side sees. Each takes the caller's session
(one transaction per use case) and writes its timeline event and audit record with the change.

A delivery reaches the platform inbox when it is recorded; e-mail and text message go out in the job `delivery.send`
(delivery/sending.py), which also files the certificate once the delivery has legal effect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt import clock
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import permissions
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.casework import documents as access
from omnicourt.db import utcnow
from omnicourt.deadlines import calculator as deadline_tables
from omnicourt.delivery import mail, rules
from omnicourt.delivery.models import Delivery, DeliveryAddress, DeliveryChannel
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind, Volume
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.reference import service as reference
from omnicourt.security import rules as identity
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.textcheck import form_text

if TYPE_CHECKING:
    from omnicourt.cases.models import Case, CaseParty
    from omnicourt.dossier.models import Document

SEND_JOB = "delivery.send"
ELECTRONIC, PUBLIC_NOTICE, PAPER = "electronic", "public_notice", "paper"
CONCEALED = "送达记录不存在或无权查看"
INBOX_LIMIT = 200  # newest first; older deliveries stay on each case's page


# ---------------------------------------------------------------- who is who


def is_the_account(actor: Actor, party: CaseParty) -> bool:
    """The party is the signed-in public account: by the account that filed, or the number bound to it."""
    if actor.is_staff:
        return False
    if party.account_id == actor.id:
        return True
    number = party.uscc if actor.person_type_is_legal else party.id_number
    return bool(actor.bound_number) and number == actor.bound_number


def _party_of(case: Case, party_id: int, *, field: str = "party_id") -> CaseParty:
    party = next((p for p in case.parties if p.id == party_id), None)
    if party is None:
        raise InvalidInput("受送达人不是本案当事人", field=field)
    return party


def _require_conductor(actor: Actor, case: Case, *, field: str = "case_id") -> None:
    if not permissions.may_conduct(actor, case):
        raise Forbidden("只有承办法官或本庭法官助理、书记员可以办理送达", field=field)


# ---------------------------------------------------------------- the delivery address confirmation (送达地址确认书)


def current_address(session: Session, case_party_id: int) -> DeliveryAddress | None:
    """The newest confirmation of the party's delivery address in its case."""
    return session.scalar(select(DeliveryAddress).where(DeliveryAddress.case_party_id == case_party_id)
                          .order_by(DeliveryAddress.id.desc()).limit(1))


def confirm_address(session: Session, *, actor: Actor, case_id: int, party_id: int, consented: bool, email: str = "",
                    mobile: str = "") -> DeliveryAddress:
    """A party confirms its own delivery address on the platform; the court's handling staff record one a party
    gave by telephone or on a signed form (在线诉讼规则 art. 30). The platform inbox is always part of it."""
    case = cases.get_case(session, actor=actor, case_id=case_id, with_parties_and_claims=True)
    if actor.is_staff:
        _require_conductor(actor, case, field="party_id")
    party = _party_of(case, party_id)
    if not actor.is_staff and not is_the_account(actor, party):
        raise Concealed("当事人不存在或无权查看", field="party_id")
    checked_email, checked_mobile = identity.contact_for_service(consented=consented, email=email, mobile=mobile)
    address = DeliveryAddress(court_id=case.court_id, case_id=case.id, case_party_id=party.id, consented=consented,
                              email=checked_email, mobile=checked_mobile, method="court" if actor.is_staff else "party",
                              confirmed_by=actor.id, confirmed_at=utcnow())
    session.add(address)
    session.flush()
    way = "同意电子送达" if consented else "不同意电子送达"
    by = "（法院记录）" if actor.is_staff else ""
    cases.record_event(session, case=case, actor=actor, kind=EventKind.DELIVERY_ADDRESS_CONFIRMED,
                       summary=f"{party.name}确认送达地址：{way}{by}", details={"party_id": party.id},
                       audit_action=AuditAction.DELIVERY_ADDRESS_CONFIRM, object_type="case_party",
                       object_id=party.id, audit_details={"address_id": address.id, "consented": consented,
                                                          "email": checked_email, "mobile": checked_mobile,
                                                          "method": address.method})
    return address


# ---------------------------------------------------------------- delivering


def _case_document(session: Session, case: Case, document_id: int) -> Document:
    document = dossier.find(session, document_id)
    if document is None or document.case_id != case.id:
        raise NotFound("该案卷宗中没有这份材料", field="document_id")
    if document.volume != Volume.MAIN:
        raise Conflict("副卷材料仅供法院内部查阅，不得送达", field="document_id")
    return document


def _chosen_parties(session: Session, case: Case, document: Document, party_ids: list[int]) -> list[CaseParty]:
    if not party_ids:
        raise InvalidInput("请选择受送达人", field="party_ids")
    parties = [_party_of(case, pid, field="party_ids") for pid in dict.fromkeys(party_ids)]
    done = set(session.scalars(select(Delivery.case_party_id).where(Delivery.document_id == document.id)))
    for party in parties:
        if party.id in done:
            raise Conflict(f"《{document.filename}》已向{party.name}送达过", field="party_ids")
    return parties


def deliver(session: Session, settings: Settings, *, actor: Actor, case_id: int, document_id: int,
            party_ids: list[int], document_class: rules.DocumentClass) -> list[Delivery]:
    """Deliver a document of the case's main volume to each chosen party, on the channels its confirmed address
    allows (the inbox always). Every party is checked before any delivery is written: one refusal, none sent."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    _require_conductor(actor, case)
    document = _case_document(session, case, document_id)
    parties = _chosen_parties(session, case, document, party_ids)
    addresses = {party.id: current_address(session, party.id) for party in parties}
    for party in parties:
        address = addresses[party.id]
        rules.check_may_deliver(document_class, consented=bool(address and address.consented), party_name=party.name)
    return [_deliver_one(session, settings, actor=actor, created_by=actor.id, case=case, document=document,
                         party=party, address=addresses[party.id], document_class=document_class)
            for party in parties]


def deliver_papers(session: Session, settings: Settings, *, case_id: int, papers: list[tuple[int, int]],
                   created_by: int) -> list[int]:
    """The platform delivers the notices it wrote at acceptance, (document id, party id) each, in the name of the
    officer who accepted: electronically to a party that consented (在线诉讼规则 art. 29; CPL art. 90), none to one
    that did not, whom the court serves in person or by post. A paper delivered before is not delivered again; the
    ids of the papers' deliveries, earlier ones too (a job run again finishes their sending)."""
    case = cases.case_for_platform(session, case_id, for_update=True)
    ids = []
    for document_id, party_id in papers:
        earlier = session.scalar(select(Delivery.id).where(Delivery.document_id == document_id,
                                                           Delivery.case_party_id == party_id))
        address = current_address(session, party_id)
        if earlier is None and address is not None and address.consented:
            document = dossier.find(session, document_id)
            if document is None:
                raise NotFound("该案卷宗中没有这份材料", field="document_id")
            earlier = _deliver_one(session, settings, actor=None, created_by=created_by, case=case,
                                   document=document, party=_party_of(case, party_id), address=address,
                                   document_class=rules.DocumentClass.NOTICE).id
        if earlier is not None:
            ids.append(earlier)
    return ids


def record_filed_address(session: Session, *, case_id: int, party_id: int, consented: bool, email: str | None,
                         mobile: str | None, confirmed_by: int) -> DeliveryAddress | None:
    """The address the filer confirmed in its filing (在线诉讼规则 art. 29(3): an electronic address given in a
    pleading), recorded for its party at acceptance unless the party has confirmed one since; None then."""
    if current_address(session, party_id) is not None:
        return None
    case = cases.case_for_platform(session, case_id)
    party = _party_of(case, party_id)
    checked_email, checked_mobile = identity.contact_for_service(consented=consented, email=email or "",
                                                                 mobile=mobile or "")
    address = DeliveryAddress(court_id=case.court_id, case_id=case.id, case_party_id=party.id, consented=consented,
                              email=checked_email, mobile=checked_mobile, method="filing",
                              confirmed_by=confirmed_by, confirmed_at=utcnow())
    session.add(address)
    session.flush()
    way = "同意电子送达" if consented else "不同意电子送达"
    cases.record_event(session, case=case, actor=None, kind=EventKind.DELIVERY_ADDRESS_CONFIRMED,
                       summary=f"{party.name}在起诉时确认送达地址：{way}", details={"party_id": party.id},
                       audit_action=AuditAction.DELIVERY_ADDRESS_CONFIRM, object_type="case_party",
                       object_id=party.id, audit_details={"address_id": address.id, "consented": consented,
                                                          "email": checked_email, "mobile": checked_mobile,
                                                          "method": address.method})
    return address


def carry_address(session: Session, *, from_party_id: int, to_case_id: int, to_party_id: int,
                  confirmed_by: int) -> DeliveryAddress | None:
    """The address a party confirmed in the trial, carried to its enforcement case: the confirmation form states
    it applies to the first and second instance and to enforcement. None when it confirmed none there."""
    earlier = current_address(session, from_party_id)
    if earlier is None or current_address(session, to_party_id) is not None:
        return None
    case = cases.case_for_platform(session, to_case_id)
    party = _party_of(case, to_party_id)
    address = DeliveryAddress(court_id=case.court_id, case_id=case.id, case_party_id=party.id,
                              consented=earlier.consented, email=earlier.email, mobile=earlier.mobile,
                              method="carried", confirmed_by=confirmed_by, confirmed_at=utcnow())
    session.add(address)
    session.flush()
    way = "同意电子送达" if earlier.consented else "不同意电子送达"
    cases.record_event(session, case=case, actor=None, kind=EventKind.DELIVERY_ADDRESS_CONFIRMED,
                       summary=f"{party.name}在审判程序中确认的送达地址适用于执行程序：{way}",
                       details={"party_id": party.id}, audit_action=AuditAction.DELIVERY_ADDRESS_CONFIRM,
                       object_type="case_party", object_id=party.id,
                       audit_details={"address_id": address.id, "carried_from": earlier.id})
    return address


def _deliver_one(session: Session, settings: Settings, *, actor: Actor | None, created_by: int, case: Case,
                 document: Document, party: CaseParty, address: DeliveryAddress | None,
                 document_class: rules.DocumentClass) -> Delivery:
    consented = bool(address and address.consented)
    now = utcnow()
    delivery = Delivery(court_id=case.court_id, case_id=case.id, case_party_id=party.id, document_id=document.id,
                        document_class=document_class.value, method=ELECTRONIC, consented=consented,
                        address_id=address.id if address else None, created_by=created_by, created_at=now,
                        reminders=0)
    session.add(delivery)
    session.flush()
    chosen = rules.channels_for(consented=consented, email=address.email if address and mail.enabled(settings)
                                else None, mobile=address.mobile if address else None)
    targets = {rules.Channel.EMAIL: address.email if address else None,
               rules.Channel.SMS: address.mobile if address else None}
    for channel in chosen:
        inbox = channel == rules.Channel.INBOX  # the platform's own system: it reaches the account as it is recorded
        session.add(DeliveryChannel(court_id=case.court_id, delivery_id=delivery.id, channel=channel.value,
                                    address=targets.get(channel), status="reached" if inbox else "pending",
                                    tries=0, reached_at=now if inbox else None))
    session.flush()
    ways = "、".join(rules.CHANNEL_LABELS[c] for c in chosen)
    cases.record_event(session, case=case, actor=actor, kind=EventKind.DELIVERY_SENT,
                       summary=f"向{party.name}送达《{document.filename}》（{rules.CLASS_LABELS[document_class]}），"
                               f"送达方式：{ways}",
                       details={"delivery_id": delivery.id, "document_id": document.id, "party_id": party.id},
                       audit_action=AuditAction.DELIVERY_DELIVER, object_type="delivery", object_id=delivery.id,
                       audit_details={"document_id": document.id, "sha256": document.sha256, "party_id": party.id,
                                      "class": document_class.value, "consented": consented,
                                      "channels": [c.value for c in chosen]})
    settle(session, delivery=delivery, case=case, actor=actor)
    return delivery


def channels_of(session: Session, delivery_id: int) -> list[DeliveryChannel]:
    return list(session.scalars(select(DeliveryChannel).where(DeliveryChannel.delivery_id == delivery_id)
                                .order_by(DeliveryChannel.id)))


def settle(session: Session, *, delivery: Delivery, case: Case, actor: Actor | None = None) -> bool:
    """Record the legal time of delivery once the rules give one (rules.legal_delivery); True when this call did."""
    if delivery.method != ELECTRONIC or delivery.effective_at is not None:
        return False
    arrivals = [rules.Arrival(rules.Channel(c.channel), c.reached_at) for c in channels_of(session, delivery.id)]
    legal = rules.legal_delivery(consented=delivery.consented, arrivals=arrivals, opened_at=delivery.opened_at)
    if legal is None:
        return False
    delivery.effective_at, delivery.effective_on = legal.at, clock.local(legal.at).date()
    delivery.effective_channel, delivery.basis = legal.channel.value, legal.basis[:255]
    party = _party_of(case, delivery.case_party_id)
    document = dossier.find(session, delivery.document_id)
    name = document.filename if document is not None else str(delivery.document_id)
    cases.record_event(session, case=case, actor=actor, kind=EventKind.DELIVERY_EFFECTIVE,
                       summary=f"《{name}》已于{clock.local(legal.at):%Y-%m-%d %H:%M}向{party.name}送达"
                               f"（{rules.CHANNEL_LABELS[legal.channel]}）",
                       details={"delivery_id": delivery.id, "on": delivery.effective_on.isoformat()},
                       audit_action=AuditAction.DELIVERY_EFFECTIVE, object_type="delivery", object_id=delivery.id,
                       audit_details={"at": legal.at.isoformat(), "channel": legal.channel.value})
    return True


# ---------------------------------------------------------------- public notice (公告送达)


def publish_notice(session: Session, *, actor: Actor, case_id: int, document_id: int, party_id: int,
                   document_class: rules.DocumentClass, published_on: date, online_hearing: bool,
                   today: date) -> Delivery:
    """Deliver a document to a party whose whereabouts are unknown by public notice: the notice's text, deemed
    delivered 30 days after publication (CPL art. 95); refused in simple and small-claims procedure."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    _require_conductor(actor, case)
    if published_on < case.accepted_on or published_on > today:
        raise InvalidInput("公告日期应在立案日与今天之间", field="published_on")
    document = _case_document(session, case, document_id)
    (party,) = _chosen_parties(session, case, document, [party_id])
    notice = rules.public_notice(procedure=case.procedure, published_on=published_on,
                                 court_name=reference.court(session, case.court_id).name,
                                 case_number=case.case_number, case_title=case.title, party_name=party.name,
                                 document_title=f"《{document.filename}》", online_hearing=online_hearing)
    delivery = Delivery(court_id=case.court_id, case_id=case.id, case_party_id=party.id, document_id=document.id,
                        document_class=document_class.value, method=PUBLIC_NOTICE, consented=False,
                        created_by=actor.id, created_at=utcnow(), published_on=published_on,
                        notice_text=notice.text, effective_on=notice.deemed_delivered_on,
                        basis="公告送达，自公告之日起经过三十日即视为送达（民事诉讼法第九十五条）", reminders=0)
    session.add(delivery)
    session.flush()
    cases.record_event(session, case=case, actor=actor, kind=EventKind.PUBLIC_NOTICE_PUBLISHED,
                       summary=f"向{party.name}公告送达《{document.filename}》，{notice.deemed_delivered_on:%Y-%m-%d}"
                               "视为送达",
                       details={"on": published_on.isoformat(), "delivery_id": delivery.id},
                       audit_action=AuditAction.DELIVERY_PUBLIC_NOTICE, object_type="delivery",
                       object_id=delivery.id, audit_details={"published_on": published_on.isoformat(),
                                                              "deemed_on": notice.deemed_delivered_on.isoformat()})
    return delivery


def settle_public_notice(session: Session, *, delivery: Delivery, case: Case, today: date) -> bool:
    """A public notice whose thirty days are over is delivered: its legal time the start of the day it is deemed
    delivered (CPL art. 95), recorded once; True when this call did."""
    if delivery.method != PUBLIC_NOTICE or delivery.effective_at is not None or delivery.effective_on is None \
            or delivery.effective_on > today:
        return False
    delivery.effective_at = clock.start_of(delivery.effective_on)
    party = _party_of(case, delivery.case_party_id)
    document = dossier.find(session, delivery.document_id)
    name = document.filename if document is not None else str(delivery.document_id)
    cases.record_event(session, case=case, actor=None, kind=EventKind.DELIVERY_EFFECTIVE,
                       summary=f"《{name}》向{party.name}公告送达，公告期满，于{delivery.effective_on:%Y-%m-%d}视为送达",
                       details={"delivery_id": delivery.id, "on": delivery.effective_on.isoformat()},
                       audit_action=AuditAction.DELIVERY_EFFECTIVE, object_type="delivery", object_id=delivery.id,
                       audit_details={"on": delivery.effective_on.isoformat(), "method": PUBLIC_NOTICE})
    return True


# ---------------------------------------------------------------- paper service (直接送达, 邮寄送达)

SIGNED_BY_MAX = 64


def record_paper_service(session: Session, settings: Settings, *, actor: Actor, case_id: int, document_id: int,
                         party_id: int, document_class: rules.DocumentClass, way: rules.PaperWay, served_on: date,
                         signed_by: str, receipt: dossier.Upload, today: date) -> Delivery:
    """The clerk records a document served on paper (in person or by post, CPL arts 87–91) to a party, typically one
    without consent to electronic delivery: the signed 送达回证 scanned into the main volume as that party's own
    paper, the date it was signed the date of delivery. A document already delivered to the party with legal effect
    is refused; one sent to its inbox and not yet read becomes this paper service (its inbox copy stays)."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True, with_parties_and_claims=True)
    _require_conductor(actor, case)
    document = _case_document(session, case, document_id)
    party = _party_of(case, party_id)
    who = form_text(signed_by, field="signed_by", label="签收人", max_length=SIGNED_BY_MAX)
    if not who:
        raise InvalidInput("请填写在送达回证上签收的人", field="signed_by")
    rules.check_served_on(served_on, accepted_on=case.accepted_on, today=today)
    earlier = session.scalar(select(Delivery).where(Delivery.document_id == document.id,
                                                    Delivery.case_party_id == party.id).with_for_update())
    if earlier is not None and (earlier.effective_at is not None or earlier.method == PUBLIC_NOTICE):
        raise Conflict(f"《{document.filename}》已向{party.name}送达过", field="party_id")
    checked = dossier.check_upload(receipt, max_bytes=settings.max_upload_bytes, field="receipt",
                                   accepted=(".pdf", ".jpg", ".jpeg", ".png"))
    scanned = dossier.store(session, storage_of(settings), upload=receipt, checked=checked, court_id=case.court_id,
                            uploaded_by=actor.id, case_id=case.id, kind=DocumentKind.DELIVERY_RECEIPT,
                            addressee_party_id=party.id)
    session.flush()
    address = current_address(session, party.id)
    delivery = earlier or Delivery(court_id=case.court_id, case_id=case.id, case_party_id=party.id,
                                   document_id=document.id, created_by=actor.id, created_at=utcnow(), reminders=0)
    delivery.document_class, delivery.method = document_class.value, PAPER
    delivery.consented = bool(address and address.consented)
    delivery.address_id = address.id if address else delivery.address_id
    delivery.paper_way, delivery.signed_by = way.value, who
    delivery.effective_on, delivery.effective_at = served_on, clock.start_of(served_on)
    delivery.effective_channel = None
    delivery.basis = (f"{rules.PAPER_WAY_LABELS[way]}，以受送达人在送达回证上的签收日期为送达日期"
                      "（民事诉讼法第八十七条、第九十一条）")
    delivery.certificate_document_id = scanned.id
    session.add(delivery)
    session.flush()
    cases.record_event(session, case=case, actor=actor, kind=EventKind.DELIVERY_EFFECTIVE,
                       summary=f"《{document.filename}》已于{served_on:%Y-%m-%d}{rules.PAPER_WAY_LABELS[way]}"
                               f"{party.name}（{rules.CLASS_LABELS[document_class]}）",
                       details={"delivery_id": delivery.id, "on": served_on.isoformat()},
                       audit_action=AuditAction.DELIVERY_PAPER, object_type="delivery", object_id=delivery.id,
                       audit_details={"document_id": document.id, "party_id": party.id, "way": way.value,
                                      "served_on": served_on.isoformat(), "signed_by": who,
                                      "receipt_document_id": scanned.id, "receipt_sha256": scanned.sha256})
    return delivery


# ---------------------------------------------------------------- the addressee


def own_delivery(session: Session, *, actor: Actor, delivery_id: int, for_update: bool = False) -> Delivery:
    """A delivery to the public account itself; to anyone else it does not exist."""
    delivery = session.get(Delivery, delivery_id, with_for_update=for_update)
    if delivery is None or actor.is_staff or delivery.case_party_id not in set(
            session.scalars(permissions.own_party_ids(actor))):
        raise Concealed(CONCEALED, field="delivery_id")
    return delivery


def open_delivered(session: Session, settings: Settings, *, actor: Actor,
                   delivery_id: int) -> tuple[Delivery, Document, bytes]:
    """The addressee opens (or downloads) what was delivered: through casework's access checks, the first opening
    recorded; without a confirmed address that opening is the time of delivery (在线诉讼规则 art. 31(2))."""
    delivery = own_delivery(session, actor=actor, delivery_id=delivery_id, for_update=True)
    document, content = access.open_document(session, settings, actor=actor, document_id=delivery.document_id)
    if delivery.opened_at is None:
        _mark_opened(session, actor, delivery, document)
    return delivery, document, content


def _mark_opened(session: Session, actor: Actor, delivery: Delivery, document: Document) -> None:
    delivery.opened_at = utcnow()
    case = cases.get_case(session, actor=actor, case_id=delivery.case_id, with_parties_and_claims=True)
    party = _party_of(case, delivery.case_party_id)
    cases.record_event(session, case=case, actor=actor, kind=EventKind.DELIVERY_OPENED,
                       summary=f"{party.name}查阅了送达的《{document.filename}》",
                       details={"delivery_id": delivery.id}, audit_action=AuditAction.DELIVERY_OPEN,
                       object_type="delivery", object_id=delivery.id)
    settle(session, delivery=delivery, case=case, actor=actor)


def unopened_for(session: Session, *, actor: Actor, document_id: int) -> list[int]:
    """The deliveries of this document to the public account itself not yet opened (a cheap read: most openings
    have none)."""
    if actor.is_staff:
        return []
    return list(session.scalars(select(Delivery.id).where(
        Delivery.document_id == document_id, Delivery.method == ELECTRONIC, Delivery.opened_at.is_(None),
        Delivery.case_party_id.in_(permissions.own_party_ids(actor)))))


def opened_through_document(session: Session, *, actor: Actor, document_id: int) -> list[Delivery]:
    """The addressee opened a delivered document through the case's catalogue or the document routes rather than
    its delivery inbox: the same opening, recorded once (在线诉讼规则 art. 31(2): the system shows it read). The
    caller has opened the document through casework's checks first; the deliveries made effective by it."""
    opened = []
    for delivery_id in unopened_for(session, actor=actor, document_id=document_id):
        delivery = session.get_one(Delivery, delivery_id, with_for_update=True)
        document = dossier.find(session, document_id)
        if delivery.opened_at is None and document is not None:
            _mark_opened(session, actor, delivery, document)
            opened.append(delivery)
    return opened


def needs_sending(delivery: Delivery, channels: list[DeliveryChannel]) -> bool:
    """Whether the job has work left: a channel still to send, or a certificate still to file."""
    return any(c.status == "pending" for c in channels) or (
        delivery.effective_at is not None and delivery.certificate_document_id is None)


# ---------------------------------------------------------------- what each side sees


@dataclass(frozen=True)
class DeliveryView:
    delivery: Delivery
    party_name: str
    document_name: str
    case_number: str
    channels: list[DeliveryChannel]
    appeal: rules.AppealDeadline | None
    effective: bool  # has legal effect by `today` (a public notice: once its 30 days are over)

    @property
    def class_label(self) -> str:
        return rules.CLASS_LABELS[rules.DocumentClass(self.delivery.document_class)]

    @property
    def way_label(self) -> str:
        """电子送达, 公告送达, 邮寄送达 or 直接送达: what the judge reads in the delivery status."""
        d = self.delivery
        if d.method == PAPER:
            return rules.PAPER_WAY_LABELS[rules.PaperWay(d.paper_way or rules.PaperWay.POST)]
        return "公告送达" if d.method == PUBLIC_NOTICE else "电子送达"

    @property
    def status_label(self) -> str:
        d = self.delivery
        if d.method == PAPER:
            return f"已送达（{self.way_label}，{d.signed_by}签收）"
        if d.method == PUBLIC_NOTICE:
            return "公告期满，视为送达" if self.effective else f"公告中，{d.effective_on:%Y-%m-%d}视为送达"
        if d.effective_at is not None:
            return f"已送达（{rules.CHANNEL_LABELS[rules.Channel(d.effective_channel or 'inbox')]}）"
        return "已发送，待受送达人查阅" if not d.consented else "发送中"

    @property
    def unread(self) -> bool:
        return self.delivery.opened_at is None


def _view(session: Session, delivery: Delivery, case: Case, today: date) -> DeliveryView:
    party = _party_of(case, delivery.case_party_id)
    document = dossier.find(session, delivery.document_id)
    effective = delivery.effective_on is not None and delivery.effective_on <= today
    appeal = None
    if effective and delivery.effective_on is not None:
        appeal = rules.appeal_deadline(rules.DocumentClass(delivery.document_class), delivered_on=delivery.effective_on,
                                       procedure=case.procedure, first_instance=case.type_code.endswith("初"),
                                       calendar=deadline_tables.default_holidays())
    return DeliveryView(delivery, party.name, document.filename if document is not None else "", case.case_number,
                        channels_of(session, delivery.id), appeal, effective)


@dataclass(frozen=True)
class PartyAddress:
    party: CaseParty
    address: DeliveryAddress | None


@dataclass(frozen=True)
class CaseDeliveries:
    case: Case
    deliveries: list[DeliveryView]
    addresses: list[PartyAddress]  # the parties whose address the actor may confirm or see
    documents: list[Document]  # what may be delivered (the main volume), for those who deliver
    may_deliver: bool
    public_notice_allowed: bool
    email_enabled: bool
    # judgments, rulings and mediation statements of the main volume not yet delivered to a party that has not
    # consented to electronic delivery: to be served on paper (CPL art. 90), for those who deliver
    paper_due: list[tuple[Document, CaseParty]] = field(default_factory=list)


def case_deliveries(session: Session, settings: Settings, *, actor: Actor, case_id: int,
                    today: date) -> CaseDeliveries:
    """A case's deliveries: the court's staff see every party's, a party its own, with the addresses it gave."""
    case = cases.get_case(session, actor=actor, case_id=case_id, with_parties_and_claims=True)
    parties = [p for p in case.parties if actor.is_staff or is_the_account(actor, p)]
    shown = {p.id for p in parties}
    rows = session.scalars(select(Delivery).where(Delivery.case_id == case.id).order_by(Delivery.id))
    deliveries = [_view(session, d, case, today) for d in rows if d.case_party_id in shown]
    may_deliver = actor.is_staff and permissions.may_conduct(actor, case)
    addresses = [PartyAddress(p, current_address(session, p.id)) for p in parties]
    documents = dossier.for_case(session, case.id, volume=Volume.MAIN) if may_deliver else []
    return CaseDeliveries(case=case, deliveries=deliveries, addresses=addresses, documents=documents,
                          may_deliver=may_deliver, public_notice_allowed=case.procedure not in rules.NO_PUBLIC_NOTICE,
                          email_enabled=mail.enabled(settings),
                          paper_due=_paper_due(session, documents, addresses) if may_deliver else [])


def _paper_due(session: Session, documents: list[Document],
               addresses: list[PartyAddress]) -> list[tuple[Document, CaseParty]]:
    judgments = [d for d in documents if d.kind == DocumentKind.JUDGMENT.value]
    if not judgments:
        return []
    done = set(session.execute(select(Delivery.document_id, Delivery.case_party_id).where(
        Delivery.document_id.in_([d.id for d in judgments]), Delivery.effective_on.is_not(None))).tuples())
    return [(d, pa.party) for d in judgments for pa in addresses
            if pa.party.role != "agent" and not (pa.address and pa.address.consented)
            and (d.id, pa.party.id) not in done]


def inbox(session: Session, *, actor: Actor, today: date) -> list[DeliveryView]:
    """Everything delivered to the public account, newest first, across its cases."""
    if actor.is_staff:
        raise Forbidden("送达收件箱供当事人及其代理人使用", field="actor")
    rows = session.scalars(select(Delivery).where(Delivery.case_party_id.in_(permissions.own_party_ids(actor)))
                           .order_by(Delivery.id.desc()).limit(INBOX_LIMIT))
    return [_view(session, d, cases.case_for_platform(session, d.case_id), today) for d in rows]


def delivered_view(session: Session, *, actor: Actor, delivery_id: int, today: date) -> DeliveryView:
    delivery = own_delivery(session, actor=actor, delivery_id=delivery_id)
    return _view(session, delivery, cases.case_for_platform(session, delivery.case_id), today)
