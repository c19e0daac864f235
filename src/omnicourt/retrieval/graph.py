"""The knowledge graph over the case base: causes ↔ statutes ↔ case elements ↔ cases.

Its edges are rows already in the case base: a judgment's cause, the articles it cites (judgment_citations, with
the cause copied so that "what does this cause cite" is one index range) and the elements found in its facts
(judgments.elements, from the vocabulary in data/retrieval/elements.toml). The queries are plain SQL over those
indexes, so the graph is as current as the case base; the one aggregate that grows with a cause, the articles
its cases cite, is kept per cause as judgments enter (cause_statutes).
"""

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from omnicourt.retrieval.citations import Citation, current, law_book, predecessors
from omnicourt.retrieval.models import CauseStatute, Judgment, JudgmentCitation

ELEMENTS_FILE = Path(__file__).resolve().parents[3] / "data" / "retrieval" / "elements.toml"


@dataclass(frozen=True)
class ElementVocabulary:
    by_cause: dict[str, dict[str, re.Pattern]]  # cause -> element -> the words that show it
    everything: dict[str, re.Pattern]  # for a cause in no group

    def elements_in(self, text: str, cause: str) -> list[str]:
        """The elements of `cause` that the text shows, in the vocabulary's order."""
        vocabulary = self.by_cause.get(cause, self.everything)
        return [name for name, words in vocabulary.items() if words.search(text)]


def load_elements(path: Path) -> ElementVocabulary:
    with path.open("rb") as handle:
        groups = tomllib.load(handle)
    by_cause: dict[str, dict[str, re.Pattern]] = {}
    everything: dict[str, re.Pattern] = {}
    for group in groups.values():
        patterns = {name: re.compile("|".join(map(re.escape, words))) for name, words in group["elements"].items()}
        for cause in group["causes"]:
            by_cause[cause] = patterns
        everything.update(patterns)
    return ElementVocabulary(by_cause, everything)


@lru_cache
def vocabulary() -> ElementVocabulary:
    return load_elements(ELEMENTS_FILE)


@dataclass(frozen=True)
class ArticleUse:
    law: str
    article: str
    cases: int  # judgments citing it

    @property
    def label(self) -> str:
        short = law_book().short_names.get(self.law, self.law)
        article, _, inserted = self.article.partition("之")
        return f"《{short}》第{article}条" + (f"之{inserted}" if inserted else "")


def articles_for_cause(session: Session, cause: str, *, as_of: date | None = None, limit: int = 20) -> list[ArticleUse]:
    """Which articles cases of this cause cite, and in how many cases: most cited first. With `as_of`, articles
    are counted under their number in force that day (合同法 206 and 民法典 675 count together). Read from the
    per-cause aggregate (cause_statutes), a few rows however many judgments the cause has."""
    rows = session.execute(select(CauseStatute.law, CauseStatute.article, CauseStatute.version,
                                  CauseStatute.judgments).where(CauseStatute.cause == cause))
    return _ranked(((law, article, version or None, n) for law, article, version, n in rows), as_of, limit)


def articles_cited_by(session: Session, judgment_ids: Iterable[int], *, as_of: date | None = None,
                      limit: int = 20) -> list[ArticleUse]:
    """The articles a set of judgments cites, most widely cited among them first."""
    ids = list(judgment_ids)
    return _counted(session, JudgmentCitation.judgment_id.in_(ids), as_of=as_of, limit=limit) if ids else []


def _counted(session: Session, condition, *, as_of: date | None, limit: int) -> list[ArticleUse]:
    cases = func.count(func.distinct(JudgmentCitation.judgment_id))
    rows = session.execute(
        select(JudgmentCitation.law, JudgmentCitation.article, JudgmentCitation.version, cases).where(condition)
        .group_by(JudgmentCitation.law, JudgmentCitation.article, JudgmentCitation.version))
    return _ranked(rows, as_of, limit)


def _ranked(rows, as_of: date | None, limit: int) -> list[ArticleUse]:
    counts: Counter[tuple[str, str]] = Counter()
    for law, article, version, n in rows:
        cited = Citation(law, article, version=version)
        now = current(cited, as_of) if as_of else cited
        counts[(now.law, now.article)] += n
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [ArticleUse(law, article, n) for (law, article), n in ranked]


def cases_applying(session: Session, law: str, article: str, *, limit: int = 50, offset: int = 0) -> list[Judgment]:
    """The judgments that cite this article (any paragraph), or the same provision under an earlier number
    (合同法 206 for 民法典 675), newest first."""
    same = [and_(JudgmentCitation.law == law, JudgmentCitation.article == article)]
    same += [and_(JudgmentCitation.law == prior_law, JudgmentCitation.article == prior_article,
                  JudgmentCitation.version == version)
             for prior_law, prior_article, version in predecessors(law, article)]
    cited = select(JudgmentCitation.judgment_id).where(or_(*same))
    return list(session.scalars(
        select(Judgment).where(Judgment.id.in_(cited))
        .order_by(Judgment.year.desc().nulls_last(), Judgment.id.desc()).limit(limit).offset(offset)))


def causes_citing(session: Session, law: str, article: str, *, limit: int = 20) -> list[tuple[str, int]]:
    """The causes whose cases cite this article, and how many cases of each."""
    cases = func.count(func.distinct(JudgmentCitation.judgment_id))
    rows = session.execute(
        select(JudgmentCitation.cause, cases).where(JudgmentCitation.law == law, JudgmentCitation.article == article)
        .group_by(JudgmentCitation.cause).order_by(cases.desc(), JudgmentCitation.cause).limit(limit))
    return [(cause, n) for cause, n in rows]


def citations_of(session: Session, judgment_ids: Iterable[int]) -> dict[int, set[tuple[str, str]]]:
    """For each judgment, the (law, article) pairs it cites."""
    ids = list(judgment_ids)
    cited: dict[int, set[tuple[str, str]]] = {i: set() for i in ids}
    if ids:
        rows = session.execute(select(JudgmentCitation.judgment_id, JudgmentCitation.law, JudgmentCitation.article)
                               .where(JudgmentCitation.judgment_id.in_(ids)))
        for judgment_id, law, article in rows:
            cited[judgment_id].add((law, article))
    return cited


def shared_elements(first: Iterable[str], second: Iterable[str]) -> list[str]:
    """The elements two cases share, in the order of the first."""
    other = set(second)
    return [element for element in first if element in other]
