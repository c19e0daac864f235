"""The knowledge graph: causes ↔ statutes ↔ elements ↔ cases, from the case base."""

import json
import uuid
from datetime import date

from omnicourt.retrieval import graph
from omnicourt.retrieval.importer import import_lines
from tests.retrieval.samples import judgment_text

CIVIL_CODE = "中华人民共和国民法典"


def import_texts(db, index, texts: list[str], cause: str) -> list[int]:
    ids = [uuid.uuid4().hex for _ in texts]
    lines = [json.dumps({"text": t, "id": i, "cause": cause}, ensure_ascii=False)
             for t, i in zip(texts, ids, strict=True)]
    report = import_lines(db, index, lines)
    assert report.imported == len(texts), report.rejected
    return sorted(index.docs)[-len(texts):]


def loan(basis: str, year: int = 2024, facts: str = "被告向原告借款，到期未还。") -> str:
    return judgment_text(cause="民间借贷纠纷", facts=facts, basis=basis, year=year)


def test_articles_a_cause_cites_and_how_often(db, recording_index):
    cause = f"测试借贷纠纷{uuid.uuid4().hex[:8]}"
    import_texts(db, recording_index, [
        loan("《中华人民共和国民法典》第六百七十五条、第六百七十六条"),
        loan("《中华人民共和国民法典》第六百七十五条，《中华人民共和国民事诉讼法》第一百四十七条"),
        loan("《中华人民共和国民法典》第六百七十五条第一款、第二款"),  # two paragraphs, one case
        loan("《中华人民共和国合同法》第二百零六条", year=2019),  # the same provision before 2021
    ], cause)
    with db.reading() as session:
        as_cited = graph.articles_for_cause(session, cause)
        today = graph.articles_for_cause(session, cause, as_of=date(2025, 1, 1))
    assert [(a.law, a.article, a.cases) for a in as_cited] == [  # ties in the order of the names
        (CIVIL_CODE, "675", 3), ("中华人民共和国合同法", "206", 1), ("中华人民共和国民事诉讼法", "147", 1),
        (CIVIL_CODE, "676", 1)]
    assert [(a.article, a.cases) for a in today] == [("675", 4), ("147", 1), ("676", 1)]
    assert today[0].label == "《民法典》第675条"


def test_cases_applying_an_article_include_its_earlier_number(db, recording_index):
    cause = f"测试借贷纠纷{uuid.uuid4().hex[:8]}"
    new, old, other = import_texts(db, recording_index, [
        loan("《中华人民共和国民法典》第六百七十五条"),
        loan("《中华人民共和国合同法》第二百零六条", year=2019),
        loan("《中华人民共和国民法典》第六百六十七条"),
    ], cause)
    with db.reading() as session:
        applying = {j.id for j in graph.cases_applying(session, CIVIL_CODE, "675", limit=100_000)}
        causes = dict(graph.causes_citing(session, "中华人民共和国合同法", "206", limit=100_000))
    assert {new, old} <= applying and other not in applying
    assert causes[cause] == 1


def test_articles_cited_by_a_set_of_cases(db, recording_index):
    cause = f"测试借贷纠纷{uuid.uuid4().hex[:8]}"
    first, second, third = import_texts(db, recording_index, [
        loan("《中华人民共和国民法典》第六百七十五条、第六百七十六条"),
        loan("《中华人民共和国民法典》第六百七十五条"),
        loan("《中华人民共和国民法典》第六百八十八条"),
    ], cause)
    with db.reading() as session:
        used = graph.articles_cited_by(session, [first, second])
        cited = graph.citations_of(session, [first, third])
        nothing = graph.articles_cited_by(session, [])
    assert [(a.article, a.cases) for a in used] == [("675", 2), ("676", 1)]
    assert cited == {first: {(CIVIL_CODE, "675"), (CIVIL_CODE, "676")}, third: {(CIVIL_CODE, "688")}}
    assert nothing == []


def test_elements_by_cause():
    vocabulary = graph.vocabulary()
    facts = "被告向原告借款，由丙提供连带责任保证，并以房产设定抵押；逾期后原告宣布贷款提前到期，主张罚息、复利。"
    assert vocabulary.elements_in(facts, "金融借款合同纠纷") == ["保证", "抵押", "罚息", "复利", "提前到期"]
    traffic = "经鉴定原告构成十级伤残，主张误工费、护理费，被告车辆投保了交强险。"
    assert vocabulary.elements_in(traffic, "机动车交通事故责任纠纷") == ["伤残等级", "误工费", "护理费", "交强险"]
    assert vocabulary.elements_in(traffic, "金融借款合同纠纷") == []  # a loan has no injuries to compare
    assert "误工费" in vocabulary.elements_in(traffic, "某个未分组的案由")  # no group: every element counts


def test_shared_elements_keep_the_order_of_the_first():
    assert graph.shared_elements(["保证", "抵押", "罚息"], ["罚息", "保证", "复利"]) == ["保证", "罚息"]
    assert graph.shared_elements([], ["保证"]) == []
