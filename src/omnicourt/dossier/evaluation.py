"""How well automatic cataloguing (cataloguing.py) names a document's kind: accuracy per kind and the misses, on
data/eval/dossier/documents.jsonl (documents of every kind written for it, README.md there) and the real judgments
and rulings of ../shared/data (裁判文书), read where they are and never copied. Each record has a split: tune on
`dev`, report `heldout` apart. `omnicourt eval dossier` prints the report."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import typer

from omnicourt.dossier import cataloguing
from omnicourt.dossier.rules import KIND_LABELS, DocumentKind, volume_of

EVAL_SET = Path("data/eval/dossier/documents.jsonl")
SHARED_DATA = Path("../shared/data")
# (file, the records that are full court documents): the fact descriptions of drunk_driving are not documents
SHARED_SETS = (("drunk-driving/drunk_driving.jsonl", lambda r: r.get("kind") == "judgment"),
               ("loan-judgments/loan_cases.jsonl", lambda r: True),
               ("loan-judgments/loan_related_documents.jsonl", lambda r: True))


@dataclass(frozen=True)
class Labelled:
    id: str
    split: str
    kind: DocumentKind
    filename: str
    text: str


@dataclass
class Report:
    total: Counter = field(default_factory=Counter)
    right: Counter = field(default_factory=Counter)
    misses: list[tuple[Labelled, cataloguing.Classification]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(self.right.values()) / max(1, sum(self.total.values()))

    def of(self, kind: DocumentKind) -> float:
        return self.right[kind] / max(1, self.total[kind])


def split_of(record_id: str) -> str:
    """The split of a record that carries none: about one in five held out, fixed by its id's hash."""
    return "heldout" if int(hashlib.sha256(record_id.encode()).hexdigest(), 16) % 5 == 0 else "dev"


def written_set(path: Path = EVAL_SET) -> list[Labelled]:
    return [Labelled(r["id"], r["split"], DocumentKind(r["kind"]), r["filename"], r["text"])
            for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())]


def shared_judgments(folder: Path = SHARED_DATA) -> list[Labelled]:
    """The real judgments and rulings, all 裁判文书; none when the folder is missing. They come without file
    names: the text alone decides."""
    found = []
    for name, wanted in SHARED_SETS:
        path = folder / name
        if not path.exists():
            continue
        for record in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            if wanted(record):
                found.append(Labelled(record["id"], record.get("split") or split_of(record["id"]),
                                      DocumentKind.JUDGMENT, "", record["text"]))
    return found


def evaluate(records: Iterable[Labelled]) -> Report:
    """Each document classified within its volume, as the platform applies it (the volume is known when it is
    stored: the kind given then decides it)."""
    report = Report()
    for record in records:
        got = cataloguing.classify(record.filename, record.text, volume=volume_of(record.kind))
        report.total[record.kind] += 1
        if got.kind == record.kind:
            report.right[record.kind] += 1
        else:
            report.misses.append((record, got))
    return report


def markdown(report: Report, title: str) -> str:
    lines = [f"#### {title}: {sum(report.right.values())}/{sum(report.total.values())} = {report.accuracy:.1%}", "",
             "| kind | documents | right | accuracy |", "|---|---|---|---|"]
    for kind in DocumentKind:
        if report.total[kind]:
            lines.append(f"| {KIND_LABELS[kind]} ({kind.value}) | {report.total[kind]} | {report.right[kind]} | "
                         f"{report.of(kind):.1%} |")
    if report.misses:
        lines += ["", "Misses:", ""]
        lines += [f"- `{r.id}` {KIND_LABELS[r.kind]} → {KIND_LABELS[got.kind]} ({got.reason})"
                  for r, got in report.misses]
    return "\n".join(lines)


def eval_dossier(shared: Path = typer.Option(SHARED_DATA, help="真实裁判文书所在目录（缺失则只评测自建集）")) -> None:
    """Accuracy of automatic cataloguing per kind, on the dev and held-out splits (Markdown)."""
    records = written_set() + shared_judgments(shared)
    for split in ("dev", "heldout"):
        typer.echo(markdown(evaluate(r for r in records if r.split == split), split) + "\n")

