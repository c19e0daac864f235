"""The loans core as a cause pipeline (assistant/pipeline.py): one class, configured per loan cause
(assistant/loans/causes.py). Extraction, the dispute focus, the calculator and the draft are shared where the law is
the same (principal, rate, dates, repayments, guarantees); the cause decides who lends, the cap and the defaults.

Besides the steps of `analyse`, the pipeline answers what the case's service, API and pages ask of a cause: the
fields it knows, how each is read, labelled, ordered and shown, the fields a draft needs, the amounts as the judge's
decisions leave them, and the draft built from the settled values.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from omnicourt.assistant.documents import CaseDocument
from omnicourt.assistant.loans import draft as loan_draft
from omnicourt.assistant.loans import focus as loan_focus
from omnicourt.assistant.loans.causes import FINANCIAL_LOAN, PRIVATE_LENDING, LoanCause
from omnicourt.assistant.loans.extract import extract, normalise, reconcile
from omnicourt.assistant.record import CaseRecord
from omnicourt.errors import InvalidInput
from omnicourt.filing.elements import cells as sheet_cells
from omnicourt.filing.elements import rows as sheet_rows
from omnicourt.interest.lpr import LprTable
from omnicourt.interest.rules import private_lending_cap
from omnicourt.loans.compute import LoanAmounts, RateCap, compute
from omnicourt.loans.elements import PARTY_GROUPS, Elements, LoanTerms, to_terms

# The elements no draft can do without (to_terms needs them; the claim needs its cut-off and principal).
REQUIRED_FIELDS = ("lender.name", "borrower.1.name", "contract.date", "loan.principal", "loan.term_start",
                   "loan.term_end", "loan.rate", "claim.cutoff", "claim.principal")
# Kinds the element sheet has no column for (filing/elements/cells.py gives the rest).
OWN_KINDS = {"defence.filed": "yes_no", "lender.id_number": "id"}


class LoanPipeline:
    """A loan cause: rule-based extraction, the loan calculator, the loan dispute focus, the loan draft."""

    def __init__(self, loan_cause: LoanCause):
        self.loan_cause = loan_cause
        self.cause = loan_cause.name
        self.code = loan_cause.code
        self.required_fields: tuple[str, ...] = REQUIRED_FIELDS

    # ------------------------------------------------------------ the steps of analyse

    def extract(self, documents: Sequence[CaseDocument]) -> Elements:
        """The shared extraction, keeping only the fields of this cause (a bank has no ID number, a person no
        负责人)."""
        found = extract(list(documents))
        kept = {name: finding for name, finding in found.items() if self.known_field(name)}
        found.candidates = {name: items for name, items in found.candidates.items() if self.known_field(name)}
        found.clear()
        found.update(kept)
        return found

    def reconcile(self, sheet: Elements | None, found: Elements) -> tuple[Elements, list]:
        return reconcile(sheet, found)

    def compute(self, elements: Elements, *, cutoff: date, focus: Any, apply_cap: bool | None = None) -> LoanAmounts:
        """The amounts to the cut-off. A financial loan: the 24 % combined cap when the borrower asks for it (a
        rate_above_cap point in the defence), as 法发〔2017〕22号 says (court-rules.md §4.2 [S]). Private lending:
        the cap of 民间借贷规定 arts 25, 28, 29, 31 always (§4.1)."""
        terms = self.terms(elements)
        lpr = LprTable.load()
        if self.loan_cause.cap == "private_4lpr":
            return compute(terms, cutoff=cutoff, lpr=lpr, rate_cap=self._private_cap(terms, cutoff, lpr),
                           penalty_name=self.loan_cause.penalty_name)
        if apply_cap is None:
            apply_cap = focus is not None and focus.point("rate_above_cap") is not None
        return compute(terms, cutoff=cutoff, lpr=lpr, apply_cap=apply_cap)

    def focus(self, documents: Sequence[CaseDocument], elements: Elements) -> loan_focus.DisputeFocus:
        return loan_focus.dispute_focus(documents, elements)

    def draft(self, case: loan_draft.DraftCase) -> bytes:
        return loan_draft.draft_judgment(case)

    def terms(self, elements: Elements) -> LoanTerms:
        return to_terms(elements, penalty_uplift=self.loan_cause.penalty_uplift, compound=self.loan_cause.compound)

    @staticmethod
    def _private_cap(terms: LoanTerms, cutoff: date, lpr: LprTable) -> RateCap:
        """The cap in force for the loan. The suit is taken as of the claimed cut-off (the complaint's day is not an
        element); for a contract before 2020-08-20 the cap in force at the cut-off is taken throughout, and the
        interest to 2020-08-19, which art. 31 lets follow the old standard, is left to the judge."""
        periods = private_lending_cap(terms.contract_date, max(cutoff, terms.contract_date), lpr)
        note = "" if len(periods) == 1 else (
            "合同成立于2020年8月20日之前：已按起诉时的利率保护标准计算；2020年8月19日之前的利息可适用原司法解释的"
            "利率保护标准（民间借贷规定第三十一条），请核对。")
        return RateCap(periods[-1].annual_cap, periods[-1].lpr, periods[-1].source, note)

    # ------------------------------------------------------------ the fields of this cause

    def known_field(self, field: str) -> bool:
        """A scalar field of this cause, or ``group.N.attribute`` of a repeated group."""
        if field in self.loan_cause.scalar_fields:
            return True
        parts = field.split(".")
        return (len(parts) == 3 and parts[0] in PARTY_GROUPS and parts[1].isdigit() and int(parts[1]) >= 1
                and parts[2] in PARTY_GROUPS[parts[0]])

    def field_kind(self, field: str) -> str:
        """How a field's value is read: the kind of its element-sheet column (filing/elements/cells.py), one
        truth for both."""
        if field in OWN_KINDS:
            return OWN_KINDS[field]
        parts = field.split(".")
        key = field if len(parts) != 3 else f"{parts[0]}.1.{parts[2]}"
        if key in sheet_cells.COLUMNS_BY_KEY:
            return sheet_cells.COLUMNS_BY_KEY[key].kind
        return {"date": "date", "amount": "money"}.get(parts[-1], "text")

    def label(self, field: str) -> str:
        if field in self.loan_cause.labels:
            return self.loan_cause.labels[field]
        if field == "defence.filed":  # not a fact of the dispute, so the taxonomy has no label for it
            return "被告是否答辩"
        return loan_focus.field_label(loan_focus.taxonomy(), field)

    def field_order(self, field: str) -> tuple:
        """The order the judge reads elements in: the scalar fields, then the groups by index."""
        scalars = self.loan_cause.scalar_fields
        if field in scalars:
            return (0, scalars.index(field), 0, 0)
        group, index, attribute = (field.split(".") + ["", "", ""])[:3]
        groups = list(PARTY_GROUPS)
        attributes = PARTY_GROUPS.get(group, ())
        return (1, groups.index(group) if group in groups else 99, int(index) if index.isdigit() else 0,
                attributes.index(attribute) if attribute in attributes else 99)

    def point_order(self, code: str) -> int:
        codes = [kind.code for kind in loan_focus.taxonomy().points]
        return codes.index(code) if code in codes else len(codes)

    def parse(self, field: str, raw: Any) -> Any:
        """A value the judge typed, typed by its field; InvalidInput in Chinese naming the field otherwise."""
        if not self.known_field(field):
            raise InvalidInput(f"未知的要素：{field}", field="field")
        label = self.label(field)
        if isinstance(raw, bool):
            raw = "是" if raw else "否"
        text = sheet_cells.cell_text(raw)
        if not text:
            raise InvalidInput(f"请填写「{label}」的更正值", field="value")
        kind = self.field_kind(field)
        try:
            value = sheet_cells.READERS[kind](text)
        except Exception as error:  # the sheet's readers refuse with a Chinese message of their own
            message = getattr(error, "message", None)
            if message is None:
                raise
            raise InvalidInput(f"「{label}」：{message}", field="value") from None
        if kind == "id":
            value = value[1]  # (natural / legal, number): the element keeps the number, as to_elements does
        if field in sheet_cells.POSITIVE and value <= 0:
            raise InvalidInput(f"「{label}」应大于零", field="value")
        if kind == "yes_no" and field == "defence.filed":
            return bool(value)
        return value

    def decode(self, field: str, stored: Any) -> Any:
        """A value from its JSON form in the table (dates ISO, amounts as exact decimal strings)."""
        kind = self.field_kind(field)
        if stored is None:
            return None
        if kind == "date":
            return date.fromisoformat(stored)
        if kind in ("money", "uplift"):
            return Decimal(stored)
        if kind == "day_count":
            return int(stored)
        return stored

    def same(self, field: str, stored: Any, reading: Any) -> bool:
        return normalise(self.decode(field, stored)) == normalise(self.decode(field, reading))

    def display(self, field: str, stored: Any) -> str:
        """A stored value as the judge reads it: amounts with separators, yes / no, guarantee kinds in Chinese."""
        if stored is None:
            return "—"
        kind = self.field_kind(field)
        if kind == "money":
            return f"{Decimal(stored):,.2f} 元"
        if kind == "uplift":
            return f"{Decimal(stored) * 100:.0f}%"
        if isinstance(stored, bool):
            return "是" if stored else "否"
        if kind == "kind":
            return {code: label for label, code in sheet_cells.GUARANTEE_KINDS.items()}.get(stored, str(stored))
        return str(stored)

    def sheet_elements(self, stored: dict) -> Elements:
        """The element sheet filed with the case (要素式起诉), as elements."""
        return sheet_rows.elements_from_json(stored)

    # ------------------------------------------------------------ the judge's decisions

    def amounts(self, values: Elements, points: Sequence[Any]) -> LoanAmounts:
        """The amounts from the values, following the judge's decisions on the stored points (rows with code,
        status, decision, reason): costs (律师费等) a decision for the defendant defeats are no longer added (nor
        counted against the cap). KeyError names a missing element; InvalidInput a value the calculator refuses."""
        values = dict(values)
        upheld = [decision.code for decision in decisions(points) if decision.upheld]
        if any("fees" in loan_focus.taxonomy().kind(code).defeats for code in upheld):
            values.pop("claim.fees", None)
        cutoff = values["claim.cutoff"].value if "claim.cutoff" in values else None
        if cutoff is None:
            raise KeyError("claim.cutoff")
        return self.compute(values, cutoff=cutoff, focus=self.stored_focus(points), apply_cap=_apply_cap(points))

    def award(self, values: Elements, amounts: LoanAmounts, points: Sequence[Any]) -> list[loan_draft.AwardLine]:
        """Per money claim: computed, claimed, what the draft would order."""
        return loan_draft.award_lines(self.terms(values), amounts,
                                      loan_draft.rule_on(self.stored_focus(points), decisions(points)),
                                      loan_draft.claim_labels(self.loan_cause))

    def amount_columns(self) -> tuple[tuple[str, str], ...]:
        """The columns of the amounts table on the judge's screen: (attribute of the amounts, label)."""
        return (("principal", "本金"), ("interest", "利息"), ("penalty", self.loan_cause.penalty_name),
                ("compound", "复利"), ("fees", "费用"), ("total", "合计"))

    def stored_focus(self, points: Sequence[Any], stored: dict | None = None,
                     settled: Elements | None = None) -> loan_focus.DisputeFocus:
        """The dispute focus as the judge holds it: the stored points with their statements, the complaint's claims
        and default-judgment reading of the latest run (`stored`), and the facts left undisputed among the settled
        elements."""
        taxonomy = loan_focus.taxonomy()
        disputed = []
        for row in points:
            kind = taxonomy.kind(row.code)
            statements = tuple(loan_focus.Statement(s["document"], s["start"], s["end"], s["quote"],
                                                    s.get("speaker", "")) for s in row.statements)
            disputed.append(loan_focus.DisputedPoint(row.code, row.label, row.issue or kind.issue, statements,
                                                     kind.contests, kind.defeats))
        stored = stored or {}
        claims = tuple(loan_focus.Statement(c["document"], c["start"], c["end"], c["quote"])
                       for c in stored.get("claims", []))
        contests = [name for point in disputed for name in point.contests]
        undisputed = tuple(fact for fact in loan_focus.dispute_focus([], settled or {}).undisputed
                           if not loan_focus.contested(fact.field, contests))
        return loan_focus.DisputeFocus(claims=claims, points=tuple(disputed), undisputed=undisputed,
                                       default_judgment=bool(stored.get("default_judgment", False)))

    def draft_case(self, settled: Elements, amounts: LoanAmounts, points: Sequence[Any], stored: dict,
                   record: CaseRecord) -> loan_draft.DraftCase:
        """The draft of the settled values and the judge's decisions, with what the case's record says."""
        return loan_draft.DraftCase(
            court_name=record.court_name, case_number=record.case_number, terms=self.terms(settled), amounts=amounts,
            focus=self.stored_focus(points, stored, settled), procedure=record.procedure, filed_on=record.filed_on,
            judgment_date=record.judgment_date, judges=record.judges, clerk="", appeal_court=record.appeal_court,
            hearing=record.hearing, point_decisions=decisions(points), cause=self.loan_cause)


def decisions(points: Sequence[Any]) -> tuple[loan_draft.PointDecision, ...]:
    """The judge's decisions so far: supported means the defendant's contention is upheld."""
    return tuple(loan_draft.PointDecision(row.code, row.decision == "supported", row.reason)
                 for row in points if row.status == "decided")


def _apply_cap(points: Sequence[Any]) -> bool | None:
    """The 24 % combined cap follows the judge's decision on the borrower's request; undecided: the law's default."""
    for point in points:
        if point.code == "rate_above_cap" and point.status == "decided":
            return point.decision == "supported"
    return None


FINANCIAL_LOAN_PIPELINE = LoanPipeline(FINANCIAL_LOAN)
PRIVATE_LENDING_PIPELINE = LoanPipeline(PRIVATE_LENDING)
