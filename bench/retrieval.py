"""Similar-case search at scale: build rate, query latency, size on disk and memory of both index backends on the same
synthetic judgments, against a brute-force numpy scan of the same corpus and rank_bm25 at a size it can handle.

`python -m bench --retrieval-only --retrieval-docs 1000000` runs this part alone (see bench/RESULTS.md).
"""

from __future__ import annotations

import multiprocessing
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi
from scipy import sparse

from bench.figures import Figure, percentile
from omnicourt.retrieval import synthetic
from omnicourt.retrieval.index.base import Filters
from omnicourt.retrieval.index.bm25s_backend import Bm25sIndex
from omnicourt.retrieval.index.tantivy_backend import TantivyIndex
from omnicourt.retrieval.segment import tokens

SEED = 7
CHUNK = 5_000
RANK_BM25_DOCS = 20_000
KEYWORD_QUERIES = (
    "连带责任保证 罚息 复利", "抵押权 优先受偿 最高额抵押", "夫妻共同债务 民间借贷", "借条 现金交付 借贷关系",
    "质量异议 检验期间 货款", "违约金过高 调减", "骨折 九级伤残 误工费", "交强险 商业三者险 拒赔",
    "未签订书面劳动合同 二倍工资", "违法解除劳动合同 赔偿金", "子女抚养 抚养费 房产分割", "家庭暴力 离婚",
    "血液酒精含量 醉酒驾驶 自首", "无证驾驶 认罪认罚 危险驾驶", "诉讼时效 中断 催收", "保证期间 免除保证责任",
)


def _segmented_chunk(bounds: tuple[int, int]) -> list[tuple]:
    start, stop = bounds
    shared: dict[str, str] = {}  # one string object per term: a million judgments' tokens fit in memory
    return [(j.indexed(), [shared.setdefault(w, w) for w in tokens(j.facts) + tokens(j.text)])
            for j in synthetic.judgments(SEED, start, stop)]


def _corpus(docs: int, processes: int) -> tuple[list[tuple], float, float]:
    """The segmented corpus, the generation rate alone and the generate+segment rate (docs/s)."""
    started = time.perf_counter()
    for _ in synthetic.judgments(SEED, 0, min(docs, 20_000)):
        pass
    generation_rate = min(docs, 20_000) / (time.perf_counter() - started)
    started = time.perf_counter()
    bounds = [(s, min(s + CHUNK, docs)) for s in range(0, docs, CHUNK)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        corpus = [item for chunk in pool.imap(_segmented_chunk, bounds) for item in chunk]
    return corpus, generation_rate, docs / (time.perf_counter() - started)


def _queries(count: int) -> list[tuple[str, str, Filters]]:
    """(kind, text, filters): keyword searches and more-like-this from fresh judgments of another seed."""
    rng = random.Random(SEED)
    out = []
    for i in range(count):
        fresh = synthetic.judgment(SEED + 1, i)
        year_from = rng.randint(2016, 2023)
        filtered = Filters(cause=fresh.cause, year_from=year_from, year_to=year_from + 2)
        out.append(("search", KEYWORD_QUERIES[i % len(KEYWORD_QUERIES)], Filters()))
        out.append(("search filtered", KEYWORD_QUERIES[i % len(KEYWORD_QUERIES)], filtered))
        out.append(("more_like_this", fresh.facts, Filters()))
        out.append(("more_like_this filtered", fresh.facts, filtered))
    return out


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _disk_mib(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def _latencies(index, queries) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}
    for kind, text, filters in queries:
        started = time.perf_counter()
        if kind.startswith("search"):
            index.search(text, filters=filters, limit=20)
        else:
            index.more_like_this(text, filters=filters, limit=20)
        times.setdefault(kind, []).append(1000 * (time.perf_counter() - started))
    return times


def _brute_force(corpus: list[tuple], queries) -> list[float]:
    """Score every document for the query's terms with one sparse-matrix product (a full scan of all postings)."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for row, (_, words) in enumerate(corpus):
        ids = [vocab.setdefault(w, len(vocab)) for w in words]
        rows.append(np.full(len(ids), row, np.int32))
        cols.append(np.asarray(ids, np.int32))
    rows_all, cols_all = np.concatenate(rows), np.concatenate(cols)
    tf = sparse.csr_matrix((np.ones(len(rows_all), np.float32), (rows_all, cols_all)),
                           shape=(len(corpus), len(vocab)))
    tf.sum_duplicates()
    doc_len = np.asarray(tf.sum(axis=1)).ravel()
    df = np.bincount(tf.indices, minlength=len(vocab))
    idf = np.log(1 + (len(corpus) - df + 0.5) / (df + 0.5)).astype(np.float32)
    norm = 1.2 * (0.25 + 0.75 * doc_len / doc_len.mean())
    weights = tf.copy()
    weights.data = tf.data * 2.2 / (tf.data + np.repeat(norm, np.diff(tf.indptr))) * idf[tf.indices]
    times = []
    for kind, text, _ in queries:
        if kind != "search":
            continue
        started = time.perf_counter()
        query = np.zeros(len(vocab), np.float32)
        for word in tokens(text):
            if word in vocab:
                query[vocab[word]] = 1
        scores = weights @ query
        np.argpartition(-scores, 20)[:20]
        times.append(1000 * (time.perf_counter() - started))
    return times


def _rank_bm25(corpus: list[tuple], queries) -> list[float]:
    model = BM25Okapi([words for _, words in corpus[:RANK_BM25_DOCS]])
    times = []
    for kind, text, _ in queries:
        if kind == "search":
            started = time.perf_counter()
            np.argsort(-model.get_scores(tokens(text)))[:20]
            times.append(1000 * (time.perf_counter() - started))
    return times


def run(*, docs: int = 1_000_000, queries: int = 100, processes: int = 2) -> list[Figure]:
    corpus, generation_rate, segment_rate = _corpus(docs, processes)
    workload = _queries(queries)
    figures = [Figure(name="synthetic judgments: generation", value=generation_rate, unit="docs/s", ceiling=None,
                      ceiling_name="", details={"docs": docs}),
               Figure(name=f"synthetic judgments: generate + segment ({processes} processes)", value=segment_rate,
                      unit="docs/s", ceiling=None, ceiling_name="",
                      details={"mean_facts_chars": round(float(np.mean([len(d.facts) for d, _ in corpus[:20000]])))})]
    brute = _brute_force(corpus, workload)
    brute_p50 = percentile(brute, 0.5)
    for name, make in (("tantivy", TantivyIndex), ("bm25s", Bm25sIndex)):
        folder = Path(tempfile.mkdtemp(prefix=f"omnicourt-retrieval-{name}-"))
        rss_before = _rss_mib()
        index = make(folder)
        started = time.perf_counter()
        for start in range(0, docs, 100_000):
            index.add_tokenized(corpus[start:start + 100_000])
        index.commit()
        build_seconds = time.perf_counter() - started
        index = make(folder)  # reopened from disk, as a server would
        index.search("借款", limit=1)
        times = _latencies(index, workload)
        common = {"docs": docs, "disk_mib": round(_disk_mib(folder)), "rss_growth_mib": round(_rss_mib() - rss_before)}
        figures.append(Figure(name=f"{name}: index build (segmented input)", value=docs / build_seconds,
                              unit="docs/s", ceiling=None, ceiling_name="",
                              details={**common, "seconds": round(build_seconds, 1)}))
        for kind, values in times.items():
            figures.append(Figure(name=f"{name}: {kind} at {docs:,} docs", value=percentile(values, 0.5),
                                  unit="ms p50", ceiling=brute_p50, ceiling_name="brute-force numpy scan p50 (ms)",
                                  details={**common, "p99_ms": round(percentile(values, 0.99), 1),
                                           "queries": len(values)}))
        del index
        shutil.rmtree(folder, ignore_errors=True)
    figures.append(Figure(name=f"brute-force numpy scan at {docs:,} docs", value=brute_p50, unit="ms p50",
                          ceiling=None, ceiling_name="", details={"p99_ms": round(percentile(brute, 0.99), 1)}))
    small = min(docs, RANK_BM25_DOCS)
    rank = _rank_bm25(corpus, workload)
    figures.append(Figure(name=f"rank_bm25 Okapi at {small:,} docs", value=percentile(rank, 0.5), unit="ms p50",
                          ceiling=None, ceiling_name="", details={"p99_ms": round(percentile(rank, 0.99), 1)}))
    return figures


def rebuild(*, docs: int = 2000) -> list[Figure]:
    """Rebuilding the index from the case base: from the tokens kept at import (judgment_tokens) against the same
    rebuild segmenting every judgment again, on a fresh SQLite case base of `docs` demo judgments (small scale:
    the figures say what one judgment costs, not what a million cost on PostgreSQL)."""
    from omnicourt import migrate
    from omnicourt.db import Database
    from omnicourt.retrieval import casebase
    from omnicourt.retrieval.models import JudgmentTokens

    folder = Path(tempfile.mkdtemp(prefix="omnicourt-rebuild-"))
    try:
        db = Database(f"sqlite:///{folder / 'case-base.db'}")
        migrate.upgrade(db)
        started = time.perf_counter()
        imported = synthetic.load_demo_case_base(db, Bm25sIndex(folder / "imported"), count=docs)
        import_seconds = time.perf_counter() - started
        started = time.perf_counter()
        kept = casebase.reindex(db, Bm25sIndex(folder / "from-tokens"))
        kept_seconds = time.perf_counter() - started
        with db.transaction() as session:
            session.query(JudgmentTokens).delete()
        started = time.perf_counter()
        segmented = casebase.reindex(db, Bm25sIndex(folder / "segmenting"))
        segmenting_seconds = time.perf_counter() - started
        assert kept == segmented == imported
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    details = {"docs": docs, "database": "SQLite", "scale": "small"}
    return [Figure(name="case base: import (segmented once, tokens kept)", value=docs / import_seconds,
                   unit="docs/s", ceiling=None, ceiling_name="",
                   details={**details, "seconds": round(import_seconds, 1)}),
            Figure(name="case base: rebuild the index from kept tokens", value=docs / kept_seconds, unit="docs/s",
                   ceiling=None, ceiling_name="", details={**details, "seconds": round(kept_seconds, 2)}),
            Figure(name="case base: rebuild segmenting again (no kept tokens)", value=docs / segmenting_seconds,
                   unit="docs/s", ceiling=None, ceiling_name="",
                   details={**details, "seconds": round(segmenting_seconds, 2)})]


if __name__ == "__main__":  # python -m bench.retrieval rebuild [docs]
    import sys

    if sys.argv[1:2] == ["rebuild"]:
        for figure in rebuild(docs=int(sys.argv[2]) if len(sys.argv) > 2 else 2000):
            print(f"{figure.name}: {figure.value:,.0f} {figure.unit} {figure.details}")
