"""Use cases of the evidence exchange. Each takes the caller's session (one transaction per use case) and writes its
timeline event and audit record with the change.

Who does what: the judge (or an assistant or clerk of the division, cases.permissions.may_conduct) sets the period
and the cross-examination time limit and records opinions given at a hearing; the assigned judge alone records
findings; a party submits its side's lists and gives online opinions on the other sides' submitted items. A draft is
its side's alone: no one else, staff included, reads it, and an item of it is "not found" to everyone else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import permissions
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.rules import chinese_date
from omnicourt.db import utcnow
from omnicourt.dossier import pdf
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.evidence import records, rules
from omnicourt.evidence.models import (
    CrossExaminationOpinion,
    EvidenceItem,
    EvidenceList,
    EvidencePeriod,
    OnlineExchangeConsent,
)
from omnicourt.evidence.rules import Side
from omnicourt.reference import service as reference
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.textcheck import form_text

if TYPE_CHECKING:
    from omnicourt.cases.models import Case
    from omnicourt.dossier.models import Document

DRAFT, SUBMITTED = "draft", "submitted"
NOT_FOUND = "证据不存在或无权查看"


@dataclass(frozen=True)
class ItemIn:
    name: str
    source: str
    purpose: str
    uploads: tuple[dossier.Upload, ...] = ()


@dataclass(frozen=True)
class OpinionIn:
    authenticity: str
    legality: str
    relevance: str
    reasons: str = ""


# ---------------------------------------------------------------- who the actor is in the exchange


def side_of(session: Session, actor: Actor, case: Case) -> Side | None:
    """The actor's side, None for staff. The agents a filing names act for the filer's side, the plaintiff's
    (filing.service links the filing account through them)."""
    if actor.is_staff:
        return None
    roles = cases.party_roles(session, actor, case.id)
    sides = {Side.PLAINTIFF if role == "agent" else Side(role) for role in roles if role in (*Side, "agent")}
    if len(sides) != 1:
        raise Conflict("无法确定您在本案中的诉讼地位（原告、被告或第三人），请联系承办法官", field="case_id")
    return sides.pop()


def _party_side(session: Session, actor: Actor, case: Case) -> Side:
    side = side_of(session, actor, case)
    if side is None:
        raise Forbidden("证据由当事人提交；法院工作人员请在法官证据页办理", field="case_id")
    return side


def _open(case: Case) -> None:
    if case.stage == "closed":
        raise Conflict("案件已结案，不能再办理举证质证", field="case_id")


def _may_find(actor: Actor, case: Case) -> bool:
    """认证 is the judge's own: the assigned judge."""
    return actor.role == "judge" and case.judge_id == actor.id


def _conduct(actor: Actor, case: Case, what: str) -> None:
    if not permissions.may_conduct(actor, case):
        raise Forbidden(f"只有承办法官或本庭法官助理、书记员可以{what}", field="case_id")


# ---------------------------------------------------------------- the period


def period_of(session: Session, case_id: int) -> EvidencePeriod | None:
    return session.scalar(select(EvidencePeriod).where(EvidencePeriod.case_id == case_id))


def set_period(session: Session, *, actor: Actor, case_id: int, served_on: date, ends_on: date, agreed: bool,
               today: date) -> EvidencePeriod:
    """Set (or set again) the case's evidence period (举证通知书, 证据规定 art. 51)."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    _conduct(actor, case, "指定举证期限")
    _open(case)
    if served_on > today:
        raise InvalidInput("举证通知送达日不能晚于今天", field="served_on")
    if served_on < case.accepted_on:
        raise InvalidInput("举证通知送达日不能早于立案日期", field="served_on")
    basis = rules.basis_of(case.procedure, case.type_code)
    days = rules.check_period(basis, served_on=served_on, ends_on=ends_on, agreed=agreed)
    period = period_of(session, case.id)
    if period is None:
        period = EvidencePeriod(case_id=case.id, court_id=case.court_id, extensions=0)
        session.add(period)
    period.basis, period.served_on, period.ends_on, period.agreed = basis.value, served_on, ends_on, agreed
    period.set_by, period.updated_at = actor.id, utcnow()
    session.flush()
    how = "（当事人协商一致，经法院准许）" if agreed else ""
    cases.record_event(session, case=case, actor=actor, kind=EventKind.EVIDENCE_PERIOD_SET,
                       summary=f"指定举证期限{days}日{how}，至{chinese_date(ends_on)}届满",
                       details={"served_on": served_on.isoformat(), "ends_on": ends_on.isoformat(), "days": days,
                                "agreed": agreed, "basis": basis.value},
                       audit_action=AuditAction.EVIDENCE_PERIOD_SET, object_type="evidence_period",
                       object_id=period.id, audit_details={"case_id": case.id, "ends_on": ends_on.isoformat(),
                                                           "days": days, "agreed": agreed})
    return period


def _period(session: Session, case: Case) -> EvidencePeriod:
    period = period_of(session, case.id)
    if period is None:
        raise Conflict("尚未指定举证期限", field="ends_on")
    return period


def extend_period(session: Session, *, actor: Actor, case_id: int, applied_on: date, applicant: str,
                  ends_on: date, today: date) -> EvidencePeriod:
    """Extend the period on a party's written application made before it expired (证据规定 art. 54); the new
    end applies to every party."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    _conduct(actor, case, "延长举证期限")
    _open(case)
    period = _period(session, case)
    name = form_text(applicant, field="applicant", label="申请人", max_length=128)
    if not name:
        raise InvalidInput("请写明申请延长举证期限的当事人", field="applicant")
    if applied_on > today:
        raise InvalidInput("申请日不能晚于今天", field="applied_on")
    rules.check_extension(current_end=period.ends_on, applied_on=applied_on, new_end=ends_on)
    before = period.ends_on
    period.ends_on, period.extensions, period.updated_at = ends_on, period.extensions + 1, utcnow()
    cases.record_event(session, case=case, actor=actor, kind=EventKind.EVIDENCE_PERIOD_EXTENDED,
                       summary=f"准许{name}延长举证期限的申请，举证期限延长至{chinese_date(ends_on)}（适用于各方当事人）",
                       details={"before": before.isoformat(), "ends_on": ends_on.isoformat(), "applicant": name,
                                "applied_on": applied_on.isoformat()},
                       audit_action=AuditAction.EVIDENCE_PERIOD_EXTEND, object_type="evidence_period",
                       object_id=period.id, audit_details={"case_id": case.id, "before": before.isoformat(),
                                                           "after": ends_on.isoformat(), "applicant": name})
    return period


def set_cross_examination_limit(session: Session, *, actor: Actor, case_id: int, due_on: date,
                                today: date) -> EvidencePeriod:
    """The last day of asynchronous online cross-examination (在线诉讼规则 arts 14, 20(1))."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    _conduct(actor, case, "指定质证期限")
    _open(case)
    period = _period(session, case)
    if due_on < today:
        raise InvalidInput("质证期限届满日不能早于今天", field="due_on")
    period.cross_examination_due_on, period.updated_at = due_on, utcnow()
    cases.record_event(session, case=case, actor=actor, kind=EventKind.CROSS_EXAMINATION_LIMIT_SET,
                       summary=f"指定在线质证期限至{chinese_date(due_on)}，各方应在期限内对他方证据发表质证意见",
                       details={"due_on": due_on.isoformat()},
                       audit_action=AuditAction.EVIDENCE_CROSS_EXAMINATION_LIMIT, object_type="evidence_period",
                       object_id=period.id, audit_details={"case_id": case.id, "due_on": due_on.isoformat()})
    return period


# ---------------------------------------------------------------- consent to the asynchronous exchange


def _consenting_parties(case: Case) -> list[tuple[int, str]]:
    """Whose consent art. 20(1) asks for: every party of the case (an agent answers for its party)."""
    return [(p.id, f"{rules.SIDE_LABELS.get(Side(p.role), p.role)}{p.name}") for p in case.parties
            if p.role in tuple(Side)]


def consents_of(session: Session, case_id: int) -> dict[int, bool]:
    return dict(session.execute(select(OnlineExchangeConsent.case_party_id, OnlineExchangeConsent.consented)
                                .where(OnlineExchangeConsent.case_id == case_id)).all())


def consent_lines(session: Session, case: Case) -> list[tuple[str, bool | None]]:
    """Each party and its answer (None: not yet), as the evidence pages list them for every party to see."""
    answers = consents_of(session, case.id)
    return [(name, answers.get(party_id)) for party_id, name in _consenting_parties(case)]


def give_online_consent(session: Session, *, actor: Actor, case_id: int, consented: bool) -> list[int]:
    """A party's answer to asynchronous online exchange and cross-examination (在线诉讼规则 art. 20(1)), for its own
    party rows (an agent: its side's); on the timeline for every party. The ids of the parties answered for."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    side = _party_side(session, actor, case)
    _open(case)
    own = [p for p in case.parties if p.role == side.value and p.account_id == actor.id] or \
        [p for p in case.parties if p.role == side.value]
    existing = {row.case_party_id: row for row in session.scalars(select(OnlineExchangeConsent).where(
        OnlineExchangeConsent.case_id == case.id))}
    now = utcnow()
    for party in own:
        row = existing.get(party.id)
        if row is None:
            row = OnlineExchangeConsent(case_id=case.id, court_id=case.court_id, case_party_id=party.id)
            session.add(row)
        row.consented, row.given_by, row.given_at = consented, actor.id, now
    names = "、".join(p.name for p in own)
    cases.record_event(session, case=case, actor=actor, kind=EventKind.EVIDENCE_ASYNC_CONSENT,
                       summary=f"{names}{'同意' if consented else '不同意'}在线异步证据交换和质证",
                       details={"party_ids": [p.id for p in own], "consented": consented},
                       audit_action=AuditAction.EVIDENCE_ASYNC_CONSENT, object_type="case", object_id=case.id,
                       audit_details={"party_ids": [p.id for p in own], "consented": consented})
    session.flush()
    return [p.id for p in own]


# ---------------------------------------------------------------- lists


def _checked_items(items: Sequence[ItemIn]) -> list[ItemIn]:
    rules.check_item_count(len(items))
    checked = []
    for number, item in enumerate(items, start=1):
        name = form_text(item.name, field="items", label=f"证据{number}的名称", max_length=rules.NAME_MAX)
        source = form_text(item.source, field="items", label=f"证据{number}的来源", max_length=rules.SOURCE_MAX)
        purpose = form_text(item.purpose, field="items", label=f"证据{number}的证明目的",
                            max_length=rules.PURPOSE_MAX, multiline=True)
        if not name or not purpose:
            raise InvalidInput(f"证据{number}应写明名称和证明目的", field="items")
        checked.append(ItemIn(name, source, purpose, item.uploads))
    return checked


def _draft(session: Session, case_id: int, side: Side) -> EvidenceList | None:
    return session.scalar(select(EvidenceList).where(EvidenceList.case_id == case_id, EvidenceList.side == side.value,
                                                     EvidenceList.status == DRAFT))


def draft_of(session: Session, *, actor: Actor, case_id: int) -> EvidenceList | None:
    """The actor's side's draft list, if any (a party's; staff have none)."""
    case = cases.get_case(session, actor=actor, case_id=case_id)
    side = side_of(session, actor, case)
    return _draft(session, case.id, side) if side else None


def _fill(session: Session, evidence_list: EvidenceList, case: Case, items: Sequence[ItemIn]) -> None:
    evidence_list.items.clear()
    session.flush()  # the old items go before the new take their numbers
    for number, item in enumerate(items, start=1):
        evidence_list.items.append(EvidenceItem(case_id=case.id, court_id=case.court_id, number=number,
                                                name=item.name, source=item.source, purpose=item.purpose,
                                                document_ids=[], finding_reason="", internal_reason=""))


def _list_for(session: Session, actor: Actor, case: Case, side: Side) -> EvidenceList:
    evidence_list = _draft(session, case.id, side)
    if evidence_list is None:
        evidence_list = EvidenceList(case_id=case.id, court_id=case.court_id, side=side.value, status=DRAFT,
                                     author_id=actor.id, late=False, late_explanation="", updated_at=utcnow())
        session.add(evidence_list)
    return evidence_list


def save_draft(session: Session, *, actor: Actor, case_id: int, items: Sequence[ItemIn]) -> EvidenceList:
    """Keep a list being written (its text; files are chosen when it is submitted). Only its side reads it."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    side = _party_side(session, actor, case)
    _open(case)
    checked = _checked_items(items)
    evidence_list = _list_for(session, actor, case, side)
    evidence_list.author_id, evidence_list.updated_at = actor.id, utcnow()
    _fill(session, evidence_list, case, checked)
    session.flush()
    audit.record(session, actor_id=actor.id, action=AuditAction.EVIDENCE_DRAFT_SAVE, object_type="evidence_list",
                 object_id=evidence_list.id, court_id=case.court_id,
                 details={"case_id": case.id, "side": side.value, "items": len(checked)})
    return evidence_list


def submit_list(session: Session, settings: Settings, *, actor: Actor, case_id: int, items: Sequence[ItemIn],
                late_explanation: str = "", today: date) -> EvidenceList:
    """Submit the side's list with its files: every file is opened and checked before any is stored; the list as a
    PDF and then each item's files enter the main volume, kind 证据. After the period it is recorded as late, with
    the party's explanation, and the judge decides on admission."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)  # numbers lists one at a time
    side = _party_side(session, actor, case)
    _open(case)
    checked = _checked_items(items)
    explanation = form_text(late_explanation, field="late_explanation", label="逾期理由", max_length=rules.REASONS_MAX,
                            multiline=True)
    period = period_of(session, case.id)
    late = rules.is_late(today, period.ends_on if period else None)
    rules.check_late_explanation(late, explanation)
    uploads = [upload for item in checked for upload in item.uploads]
    dossier.check_file_count(len(uploads))
    files = [dossier.check_upload(u, max_bytes=settings.max_upload_bytes, field="files") for u in uploads]
    number = 1 + (session.scalar(select(func.count()).select_from(EvidenceList).where(
        EvidenceList.case_id == case.id, EvidenceList.side == side.value, EvidenceList.status == SUBMITTED)) or 0)
    evidence_list = _list_for(session, actor, case, side)
    evidence_list.status, evidence_list.number, evidence_list.author_id = SUBMITTED, number, actor.id
    evidence_list.submitted_on, evidence_list.submitted_at = today, utcnow()
    evidence_list.late, evidence_list.late_explanation = late, explanation if late else ""
    evidence_list.updated_at = utcnow()
    _fill(session, evidence_list, case, checked)
    storage = storage_of(settings)
    text = records.ListText(reference.court(session, case.court_id).name, case.case_number, rules.SIDE_LABELS[side],
                            actor.display_name, number, today, late, explanation,
                            tuple(records.ItemText(n, i.name, i.source, i.purpose,
                                                   tuple(u.filename for u in i.uploads))
                                  for n, i in enumerate(checked, start=1)))
    written = dossier.Upload(records.list_filename(text), pdf.paged(records.LIST_TITLE, records.list_lines(text)))
    list_document = dossier.store(session, storage, upload=written, checked=dossier.generated_pdf(written),
                                  court_id=case.court_id, uploaded_by=actor.id, case_id=case.id,
                                  kind=DocumentKind.EVIDENCE)
    checked_files = iter(files)
    stored: list[Document] = []
    for item, row in zip(checked, evidence_list.items, strict=True):
        documents = [dossier.store(session, storage, upload=upload, checked=next(checked_files),
                                   court_id=case.court_id, uploaded_by=actor.id, case_id=case.id,
                                   kind=DocumentKind.EVIDENCE) for upload in item.uploads]
        session.flush()
        row.document_ids = [d.id for d in documents]
        stored += documents
    session.flush()
    evidence_list.document_id = list_document.id
    label = f"{rules.SIDE_LABELS[side]}提交第{number}组证据清单（{len(checked)}项证据，{len(stored)}个附件）"
    cases.record_event(session, case=case, actor=actor, kind=EventKind.EVIDENCE_SUBMITTED,
                       summary=label + ("；逾期提交，由法院决定是否采纳" if late else ""),
                       details={"list_id": evidence_list.id, "side": side.value, "number": number, "late": late,
                                "document_ids": [list_document.id] + [d.id for d in stored]},
                       audit_action=AuditAction.EVIDENCE_SUBMIT, object_type="evidence_list",
                       object_id=evidence_list.id,
                       audit_details={"case_id": case.id, "side": side.value, "number": number, "late": late,
                                      "documents": [{"id": d.id, "filename": d.filename, "sha256": d.sha256}
                                                    for d in [list_document, *stored]]})
    return evidence_list


# ---------------------------------------------------------------- reading the exchange


@dataclass(frozen=True)
class Exchange:
    """What an actor sees of a case's exchange: the period, every submitted list in the order of examination, and
    their own side (None for staff)."""

    case: Case
    period: EvidencePeriod | None
    lists: list[EvidenceList]
    side: Side | None
    documents: dict[int, Document]  # the items' files and the lists' PDFs, by id

    def may_examine(self, evidence_list: EvidenceList) -> bool:
        return self.side is not None and evidence_list.side != self.side.value


def submitted_lists(session: Session, case_id: int) -> list[EvidenceList]:
    found = session.scalars(select(EvidenceList).where(EvidenceList.case_id == case_id,
                                                       EvidenceList.status == SUBMITTED)
                            .options(selectinload(EvidenceList.items).selectinload(EvidenceItem.opinions))
                            .order_by(EvidenceList.id))
    order = {side.value: position for position, side in enumerate(rules.EXAMINATION_ORDER)}
    return sorted(found, key=lambda e: (order.get(e.side, len(order)), e.number or 0))


def exchange(session: Session, *, actor: Actor, case_id: int) -> Exchange:
    case = cases.get_case(session, actor=actor, case_id=case_id)
    lists = submitted_lists(session, case.id)
    ids = {i for e in lists for i in [e.document_id, *(d for item in e.items for d in item.document_ids)] if i}
    documents = {d.id: d for d in (dossier.find(session, i) for i in ids) if d is not None}
    return Exchange(case, period_of(session, case.id), lists, side_of(session, actor, case), documents)


def _item(session: Session, actor: Actor, case: Case, item_id: int) -> EvidenceItem:
    """A submitted item of this case; anything else (a draft, another case's) does not exist for the actor."""
    item = session.get(EvidenceItem, item_id)
    if item is None or item.case_id != case.id or item.evidence_list.status != SUBMITTED:
        raise (NotFound if actor.is_staff else Concealed)(NOT_FOUND, field="item_id")
    return item


def _heading(item: EvidenceItem) -> str:
    evidence_list = item.evidence_list
    return (f"{rules.SIDE_LABELS[Side(evidence_list.side)]}第{evidence_list.number}组证据{item.number}"
            f"「{item.name}」")


# ---------------------------------------------------------------- cross-examination


def _opinion(data: OpinionIn) -> rules.Opinion:
    opinion = rules.Opinion(rules.stance_named(data.authenticity, field="authenticity"),
                            rules.stance_named(data.legality, field="legality"),
                            rules.stance_named(data.relevance, field="relevance"),
                            form_text(data.reasons, field="reasons", label="质证理由", max_length=rules.REASONS_MAX,
                                      multiline=True))
    rules.check_opinion(opinion)
    return opinion


def stances_text(row: CrossExaminationOpinion) -> str:
    return "；".join(f"{rules.ASPECT_LABELS[a]}{rules.STANCE_LABELS[rules.Stance(getattr(row, a))]}"
                    for a in rules.ASPECTS)


def _record_opinion(session: Session, *, actor: Actor, case: Case, item: EvidenceItem, side: Side,
                    opinion: rules.Opinion, mode: rules.Mode, given_on: date) -> CrossExaminationOpinion:
    if item.finding is not None:
        raise Conflict("法官已对该证据作出认证，不能再发表质证意见", field="item_id")
    rules.check_may_examine(examiner=side, submitter=Side(item.evidence_list.side))
    row = session.scalar(select(CrossExaminationOpinion).where(CrossExaminationOpinion.item_id == item.id,
                                                               CrossExaminationOpinion.side == side.value))
    if row is None:
        row = CrossExaminationOpinion(item_id=item.id, case_id=case.id, court_id=case.court_id, side=side.value)
        session.add(row)
    row.authenticity, row.legality, row.relevance = opinion.authenticity, opinion.legality, opinion.relevance
    row.reasons, row.mode, row.given_by, row.given_on, row.given_at = (opinion.reasons, mode.value, actor.id,
                                                                       given_on, utcnow())
    session.flush()
    session.refresh(item, ["opinions"])
    cases.record_event(session, case=case, actor=actor, kind=EventKind.CROSS_EXAMINATION_GIVEN,
                       summary=f"{rules.SIDE_LABELS[side]}对{_heading(item)}发表质证意见"
                               f"（{rules.MODE_LABELS[mode]}）：{stances_text(row)}",
                       details={"item_id": item.id, "side": side.value, "mode": mode.value},
                       audit_action=AuditAction.EVIDENCE_CROSS_EXAMINE, object_type="evidence_item",
                       object_id=item.id, audit_details={"case_id": case.id, "side": side.value, "mode": mode.value,
                                                         "stances": [getattr(row, a) for a in rules.ASPECTS]})
    return row


def give_opinion(session: Session, *, actor: Actor, case_id: int, item_id: int, opinion: OpinionIn,
                 today: date) -> CrossExaminationOpinion:
    """A party's online opinion on another side's item, within the time limit (在线诉讼规则 arts 14, 20(1))."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    side = _party_side(session, actor, case)
    _open(case)
    item = _item(session, actor, case, item_id)
    period = period_of(session, case.id)
    due_on = period.cross_examination_due_on if period else None
    if due_on is None:
        raise Conflict("法院尚未指定在线质证期限", field="item_id")
    if not rules.online_open(due_on=due_on, today=today):
        raise Conflict(f"在线质证期限已于{chinese_date(due_on)}届满", field="item_id")
    rules.refuse_without_consent(_consenting_parties(case), consents_of(session, case.id))
    return _record_opinion(session, actor=actor, case=case, item=item, side=side, opinion=_opinion(opinion),
                           mode=rules.Mode.ONLINE, given_on=today)


def record_hearing_opinion(session: Session, *, actor: Actor, case_id: int, item_id: int, side: str,
                           opinion: OpinionIn, given_on: date, today: date) -> CrossExaminationOpinion:
    """An opinion a side gave at an exchange or hearing, recorded by the court (证据规定 art. 60)."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    _conduct(actor, case, "记录当庭质证意见")
    _open(case)
    item = _item(session, actor, case, item_id)
    try:
        examiner = Side(side)
    except ValueError:
        raise InvalidInput(f"质证方「{side}」不存在，应为原告、被告或第三人", field="side") from None
    if not any(p.role == examiner.value for p in case.parties):
        raise InvalidInput(f"本案没有{rules.SIDE_LABELS[examiner]}", field="side")
    if given_on > today or given_on < case.accepted_on:
        raise InvalidInput("质证日期应在立案之后、今天之前", field="given_on")
    return _record_opinion(session, actor=actor, case=case, item=item, side=examiner, opinion=_opinion(opinion),
                           mode=rules.Mode.HEARING, given_on=given_on)


# ---------------------------------------------------------------- findings


def record_finding(session: Session, *, actor: Actor, case_id: int, item_id: int, finding: str, public_reason: str,
                   internal_reason: str = "", today: date) -> EvidenceItem:
    """The judge's finding on an item (认证): admitted or not, the reasons the parties read and those the court
    keeps; a late item is admitted or not here as well (民诉法解释 arts 101–102)."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    if not _may_find(actor, case):
        raise Forbidden("只有承办法官可以对证据作出认证", field="finding")
    _open(case)
    item = _item(session, actor, case, item_id)
    decided = rules.finding_named(finding)
    public = form_text(public_reason, field="public_reason", label="认证理由", max_length=rules.REASONS_MAX,
                       multiline=True)
    internal = form_text(internal_reason, field="internal_reason", label="内部意见", max_length=rules.REASONS_MAX,
                         multiline=True)
    period = period_of(session, case.id)
    due_on = period.cross_examination_due_on if period else None
    rules.check_finding(decided, examined=bool(item.opinions), limit_passed=due_on is not None and today > due_on,
                        public_reason=public)
    item.finding, item.finding_reason, item.internal_reason = decided.value, public, internal
    item.found_by, item.found_at = actor.id, utcnow()
    label = rules.FINDING_LABELS[decided]
    cases.record_event(session, case=case, actor=actor, kind=EventKind.EVIDENCE_FOUND,
                       summary=f"对{_heading(item)}作出认证：{label}",
                       details={"item_id": item.id, "item_name": item.name, "finding": decided.value,
                                "finding_label": label},
                       audit_action=AuditAction.EVIDENCE_FIND, object_type="evidence_item", object_id=item.id,
                       audit_details={"case_id": case.id, "finding": decided.value, "public_reason": public,
                                      "internal_reason": internal})
    return item


# ---------------------------------------------------------------- the record


def examined_items(lists: Sequence[EvidenceList]) -> list[records.ExaminedItem]:
    return [records.ExaminedItem(
        _heading(item), item.purpose,
        tuple(records.OpinionText(rules.SIDE_LABELS[Side(o.side)], rules.MODE_LABELS[rules.Mode(o.mode)], o.given_on,
                                  stances_text(o), o.reasons) for o in item.opinions))
        for evidence_list in lists for item in evidence_list.items]


def write_record(session: Session, settings: Settings, *, actor: Actor, case_id: int, today: date) -> Document:
    """The cross-examination record of every submitted item as it stands, a PDF in the main volume (kind 质证记录).
    Written again after further opinions, it is filed again: each version stays in the catalogue."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    _conduct(actor, case, "生成质证记录")
    _open(case)
    lists = submitted_lists(session, case.id)
    if not lists:
        raise Conflict("尚无已提交的证据，无需生成质证记录", field="case_id")
    lines = records.record_lines(reference.court(session, case.court_id).name, case.case_number, today,
                                 examined_items(lists))
    upload = dossier.Upload(f"质证记录-{today.isoformat()}.pdf", pdf.paged(records.RECORD_TITLE, lines))
    document = dossier.store(session, storage_of(settings), upload=upload, checked=dossier.generated_pdf(upload),
                             court_id=case.court_id, uploaded_by=actor.id, case_id=case.id,
                             kind=DocumentKind.CROSS_EXAMINATION_RECORD)
    session.flush()
    cases.record_event(session, case=case, actor=actor, kind=EventKind.CROSS_EXAMINATION_RECORDED,
                       summary=f"质证记录已生成并存入电子卷宗正卷（{sum(len(e.items) for e in lists)}项证据）",
                       details={"document_id": document.id}, audit_action=AuditAction.EVIDENCE_RECORD,
                       object_type="document", object_id=document.id,
                       audit_details={"case_id": case.id, "sha256": document.sha256})
    return document


# ---------------------------------------------------------------- for the assistant


@dataclass(frozen=True)
class DisputedItem:
    """A submitted item some side does not fully recognise, with what it disputes and why."""

    item_id: int
    side: str  # who submitted it
    heading: str
    name: str
    purpose: str
    disputes: tuple[tuple[str, tuple[str, ...], str], ...]  # (examining side, aspects disputed, reasons)


def disputed_items(session: Session, case_id: int) -> list[DisputedItem]:
    """Items whose authenticity, legality or relevance a side disputes (in whole or in part), in the order of
    examination. The caller has checked access to the case."""
    found = []
    for evidence_list in submitted_lists(session, case_id):
        for item in evidence_list.items:
            disputes = []
            for row in item.opinions:
                opinion = rules.Opinion(rules.Stance(row.authenticity), rules.Stance(row.legality),
                                        rules.Stance(row.relevance), row.reasons)
                if opinion.disputed_aspects:
                    disputes.append((row.side, opinion.disputed_aspects, row.reasons))
            if disputes:
                found.append(DisputedItem(item.id, evidence_list.side, _heading(item), item.name, item.purpose,
                                          tuple(disputes)))
    return found
