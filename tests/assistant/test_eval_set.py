from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from omnicourt.assistant.evaluation import SET_DIR, EvalCase, evaluate, load_set, typed_labels
from omnicourt.assistant.loans.casefiles import generate
from omnicourt.assistant.loans.extract import extract, normalise, reconcile


@pytest.fixture(scope="module")
def generated() -> list[EvalCase]:
    return load_set(SET_DIR / "cases.jsonl")


@pytest.fixture(scope="module")
def adversarial() -> list[EvalCase]:
    return load_set(SET_DIR / "adversarial.jsonl")


def test_the_committed_set_loads_with_labels(generated, adversarial):
    assert len(generated) >= 200 and len(adversarial) >= 12
    assert len({case.case_id for case in generated}) == len(generated)
    for case in generated + adversarial:
        assert {"loan.principal", "loan.rate", "claim.cutoff", "borrower.1.name"} <= set(case.labels)
        assert set(case.amounts) == {"principal", "interest", "penalty", "compound", "fees", "total"}
        assert {d.kind for d in case.documents} >= {"complaint", "loan_contract"}
    assert all(case.note for case in adversarial)
    assert sum(Path(SET_DIR, name).stat().st_size for name in ("cases.jsonl", "adversarial.jsonl")) < 5_000_000


def test_the_generator_is_reproducible_and_matches_the_committed_set(generated):
    first = generate(20260601, 3)
    assert [c.documents for c in first] == [c.documents for c in generate(20260601, 3)]
    for made, committed in zip(first, generated, strict=False):
        assert [d.text for d in made.documents] == [d.text for d in committed.documents]
        assert {k: normalise(v) for k, v in made.elements.items()} == \
               {k: normalise(v) for k, v in committed.labels.items()}


def test_extraction_floor_on_a_slice_of_the_generated_set(generated):
    report = evaluate(generated[:60])
    assert report.f1 >= 0.98 and report.amounts_exact >= 0.95
    assert report.seconds_p95 < 1.0


def test_extraction_floor_on_the_adversarial_set(adversarial):
    report = evaluate(adversarial)
    assert report.f1 >= 0.95 and report.precision >= 0.98
    assert report.amounts_exact is not None and report.amounts_exact >= 0.85


def test_a_case_file_without_the_claimed_cut_off_scores_a_miss_not_a_crash(generated):
    contract_only = replace(generated[0], documents=[d for d in generated[0].documents if d.kind == "loan_contract"])
    report = evaluate([contract_only])
    assert report.amounts_exact == 0 and report.amounts_error is None


def test_every_finding_on_the_sets_quotes_its_span(generated, adversarial):
    for case in generated[:40] + adversarial:
        texts = {d.name: d.text for d in case.documents}
        for finding in extract(case.documents).values():
            if finding.document:
                assert texts[finding.document][finding.start:finding.end] == finding.quote, (case.case_id, finding)


def test_adversarial_conflicts_are_reported(adversarial):
    by_id = {case.case_id: case for case in adversarial}
    conflicts = {case_id: [(c.field, c.document_finding.value) for c in reconcile(None, extract(
        by_id[case_id].documents))[1]] for case_id in ("ADV-01", "ADV-05", "ADV-14")}
    assert conflicts["ADV-01"] == [("loan.principal", Decimal("500000.00"))]
    assert conflicts["ADV-05"] == [("guarantor.1.name", "宋蔷")]
    assert conflicts["ADV-14"] == [("contract.number", "JK2020021010")]


def test_labels_read_back_as_element_values(generated):
    case = generate(20260601, 1)[0]
    assert typed_labels(generated[0].labels) == case.elements
