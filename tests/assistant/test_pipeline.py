"""The per-cause pipeline: analyse() on a hand-written case file, the registry, the JSON shape."""

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from omnicourt.assistant import pipeline
from omnicourt.assistant.documents import read_document
from omnicourt.assistant.pipeline import analyse, pipeline_for
from omnicourt.errors import InvalidInput
from omnicourt.loans.elements import Finding
from omnicourt.reference import tables

FILES = Path(__file__).parent / "files"
LOAN = "金融借款合同纠纷"


@pytest.fixture(scope="module")
def documents():
    return [read_document(path) for path in sorted(FILES.glob("*.txt"))]


def test_elements_keep_their_source_spans(documents):
    analysis = analyse(LOAN, documents)
    texts = {document.name: document.text for document in documents}
    rate = analysis.elements["loan.rate"]
    assert rate.value == "年利率6.12%" and rate.document == "借款合同.txt"
    assert texts[rate.document][rate.start:rate.end] == rate.quote
    assert analysis.elements["loan.principal"].value == Decimal("100000.00")


def test_amounts_are_computed_to_the_claimed_cutoff_with_the_cap_requested(documents):
    analysis = analyse(LOAN, documents)
    assert analysis.cutoff == date(2024, 3, 20) and analysis.missing == ()
    amounts = analysis.amounts
    assert amounts.cutoff == date(2024, 3, 20)
    assert amounts.principal == Decimal("100000.00")
    assert amounts.penalty_rate == Decimal("0.0918")          # 6.12 % + 50 % (court-rules.md §4.2)
    assert amounts.total == amounts.principal + amounts.interest + amounts.penalty + amounts.compound + amounts.fees
    # The defence asks to reduce the rate: the 24 % review is requested (法发〔2017〕22号, §4.2).
    assert amounts.cap.requested is True


def test_the_cap_is_not_applied_unless_the_borrower_asks(documents):
    without_defence = [document for document in documents if document.kind != "defence"]
    assert analyse(LOAN, without_defence).amounts.cap.requested is False
    assert analyse(LOAN, without_defence, apply_cap=True).amounts.cap.requested is True


def test_the_dispute_focus_comes_from_the_defence(documents):
    focus = analyse(LOAN, documents).focus
    assert [point.code for point in focus.points] == ["rate_above_cap", "guarantor_denies_signing"]
    assert focus.point("guarantor_denies_signing").statements[0].document == "答辩状.txt"
    assert not focus.default_judgment
    no_defence = analyse(LOAN, [d for d in documents if d.kind != "defence"]).focus
    assert no_defence.default_judgment and no_defence.points == ()


def test_a_given_cutoff_wins_and_without_one_the_amounts_wait(documents):
    assert analyse(LOAN, documents, cutoff=date(2024, 6, 30)).amounts.cutoff == date(2024, 6, 30)
    contract_only = [d for d in documents if d.kind == "loan_contract"]
    analysis = analyse(LOAN, contract_only)
    assert analysis.amounts is None and analysis.missing == ("claim.cutoff",)


def test_the_element_sheet_comes_first_and_a_contradiction_is_a_conflict(documents):
    sheet = {"loan.principal": Finding("loan.principal", Decimal("120000.00"), "element_sheet", 0, 0, 1.0)}
    analysis = analyse(LOAN, documents, sheet=sheet)
    assert analysis.elements["loan.principal"].value == Decimal("120000.00")
    assert any(c.field == "loan.principal" and c.document_finding.document == "借款合同.txt"
               for c in analysis.conflicts)


def test_the_cause_is_found_by_name_or_code_and_the_code_is_in_the_cause_table():
    assert pipeline_for(LOAN) is pipeline_for("cont.contract.loan.financial")
    row = next(row for row in tables.causes() if row["code"] == pipeline_for(LOAN).code)
    assert row["name"] == LOAN


def test_an_unknown_cause_is_refused_in_chinese(documents):
    with pytest.raises(InvalidInput) as refused:
        analyse("买卖合同纠纷", documents)
    assert refused.value.field == "cause"
    assert "暂不支持该案由：买卖合同纠纷" in refused.value.message and LOAN in refused.value.message


def test_a_new_cause_plugs_in_without_changing_analyse(monkeypatch, documents):
    @dataclass
    class SalesPipeline:
        cause: str = "买卖合同纠纷"
        code: str = "cont.contract.sale"

        def extract(self, documents):
            return {"sale.price": Finding("sale.price", Decimal("50000"), documents[0].name, 0, 2, 0.9, "货款")}

        def reconcile(self, sheet, found):
            return found, []

        def compute(self, elements, *, cutoff, focus, apply_cap=None):
            return {"price": elements["sale.price"].value, "cutoff": cutoff}

        def focus(self, documents, elements):
            return {"points": []}

        def draft(self, case):
            return b""

    monkeypatch.setattr(pipeline, "_REGISTRY", dict(pipeline._REGISTRY))
    pipeline.register(SalesPipeline())
    analysis = analyse("cont.contract.sale", documents, cutoff=date(2024, 1, 1))
    assert analysis.cause == "买卖合同纠纷"
    assert json.loads(analysis.to_json())["amounts"] == {"price": "50000", "cutoff": "2024-01-01"}


def test_to_json_is_plain_json_with_exact_money(documents):
    data = json.loads(analyse(LOAN, documents).to_json())
    assert data["cause_code"] == "cont.contract.loan.financial"
    assert data["elements"]["loan.rate"]["quote"] == "年利率6.12%"
    assert data["amounts"]["principal"] == "100000.00"
    assert data["amounts"]["running"][0]["text"].startswith("自2024年3月21日起至实际清偿之日止")
    assert [p["code"] for p in data["dispute_focus"]["points"]] == ["rate_above_cap", "guarantor_denies_signing"]
    assert data["dispute_focus"]["default_judgment"] is False
