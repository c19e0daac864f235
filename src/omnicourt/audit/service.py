"""Writing, verifying and anchoring the hash-chained audit log.

Each court has its own chain (key = court id; 0 for province-wide records), so courts never
wait on one another; the head row of a chain is locked while a record is appended. Each record's
hash is an HMAC-SM3 under a key kept outside the database (keys.py); records written before keys
came in keep their plain SHA-256 and are accepted only as the chain's first records, up to the
marker the first anchor fixed (anchors.py). Anchors outside the database catch what a key cannot:
a chain cut short or deleted whole.
"""

import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.audit import keys
from omnicourt.audit.actions import AuditAction
from omnicourt.audit.anchors import Anchor, AnchorStore, latest_by_chain
from omnicourt.audit.models import AuditChainHead, AuditRecord
from omnicourt.db import Database, utcnow
from omnicourt.settings import Settings

log = logging.getLogger("omnicourt.audit")
GENESIS = "0" * 64
PROVINCE_CHAIN = 0


def _body(prev_hash: str, chain: int, seq: int, at: datetime, actor_id, action: str,
          object_type: str, object_id, details: dict) -> bytes:
    return json.dumps(
        [prev_hash, chain, seq, at.isoformat(), actor_id, action, object_type, object_id, details],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str,
    ).encode()


def _record_body(rec: AuditRecord) -> bytes:
    return _body(rec.prev_hash, rec.chain, rec.seq, rec.at, rec.actor_id, rec.action, rec.object_type,
                 rec.object_id, rec.details)


def record(session: Session, *, actor_id: int | None, action: AuditAction, object_type: str,
           object_id: object = None, court_id: int | None = None, details: dict | None = None) -> AuditRecord:
    """Append one record to the court's chain, inside the caller's transaction."""
    stored_action = AuditAction(action).value  # plain text as hashed; an action outside the enumeration fails
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
    digest = keys.sign(_body(head.hash, chain, seq, at, actor_id, stored_action, object_type, object_id, details))
    entry = AuditRecord(chain=chain, seq=seq, at=at, actor_id=actor_id, action=stored_action,
                        object_type=object_type, object_id=object_id, details=details,
                        prev_hash=head.hash, hash=digest)
    head.seq, head.hash = seq, digest
    session.add(entry)
    return entry


@dataclass(frozen=True)
class Finding:
    """One broken chain (or anchor line), said in Chinese."""

    message: str
    chain: int | None = None
    record_id: int | None = None


@dataclass(frozen=True)
class Verification:
    ok: bool
    records_checked: int
    findings: tuple[Finding, ...] = ()

    @property
    def first_broken_id(self) -> int | None:
        return next((f.record_id for f in self.findings if f.record_id is not None), None)

    @property
    def reason(self) -> str:
        return "；".join(f.message for f in self.findings)


@dataclass
class _Walk:
    """Where a walk along one chain got to."""

    length: int
    head: str
    legacy_until: int
    checked: int = 0
    hash_at: dict[int, str] = field(default_factory=dict)  # the hashes of the seqs asked for
    finding: Finding | None = None


RECORDS_PER_READ = 5000


def _records(session: Session, chain: int, after: int, upto: int | None) -> Iterator[AuditRecord]:
    """The chain's records after `after` in order, read a batch at a time (a chain may hold millions; batches by
    seq need no server-side cursor, so any session can walk)."""
    while True:
        query = select(AuditRecord).where(AuditRecord.chain == chain, AuditRecord.seq > after)
        if upto is not None:
            query = query.where(AuditRecord.seq <= upto)
        batch = list(session.scalars(query.order_by(AuditRecord.seq).limit(RECORDS_PER_READ)))
        yield from batch
        if len(batch) < RECORDS_PER_READ:
            return
        after = batch[-1].seq


def _walk(session: Session, chain: int, *, after: int = 0, prev: str = GENESIS, upto: int | None = None,
          legacy_until: int | None, legacy_allowed: bool, remember: tuple[int, ...] = ()) -> _Walk:
    """Check each record's link and keyed hash from `after` on; stop at the first that does not hold.

    Unkeyed (SHA-256) records pass only while no keyed record came before them, and only up to the anchored
    legacy marker when there is one: rewriting a chain in the old scheme is a rewrite like any other.
    """
    walk = _Walk(length=after, head=prev, legacy_until=legacy_until or 0)
    for rec in _records(session, chain, after, upto):
        if rec.seq != walk.length + 1:
            walk.finding = Finding(f"链 {chain} 缺少第 {walk.length + 1} 条记录（已被删除）", chain, rec.id)
            return walk
        body = _record_body(rec)
        if rec.prev_hash != walk.head:
            walk.finding = Finding(f"链 {chain} 的记录 {rec.seq} 被改写：与前一条记录的哈希不相连", chain, rec.id)
            return walk
        if keys.signature_holds(body, rec.hash):
            legacy_allowed = False
        elif (legacy_allowed and (legacy_until is None or rec.seq <= legacy_until)
              and hashlib.sha256(body).hexdigest() == rec.hash):
            walk.legacy_until = rec.seq
        else:
            walk.finding = Finding(f"链 {chain} 的记录 {rec.seq} 被改写：内容与其签名不符", chain, rec.id)
            return walk
        walk.length, walk.head, walk.checked = rec.seq, rec.hash, walk.checked + 1
        if rec.seq in remember:
            walk.hash_at[rec.seq] = rec.hash
    return walk


def _against_anchor(chain: int, walk: _Walk, anchor: Anchor | None) -> Finding | None:
    if anchor is None:
        return None
    if walk.length == 0 and anchor.length > 0:
        return Finding(f"链 {chain} 缺失：锚定时有 {anchor.length} 条记录，现已全部删除", chain)
    if walk.length < anchor.length:
        return Finding(f"链 {chain} 比锚定时短：现有 {walk.length} 条记录，锚定时 {anchor.length} 条", chain)
    if walk.hash_at.get(anchor.length) != anchor.head:
        return Finding(f"链 {chain} 的记录 {anchor.length} 被改写：与锚定的哈希不符", chain)
    return None


def _against_head(chain: int, walk: _Walk, head: AuditChainHead | None) -> Finding | None:
    if head is None:
        return Finding(f"链 {chain} 的链头缺失", chain) if walk.length else None
    if head.seq > walk.length:
        return Finding(f"链 {chain} 末尾的记录被删除：链头为第 {head.seq} 条，现仅有 {walk.length} 条", chain)
    if head.hash != walk.head:
        return Finding(f"链 {chain} 的链头与其末条记录不符", chain)
    return None


def verify(session: Session, store: AnchorStore) -> Verification:
    """Walk every chain (in the database or in the anchors of `store`); report what broke each one."""
    anchor_file = store.read(store.scope_of(_database_url(session)))
    latest = latest_by_chain(anchor_file.anchors)
    findings = [Finding(f"锚定文件 {path} 第 {line} 行的签名不符（锚定记录被篡改）")
                for path, line in anchor_file.forged_lines]
    heads = {head.chain: head for head in session.scalars(select(AuditChainHead))}
    chains = sorted(set(heads) | set(latest) | set(session.scalars(select(AuditRecord.chain).distinct())))
    checked = 0
    for chain in chains:
        anchor, head = latest.get(chain), heads.get(chain)
        walk = _walk(session, chain, upto=head.seq if head else None, legacy_allowed=True,
                     legacy_until=anchor.legacy_until if anchor else None,
                     remember=(anchor.length,) if anchor else ())
        checked += walk.checked
        finding = walk.finding or _against_anchor(chain, walk, anchor) or _against_head(chain, walk, head)
        if finding:
            findings.append(finding)
    return Verification(not findings, checked, tuple(findings))


@dataclass(frozen=True)
class AnchorReport:
    anchored: int  # chains whose new head was written out
    findings: tuple[Finding, ...]


def anchor(session: Session, store: AnchorStore) -> AnchorReport:
    """Write a signed checkpoint of every chain that grew since its last one, after checking the new records;
    a chain that does not check out is reported and left unanchored, so a forgery is never vouched for."""
    scope = store.scope_of(_database_url(session))
    latest = latest_by_chain(store.read(scope).anchors)
    fresh: list[Anchor] = []
    findings: list[Finding] = []
    for head in session.scalars(select(AuditChainHead).order_by(AuditChainHead.chain)):
        last = latest.get(head.chain)
        if last is not None and (last.length, last.head) == (head.seq, head.hash):
            continue
        if last is None:
            walk = _walk(session, head.chain, upto=head.seq, legacy_until=None, legacy_allowed=True)
        else:
            walk = _walk(session, head.chain, after=last.length - 1, prev=_prev_hash(session, head.chain, last),
                         upto=head.seq, legacy_until=last.legacy_until, legacy_allowed=True,
                         remember=(last.length,))
        finding = walk.finding or _against_anchor(head.chain, walk, last) or _against_head(head.chain, walk, head)
        if finding:
            findings.append(finding)
            continue
        fresh.append(Anchor(scope, head.chain, walk.length, walk.head, walk.legacy_until, utcnow().isoformat()))
    store.append(fresh)
    return AnchorReport(len(fresh), tuple(findings))


def _prev_hash(session: Session, chain: int, last: Anchor) -> str:
    """The link into the last anchored record, so the walk re-checks that record against the anchor."""
    return session.scalar(select(AuditRecord.prev_hash).where(AuditRecord.chain == chain,
                                                               AuditRecord.seq == last.length)) or ""


def run(db: Database, settings: Settings, *, today: date | None = None) -> AnchorReport:
    """The sweep's step (jobs.py): anchor every chain head in the settings' anchor files; anchors carry their own
    time, not `today`."""
    with db.snapshot() as session:
        report = anchor(session, AnchorStore.from_settings(settings))
    for finding in report.findings:
        log.error("audit chain not anchored: %s", finding.message)
    return report


def _database_url(session: Session) -> str:
    return session.get_bind().engine.url.render_as_string(hide_password=True)
