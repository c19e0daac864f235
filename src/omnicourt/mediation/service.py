"""Online mediation (在线调解): the court's roster, a party choosing mediation before filing (委派调解), a judge
entrusting a case's mediation (委托调解), the mediator's acceptance, messages and proposals, the settlement
agreement signed online, and the hand-over of a failed pre-filing mediation to filing. The law is rules.py."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import service as cases
from omnicourt.cases.rules import chinese_date, format_case_number
from omnicourt.db import utcnow
from omnicourt.deadlines import service as deadlines
from omnicourt.deadlines.calculator import default_holidays
from omnicourt.dossier import service as dossier
from omnicourt.dossier.service import Upload
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, NotFound, required
from omnicourt.filing import service as filing
from omnicourt.filing.schemas import FilingIn
from omnicourt.mediation import records, rules
from omnicourt.mediation.models import (
    AgreementSignature,
    Mediation,
    MediationEvent,
    MediationMessage,
    MediationOrganisation,
    MediationParty,
    Mediator,
    SettlementAgreement,
)
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import COURT_LEADERS, Actor
from omnicourt.settings import Settings

if TYPE_CHECKING:
    from omnicourt.filing.models import FilingApplication

CONCEALED = "调解案件不存在或无权查看"  # one answer for a mediation that does not exist and one not theirs
ROSTER_KEEPERS = {"filing_officer"} | COURT_LEADERS  # who keeps a court's roster and designates mediators
SIGNING_ROLES = ("plaintiff", "defendant", "third_party")  # agents sign for no one here


# ---------------------------------------------------------------- the roster


def _roster_keeper(actor: Actor) -> int:
    if not actor.is_staff or actor.role not in ROSTER_KEEPERS or actor.court_id is None:
        raise Forbidden("只有立案庭工作人员或院领导可以管理特邀调解名册")
    return actor.court_id


def add_organisation(session: Session, *, actor: Actor, name: str, kind: str) -> MediationOrganisation:
    court_id = _roster_keeper(actor)
    if kind not in rules.ORGANISATION_KINDS:
        raise InvalidInput("调解组织类型无效", field="kind")
    organisation = MediationOrganisation(court_id=court_id, name=name, kind=kind, created_at=utcnow())
    session.add(organisation)
    session.flush()
    audit.record(session, actor_id=actor.id, action=AuditAction.MEDIATION_ROSTER, object_type="mediation_organisation",
                 object_id=organisation.id, court_id=court_id, details={"name": name, "kind": kind})
    return organisation


def register_mediator(session: Session, *, actor: Actor, username: str, password: str, name: str, phone: str,
                      organisation_id: int | None, specialities: list[str], areas: list[str]) -> Mediator:
    """Put an invited mediator on the court's roster (《特邀调解规定》 arts 5–8) with an account of their own."""
    court_id = _roster_keeper(actor)
    if organisation_id is not None:
        organisation = session.get(MediationOrganisation, organisation_id)
        if organisation is None or organisation.court_id != court_id:
            raise InvalidInput("调解组织不在本院名册中", field="organisation_id")
    for code in specialities:
        reference.cause_by_code(session, code)  # refuses an unknown cause, naming it
    account = security.register_mediator_account(session, username=username, password=password, name=name,
                                                 phone=phone, court_id=court_id)
    mediator = Mediator(court_id=court_id, account_id=account.id, organisation_id=organisation_id, name=name,
                        specialities=list(dict.fromkeys(specialities)), areas=list(dict.fromkeys(areas)),
                        status="active", created_at=utcnow())
    session.add(mediator)
    session.flush()
    audit.record(session, actor_id=actor.id, action=AuditAction.MEDIATION_ROSTER, object_type="mediator",
                 object_id=mediator.id, court_id=court_id, details={"name": name, "status": "active"})
    return mediator


def set_mediator_status(session: Session, *, actor: Actor, mediator_id: int, status: str) -> Mediator:
    court_id = _roster_keeper(actor)
    if status not in rules.MEDIATOR_STATUSES:
        raise InvalidInput("特邀调解员状态应为在册或暂停", field="status")
    mediator = session.get(Mediator, mediator_id)
    if mediator is None or mediator.court_id != court_id:
        raise NotFound("特邀调解员不在本院名册中", field="mediator_id")
    mediator.status = status
    audit.record(session, actor_id=actor.id, action=AuditAction.MEDIATION_ROSTER, object_type="mediator",
                 object_id=mediator.id, court_id=court_id, details={"status": status})
    return mediator


def roster(session: Session, *, actor: Actor) -> list[Mediator]:
    court_id = _roster_keeper(actor)
    return list(session.scalars(select(Mediator).where(Mediator.court_id == court_id).order_by(Mediator.id)))


def _mediator_of(session: Session, actor: Actor) -> Mediator | None:
    if not actor.is_mediator:
        return None
    return session.scalar(select(Mediator).where(Mediator.account_id == actor.id))


# ---------------------------------------------------------------- starting a mediation


def offered(settings: Settings, cause_code: str) -> bool:
    """Whether the court refers this cause to mediation before filing (the party still chooses)."""
    return rules.referred(cause_code, settings.mediation_referred_causes)


def apply(session: Session, settings: Settings, *, actor: Actor, data: FilingIn, uploads: list[Upload],
          consent: bool, today: date) -> Mediation:
    """A party files choosing mediation first (委派调解, 《特邀调解规定》 art. 11; 在线调解规则 art. 4): what it
    filed is kept as it was, for the hand-over if mediation fails."""
    if actor.kind != "public":
        raise Forbidden("诉前调解由当事人或代理人申请")
    if not consent:
        raise InvalidInput("请确认同意先行调解", field="consent")
    checked = filing.check_filing(session, data)
    opened = [dossier.check_upload(u, max_bytes=settings.max_upload_bytes) for u in uploads]
    serial = cases.next_serial(session, court_id=checked.court.id, type_code=rules.PRE_FILING_TYPE_CODE,
                               year=today.year)
    mediation = Mediation(
        court_id=checked.court.id, kind="pre_filing",
        number=format_case_number(year=today.year, court_code=checked.court.code,
                                  type_code=rules.PRE_FILING_TYPE_CODE, serial=serial),
        cause_code=checked.cause_code, cause_name=checked.cause_name, applicant_id=actor.id,
        filing=data.model_dump(mode="json"), consented_at=utcnow(), status="returned", created_at=utcnow())
    session.add(mediation)
    session.flush()
    link = "agent" if actor.role == "lawyer" else "plaintiff"
    linked = False
    for party in checked.parties:
        mine = party["role"] == link and not linked
        linked = linked or mine
        session.add(MediationParty(mediation_id=mediation.id, court_id=mediation.court_id, role=party["role"],
                                   name=party["name"], number=party.get("id_number") or party.get("uscc"),
                                   account_id=actor.id if mine else None))
    for upload, file in zip(uploads, opened, strict=True):
        _attach(session, settings, mediation, actor, f"{actor.display_name}（申请人）", "随调解申请提交的材料",
                upload, file)
    _event(session, mediation, actor, "applied", f"申请诉前调解并同意先行调解，编号{mediation.number}")
    audit.record(session, actor_id=actor.id, action=AuditAction.MEDIATION_APPLY, object_type="mediation",
                 object_id=mediation.id, court_id=mediation.court_id,
                 details={"number": mediation.number, "cause": mediation.cause_code, "files": len(uploads)})
    _assign(session, mediation, None, _least_busy(session, mediation), today)
    return mediation


def entrust(session: Session, *, actor: Actor, case_id: int, today: date) -> Mediation:
    """The case's judge entrusts its mediation to the roster (委托调解, 《特邀调解规定》 art. 11), the parties
    having consented."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    if actor.role != "judge" or case.judge_id != actor.id:
        raise Forbidden("只有承办法官可以委托调解")
    if case.stage not in cases.OPEN_STAGES:
        raise Conflict("案件已结案，不能委托调解")
    rules.mediation_days("entrusted", case.procedure)  # refuses a procedure without an entrusted limit
    if session.scalar(select(Mediation.id).where(Mediation.case_id == case.id,
                                                 Mediation.status.in_(rules.OPEN_STATUSES))):
        raise Conflict("该案已有进行中的委托调解")
    mediation = Mediation(court_id=case.court_id, kind="entrusted", number=case.case_number, case_id=case.id,
                          procedure=case.procedure, cause_code=case.cause_code, cause_name=case.cause_name,
                          consented_at=utcnow(), status="returned", created_at=utcnow())
    session.add(mediation)
    session.flush()
    for party in case.parties:
        session.add(MediationParty(mediation_id=mediation.id, court_id=case.court_id, role=party.role,
                                   name=party.name, number=party.id_number or party.uscc,
                                   account_id=party.account_id))
    _event(session, mediation, actor, "entrusted", f"承办法官委托调解（{case.case_number}）")
    audit.record(session, actor_id=actor.id, action=AuditAction.MEDIATION_ENTRUST, object_type="mediation",
                 object_id=mediation.id, court_id=case.court_id, details={"case_id": case.id})
    _assign(session, mediation, None, _least_busy(session, mediation), today)
    return mediation


def _least_busy(session: Session, mediation: Mediation) -> Mediator | None:
    """The active mediator of the court whose specialities cover the cause, with the fewest open mediations."""
    load = (select(Mediation.mediator_id, func.count().label("open"))
            .where(Mediation.status.in_(rules.OPEN_STATUSES)).group_by(Mediation.mediator_id).subquery())
    rows = session.execute(select(Mediator, func.coalesce(load.c.open, 0))
                           .outerjoin(load, load.c.mediator_id == Mediator.id)
                           .where(Mediator.court_id == mediation.court_id, Mediator.status == "active")
                           .order_by(Mediator.id))
    fitting = [(count, mediator.id, mediator) for mediator, count in rows
               if rules.covers(mediator.specialities, mediation.cause_code)]
    return min(fitting, key=lambda row: row[:2])[2] if fitting else None


def _assign(session: Session, mediation: Mediation, actor: Actor | None, mediator: Mediator | None,
            today: date) -> None:
    """Give the file to a mediator, who accepts within 3 working days; without one it waits for the court."""
    if mediator is None:
        _event(session, mediation, actor, "returned", "暂无可指定的特邀调解员，待法院指定")
        return
    mediation.mediator_id, mediation.status, mediation.assigned_on = mediator.id, "waiting", today
    mediation.accept_by = rules.accept_by(today, default_holidays())
    _event(session, mediation, actor, "assigned",
           f"指定特邀调解员{mediator.name}，应于{chinese_date(mediation.accept_by)}前确认接受")
    audit.record(session, actor_id=actor.id if actor else None, action=AuditAction.MEDIATION_ASSIGN,
                 object_type="mediation", object_id=mediation.id, court_id=mediation.court_id,
                 details={"mediator_id": mediator.id, "accept_by": mediation.accept_by.isoformat()})


def designate(session: Session, *, actor: Actor, mediation_id: int, mediator_id: int, today: date) -> Mediation:
    """The court designates a mediator for a file returned to it (在线调解规则 art. 10)."""
    court_id = _roster_keeper(actor)
    mediation = _locked(session, mediation_id)
    if mediation.court_id != court_id:
        raise Forbidden("只能为本院的调解案件指定调解员", field="mediation_id")
    if mediation.status != "returned":
        raise Conflict(f"该调解当前状态为「{rules.STATUS_LABELS[mediation.status]}」，不能指定调解员")
    mediator = session.get(Mediator, mediator_id)
    if mediator is None or mediator.court_id != court_id or mediator.status != "active":
        raise InvalidInput("该特邀调解员不在本院名册中或已暂停", field="mediator_id")
    _assign(session, mediation, actor, mediator, today)
    return mediation


# ---------------------------------------------------------------- who sees a mediation


def _locked(session: Session, mediation_id: int) -> Mediation:
    mediation = session.scalar(select(Mediation).where(Mediation.id == mediation_id).with_for_update())
    if mediation is None:
        raise NotFound(CONCEALED, field="mediation_id")
    return mediation


def _own_parties(session: Session, actor: Actor, mediation_id: int) -> list[MediationParty]:
    links = [MediationParty.account_id == actor.id]
    if actor.bound_number:
        links.append(MediationParty.number == actor.bound_number)
    return list(session.scalars(select(MediationParty).where(MediationParty.mediation_id == mediation_id,
                                                             or_(*links)).order_by(MediationParty.id)))


def get_mediation(session: Session, *, actor: Actor, mediation_id: int, for_update: bool = False) -> Mediation:
    """The mediation if the actor may see it: its mediator, its parties, the court's roster keepers and an
    entrusted case's judge. Anyone else outside the court gets the one 404 for missing and not theirs."""
    query = select(Mediation).where(Mediation.id == mediation_id)
    mediation = session.scalar(query.with_for_update() if for_update else query)
    if actor.is_staff:
        if mediation is None:
            raise NotFound(CONCEALED, field="mediation_id")
        if actor.court_id == mediation.court_id and actor.role in ROSTER_KEEPERS:
            return mediation
        if mediation.case_id is not None and actor.role == "judge" and \
                cases.case_for_platform(session, mediation.case_id).judge_id == actor.id:
            return mediation
        raise Forbidden("无权查看该调解案件", field="mediation_id")
    if mediation is not None:
        mediator = _mediator_of(session, actor)
        if mediator is not None and mediation.mediator_id == mediator.id:
            return mediation
        if actor.kind == "public" and _own_parties(session, actor, mediation.id):
            return mediation
    raise Concealed(CONCEALED, field="mediation_id")


def mine(session: Session, *, actor: Actor, limit: int = 100) -> list[Mediation]:
    """The mediations the actor sees, newest first: a mediator's assigned ones, a party's own, a court's."""
    query = select(Mediation)
    if actor.is_mediator:
        mediator = _mediator_of(session, actor)
        query = query.where(Mediation.mediator_id == (mediator.id if mediator else -1))
    elif actor.is_staff:
        query = query.where(Mediation.court_id == _roster_keeper(actor))
    else:
        links = [MediationParty.account_id == actor.id]
        if actor.bound_number:
            links.append(MediationParty.number == actor.bound_number)
        query = query.where(Mediation.id.in_(select(MediationParty.mediation_id).where(or_(*links))))
    return list(session.scalars(query.order_by(Mediation.id.desc()).limit(limit)))


def _as_mediator(session: Session, actor: Actor, mediation_id: int) -> Mediation:
    mediation = get_mediation(session, actor=actor, mediation_id=mediation_id, for_update=True)
    if not actor.is_mediator:
        raise Forbidden("只有本案的特邀调解员可以进行该操作")
    return mediation


def _as_party(session: Session, actor: Actor, mediation_id: int) -> tuple[Mediation, list[MediationParty]]:
    mediation = get_mediation(session, actor=actor, mediation_id=mediation_id, for_update=True)
    if actor.kind != "public":
        raise Forbidden("只有本调解的当事人可以进行该操作")
    return mediation, _own_parties(session, actor, mediation.id)


def _require(mediation: Mediation, *statuses: str) -> None:
    if mediation.status not in statuses:
        raise Conflict(f"该调解当前状态为「{rules.STATUS_LABELS[mediation.status]}」，不能进行该操作")


# ---------------------------------------------------------------- the mediator's acceptance and its limit


def accept(session: Session, *, actor: Actor, mediation_id: int, today: date) -> Mediation:
    """The mediator signs for the file: the time limit runs from today (《特邀调解规定》 art. 27)."""
    mediation = _as_mediator(session, actor, mediation_id)
    _require(mediation, "waiting")
    days = rules.mediation_days(mediation.kind, mediation.procedure)
    mediation.status, mediation.accepted_on = "in_progress", today
    mediation.base_ends_on = mediation.ends_on = rules.mediation_ends_on(today, days)
    _event(session, mediation, actor, "accepted",
           f"调解员确认接受调解，调解期限{days}日，至{chinese_date(mediation.ends_on)}届满")
    audit.record(session, actor_id=actor.id, action=AuditAction.MEDIATION_ACCEPT, object_type="mediation",
                 object_id=mediation.id, court_id=mediation.court_id,
                 details={"ends_on": mediation.ends_on.isoformat()})
    return mediation


def decline(session: Session, *, actor: Actor, mediation_id: int, reason: str) -> Mediation:
    mediation = _as_mediator(session, actor, mediation_id)
    _require(mediation, "waiting")
    _return(session, mediation, actor, f"调解员未接受调解：{reason}")
    return mediation


def _return(session: Session, mediation: Mediation, actor: Actor | None, summary: str) -> None:
    mediation.status, mediation.mediator_id, mediation.accept_by = "returned", None, None
    _event(session, mediation, actor, "returned", f"{summary}，退回法院另行指定")
    audit.record(session, actor_id=actor.id if actor else None, action=AuditAction.MEDIATION_RETURN,
                 object_type="mediation", object_id=mediation.id, court_id=mediation.court_id,
                 details={"summary": summary})


def sweep_unaccepted(session: Session, *, today: date) -> int:
    """Files not accepted within 3 working days go back to the court (在线调解规则); the number returned."""
    late = list(session.scalars(select(Mediation).where(Mediation.status == "waiting", Mediation.accept_by < today)
                                .order_by(Mediation.id).with_for_update(skip_locked=True)))
    for mediation in late:
        accept_by = required(mediation.accept_by, "accept_by")
        _return(session, mediation, None, f"调解员未在{chinese_date(accept_by)}前确认接受")
    return len(late)


def extend(session: Session, *, actor: Actor, mediation_id: int, ends_on: date, all_consent: bool,
           today: date) -> Mediation:
    """A longer limit with every party's consent: the mediator records it before filing; during a case the
    judge does, and the days past the 15 / 7 are not counted in the trial deadline (deadlines' periods not
    counted, 《特邀调解规定》 art. 27)."""
    mediation = get_mediation(session, actor=actor, mediation_id=mediation_id, for_update=True)
    if mediation.kind == "pre_filing" and not actor.is_mediator:
        raise Forbidden("诉前调解期限由特邀调解员经各方同意后延长")
    if mediation.kind == "entrusted" and actor.role != "judge":
        raise Forbidden("委托调解期限由承办法官经各方同意后延长")
    _require(mediation, "in_progress")
    extension = rules.extend(kind=mediation.kind, base_ends_on=required(mediation.base_ends_on, "base_ends_on"),
                             ends_on=required(mediation.ends_on, "ends_on"),
                             new_ends_on=ends_on, today=today, all_consent=all_consent)
    if extension.not_counted is not None and mediation.case_id is not None:
        first, last = extension.not_counted
        deadlines.register_suspension(session, actor=actor, case_id=mediation.case_id,
                                      kind="entrusted_mediation_extension", starts_on=first, ends_on=last,
                                      reason=f"经各方当事人同意延长委托调解期限至{chinese_date(last)}", today=today)
    mediation.ends_on = extension.ends_on
    _event(session, mediation, actor, "extended", f"经各方当事人同意，调解期限延长至{chinese_date(ends_on)}")
    audit.record(session, actor_id=actor.id, action=AuditAction.MEDIATION_EXTEND, object_type="mediation",
                 object_id=mediation.id, court_id=mediation.court_id, details={"ends_on": ends_on.isoformat()})
    return mediation


# ---------------------------------------------------------------- messages and proposals


def _attach(session: Session, settings: Settings, mediation: Mediation, actor: Actor, author: str, text: str,
            upload: Upload | None, checked=None) -> MediationMessage:
    document = None
    if upload is not None:
        checked = checked or dossier.check_upload(upload, max_bytes=settings.max_upload_bytes, field="file")
        document = dossier.store(session, storage_of(settings), upload=upload, checked=checked,
                                 court_id=mediation.court_id, uploaded_by=actor.id)
    message = MediationMessage(mediation_id=mediation.id, court_id=mediation.court_id, author_id=actor.id,
                               author=author[:160], text=text, document_id=document.id if document else None,
                               at=utcnow())
    session.add(message)
    session.flush()
    return message


def _author(session: Session, actor: Actor, mediation: Mediation) -> str:
    if actor.is_mediator:
        return f"调解员{actor.display_name}"
    roles = {"plaintiff": "申请人", "defendant": "被申请人", "third_party": "第三人", "agent": "代理人"}
    parties = _own_parties(session, actor, mediation.id)
    return "、".join(f"{roles.get(p.role, p.role)}{p.name}" for p in parties) or actor.display_name


def post_message(session: Session, settings: Settings, *, actor: Actor, mediation_id: int, text: str,
                 upload: Upload | None) -> MediationMessage:
    """A message, a proposal or a document from the mediator or a party, read by all of them (asynchronous
    mediation, 在线诉讼规则 art. 20)."""
    mediation = get_mediation(session, actor=actor, mediation_id=mediation_id, for_update=True)
    if actor.is_staff:
        raise Forbidden("法院工作人员不在调解中留言")
    _require(mediation, "waiting", "in_progress")
    text = (text or "").strip()
    if not text and upload is None:
        raise InvalidInput("请填写留言内容或选择文件", field="text")
    rules.refuse_without_consent(consent_lines(session, mediation.id))
    message = _attach(session, settings, mediation, actor, _author(session, actor, mediation), text, upload)
    sent = f"，附文件「{upload.filename}」" if upload else ""
    _event(session, mediation, actor, "message", f"{message.author}留言{sent}")
    return message


ROLE_WORDS = {"plaintiff": "申请人", "defendant": "被申请人", "third_party": "第三人"}


def consent_lines(session: Session, mediation_id: int) -> list[tuple[str, bool | None]]:
    """Each party (agents answer for theirs) with its answer to asynchronous mediation, None: not yet."""
    return [(f"{ROLE_WORDS.get(p.role, p.role)}{p.name}", p.async_consent) for p in _parties(session, mediation_id)
            if p.role != "agent"]


def give_async_consent(session: Session, *, actor: Actor, mediation_id: int, consented: bool) -> Mediation:
    """A party's consent (or refusal) to asynchronous mediation (在线诉讼规则 art. 20(1)), for its own party rows;
    every party and the mediator see it among the mediation's steps. Messages wait until every party consents."""
    mediation, own = _as_party(session, actor, mediation_id)
    _require(mediation, "waiting", "in_progress")
    own = [p for p in own if p.role != "agent"] or own
    if not own:
        raise Forbidden("只有本调解的当事人可以表示是否同意异步调解")
    now = utcnow()
    for party in own:
        party.async_consent, party.async_consent_at = consented, now
    names = "、".join(f"{ROLE_WORDS.get(p.role, p.role)}{p.name}" for p in own)
    _event(session, mediation, actor, "async_consent", f"{names}{'同意' if consented else '不同意'}异步调解")
    audit.record(session, actor_id=actor.id, action=AuditAction.MEDIATION_ASYNC_CONSENT, object_type="mediation",
                 object_id=mediation.id, court_id=mediation.court_id,
                 details={"party_ids": [p.id for p in own], "consented": consented})
    return mediation


@dataclass(frozen=True)
class Obligation:
    obligor: str  # the party who owes it, by name
    content: str
    amount: str | None  # yuan, as typed and checked
    due_on: date | None


@dataclass(frozen=True)
class Terms:
    obligations: tuple[Obligation, ...]
    default_consequence: str
    other_terms: str = ""


def propose(session: Session, *, actor: Actor, mediation_id: int, terms: Terms) -> SettlementAgreement:
    """The mediator drafts the agreement from the template; a changed agreement is a new version and every
    signature of the earlier one lapses with it."""
    mediation = _as_mediator(session, actor, mediation_id)
    _require(mediation, "in_progress")
    parties = _parties(session, mediation.id)
    names = {p.name for p in parties if p.role in SIGNING_ROLES}
    if not terms.obligations:
        raise InvalidInput("调解协议应至少写明一项义务", field="obligations")
    for index, obligation in enumerate(terms.obligations):
        if obligation.obligor not in names:
            raise InvalidInput(f"第{index + 1}项义务的履行人应为本调解的当事人", field=f"obligations[{index}].obligor")
    if not terms.default_consequence.strip():
        raise InvalidInput("请写明不履行的后果", field="default_consequence")
    current = _current_agreement(session, mediation.id)
    if current is not None:
        current.status = "superseded"
    version = (current.version if current else 0) + 1
    agreement = SettlementAgreement(
        mediation_id=mediation.id, court_id=mediation.court_id, version=version, terms=records.terms_json(terms),
        text=records.agreement_text(mediation, parties, terms), status="open", drafted_by=actor.id,
        drafted_at=utcnow())
    session.add(agreement)
    session.flush()
    lapsed = "，此前版本的签名失效" if current is not None else ""
    _event(session, mediation, actor, "proposed", f"调解员提出调解协议第{version}版{lapsed}")
    audit.record(session, actor_id=actor.id, action=AuditAction.MEDIATION_PROPOSE, object_type="mediation",
                 object_id=mediation.id, court_id=mediation.court_id, details={"version": version})
    return agreement


def _parties(session: Session, mediation_id: int) -> list[MediationParty]:
    return list(session.scalars(select(MediationParty).where(MediationParty.mediation_id == mediation_id)
                                .order_by(MediationParty.id)))


def _current_agreement(session: Session, mediation_id: int) -> SettlementAgreement | None:
    return session.scalar(select(SettlementAgreement).where(SettlementAgreement.mediation_id == mediation_id)
                          .order_by(SettlementAgreement.version.desc()).limit(1))


def sign(session: Session, *, actor: Actor, mediation_id: int, version: int, password: str,
         today: date) -> SettlementAgreement:
    """A party signs the version it read, after re-entering its password (在线诉讼规则 arts 7, 33); the agreement
    takes effect with the last party's signature (在线调解规则 art. 19)."""
    mediation, own = _as_party(session, actor, mediation_id)
    _require(mediation, "in_progress")
    signers = [p for p in own if p.role in SIGNING_ROLES]
    if not signers:
        raise Forbidden("代理人不能代为签署调解协议，请当事人本人签署")
    agreement = _current_agreement(session, mediation.id)
    if agreement is None or agreement.status != "open":
        raise Conflict("尚无待签署的调解协议")
    if agreement.version != version:
        raise Conflict(f"调解协议已修改为第{agreement.version}版，请阅读新版本后签署", field="version")
    if not security.confirm_password(session, account_id=actor.id, password=password):
        raise InvalidInput("密码不正确，未签署", field="password")
    signed = _signed_party_ids(session, agreement.id)
    for party in signers:
        if party.id not in signed:
            session.add(AgreementSignature(agreement_id=agreement.id, court_id=mediation.court_id, party_id=party.id,
                                           account_id=actor.id, method="password", signed_at=utcnow()))
    session.flush()
    names = "、".join(p.name for p in signers)
    _event(session, mediation, actor, "signed", f"{names}在线签署调解协议第{agreement.version}版")
    audit.record(session, actor_id=actor.id, action=AuditAction.MEDIATION_SIGN, object_type="mediation",
                 object_id=mediation.id, court_id=mediation.court_id,
                 details={"version": agreement.version, "parties": [p.id for p in signers]})
    required = {p.id for p in _parties(session, mediation.id) if p.role in SIGNING_ROLES}
    if rules.agreement_effective(_signed_party_ids(session, agreement.id), required):
        agreement.status = "effective"
        _end(session, mediation, actor, "settled", "各方当事人均已签署，调解协议生效", today)
    return agreement


def _signed_party_ids(session: Session, agreement_id: int) -> set[int]:
    return set(session.scalars(select(AgreementSignature.party_id)
                               .where(AgreementSignature.agreement_id == agreement_id)))


# ---------------------------------------------------------------- endings and the hand-over


def _end(session: Session, mediation: Mediation, actor: Actor, status: str, summary: str, today: date) -> None:
    mediation.status, mediation.ended_on = status, today
    _event(session, mediation, actor, status, summary)
    audit.record(session, actor_id=actor.id, action=AuditAction.MEDIATION_END, object_type="mediation",
                 object_id=mediation.id, court_id=mediation.court_id, details={"status": status})


def withdraw(session: Session, *, actor: Actor, mediation_id: int, today: date) -> Mediation:
    """A party withdraws from mediation (在线调解规则 art. 25): it ends."""
    mediation, own = _as_party(session, actor, mediation_id)
    _require(mediation, *rules.OPEN_STATUSES)
    who = "、".join(p.name for p in own) or actor.display_name
    _end(session, mediation, actor, "withdrawn", f"{who}撤回调解", today)
    return mediation


def fail(session: Session, *, actor: Actor, mediation_id: int, reason: str, undisputed_facts: str,
         today: date) -> Mediation:
    """The mediator ends a mediation that failed (在线调解规则 art. 25), recording the facts no party disputes
    (无争议事实记载, art. 22), which go with the case to filing."""
    mediation = _as_mediator(session, actor, mediation_id)
    _require(mediation, "in_progress")
    if not undisputed_facts.strip():
        raise InvalidInput("请记载无争议事实（没有的，写明“无”）", field="undisputed_facts")
    mediation.undisputed_facts = undisputed_facts.strip()
    _end(session, mediation, actor, "failed", f"调解不成：{reason}", today)
    return mediation


def hand_over(session: Session, settings: Settings, *, actor: Actor, mediation_id: int,
              today: date) -> "FilingApplication":
    """A failed pre-filing mediation becomes an online filing application of its applicant (在线调解规则 art. 21):
    parties, claims and facts as filed, the applicant's documents and the record of undisputed facts. The row
    lock makes a retry (or a second click) return the application the first made."""
    mediation = get_mediation(session, actor=actor, mediation_id=mediation_id, for_update=True)
    if mediation.applicant_id != actor.id:
        raise Forbidden("只有调解申请人可以转为立案申请")
    if mediation.kind == "pre_filing" and mediation.filing is None:  # referred from a filing: it goes back there
        from omnicourt.mediation import referral

        first = mediation.filing_application_id is None
        if first:
            _require(mediation, "failed")
        application = referral.return_to_filing(session, settings, actor=actor, mediation=mediation)
        if first:
            _event(session, mediation, actor, "handed_over", f"调解不成，立案申请（第{application.id}号）回到立案审查")
        return application
    if mediation.kind != "pre_filing" or mediation.filing is None:
        raise Conflict("委托调解不需要转立案")
    if mediation.filing_application_id is not None:
        return filing.get_application(session, actor=actor, application_id=mediation.filing_application_id)
    _require(mediation, "failed")
    storage = storage_of(settings)
    uploads = [Upload(d.filename, dossier.read(storage, d)) for d in _documents_of(session, mediation, actor.id)]
    record = records.undisputed_facts_pdf(mediation, _parties(session, mediation.id))
    uploads.append(Upload("无争议事实记载.pdf", record))
    application = filing.submit(session, settings, actor=actor, data=FilingIn.model_validate(mediation.filing),
                                uploads=uploads, today=today)
    mediation.filing_application_id = application.id
    _event(session, mediation, actor, "handed_over", f"调解不成，转为网上立案申请（第{application.id}号）")
    audit.record(session, actor_id=actor.id, action=AuditAction.MEDIATION_HAND_OVER, object_type="mediation",
                 object_id=mediation.id, court_id=mediation.court_id,
                 details={"filing_application_id": application.id, "files": len(uploads)})
    return application


def _documents_of(session: Session, mediation: Mediation, account_id: int) -> list:
    ids = session.scalars(select(MediationMessage.document_id).where(
        MediationMessage.mediation_id == mediation.id, MediationMessage.author_id == account_id,
        MediationMessage.document_id.is_not(None)).order_by(MediationMessage.id))
    return [dossier.find(session, required(document_id, "document_id")) for document_id in ids]


# ---------------------------------------------------------------- reading


def _event(session: Session, mediation: Mediation, actor: Actor | None, kind: str, summary: str) -> None:
    session.add(MediationEvent(mediation_id=mediation.id, court_id=mediation.court_id, at=utcnow(), kind=kind,
                               summary=summary[:500], actor_id=actor.id if actor else None))
    session.flush()


@dataclass(frozen=True)
class MediationView:
    mediation: Mediation
    mediator_name: str | None
    parties: list[MediationParty]
    events: list[MediationEvent]
    messages: list[MediationMessage]
    agreement: SettlementAgreement | None
    signed_party_ids: set[int]
    own_party_ids: set[int]


def view(session: Session, *, actor: Actor, mediation_id: int) -> MediationView:
    mediation = get_mediation(session, actor=actor, mediation_id=mediation_id)
    mediator = session.get(Mediator, mediation.mediator_id) if mediation.mediator_id else None
    agreement = _current_agreement(session, mediation.id)
    return MediationView(
        mediation=mediation, mediator_name=mediator.name if mediator else None,
        parties=_parties(session, mediation.id),
        events=list(session.scalars(select(MediationEvent).where(MediationEvent.mediation_id == mediation.id)
                                    .order_by(MediationEvent.id))),
        messages=list(session.scalars(select(MediationMessage).where(MediationMessage.mediation_id == mediation.id)
                                      .order_by(MediationMessage.id))),
        agreement=agreement, signed_party_ids=_signed_party_ids(session, agreement.id) if agreement else set(),
        own_party_ids={p.id for p in _own_parties(session, actor, mediation.id)} if actor.kind == "public" else set())


def signatures(session: Session, *, actor: Actor, mediation_id: int) -> list[tuple[SettlementAgreement,
                                                                                   AgreementSignature]]:
    """Who signed which version and when, every version (the lapsed ones too)."""
    get_mediation(session, actor=actor, mediation_id=mediation_id)
    return [(a, s) for a, s in session.execute(
        select(SettlementAgreement, AgreementSignature)
        .join(AgreementSignature, AgreementSignature.agreement_id == SettlementAgreement.id)
        .where(SettlementAgreement.mediation_id == mediation_id).order_by(AgreementSignature.id))]


def document(session: Session, settings: Settings, *, actor: Actor, mediation_id: int,
             document_id: int) -> tuple[str, str, bytes]:
    """A document sent in the mediation, to its mediator and parties: name, media type, bytes."""
    get_mediation(session, actor=actor, mediation_id=mediation_id)
    sent = session.scalar(select(MediationMessage.id).where(MediationMessage.mediation_id == mediation_id,
                                                            MediationMessage.document_id == document_id))
    found = dossier.find(session, document_id) if sent else None
    if found is None:
        raise Concealed("文件不存在或无权查看", field="document_id")
    return found.filename, found.content_type, dossier.read(storage_of(settings), found)


# ---------------------------------------------------------------- for judicial confirmation (confirmation/)


@dataclass(frozen=True)
class PartyShare:
    mediation: Mediation
    own: list[MediationParty]  # the actor's signing parties
    parties: list[MediationParty]  # every signing party
    agreement: SettlementAgreement | None  # the current version


def party_share(session: Session, *, actor: Actor, mediation_id: int) -> PartyShare:
    """The mediation locked, as one of its parties sees it: its own and every signing party, the agreement."""
    mediation, own = _as_party(session, actor, mediation_id)
    return PartyShare(mediation, [p for p in own if p.role in SIGNING_ROLES],
                      [p for p in _parties(session, mediation.id) if p.role in SIGNING_ROLES],
                      _current_agreement(session, mediation.id))


def record_step(session: Session, *, mediation: Mediation, actor: Actor | None, kind: str, summary: str) -> None:
    """A step on the mediation's own timeline taken in another domain (the application for confirmation)."""
    _event(session, mediation, actor, kind, summary)


def assign_least_busy(session: Session, mediation: Mediation, today: date) -> None:
    """Give a new mediation to the court's least busy fitting mediator (referral.py's, as apply does)."""
    _assign(session, mediation, None, _least_busy(session, mediation), today)


def organisations(session: Session, *, actor: Actor) -> list[MediationOrganisation]:
    court_id = _roster_keeper(actor)
    return list(session.scalars(select(MediationOrganisation).where(MediationOrganisation.court_id == court_id)
                                .order_by(MediationOrganisation.id)))


def caseloads(session: Session, *, actor: Actor) -> dict[int, dict[str, int]]:
    """Per mediator of the court's roster: its mediations by status (open ones under their own statuses)."""
    court_id = _roster_keeper(actor)
    loads: dict[int, dict[str, int]] = {}
    for mediator_id, status, count in session.execute(
            select(Mediation.mediator_id, Mediation.status, func.count()).where(
                Mediation.court_id == court_id, Mediation.mediator_id.is_not(None))
            .group_by(Mediation.mediator_id, Mediation.status)):
        if mediator_id is not None:
            loads.setdefault(mediator_id, {})[status] = count
    return loads
