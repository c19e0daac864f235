"""The similar-case ranking beyond plain BM25, without large models: pure functions over segmented cases.

What legal case-retrieval research finds works on judged sets (LeCaRD, Ma et al. SIGIR 2021; COLIEE's lexical
baselines): the facts and the court's reasoning scored as separate fields, the charge (for crimes) or the cause of
the query case, the statutes cases of that charge cite, and a query cut down to its most telling terms (a long
fact description repeats names, places and dates that every judgment has). Each is one feature, scaled to 0–1
within the candidates of one query; the score is a weighted sum, the weights fitted on the development part of
a judged set (evaluation.fit_weights) and recorded in WEIGHTS with where they came from.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from rank_bm25 import BM25Okapi

from omnicourt.retrieval.segment import legal_terms

FEATURES = ("facts", "reasoning", "charge", "elements", "statutes")
# Fitted on LeCaRD's development queries (the hash split of evaluation.split_of) by coordinate ascent on mean
# NDCG@30 in LeCaRD's form; bench/RESULTS.md gives the held-out figures. BM25 on the facts alone is (1, 0, 0, 0, 0).
WEIGHTS = {"facts": 1.0, "reasoning": 0.1, "charge": 0.5, "elements": 0.25, "statutes": 0.1}
QUERY_TERMS = 0  # terms kept of a long query (0: all); fitted with the weights (20, 40 and 80 did worse on dev)

_CHARGE = re.compile(r"(?:犯|构成|涉嫌)((?:[\u4e00-\u9fff]{1,20}?罪[、和及]?)+)")
_CRIMINAL_ARTICLE = re.compile(r"《中华人民共和国刑法》(?:（[^）]{0,20}）)?"
                               r"((?:第[〇零一二三四五六七八九十百]+条(?:之[一二三四五六])?(?:第[一二三四五六七八九十]+款)?"
                               r"(?:第（?[一二三四五六七八九十]+）?项)?[、，和及]?)+)")
_ARTICLE = re.compile(r"第([〇零一二三四五六七八九十百]+)条(之[一二三四五六])?")


@dataclass(frozen=True)
class Case:
    """A case as the ranking sees it: the tokens of its fields (segment.tokens), its charges or cause, the articles
    it cites ("刑法:133"), and whether it is a model case (参考案例)."""

    facts: tuple[str, ...]
    reasoning: tuple[str, ...] = ()
    charges: frozenset[str] = frozenset()
    statutes: frozenset[str] = frozenset()
    model_case: bool = False
    extra: dict = field(default_factory=dict, compare=False)


def charges_in(text: str) -> frozenset[str]:
    """The crimes a judgment names as committed (犯盗窃罪, 构成故意伤害罪); several charged together are split."""
    found = set()
    for match in _CHARGE.finditer(text or ""):
        for name in re.split(r"罪[、和及]?", match.group(1)):
            if 2 <= len(name) <= 20 and "犯" not in name and "罪" not in name:
                found.add(name + "罪")
    return frozenset(found)


def criminal_articles(text: str) -> frozenset[str]:
    """The articles of 刑法 a judgment cites ("刑法:133", "刑法:133之一"), paragraphs and items dropped."""
    from omnicourt.retrieval.citations import chinese_number

    found = set()
    for match in _CRIMINAL_ARTICLE.finditer(text or ""):
        for number, inserted in _ARTICLE.findall(match.group(1)):
            try:
                found.add(f"刑法:{chinese_number(number)}{inserted}")
            except ValueError:
                continue
    return frozenset(found)


def statutes_by_charge(cases: Iterable[Case], *, top: int = 8) -> dict[str, frozenset[str]]:
    """The articles cases of each charge cite most (what the case base's per-cause aggregate holds): a query known
    only by its facts and charge is given the statutes of its charge."""
    counts: dict[str, Counter] = {}
    for case in cases:
        for charge in case.charges:
            counts.setdefault(charge, Counter()).update(case.statutes)
    return {charge: frozenset(a for a, _ in c.most_common(top)) for charge, c in counts.items()}


def reduced(query: Sequence[str], doc_freq: Counter, docs: int, keep: int) -> list[str]:
    """The query's tokens limited to its `keep` most telling terms (tf × idf over `docs` documents), repeats kept;
    keep = 0 keeps all."""
    if keep <= 0:
        return list(query)
    tf = Counter(query)
    weight = {t: n * math.log(1 + docs / (1 + doc_freq.get(t, 0))) for t, n in tf.items()}
    kept = set(sorted(weight, key=lambda t: (-weight[t], t))[:keep])
    return [t for t in query if t in kept]


def _scaled(values: np.ndarray) -> np.ndarray:
    top = values.max() if len(values) else 0
    return values / top if top > 0 else np.zeros_like(values, dtype=float)


def _bm25(query: Sequence[str], docs: Sequence[Sequence[str]]) -> np.ndarray:
    if not docs or not any(docs) or not query:
        return np.zeros(len(docs))
    return np.asarray(BM25Okapi([list(d) or ["\x00"] for d in docs]).get_scores(list(query)), dtype=float)


def _jaccard(first: frozenset | set, second: frozenset | set) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def features(query: Case, docs: Sequence[Case], *, keep: int = QUERY_TERMS) -> np.ndarray:
    """One row per candidate, one column per FEATURES entry, each scaled to 0–1 within the candidates."""
    doc_freq = Counter(t for d in docs for t in set(d.facts))
    terms = reduced(query.facts, doc_freq, len(docs), keep)
    legal = legal_terms()
    mine = {t for t in query.facts if t in legal}
    columns = [
        _scaled(_bm25(terms, [d.facts for d in docs])),
        _scaled(_bm25(terms, [d.reasoning for d in docs])),
        np.array([_jaccard(query.charges, d.charges) for d in docs], dtype=float),
        np.array([_jaccard(mine, {t for t in d.facts if t in legal}) for d in docs], dtype=float),
        np.array([_jaccard(query.statutes, d.statutes) for d in docs], dtype=float),
    ]
    return np.column_stack(columns) if docs else np.zeros((0, len(FEATURES)))


def combine(matrix: np.ndarray, weights: dict[str, float]) -> np.ndarray:
    return matrix @ np.array([weights.get(name, 0.0) for name in FEATURES], dtype=float)


def score(query: Case, docs: Sequence[Case], *, weights: dict[str, float] | None = None,
          keep: int | None = None) -> np.ndarray:
    return combine(features(query, docs, keep=QUERY_TERMS if keep is None else keep), weights or WEIGHTS)


def order(scores: Sequence[float], model_case: Sequence[bool], *, places: int = 9) -> list[int]:
    """Indices best first; among equally similar results (equal to `places` decimals) model cases first, then the
    given order."""
    return sorted(range(len(scores)), key=lambda i: (-round(float(scores[i]), places), not model_case[i], i))
