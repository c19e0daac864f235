"""The dispute focus (争议焦点) of a financial loan dispute: what the defendant contests and what stands undisputed.

The complaint's claims are compared with the defence (答辩状) and the cross-examination opinions (质证意见): every
sentence of those is matched against the taxonomy of disputed points in data/assistant/loan_disputes.toml (law as
data; its header cites the grounds). A fact the defendant does not contest becomes undisputed (民诉法解释 art. 92
on admissions [U: not in court-rules.md]; silence is read as no dispute only for the focus, the judge decides).
With no defence at all the case goes to default judgment (CPL art. 147) and there are no disputed points.

Pure and fast: no I/O beyond the taxonomy, read and compiled once per process; recomputed whenever a document
enters the case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from omnicourt.loans.elements import Elements, Finding
from omnicourt.reference.tables import read_toml

TAXONOMY_FILE = "assistant/loan_disputes.toml"
DEFENDANT_KINDS = ("defence", "cross_examination")
COMPLAINT_KIND = "complaint"
NOT_A_FACT = ("defence.filed",)
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
_CLAIMS_HEADING = re.compile(r"诉讼请求[:：]?")
_CLAIMS_END = re.compile(r"事实(与|和|及)理由")
_NUMBERED = re.compile(r"^\s*[（(]?(\d{1,2}|[一二三四五六七八九十]{1,3})[、.．)）]")
# The heading naming who answers: "答辩人：孙丽，女，…", "答辩人（被告）：赵六", "答辩人二：…"; not "被答辩人".
_ANSWERER = re.compile(r"^[ \t\u3000]*(?:答辩人|质证人|被告)[一二三四五六七八九十\d]{0,2}(?:[（(][^）)\n]{0,10}[）)])?"
                       r"[ \t\u3000]*[:：][ \t\u3000]*([^\s，,。；;：:（(、]{1,40})", re.M)


class Document(Protocol):
    """What the focus reads of a case document (omnicourt.assistant.documents.CaseDocument, frozen: read-only)."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Statement:
    """A passage of a document: its name, character span [start, end) and the quoted text."""

    document: str
    start: int
    end: int
    quote: str
    speaker: str = ""   # who says it, as its document's heading names them ("孙丽", "孙丽、赵六"); "" not named


@dataclass(frozen=True)
class DisputedPoint:
    code: str
    label: str
    issue: str                      # the point put as a question, for 本院认为
    statements: tuple[Statement, ...]
    contests: tuple[str, ...]       # element fields or prefixes ("guarantor.") put in dispute
    defeats: tuple[str, ...]        # the claims an upheld point defeats ("all" for every claim)


@dataclass(frozen=True)
class UndisputedFact:
    field: str
    label: str
    value: Any
    source: Statement


@dataclass(frozen=True)
class DisputeFocus:
    claims: tuple[Statement, ...]           # the numbered claims of the complaint
    points: tuple[DisputedPoint, ...]
    undisputed: tuple[UndisputedFact, ...]
    default_judgment: bool                  # no defence, no cross-examination: CPL art. 147 wording

    def point(self, code: str) -> DisputedPoint | None:
        return next((point for point in self.points if point.code == code), None)

    def to_dict(self) -> dict:
        return {
            "default_judgment": self.default_judgment,
            "claims": [_statement_dict(claim) for claim in self.claims],
            "points": [{"code": point.code, "label": point.label, "issue": point.issue,
                        "contests": list(point.contests), "defeats": list(point.defeats),
                        "statements": [_statement_dict(s) for s in point.statements]} for point in self.points],
            "undisputed": [{"field": fact.field, "label": fact.label, "value": _plain(fact.value),
                            "source": _statement_dict(fact.source)} for fact in self.undisputed],
        }


@dataclass(frozen=True)
class PointKind:
    code: str
    label: str
    issue: str
    cues: tuple[re.Pattern, ...]
    contests: tuple[str, ...]
    defeats: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    points: tuple[PointKind, ...]
    field_labels: dict[str, str]
    attribute_labels: dict[str, str]

    def kind(self, code: str) -> PointKind:
        for point in self.points:
            if point.code == code:
                return point
        raise KeyError(code)


@lru_cache
def taxonomy() -> Taxonomy:
    """The taxonomy of disputed points, read and compiled once (data/assistant/loan_disputes.toml)."""
    table = read_toml(TAXONOMY_FILE)
    points = tuple(PointKind(code=row["code"], label=row["label"], issue=row["issue"],
                             cues=tuple(re.compile(cue) for cue in row["cues"]),
                             contests=tuple(row["contests"]), defeats=tuple(row["defeats"]))
                   for row in table["points"])
    return Taxonomy(points, dict(table["fields"]), dict(table["attributes"]))


def dispute_focus(documents: Sequence[Document], elements: Elements) -> DisputeFocus:
    """The disputed points raised by the defendant's documents and the facts left undisputed."""
    known = taxonomy()
    answers = [document for document in documents if document.kind in DEFENDANT_KINDS]
    points = tuple(_raised_points(known, answers))
    return DisputeFocus(
        claims=tuple(_claims(document for document in documents if document.kind == COMPLAINT_KIND)),
        points=points,
        undisputed=tuple(_undisputed(known, elements, points)),
        default_judgment=not answers and _defence_filed(elements) is not True,
    )


def contested(field: str, contests: Iterable[str]) -> bool:
    """Whether an element field falls under one of the contested names (a name ending in "." is a prefix)."""
    return any(field == name or (name.endswith(".") and field.startswith(name)) for name in contests)


def sentences(text: str) -> Iterable[Statement]:
    """The sentences of a text with their spans (name left empty: the caller knows the document)."""
    for match in _SENTENCE.finditer(text):
        quote = match.group().strip()
        if quote:
            offset = match.group().index(quote[0])
            yield Statement("", match.start() + offset, match.start() + offset + len(quote), quote)


def _raised_points(known: Taxonomy, answers: Sequence[Document]) -> Iterable[DisputedPoint]:
    raised: dict[str, list[Statement]] = {}
    for document in answers:
        speaker = answerers(document.text)
        for sentence in sentences(document.text):
            for kind in known.points:
                if any(cue.search(sentence.quote) for cue in kind.cues):
                    raised.setdefault(kind.code, []).append(
                        Statement(document.name, sentence.start, sentence.end, sentence.quote, speaker))
    for kind in known.points:  # taxonomy order: the order a judge reads the points in
        if kind.code in raised:
            yield DisputedPoint(kind.code, kind.label, kind.issue, tuple(raised[kind.code]), kind.contests,
                                kind.defeats)


def answerers(text: str) -> str:
    """Who a defence or cross-examination opinion is from, by its headings ("答辩人：孙丽"); "" when it names no one."""
    return "、".join(dict.fromkeys(match.group(1) for match in _ANSWERER.finditer(text)))


def _claims(complaints: Iterable[Document]) -> Iterable[Statement]:
    for document in complaints:
        heading = _CLAIMS_HEADING.search(document.text)
        if not heading:
            continue
        end = _CLAIMS_END.search(document.text, heading.end())
        block_end = end.start() if end else len(document.text)
        position = heading.end()
        for line in document.text[heading.end():block_end].splitlines(keepends=True):
            quote = line.strip()
            if _NUMBERED.match(quote):
                start = position + line.index(quote)
                yield Statement(document.name, start, start + len(quote), quote)
            position += len(line)


def _undisputed(known: Taxonomy, elements: Elements, points: Sequence[DisputedPoint]) -> Iterable[UndisputedFact]:
    contests = [name for point in points for name in point.contests]
    for field, finding in elements.items():
        if field in NOT_A_FACT or contested(field, contests):
            continue
        yield UndisputedFact(field, field_label(known, field), finding.value, _source(finding))


def field_label(known: Taxonomy, field: str) -> str:
    """Chinese label of an element field; repeated groups read "保证人1·名称"."""
    if field in known.field_labels:
        return known.field_labels[field]
    parts = field.split(".")
    if len(parts) == 3 and parts[0] in known.field_labels:
        return f"{known.field_labels[parts[0]]}{parts[1]}·{known.attribute_labels.get(parts[2], parts[2])}"
    return field


def _defence_filed(elements: Elements) -> bool | None:
    finding = elements.get("defence.filed")
    return None if finding is None else bool(finding.value)


def _source(finding: Finding) -> Statement:
    return Statement(finding.document, finding.start, finding.end, finding.quote)


def _statement_dict(statement: Statement) -> dict:
    spoken = {"speaker": statement.speaker} if statement.speaker else {}
    return {"document": statement.document, "start": statement.start, "end": statement.end,
            "quote": statement.quote} | spoken


def _plain(value: Any) -> Any:
    return value if isinstance(value, bool | int | str | type(None)) else str(value)
