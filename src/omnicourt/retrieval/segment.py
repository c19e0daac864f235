"""Tokenise Chinese legal text for the search index: jieba with the legal user dictionary, minus stop words.

Every backend and the evaluation harness call `tokens`, so a query and the documents it is compared with are always
cut the same way. Terms of law (data/retrieval/legal_dict.txt) stay whole: 金融借款合同纠纷 is one token, not
金融 / 借款 / 合同 / 纠纷. HMM new-word discovery is off: it is slower and makes names of people into tokens, which
say nothing about whether two cases are alike. Numbers and punctuation are dropped for the same reason.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path

import jieba

DATA = Path(__file__).resolve().parents[3] / "data" / "retrieval"
LEGAL_DICT = DATA / "legal_dict.txt"
STOPWORDS = DATA / "stopwords.txt"

_MEANINGLESS = re.compile(r"^[\W\d_a-zA-Z]*\d[\W\d_]*$|^[\W_]+$")  # numbers, amounts, dates, punctuation


def _data_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@cache
def legal_terms() -> frozenset[str]:
    return frozenset(line.split()[0] for line in _data_lines(LEGAL_DICT))


@cache
def stopwords() -> frozenset[str]:
    return frozenset(_data_lines(STOPWORDS))


@cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for term in legal_terms():
        tokenizer.add_word(term, freq=100_000)
    return tokenizer


def tokens(text: str) -> list[str]:
    """The index terms of `text`, in order, repeats kept (BM25 counts them)."""
    skip = stopwords()
    return [word for word in _tokenizer().cut(text, HMM=False)
            if not word.isspace() and word not in skip and not _MEANINGLESS.match(word)]


def warm_up() -> None:
    """Load the dictionary now (about a second) rather than on the first query."""
    _tokenizer()
