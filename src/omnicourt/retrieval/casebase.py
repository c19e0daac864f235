"""The platform's own closed cases enter the case base, and the index is rebuilt from the case base.

A closed case enters with the text the platform holds of it: the claims and the facts and reasons given at filing,
de-identified like every judgment of the case base (redaction.py; its natural-person parties masked by name), so
that a judge of another court finds the case without learning who its parties are. A case filed without facts
and reasons enters the case base but not the index: its claims alone ("判令被告支付…") say nothing about what
happened and would match every search for boilerplate.
The platform drafts no judgment documents yet, so a platform entry has no facts found by the court, no reasoning
and no statute citations; it is found by its claims and facts, and the graph learns nothing from it until
judgments are written on the platform. "Closed since the last run" is every closed case not yet in the case
base, so a run that fails half-way is simply repeated.
"""

from collections.abc import Callable, Iterator
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, selectinload

from omnicourt.cases.models import Case
from omnicourt.db import Database
from omnicourt.publication import redaction
from omnicourt.reference import service as reference
from omnicourt.retrieval import graph, sections
from omnicourt.retrieval.importer import Parsed, hand_to_index, indexed, insert_judgments, words_of
from omnicourt.retrieval.index import IndexedJudgment, SearchIndex, open_configured
from omnicourt.retrieval.models import Judgment, JudgmentTokens
from omnicourt.retrieval.segment import tokens
from omnicourt.retrieval.service import case_text
from omnicourt.settings import Settings

BATCH_SIZE = 500
# How the case was closed (cases.rules.CLOSING_METHOD_LABELS) as a case-base outcome.
OUTCOMES = {"judgment": "judged", "mediation": "mediated", "withdrawal": "withdrawn", "dismissal": "dismissed"}


def enter_closed_cases(session: Session, index: SearchIndex, *, limit: int = BATCH_SIZE) -> int:
    """Put up to `limit` closed cases that are not yet in the case base into it and into the index (not
    committed: the caller commits the index after the transaction). Returns how many entered."""
    entered = select(Judgment.id).where(Judgment.source == "platform", Judgment.case_id == Case.id)
    closed = list(session.scalars(
        select(Case).where(Case.closed_on.is_not(None), ~exists(entered))
        .options(selectinload(Case.claims), selectinload(Case.parties)).order_by(Case.id).limit(limit)))
    if not closed:
        return 0
    parsed = [_parsed(session, case) for case in closed]
    words = [words_of(p) for p in parsed]
    ids = insert_judgments(session, parsed, words)
    # A case with no facts enters the case base (so it is not picked again) but not the index.
    hand_to_index(index, [(indexed(judgment_id, p), w) for judgment_id, p, w in zip(ids, parsed, words, strict=True)
                          if p.row["facts"]])
    return len(ids)


def run(db: Database, settings: Settings, *, today: date | None = None) -> int:
    """The sweep's step (jobs.py): `sync` into the index the settings name."""
    return sync(db, open_configured(settings))


def sync(db: Database, index: SearchIndex) -> int:
    """Every closed case not yet in the case base enters it and `index`, batch by batch."""
    total = 0
    while True:
        with db.transaction() as session:
            entered = enter_closed_cases(session, index)
        index.commit()
        total += entered
        if entered < BATCH_SIZE:
            return total


def reindex(db: Database, index: SearchIndex, *, batch_size: int = 2000,
            on_progress: Callable[[int, int], None] | None = None) -> int:
    """Empty the index and add every judgment of the case base again from the tokens kept with it (judgment_tokens:
    nothing is segmented again), de-identifying the rows stored before the case base was (redaction.py) and
    segmenting, once, those stored before their tokens were kept; `on_progress(done, total)`."""
    index.clear()
    with db.reading() as session:
        total = session.scalar(select(func.count()).select_from(Judgment)) or 0
    done = 0
    for batch in _batches(db, batch_size):
        done += hand_to_index(index, batch)
        if on_progress:
            on_progress(done, total)
    index.commit()
    return done


def _batches(db: Database, size: int) -> Iterator[list[tuple[IndexedJudgment, list[str]]]]:
    """The case base in id order with its tokens, one short transaction per batch (keyset paging). A row without
    kept tokens was stored before they were kept, perhaps before the case base was de-identified: it is
    de-identified on the way, segmented, and its tokens kept. A row with them entered de-identified (the importer
    and the closed-case sync redact before they insert) and is handed to the index as it is."""
    after = 0
    while True:
        with db.transaction() as session:
            rows = list(session.execute(
                select(Judgment, JudgmentTokens).outerjoin(JudgmentTokens, JudgmentTokens.judgment_id == Judgment.id)
                .where(Judgment.id > after).order_by(Judgment.id).limit(size)).tuples())
            if not rows:
                return
            batch = []
            for row, kept in rows:
                before = (row.facts, row.full_text)
                if kept is None:  # a row with kept tokens entered de-identified (or was de-identified with them)
                    deidentify(row)
                doc = IndexedJudgment(doc_id=row.id, facts=row.facts, text=_searchable(row.full_text, row.sections),
                                      cause=row.cause, court=row.court_name, court_level=row.court_level,
                                      year=row.year or 0, procedure=row.procedure, outcome=row.outcome)
                if kept is None or (row.facts, row.full_text) != before:
                    words = (tokens(doc.facts) + tokens(doc.text)) if doc.facts else []
                    if kept is None:
                        session.add(JudgmentTokens(judgment_id=row.id, tokens=" ".join(words)))
                    else:
                        kept.tokens = " ".join(words)
                else:
                    words = kept.tokens.split()
                if row.facts:
                    batch.append((doc, words))
            after = rows[-1][0].id
        yield batch


def deidentify(judgment: Judgment) -> None:
    """De-identify a case-base row in place (redaction.py), its sections re-found in the shorter text; a row
    already de-identified is left as it is."""
    criminals = list((judgment.meta or {}).get("criminals", []))
    full_text, facts, title, *masked = redaction.redact_together(judgment.full_text, judgment.facts, judgment.title,
                                                                 *criminals, people=criminals)
    if full_text != judgment.full_text:
        judgment.full_text = full_text
        if judgment.sections:
            judgment.sections = {kind: [span.start, span.end] for kind, span in sections.split(full_text).items()}
    if facts != judgment.facts:
        judgment.facts = facts
    if title != judgment.title:
        judgment.title = title[:255]
    if masked != criminals:
        judgment.meta = {**judgment.meta, "criminals": masked}


def _searchable(full_text: str, spans: dict) -> str:
    """Claims, defence and reasoning: what the importer hands the index besides the facts."""
    parts = (full_text[start:end] for kind, (start, end) in (spans or {}).items()
             if kind in ("claims", "defence", "reasoning"))
    return "\n".join(parts)


def _parsed(session: Session, case: Case) -> Parsed:
    court = reference.court(session, case.court_id)
    people = [party.name for party in case.parties if party.party_type == "natural"]
    text, title = redaction.redact_together(case_text(case), case.title, people=people)
    facts = text if (case.facts_and_reasons or "").strip() else ""
    row = {"source": "platform", "external_id": str(case.id), "case_number": case.case_number,
           "court_name": court.name, "court_level": court.level if court.level in ("high", "intermediate") else "basic",
           "cause": case.cause_name, "year": case.year, "judged_on": case.closed_on, "procedure": case.procedure,
           "outcome": OUTCOMES.get(case.closing_method or "", case.closing_method or ""), "title": title,
           "full_text": text, "facts": facts, "sections": {}, "meta": {}, "case_id": case.id, "model_case": False,
           "elements": graph.vocabulary().elements_in(text, case.cause_name)}
    return Parsed(row, (), "")
