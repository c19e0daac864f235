"""Publication's redaction throughput: synthetic whole judgments (retrieval/synthetic.py: party blocks with ID
numbers, addresses and telephones) redacted as publication redacts them (art. 8's people by the kind of case the text
shows, art. 10's items) and as the case base does (everyone), against the deletion of identifiers alone, the pass
every redaction makes before it looks for names. The people the generator named and left in the case base's text are
counted as leaks (a name standing inside an organisation's, 江华 in 浙江华盛机械有限公司, counts too)."""

import time

from bench.figures import Figure
from omnicourt.publication import redaction, rules
from omnicourt.retrieval import synthetic

SEED = 11


def run(*, documents: int = 10_000) -> list[Figure]:
    corpus = [synthetic.demo_document(SEED, number) for number in range(documents)]
    texts = [document["text"] for document in corpus]
    characters = sum(len(text) for text in texts)

    def publication(text: str) -> str:
        return redaction.redact(text, masking=redaction.art8_masking(rules.category_of_text(text),
                                                                     on=rules.written_on(text)))

    deletion, _ = _timed(texts, redaction.deleted_identifiers)
    published, _ = _timed(texts, publication)
    case_base, redacted = _timed(texts, redaction.redact)
    leaks = sum(1 for document, text in zip(corpus, redacted, strict=True)
                if any(person in text for person in document["people"]))
    details = {"documents": documents, "characters": characters}
    return [
        Figure("publication redaction (art. 8 by kind of case)", documents / published, "documents/s",
               documents / deletion, "identifier deletion alone", details),
        Figure("case-base redaction (everyone masked)", documents / case_base, "documents/s",
               documents / deletion, "identifier deletion alone",
               details | {"documents leaking a named person": leaks}),
    ]


def _timed(texts: list[str], redact) -> tuple[float, list[str]]:
    started = time.perf_counter()
    out = [redact(text) for text in texts]
    return time.perf_counter() - started, out
