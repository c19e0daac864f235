"""The AI judge assistant's pipeline per cause (案由): extract → reconcile → compute → dispute focus → draft.

Each cause brings its own steps behind the `CausePipeline` protocol and registers under its name and its code in
data/causes.csv, so sales contracts, drunk driving or administrative non-litigation review can be added by
registering one more pipeline, without touching `analyse`. Financial loan disputes (金融借款合同纠纷) come first.
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
from omnicourt.assistant.loans.elements import Elements, Finding
from omnicourt.errors import InvalidInput


class CausePipeline(Protocol):
    """The steps of one cause. Elements are field -> Finding (see assistant/loans/elements.py)."""

    cause: str          # the cause's name, e.g. 金融借款合同纠纷
    code: str           # its code in data/causes.csv

    def extract(self, documents: Sequence[CaseDocument]) -> Elements: ...

    def reconcile(self, sheet: Elements | None, found: Elements) -> tuple[Elements, list]: ...

    def compute(self, elements: Elements, *, cutoff: date, focus: Any, apply_cap: bool | None = None) -> Any: ...

    def focus(self, documents: Sequence[CaseDocument], elements: Elements) -> Any: ...

    def draft(self, case: Any) -> bytes: ...


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


_REGISTRY: dict[str, CausePipeline] = {}


def register(pipeline: CausePipeline) -> CausePipeline:
    """Make a pipeline reachable by its cause name and its cause code."""
    _REGISTRY[pipeline.cause] = pipeline
    _REGISTRY[pipeline.code] = pipeline
    return pipeline


def pipeline_for(cause: str) -> CausePipeline:
    pipeline = _REGISTRY.get(cause.strip())
    if pipeline is None:
        known = "、".join(sorted({p.cause for p in _REGISTRY.values()}))
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
    amounts, missing = None, ()
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


class FinancialLoanPipeline:
    """金融借款合同纠纷: rule-based extraction, the loan calculator, the loan dispute focus, the loan draft."""

    cause = "金融借款合同纠纷"
    code = "cont.contract.loan.financial"

    def extract(self, documents: Sequence[CaseDocument]) -> Elements:
        from omnicourt.assistant.loans.extract import extract

        return extract(list(documents))

    def reconcile(self, sheet: Elements | None, found: Elements) -> tuple[Elements, list]:
        from omnicourt.assistant.loans.extract import reconcile

        return reconcile(sheet, found)

    def compute(self, elements: Elements, *, cutoff: date, focus: Any, apply_cap: bool | None = None) -> Any:
        """The amounts to the cut-off. By default the 24 % combined cap is applied when the borrower asks for it
        (a rate_above_cap point in the defence), as 法发〔2017〕22号 says (court-rules.md §4.2 [S])."""
        from omnicourt.assistant.loans.compute import compute
        from omnicourt.assistant.loans.elements import to_terms
        from omnicourt.interest.lpr import LprTable

        if apply_cap is None:
            apply_cap = focus is not None and focus.point("rate_above_cap") is not None
        return compute(to_terms(elements), cutoff=cutoff, lpr=LprTable.load(), apply_cap=apply_cap)

    def focus(self, documents: Sequence[CaseDocument], elements: Elements) -> Any:
        from omnicourt.assistant.loans.focus import dispute_focus

        return dispute_focus(documents, elements)

    def draft(self, case: Any) -> bytes:
        from omnicourt.assistant.loans.draft import draft_judgment

        return draft_judgment(case)


register(FinancialLoanPipeline())
