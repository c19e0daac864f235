"""Fixtures of the retrieval tests: an index of its own per test, a recording stand-in for the importer, a small
case base and a platform case to compare with it."""

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from omnicourt.filing import service as filing
from omnicourt.retrieval.importer import import_lines
from omnicourt.retrieval.index import Filters, Hit, IndexedJudgment, open_index
from omnicourt.retrieval.models import Judgment
from omnicourt.security import service as security
from omnicourt.security.models import Account
from tests.conftest import TODAY, actor_named
from tests.factories import filing as make_filing
from tests.factories import register_party
from tests.retrieval.samples import CRIMINAL, judgment_text


class RecordingIndex:
    """A SearchIndex that only remembers what it was handed (the importer's tests are about the case base)."""

    def __init__(self):
        self.docs: dict[int, IndexedJudgment] = {}
        self.commits = 0

    def add(self, docs):
        added = list(docs)
        self.docs.update((doc.doc_id, doc) for doc in added)
        return len(added)

    def commit(self):
        self.commits += 1

    def search(self, query, *, filters=Filters(), limit=20):
        return [Hit(d, 1.0, ()) for d in self.docs][:limit]

    def more_like_this(self, text, *, filters=Filters(), limit=20, exclude=None):
        return [Hit(d, 1.0, ()) for d in self.docs if d != exclude][:limit]

    def count(self):
        return len(self.docs)

    def clear(self):
        self.docs.clear()


@pytest.fixture
def recording_index() -> RecordingIndex:
    return RecordingIndex()


@pytest.fixture
def index(tmp_path: Path):
    return open_index("tantivy", tmp_path / "index")


GUARANTEED_LOAN = ("被告乙向原告借款二十万元，丙提供连带责任保证。借款到期后乙未还款，"
                   "原告主张本金、利息、罚息和复利，并要求丙承担连带清偿责任。")
PLAIN_LOAN = "被告乙向原告借款五万元，约定月利率百分之一，到期后乙未还款，原告催讨未果。"
TRAFFIC = ("被告驾驶小型轿车与原告发生碰撞，交警认定被告负事故主要责任。"
           "原告构成十级伤残，主张误工费、护理费。")


def corpus(db, index) -> dict[str, int]:
    """Four decided cases in the case base and the index: their ids by name."""
    texts = {
        "guaranteed": judgment_text(cause="民间借贷纠纷", facts=GUARANTEED_LOAN, year=2024,
                                    basis="《中华人民共和国民法典》第六百七十五条、第六百八十八条"),
        "plain": judgment_text(cause="民间借贷纠纷", facts=PLAIN_LOAN, year=2020, court="浙江省杭州市中级人民法院",
                               procedure="普通程序", basis="《中华人民共和国合同法》第二百零六条"),
        "traffic": judgment_text(cause="机动车交通事故责任纠纷", facts=TRAFFIC, year=2023,
                                 basis="《中华人民共和国民法典》第一千一百七十九条"),
        "criminal": CRIMINAL,
    }
    tag = uuid.uuid4().hex
    lines = [json.dumps({"text": text, "id": f"{tag}-{name}"}, ensure_ascii=False) for name, text in texts.items()]
    assert import_lines(db, index, lines).imported == 4
    with db.reading() as session:
        rows = session.execute(select(Judgment.external_id, Judgment.id).where(Judgment.external_id.like(f"{tag}-%")))
        return {external_id.split("-", 1)[1]: judgment_id for external_id, judgment_id in rows}


def loan_case(db, settings, facts: str = GUARANTEED_LOAN) -> tuple[int, object]:
    """An accepted 民间借贷 case with these facts, and its judge."""
    with db.transaction() as session:
        party = security.actor_for(session, register_party(session))
    with db.transaction() as session:
        application = filing.submit(session, settings, actor=party, uploads=[], today=TODAY,
                                    data=make_filing(plaintiff_id=party.id_number, facts_and_reasons=facts))
    with db.transaction() as session:
        case = filing.accept(session, settings, actor=actor_named(db, "demo-filing-officer"),
                             application_id=application.id, today=TODAY)
        judge = session.get(Account, case.judge_id).username
    return case.id, actor_named(db, judge)
