"""The drunk-driving cause (危险驾驶罪) behind the assistant's pipeline: extract → (no reconcile) → sentence.

`analyse` reads the elements and computes the suggestion; `report` is what `omnicourt assist --cause 危险驾驶罪`
prints: the elements with their spans and `sentence` (`term_months`, `fine`, `probation`, the steps and the
articles), plus the procuratorate's suggestion and where the assistant's own calculation differs from it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from omnicourt.assistant.documents import CaseDocument
from omnicourt.assistant.drunk_driving import extract as extraction
from omnicourt.assistant.drunk_driving import rules
from omnicourt.loans.elements import Elements

CAUSE = "危险驾驶罪"
CODE = "刑133-1"  # 刑法 art. 133-1; criminal charges have no code in data/causes.csv (a civil list)
IN_CUSTODY = ("逮捕", "羁押", "刑事拘留")  # the measures that hold the defendant at trial


def circumstances(elements: Elements) -> rules.Circumstances:
    def on(name: str) -> bool:
        return bool(elements.get(name) and elements[name].value)

    bac = elements.get("bac.mg_per_100ml")
    responsibility = elements.get("accident.responsibility")
    custody = elements.get("custody.measure")
    return rules.Circumstances(
        bac=None if bac is None else float(bac.value),
        accident=on("accident.occurred"),
        main_responsibility=responsibility is not None and responsibility.value in ("全部", "主要"),
        injury=on("accident.injury"), fled=on("accident.fled"), no_licence=on("licence.none"),
        expressway=on("road.expressway"), heavy_goods=on("vehicle.heavy_goods"), passenger=on("vehicle.passenger"),
        evaded_inspection=on("inspection.evaded"), prior_drink_driving=on("prior.drink_driving"),
        prior_dangerous_driving=on("prior.dangerous_driving"), prior_criminal=on("prior.criminal"),
        surrender=on("confession.surrender"), frank=on("confession.frank"), guilty_plea=on("plea.guilty"),
        compensation=on("compensation.paid"), forgiveness=on("forgiveness"),
        in_custody=custody is not None and custody.value in IN_CUSTODY)


def prosecution_of(elements: Elements) -> rules.ProsecutionSuggestion | None:
    term = elements.get("prosecution.term_months")
    if term is None:
        return None
    fine = elements.get("prosecution.fine")
    probation = elements.get("prosecution.probation")
    return rules.ProsecutionSuggestion(term.value, None if fine is None else Decimal(fine.value),
                                       None if probation is None else bool(probation.value))


@dataclass(frozen=True)
class DrunkDrivingAnalysis:
    elements: Elements
    sentence: rules.Sentence          # the suggestion (adopting the procuratorate's where art. 201 says so)
    own: rules.Sentence               # the assistant's own calculation, without the procuratorate's suggestion
    prosecution: rules.ProsecutionSuggestion | None
    differences: tuple[str, ...]

    def to_dict(self) -> dict:
        return {
            "cause": CAUSE,
            "cause_code": CODE,
            "elements": {name: {"label": extraction.LABELS.get(name, name), "value": f.value,
                                "document": f.document, "start": f.start, "end": f.end, "quote": f.quote,
                                "confidence": f.confidence} for name, f in self.elements.items()},
            "aggravating": aggravating_with_spans(self.elements),
            "sentence": sentence_dict(self.sentence),
            "own_calculation": sentence_dict(self.own),
            "prosecution": None if self.prosecution is None else {
                "term_months": self.prosecution.term_months,
                "fine": None if self.prosecution.fine is None else int(self.prosecution.fine),
                "probation": self.prosecution.probation},
            "differences_from_prosecution": list(self.differences),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


# The opinion's art. 10 items and the elements they are read from (the first present one gives the span).
_ITEM_FIELDS = {"（一）": ("accident.responsibility",), "（二）": ("accident.fled",), "（三）": ("licence.none",),
                "（六）": ("vehicle.passenger",), "（八）": ("road.expressway",), "（九）": ("vehicle.heavy_goods",),
                "（十一）": ("inspection.evaded",), "（十三）": ("prior.drink_driving",),
                "（十四）": ("prior.dangerous_driving",)}


def aggravating_with_spans(elements: Elements) -> list[dict]:
    """The art. 10 circumstances present, each with the element and the span it was read from."""
    out = []
    for item in rules.aggravating(circumstances(elements)):
        number = item[:item.index("）") + 1]
        source = next((elements[f] for f in _ITEM_FIELDS.get(number, ()) if f in elements), None)
        out.append({"item": item, "element": None if source is None else source.field,
                    "document": None if source is None else source.document,
                    "start": None if source is None else source.start, "end": None if source is None else source.end,
                    "quote": None if source is None else source.quote})
    return out


def sentence_dict(sentence: rules.Sentence) -> dict:
    return {"term_months": sentence.term_months, "fine": int(sentence.fine), "probation": sentence.probation,
            "probation_months": sentence.probation_months,
            "steps": [{"rule": s.rule, "effect": s.effect, "articles": list(s.articles)} for s in sentence.steps],
            "articles": list(sentence.articles), "warnings": list(sentence.warnings)}


def analyse(documents: Sequence[CaseDocument], *, sheet: Elements | None = None,
            minor: bool = False) -> DrunkDrivingAnalysis:
    """Elements from the documents, those of `sheet` (what a case registered: the plea, the custody measure, the
    procuratorate's suggestion) standing over them; `minor` a defendant under 18 (probation mandatory)."""
    elements = {**extraction.extract(documents), **(sheet or {})}
    facts = dataclasses.replace(circumstances(elements), minor=minor)
    prosecution = prosecution_of(elements)
    own = rules.suggest(facts)
    sentence = rules.suggest(facts, prosecution)
    diffs = tuple(rules.differences(own, prosecution)) if prosecution else ()
    return DrunkDrivingAnalysis(elements, sentence, own, prosecution, diffs)


def analyse_text(text: str, name: str = "起诉书") -> DrunkDrivingAnalysis:
    return analyse([CaseDocument(name, "other", text)])


class DrunkDrivingPipeline:
    """The cause's steps for the assistant's registry. Drunk driving computes a sentence, not amounts; `report`
    is what `omnicourt assist` prints for it. It is not a civil case pipeline: `service.pipeline_of` never meets
    its code, because criminal cases carry their charge, not a civil cause code."""

    cause = CAUSE
    code = CODE

    def extract(self, documents: Sequence[CaseDocument]) -> Elements:
        return extraction.extract(documents)

    def reconcile(self, sheet: Elements | None, found: Elements) -> tuple[Elements, list]:
        return ({**found, **(sheet or {})}, [])

    def compute(self, elements: Elements, *, cutoff: date | None = None, focus: Any = None,
                apply_cap: bool | None = None) -> rules.Sentence:
        return rules.suggest(circumstances(elements), prosecution_of(elements))

    def focus(self, documents: Sequence[CaseDocument], elements: Elements) -> Any:
        return None

    def draft(self, case: Any) -> bytes:
        raise NotImplementedError("危险驾驶罪的判决书草稿尚未提供")

    def report(self, documents: Sequence[CaseDocument]) -> str:
        return analyse(documents).to_json()


DRUNK_DRIVING_PIPELINE = DrunkDrivingPipeline()
