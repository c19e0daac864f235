"""The tantivy backend: a persisted tantivy index of pre-segmented text, filters on fast fields.

tantivy has no Chinese tokenizer of its own: documents are cut by segment.tokens and indexed space-joined under the
whitespace tokenizer, so tantivy's BM25 scores exactly the terms the other backends score. The original facts and
text are stored for highlighting; tantivy's SnippetGenerator would work on the space-joined terms (numbers and stop
words removed), so highlights come from the shared highlighter over the stored originals instead.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import tantivy

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

WRITER_HEAP = 256 * 1024 * 1024


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("doc_id", stored=True, indexed=True, fast=True)
    builder.add_text_field("terms", stored=False, tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("facts", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("text", stored=True, tokenizer_name="raw", index_option="basic")
    for name in CATEGORY_FIELDS:
        builder.add_text_field(name, stored=False, fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("year", stored=False, indexed=True, fast=True)
    return builder.build()


class TantivyIndex:
    def __init__(self, path: Path):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self.index = tantivy.Index(self.schema, path=str(path), reuse=True)
        self._writer: tantivy.IndexWriter | None = None

    def add(self, docs: Iterable[IndexedJudgment]) -> int:
        return self.add_tokenized((doc, tokens(doc.facts) + tokens(doc.text)) for doc in docs)

    def add_tokenized(self, docs: Iterable[tuple[IndexedJudgment, list[str]]]) -> int:
        """`add` for documents already tokenised with segment.tokens (the benchmark segments in parallel)."""
        writer = self._writer_open()
        added = 0
        for doc, words in docs:
            writer.delete_documents_by_term("doc_id", doc.doc_id)  # adding again replaces
            writer.add_document(tantivy.Document(
                doc_id=doc.doc_id, terms=" ".join(words), facts=doc.facts[:30000], text=doc.text[:30000],
                year=doc.year, **{name: getattr(doc, name) for name in CATEGORY_FIELDS}))
            added += 1
        return added

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
        self.index.reload()

    def search(self, query: str, *, filters: Filters = Filters(), limit: int = 20) -> list[Hit]:
        return self._ranked(parse_query(query), filters, limit, exclude=None)

    def more_like_this(self, text: str, *, filters: Filters = Filters(), limit: int = 20,
                       exclude: int | None = None) -> list[Hit]:
        searcher = self.index.searcher()
        terms = more_like_this_terms(tokens(text), lambda t: searcher.doc_freq("terms", t), searcher.num_docs)
        return self._ranked(Query(should=tuple(terms)), filters, limit, exclude=exclude)

    def count(self) -> int:
        return self.index.searcher().num_docs

    def clear(self) -> None:
        self._writer = None
        shutil.rmtree(self.path)
        self.path.mkdir(parents=True)
        self.index = tantivy.Index(self.schema, path=str(self.path), reuse=False)

    def _writer_open(self) -> tantivy.IndexWriter:
        if self._writer is None:
            self._writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=2)
        return self._writer

    def _ranked(self, query: Query, filters: Filters, limit: int, exclude: int | None) -> list[Hit]:
        if not query.terms or limit <= 0:
            return []
        schema = self.schema

        def term(word: str) -> tantivy.Query:
            return tantivy.Query.term_query(schema, "terms", word)

        clauses = [(tantivy.Occur.Must, term(word)) for word in query.must]
        clauses += [(tantivy.Occur.MustNot, term(word)) for word in query.must_not]
        if query.should:  # optional beside required terms, else at least one of them must match
            should = tantivy.Query.boolean_query([(tantivy.Occur.Should, term(word)) for word in query.should])
            clauses.append((tantivy.Occur.Should if query.must else tantivy.Occur.Must, should))
        for name, value in category_filters(filters).items():
            clauses.append((tantivy.Occur.Must, _unscored(tantivy.Query.term_query(schema, name, value))))
        if filters.year_from is not None or filters.year_to is not None:
            years = tantivy.Query.range_query(schema, "year", tantivy.FieldType.Integer,
                                              filters.year_from if filters.year_from is not None else -(2**31),
                                              filters.year_to if filters.year_to is not None else 2**31)
            clauses.append((tantivy.Occur.Must, _unscored(years)))
        if exclude is not None:
            clauses.append((tantivy.Occur.MustNot, tantivy.Query.term_query(schema, "doc_id", exclude)))
        searcher = self.index.searcher()
        fetch = limit * PHRASE_OVERFETCH if query.phrases else limit
        result = searcher.search(tantivy.Query.boolean_query(clauses), fetch)
        hits = []
        for score, address in result.hits:
            stored = searcher.doc(address)
            texts = (stored["facts"][0], stored["text"][0])
            if holds_phrases(texts, query.phrases):
                hits.append(Hit(doc_id=int(stored["doc_id"][0]), score=float(score),
                                highlights=highlights(texts, query.terms + query.phrases)))
        return hits[:limit]


def _unscored(query: tantivy.Query) -> tantivy.Query:
    """A filter clause: it must match but adds nothing to the score."""
    return tantivy.Query.const_score_query(query, 0.0)
