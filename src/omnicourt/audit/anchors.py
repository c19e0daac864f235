"""Signed checkpoints of every chain head, appended to files outside the database.

One JSON line per chain and checkpoint: scope (which database), chain, length, head hash, legacy_until (the last
record hashed by the unkeyed scheme before keys came in), time, and an HMAC-SM3 signature over the rest. A rewritten
or shortened chain no longer matches its latest checkpoint; a deleted chain is still named in them.
"""

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from omnicourt.audit import keys
from omnicourt.settings import Settings


@dataclass(frozen=True)
class Anchor:
    scope: str
    chain: int
    length: int
    head: str
    legacy_until: int
    at: str

    def body(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class AnchorFile:
    anchors: list[Anchor]
    forged_lines: list[tuple[Path, int]]  # the lines (numbered from 1) whose signature does not hold


class AnchorStore:
    """The anchor file and its optional mirror; both are appended to, and read together. `scope`: the name the
    anchors give their database (the audit_anchor_scope setting); empty, one derived from its URL."""

    def __init__(self, path: Path, mirror: Path | None = None, *, scope: str = ""):
        self.paths = [path] + ([mirror] if mirror else [])
        self.scope = scope

    @classmethod
    def from_settings(cls, settings: Settings) -> "AnchorStore":
        return cls(settings.audit_anchor_file, settings.audit_anchor_mirror, scope=settings.audit_anchor_scope)

    def scope_of(self, database_url: str) -> str:
        """The anchors' name for a database: the configured scope, else a digest of its URL without the password."""
        return self.scope or hashlib.sha256(database_url.encode()).hexdigest()[:16]

    def append(self, anchors: list[Anchor]) -> None:
        if not anchors:
            return
        lines = "".join(json.dumps(asdict(a) | {"signature": keys.sign(a.body())}, sort_keys=True) + "\n"
                        for a in anchors).encode()
        for path in self.paths:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(descriptor, lines)
                os.fsync(descriptor)
            finally:
                os.close(descriptor)

    def read(self, scope: str) -> AnchorFile:
        """Every signed anchor of `scope` in any of the files (a line lost from one is still in the other)."""
        anchors: dict[Anchor, None] = {}
        forged: list[tuple[Path, int]] = []
        for path in self.paths:
            if not path.exists():
                continue
            with path.open(encoding="utf-8") as handle:
                for number, line in enumerate(handle, start=1):
                    if not line.strip():
                        continue
                    anchor = _parse(line)
                    if anchor is None:
                        forged.append((path, number))
                    elif anchor.scope == scope:
                        anchors[anchor] = None
        return AnchorFile(list(anchors), forged)


def _parse(line: str) -> Anchor | None:
    """The anchor of a line whose signature holds, else None."""
    try:
        fields = json.loads(line)
        signature = fields.pop("signature")
        anchor = Anchor(**fields)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return anchor if keys.signature_holds(anchor.body(), signature) else None


def latest_by_chain(anchors: list[Anchor]) -> dict[int, Anchor]:
    """Per chain, the anchor of its greatest length, carrying the smallest legacy_until any anchor gave it."""
    latest: dict[int, Anchor] = {}
    for anchor in anchors:
        known = latest.get(anchor.chain)
        if known is None:
            latest[anchor.chain] = anchor
            continue
        longest = anchor if anchor.length > known.length else known
        latest[anchor.chain] = Anchor(longest.scope, longest.chain, longest.length, longest.head,
                                      min(anchor.legacy_until, known.legacy_until), longest.at)
    return latest
