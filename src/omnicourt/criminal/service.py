"""Use cases of criminal first-instance cases: the filing office registers the procuratorate's indictment, which
opens a 刑初 case (number, defendant and counsel as parties, the criminal division's judge with the fewest open
cases, the procedure chosen by rules.choose_procedure and its deadline from the deadline engine); the case's page
shows the indictment and, to the court's staff only, the assistant's sentencing suggestion beside the
procuratorate's (assistant/drunk_driving)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.assistant.documents import CaseDocument, read_bytes
from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import service as cases
from omnicourt.criminal import rules
from omnicourt.criminal.models import Indictment
from omnicourt.db import utcnow
from omnicourt.deadlines import rules as deadlines
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.loans.elements import Elements, Finding
from omnicourt.reference import cache
from omnicourt.reference import service as reference
from omnicourt.security import rules as identity_rules
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.textcheck import form_text

if TYPE_CHECKING:
    from omnicourt.assistant.drunk_driving.pipeline import DrunkDrivingAnalysis
    from omnicourt.cases.models import Case

INDICTMENT_FORMATS = (".pdf", ".docx", ".txt")  # formats whose text the assistant reads
SHEET = "起诉登记"  # the source name of what the officer entered, beside the indictment's own text


@dataclass(frozen=True)
class PersonIn:
    name: str
    id_number: str | None = None
    address: str | None = None
    phone: str | None = None
    law_firm: str | None = None


@dataclass(frozen=True)
class IndictmentIn:
    procuratorate: str
    indictment_number: str
    indicted_on: date
    charge: str
    defendant: PersonIn
    custody_measure: str
    guilty_plea: bool
    admits_facts: bool = True
    consents_fast_track: bool = False
    consents_simple: bool = True
    custody_since: date | None = None
    counsel: PersonIn | None = None
    suggestion: rules.ProsecutionSentence | None = None
    exclusions: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Checked:
    data: IndictmentIn
    charge: rules.Charge
    defendant_id: identity_rules.IdNumber
    minor: bool


def _text(value: str | None, *, field_: str, label: str, max_length: int, required: bool = True) -> str | None:
    text = form_text(value, field=field_, label=label, max_length=max_length)
    if required and not text:
        raise InvalidInput(f"请填写{label}", field=field_)
    return text or None


def check(data: IndictmentIn, *, today: date) -> Checked:
    """Every field within its limits, or an InvalidInput naming it; nothing is written before this passes."""
    _text(data.procuratorate, field_="procuratorate", label="公诉机关", max_length=100)
    _text(data.indictment_number, field_="indictment_number", label="起诉书文号", max_length=64)
    if data.indicted_on > today:
        raise InvalidInput("提起公诉日期不能晚于今天", field="indicted_on")
    charge = rules.charge(data.charge)
    _text(data.defendant.name, field_="defendant.name", label="被告人姓名", max_length=64)
    try:
        number = identity_rules.validate_id_number(data.defendant.id_number or "", today=today)
    except InvalidInput as error:
        raise InvalidInput(f"被告人{error.message}", field="defendant.id_number") from None
    _text(data.defendant.address, field_="defendant.address", label="被告人住址", max_length=255, required=False)
    if data.custody_measure not in rules.CUSTODY_MEASURES:
        raise InvalidInput("请选择强制措施", field="custody_measure")
    if data.custody_since is not None and data.custody_since > today:
        raise InvalidInput("强制措施日期不能晚于今天", field="custody_since")
    if data.counsel is not None:
        _text(data.counsel.name, field_="counsel.name", label="辩护人姓名", max_length=64)
        _text(data.counsel.law_firm, field_="counsel.law_firm", label="辩护人所在律师事务所", max_length=100,
              required=False)
        if data.counsel.id_number:
            try:
                identity_rules.validate_id_number(data.counsel.id_number, today=today)
            except InvalidInput as error:
                raise InvalidInput(f"辩护人{error.message}", field="counsel.id_number") from None
    if data.suggestion is not None:
        rules.check_suggestion(charge, data.suggestion)
    elif data.guilty_plea:
        raise InvalidInput("认罪认罚案件，人民检察院应当提出量刑建议（《刑事诉讼法》第一百七十六条第二款）",
                           field="suggestion")
    minor = _age(number.birth_date, today) < 18
    return Checked(data, charge, number, minor)


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _criminal_division(session: Session, court_id: int):
    for division in cache.snapshot(session).divisions_by_court.get(court_id, ()):
        if "criminal" in division.case_families:
            return division
    raise Conflict("本院没有审理刑事案件的审判庭", field="court")


def require_officer(actor: Actor) -> None:
    """Registering an indictment is the filing office's: a filing officer of a court."""
    if actor.role != "filing_officer" or actor.court_id is None:
        raise Forbidden("只有立案庭工作人员可以登记公诉案件")


def register(session: Session, settings: Settings, *, actor: Actor, data: IndictmentIn, upload: dossier.Upload,
             today: date) -> Case:
    """Open the 刑初 case of an indictment: a filing officer of the court the procuratorate indicted to."""
    require_officer(actor)
    checked = check(data, today=today)
    opened = dossier.check_upload(upload, max_bytes=settings.max_upload_bytes, field="file",
                                  accepted=INDICTMENT_FORMATS)
    text = read_bytes(upload.filename, upload.content).text
    court = reference.court(session, actor.court_id or 0)  # require_officer: an officer has a court
    exclusions = data.exclusions | ({"minor"} if checked.minor else set())
    choice = rules.choose_procedure(court_level=court.level, charge_=checked.charge, suggestion=data.suggestion,
                                    guilty_plea=data.guilty_plea, admits_facts=data.admits_facts,
                                    consents_fast_track=data.consents_fast_track,
                                    consents_simple=data.consents_simple, exclusions=frozenset(exclusions))
    division = _criminal_division(session, court.id)
    judges = security.judges_of(session, division_id=division.id, active_only=True)
    if not judges:
        raise Conflict(f"{division.name}没有可分案的法官，请联系庭长", field="division")
    loads = cases.open_caseloads(session, judge_ids=[j.id for j in judges])
    judge = min(judges, key=lambda j: (loads[j.id], j.id))
    parties = [cases.PartyData(role="defendant", party_type="natural", name=data.defendant.name.strip(),
                               id_number=checked.defendant_id.number, address=data.defendant.address,
                               phone=data.defendant.phone)]
    if data.counsel is not None:
        parties.append(cases.PartyData(role="agent", party_type="natural", name=data.counsel.name.strip(),
                                       id_number=data.counsel.id_number or None,
                                       address=data.counsel.law_firm, phone=data.counsel.phone))
    new = cases.NewCase(
        court_id=court.id, court_code=court.code, type_code="刑初", cause_code=checked.charge.code,
        cause_name=checked.charge.name, procedure=choice.procedure, accepted_on=today, parties=tuple(parties),
        claims=(), amount_in_dispute=None, facts_and_reasons=text[:20000], triage_reasons=choice.reasons,
        deadline_on=deadlines.basic_trial_deadline(filed_on=today, procedure=choice.procedure, case_type="刑初"),
        title=rules.case_title(data.defendant.name.strip(), checked.charge))
    assignment = cases.AssignmentData(
        division_id=division.id, judge_id=judge.id, judge_name=judge.display_name,
        reasons=(f"刑事案件由{division.name}审理",
                 f"{division.name}共{len(judges)}名法官，{judge.display_name}在办案件{loads[judge.id]}件，为全庭最少，"
                 "按在办案件数均衡分案"))
    case = cases.open_case(session, actor=actor, new=new, assignment=assignment)
    document = dossier.store(session, storage_of(settings), upload=upload, checked=opened, court_id=court.id,
                             uploaded_by=actor.id, case_id=case.id, kind=DocumentKind.OTHER)
    suggestion = data.suggestion
    session.add(Indictment(
        case_id=case.id, court_id=court.id, procuratorate=data.procuratorate.strip(),
        indictment_number=data.indictment_number.strip(), indicted_on=data.indicted_on, charge=checked.charge.name,
        custody_measure=data.custody_measure, custody_since=data.custody_since, guilty_plea=data.guilty_plea,
        suggestion_penalty=suggestion.penalty if suggestion else None,
        suggestion_months=suggestion.months if suggestion else None,
        suggestion_fine=suggestion.fine if suggestion else None,
        suggestion_probation=suggestion.probation if suggestion else None,
        exclusions=sorted(exclusions), document_id=document.id, text=text, registered_by=actor.id,
        registered_at=utcnow()))
    audit.record(session, actor_id=actor.id, action=AuditAction.CRIMINAL_REGISTER, object_type="case",
                 object_id=case.id, court_id=court.id,
                 details={"charge": checked.charge.name, "procedure": choice.procedure,
                          "indictment_number": data.indictment_number.strip(), "guilty_plea": data.guilty_plea})
    session.flush()
    return case


@dataclass(frozen=True)
class CriminalView:
    case: Case
    indictment: Indictment
    minor: bool
    assistant: DrunkDrivingAnalysis | None  # for the court's staff on a 危险驾驶罪 case; None for parties


def indictment_of(session: Session, case_id: int) -> Indictment:
    found = session.scalar(select(Indictment).where(Indictment.case_id == case_id))
    if found is None:
        raise NotFound("本案不是登记的公诉案件", field="case_id")
    return found


def view(session: Session, *, actor: Actor, case_id: int, today: date) -> CriminalView:
    """The indictment of a case the actor may see. The assistant's suggestion is the court's internal work:
    parties (the defendant, counsel) see the indictment, never it."""
    case = cases.get_case(session, actor=actor, case_id=case_id, with_parties_and_claims=True)
    indictment = indictment_of(session, case_id)
    defendant = next((p for p in case.parties if p.role == "defendant"), None)
    minor = False
    if defendant is not None and defendant.id_number:
        born = identity_rules.validate_id_number(defendant.id_number).birth_date
        minor = _age(born, today) < 18
    analysis = None
    if actor.is_staff and indictment.charge == "危险驾驶罪":
        analysis = assistant_analysis(indictment, minor=minor)
    return CriminalView(case, indictment, minor, analysis)


def sheet_of(indictment: Indictment) -> Elements:
    """What the officer registered, as elements standing over what the assistant reads in the text."""
    def finding(name: str, value) -> Finding:
        return Finding(name, value, SHEET, 0, 0, 1.0, "")

    sheet = {"plea.guilty": finding("plea.guilty", indictment.guilty_plea),
             "custody.measure": finding("custody.measure", rules.CUSTODY_MEASURES[indictment.custody_measure])}
    if indictment.suggestion_months is not None:
        sheet["prosecution.term_months"] = finding("prosecution.term_months", float(indictment.suggestion_months))
        sheet["prosecution.probation"] = finding("prosecution.probation", bool(indictment.suggestion_probation))
        if indictment.suggestion_fine is not None:
            sheet["prosecution.fine"] = finding("prosecution.fine", int(Decimal(indictment.suggestion_fine)))
    return sheet


def assistant_analysis(indictment: Indictment, *, minor: bool = False) -> DrunkDrivingAnalysis:
    from omnicourt.assistant.drunk_driving.pipeline import analyse

    return analyse([CaseDocument("起诉书", "other", indictment.text)], sheet=sheet_of(indictment), minor=minor)
