"""The case base: decided judgments (imported corpora and the platform's own closed cases) and the statutes
each cites, the rows the similar-case index and the knowledge graph are built from."""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from omnicourt.cases.models import Case
from omnicourt.db import Base, BigId, UtcDateTime


class Judgment(Base):
    __tablename__ = "judgments"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        Index("ix_judgments_cause_year", "cause", "year"),  # the graph's cause filters and the search page's
        Index("ix_judgments_case_id", "case_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    source: Mapped[str] = mapped_column(String(16))  # platform / import
    external_id: Mapped[str] = mapped_column(String(64))  # the corpus's id, or the platform case id
    case_number: Mapped[str] = mapped_column(String(64), default="")
    court_name: Mapped[str] = mapped_column(String(128), default="")
    court_level: Mapped[str] = mapped_column(String(16), default="")  # high / intermediate / basic / ""
    cause: Mapped[str] = mapped_column(String(64), default="")
    year: Mapped[int | None] = mapped_column(Integer)
    judged_on: Mapped[date | None] = mapped_column(Date)
    procedure: Mapped[str] = mapped_column(String(32), default="")
    outcome: Mapped[str] = mapped_column(String(32), default="")
    title: Mapped[str] = mapped_column(String(255), default="")
    full_text: Mapped[str] = mapped_column(Text, default="")
    facts: Mapped[str] = mapped_column(Text, default="")  # the facts found: what similarity is about
    sections: Mapped[dict] = mapped_column(JSON, default=dict)  # section -> [start, end) offsets in full_text
    elements: Mapped[list] = mapped_column(JSON, default=list)  # case elements found (data/retrieval/elements.toml)
    meta: Mapped[dict] = mapped_column(JSON, default=dict)  # what the corpus adds: accusations, prison term, ...
    case_id: Mapped[int | None] = mapped_column(ForeignKey(Case.id))  # a platform case, if it is one
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # a model case (参考案例 / 指导性案例): first among equally similar results
    model_case: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class JudgmentCitation(Base):
    """One statute article a judgment cites; cause is copied from the judgment so that "which articles do cases
    of this cause cite" is answered from one index."""

    __tablename__ = "judgment_citations"
    __table_args__ = (
        Index("ix_judgment_citations_law_article", "law", "article", "judgment_id"),
        Index("ix_judgment_citations_cause_law_article", "cause", "law", "article"),
        Index("ix_judgment_citations_judgment", "judgment_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    judgment_id: Mapped[int] = mapped_column(ForeignKey("judgments.id", ondelete="CASCADE"))
    cause: Mapped[str] = mapped_column(String(64), default="")
    law: Mapped[str] = mapped_column(String(128))
    article: Mapped[str] = mapped_column(String(16))
    paragraph: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[str | None] = mapped_column(String(8))  # the law's version in force on the judgment's date


class JudgmentTokens(Base):
    """A judgment's index terms (segment.tokens of its facts, then of the rest worth searching), cut once at import
    and kept with the case base, so that rebuilding the index does not segment again (casebase.reindex). Space
    separated: a token never holds white space."""

    __tablename__ = "judgment_tokens"

    judgment_id: Mapped[int] = mapped_column(ForeignKey("judgments.id", ondelete="CASCADE"), primary_key=True)
    tokens: Mapped[str] = mapped_column(Text, default="")


class CauseStatute(Base):
    """How many judgments of a cause cite an article (under the version in force when cited; "" unknown): the
    per-cause aggregate of judgment_citations, kept current as judgments enter (importer.insert_judgments), so that
    "which articles do cases of this cause cite" reads a few rows however many judgments the cause has."""

    __tablename__ = "cause_statutes"

    cause: Mapped[str] = mapped_column(String(64), primary_key=True)
    law: Mapped[str] = mapped_column(String(128), primary_key=True)
    article: Mapped[str] = mapped_column(String(16), primary_key=True)
    version: Mapped[str] = mapped_column(String(8), primary_key=True, default="")
    judgments: Mapped[int] = mapped_column(Integer, default=0)
