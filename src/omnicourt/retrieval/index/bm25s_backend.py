"""The bm25s backend: a BM25 sparse matrix (term-major CSC, Lucene idf) scored by bm25s, filters as masks.

bm25s has no incremental indexing, so each commit rebuilds the score matrix from the stored per-document term counts
(cheap: counting is done once, at add time). The matrix is built here with numpy rather than by `BM25.index`, which
needs every token of the corpus as Python lists (gigabytes at a million judgments); the layout is bm25s's own, so
scoring, saving and memory-mapped loading are bm25s's. Metadata live in numpy arrays; a filter is a boolean mask
passed as bm25s's weight_mask. Texts are kept in one UTF-8 file with offsets, read only to highlight the hits.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path

import bm25s
import numpy as np

from omnicourt.retrieval.index.base import Filters, Hit, IndexedJudgment
from omnicourt.retrieval.index.common import (
    CATEGORY_FIELDS,
    PHRASE_OVERFETCH,
    Query,
    category_filters,
    highlights,
    holds_phrases,
    more_like_this_terms,
    parse_query,
)
from omnicourt.retrieval.segment import tokens

K1, B = 1.2, 0.75  # Lucene's defaults, as tantivy uses
SEPARATOR = "\x1f"  # between facts and the rest in the text file


class Bm25sIndex:
    def __init__(self, path: Path):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self._pending: list[tuple[IndexedJudgment, list[str]]] = []
        self._load()

    # --- the interface -------------------------------------------------------------------------------------------
    def add(self, docs: Iterable[IndexedJudgment]) -> int:
        before = len(self._pending)
        self._pending += [(doc, tokens(doc.facts) + tokens(doc.text)) for doc in docs]
        return len(self._pending) - before

    def add_tokenized(self, docs: Iterable[tuple[IndexedJudgment, list[str]]]) -> int:
        """`add` for documents already tokenised with segment.tokens (the benchmark segments in parallel)."""
        before = len(self._pending)
        self._pending += list(docs)
        return len(self._pending) - before

    def commit(self) -> None:
        if not self._pending:
            return
        self._merge_pending()
        self._build_and_save()

    def search(self, query: str, *, filters: Filters = Filters(), limit: int = 20) -> list[Hit]:
        return self._ranked(parse_query(query), filters, limit, exclude=None)

    def more_like_this(self, text: str, *, filters: Filters = Filters(), limit: int = 20,
                       exclude: int | None = None) -> list[Hit]:
        terms = more_like_this_terms(tokens(text), self._doc_freq, self.count())
        return self._ranked(Query(should=tuple(terms)), filters, limit, exclude=exclude)

    def count(self) -> int:
        return len(self.doc_ids)

    def clear(self) -> None:
        shutil.rmtree(self.path)
        self.path.mkdir(parents=True)
        self._pending = []
        self._load()

    # --- storage -------------------------------------------------------------------------------------------------
    def _load(self) -> None:
        meta_file = self.path / "meta.npz"
        if not meta_file.exists():
            self.vocab: dict[str, int] = {}
            self.categories: dict[str, list[str]] = {name: [] for name in CATEGORY_FIELDS}
            self.doc_ids = np.zeros(0, np.int64)
            self.years = np.zeros(0, np.int16)
            self.codes = {name: np.zeros(0, np.int32) for name in CATEGORY_FIELDS}
            self.term_ids, self.term_counts = np.zeros(0, np.int32), np.zeros(0, np.uint16)
            self.term_offsets, self.text_offsets = np.zeros(1, np.int64), np.zeros(1, np.int64)
            self.retriever, self.df = None, np.zeros(0, np.int64)
            return
        arrays = np.load(meta_file)
        labels = json.loads((self.path / "labels.json").read_text(encoding="utf-8"))
        self.vocab = {term: i for i, term in enumerate(labels["vocab"])}
        self.categories = labels["categories"]
        self.doc_ids, self.years = arrays["doc_ids"], arrays["years"]
        self.codes = {name: arrays[f"code_{name}"] for name in CATEGORY_FIELDS}
        self.term_ids, self.term_counts = arrays["term_ids"], arrays["term_counts"]
        self.term_offsets, self.text_offsets = arrays["term_offsets"], arrays["text_offsets"]
        self.df = np.bincount(self.term_ids, minlength=len(self.vocab))
        self.retriever = bm25s.BM25.load(self.path / "bm25s", mmap=True, load_vocab=False, show_progress=False)

    def _merge_pending(self) -> None:
        docs = [doc for doc, _ in self._pending]
        for name in CATEGORY_FIELDS:
            known = {label: i for i, label in enumerate(self.categories[name])}
            for doc in docs:
                known.setdefault(getattr(doc, name), len(known))
            self.categories[name] = list(known)
            new_codes = np.fromiter((known[getattr(doc, name)] for doc in docs), np.int32, len(docs))
            self.codes[name] = np.concatenate([self.codes[name], new_codes])
        self.doc_ids = np.concatenate([self.doc_ids, np.fromiter((d.doc_id for d in docs), np.int64, len(docs))])
        self.years = np.concatenate([self.years, np.fromiter((d.year for d in docs), np.int16, len(docs))])
        ids, counts, lengths = [], [], []
        for _, words in self._pending:
            unique, count = np.unique([self.vocab.setdefault(w, len(self.vocab)) for w in words] or [0],
                                      return_counts=True)
            if not words:
                unique, count = unique[:0], count[:0]
            ids.append(unique.astype(np.int32))
            counts.append(count.astype(np.uint16))
            lengths.append(len(unique))
        self.term_ids = np.concatenate([self.term_ids, *ids])
        self.term_counts = np.concatenate([self.term_counts, *counts])
        self.term_offsets = np.concatenate([self.term_offsets, self.term_offsets[-1] + np.cumsum(lengths)])
        blobs = [(d.facts + SEPARATOR + d.text).encode("utf-8") for d in docs]
        with (self.path / "texts.bin").open("ab") as handle:
            handle.write(b"".join(blobs))
        sizes = np.fromiter((len(b) for b in blobs), np.int64, len(blobs))
        self.text_offsets = np.concatenate([self.text_offsets, self.text_offsets[-1] + np.cumsum(sizes)])
        self._pending = []
        self._drop_replaced()

    def _drop_replaced(self) -> None:
        """A document added again replaces the earlier copy: keep the last row of each doc_id."""
        _, last_from_end = np.unique(self.doc_ids[::-1], return_index=True)
        keep = np.sort(len(self.doc_ids) - 1 - last_from_end)
        if len(keep) == len(self.doc_ids):
            return
        term_rows = [np.arange(self.term_offsets[i], self.term_offsets[i + 1]) for i in keep]
        texts = [self._raw_text(i) for i in keep]
        self.doc_ids, self.years = self.doc_ids[keep], self.years[keep]
        self.codes = {name: codes[keep] for name, codes in self.codes.items()}
        rows = np.concatenate(term_rows) if term_rows else np.zeros(0, np.int64)
        self.term_ids, self.term_counts = self.term_ids[rows], self.term_counts[rows]
        self.term_offsets = np.concatenate([[0], np.cumsum([len(r) for r in term_rows])]).astype(np.int64)
        blobs = [t.encode("utf-8") for t in texts]
        (self.path / "texts.bin").write_bytes(b"".join(blobs))
        self.text_offsets = np.concatenate([[0], np.cumsum([len(b) for b in blobs])]).astype(np.int64)

    def _build_and_save(self) -> None:
        """The BM25 weight of every (term, document) pair, term-major, in bm25s's layout."""
        num_docs, vocab_size = len(self.doc_ids), max(len(self.vocab), 1)
        doc_of_row = np.repeat(np.arange(num_docs, dtype=np.int32), np.diff(self.term_offsets))
        doc_len = np.bincount(doc_of_row, weights=self.term_counts, minlength=num_docs)
        self.df = np.bincount(self.term_ids, minlength=vocab_size)
        idf = np.log(1 + (num_docs - self.df + 0.5) / (self.df + 0.5))
        tf = self.term_counts.astype(np.float32)
        norm = K1 * (1 - B + B * doc_len[doc_of_row] / max(doc_len.mean(), 1e-9))
        weights = (idf[self.term_ids] * tf * (K1 + 1) / (tf + norm)).astype(np.float32)
        order = np.argsort(self.term_ids, kind="stable")
        retriever = bm25s.BM25(method="lucene", k1=K1, b=B)
        retriever.scores = {"data": weights[order], "indices": doc_of_row[order],
                            "indptr": np.concatenate([[0], np.cumsum(self.df)]).astype(np.int64),
                            "num_docs": num_docs}
        retriever.vocab_dict, retriever.nonoccurrence_array = {}, None
        retriever.save(self.path / "bm25s", show_progress=False)
        np.savez(self.path / "meta.npz", allow_pickle=False, doc_ids=self.doc_ids, years=self.years,
                 term_ids=self.term_ids, term_counts=self.term_counts, term_offsets=self.term_offsets,
                 text_offsets=self.text_offsets,
                 **{f"code_{name}": codes for name, codes in self.codes.items()})
        labels = {"vocab": list(self.vocab), "categories": self.categories}
        (self.path / "labels.json").write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")
        self.retriever = bm25s.BM25.load(self.path / "bm25s", mmap=True, load_vocab=False, show_progress=False)

    # --- queries -------------------------------------------------------------------------------------------------
    def _doc_freq(self, term: str) -> int:
        term_id = self.vocab.get(term)
        return int(self.df[term_id]) if term_id is not None and term_id < len(self.df) else 0

    def _mask(self, filters: Filters) -> np.ndarray | None:
        conditions = []
        for name, value in category_filters(filters).items():
            labels = self.categories[name]
            code = labels.index(value) if value in labels else -1
            conditions.append(self.codes[name] == code)
        if filters.year_from is not None:
            conditions.append(self.years >= filters.year_from)
        if filters.year_to is not None:
            conditions.append(self.years <= filters.year_to)
        return np.logical_and.reduce(conditions) if conditions else None

    def _ranked(self, query: Query, filters: Filters, limit: int, exclude: int | None) -> list[Hit]:
        term_ids = sorted({term_id for w in query.terms if (term_id := self._term_id(w)) is not None})
        if self.retriever is None or not term_ids or limit <= 0:
            return []
        must = [term_id for w in query.must if (term_id := self._term_id(w)) is not None]
        if len(must) < len(query.must):
            return []  # a required term no judgment holds
        scores = self.retriever.get_scores_from_ids(term_ids)
        matrix = self.retriever.scores
        conditions = [c for c in (self._mask(filters),) if c is not None]
        conditions += [self._holding(matrix, term_id) for term_id in must]
        conditions += [~self._holding(matrix, term_id)
                       for w in query.must_not if (term_id := self._term_id(w)) is not None]
        if exclude is not None:
            conditions.append(self.doc_ids != exclude)
        if conditions:
            scores = np.where(np.logical_and.reduce(conditions), scores, 0.0)
        fetch = min(limit * PHRASE_OVERFETCH if query.phrases else limit, len(scores))
        top = np.argpartition(-scores, fetch - 1)[:fetch]
        top = top[np.argsort(-scores[top], kind="stable")]
        hits = []
        for row in top:
            texts = self._raw_text(row).split(SEPARATOR) if scores[row] > 0 else ()
            if texts and holds_phrases(texts, query.phrases):
                hits.append(Hit(doc_id=int(self.doc_ids[row]), score=float(scores[row]),
                                highlights=highlights(texts, query.terms + query.phrases)))
        return hits[:limit]

    def _term_id(self, word: str) -> int | None:
        term_id = self.vocab.get(word)
        return term_id if term_id is not None and term_id < len(self.df) else None

    def _holding(self, matrix: dict, term_id: int) -> np.ndarray:
        """Which documents hold the term (the column of the term in the term-major score matrix)."""
        held = np.zeros(len(self.doc_ids), bool)
        held[matrix["indices"][matrix["indptr"][term_id]:matrix["indptr"][term_id + 1]]] = True
        return held

    def _raw_text(self, row: int) -> str:
        start, end = int(self.text_offsets[row]), int(self.text_offsets[row + 1])
        with (self.path / "texts.bin").open("rb") as handle:
            handle.seek(start)
            return handle.read(end - start).decode("utf-8")
