"""What every backend shares: filters as plain predicates, more-like-this term selection, highlighting."""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable

from omnicourt.retrieval.index.base import Filters, IndexedJudgment

MLT_MAX_TERMS = 32  # like Lucene's MoreLikeThis max_query_terms (25): enough to say what a case is about, fast to score
HIGHLIGHT_PASSAGES = 3
PASSAGE_CHARS = 160
_SENTENCE_END = re.compile(r"(?<=[。；！？])")

CATEGORY_FIELDS = ("cause", "court", "court_level", "procedure", "outcome")


def category_filters(filters: Filters) -> dict[str, str]:
    """The exact-match filters that are set, by field name."""
    return {name: getattr(filters, name) for name in CATEGORY_FIELDS if getattr(filters, name) is not None}


def matches(doc: IndexedJudgment, filters: Filters) -> bool:
    if any(getattr(doc, name) != value for name, value in category_filters(filters).items()):
        return False
    return ((filters.year_from is None or doc.year >= filters.year_from)
            and (filters.year_to is None or doc.year <= filters.year_to))


def more_like_this_terms(words: Iterable[str], doc_freq: Callable[[str], int], num_docs: int,
                         limit: int = MLT_MAX_TERMS) -> list[str]:
    """The `limit` terms of a text that say most about it: term frequency × inverse document frequency, terms the
    index never saw left out (Lucene MoreLikeThis does the same)."""
    scored = []
    for word, tf in Counter(words).items():
        df = doc_freq(word)
        if df:
            scored.append((tf * math.log(1 + (num_docs - df + 0.5) / (df + 0.5)), word))
    scored.sort(reverse=True)
    return [word for _, word in scored[:limit]]


def highlights(passages_of: Iterable[str], terms: Iterable[str]) -> tuple[str, ...]:
    """Up to three sentences of the texts holding the most query terms, HTML-escaped, each term in <mark>…</mark>."""
    wanted = sorted({t for t in terms if t}, key=len, reverse=True)  # longest first: 连带责任保证 before 保证
    if not wanted:
        return ()
    pattern = re.compile("|".join(re.escape(t) for t in wanted))
    ranked = []
    for order, sentence in enumerate(s for text in passages_of for s in _SENTENCE_END.split(text) if s.strip()):
        found = {m.group() for m in pattern.finditer(sentence)}
        if found:
            ranked.append((-len(found), order, sentence[:PASSAGE_CHARS]))
    ranked.sort()
    return tuple(_marked(sentence, pattern) for _, _, sentence in ranked[:HIGHLIGHT_PASSAGES])


def _marked(sentence: str, pattern: re.Pattern[str]) -> str:
    out, last = [], 0
    for match in pattern.finditer(sentence):
        out += [html.escape(sentence[last:match.start()]), "<mark>", html.escape(match.group()), "</mark>"]
        last = match.end()
    out.append(html.escape(sentence[last:]))
    return "".join(out)
