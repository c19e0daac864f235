"""Online filing (网上立案): a party applies, a filing officer accepts, asks once for correction,
or refuses. Acceptance triages, assigns and opens the case in the same transaction."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.rules import chinese_date
from omnicourt.db import utcnow
from omnicourt.deadlines import rules as deadlines
from omnicourt.dossier import service as dossier
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.fees import service as fees
from omnicourt.filing import acceptance, rules
from omnicourt.filing.models import FilingApplication
from omnicourt.filing.schemas import FilingIn, PartyIn
from omnicourt.paging import Cursor, after_ascending_nulls_last
from omnicourt.queue import Queue, defer_on_commit
from omnicourt.reference import service as reference
from omnicourt.reference.cache import CourtInfo
from omnicourt.security import rules as identity
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.triage import service as triage

MAX_AMOUNT = Decimal("1000000000000")  # ¥1 trillion: anything above is a typing error


@dataclass(frozen=True)
class CheckedFiling:
    court: CourtInfo
    cause_code: str
    cause_name: str
    cause_kind: str
    parties: list[dict]
    claims: list[dict]
    amount: Decimal
    facts_and_reasons: str
    circumstances: list[str]
    delivery_address: dict | None


# Circumstances a party may declare when filing (CPL art. 166; 民诉法解释 art. 257).
DECLARABLE = ("foreign", "appraisal", "whereabouts_unknown", "public_interest")
MANY_PARTIES = 10  # 民诉法解释 art. 75: "人数众多" is ten or more


def check_filing(session: Session, data: FilingIn) -> CheckedFiling:
    """Validate a filing completely before anything is written; refusals name the field."""
    court = reference.court_by_code(session, data.court_code)
    cause = reference.cause_by_code(session, data.cause_code)
    parties = [_check_party(i, p) for i, p in enumerate(data.parties)]
    roles = [p["role"] for p in parties]
    if "plaintiff" not in roles:
        raise InvalidInput("至少需要一名原告", field="parties")
    if "defendant" not in roles:
        raise InvalidInput("至少需要一名被告", field="parties")
    if not data.claims:
        raise InvalidInput("请填写至少一项诉讼请求", field="claims")
    claims = [_check_claim(i, c.description, c.amount) for i, c in enumerate(data.claims)]
    amount = sum((c["amount"] for c in claims if c["amount"] is not None), Decimal("0.00"))
    if amount > MAX_AMOUNT:
        raise InvalidInput("诉讼请求金额合计超出合理范围，请核对", field="claims")
    facts = (data.facts_and_reasons or "").strip()
    if len(facts) < 10:
        raise InvalidInput("请填写事实与理由（不少于10个字）", field="facts_and_reasons")
    unknown = sorted(set(data.circumstances) - set(DECLARABLE))
    if unknown:
        raise InvalidInput(f"未知的案件情形：{'、'.join(unknown)}", field="circumstances")
    return CheckedFiling(court=court, cause_code=cause.code, cause_name=cause.name, cause_kind=cause.kind,
                         parties=parties, claims=claims, amount=amount, facts_and_reasons=facts[:20000],
                         circumstances=sorted(set(data.circumstances)),
                         delivery_address=_check_delivery_address(data))


def _check_delivery_address(data: FilingIn) -> dict | None:
    """The address confirmation as kept: consent with an e-mail address or mobile number checked, or refusal."""
    given = data.delivery_address
    if given is None:
        return None
    try:
        email, mobile = identity.contact_for_service(consented=given.consented, email=given.email, mobile=given.mobile)
    except InvalidInput as error:
        raise InvalidInput(error.message, field=f"delivery_address.{error.field}") from None
    return {"consented": given.consented, "email": email, "mobile": mobile}


def _check_party(index: int, party: PartyIn) -> dict:
    where = f"parties[{index}]"
    if party.role not in rules.PARTY_ROLES:
        raise InvalidInput(f"第{index + 1}位当事人的诉讼地位无效", field=f"{where}.role")
    if party.party_type not in rules.PARTY_TYPES:
        raise InvalidInput(f"第{index + 1}位当事人的类型无效", field=f"{where}.party_type")
    name = (party.name or "").strip()
    if not name:
        raise InvalidInput(f"第{index + 1}位当事人的姓名或名称不能为空", field=f"{where}.name")
    data = party.model_dump()
    data["name"] = name
    try:
        if party.party_type == "natural":
            data["id_number"] = identity.validate_id_number(party.id_number or "").number
            data["uscc"] = None
        else:
            data["uscc"] = identity.validate_uscc(party.uscc or "")
            data["id_number"] = None
    except InvalidInput as error:
        raise InvalidInput(f"第{index + 1}位当事人「{name}」：{error.message}",
                           field=f"{where}.{error.field}") from None
    if party.party_type != "natural" and party.role != "agent" and not (party.legal_representative or "").strip():
        raise InvalidInput(f"第{index + 1}位当事人「{name}」须填写法定代表人或负责人",
                           field=f"{where}.legal_representative")
    return data


def _check_claim(index: int, description: str, amount) -> dict:
    field = f"claims[{index}]"
    if not (description or "").strip():
        raise InvalidInput(f"第{index + 1}项诉讼请求内容不能为空", field=f"{field}.description")
    if amount is not None:
        try:
            amount = Decimal(amount)
        except (InvalidOperation, TypeError):
            raise InvalidInput(f"第{index + 1}项诉讼请求金额格式不正确", field=f"{field}.amount") from None
        if not amount.is_finite() or amount < 0:
            raise InvalidInput(f"第{index + 1}项诉讼请求金额不能为负数", field=f"{field}.amount")
        if amount > MAX_AMOUNT:
            raise InvalidInput(f"第{index + 1}项诉讼请求金额超出合理范围", field=f"{field}.amount")
        if amount != amount.quantize(Decimal("0.01")):
            raise InvalidInput(f"第{index + 1}项诉讼请求金额最多保留两位小数", field=f"{field}.amount")
    return {"description": description.strip()[:500], "amount": amount}


def _json_claims(claims: list[dict]) -> list[dict]:
    return [{"description": c["description"], "amount": None if c["amount"] is None else str(c["amount"])}
            for c in claims]


def submit(session: Session, settings: Settings, *, actor: Actor, data: FilingIn,
           uploads: list[dossier.Upload], today: date) -> FilingApplication:
    """File a case online at any court of the province (one door): parties and lawyers, not staff or mediators."""
    if actor.kind != "public":
        raise Forbidden("网上立案由当事人或代理人提交")
    checked = check_filing(session, data)
    opened = [dossier.check_upload(u, max_bytes=settings.max_upload_bytes) for u in uploads]
    assessment = fees.assess_acceptance_fee(checked.amount, "ordinary", kind=checked.cause_kind,
                                            fee_province=settings.fee_table_province, court_code=checked.court.code)
    application = FilingApplication(
        court_id=checked.court.id, applicant_id=actor.id, cause_code=checked.cause_code,
        parties=checked.parties, claims=_json_claims(checked.claims), facts_and_reasons=checked.facts_and_reasons,
        circumstances=checked.circumstances, delivery_address=checked.delivery_address,
        amount_in_dispute=checked.amount, estimated_fee=assessment.full_fee, procedure_hint="ordinary",
        status="submitted", submitted_at=utcnow(), decision_due_on=rules.decision_due(today),
        correction_items=[], correction_count=0,
    )
    session.add(application)
    session.flush()
    for upload, file in zip(uploads, opened, strict=True):
        dossier.store(session, storage_of(settings), upload=upload, checked=file,
                      court_id=checked.court.id, uploaded_by=actor.id, filing_application_id=application.id)
    audit.record(session, actor_id=actor.id, action=AuditAction.FILING_SUBMIT, object_type="filing_application",
                 object_id=application.id, court_id=checked.court.id,
                 details={"cause": checked.cause_code, "amount": str(checked.amount), "files": len(uploads)})
    if rules.referred_to_mediation(checked.court.code, checked.cause_code, settings.mediation_referral_by_court):
        application.status = "referred"  # held from the officer until the party answers (mediation/referral.py)
    return application


def get_application(session: Session, *, actor: Actor, application_id: int,
                    for_update: bool = False) -> FilingApplication:
    query = select(FilingApplication).where(FilingApplication.id == application_id)
    application = session.scalar(query.with_for_update() if for_update else query)
    if not actor.is_staff and (application is None or application.applicant_id != actor.id):
        raise Concealed("立案申请不存在或无权查看", field="application_id")  # one answer: ids stay unguessable
    if application is None:
        raise NotFound("立案申请不存在", field="application_id")
    if actor.is_staff:
        allowed = actor.sees_province or (actor.court_id == application.court_id and actor.role in
                                          ("filing_officer", "president", "vice_president"))
    else:
        allowed = application.applicant_id == actor.id
    if not allowed:
        raise Forbidden("无权查看该立案申请", field="application_id")
    return application


def _officer_application(session: Session, actor: Actor, application_id: int) -> FilingApplication:
    if actor.role != "filing_officer":
        raise Forbidden("只有立案庭工作人员可以审查立案申请")
    application = get_application(session, actor=actor, application_id=application_id, for_update=True)
    if application.status != "submitted":
        raise Conflict(f"该申请当前状态为「{rules.STATUS_LABELS[application.status]}」，不能重复处理")
    return application


def request_correction(session: Session, *, actor: Actor, application_id: int, items: list[str]
                       ) -> FilingApplication:
    """Ask once for everything missing (在线诉讼规则 art. 9)."""
    items = [i.strip()[:200] for i in items if i and i.strip()]
    if not items:
        raise InvalidInput("请逐项列明需要补正的内容", field="items")
    application = _officer_application(session, actor, application_id)
    if application.correction_count >= 1:
        raise Conflict("补正应一次性告知，本申请已要求补正过一次")
    application.status, application.correction_items = "needs_correction", items
    application.correction_count += 1
    application.decided_by, application.decided_at = actor.id, utcnow()
    audit.record(session, actor_id=actor.id, action=AuditAction.FILING_REQUEST_CORRECTION,
                 object_type="filing_application", object_id=application.id, court_id=application.court_id,
                 details={"items": items})
    return application


def correct(session: Session, settings: Settings, *, actor: Actor, application_id: int, data: FilingIn,
            uploads: list[dossier.Upload], today: date) -> FilingApplication:
    """The party's corrected filing; the decision period restarts the next day (art. 9)."""
    application = get_application(session, actor=actor, application_id=application_id, for_update=True)
    if application.applicant_id != actor.id:
        raise Forbidden("只有申请人本人可以补正立案申请")
    if application.status != "needs_correction":
        raise Conflict("该申请不需要补正")
    checked = check_filing(session, data)
    if checked.court.id != application.court_id:
        raise InvalidInput("补正时不能更换受理法院，请撤回后重新提交", field="court_code")
    opened = [dossier.check_upload(u, max_bytes=settings.max_upload_bytes) for u in uploads]
    application.cause_code, application.parties = checked.cause_code, checked.parties
    application.claims, application.facts_and_reasons = _json_claims(checked.claims), checked.facts_and_reasons
    application.amount_in_dispute = checked.amount
    application.circumstances = checked.circumstances
    application.delivery_address = checked.delivery_address
    application.estimated_fee = fees.assess_acceptance_fee(checked.amount, "ordinary", kind=checked.cause_kind,
                                                           fee_province=settings.fee_table_province,
                                                           court_code=checked.court.code).full_fee
    application.status, application.decision_due_on = "submitted", rules.decision_due(today)
    for upload, file in zip(uploads, opened, strict=True):
        dossier.store(session, storage_of(settings), upload=upload, checked=file,
                      court_id=application.court_id, uploaded_by=actor.id, filing_application_id=application.id)
    audit.record(session, actor_id=actor.id, action=AuditAction.FILING_CORRECT, object_type="filing_application",
                 object_id=application.id, court_id=application.court_id)
    return application


def refuse(session: Session, *, actor: Actor, application_id: int, reason: str) -> FilingApplication:
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise InvalidInput("请写明不予受理的理由", field="reason")
    application = _officer_application(session, actor, application_id)
    application.status, application.refusal_reason = "refused", reason[:500]
    application.decided_by, application.decided_at = actor.id, utcnow()
    audit.record(session, actor_id=actor.id, action=AuditAction.FILING_REFUSE, object_type="filing_application",
                 object_id=application.id, court_id=application.court_id, details={"reason": reason})
    return application


def accept(session: Session, settings: Settings, *, actor: Actor, application_id: int, today: date,
           queue: Queue | None = None):
    """Accept: triage, allocate the case number, assign a judge, issue the fee notice; with a queue, the papers
    of acceptance (filing/acceptance.py) are written and delivered by a job deferred when this commits."""
    application = _officer_application(session, actor, application_id)
    court = reference.court(session, application.court_id)
    cause = reference.cause_by_code(session, application.cause_code)
    amount = Decimal(application.amount_in_dispute)
    decision = triage.decide_procedure(court=court, cause=cause, amount=amount, province=settings.province,
                                       exclusions=_exclusions(application, cause.kind),
                                       many_parties=_many_parties(application.parties))
    parties = _case_parties(application.parties, application.applicant_id)
    new = cases.NewCase(
        court_id=court.id, court_code=court.code, type_code="民初", cause_code=cause.code,
        cause_name=cause.name, procedure=decision.procedure, accepted_on=today, parties=parties,
        claims=tuple(cases.ClaimData(c["description"], None if c["amount"] is None else Decimal(c["amount"]))
                     for c in application.claims),
        amount_in_dispute=amount, facts_and_reasons=application.facts_and_reasons,
        triage_reasons=decision.reasons, filing_application_id=application.id,
        deadline_on=deadline_for(today, decision.procedure),
    )
    assignment = triage.choose_judge(session, court=court, cause=cause)
    case = cases.open_case(session, actor=actor, new=new, assignment=cases.AssignmentData(
        division_id=assignment.division.id, judge_id=assignment.judge.id,
        judge_name=assignment.judge.display_name, reasons=tuple(assignment.reasons)))
    assessment = fees.assess_acceptance_fee(amount, decision.procedure, kind=cause.kind,
                                            fee_province=settings.fee_table_province, court_code=court.code)
    payer = next(p.name for p in parties if p.role == "plaintiff")
    notice = fees.issue_notice(session, case_id=case.id, court_id=court.id, assessment=assessment,
                               payer=payer, issued_on=today)
    cases.log_event(session, case=case, actor=actor, kind=EventKind.FEE_NOTICE,
                    summary=f"发出交费通知：案件受理费{assessment.charged_fee}元，请于{chinese_date(notice.due_on)}前交纳")
    dossier.attach_filing_to_case(session, application_id=application.id, case_id=case.id)
    application.status, application.case_id = "accepted", case.id
    application.procedure_hint = decision.procedure
    application.decided_by, application.decided_at = actor.id, utcnow()
    if queue is not None:
        # a deferral lost leaves the papers to `omnicourt jobs defer` or the clerk's delivery from the case page
        defer_on_commit(session, queue, acceptance.JOB, case_id=case.id, accepted_by=actor.id)
    return case


def _exclusions(application: FilingApplication, cause_kind: str) -> frozenset[str]:
    derived = {"personal_status"} if cause_kind == "divorce" else set()
    return frozenset(application.circumstances or ()) | derived


def _many_parties(parties: list[dict]) -> bool:
    return any(sum(p["role"] == role for p in parties) >= MANY_PARTIES for role in ("plaintiff", "defendant"))


def deadline_for(accepted_on: date, procedure: str) -> date | None:
    return deadlines.basic_trial_deadline(filed_on=accepted_on, procedure=procedure, case_type="民初")


def _case_parties(parties: list[dict], applicant_id: int) -> tuple[cases.PartyData, ...]:
    """The applicant's account follows the case: through the agent rows when a lawyer filed,
    else through the first plaintiff (other parties find their cases by ID number or USCC)."""
    follow_role = "agent" if any(p["role"] == "agent" for p in parties) else "plaintiff"
    result, linked = [], False
    for party in parties:
        link = party["role"] == follow_role and (follow_role == "agent" or not linked)
        linked = linked or link
        result.append(cases.PartyData(
            role=party["role"], party_type=party["party_type"], name=party["name"], id_number=party.get("id_number"),
            uscc=party.get("uscc"), legal_representative=party.get("legal_representative"),
            address=party.get("address"), phone=party.get("phone"), account_id=applicant_id if link else None))
    return tuple(result)


def queue(session: Session, *, actor: Actor, status: str = "submitted", limit: int = 100,
          after: Cursor | None = None) -> list[FilingApplication]:
    """A court's filing queue, the oldest decision clock first; the page after the cursor `after`."""
    if actor.role not in ("filing_officer", "president", "vice_president"):
        raise Forbidden("只有立案庭工作人员可以查看立案审查队列")
    query = select(FilingApplication).where(FilingApplication.court_id == actor.court_id,
                                            FilingApplication.status == status)
    if after is not None:
        query = query.where(after_ascending_nulls_last(FilingApplication.decision_due_on, FilingApplication.id,
                                                       after))
    return list(session.scalars(query.order_by(FilingApplication.decision_due_on, FilingApplication.id)
                                .limit(limit)))


def mine(session: Session, *, actor: Actor, limit: int | None = None, after_id: int | None = None
         ) -> list[FilingApplication]:
    """The actor's applications, newest first; `limit` of them after the application `after_id`."""
    query = select(FilingApplication).where(FilingApplication.applicant_id == actor.id)
    if after_id is not None:
        query = query.where(FilingApplication.id < after_id)
    return list(session.scalars(query.order_by(FilingApplication.id.desc()).limit(limit)))


def element_sheet(session: Session, application_id: int) -> dict | None:
    """The element sheet filed with an application (要素式起诉), as stored; None when it was filed otherwise.
    Callers check access to the case the application became."""
    return session.scalar(select(FilingApplication.element_sheet).where(FilingApplication.id == application_id))
