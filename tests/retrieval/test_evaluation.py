import json
import math

import numpy as np
import pytest

from omnicourt.retrieval.evaluation import (
    BM25,
    PROJECT,
    SAMPLE_DIR,
    average_precision,
    bootstrap_p,
    closer_is_b,
    evaluate_judged,
    evaluate_triplets,
    fit_weights,
    ndcg,
    ndcg_lecard,
    published_runs,
    read_judged,
    read_triplets,
    sign_test,
    split_of,
    triplet_accuracy,
)


def test_ndcg_and_map_on_a_three_document_toy():
    grades = {"a": 3, "b": 0, "c": 1}
    ranked = ["b", "a", "c"]
    dcg = 7 / math.log2(3) + 1 / math.log2(4)
    ideal = 7 + 1 / math.log2(3)
    assert ndcg(ranked, grades, 10) == pytest.approx(dcg / ideal)
    assert ndcg(["a", "c", "b"], grades, 10) == pytest.approx(1.0)
    assert average_precision(ranked, grades) == pytest.approx((1 / 2 + 2 / 3) / 2)


def test_ndcg_in_lecards_form_is_linear_over_the_labelled_top_30():
    labels = {"a": 3, "b": 1, "c": 2}
    # "x" is not labelled: gain 0. Linear gains 0, 3, 2 against the ideal 3, 2, 1.
    value = ndcg_lecard(["x", "a", "c", "b"], labels, 3)
    assert value == pytest.approx((3 / math.log2(3) + 2 / 2) / (3 + 2 / math.log2(3) + 1 / 2))
    assert ndcg_lecard(["a", "c", "b"], labels, 10) == pytest.approx(1.0)
    assert ndcg_lecard(["x", "y"], labels, 10) == 0.0  # none of the labelled: 0, as metrics.py counts it
    # Only the first 30 labels of the file count as gains; the 31st is treated as unlabelled in the ranking.
    many = {str(i): 1 for i in range(31)}
    assert ndcg_lecard(["30"], many, 10) == 0.0
    # The exponential form differs: the same ranking scores lower there than in the linear one.
    assert ndcg(["x", "a", "c", "b"], labels, 3) != pytest.approx(value)


def test_ties_are_broken_against_the_relevant_candidate(tmp_path):
    (tmp_path / "queries.jsonl").write_text(json.dumps({"qid": 1, "text": "借款"}) + "\n")
    (tmp_path / "candidates.jsonl").write_text("".join(
        json.dumps({"qid": 1, "cid": cid, "text": "借款"}) + "\n" for cid in ("good", "bad1", "bad2")))
    (tmp_path / "qrels.json").write_text(json.dumps({"1": {"good": 3, "bad1": 0, "bad2": 0}}))
    flat = {BM25: lambda q, docs: np.ones(len(docs))}  # every candidate equal: input order would put "good" first
    report = evaluate_judged(read_judged(tmp_path), flat)
    assert report.mean(BM25, "NDCG@10") == pytest.approx(7 / math.log2(4) / 7)


def test_triplets_as_published_keys_labels_and_the_unlabelled_convention(tmp_path):
    assert closer_is_b("B") and closer_is_b(0) and not closer_is_b("c") and not closer_is_b(1)
    with pytest.raises(ValueError):
        closer_is_b("D")
    lines = [{"A": "甲", "B": "乙", "C": "丙", "label": "C"}, {"a": "甲", "b": "乙", "c": "丙", "label": 0},
             {"A": "甲", "B": "乙", "C": "丙"}, {"a": "甲", "b": "乙", "c": "丙", "label": "1"}]
    (tmp_path / "triplets.jsonl").write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in lines))
    assert [closer for *_, closer in read_triplets(tmp_path)] == [False, True, True, False]


def test_triplet_ties_count_half_and_the_background_never_holds_the_triplets_own_texts():
    triplets = [("醉酒驾驶", "醉酒驾驶 拘役", "离婚 抚养费", True), ("离婚 抚养费", "劳动合同", "离婚 子女", False),
                ("借款 利息", "借款 利息 逾期", "交通事故", True)]
    seen = []

    def recording(query, docs):
        seen.append((query, docs))
        return np.zeros(len(docs))  # every pair tied

    report = evaluate_triplets(triplets, {BM25: recording, "same": recording})
    assert report.accuracy(BM25) == pytest.approx(0.5)
    assert report.comparisons["same"].better == report.comparisons["same"].worse == 0
    for query, docs in seen:
        b, c, background = docs[0], docs[1], docs[2:]
        assert b not in background and c not in background and query not in background
        assert background  # other triplets' texts are there for the collection statistics


def test_triplet_accuracy_on_a_hand_made_set():
    triplets = [("醉酒驾驶 血液酒精含量", "离婚 抚养费", "醉酒驾驶 血液酒精含量 拘役", False),
                ("连带责任保证 罚息", "连带责任保证 复利", "交通事故 骨折", True),
                ("离婚 抚养费", "劳动合同 加班费", "离婚 子女抚养", True)]  # wrong on purpose
    assert triplet_accuracy(triplets)[BM25] == pytest.approx(2 / 3)


def test_sign_test_and_bootstrap():
    assert sign_test(9, 1) == pytest.approx(2 * 11 / 1024)
    assert sign_test(5, 5) == 1.0 and sign_test(0, 0) == 1.0
    assert sign_test(70, 67) > 0.8  # the no-difference the issue reports (p = 0.86)
    assert bootstrap_p([0.1, 0.2, 0.05, 0.15] * 10) < 0.01
    assert bootstrap_p([0.0] * 20) == 1.0
    assert bootstrap_p([0.1, -0.1] * 20) > 0.5


def _lecard_folder(root):
    (root / "query").mkdir(parents=True)
    (root / "label").mkdir()
    (root / "prediction").mkdir()
    queries = [{"ridx": 7, "q": "被告人醉酒驾驶机动车，血液酒精含量为一百五十毫克", "crime": ["危险驾驶罪"]},
               {"ridx": 8, "q": "被告人秘密窃取他人财物，数额较大", "crime": ["盗窃罪"]}]
    (root / "query" / "query.json").write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in queries))
    candidates = {
        "7": {"1": ("醉酒驾驶机动车 血液酒精含量", "危险驾驶罪", "第一百三十三条之一"),
              "2": ("秘密窃取 财物", "盗窃罪", "第二百六十四条"),
              "3": ("醉酒 驾驶 摩托车", "危险驾驶罪", "第一百三十三条之一")},
        "8": {"4": ("秘密窃取 手机", "盗窃罪", "第二百六十四条"),
              "5": ("醉酒驾驶", "危险驾驶罪", "第一百三十三条之一")}}
    for qid, pool in candidates.items():
        (root / "candidates" / qid).mkdir(parents=True)
        for cid, (facts, charge, article) in pool.items():
            record = {"ajjbqk": facts, "cpfxgc": f"本院认为，被告人的行为已构成{charge}。",
                      "pjjg": f"被告人犯{charge}，判处拘役", "qw": f"依照《中华人民共和国刑法》{article}之规定"}
            (root / "candidates" / qid / f"{cid}.json").write_text(json.dumps(record, ensure_ascii=False))
    (root / "label" / "label_top30_dict.json").write_text(json.dumps({"7": {"1": 3, "3": 2, "2": 0},
                                                                       "8": {"4": 3, "5": 0}}))
    (root / "prediction" / "bm25_top100.json").write_text(json.dumps({"7": [2, 3, 1], "8": [5, 4]}))  # worst first
    (root / "prediction" / "lm_top100.json").write_text(json.dumps({"7": [1, 3, 2], "8": [4, 5]}))  # best first


def test_lecard_as_published_and_its_published_runs(tmp_path):
    _lecard_folder(tmp_path)
    judged = read_judged(tmp_path)
    assert set(judged.pools) == {"7", "8"} and set(judged.pools["7"]) == {"1", "2", "3"}
    assert judged.pools["7"]["2"].charges == {"盗窃罪"}
    assert judged.pools["7"]["1"].statutes == {"刑法:133之一"}
    assert judged.queries["7"].charges == {"危险驾驶罪"}
    assert judged.queries["7"].statutes == {"刑法:133之一"}  # its charge's statutes, from the candidates
    runs = published_runs(tmp_path / "prediction")
    assert runs["published BM25 (LeCaRD)"]["7"] == ["1", "3", "2"]  # reversed, as metrics.py reads the file
    assert runs["published LMIR (LeCaRD)"]["7"] == ["1", "3", "2"]
    report = evaluate_judged(judged, rankings=runs)
    assert report.mean("published BM25 (LeCaRD)", "LeCaRD NDCG@30") == pytest.approx(1.0)
    comparison = report.comparisons[PROJECT]["LeCaRD NDCG@30"]
    assert comparison.better + comparison.worse + comparison.ties == 2
    weights, keep, reached = fit_weights(judged, ["7", "8"], keeps=(0,), grid=(0, 1))
    assert reached == pytest.approx(1.0) and weights["facts"] == 1.0 and keep == 0


def test_the_split_is_fixed_and_has_both_parts():
    parts = [split_of(str(i)) for i in range(100)]
    assert parts == [split_of(str(i)) for i in range(100)]
    assert 30 < parts.count("heldout") < 70


def test_shipped_sample_runs_with_every_metric_and_the_comparison():
    report = evaluate_judged(read_judged(SAMPLE_DIR))
    for name in report.per_query:
        assert 0 < report.mean(name, "NDCG@10") <= 1 and 0 < report.mean(name, "LeCaRD NDCG@30") <= 1
    comparison = report.comparisons[PROJECT]["NDCG@30"]
    assert comparison.better + comparison.worse + comparison.ties == len(report.queries) == 30
