"""Tokenise Chinese legal text for the search index: jieba with the legal user dictionary, minus stop words.

Every backend and the evaluation harness call `tokens`, so a query and the documents it is compared with are always
cut the same way. Terms of law (data/retrieval/legal_dict.txt) stay whole: 金融借款合同纠纷 is one token, not
金融 / 借款 / 合同 / 纠纷. HMM new-word discovery is off: it is slower and makes names of people into tokens, which
say nothing about whether two cases are alike. Numbers and punctuation are dropped for the same reason.
"""

from __future__ import annotations

import logging
import re
from functools import cache, lru_cache
from pathlib import Path

import jieba

DATA = Path(__file__).resolve().parents[3] / "data" / "retrieval"
LEGAL_DICT = DATA / "legal_dict.txt"
STOPWORDS = DATA / "stopwords.txt"

# Numbers, amounts, dates, measurements (180mg, 100ml) and punctuation.
_MEANINGLESS = re.compile(r"^[\W\d_a-zA-Z]*\d[\W\d_a-zA-Z]*$|^[\W_]+$")


def data_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@cache
def legal_terms() -> frozenset[str]:
    return frozenset(line.split()[0] for line in data_lines(LEGAL_DICT))


@cache
def stopwords() -> frozenset[str]:
    return frozenset(data_lines(STOPWORDS))


@cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for term in legal_terms():
        tokenizer.add_word(term, freq=100_000)
    return tokenizer


def tokens(text: str) -> list[str]:
    """The index terms of `text`, in order, repeats kept (BM25 counts them): each word, and after a word of three
    characters or more the shorter words within it (金融借款合同纠纷 → 金融借款合同纠纷, 金融, 借款合同纠纷, 借款合同,
    借款, …), so that a search for 借款 finds the judgment that only says 金融借款合同纠纷, while one that names the
    whole term scores more."""
    skip = stopwords()
    found = []
    for word in _tokenizer().cut(text, HMM=False):
        if word.isspace() or word in skip or _MEANINGLESS.match(word):
            continue
        found.append(word)
        if len(word) > 2:
            found += [part for part in _parts(word) if part not in skip]
    return found


@lru_cache(maxsize=100_000)
def _parts(word: str) -> tuple[str, ...]:
    """The words `word` is made of, and theirs in turn: its most probable cut into dictionary words other than the
    whole (jieba's own route), so 保证人 gives 保证 but not 证人, and 机动车交通事故责任纠纷 gives 交通事故 but not
    通事."""
    tokenizer = _tokenizer()
    dag = tokenizer.get_DAG(word)
    dag[0] = [end for end in dag[0] if end != len(word) - 1] or [0]
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(word, dag, route)
    found, start = [], 0
    while start < len(word):
        end = route[start][1] + 1
        piece = word[start:end]
        if len(piece) > 1:
            found.append(piece)
            if len(piece) > 2:
                found += _parts(piece)
        start = end
    return tuple(dict.fromkeys(found))


def warm_up() -> None:
    """Load the dictionary now (about a second) rather than on the first query."""
    _tokenizer()
