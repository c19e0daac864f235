"""What every backend shares: filters as plain predicates, more-like-this term selection, highlighting."""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from omnicourt.retrieval.index.base import Filters, IndexedJudgment
from omnicourt.retrieval.segment import DATA, data_lines, tokens

MLT_MAX_TERMS = 32  # like Lucene's MoreLikeThis max_query_terms (25): enough to say what a case is about, fast to score
HIGHLIGHT_PASSAGES = 3
PASSAGE_CHARS = 160
_SENTENCE_END = re.compile(r"(?<=[。；！？])")

CATEGORY_FIELDS = ("cause", "court", "court_level", "procedure", "outcome")
PHRASE_OVERFETCH = 10  # candidates fetched per wanted hit when phrases must be checked against the stored text
_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』')
_OPERATOR = re.compile(r"(?:^|(?<=\s))([+\-－＋])(\S+)")


@dataclass(frozen=True)
class Query:
    """A search as the index runs it: any of `should` ranks (OR: a judgment needs one, more rank higher), every term
    of `must` and every phrase must occur, no term of `must_not` may."""

    should: tuple[str, ...] = ()
    must: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()  # verbatim in the facts or the rest of the text

    @property
    def terms(self) -> tuple[str, ...]:
        """The terms that score and are highlighted."""
        return tuple(dict.fromkeys(self.should + self.must))


@cache
def query_stopwords() -> frozenset[str]:
    return frozenset(data_lines(DATA / "query_stopwords.txt"))


def parse_query(text: str) -> Query:
    """The query a judge types: words (any of them, ranked), "a phrase" or 「a phrase」 (exactly these words, in this
    order), +word (required) and -word (excluded). Words are cut like the documents; the words people put into a
    search box that say nothing about a case (类案, 相关, 检索 …) are dropped."""
    phrases = [next(group for group in found.groups() if group) for found in _QUOTED.finditer(text)]
    rest = _QUOTED.sub(" ", text)
    required: list[str] = []
    excluded: list[str] = []
    for sign, word in _OPERATOR.findall(rest):
        (excluded if sign in "-－" else required).append(word)
    rest = _OPERATOR.sub(" ", rest)
    noise = query_stopwords()

    def cut(part: str) -> list[str]:
        return [word for word in tokens(part) if word not in noise]

    must = [word for part in required + phrases for word in cut(part)]
    return Query(should=tuple(dict.fromkeys(w for w in cut(rest) if w not in must)), must=tuple(dict.fromkeys(must)),
                 must_not=tuple(dict.fromkeys(w for part in excluded for w in cut(part))),
                 phrases=tuple(p.strip() for p in phrases if p.strip()))


def holds_phrases(texts: Iterable[str], phrases: Iterable[str]) -> bool:
    """Every phrase occurs in one of the texts (spaces in a phrase ignored: judgments have none)."""
    joined = "\n".join(texts)
    return all(re.sub(r"\s+", "", phrase) in joined for phrase in phrases)


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
    """Up to three sentences holding the most query terms, HTML-escaped, each term in <mark>…</mark>: from the first
    text that holds any (the facts, given first, before the claims and reasoning, whose wording every judgment of a
    cause shares)."""
    wanted = sorted({t for t in terms if t}, key=len, reverse=True)  # longest first: 连带责任保证 before 保证
    if not wanted:
        return ()
    pattern = re.compile("|".join(re.escape(t) for t in wanted))
    for text in passages_of:
        ranked = []
        for order, sentence in enumerate(s for s in _SENTENCE_END.split(text) if s.strip()):
            held = sum(term in sentence for term in wanted)  # 醉酒驾驶 holds 醉酒 and 驾驶 too: a closer match
            if held:
                ranked.append((-held, order, sentence[:PASSAGE_CHARS]))
        if ranked:
            ranked.sort()
            return tuple(_marked(sentence, pattern) for _, _, sentence in ranked[:HIGHLIGHT_PASSAGES])
    return ()


def _marked(sentence: str, pattern: re.Pattern[str]) -> str:
    out, last = [], 0
    for match in pattern.finditer(sentence):
        out += [html.escape(sentence[last:match.start()]), "<mark>", html.escape(match.group()), "</mark>"]
        last = match.end()
    out.append(html.escape(sentence[last:]))
    return "".join(out)
