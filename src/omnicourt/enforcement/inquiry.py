"""Online asset inquiry (网络执行查控, 财产调查规定 arts 1, 12–13): the officer sends one inquiry per debtor to each
kind of agency; each is answered by a job (the agencies answer asynchronously), through the configured adapter, as
structured records the officer can freeze or seize from. Inquiries concern the debtor only (查询冻结存款规定)."""

import hashlib
import importlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import CaseParty
from omnicourt.db import Database, utcnow
from omnicourt.enforcement.models import AssetInquiry
from omnicourt.enforcement.service import enforcement_case_for_handler
from omnicourt.errors import Conflict
from omnicourt.queue import Queue, defer_on_commit
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings

JOB = "enforcement.asset_inquiry"
AGENCIES = {"bank": "银行存款", "real_estate": "不动产登记", "vehicle": "机动车登记", "securities": "证券",
            "social_security": "社会保险（工作单位）", "payment": "网络支付账户"}
# What each record's asset is when frozen or seized (rules.ASSET_KINDS), for the measure form.
ASSET_KIND_OF = {"bank": "deposit", "real_estate": "real_estate", "vehicle": "movable", "securities": "other_right",
                 "payment": "deposit"}

Adapter = Callable[[str, str, str], list[dict]]  # (agency, debtor's name, ID number or USCC) -> records


def simulated(agency: str, name: str, number: str) -> list[dict]:
    """The demo's agencies: fixed answers derived from the debtor's number, so a debtor has the same assets on every
    inquiry; some debtors have nothing at some agencies."""
    seed = int(hashlib.sha256(f"{agency}:{number}".encode()).hexdigest(), 16)
    if seed % 3 == 0:
        return []
    tail = f"{seed % 10**8:08d}"
    if agency == "bank":
        return [{"key": f"6222{tail}", "description": f"中国工商银行 {name} 活期账户",
                 "balance": str(Decimal(seed % 50_000_000) / 100)}]
    if agency == "real_estate":
        return [{"key": f"浙(2021)杭州市不动产权第{tail[:7]}号", "description": f"杭州市西湖区某路{seed % 300}号住宅"}]
    if agency == "vehicle":
        return [{"key": f"浙A{tail[:5]}", "description": "小型普通客车"}]
    if agency == "securities":
        return [{"key": f"A{tail}", "description": "证券账户", "balance": str(Decimal(seed % 10_000_000) / 100)}]
    if agency == "social_security":
        return [{"key": tail, "description": "参保单位：杭州某科技有限公司"}]
    return [{"key": f"PAY{tail}", "description": "网络支付账户余额", "balance": str(Decimal(seed % 2_000_000) / 100)}]


def adapter_of(settings: Settings) -> Adapter:
    if settings.asset_inquiry_adapter == "simulated":
        return simulated
    module, _, function = settings.asset_inquiry_adapter.partition(":")
    return getattr(importlib.import_module(module), function)


def start(session: Session, *, actor: Actor, case_id: int, queue: Queue | None, today: date) -> list[AssetInquiry]:
    """One inquiry per debtor and agency, each answered by its own job; refused while an earlier round waits."""
    case = enforcement_case_for_handler(session, actor, case_id)
    waiting = session.scalar(select(AssetInquiry.id).where(AssetInquiry.case_id == case.id,
                                                           AssetInquiry.status == "sent").limit(1))
    if waiting is not None:
        raise Conflict("上一轮网络查控尚有机构未反馈，请待反馈后再发起", field="case_id")
    debtors = session.scalars(select(CaseParty).where(CaseParty.case_id == case.id, CaseParty.role == "defendant")
                              .order_by(CaseParty.id)).all()
    now = utcnow()
    sent = [AssetInquiry(case_id=case.id, court_id=case.court_id, debtor_party_id=d.id, agency=agency, status="sent",
                         records=[], sent_at=now, sent_by=actor.id) for d in debtors for agency in AGENCIES]
    session.add_all(sent)
    session.flush()
    if queue is not None:
        for inquiry in sent:
            defer_on_commit(session, queue, JOB, inquiry_id=inquiry.id)
    cases.log_event(session, case=case, actor=actor, kind=EventKind.ASSET_INQUIRY_SENT,
                    summary=f"发起网络执行查控：{len(debtors)}名被执行人 × {len(AGENCIES)}类机构")
    audit.record(session, actor_id=actor.id, action=AuditAction.ASSET_INQUIRY, object_type="case", object_id=case.id,
                 court_id=case.court_id, details={"inquiries": len(sent), "on": today.isoformat()})
    return sent


def answer(db: Database, settings: Settings, *, inquiry_id: int) -> str:
    """The job: ask the agency, record its answer once (a run again finds it answered and stops)."""
    with db.reading() as session:
        inquiry = session.get(AssetInquiry, inquiry_id)
        if inquiry is None or inquiry.status != "sent":
            return inquiry.status if inquiry else "missing"
        debtor = session.get(CaseParty, inquiry.debtor_party_id)
        assert debtor is not None
        agency, name, number = inquiry.agency, debtor.name, debtor.uscc or debtor.id_number or ""
    records = adapter_of(settings)(agency, name, number)  # outside any transaction: an agency may be slow
    with db.transaction() as session:
        inquiry = session.scalars(select(AssetInquiry).where(AssetInquiry.id == inquiry_id).with_for_update()).one()
        return record_answer(inquiry, records)


def record_answer(inquiry: AssetInquiry, records: list[dict]) -> str:
    """The agency's answer, kept once."""
    if inquiry.status != "sent":
        return inquiry.status
    inquiry.status, inquiry.records, inquiry.answered_at = "answered", records[:100], utcnow()
    return "answered"


def of_case(session: Session, *, case_id: int) -> list[AssetInquiry]:
    return list(session.scalars(select(AssetInquiry).where(AssetInquiry.case_id == case_id)
                                .order_by(AssetInquiry.id.desc()).limit(200)))
