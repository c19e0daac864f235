"""The OpenSearch / Elasticsearch backend: one index per court and year, searched through an alias.

Sharding by court and year keeps each index small (a basic court decides tens of thousands of cases a year) and lets
old years be merged, frozen or moved without touching the rest; queries go to the alias `omnicourt-judgments`,
which holds every `omnicourt-judgments-<court>-<year>` index. Text is pre-segmented by segment.tokens and indexed
under the whitespace analyzer, as in the other backends. opensearch-py is imported only when a client is needed.
The request bodies are built by pure functions so they can be checked without a cluster.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from omnicourt.retrieval.index.base import Filters, Hit, IndexedJudgment
from omnicourt.retrieval.index.common import CATEGORY_FIELDS, category_filters, highlights, parse_query
from omnicourt.retrieval.segment import tokens

ALIAS = "omnicourt-judgments"
MLT_MAX_TERMS = 32

MAPPINGS = {
    "properties": {
        "doc_id": {"type": "long"},
        "terms": {"type": "text", "analyzer": "whitespace", "similarity": "BM25"},
        "facts": {"type": "text", "index": False},
        "text": {"type": "text", "index": False},
        "year": {"type": "short"},
        **{name: {"type": "keyword"} for name in CATEGORY_FIELDS},
    }
}


def index_name(court: str, year: int) -> str:
    """Court names are Chinese: the index name carries a short stable hash of the name (index names are ASCII)."""
    return f"{ALIAS}-{hashlib.sha1(court.encode('utf-8')).hexdigest()[:10]}-{year}"


def index_body() -> dict:
    return {"settings": {"number_of_shards": 1, "number_of_replicas": 1}, "mappings": MAPPINGS,
            "aliases": {ALIAS: {}}}


def document_body(doc: IndexedJudgment) -> dict:
    return {"doc_id": doc.doc_id, "terms": " ".join(tokens(doc.facts) + tokens(doc.text)), "facts": doc.facts,
            "text": doc.text, "year": doc.year, **{name: getattr(doc, name) for name in CATEGORY_FIELDS}}


def filter_clauses(filters: Filters) -> list[dict]:
    clauses: list[dict] = [{"term": {name: value}} for name, value in category_filters(filters).items()]
    years = {k: v for k, v in (("gte", filters.year_from), ("lte", filters.year_to)) if v is not None}
    if years:
        clauses.append({"range": {"year": years}})
    return clauses


def search_body(query: str, filters: Filters = Filters(), limit: int = 20) -> dict:
    """Any of the words ranks; +words, "phrases" (in order, on the pre-segmented terms) must match; -words must not."""
    parsed = parse_query(query)
    must = [{"match": {"terms": {"query": word}}} for word in parsed.must]
    must += [{"match_phrase": {"terms": {"query": " ".join(tokens(phrase))}}} for phrase in parsed.phrases]
    should = [{"match": {"terms": {"query": " ".join(parsed.should)}}}] if parsed.should else []
    return {"size": limit, "_source": ["doc_id", "facts", "text"],
            "query": {"bool": {"must": must, "should": should, "minimum_should_match": 0 if must else 1,
                               "must_not": [{"match": {"terms": {"query": word}}} for word in parsed.must_not],
                               "filter": filter_clauses(filters)}}}


def more_like_this_body(text: str, filters: Filters = Filters(), limit: int = 20, exclude: int | None = None) -> dict:
    query: dict[str, list] = {"must": [{"more_like_this": {"fields": ["terms"], "like": " ".join(tokens(text)),
                                                            "max_query_terms": MLT_MAX_TERMS, "min_term_freq": 1,
                                                            "min_doc_freq": 1}}],
                              "filter": filter_clauses(filters)}
    if exclude is not None:
        query["must_not"] = [{"term": {"doc_id": exclude}}]
    return {"size": limit, "_source": ["doc_id", "facts", "text"], "query": {"bool": query}}


class OpenSearchIndex:
    def __init__(self, url: str):
        if not url:
            raise ValueError("OpenSearch 后端需要地址（OMNICOURT_RETRIEVAL_OPENSEARCH_URL）")
        self.url = url
        self._client = None

    @property
    def client(self):
        if self._client is None:
            try:
                from opensearchpy import OpenSearch
            except ImportError as missing:
                raise RuntimeError("检索后端 opensearch 需要安装 opensearch-py") from missing
            self._client = OpenSearch(self.url)
        return self._client

    def add(self, docs: Iterable[IndexedJudgment]) -> int:
        from opensearchpy.helpers import bulk

        created: set[str] = set()
        actions = []
        for doc in docs:
            name = index_name(doc.court, doc.year)
            if name not in created and not self.client.indices.exists(index=name):
                self.client.indices.create(index=name, body=index_body())
            created.add(name)
            actions.append({"_index": name, "_id": doc.doc_id, "_source": document_body(doc)})
        added, _ = bulk(self.client, actions)
        return added

    def commit(self) -> None:
        self.client.indices.refresh(index=f"{ALIAS}-*")

    def search(self, query: str, *, filters: Filters = Filters(), limit: int = 20) -> list[Hit]:
        parsed = parse_query(query)
        return self._hits(search_body(query, filters, limit), [*parsed.terms, *parsed.phrases])

    def more_like_this(self, text: str, *, filters: Filters = Filters(), limit: int = 20,
                       exclude: int | None = None) -> list[Hit]:
        return self._hits(more_like_this_body(text, filters, limit, exclude), tokens(text))

    def count(self) -> int:
        return int(self.client.count(index=ALIAS)["count"]) if self.client.indices.exists_alias(name=ALIAS) else 0

    def clear(self) -> None:
        self.client.indices.delete(index=f"{ALIAS}-*", ignore_unavailable=True)

    def _hits(self, body: dict, words: list[str]) -> list[Hit]:
        response = self.client.search(index=ALIAS, body=body)
        return [Hit(doc_id=int(h["_source"]["doc_id"]), score=float(h["_score"]),
                    highlights=highlights((h["_source"]["facts"], h["_source"]["text"]), set(words)))
                for h in response["hits"]["hits"]]
