"""The retrieval evaluation harness: NDCG@10/20/30 and MAP on relevance-judged sets, accuracy on triplet sets.

A set is a folder holding any of:
- `queries.jsonl` ({"qid", "text"}), `candidates.jsonl` ({"cid", "text"}, plus "qid" when each query has its own
  pool) and `qrels.json` ({qid: {cid: grade}}, grades 0–3) — the LeCaRD layout;
- `triplets.jsonl` ({"a", "b", "c", "label"}) — the CAIL2019-SCM layout. The label says which of b and c is closer
  to a: "B" / "b" / 0 mean b, "C" / "c" / 1 mean c.
Ids may be numbers or strings (compared as strings); the text may be under "text", "fact", "facts", "content",
"query", "q" or "ajjbqk" (LeCaRD's 案件基本情况).

Three rankings side by side, each over the same tokens (segment.tokens) within each query's pool:
- plain BM25: rank_bm25's Okapi;
- TF-IDF: cosine of log-tf × idf vectors (numpy / scipy);
- the project's ranking: BM25 plus the overlap of legal terms (the elements named in the legal dictionary) — the
  elements of a case are what make two cases alike, and a shared 连带责任保证 says more than a shared 被告.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import typer
from rank_bm25 import BM25Okapi
from scipy import sparse

from omnicourt.retrieval import synthetic
from omnicourt.retrieval.segment import legal_terms, tokens

TEXT_KEYS = ("text", "fact", "facts", "content", "query", "q", "ajjbqk")
ELEMENT_WEIGHT = 0.5  # share of the project score given to legal-term overlap; only 0.5 was tried (on the sample)
BACKGROUND_DOCS = 200
SAMPLE_DIR = Path(__file__).resolve().parents[3] / "data" / "eval" / "retrieval" / "sample"

Scorer = Callable[[list[str], list[list[str]]], np.ndarray]


# --- reading sets ----------------------------------------------------------------------------------------------------
def text_of(record: dict) -> str:
    for key in TEXT_KEYS:
        if isinstance(record.get(key), str):
            return record[key]
    raise ValueError(f"记录中没有文本字段（{'/'.join(TEXT_KEYS)}）：{sorted(record)}")


def _id(record: dict, *keys: str) -> str:
    for key in keys:
        if key in record:
            return str(record[key])
    raise ValueError(f"记录中没有编号字段（{'/'.join(keys)}）：{sorted(record)}")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class JudgedSet:
    queries: dict[str, str]
    pools: dict[str, dict[str, str]]  # qid → {cid: text}
    qrels: dict[str, dict[str, int]]


def read_judged(folder: Path) -> JudgedSet:
    queries = {_id(r, "qid", "id", "query_id"): text_of(r) for r in _jsonl(folder / "queries.jsonl")}
    candidates = _jsonl(folder / "candidates.jsonl")
    shared = {_id(r, "cid", "id", "doc_id"): text_of(r) for r in candidates if "qid" not in r}
    pools = {qid: dict(shared) for qid in queries}
    for record in candidates:
        if "qid" in record:
            pools.setdefault(str(record["qid"]), {})[_id(record, "cid", "id", "doc_id")] = text_of(record)
    raw = json.loads((folder / "qrels.json").read_text(encoding="utf-8"))
    qrels = {str(q): {str(c): int(g) for c, g in grades.items()} for q, grades in raw.items()}
    return JudgedSet(queries=queries, pools=pools, qrels=qrels)


def closer_is_b(label: object) -> bool:
    """Triplet label → True when b is the closer one ("B"/"b"/0), False for c ("C"/"c"/1)."""
    normalised = str(label).strip().upper()
    if normalised in ("B", "0"):
        return True
    if normalised in ("C", "1"):
        return False
    raise ValueError(f"无法识别的三元组标签：{label!r}（应为 B/C 或 0/1）")


def read_triplets(folder: Path) -> list[tuple[str, str, str, bool]]:
    return [(r["a"], r["b"], r["c"], closer_is_b(r["label"])) for r in _jsonl(folder / "triplets.jsonl")]


# --- metrics ---------------------------------------------------------------------------------------------------------
def ndcg(ranked: Sequence[str], grades: dict[str, int], k: int) -> float:
    """NDCG@k with gain 2^grade − 1 and discount log2(rank + 1); the ideal ranking uses every judged candidate."""
    def dcg(values: Sequence[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(values[:k]))
    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(c, 0) for c in ranked]) / ideal if ideal else 0.0


def average_precision(ranked: Sequence[str], grades: dict[str, int]) -> float:
    """AP with relevant = grade ≥ 1, over the whole ranking."""
    relevant = sum(1 for g in grades.values() if g > 0)
    hits, total = 0, 0.0
    for rank, cid in enumerate(ranked, start=1):
        if grades.get(cid, 0) > 0:
            hits += 1
            total += hits / rank
    return total / relevant if relevant else 0.0


# --- rankings --------------------------------------------------------------------------------------------------------
def bm25_scores(query: list[str], docs: list[list[str]]) -> np.ndarray:
    return np.asarray(BM25Okapi(docs).get_scores(query)) if docs else np.zeros(0)


def tfidf_scores(query: list[str], docs: list[list[str]]) -> np.ndarray:
    vocab: dict[str, int] = {}
    matrix = _counts([*docs, query], vocab)
    df = np.bincount(matrix[:-1].indices, minlength=len(vocab))
    idf = np.log((1 + len(docs)) / (1 + df)) + 1
    weighted = matrix.copy()
    weighted.data = (1 + np.log(weighted.data)) * idf[weighted.indices]
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    weighted = sparse.diags(1 / np.maximum(norms, 1e-12)) @ weighted
    return np.asarray((weighted[:-1] @ weighted[-1].T).todense()).ravel()


def _counts(docs: list[list[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    rows = [i for i, d in enumerate(docs) for _ in d]
    cols = [vocab.setdefault(w, len(vocab)) for d in docs for w in d]
    matrix = sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(docs), max(len(vocab), 1)))
    matrix.sum_duplicates()
    return matrix


def project_scores(query: list[str], docs: list[list[str]]) -> np.ndarray:
    """BM25 (scaled to 0–1 within the pool) plus ELEMENT_WEIGHT × the Jaccard overlap of the legal terms."""
    bm25 = bm25_scores(query, docs)
    if not len(bm25):
        return bm25
    bm25 = bm25 / bm25.max() if bm25.max() > 0 else bm25
    terms = legal_terms()
    mine = {w for w in query if w in terms}
    overlap = np.array([len(mine & (d := {w for w in doc if w in terms})) / max(len(mine | d), 1) for doc in docs])
    return (1 - ELEMENT_WEIGHT) * bm25 + ELEMENT_WEIGHT * overlap


RANKERS: dict[str, Scorer] = {"BM25 (rank_bm25 Okapi)": bm25_scores, "TF-IDF (cosine)": tfidf_scores,
                              "project (BM25 + legal elements)": project_scores}


def evaluate_judged(judged: JudgedSet, rankers: dict[str, Scorer] = RANKERS) -> dict[str, dict[str, float]]:
    """Mean NDCG@10/20/30 and MAP of each ranking over the judged queries."""
    totals = {name: {"NDCG@10": 0.0, "NDCG@20": 0.0, "NDCG@30": 0.0, "MAP": 0.0} for name in rankers}
    judged_queries = [q for q in judged.queries if judged.qrels.get(q)]
    for qid in judged_queries:
        pool = judged.pools.get(qid, {})
        cids = list(pool)
        query, docs = tokens(judged.queries[qid]), [tokens(pool[c]) for c in cids]
        for name, scorer in rankers.items():
            scores = scorer(query, docs)
            ranked = [cids[i] for i in np.argsort(-scores, kind="stable")]
            for k in (10, 20, 30):
                totals[name][f"NDCG@{k}"] += ndcg(ranked, judged.qrels[qid], k)
            totals[name]["MAP"] += average_precision(ranked, judged.qrels[qid])
    count = max(len(judged_queries), 1)
    return {name: {metric: value / count for metric, value in metrics.items()} for name, metrics in totals.items()}


def triplet_accuracy(triplets: list[tuple[str, str, str, bool]],
                     rankers: dict[str, Scorer] = RANKERS) -> dict[str, float]:
    """Share of triplets where the ranking scores the labelled-closer candidate higher (ties count as wrong).
    b and c are scored among up to BACKGROUND_DOCS other texts of the set: document frequencies from two documents
    alone are degenerate (BM25's idf is zero for a term in one of two documents)."""
    right = dict.fromkeys(rankers, 0)
    texts = list(dict.fromkeys(t for _, b, c, _ in triplets for t in (b, c)))
    background = [tokens(t) for t in texts[:BACKGROUND_DOCS]]
    for a, b, c, b_closer in triplets:
        query, docs = tokens(a), [tokens(b), tokens(c), *background]
        for name, scorer in rankers.items():
            score_b, score_c = scorer(query, docs)[:2]
            right[name] += (score_b > score_c) if b_closer else (score_c > score_b)
    return {name: count / max(len(triplets), 1) for name, count in right.items()}


# --- the command and the sample --------------------------------------------------------------------------------------
def eval_retrieval(set_dir: Path = typer.Option(SAMPLE_DIR, "--set", help="folder of a relevance-judged set")) -> None:
    """Print NDCG@10/20/30 and MAP (judged sets) or accuracy (triplet sets) of each ranking."""
    if (set_dir / "queries.jsonl").exists():
        results = evaluate_judged(read_judged(set_dir))
        typer.echo(f"{'ranking':36} NDCG@10  NDCG@20  NDCG@30  MAP")
        for name, m in results.items():
            typer.echo(f"{name:36} {m['NDCG@10']:.4f}   {m['NDCG@20']:.4f}   {m['NDCG@30']:.4f}   {m['MAP']:.4f}")
    if (set_dir / "triplets.jsonl").exists():
        for name, accuracy in triplet_accuracy(read_triplets(set_dir)).items():
            typer.echo(f"{name:36} triplet accuracy {accuracy:.4f}")
    if not (set_dir / "queries.jsonl").exists() and not (set_dir / "triplets.jsonl").exists():
        raise typer.BadParameter(f"{set_dir} 中没有 queries.jsonl 或 triplets.jsonl", param_hint="--set")


def make_sample(folder: Path, *, seed: int = 11, queries: int = 30, pool: int = 30) -> None:
    """Write a judged sample from the generator: each query's pool holds half judgments of its cause and half of
    any cause, graded by shared topics (synthetic.grade). `python -m omnicourt.retrieval.evaluation DIR` makes it."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    corpus = list(synthetic.judgments(seed, 0, 4000))
    by_cause: dict[str, list[synthetic.SyntheticJudgment]] = {}
    for judgment in corpus:
        by_cause.setdefault(judgment.cause, []).append(judgment)
    query_rows, candidate_rows, qrels = [], [], {}
    for number in range(queries):
        query = synthetic.judgment(seed + 1, number)
        members = rng.sample(by_cause[query.cause], pool // 2) + rng.sample(corpus, pool - pool // 2)
        unique = list({m.doc_id: m for m in members}.values())
        query_rows.append({"qid": number + 1, "text": query.facts})
        candidate_rows += [{"qid": number + 1, "cid": m.doc_id, "text": m.facts, "cause": m.cause} for m in unique]
        qrels[str(number + 1)] = {str(m.doc_id): synthetic.grade(query.topics, m.topics) for m in unique}
    for name, rows in (("queries.jsonl", query_rows), ("candidates.jsonl", candidate_rows)):
        (folder / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    (folder / "qrels.json").write_text(json.dumps(qrels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    typer.run(lambda folder: make_sample(Path(folder)))
