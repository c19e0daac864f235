"""The retrieval evaluation harness: judged sets (NDCG@10/20/30, MAP) and triplet sets (accuracy), each ranking
compared with plain BM25 by a paired sign test and a paired bootstrap.

Sets are read as they are published:
- `queries.jsonl` ({"qid", "text"}), `candidates.jsonl` ({"cid", "text"}, plus "qid" when each query has its own
  pool) and `qrels.json` ({qid: {cid: grade}}, grades 0–3);
- LeCaRD as in its repository (github.com/myx666/LeCaRD, data/): `query/query.json` (one {"ridx", "q", "crime"} a
  line), `label/label_top30_dict.json` ({ridx: {cid: grade}}, the 30 labelled candidates of each query, grades
  0–3) and `candidates/<ridx>/<cid>.json` ({"ajjbqk" facts, "cpfxgc" reasoning, "pjjg" operative part, "qw" full
  text});
- `triplets.jsonl` ({"A", "B", "C", "label"} or lowercase keys). The label says which of B and C is closer to A:
  "B" / "b" / 0 mean B, "C" / "c" / 1 mean C. A set whose lines have no label follows the convention of the
  CAIL2019-SCM first-stage data, whose triplets were published arranged so that B is the more similar: B is taken
  as the closer one.
Ids may be numbers or strings (compared as strings); the text may be under "text", "fact", "facts", "content",
"query", "q" or "ajjbqk" (LeCaRD's 案件基本情况).

Ties are never resolved by input order: a judged query's candidates with equal scores are ordered against the
relevant (the lower grade first: the pessimistic figure), and a triplet whose B and C score the same counts 1/2
(the expected accuracy under random tie-breaking). A triplet's B and C are scored among up to BACKGROUND_DOCS
other texts of the set for the collection statistics (idf), never the triplet's own texts twice. NDCG is given in
the harness's form (gain 2^grade − 1 over every judged candidate) and in LeCaRD's metrics.py form (linear gain,
only the labelled top 30 counted, the ideal from the labels), so figures can be put beside published ones.

The rankings, each over the same tokens (segment.tokens) within each query's pool:
- plain BM25 over the facts: rank_bm25's Okapi;
- TF-IDF: cosine of log-tf × idf vectors (numpy / scipy);
- the project's ranking (ranking.py): the facts and the reasoning as fields, the charge, legal elements and
  statutes, the weights fitted on a development part (`--fit`).
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import typer
from scipy import sparse

from omnicourt.retrieval import ranking, synthetic
from omnicourt.retrieval.ranking import Case
from omnicourt.retrieval.segment import tokens

TEXT_KEYS = ("text", "fact", "facts", "content", "query", "q", "ajjbqk")
BACKGROUND_DOCS = 200
BOOTSTRAP_ROUNDS = 10_000
SAMPLE_DIR = Path(__file__).resolve().parents[3] / "data" / "eval" / "retrieval" / "sample"
BM25 = "BM25 (rank_bm25 Okapi, facts)"
PROJECT = "project (fields + charge + statutes)"

Scorer = Callable[[Case, list[Case]], np.ndarray]
Tokenizer = Callable[[str], list[str]]


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


def case_of_text(text: str, tokenize: Tokenizer = tokens, *, charges: Sequence[str] = ()) -> Case:
    """A case known by one text: its tokens as the facts, the charges and 刑法 articles it names."""
    return Case(facts=tuple(tokenize(text)), charges=frozenset(charges) | ranking.charges_in(text),
                statutes=ranking.criminal_articles(text))


@dataclass
class JudgedSet:
    queries: dict[str, Case]
    pools: dict[str, dict[str, Case]]  # qid → {cid: case}
    qrels: dict[str, dict[str, int]]  # qid → {cid: grade}, in the order published (LeCaRD's top 30 come first)


def read_judged(folder: Path, tokenize: Tokenizer = tokens) -> JudgedSet:
    """A judged set in either layout (queries.jsonl…, or LeCaRD's as published)."""
    if (folder / "query" / "query.json").exists():
        return read_lecard(folder, tokenize)
    queries = {_id(r, "qid", "id", "query_id"): case_of_text(text_of(r), tokenize)
               for r in _jsonl(folder / "queries.jsonl")}
    candidates = _jsonl(folder / "candidates.jsonl")
    shared = {_id(r, "cid", "id", "doc_id"): case_of_text(text_of(r), tokenize) for r in candidates if "qid" not in r}
    pools = {qid: dict(shared) for qid in queries}
    for record in candidates:
        if "qid" in record:
            pools.setdefault(str(record["qid"]), {})[_id(record, "cid", "id", "doc_id")] = \
                case_of_text(text_of(record), tokenize)
    raw = json.loads((folder / "qrels.json").read_text(encoding="utf-8"))
    qrels = {str(q): {str(c): int(g) for c, g in grades.items()} for q, grades in raw.items()}
    return JudgedSet(queries=queries, pools=pools, qrels=qrels)


def read_lecard(folder: Path, tokenize: Tokenizer = tokens) -> JudgedSet:
    """LeCaRD's data/ folder as published. The query is its facts ("q") and charges ("crime"); a candidate is its
    facts (ajjbqk), reasoning (cpfxgc), the charges its operative part convicts of and the 刑法 articles its full text
    cites. A query's statutes are those its charges' candidates cite most over the whole set (no labels used)."""
    raw = json.loads((folder / "label" / "label_top30_dict.json").read_text(encoding="utf-8"))
    qrels = {str(q): {str(c): int(g) for c, g in grades.items()} for q, grades in raw.items()}
    pools: dict[str, dict[str, Case]] = {}
    for pool_dir in sorted((folder / "candidates").iterdir()):
        if not pool_dir.is_dir():
            continue
        pool = pools.setdefault(pool_dir.name, {})
        for path in sorted(pool_dir.glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            pool[path.stem] = Case(
                facts=tuple(tokenize(record.get("ajjbqk") or "")),
                reasoning=tuple(tokenize(record.get("cpfxgc") or "")),
                charges=ranking.charges_in(record.get("pjjg") or "") or ranking.charges_in(record.get("ajName") or ""),
                statutes=ranking.criminal_articles(record.get("qw") or ""))
    by_charge = ranking.statutes_by_charge(c for pool in pools.values() for c in pool.values())
    queries = {}
    for line in (folder / "query" / "query.json").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            charges = frozenset(record.get("crime") or ())
            statutes = frozenset(a for charge in charges for a in by_charge.get(charge, ()))
            queries[str(record["ridx"])] = Case(facts=tuple(tokenize(record["q"])), charges=charges, statutes=statutes)
    return JudgedSet(queries=queries, pools=pools, qrels=qrels)


def closer_is_b(label: object) -> bool:
    """Triplet label → True when B is the closer one ("B"/"b"/0), False for C ("C"/"c"/1)."""
    normalised = str(label).strip().upper()
    if normalised in ("B", "0"):
        return True
    if normalised in ("C", "1"):
        return False
    raise ValueError(f"无法识别的三元组标签：{label!r}（应为 B/C 或 0/1）")


def _field(record: dict, key: str) -> str:
    for name in (key.upper(), key.lower()):
        if isinstance(record.get(name), str):
            return record[name]
    raise ValueError(f"三元组缺少 {key.upper()} 字段：{sorted(record)}")


def read_triplets(folder: Path) -> list[tuple[str, str, str, bool]]:
    """(A, B, C, B is closer); a line without a label has B closer (the CAIL2019-SCM first-stage convention)."""
    triplets = []
    for record in _jsonl(folder / "triplets.jsonl"):
        label = record.get("label", record.get("Label"))
        triplets.append((_field(record, "a"), _field(record, "b"), _field(record, "c"),
                         True if label is None else closer_is_b(label)))
    return triplets


def split_of(qid: str) -> str:
    """The fixed development / held-out split of a judged set's queries: by a hash of the query id, so that it is
    the same on every machine and never chosen by looking at results."""
    return "heldout" if int(hashlib.sha1(f"split:{qid}".encode()).hexdigest(), 16) % 2 == 0 else "dev"


# --- metrics ---------------------------------------------------------------------------------------------------------
def ndcg(ranked: Sequence[str], grades: dict[str, int], k: int) -> float:
    """NDCG@k with gain 2^grade − 1 and discount log2(rank + 1); the ideal ranking uses every judged candidate."""
    def dcg(values: Sequence[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(values[:k]))
    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(c, 0) for c in ranked]) / ideal if ideal else 0.0


def ndcg_lecard(ranked: Sequence[str], labels: dict[str, int], k: int) -> float:
    """NDCG@k as LeCaRD's metrics.py computes it: linear gain, only the first 30 labelled candidates (in the label
    file's order) count, the ranking padded to 30 with zeros, the ideal the labels sorted; a query whose ranking
    holds none of them scores 0."""
    top30 = set(list(labels)[:30])
    gains = [labels[c] if c in top30 else 0 for c in ranked]
    gains += [0] * (30 - len(gains))
    if sum(gains) == 0:
        return 0.0
    ideal = sorted(labels.values(), reverse=True)
    ideal += [0] * (k - len(ideal))
    dcg = sum(gains[i] / math.log2(i + 2) for i in range(k))
    best = sum(ideal[i] / math.log2(i + 2) for i in range(k))
    return dcg / best if best else 0.0


def average_precision(ranked: Sequence[str], grades: dict[str, int]) -> float:
    """AP with relevant = grade ≥ 1, over the whole ranking."""
    relevant = sum(1 for g in grades.values() if g > 0)
    hits, total = 0, 0.0
    for rank, cid in enumerate(ranked, start=1):
        if grades.get(cid, 0) > 0:
            hits += 1
            total += hits / rank
    return total / relevant if relevant else 0.0


def ranked_against_relevant(cids: Sequence[str], scores: np.ndarray, grades: dict[str, int]) -> list[str]:
    """Best first; equal scores put the less relevant first, so no ranking gains from the order of the input."""
    order = np.lexsort((np.array([grades.get(c, 0) for c in cids]), -np.asarray(scores, dtype=float)))
    return [cids[i] for i in order]


@dataclass(frozen=True)
class Comparison:
    """A ranking against BM25, item by item (queries or triplets): how often better, worse, equal; the two-sided
    exact sign test's p (ties left out) and a paired bootstrap's p on the mean difference."""

    better: int
    worse: int
    ties: int
    mean_difference: float
    sign_p: float
    bootstrap_p: float


def sign_test(better: int, worse: int) -> float:
    """Two-sided exact binomial test of better vs worse under p = 1/2."""
    n = better + worse
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(min(better, worse) + 1)) / 2**n
    return min(1.0, 2 * tail)


def bootstrap_p(differences: Sequence[float], *, rounds: int = BOOTSTRAP_ROUNDS, seed: int = 0) -> float:
    """Two-sided paired bootstrap p of a mean difference of 0 (percentile method, fixed seed)."""
    values = np.asarray(differences, dtype=float)
    if not len(values) or not values.any():
        return 1.0
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, len(values), size=(rounds, len(values)))].mean(axis=1)
    return float(min(1.0, 2 * min((means <= 0).mean(), (means >= 0).mean())))


def compare(mine: Sequence[float], baseline: Sequence[float]) -> Comparison:
    differences = np.asarray(mine, dtype=float) - np.asarray(baseline, dtype=float)
    better, worse = int((differences > 1e-12).sum()), int((differences < -1e-12).sum())
    return Comparison(better, worse, len(differences) - better - worse,
                      float(differences.mean()) if len(differences) else 0.0, sign_test(better, worse),
                      bootstrap_p(differences))


# --- rankings --------------------------------------------------------------------------------------------------------
def bm25_scores(query: Case, docs: list[Case]) -> np.ndarray:
    return ranking._bm25(query.facts, [d.facts for d in docs])


def tfidf_scores(query: Case, docs: list[Case]) -> np.ndarray:
    if not docs:
        return np.zeros(0)
    vocab: dict[str, int] = {}
    matrix = _counts([*(d.facts for d in docs), query.facts], vocab)
    df = np.bincount(matrix[:-1].indices, minlength=matrix.shape[1])
    idf = np.log((1 + len(docs)) / (1 + df)) + 1
    weighted = matrix.copy()
    weighted.data = (1 + np.log(weighted.data)) * idf[weighted.indices]
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    weighted = sparse.diags(1 / np.maximum(norms, 1e-12)) @ weighted
    return np.asarray((weighted[:-1] @ weighted[-1].T).todense()).ravel()


def _counts(docs: Sequence[Sequence[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    rows = [i for i, d in enumerate(docs) for _ in d]
    cols = [vocab.setdefault(w, len(vocab)) for d in docs for w in d]
    matrix = sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(docs), max(len(vocab), 1)))
    matrix.sum_duplicates()
    return matrix


def project_scores(query: Case, docs: list[Case]) -> np.ndarray:
    return ranking.score(query, docs)


RANKERS: dict[str, Scorer] = {BM25: bm25_scores, "TF-IDF (cosine)": tfidf_scores, PROJECT: project_scores}


# --- evaluating ------------------------------------------------------------------------------------------------------
METRICS = ("NDCG@10", "NDCG@20", "NDCG@30", "LeCaRD NDCG@10", "LeCaRD NDCG@20", "LeCaRD NDCG@30", "MAP")


@dataclass
class Report:
    queries: list[str]
    per_query: dict[str, dict[str, list[float]]]  # ranking → metric → one value per query
    comparisons: dict[str, dict[str, Comparison]] = field(default_factory=dict)  # ranking → metric → vs BM25

    def mean(self, name: str, metric: str) -> float:
        values = self.per_query[name][metric]
        return sum(values) / len(values) if values else 0.0


def metrics_of(ranked: Sequence[str], grades: dict[str, int]) -> dict[str, float]:
    values = {f"NDCG@{k}": ndcg(ranked, grades, k) for k in (10, 20, 30)}
    values |= {f"LeCaRD NDCG@{k}": ndcg_lecard(ranked, grades, k) for k in (10, 20, 30)}
    values["MAP"] = average_precision(ranked, grades)
    return values


def evaluate_judged(judged: JudgedSet, rankers: dict[str, Scorer] = RANKERS, *,
                    queries: Sequence[str] | None = None, rankings: dict[str, dict[str, list[str]]] | None = None,
                    labelled_only: bool = False) -> Report:
    """Every metric of every ranking over the judged queries (or those given), and each ranking against BM25 on
    each metric. `rankings` adds published runs as they are ({name: {qid: [cid, …]}}, best first). With
    `labelled_only` each query's candidates are its labelled ones alone (LeCaRD's published tables rank "the top
    30-relevant candidates"), the published runs cut to them."""
    chosen = [q for q in (queries if queries is not None else judged.queries) if judged.qrels.get(q)]
    names = [*rankers, *(rankings or {})]
    per_query: dict[str, dict[str, list[float]]] = {name: {metric: [] for metric in METRICS} for name in names}
    for qid in chosen:
        pool, grades = judged.pools.get(qid, {}), judged.qrels[qid]
        cids = [c for c in pool if c in grades] if labelled_only else list(pool)
        for name, scorer in rankers.items():
            ranked = ranked_against_relevant(cids, scorer(judged.queries[qid], [pool[c] for c in cids]), grades)
            for metric, value in metrics_of(ranked, grades).items():
                per_query[name][metric].append(value)
        for name, runs in (rankings or {}).items():
            run = [str(c) for c in runs.get(qid, []) if not labelled_only or str(c) in grades]
            for metric, value in metrics_of(run, grades).items():
                per_query[name][metric].append(value)
    report = Report(chosen, per_query)
    if BM25 in per_query:
        report.comparisons = {name: {m: compare(per_query[name][m], per_query[BM25][m]) for m in METRICS}
                              for name in names if name != BM25}
    return report


@dataclass
class TripletReport:
    outcomes: dict[str, list[float]]  # ranking → 1 right, 0 wrong, 1/2 tied, per triplet
    comparisons: dict[str, Comparison] = field(default_factory=dict)

    def accuracy(self, name: str) -> float:
        values = self.outcomes[name]
        return sum(values) / len(values) if values else 0.0


def evaluate_triplets(triplets: list[tuple[str, str, str, bool]], rankers: dict[str, Scorer] = RANKERS,
                      tokenize: Tokenizer = tokens) -> TripletReport:
    """Per triplet, whether each ranking scores the labelled-closer candidate higher (a tie counts 1/2). B and C are
    scored among up to BACKGROUND_DOCS other texts of the set, none of them the triplet's own: document frequencies
    from two documents alone are degenerate (BM25's idf is zero for a term in one of two documents)."""
    cases: dict[str, Case] = {}

    def case(text: str) -> Case:
        if text not in cases:
            cases[text] = case_of_text(text, tokenize)
        return cases[text]

    texts = list(dict.fromkeys(t for _, b, c, _ in triplets for t in (b, c)))
    outcomes: dict[str, list[float]] = {name: [] for name in rankers}
    for a, b, c, b_closer in triplets:
        own = {a, b, c}
        background = [case(t) for t in [t for t in texts[:BACKGROUND_DOCS + 3] if t not in own][:BACKGROUND_DOCS]]
        query, docs = case(a), [case(b), case(c), *background]
        for name, scorer in rankers.items():
            score_b, score_c = scorer(query, docs)[:2]
            closer, farther = (score_b, score_c) if b_closer else (score_c, score_b)
            outcomes[name].append(1.0 if closer > farther else 0.5 if closer == farther else 0.0)
    report = TripletReport(outcomes)
    if BM25 in outcomes:
        report.comparisons = {name: compare(values, outcomes[BM25]) for name, values in outcomes.items()
                              if name != BM25}
    return report


def triplet_accuracy(triplets: list[tuple[str, str, str, bool]],
                     rankers: dict[str, Scorer] = RANKERS) -> dict[str, float]:
    report = evaluate_triplets(triplets, rankers)
    return {name: report.accuracy(name) for name in rankers}


def fit_weights(judged: JudgedSet, queries: Sequence[str], *, metric: str = "LeCaRD NDCG@30",
                keeps: Sequence[int] = (0, 20, 40, 80), grid: Sequence[float] = (0, 0.1, 0.25, 0.5, 1, 2),
                rounds: int = 3, labelled_only: bool = False) -> tuple[dict[str, float], int, float]:
    """Learning to rank in its simplest form: coordinate ascent on the feature weights (the facts' weight fixed at
    1) and a grid over the query's kept terms, maximising the mean `metric` over `queries` (the development part
    only). Returns the weights, the kept terms and the score reached."""
    measure = {"LeCaRD NDCG@30": lambda r, g: ndcg_lecard(r, g, 30), "NDCG@30": lambda r, g: ndcg(r, g, 30)}[metric]
    chosen = [q for q in queries if judged.qrels.get(q)]
    best: tuple[dict[str, float], int, float] = ({"facts": 1.0}, 0, -1.0)
    for keep in keeps:
        matrices = {}
        for qid in chosen:
            cids = [c for c in judged.pools[qid] if c in judged.qrels[qid] or not labelled_only]
            matrices[qid] = (cids, ranking.features(judged.queries[qid], [judged.pools[qid][c] for c in cids],
                                                    keep=keep))

        def mean(weights: dict[str, float], matrices: dict = matrices) -> float:
            total = 0.0
            for qid, (cids, matrix) in matrices.items():
                total += measure(ranked_against_relevant(cids, ranking.combine(matrix, weights), judged.qrels[qid]),
                                 judged.qrels[qid])
            return total / max(len(matrices), 1)

        weights = dict.fromkeys(ranking.FEATURES, 0.0) | {"facts": 1.0}
        current = mean(weights)
        for _ in range(rounds):
            changed = False
            for name in ranking.FEATURES[1:]:
                for value in grid:
                    trial = weights | {name: value}
                    if (value_score := mean(trial)) > current + 1e-9:
                        weights, current, changed = trial, value_score, True
            if not changed:
                break
        if current > best[2]:
            best = (weights, keep, current)
    return best


# --- the command and the sample --------------------------------------------------------------------------------------
def published_runs(folder: Path) -> dict[str, dict[str, list[str]]]:
    """LeCaRD's published baseline runs (data/prediction/*_top100.json), read as its metrics.py reads them: the
    TF-IDF and BM25 files are stored worst first and reversed, the LMIR file is best first."""
    runs = {}
    for name, file, reverse in (("published TF-IDF (LeCaRD)", "tfidf_top100.json", True),
                                ("published BM25 (LeCaRD)", "bm25_top100.json", True),
                                ("published LMIR (LeCaRD)", "lm_top100.json", False)):
        if (folder / file).exists():
            raw = json.loads((folder / file).read_text(encoding="utf-8"))
            runs[name] = {str(q): [str(c) for c in (reversed(ids) if reverse else ids)] for q, ids in raw.items()}
    return runs


def print_judged(report: Report) -> None:
    shown = ("NDCG@10", "NDCG@30", "LeCaRD NDCG@10", "LeCaRD NDCG@20", "LeCaRD NDCG@30", "MAP")
    typer.echo(f"{len(report.queries)} queries; ties ordered against the relevant")
    typer.echo(f"{'ranking':40} " + " ".join(f"{m:>15}" for m in shown))
    for name in report.per_query:
        typer.echo(f"{name:40} " + " ".join(f"{report.mean(name, m):15.4f}" for m in shown))
    for name, by_metric in report.comparisons.items():
        c = by_metric["LeCaRD NDCG@30"]
        typer.echo(f"{name} vs BM25 on LeCaRD NDCG@30: better {c.better}, worse {c.worse}, equal {c.ties}; "
                   f"mean difference {c.mean_difference:+.4f}; sign test p = {c.sign_p:.3g}; "
                   f"paired bootstrap p = {c.bootstrap_p:.3g}")


def eval_retrieval(set_dir: Path = typer.Option(SAMPLE_DIR, "--set", help="folder of a judged or triplet set"),
                   part: str = typer.Option("all", "--part", help="all, dev or heldout (split_of)"),
                   fit: bool = typer.Option(False, "--fit", help="fit the project's weights on the dev part"),
                   published: Path | None = typer.Option(None, "--published",
                                                         help="LeCaRD's data/prediction folder"),
                   labelled_only: bool = typer.Option(False, "--labelled-only",
                                                      help="rank each query's labelled candidates alone")) -> None:
    """Print NDCG and MAP (judged sets) or accuracy (triplet sets) of each ranking, each against BM25."""
    if part not in ("all", "dev", "heldout"):
        raise typer.BadParameter("应为 all、dev 或 heldout", param_hint="--part")
    judged_layout = (set_dir / "queries.jsonl").exists() or (set_dir / "query" / "query.json").exists()
    if judged_layout:
        judged = read_judged(set_dir)
        if fit:
            weights, keep, reached = fit_weights(judged, [q for q in judged.queries if split_of(q) == "dev"],
                                                 labelled_only=labelled_only)
            typer.echo(f"fitted on dev: weights {weights}, query terms kept {keep}, mean {reached:.4f}")
            ranking.WEIGHTS.update(weights)
            ranking.QUERY_TERMS = keep
        chosen = [q for q in judged.queries if part == "all" or split_of(q) == part]
        print_judged(evaluate_judged(judged, queries=chosen, labelled_only=labelled_only,
                                     rankings=published_runs(published) if published else None))
    if (set_dir / "triplets.jsonl").exists():
        report = evaluate_triplets(read_triplets(set_dir))
        for name in report.outcomes:
            typer.echo(f"{name:40} triplet accuracy {report.accuracy(name):.4f} (a tie counts 1/2)")
        for name, c in report.comparisons.items():
            typer.echo(f"{name} vs BM25: better {c.better}, worse {c.worse}; sign test p = {c.sign_p:.3g}; "
                       f"paired bootstrap p = {c.bootstrap_p:.3g}")
    if not judged_layout and not (set_dir / "triplets.jsonl").exists():
        raise typer.BadParameter(f"{set_dir} 中没有 queries.jsonl、query/query.json 或 triplets.jsonl",
                                 param_hint="--set")


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
