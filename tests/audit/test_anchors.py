"""The audit log against an attacker who can rewrite the database but holds neither the key nor the anchor file:
rewriting, deleting or cutting short a chain is reported, naming the chain (and the record)."""

import hashlib
import hmac
import itertools
import json
import os
import stat

import pytest
from sqlalchemy import delete, select

from omnicourt import jobs
from omnicourt.audit import keys
from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.audit.anchors import AnchorStore
from omnicourt.audit.models import AuditChainHead, AuditRecord
from omnicourt.db import utcnow

# Chains of their own, far above any court id, so tests never meet each other's records.
_chains = itertools.count(900_000 + os.getpid() % 1000 * 100)


@pytest.fixture
def chain(db):
    """A chain of the test's own, removed afterwards: the other tests of the shared database verify it whole."""
    number = next(_chains)
    yield number
    with db.transaction() as session:
        session.execute(delete(AuditRecord).where(AuditRecord.chain == number))
        session.execute(delete(AuditChainHead).where(AuditChainHead.chain == number))


@pytest.fixture
def store(tmp_path):
    return AnchorStore(tmp_path / "anchors.jsonl", tmp_path / "mirror" / "anchors.jsonl")


def write(db, chain, count):
    with db.transaction() as session:
        for n in range(count):
            audit.record(session, actor_id=None, action=AuditAction.ACCESS_DENIED, object_type="test", court_id=chain,
                         details={"n": n})


def findings_of(result, chain):
    return [f.message for f in result.findings if f.chain == chain]


def verify(db, store):
    with db.reading() as session:
        return audit.verify(session, store)


def anchor(db, store):
    with db.reading() as session:
        return audit.anchor(session, store)


def rechain(db, chain, digest):
    """What an attacker does: recompute every hash of the chain and its head with `digest`."""
    with db.transaction() as session:
        prev = audit.GENESIS
        for rec in session.scalars(select(AuditRecord).where(AuditRecord.chain == chain).order_by(AuditRecord.seq)):
            rec.prev_hash = prev
            rec.hash = prev = digest(audit._record_body(rec))
        head = session.get(AuditChainHead, chain)
        head.hash = prev


def test_happy_path_anchor_then_verify(db, store, chain):
    write(db, chain, 3)
    report = anchor(db, store)
    assert not [f for f in report.findings if f.chain == chain]
    write(db, chain, 2)
    assert anchor(db, store).anchored >= 1
    assert anchor(db, store).anchored == 0  # nothing grew since
    assert findings_of(verify(db, store), chain) == []
    lines = [json.loads(line) for line in store.paths[0].read_text().splitlines()]
    mine = [line for line in lines if line["chain"] == chain]
    assert [line["length"] for line in mine] == [3, 5]
    assert store.paths[1].read_text() == store.paths[0].read_text()


def test_a_record_changed_in_place_names_the_chain_and_record(db, store, chain):
    write(db, chain, 4)
    with db.transaction() as session:
        rec = session.scalar(select(AuditRecord).where(AuditRecord.chain == chain, AuditRecord.seq == 2))
        rec.details = {"n": "forged"}
        forged_id = rec.id
    result = verify(db, store)
    assert not result.ok
    assert findings_of(result, chain) == [f"链 {chain} 的记录 2 被改写：内容与其签名不符"]
    assert forged_id in [f.record_id for f in result.findings]


@pytest.mark.parametrize("scheme", ["sha256", "another key"])
def test_a_chain_recomputed_end_to_end_is_detected(db, store, chain, scheme):
    write(db, chain, 4)
    anchor(db, store)
    with db.transaction() as session:
        rec = session.scalar(select(AuditRecord).where(AuditRecord.chain == chain, AuditRecord.seq == 3))
        rec.action = "test.forged"
    digest = ((lambda body: hashlib.sha256(body).hexdigest()) if scheme == "sha256"
              else (lambda body: hmac.new(b"attacker" * 4, body, "sm3").hexdigest()))
    rechain(db, chain, digest)
    messages = findings_of(verify(db, store), chain)
    assert messages == [f"链 {chain} 的记录 1 被改写：内容与其签名不符"]


def test_after_the_first_anchor_the_old_scheme_ends_where_it_ended(db, store, chain):
    write(db, chain, 3)
    rechain(db, chain, lambda body: hashlib.sha256(body).hexdigest())  # as if written before the upgrade
    write(db, chain, 1)
    assert findings_of(verify(db, store), chain) == []
    anchor(db, store)
    rechain(db, chain, lambda body: hashlib.sha256(body).hexdigest())
    assert findings_of(verify(db, store), chain) == [f"链 {chain} 的记录 4 被改写：内容与其签名不符"]


def test_deleting_a_whole_chain_is_detected(db, store, chain):
    write(db, chain, 3)
    anchor(db, store)
    with db.transaction() as session:
        session.execute(delete(AuditRecord).where(AuditRecord.chain == chain))
        session.execute(delete(AuditChainHead).where(AuditChainHead.chain == chain))
    result = verify(db, store)
    assert not result.ok
    assert findings_of(result, chain) == [f"链 {chain} 缺失：锚定时有 3 条记录，现已全部删除"]


def test_truncating_a_chain_and_its_head_is_detected(db, store, chain):
    write(db, chain, 5)
    anchor(db, store)
    with db.transaction() as session:
        session.execute(delete(AuditRecord).where(AuditRecord.chain == chain, AuditRecord.seq > 3))
        third = session.scalar(select(AuditRecord).where(AuditRecord.chain == chain, AuditRecord.seq == 3))
        head = session.get(AuditChainHead, chain)
        head.seq, head.hash = 3, third.hash
    assert findings_of(verify(db, store), chain) == [f"链 {chain} 比锚定时短：现有 3 条记录，锚定时 5 条"]
    assert [f.message for f in anchor(db, store).findings if f.chain == chain]  # and no anchor blesses it


def test_deleting_the_last_records_but_not_the_head_is_detected(db, store, chain):
    write(db, chain, 3)
    with db.transaction() as session:
        session.execute(delete(AuditRecord).where(AuditRecord.chain == chain, AuditRecord.seq == 3))
    assert findings_of(verify(db, store), chain) == [f"链 {chain} 末尾的记录被删除：链头为第 3 条，现仅有 2 条"]


def test_anchor_refuses_to_vouch_for_a_tampered_chain(db, store, chain):
    write(db, chain, 2)
    anchor(db, store)
    write(db, chain, 2)
    with db.transaction() as session:
        rec = session.scalar(select(AuditRecord).where(AuditRecord.chain == chain, AuditRecord.seq == 4))
        rec.action = "test.forged"
    report = anchor(db, store)
    assert [f.message for f in report.findings if f.chain == chain] == [
        f"链 {chain} 的记录 4 被改写：内容与其签名不符"]
    assert [json.loads(line)["length"] for line in store.paths[0].read_text().splitlines()
            if json.loads(line)["chain"] == chain] == [2]


def test_records_of_the_unkeyed_scheme_verify_up_to_the_anchored_marker(db, store, chain):
    """Chains written before keys came in: plain SHA-256 records, then keyed ones after the upgrade."""
    with db.transaction() as session:
        prev = audit.GENESIS
        for seq in (1, 2, 3):
            at = utcnow()
            body = audit._body(prev, chain, seq, at, None, "legacy.event", "test", None, {"n": seq})
            digest = hashlib.sha256(body).hexdigest()
            session.add(AuditRecord(chain=chain, seq=seq, at=at, actor_id=None, action="legacy.event",
                                    object_type="test", object_id=None, details={"n": seq}, prev_hash=prev,
                                    hash=digest))
            prev = digest
        session.add(AuditChainHead(chain=chain, seq=3, hash=prev))
    anchor(db, store)  # what `omnicourt db upgrade` does after migrating
    write(db, chain, 2)
    assert findings_of(verify(db, store), chain) == []
    line = next(json.loads(t) for t in store.paths[0].read_text().splitlines() if json.loads(t)["chain"] == chain)
    assert line["legacy_until"] == 3
    rechain(db, chain, lambda body: hashlib.sha256(body).hexdigest())  # all five now "legacy"
    assert findings_of(verify(db, store), chain) == [f"链 {chain} 的记录 4 被改写：内容与其签名不符"]


def test_a_forged_anchor_line_is_reported(db, store, chain):
    write(db, chain, 2)
    anchor(db, store)
    path = store.paths[0]
    forged = json.loads(path.read_text().splitlines()[-1]) | {"length": 1}
    with path.open("a") as handle:
        handle.write(json.dumps(forged) + "\n")
    line = len(path.read_text().splitlines())
    assert f"锚定文件 {path} 第 {line} 行的签名不符（锚定记录被篡改）" in verify(db, store).reason


def test_a_line_removed_from_the_anchor_file_is_still_in_its_mirror(db, store, chain):
    write(db, chain, 3)
    anchor(db, store)
    store.paths[0].write_text("")
    with db.transaction() as session:
        session.execute(delete(AuditRecord).where(AuditRecord.chain == chain))
        session.execute(delete(AuditChainHead).where(AuditChainHead.chain == chain))
    assert findings_of(verify(db, store), chain) == [f"链 {chain} 缺失：锚定时有 3 条记录，现已全部删除"]


def test_the_key_is_made_once_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "keys" / "audit.key"
    key = keys.load_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(key) == 32 and keys.load_key(path) == key
    keys.create_key_file(path)  # a second process a moment later keeps the first one's key
    assert bytes.fromhex(path.read_text()) == key and sorted(p.name for p in path.parent.iterdir()) == ["audit.key"]
    loose = tmp_path / "loose.key"
    loose.write_text("ab" * 32)
    loose.chmod(0o644)
    with pytest.raises(RuntimeError, match="权限过宽"):
        keys.load_key(loose)


def test_the_sweep_anchors_every_chain_head(db, settings):
    chain = next(_chains)  # left in place: the sweep anchored it where every later verify looks
    write(db, chain, 2)
    (report,) = jobs.run_all(db, settings, jobs=[job for job in jobs.SWEEPS if job is audit.run])
    assert not [f for f in report.findings if f.chain == chain]
    with db.reading() as session:
        url = session.get_bind().url.render_as_string(hide_password=True)
    configured = AnchorStore.from_settings(settings)
    anchored = configured.read(configured.scope_of(url)).anchors
    assert [(a.length, a.legacy_until) for a in anchored if a.chain == chain] == [(2, 0)]
