"""The loan-claim reader on the real judgments' dev part (../shared/data/loan-judgments/, never committed): a floor
per field that fails on any regression. Skipped when the folder is absent."""

import pytest

from omnicourt.assistant.evaluation import (
    REAL_FIELDS,
    evaluate_real,
    load_real,
    loan_found,
    loan_truth,
    real_data_path,
)

# Measured on the dev part (20 records); a drop below any of these is a regression.
DEV_FLOOR = {"principal": 1.0, "interest": 1.0, "cutoff": 1.0, "defence_filed": 1.0, "total": 1.0, "fee": 1.0,
             "cause": 1.0}


@pytest.fixture(scope="module")
def dev_scores():
    path = real_data_path()
    if not path.exists():
        pytest.skip(f"真实借款裁判文书集不在 {path}（../shared/data/loan-judgments/ 未提供），跳过")
    return evaluate_real(load_real("dev", path), loan_truth, loan_found, REAL_FIELDS)


@pytest.mark.parametrize("name", REAL_FIELDS)
def test_dev_floor(dev_scores, name):
    score = dev_scores[name]
    assert score.labelled > 0
    assert score.accuracy >= DEV_FLOOR[name], score.misses


def test_a_second_cause_plugs_in_its_own_evaluator():
    records = [{"id": "x-1", "labels": {"n": 3}}, {"id": "x-2", "labels": {"n": None}}]
    scores = evaluate_real(records, lambda r: r["labels"], lambda r: {"n": 4}, ("n",))
    assert (scores["n"].labelled, scores["n"].correct) == (1, 0)
    assert scores["n"].misses == ["x-1: 得 4 / 应 3"]
