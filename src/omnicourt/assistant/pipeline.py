"""The AI judge assistant's pipeline per cause (案由): extract → reconcile → compute → dispute focus → draft.

Each cause brings its own steps behind the `CausePipeline` protocol and registers under its name and its code in
data/causes.csv, so sales contracts, drunk driving or administrative non-litigation review can be added by
registering one more pipeline, without touching `analyse` or the case's service, API and pages: those ask the
pipeline for its fields (kinds, labels, order, display), the fields a draft needs, the amounts under the judge's
decisions and the draft (`CasePipeline`). The loan causes come first: 金融借款合同纠纷 and 民间借贷纠纷, one loans
core configured per cause (assistant/loans/pipeline.py).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Protocol

from omnicourt.assistant.documents import CaseDocument
from omnicourt.errors import InvalidInput
from omnicourt.loans.elements import Elements, Finding


class CausePipeline(Protocol):
    """The steps of one cause. Elements are field -> Finding (see loans/elements.py)."""

    cause: str          # the cause's name, e.g. 金融借款合同纠纷
    code: str           # its code in data/causes.csv

    def extract(self, documents: Sequence[CaseDocument]) -> Elements: ...

    def reconcile(self, sheet: Elements | None, found: Elements) -> tuple[Elements, list]: ...

    def compute(self, elements: Elements, *, cutoff: date, focus: Any, apply_cap: bool | None = None) -> Any: ...

    def focus(self, documents: Sequence[CaseDocument], elements: Elements) -> Any: ...

    def draft(self, case: Any) -> bytes: ...


class CasePipeline(CausePipeline, Protocol):
    """What the case's service, API and pages ask of a cause beyond the steps of `analyse` (the judge confirms,
    corrects and decides inside a case). Values travel in their JSON form (`jsonable`); `points` are the stored
    disputed points (code, label, issue, statements, status, decision, reason)."""

    required_fields: tuple[str, ...]   # the elements no draft can do without

    def known_field(self, field: str) -> bool: ...

    def field_kind(self, field: str) -> str: ...

    def label(self, field: str) -> str: ...

    def field_order(self, field: str) -> tuple: ...

    def point_order(self, code: str) -> int: ...

    def parse(self, field: str, raw: Any) -> Any: ...

    def decode(self, field: str, stored: Any) -> Any: ...

    def same(self, field: str, stored: Any, reading: Any) -> bool: ...

    def display(self, field: str, stored: Any) -> str: ...

    def sheet_elements(self, stored: dict) -> Elements: ...

    def amounts(self, values: Elements, points: Sequence[Any]) -> Any: ...

    def award(self, values: Elements, amounts: Any, points: Sequence[Any]) -> list: ...

    def amount_columns(self) -> tuple[tuple[str, str], ...]: ...

    def draft_case(self, settled: Elements, amounts: Any, points: Sequence[Any], stored: dict, record: Any) -> Any: ...


@dataclass(frozen=True)
class Analysis:
    """What the assistant finds in a case file; `missing` names the elements the computation still needs."""

    cause: str
    cause_code: str
    elements: Elements
    conflicts: list
    amounts: Any
    focus: Any
    cutoff: date | None
    missing: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {
            "cause": self.cause,
            "cause_code": self.cause_code,
            "cutoff": self.cutoff,
            "elements": {name: _finding_dict(finding) for name, finding in self.elements.items()},
            "conflicts": [{"field": conflict.field, "sheet_value": conflict.sheet_value,
                           "document_finding": _finding_dict(conflict.document_finding)}
                          for conflict in self.conflicts],
            "amounts": self.amounts,
            "dispute_focus": self.focus.to_dict() if hasattr(self.focus, "to_dict") else self.focus,
            "missing": list(self.missing),
            "notes": list(self.notes),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(jsonable(self.to_dict()), ensure_ascii=False, indent=indent)


_REGISTRY: dict[str, CasePipeline] = {}  # every cause the assistant knows is worked inside a case
# Causes `omnicourt assist` analyses whose cases are worked elsewhere (a criminal charge inside a 刑初 case), so
# that the civil case's service (`find`) never meets them; a pipeline here prints its own `report`.
_COMMAND_ONLY: dict[str, CausePipeline] = {}


def register(pipeline: CasePipeline) -> CasePipeline:
    """Make a pipeline reachable by its cause name and its cause code."""
    _REGISTRY[pipeline.cause] = pipeline
    _REGISTRY[pipeline.code] = pipeline
    return pipeline


def find(cause: str) -> CasePipeline | None:
    """The pipeline of a cause by its name or code; None when the cause has none."""
    return _REGISTRY.get(cause.strip())


def pipeline_for(cause: str) -> CausePipeline:
    pipeline = find(cause) or _COMMAND_ONLY.get(cause.strip())
    if pipeline is None:
        known = "、".join(sorted({p.cause for p in (*_REGISTRY.values(), *_COMMAND_ONLY.values())}))
        raise InvalidInput(f"智能辅助暂不支持该案由：{cause}（已支持：{known}）", field="cause")
    return pipeline


def analyse(cause: str, documents: Sequence[CaseDocument], *, cutoff: date | None = None,
            sheet: Elements | None = None, apply_cap: bool | None = None) -> Analysis:
    """Elements with their sources, conflicts between sources, the dispute focus and the computed amounts.

    The cut-off is the one given, else the one claimed (claim.cutoff); without either, or without an element
    the computation needs, `amounts` is None and `missing` names what to add. `apply_cap` None: the legal cap
    applies as the cause's law says (for a loan: on the borrower's request); True / False forces it.
    """
    pipeline = pipeline_for(cause)
    elements, conflicts = pipeline.reconcile(sheet, pipeline.extract(list(documents)))
    focus = pipeline.focus(list(documents), elements)
    cutoff = cutoff or _value(elements, "claim.cutoff")
    amounts = None
    missing: tuple[str, ...] = ()
    if cutoff is None:
        missing = ("claim.cutoff",)
    else:
        try:
            amounts = pipeline.compute(elements, cutoff=cutoff, focus=focus, apply_cap=apply_cap)
        except KeyError as error:
            missing = (str(error.args[0]),)
    return Analysis(pipeline.cause, pipeline.code, elements, conflicts, amounts, focus, cutoff, missing)


def _value(elements: Elements, name: str) -> Any:
    finding = elements.get(name)
    return None if finding is None else finding.value


def _finding_dict(finding: Finding) -> dict:
    return {"value": finding.value, "document": finding.document, "start": finding.start, "end": finding.end,
            "quote": finding.quote, "confidence": finding.confidence}


def jsonable(value: Any) -> Any:
    """Plain JSON values: Decimal as a string (money stays exact), dates in ISO form, dataclasses as objects."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    return value


# The loan causes: one shared core, configured per cause (assistant/loans/causes.py).
from omnicourt.assistant.loans.pipeline import FINANCIAL_LOAN_PIPELINE, PRIVATE_LENDING_PIPELINE  # noqa: E402

register(FINANCIAL_LOAN_PIPELINE)
register(PRIVATE_LENDING_PIPELINE)

# Drunk driving (危险驾驶罪): analysed by the command and inside criminal cases (omnicourt.criminal).
from omnicourt.assistant.drunk_driving.pipeline import DRUNK_DRIVING_PIPELINE  # noqa: E402

_COMMAND_ONLY[DRUNK_DRIVING_PIPELINE.cause] = _COMMAND_ONLY[DRUNK_DRIVING_PIPELINE.code] = DRUNK_DRIVING_PIPELINE
