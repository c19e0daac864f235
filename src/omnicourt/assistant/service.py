"""Use cases of the AI judge assistant inside a case: analyse the case file, let the judge confirm or correct each
element and decide each disputed point, add documents, and draft the judgment from the confirmed values only.

The assistant proposes; the judge decides. A run never overwrites an element a judge confirmed or corrected: a
different reading of it is kept beside it as a conflict, and the draft waits until the judge has looked at it.
Parties never see the assistant: its timeline events are not public. Each use case runs in the caller's
transaction and writes its audit record there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.assistant import pipeline
from omnicourt.assistant.documents import CaseDocument, read_bytes
from omnicourt.assistant.models import AnalysisRun, CaseElement, DisputePoint
from omnicourt.assistant.pipeline import CasePipeline
from omnicourt.assistant.record import CaseRecord, Hearing
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import permissions
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.db import utcnow
from omnicourt.dossier import isolation
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import PROCEDURAL_KINDS, DocumentKind
from omnicourt.dossier.storage import storage_of
from omnicourt.errors import Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.evidence import rules as evidence_rules
from omnicourt.evidence import service as evidence
from omnicourt.filing import service as filing
from omnicourt.loans.elements import Finding
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import COURT_LEADERS, Actor
from omnicourt.settings import Settings

if TYPE_CHECKING:
    from omnicourt.cases.models import Case
    from omnicourt.dossier.models import Document

# Chiefs and court leaders read the assistant's work on the cases they may see; only the case's handlers act.
READING_ROLES = {"division_chief"} | COURT_LEADERS
# What the case file may hold for the assistant to read (documents.read_bytes).
READABLE = (".txt", ".pdf", ".docx")
ELEMENT_STATUSES = {"proposed": "待确认", "confirmed": "已确认", "corrected": "已更正"}
# A decision is on the defendant's contention that raised the point: supported (采纳) defeats the claims the point
# defeats (the cause's taxonomy, e.g. data/assistant/loan_disputes.toml); rejected (不予采纳) leaves them standing.
DECISIONS = {"supported": "采纳被告意见", "rejected": "不予采纳"}
REASON_MAX = 2000


# ---------------------------------------------------------------- element values, as the case's cause reads them


def pipeline_of(case: Case) -> CasePipeline:
    """The pipeline of the case's cause; a cause without one is said plainly (409), never read as another."""
    found = pipeline.find(case.cause_code)
    if found is None:
        raise Conflict(f"本案案由（{case.cause_name}）暂无法官助手", field="cause")
    return found


def cause_of(session: Session, case_id: int) -> CasePipeline:
    """The pipeline of a case the caller has already been let into (a use case of this module checked access)."""
    return pipeline_of(cases.case_for_platform(session, case_id))


def parse_cutoff(text: str) -> date:
    """The cut-off a judge picks for the amounts, as the date field sends it."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("计算截止日应为有效日期，如 2024-06-30", field="cutoff") from None


def encode(value: Any) -> Any:
    """The JSON form kept in the table (dates ISO, amounts as exact decimal strings)."""
    return pipeline.jsonable(value)


# ---------------------------------------------------------------- who may use the assistant


def _case(session: Session, actor: Actor, case_id: int, *, act: bool) -> Case:
    """The case, if the actor may use the assistant on it (act) or read its work, and its cause has a pipeline."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=act)
    if not actor.is_staff:
        raise Forbidden("智能辅助办案仅供法院工作人员使用", field="case_id")
    conducts = permissions.may_conduct(actor, case)
    if act and not conducts:
        raise Forbidden("只有本案承办法官及本庭法官助理、书记员可以使用智能辅助办案", field="case_id")
    if not act and not (conducts or actor.role in READING_ROLES):
        raise Forbidden("只有本案承办法官、法官助理、书记员及庭长、院领导可以查看智能辅助", field="case_id")
    pipeline_of(case)
    return case


def case_to_analyse(session: Session, actor: Actor, case_id: int) -> Case:
    """The case locked for an analysis the actor asks for; refused as the analysis itself would be."""
    return _case(session, actor, case_id, act=True)


def view_access(session: Session, actor: Actor, case_id: int) -> Case:
    """The case, if the actor may read the assistant's work on it."""
    return _case(session, actor, case_id, act=False)


# ---------------------------------------------------------------- reading the case file


def case_documents(session: Session, settings: Settings, case_id: int,
                   names: set[str] | None = None) -> list[tuple[Document, CaseDocument]]:
    """The documents of the dossier the assistant can read (.txt, .pdf, .docx), each with its text; only those named
    in `names` when given (a page fragment shows one or two sources, and reading a PDF is not free)."""
    return _read_case_file(session, settings, case_id, names)[0]


def _read_case_file(session: Session, settings: Settings, case_id: int, names: set[str] | None = None
                    ) -> tuple[list[tuple[Document, CaseDocument]], list[tuple[Document, str]]]:
    """The readable documents with their text, and the unreadable ones with the reason: a file stored before uploads
    were opened at the door, or lost on disk, is reported and skipped, never a failure of the whole case."""
    read, unreadable = [], []
    for document in dossier.for_case(session, case_id):
        if Path(document.filename).suffix.lower() not in READABLE or (names is not None
                                                                       and document.filename not in names):
            continue
        if document.kind == DocumentKind.CROSS_EXAMINATION_RECORD:  # read from its opinions, attributed by side
            continue
        if document.kind in PROCEDURAL_KINDS:  # the court's notices and receipts: neither claims nor proof
            continue
        try:
            content = dossier.read(storage_of(settings), document)
            read.append((document, isolation.run(read_bytes, document.filename, content, name=document.filename,
                                                 field="document")))
        except InvalidInput as error:
            unreadable.append((document, error.message))
        except OSError:
            unreadable.append((document, f"文件「{document.filename}」在存储中缺失"))
    return read, unreadable


def cross_examination_documents(session: Session, case: Case) -> list[CaseDocument]:
    """The disputes of the online exchange (evidence.disputed_items) as one 质证意见 per examining side, headed with
    the side's names as the focus reads a speaker (focus._ANSWERER)."""
    by_side: dict[str, list[str]] = {}
    for item in evidence.disputed_items(session, case.id):
        for side, aspects, reasons in item.disputes:
            disputed = "、".join(evidence_rules.ASPECT_LABELS[a] for a in aspects)
            by_side.setdefault(side, []).append(f"对{item.heading}的{disputed}有异议，理由：{reasons or '未写明'}。")
    documents = []
    for side, lines in by_side.items():
        names = "、".join(p.name for p in case.parties if p.role == side) or evidence_rules.SIDE_LABELS[
            evidence_rules.Side(side)]
        documents.append(CaseDocument(f"质证意见（在线质证·{evidence_rules.SIDE_LABELS[evidence_rules.Side(side)]}）",
                                      "cross_examination", "质证意见\n质证人：" + names + "\n" + "\n".join(lines)))
    return documents


def document_text(session: Session, settings: Settings, *, actor: Actor, case_id: int, name: str) -> str:
    """The text of one document of the case file, for showing a source span."""
    _case(session, actor, case_id, act=False)
    for _, read in case_documents(session, settings, case_id, {name}):
        return read.text
    raise NotFound(f"卷宗中没有材料「{name}」", field="document")


def _element_sheet(session: Session, case: Case):
    """The element sheet filed with the case (要素式起诉), as elements; None when there is none."""
    if case.filing_application_id is None:
        return None
    stored = filing.element_sheet(session, case.filing_application_id)  # access to the case was checked above
    return pipeline_of(case).sheet_elements(stored) if stored else None


# ---------------------------------------------------------------- analyse


def analyse_case(session: Session, settings: Settings, *, actor: Actor, case_id: int,
                 cutoff: date | None = None) -> AnalysisRun:
    """Run the assistant over the case file and the element sheet; store its proposals without touching what a
    judge settled (a different reading of a settled element becomes a conflict beside it)."""
    case = _case(session, actor, case_id, act=True)
    return _analyse(session, settings, actor, case, cutoff)


def _analyse(session: Session, settings: Settings, actor: Actor, case: Case, cutoff: date | None) -> AnalysisRun:
    read, unreadable = _read_case_file(session, settings, case.id)
    texts = [text for _, text in read] + cross_examination_documents(session, case)
    analysis = pipeline.analyse(case.cause_code, texts, cutoff=cutoff,
                                sheet=_element_sheet(session, case))
    conflicts: dict[str, list[dict]] = {}
    for conflict in analysis.conflicts:
        conflicts.setdefault(conflict.field, []).append(_source_dict(conflict.document_finding))
    _store_elements(session, case, pipeline_of(case), analysis.elements, conflicts)
    _store_points(session, case, analysis.focus.points)
    run = AnalysisRun(case_id=case.id, court_id=case.court_id, ran_at=utcnow(), ran_by=actor.id,
                      cutoff=analysis.cutoff,
                      documents=[{"id": d.id, "name": d.filename, "kind": text.kind, "sha256": d.sha256}
                                 for d, text in read]
                      + [{"id": d.id, "name": d.filename, "kind": "unreadable", "sha256": d.sha256, "error": why}
                         for d, why in unreadable],
                      result=pipeline.jsonable(analysis.to_dict()))
    session.add(run)
    session.flush()
    summary = (f"智能辅助分析卷宗材料{len(read)}份：提取要素{len(analysis.elements)}项，"
               f"争议焦点{len(analysis.focus.points)}个")
    if unreadable:
        summary += f"；{len(unreadable)}份材料无法读取，已跳过"
    cases.record_event(session, case=case, actor=actor, kind=EventKind.ASSISTANT_ANALYSED, summary=summary,
                       details={"run_id": run.id}, audit_action=AuditAction.ASSISTANT_ANALYSE,
                       audit_details={"run_id": run.id, "documents": [d.id for d, _ in read],
                                      "cutoff": analysis.cutoff})
    return run


def _source_dict(finding: Finding) -> dict:
    return {"value": encode(finding.value), "document": finding.document, "start": finding.start,
            "end": finding.end, "quote": finding.quote}


def _store_elements(session: Session, case: Case, cause: CasePipeline, elements: dict[str, Finding],
                    conflicts: dict[str, list]) -> None:
    stored = {row.field: row for row in session.scalars(select(CaseElement).where(CaseElement.case_id == case.id))}
    for field, finding in elements.items():
        row = stored.pop(field, None)
        value = encode(finding.value)
        if row is None:
            session.add(CaseElement(case_id=case.id, court_id=case.court_id, field=field, value=value,
                                    proposed_value=value, status="proposed", conflicts=conflicts.get(field, []),
                                    **_source(finding)))
        elif row.status == "proposed":
            row.value = row.proposed_value = value
            row.conflicts = conflicts.get(field, [])
            for name, source in _source(finding).items():
                setattr(row, name, source)
        else:
            # New only if it differs from the value in force and from the reading the judge already saw.
            readings = [_source_dict(finding), *conflicts.get(field, [])]
            _add_conflicts(row, [r for r in readings if not cause.same(field, row.value, r["value"])
                                 and not cause.same(field, row.proposed_value, r["value"])])
    for row in stored.values():  # proposals no document supports any more; settled elements stay
        if row.status == "proposed":
            session.delete(row)


def _source(finding: Finding) -> dict:
    return {"document": finding.document[:255], "start": finding.start, "end": finding.end,
            "confidence": finding.confidence, "quote": finding.quote}


def _add_conflicts(row: CaseElement, readings: Iterable[dict]) -> None:
    known = list(row.conflicts or [])
    for reading in readings:
        if not any(k["document"] == reading["document"] and k["value"] == reading["value"] for k in known):
            known.append(reading)
    row.conflicts = known


def _store_points(session: Session, case: Case, points) -> None:
    stored = {row.code: row for row in session.scalars(select(DisputePoint).where(DisputePoint.case_id == case.id))}
    for point in points:
        statements = [{"document": s.document, "start": s.start, "end": s.end, "quote": s.quote,
                       "speaker": s.speaker} for s in point.statements]
        row = stored.pop(point.code, None)
        if row is None:
            session.add(DisputePoint(case_id=case.id, court_id=case.court_id, code=point.code, label=point.label,
                                     issue=point.issue, statements=statements, status="open", reason=""))
        else:  # a decided point keeps its decision; later statements are added to what the judge saw
            row.label, row.issue, row.statements = point.label, point.issue, statements
    for row in stored.values():
        if row.status == "open":
            session.delete(row)


def dispute_issues(session: Session, case_id: int) -> list[str]:
    """The disputed points of the case's dispute focus as questions (their issue, else their label), in the order
    found: what the panel's list of points starts from. The caller has checked access to the case."""
    rows = session.scalars(select(DisputePoint).where(DisputePoint.case_id == case_id).order_by(DisputePoint.id))
    return [row.issue or row.label for row in rows]


# ---------------------------------------------------------------- the judge settles elements and points


def _element(session: Session, case: Case, field: str) -> CaseElement | None:
    return session.scalar(select(CaseElement).where(CaseElement.case_id == case.id, CaseElement.field == field))


def confirm_element(session: Session, *, actor: Actor, case_id: int, field: str) -> CaseElement:
    """The judge confirms the value as it stands; the conflicts shown beside it are thereby resolved."""
    case = _case(session, actor, case_id, act=True)
    row = _element(session, case, field)
    if row is None:
        raise NotFound(f"本案没有要素「{field}」", field="field")
    resolved = list(row.conflicts or [])
    row.status = "corrected" if row.status == "corrected" else "confirmed"
    row.conflicts, row.decided_by, row.decided_at = [], actor.id, utcnow()
    cause = pipeline_of(case)
    cases.record_event(session, case=case, actor=actor, kind=EventKind.ELEMENT_CONFIRMED,
                       summary=f"确认要素「{cause.label(field)}」：{cause.display(field, row.value)}",
                       details={"field": field}, audit_action=AuditAction.ASSISTANT_CONFIRM_ELEMENT,
                       audit_details={"field": field, "value": row.value, "resolved_conflicts": resolved})
    return row


def correct_element(session: Session, *, actor: Actor, case_id: int, field: str, value: Any,
                    reason: str = "") -> CaseElement:
    """The judge's value replaces the assistant's; the assistant's reading stays beside it. A field the assistant
    did not find can be added this way."""
    case = _case(session, actor, case_id, act=True)
    cause = pipeline_of(case)
    typed = cause.parse(field, value)
    row = _element(session, case, field)
    before = None if row is None else row.value
    if row is None:
        row = CaseElement(case_id=case.id, court_id=case.court_id, field=field, value=encode(typed),
                          proposed_value=None, document="", start=0, end=0, confidence=1.0, quote="")
        session.add(row)
    row.value, row.status, row.conflicts = encode(typed), "corrected", []
    row.decided_by, row.decided_at = actor.id, utcnow()
    note = (reason or "").strip()[:REASON_MAX]
    label = cause.label(field)
    cases.record_event(session, case=case, actor=actor, kind=EventKind.ELEMENT_CORRECTED,
                       summary=f"更正要素「{label}」：{cause.display(field, before)} → "
                               f"{cause.display(field, row.value)}",
                       details={"field": field}, audit_action=AuditAction.ASSISTANT_CORRECT_ELEMENT,
                       audit_details={"field": field, "before": before, "after": row.value,
                                      "proposed": row.proposed_value, "reason": note})
    return row


def decide_point(session: Session, *, actor: Actor, case_id: int, code: str, decision: str,
                 reason: str) -> DisputePoint:
    """The judge decides a disputed point: supported (the defendant's contention is upheld) or rejected, with the
    reason the draft's 本院认为 states. Deciding is the judge's alone."""
    case = _case(session, actor, case_id, act=True)
    if not (actor.role == "judge" and case.judge_id == actor.id):
        raise Forbidden("争议焦点只能由承办法官认定", field="decision")
    row = session.scalar(select(DisputePoint).where(DisputePoint.case_id == case.id, DisputePoint.code == code))
    if row is None:
        raise NotFound(f"本案没有争议焦点「{code}」", field="code")
    if decision not in DECISIONS:
        raise InvalidInput("认定结果应为采纳（supported）或不予采纳（rejected）", field="decision")
    text = (reason or "").strip()
    if not text:
        raise InvalidInput("请填写认定理由，判决书“本院认为”部分将引用", field="reason")
    if len(text) > REASON_MAX:
        raise InvalidInput(f"认定理由不超过{REASON_MAX}字", field="reason")
    before = row.decision
    row.status, row.decision, row.reason = "decided", decision, text
    row.decided_by, row.decided_at = actor.id, utcnow()
    cases.record_event(session, case=case, actor=actor, kind=EventKind.POINT_DECIDED,
                       summary=f"认定争议焦点「{row.label}」：{DECISIONS[decision]}", details={"code": code},
                       audit_action=AuditAction.ASSISTANT_DECIDE_POINT,
                       audit_details={"code": code, "before": before, "decision": decision, "reason": text})
    return row


# ---------------------------------------------------------------- documents


def add_document(session: Session, settings: Settings, *, actor: Actor, case_id: int,
                 upload: dossier.Upload) -> Document:
    """A judge, assistant or clerk adds a document (a defence, a cross-examination opinion) to the dossier; the
    caller asks for an analysis after (assistant/requests.py), so the dispute focus follows."""
    case = _case(session, actor, case_id, act=True)
    checked = dossier.check_upload(upload, max_bytes=settings.max_upload_bytes, field="document",
                                   accepted=READABLE)
    document = dossier.store(session, storage_of(settings), upload=upload, checked=checked,
                             court_id=case.court_id, uploaded_by=actor.id, case_id=case.id)
    session.flush()
    cases.record_event(session, case=case, actor=actor, kind=EventKind.DOCUMENT_ADDED,
                       summary=f"添加卷宗材料「{document.filename}」", details={"document_id": document.id},
                       audit_action=AuditAction.ASSISTANT_ADD_DOCUMENT,
                       audit_details={"document_id": document.id, "filename": document.filename,
                                      "sha256": document.sha256})
    return document


# ---------------------------------------------------------------- reading the assistant's work


@dataclass(frozen=True)
class AssistantView:
    case: Case
    cause: CasePipeline     # asked for the labels and display of the case's elements
    elements: list[CaseElement]
    points: list[DisputePoint]
    run: AnalysisRun | None
    amounts: Any            # computed from the values in force (the judge's where settled), None if incomplete
    amounts_missing: str    # why there are no amounts, in Chinese
    award: list             # per money claim: computed, claimed, what the draft would order (draft.AwardLine)
    blockers: list[str]     # why a draft is refused now; empty when it can be drafted
    may_act: bool
    may_decide: bool


def latest_run(session: Session, case_id: int) -> AnalysisRun | None:
    return session.scalar(select(AnalysisRun).where(AnalysisRun.case_id == case_id)
                          .order_by(AnalysisRun.id.desc()).limit(1))


def _rows(session: Session, case: Case) -> tuple[list[CaseElement], list[DisputePoint]]:
    cause = pipeline_of(case)
    elements = sorted(session.scalars(select(CaseElement).where(CaseElement.case_id == case.id)),
                      key=lambda row: cause.field_order(row.field))
    points = sorted(session.scalars(select(DisputePoint).where(DisputePoint.case_id == case.id)),
                    key=lambda row: cause.point_order(row.code))
    return elements, points


def dispute_questions(session: Session, case_id: int) -> list[str]:
    """The dispute focus put as questions (each point's issue), in the cause's order; none where the case's cause
    has no pipeline or the assistant has found no point. For a hearing's questions: the caller checked access."""
    case = cases.case_for_platform(session, case_id)
    if pipeline.find(case.cause_code) is None:
        return []
    return [point.issue or point.label for point in _rows(session, case)[1]]


def view(session: Session, *, actor: Actor, case_id: int) -> AssistantView:
    """The assistant's work on the case: elements, points, the latest run, amounts and what blocks a draft."""
    case = _case(session, actor, case_id, act=False)
    cause = pipeline_of(case)
    elements, points = _rows(session, case)
    run = latest_run(session, case.id)
    amounts, missing = _amounts(cause, elements, points, settled_only=False)
    award = [] if amounts is None else cause.award(findings(cause, elements, settled_only=False), amounts, points)
    return AssistantView(case=case, cause=cause, elements=elements, points=points, run=run, amounts=amounts,
                         amounts_missing=missing, award=award, blockers=blockers(cause, elements, points, run),
                         may_act=permissions.may_conduct(actor, case),
                         may_decide=actor.role == "judge" and case.judge_id == actor.id)


def findings(cause: CasePipeline, elements: Iterable[CaseElement], *, settled_only: bool) -> dict[str, Finding]:
    """The elements as typed findings: the values in force, or only those a judge confirmed or corrected."""
    return {row.field: Finding(row.field, cause.decode(row.field, row.value), row.document, row.start, row.end,
                               row.confidence, row.quote)
            for row in elements if row.status != "proposed" or not settled_only}


def _amounts(cause: CasePipeline, elements: list[CaseElement], points: list[DisputePoint], *,
             settled_only: bool) -> tuple[Any, str]:
    """The amounts computed from the elements as the judge's decisions leave them; else why not, in Chinese."""
    try:
        return cause.amounts(findings(cause, elements, settled_only=settled_only), points), ""
    except KeyError as missing:
        return None, f"缺少要素「{cause.label(str(missing.args[0]))}」，无法计算"
    except InvalidInput as error:
        return None, error.message


def blockers(cause: CasePipeline, elements: list[CaseElement], points: list[DisputePoint],
             run: AnalysisRun | None) -> list[str]:
    """Why the draft must wait, each in Chinese; empty when every element and point is settled."""
    if run is None:
        return ["尚未运行智能分析"]
    present = {row.field for row in elements}
    reasons = []
    missing = [cause.label(f) for f in cause.required_fields if f not in present]
    if missing:
        reasons.append("缺少必要要素（可在下方补录）：" + "、".join(missing))
    unconfirmed = [cause.label(row.field) for row in elements if row.status == "proposed"]
    if unconfirmed:
        reasons.append("以下要素尚未经法官确认：" + "、".join(unconfirmed))
    conflicting = [cause.label(row.field) for row in elements if row.conflicts]
    if conflicting:
        reasons.append("以下要素与卷宗材料存在冲突，请核对后重新确认：" + "、".join(conflicting))
    undecided = [row.label for row in points if row.status != "decided"]
    if undecided:
        reasons.append("以下争议焦点尚未认定：" + "、".join(undecided))
    return reasons


# ---------------------------------------------------------------- the draft


def draft(session: Session, *, actor: Actor, case_id: int, today: date) -> bytes:
    """The judgment draft (.docx) from the confirmed values and decisions only; 409 while anything is unsettled."""
    case = _case(session, actor, case_id, act=True)
    document = pipeline_of(case).draft(build_draft_case(session, case, today=today))
    cases.record_event(session, case=case, actor=actor, kind=EventKind.DRAFT_GENERATED,
                       summary="生成判决书草稿（依法官确认的要素和认定）", audit_action=AuditAction.ASSISTANT_DRAFT,
                       audit_details={"size": len(document)})
    return document


def build_draft_case(session: Session, case: Case, *, today: date) -> Any:
    """What the cause's draft is written from: the settled values, the decisions and the case's record."""
    cause = pipeline_of(case)
    elements, points = _rows(session, case)
    run = latest_run(session, case.id)
    refused = blockers(cause, elements, points, run)
    if refused:
        raise Conflict("暂不能生成判决书草稿：" + "；".join(refused), field="draft")
    amounts, missing = _amounts(cause, elements, points, settled_only=True)
    if amounts is None:
        raise Conflict(f"暂不能生成判决书草稿：{missing}", field="draft")
    court = reference.court(session, case.court_id)
    appeal = reference.court(session, court.parent_id).name if court.parent_id else ""
    judge = security.get_account(session, case.judge_id) if case.judge_id else None
    record = CaseRecord(court_name=court.name, case_number=case.case_number, procedure=case.procedure,
                        filed_on=case.accepted_on, judgment_date=today,
                        judges=(judge.display_name,) if judge else (), appeal_court=appeal,
                        hearing=_hearing(session, case))
    stored = (run.result.get("dispute_focus") or {}) if run else {}
    return cause.draft_case(findings(cause, elements, settled_only=True), amounts, points, stored, record)


def _hearing(session: Session, case: Case) -> Hearing | None:
    """What the case's timeline records of its hearings: none recorded, none stated (the draft leaves a gap).
    A party absent from one hearing who attended another attended."""
    records = cases.hearings(session, case=case)
    if not records:
        return None
    recorded = [record.attendance for record in records if record.attendance]
    if not recorded:
        return Hearing()
    roles = {party.name: party.role for party in case.parties}
    present = list(dict.fromkeys(name for attendance in recorded for name in attendance.present))
    absent = list(dict.fromkeys(name for attendance in recorded for name in attendance.absent if name not in present))
    return Hearing(
        online=all(attendance.online for attendance in recorded), attendance_recorded=True,
        plaintiff_present=any(roles.get(name) == "plaintiff" for name in present),
        defendants_present=tuple(name for name in present if roles.get(name) == "defendant"),
        defendants_absent=tuple(name for name in absent if roles.get(name) == "defendant"),
        summoned_by_notice=any(attendance.summoned_by_notice for attendance in recorded if attendance.absent))
