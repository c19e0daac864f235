"""Use cases of publication: the court's staff publish a case's judgment or ruling (its dossier document's text, or
a text given), the public reads what was published. Each writing use case takes the caller's session (one
transaction) and writes its timeline event and audit record with the change.

Publishing redacts the text (redaction.py: art. 8's people masked, art. 10's items deleted), then checks the result
against everything the platform knows of the case's natural-person parties — the names art. 8 masks, ID numbers,
telephones, home street addresses — and refuses, naming what leaked, rather than publish a text that shows any. A
case art. 4 keeps offline gets its placeholder instead (art. 6).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from omnicourt.audit.actions import AuditAction
from omnicourt.cases import permissions
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.db import utcnow
from omnicourt.deadlines import calculator as deadline_tables
from omnicourt.deadlines.calendar import HolidayCalendar
from omnicourt.dossier import service as dossier
from omnicourt.dossier import text as dossier_text
from omnicourt.dossier.rules import DocumentKind
from omnicourt.errors import Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.paging import Cursor, after_descending
from omnicourt.publication import redaction, rules
from omnicourt.publication.models import PublishedJudgment
from omnicourt.publication.redaction import Category
from omnicourt.publication.rules import Withheld
from omnicourt.reference import service as reference
from omnicourt.security.roles import Actor
from omnicourt.security.rules import validate_id_number
from omnicourt.settings import Settings

if TYPE_CHECKING:
    from omnicourt.cases.models import Case, CaseParty

NOT_FOUND = "该裁判文书不存在或未公布"
MAX_TEXT = 200_000  # characters of a judgment given as text: the longest run to ~100k
MAX_QUERY = 40
PAGE = 20
MAX_PAGE = 100
ROLE_LABELS = {"plaintiff": "原告", "defendant": "被告", "third_party": "第三人", "agent": "代理人"}


@dataclass(frozen=True)
class Publishing:
    """What publishing takes from the court's configuration: the holiday calendar art. 7's working days count on,
    the working days themselves and the placeholder's fields (art. 6 [U])."""

    calendar: HolidayCalendar
    working_days: int = rules.PUBLISH_WITHIN_WORKING_DAYS
    placeholder_fields: tuple[str, ...] = rules.PLACEHOLDER_FIELDS

    @classmethod
    def of(cls, settings: Settings) -> Publishing:
        return cls(calendar=deadline_tables.default_holidays(), working_days=settings.publication_working_days,
                   placeholder_fields=settings.publication_placeholder_fields)


def publish(session: Session, publishing: Publishing, *, actor: Actor, case_id: int, effective_on: date,
            today: date, document_id: int | None = None, text: str | None = None,
            declared: Sequence[Withheld] = ()) -> PublishedJudgment:
    """Publish a case's judgment or ruling that took effect on `effective_on`: the dossier document `document_id`
    (kind 裁判文书, its text read) or `text`; `declared` the art. 4 reasons only the court knows (state secrets, a
    defendant who was a minor when offending, other). The case's row is locked, so one document is published once."""
    _staff(actor)
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    if not permissions.may_conduct(actor, case):
        raise Forbidden("只有承办法官或本庭法官助理、书记员可以公布裁判文书", field="case_id")
    field = "document_id" if document_id is not None else "text"
    source = _source(session, case, document_id, text)
    for reason in declared:
        if reason not in rules.DECLARED:
            raise InvalidInput(f"不公开理由「{rules.WITHHELD_LABELS[reason]}」由平台依案件情况认定，无需选择",
                               field="withheld")
    decided_on = rules.written_on(source) or case.closed_on
    if decided_on is None:
        raise InvalidInput("未能从文书落款读出裁判日期（如 二〇二四年五月十日），案件也尚未结案", field=field)
    rules.check_effective_on(effective_on, decided_on=decided_on, today=today)
    digest = hashlib.sha256(source.encode()).hexdigest()
    if session.scalar(select(PublishedJudgment.id).where(PublishedJudgment.case_id == case.id,
                                                         PublishedJudgment.source_sha256 == digest)):
        raise Conflict("该文书已经公布", field=field)
    name = rules.document_name(source)
    category = rules.category_of(case.type_code, case.cause_code)
    reasons = rules.withheld_reasons(rules.CaseFacts(
        type_code=case.type_code, cause_code=case.cause_code, cause_name=case.cause_name,
        closing_method=case.closing_method, document_name=name, accepted_on=case.accepted_on,
        defendants_born=[born for p in case.parties if p.role == "defendant" and (born := _born(p))]), declared)
    court = reference.court(session, case.court_id).name
    if reasons:
        body = rules.placeholder(case_number=case.case_number, court=court, decided_on=decided_on, reasons=reasons,
                                 fields=publishing.placeholder_fields)
        title = f"{case.case_number} {name}"
    else:
        body, title = _redacted(case, source, category, decided_on, field)
    row = PublishedJudgment(
        court_id=case.court_id, case_id=case.id, document_id=document_id, source_sha256=digest,
        case_number=case.case_number, court_name=court, title=title[:255], cause_name=case.cause_name,
        document_name=name, category=category.value, decided_on=decided_on, effective_on=effective_on,
        due_on=rules.due_on(effective_on, publishing.calendar, working_days=publishing.working_days),
        published_on=today, published_at=utcnow(), published_by=actor.id,
        withheld=",".join(reasons), text=body)
    session.add(row)
    session.flush()
    late = "（逾期公布）" if today > row.due_on else ""
    summary = (f"{name}依法不在互联网公布，已公布案号等信息：{'；'.join(rules.WITHHELD_LABELS[r] for r in reasons)}"
               if reasons else f"{name}已在互联网公布{late}")
    cases.record_event(session, case=case, actor=actor,
                       kind=EventKind.JUDGMENT_WITHHELD if reasons else EventKind.JUDGMENT_PUBLISHED,
                       summary=summary, details={"published_judgment_id": row.id, "withheld": list(reasons),
                                                 "due_on": row.due_on.isoformat()},
                       audit_action=AuditAction.PUBLICATION_WITHHOLD if reasons else AuditAction.PUBLICATION_PUBLISH,
                       object_type="published_judgment", object_id=row.id,
                       audit_details={"case_id": case.id, "document_id": document_id, "withheld": list(reasons),
                                      "late": bool(late)})
    return row


def _staff(actor: Actor) -> None:
    if not actor.is_staff:
        raise Forbidden("裁判文书公开由法院工作人员办理；公开的文书请在「裁判文书公开」页面查看", field="case_id")


def _source(session: Session, case: Case, document_id: int | None, text: str | None) -> str:
    """The text to publish: the dossier document's (its kind 裁判文书, its text read) or the one given."""
    if (document_id is None) == (text is None):
        raise InvalidInput("请选择卷宗中的裁判文书，或提供文书全文（二者选一）", field="document_id")
    if text is not None:
        if not text.strip():
            raise InvalidInput("文书全文不能为空", field="text")
        if len(text) > MAX_TEXT:
            raise InvalidInput(f"文书全文不能超过{MAX_TEXT}个字符", field="text")
        return text.strip()
    document = dossier.find(session, document_id) if document_id is not None else None
    if document is None or document.case_id != case.id:
        raise NotFound("本案卷宗中没有该文书", field="document_id")
    if document.kind != DocumentKind.JUDGMENT:
        raise InvalidInput("只能公布裁判文书（判决书、裁定书）：该文书在卷宗中不是裁判文书", field="document_id")
    read = dossier_text.for_document(session, document.id).strip()
    if not read:
        raise Conflict("该文书的文字尚未识别完成，请稍后再公布", field="document_id")
    return read


def _born(party: CaseParty) -> date | None:
    if party.party_type != "natural" or not party.id_number:
        return None
    try:
        return validate_id_number(party.id_number).birth_date
    except InvalidInput:
        return None


def _masked(party: CaseParty, category: Category, on: date) -> bool:
    """Whether art. 8 masks a natural-person party the platform knows: every party (not their agents) of a family
    case, and a minor on the document's date."""
    if category == Category.FAMILY and party.role != "agent":
        return True
    return redaction.is_minor(_born(party), on)


def _redacted(case: Case, source: str, category: Category, decided_on: date, field: str) -> tuple[str, str]:
    naturals = [p for p in case.parties if p.party_type == "natural"]
    masked = [p.name for p in naturals if _masked(p, category, decided_on)]
    body, title = redaction.redact_together(source, case.title, people=masked,
                                            masking=redaction.art8_masking(category, on=decided_on))
    items = [item for p in naturals for item in rules.personal_items(
        role=ROLE_LABELS.get(p.role, ""), name=p.name, masked=p.name in masked, id_number=p.id_number,
        phone=p.phone, address=p.address)]
    leaked = rules.leaks(f"{title}\n{body}", items)
    if leaked:
        raise InvalidInput(f"脱敏后的文书仍含{'、'.join(leaked)}，不予公布；请修改文书后重新公布", field=field)
    return body, title


# ---------------------------------------------------------------- the public's reading


def listing(session: Session, *, query: str = "", after: Cursor | None = None,
            limit: int = PAGE) -> list[PublishedJudgment]:
    """What was published, newest first; `query` a case number or words of a title (a withheld document's row
    holds its placeholder)."""
    if len(query) > MAX_QUERY:
        raise InvalidInput(f"检索词不超过{MAX_QUERY}个字", field="q")
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(f"每页条数应在1至{MAX_PAGE}之间", field="limit")
    statement = select(PublishedJudgment)
    if query.strip():
        pattern = "%" + query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        statement = statement.where(or_(PublishedJudgment.case_number.like(pattern, escape="\\"),
                                        PublishedJudgment.title.like(pattern, escape="\\"),
                                        PublishedJudgment.court_name.like(pattern, escape="\\")))
    if after is not None:
        statement = statement.where(after_descending(PublishedJudgment.published_on, PublishedJudgment.id, after))
    statement = statement.order_by(PublishedJudgment.published_on.desc(), PublishedJudgment.id.desc()).limit(limit)
    return list(session.scalars(statement))


def published(session: Session, published_id: int) -> PublishedJudgment:
    row = session.get(PublishedJudgment, published_id)
    if row is None:
        raise NotFound(NOT_FOUND, field="published_id")
    return row


def of_case(session: Session, *, actor: Actor, case_id: int) -> list[PublishedJudgment]:
    """A case's publications, for the staff who may see the case."""
    _staff(actor)
    case = cases.get_case(session, actor=actor, case_id=case_id)
    return list(session.scalars(select(PublishedJudgment).where(PublishedJudgment.case_id == case.id)
                                .order_by(PublishedJudgment.id)))


def judgments_of(session: Session, *, actor: Actor, case_id: int) -> list[dossier_text.CaseText]:
    """The case's dossier documents that may be published (kind 裁判文书), for the staff's form."""
    of_case(session, actor=actor, case_id=case_id)
    return [item for item in dossier_text.for_case(session, case_id) if item.kind == DocumentKind.JUDGMENT]
