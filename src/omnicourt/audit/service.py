"""Writing and verifying the hash-chained audit log.

Each court has its own chain (key = court id; 0 for province-wide records), so courts never
wait on one another; the head row of a chain is locked while a record is appended.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.audit.models import AuditChainHead, AuditRecord
from omnicourt.db import utcnow

GENESIS = "0" * 64
PROVINCE_CHAIN = 0


def _digest(prev_hash: str, chain: int, seq: int, at: datetime, actor_id, action: str,
            object_type: str, object_id, details: dict) -> str:
    body = json.dumps(
        [prev_hash, chain, seq, at.isoformat(), actor_id, action, object_type, object_id, details],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()


def record(session: Session, *, actor_id: int | None, action: str, object_type: str,
           object_id: object = None, court_id: int | None = None, details: dict | None = None) -> AuditRecord:
    """Append one record to the court's chain, inside the caller's transaction."""
    chain = court_id or PROVINCE_CHAIN
    head = session.execute(
        select(AuditChainHead).where(AuditChainHead.chain == chain).with_for_update()
    ).scalar_one_or_none()
    if head is None:
        head = AuditChainHead(chain=chain, seq=0, hash=GENESIS)
        session.add(head)
    at = utcnow()
    details = json.loads(json.dumps(details or {}, ensure_ascii=False, default=str))
    object_id = None if object_id is None else str(object_id)
    seq = head.seq + 1
    digest = _digest(head.hash, chain, seq, at, actor_id, action, object_type, object_id, details)
    entry = AuditRecord(chain=chain, seq=seq, at=at, actor_id=actor_id, action=action,
                        object_type=object_type, object_id=object_id, details=details,
                        prev_hash=head.hash, hash=digest)
    head.seq, head.hash = seq, digest
    session.add(entry)
    return entry


@dataclass(frozen=True)
class Verification:
    ok: bool
    records_checked: int
    first_broken_id: int | None = None
    reason: str = ""


def verify(session: Session) -> Verification:
    """Walk every chain in order; report the first record whose hash or link does not hold."""
    checked = 0
    expected: dict[int, tuple[int, str]] = {}
    rows = session.execute(
        select(AuditRecord).order_by(AuditRecord.chain, AuditRecord.seq).execution_options(yield_per=5000)
    ).scalars()
    for rec in rows:
        seq, prev = expected.get(rec.chain, (0, GENESIS))
        if rec.seq != seq + 1:
            return Verification(False, checked, rec.id, f"链 {rec.chain} 缺少第 {seq + 1} 条记录")
        if rec.prev_hash != prev:
            return Verification(False, checked, rec.id, "前一条记录的哈希不符")
        digest = _digest(rec.prev_hash, rec.chain, rec.seq, rec.at, rec.actor_id, rec.action,
                         rec.object_type, rec.object_id, rec.details)
        if digest != rec.hash:
            return Verification(False, checked, rec.id, "记录内容与其哈希不符（已被篡改）")
        expected[rec.chain] = (rec.seq, rec.hash)
        checked += 1
    for head in session.execute(select(AuditChainHead)).scalars():
        seq, last = expected.get(head.chain, (0, GENESIS))
        if (head.seq, head.hash) != (seq, last):
            return Verification(False, checked, None, f"链 {head.chain} 末尾的记录被删除")
    return Verification(True, checked)
