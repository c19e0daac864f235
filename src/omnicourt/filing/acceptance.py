"""The papers acceptance sends, written by the job `filing.acceptance_papers` that accepting a case defers: the
acceptance notice (受理通知书) to each plaintiff (CPL art. 126), the notice of response to claims (应诉通知书) to each
defendant (CPL art. 128: the complaint's copy within five days of filing, the defence within fifteen of receiving
it), the fee notice (交费通知书) to its payer (诉讼费用交纳办法 art. 22) and the filer's delivery address confirmation
(送达地址确认书, 民诉法解释 art. 136; 在线诉讼规则 art. 29(3)). Each enters the main volume under its kind, addressed to
its party; delivering them is delivery's (jobs.py runs both).

A run again writes nothing twice: a paper is looked up by its kind and addressee under the case's row lock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import service as cases
from omnicourt.cases.rules import PROCEDURE_LABELS, chinese_date
from omnicourt.db import Database
from omnicourt.dossier import pdf
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import KIND_LABELS, DocumentKind, Volume
from omnicourt.dossier.storage import storage_of
from omnicourt.fees import notices as fee_notices
from omnicourt.fees import service as fees
from omnicourt.filing.models import AcceptancePapersRetry, FilingApplication
from omnicourt.reference import service as reference
from omnicourt.settings import Settings

if TYPE_CHECKING:
    from omnicourt.cases.models import Case, CaseParty

JOB = "filing.acceptance_papers"
SWEEP_JOB = "filing.acceptance_sweep"
# A job deferred at acceptance may still be waiting this long; older than LOST_WITHIN, a case is not the sweep's (its
# papers are the clerk's to make): a lost job is found within hours, and cases accepted before the papers were
# written by the platform are not given papers now.
WAITING = timedelta(minutes=30)
LOST_WITHIN = timedelta(days=7)
SWEEP_BATCH = 200
log = logging.getLogger("omnicourt.filing")
DELIVERED_KINDS = (DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.RESPONSE_NOTICE, DocumentKind.FEE_NOTICE)
PAPER_KINDS = (DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.RESPONSE_NOTICE, DocumentKind.FEE_NOTICE,
               DocumentKind.ADDRESS_CONFIRMATION)


@dataclass(frozen=True)
class Paper:
    document_id: int
    party_id: int
    kind: DocumentKind


@dataclass(frozen=True)
class FiledAddress:
    """The delivery address the filer confirmed, for the party it filed for."""

    party_id: int
    consented: bool
    email: str | None
    mobile: str | None
    confirmed_by: int


def filed_address(session: Session, case_id: int) -> FiledAddress | None:
    """The address confirmation given with the filing, for the first plaintiff; None when the filing gave none."""
    case = cases.case_for_platform(session, case_id)
    application = session.get(FilingApplication, case.filing_application_id) if case.filing_application_id else None
    given = application.delivery_address if application is not None else None
    plaintiff = next((p for p in case.parties if p.role == "plaintiff"), None)
    if not given or plaintiff is None or application is None:
        return None
    return FiledAddress(plaintiff.id, bool(given.get("consented")), given.get("email"), given.get("mobile"),
                        application.applicant_id)


def _parties(case: Case, role: str) -> list[CaseParty]:
    return [p for p in case.parties if p.role == role]


def _names(case: Case, role: str) -> str:
    return "、".join(p.name for p in _parties(case, role))


def acceptance_notice(case: Case, court: str, party: CaseParty) -> bytes:
    return pdf.paged("受理案件通知书", [pdf.Line(t) for t in (
        f"{party.name}：", f"你（单位）诉{_names(case, 'defendant')}{case.cause_name}一案的起诉状已收到。经审查，"
        f"起诉符合法定受理条件，本院决定立案审理（《中华人民共和国民事诉讼法》第一百二十六条）。",
        f"案号：{case.case_number}", f"立案日期：{chinese_date(case.accepted_on)}",
        f"适用程序：{PROCEDURE_LABELS.get(case.procedure, case.procedure)}",
        "应交纳的案件受理费见交费通知书。本案的诉讼文书将向你确认的送达地址送达。", court)])


def response_notice(case: Case, court: str, party: CaseParty) -> bytes:
    return pdf.paged("应诉通知书", [pdf.Line(t) for t in (
        f"{party.name}：",
        f"本院已受理{_names(case, 'plaintiff')}诉你（单位）{case.cause_name}一案，案号{case.case_number}。"
        "依照《中华人民共和国民事诉讼法》第一百二十八条的规定，随本通知发送起诉状副本。",
        "一、你（单位）应在收到起诉状副本之日起十五日内向本院提交答辩状；不提交的，不影响本院审理。",
        "二、你（单位）应在举证期限内提交证据；逾期提供证据的，依法承担相应的后果（民事诉讼法第六十八条）。",
        "三、请登录平台填写送达地址确认书（最高人民法院关于适用《中华人民共和国民事诉讼法》的解释第一百三十六条）；"
        "同意电子送达的，本院将向你确认的电子地址送达诉讼文书。", court)])


def address_confirmation(case: Case, court: str, party: CaseParty, address: FiledAddress) -> bytes:
    consent = "同意" if address.consented else "不同意"
    return pdf.one_page("送达地址确认书", [
        ("法院", court), ("案号", case.case_number), ("受送达人", party.name),
        ("电子送达", f"{consent}以电子方式送达诉讼文书"), ("电子邮箱", address.email or "—"),
        ("手机号码", address.mobile or "—"), ("平台账户", "本人平台账户"),
        ("确认方式", "网上立案时在起诉材料中填写并确认")],
        "受送达人确认上述送达地址；变更的，应及时告知法院（民诉法解释第一百三十六条，人民法院在线诉讼规则第二十九条、第三十条）。")


def _fee_notice(session: Session, case: Case, court: str) -> tuple[str, bytes] | None:
    notice = next(iter(fees.notices_for_case(session, case.id)), None)
    if notice is None:
        return None
    data = fee_notices.NoticeData(court, case.case_number, notice.payer, notice.charged_fee, tuple(notice.basis),
                                  notice.due_on)
    return fee_notices.filename(data), fee_notices.notice_pdf(data)


Make = Callable[[], tuple[str, bytes]]  # a paper's file name and bytes, made only when not written before
Writer = Callable[["Case", str, "CaseParty"], bytes]


def _wanted(session: Session, case: Case, court: str) -> list[tuple[DocumentKind, CaseParty, Make]]:
    def named(kind: DocumentKind, party: CaseParty, writer: Writer) -> tuple[DocumentKind, CaseParty, Make]:
        return kind, party, lambda: (f"{KIND_LABELS[kind]}-{case.case_number}-{party.name}.pdf",
                                     writer(case, court, party))

    wanted = [named(DocumentKind.ACCEPTANCE_NOTICE, p, acceptance_notice) for p in _parties(case, "plaintiff")]
    wanted += [named(DocumentKind.RESPONSE_NOTICE, p, response_notice) for p in _parties(case, "defendant")]
    fee = _fee_notice(session, case, court)
    payer = next(iter(_parties(case, "plaintiff")), None)
    if fee is not None and payer is not None:
        wanted.append((DocumentKind.FEE_NOTICE, payer, lambda: fee))
    address = filed_address(session, case.id)
    if address is not None:
        party = next(p for p in case.parties if p.id == address.party_id)
        wanted.append(named(DocumentKind.ADDRESS_CONFIRMATION, party,
                            lambda c, n, p: address_confirmation(c, n, p, address)))
    return wanted


def write_papers(session: Session, settings: Settings, *, case_id: int, written_by: int) -> list[Paper]:
    """Every paper of the case's acceptance, written once (the case row locked while they are); what a run before
    wrote is returned as it is."""
    case = cases.case_for_platform(session, case_id, for_update=True)
    court = reference.court(session, case.court_id).name
    written = {(d.kind, d.addressee_party_id): d for d in dossier.for_case(session, case.id, volume=Volume.MAIN)
               if d.kind in PAPER_KINDS}
    papers = []
    for kind, party, make in _wanted(session, case, court):
        document = written.get((kind.value, party.id))
        if document is None:
            name, content = make()
            upload = dossier.Upload(name, content)
            document = dossier.store(session, storage_of(settings), upload=upload,
                                     checked=dossier.generated_pdf(upload), court_id=case.court_id,
                                     uploaded_by=written_by, case_id=case.id, kind=kind, addressee_party_id=party.id)
            session.flush()
            audit.record(session, actor_id=None, action=AuditAction.DOSSIER_ADD, object_type="document",
                         object_id=document.id, court_id=case.court_id,
                         details={"case_id": case.id, "kind": kind.value, "party_id": party.id,
                                  "filename": document.filename, "sha256": document.sha256})
        papers.append(Paper(document.id, party.id, kind))
    return papers



# ---------------------------------------------------------------- lost jobs


def lost(session: Session, *, now: datetime, limit: int = SWEEP_BATCH) -> list[tuple[int, int]]:
    """(case id, accepting officer) of the cases accepted between LOST_WITHIN and WAITING ago whose acceptance
    notice is not in the dossier (the job that writes it was lost) and which the sweep has not deferred it for."""
    retried = select(AcceptancePapersRetry.case_id)
    rows = session.execute(select(FilingApplication.case_id, FilingApplication.decided_by).where(
        FilingApplication.status == "accepted", FilingApplication.case_id.is_not(None),
        FilingApplication.decided_by.is_not(None), FilingApplication.decided_at > now - LOST_WITHIN,
        FilingApplication.decided_at <= now - WAITING, FilingApplication.case_id.not_in(retried))
        .order_by(FilingApplication.case_id).limit(limit)).all()
    pairs = [(case_id, by) for case_id, by in rows if case_id is not None and by is not None]  # as the query says
    done = dossier.cases_holding(session, [case_id for case_id, _ in pairs], DocumentKind.ACCEPTANCE_NOTICE)
    return [(case_id, by) for case_id, by in pairs if case_id not in done]


def redefer_lost(db: Database, queue, *, now: datetime) -> list[int]:
    """The hourly sweep: defer `filing.acceptance_papers` again, once, for every case whose papers were never
    written. Marked first and deferred after the commit: a queue away then loses the run (logged), never doubles it.
    The case ids deferred for, a batch a transaction until none is left."""
    deferred: list[int] = []
    while True:
        with db.transaction() as session:
            found = lost(session, now=now)
            for case_id, _ in found:
                court_id = cases.case_for_platform(session, case_id).court_id
                session.add(AcceptancePapersRetry(case_id=case_id, court_id=court_id, deferred_at=now))
                audit.record(session, actor_id=None, action=AuditAction.ACCEPTANCE_PAPERS_REDEFERRED,
                             object_type="case", object_id=case_id, court_id=court_id, details={"job": JOB})
        if not found:
            return deferred
        for case_id, accepted_by in found:
            try:
                queue.defer(JOB, case_id=case_id, accepted_by=accepted_by)
            except Exception:  # noqa: BLE001 - marked already: see above
                log.exception("case %s: acceptance papers not queued again", case_id)
            deferred.append(case_id)
