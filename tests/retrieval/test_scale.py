"""The case base at scale: tokens kept at import and the index rebuilt from them without segmenting, the statutes
cited per cause kept as an aggregate, model cases first among equally similar results; and the ranking's
features on a small fixture. On SQLite and PostgreSQL."""

import json
import uuid

import numpy as np
import pytest
from sqlalchemy import func, select

from omnicourt.retrieval import casebase, graph, ranking, service
from omnicourt.retrieval.importer import import_lines
from omnicourt.retrieval.index import Filters, open_index
from omnicourt.retrieval.models import CauseStatute, Judgment, JudgmentCitation, JudgmentTokens
from omnicourt.retrieval.segment import tokens
from tests.conftest import actor_named
from tests.retrieval.conftest import GUARANTEED_LOAN, PLAIN_LOAN
from tests.retrieval.samples import judgment_text

BASIS = "《中华人民共和国民法典》第六百七十五条"


def _import(db, index, texts: dict[str, str], **extra) -> dict[str, int]:
    tag = uuid.uuid4().hex
    lines = [json.dumps({"text": text, "id": f"{tag}-{name}", **extra.get(name, {})}, ensure_ascii=False)
             for name, text in texts.items()]
    assert import_lines(db, index, lines).imported == len(texts)
    with db.reading() as session:
        found = session.execute(select(Judgment.external_id, Judgment.id).where(Judgment.external_id.like(f"{tag}-%")))
        return {external_id.split("-", 1)[1]: judgment_id for external_id, judgment_id in found}


def test_tokens_are_kept_at_import_and_the_index_is_rebuilt_from_them(db, tmp_path, monkeypatch):
    index = open_index("bm25s", tmp_path / "first")
    text = judgment_text(cause="民间借贷纠纷", facts=GUARANTEED_LOAN, year=2024, basis=BASIS)
    ids = _import(db, index, {"loan": text})
    with db.reading() as session:
        kept = session.get(JudgmentTokens, ids["loan"]).tokens.split()
        row = session.get(Judgment, ids["loan"])
        assert kept[:len(tokens(row.facts))] == tokens(row.facts) and "连带责任保证" in kept
    with db.transaction() as session:  # a row stored before tokens were kept
        session.delete(session.get(JudgmentTokens, ids["loan"]))

    def refuse(text):
        raise AssertionError("segmented again")

    rebuilt = open_index("bm25s", tmp_path / "rebuilt")
    assert casebase.reindex(db, rebuilt) >= 1  # the row without tokens is segmented, once, and its tokens kept
    with db.reading() as session:
        assert session.get(JudgmentTokens, ids["loan"]).tokens.split() == kept
    monkeypatch.setattr(casebase, "tokens", refuse)
    again = open_index("bm25s", tmp_path / "again")
    assert casebase.reindex(db, again) == rebuilt.count()  # every row from its kept tokens: nothing segmented
    first = {h.doc_id for h in rebuilt.search("连带责任保证", limit=100)}
    assert {h.doc_id for h in again.search("连带责任保证", limit=100)} == first
    assert ids["loan"] in {h.doc_id for h in again.search("连带责任保证 罚息", limit=100)}


def test_statutes_per_cause_are_kept_current_at_import(db, recording_index):
    cause = f"测试借贷纠纷{uuid.uuid4().hex[:8]}"
    basis = "《中华人民共和国民法典》第六百七十五条第一款、第六百七十五条第二款、第六百八十八条"
    _import(db, recording_index, {"a": judgment_text(cause=cause, facts=GUARANTEED_LOAN, basis=basis)},
            a={"cause": cause})
    _import(db, recording_index, {"b": judgment_text(cause=cause, facts=PLAIN_LOAN,
                                                     basis="《中华人民共和国民法典》第六百七十五条")},
            b={"cause": cause})
    with db.reading() as session:
        kept = {(r.law, r.article): r.judgments for r in session.scalars(
            select(CauseStatute).where(CauseStatute.cause == cause))}
        distinct = func.count(func.distinct(JudgmentCitation.judgment_id))
        counted = {(law, article): n for law, article, n in session.execute(
            select(JudgmentCitation.law, JudgmentCitation.article, distinct).where(JudgmentCitation.cause == cause)
            .group_by(JudgmentCitation.law, JudgmentCitation.article))}
        assert kept == counted == {("中华人民共和国民法典", "675"): 2, ("中华人民共和国民法典", "688"): 1}
        uses = graph.articles_for_cause(session, cause)
        assert [(u.article, u.cases) for u in uses] == [("675", 2), ("688", 1)]


def test_model_cases_come_first_among_equally_similar_results(db, tmp_path):
    index = open_index("tantivy", tmp_path / "index")
    facts = GUARANTEED_LOAN + "本案系测试" + uuid.uuid4().hex[:6]
    text = judgment_text(cause="民间借贷纠纷", facts=facts, year=2024, basis=BASIS)
    ids = _import(db, index, {"plain": text, "model": text.replace("2024", "2023")}, model={"model_case": True})
    judge = actor_named(db, "demo-judge")
    with db.reading() as session:
        assert session.get(Judgment, ids["model"]).model_case and not session.get(Judgment, ids["plain"]).model_case
        found = [r for r in service.search(session, index, actor=judge, query="连带责任保证 罚息 复利",
                                           filters=Filters(cause="民间借贷纠纷"), limit=100)
                 if r.judgment.id in ids.values()]
        assert found[0].score == pytest.approx(found[1].score)
        assert [r.judgment.id for r in found] == [ids["model"], ids["plain"]]


def test_a_model_case_mark_must_be_a_boolean(db, recording_index):
    line = json.dumps({"text": judgment_text(cause="民间借贷纠纷", facts=PLAIN_LOAN, basis=BASIS), "model_case": "yes"},
                      ensure_ascii=False)
    report = import_lines(db, recording_index, [line])
    assert report.imported == 0 and "model_case" in report.rejected[0].reason


def test_order_puts_model_cases_first_only_among_equal_scores():
    assert ranking.order([1.0, 2.0, 1.0], [False, False, True]) == [1, 2, 0]
    assert ranking.order([3.0, 2.0], [False, True]) == [0, 1]


def test_the_ranking_on_a_small_fixture():
    query = ranking.Case(facts=tuple(tokens("被告人醉酒驾驶机动车，血液酒精含量一百八十毫克")),
                         charges=frozenset({"危险驾驶罪"}), statutes=frozenset({"刑法:133之一"}))
    drunk = ranking.Case(facts=tuple(tokens("被告人驾驶机动车，血液酒精含量一百毫克")),
                         charges=frozenset({"危险驾驶罪"}), reasoning=tuple(tokens("构成危险驾驶罪")),
                         statutes=frozenset({"刑法:133之一"}))
    traffic = ranking.Case(facts=tuple(tokens("被告人醉酒驾驶机动车，血液酒精含量，撞死行人后逃逸")),
                           charges=frozenset({"交通肇事罪"}), reasoning=tuple(tokens("构成交通肇事罪")),
                           statutes=frozenset({"刑法:133"}))
    theft = ranking.Case(facts=tuple(tokens("被告人秘密窃取他人财物")), charges=frozenset({"盗窃罪"}))
    docs = [traffic, drunk, theft]
    matrix = ranking.features(query, docs)
    assert matrix.shape == (3, len(ranking.FEATURES)) and matrix.max() <= 1 + 1e-9
    assert list(matrix[:, ranking.FEATURES.index("charge")]) == [0.0, 1.0, 0.0]
    facts_only = ranking.score(query, docs, weights={"facts": 1.0})
    assert int(np.argmax(facts_only)) == 0  # by the words alone the fatal accident is closest
    with_charge = ranking.score(query, docs, weights={"facts": 1.0, "charge": 1.0, "statutes": 0.5})
    assert int(np.argmax(with_charge)) == 1  # the same charge and statute make the drunk driving closest
    assert ranking.reduced(["甲", "乙", "乙", "丙"], {"甲": 9, "乙": 0, "丙": 9}, 10, 1) == ["乙", "乙"]
    assert ranking.reduced(["甲", "乙"], {}, 10, 0) == ["甲", "乙"]
