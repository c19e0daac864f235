"""`omnicourt cases import`: good lines enter the case base and the index, bad lines are reported by number."""

import json
import uuid

from sqlalchemy import select

from omnicourt.retrieval.importer import MAX_TEXT_CHARS, import_file, import_lines
from omnicourt.retrieval.models import Judgment, JudgmentCitation
from tests.retrieval.samples import CIVIL, CRIMINAL


def line(**data) -> str:
    return json.dumps(data, ensure_ascii=False)


def unique() -> str:
    return uuid.uuid4().hex


def rows(db, ids) -> dict[str, Judgment]:
    with db.reading() as session:
        return {j.external_id: j for j in session.scalars(select(Judgment).where(Judgment.external_id.in_(ids)))}


def test_malformed_lines_are_reported_by_number_and_the_rest_imported(db, recording_index):
    good = [unique(), unique()]
    lines = [
        line(text=CIVIL, id=good[0]),
        "{not json",
        line(text=""),
        line(text=5),
        '["an", "array"]',
        line(fact="被告人醉酒驾驶", meta="not an object"),
        line(fact="被告人醉酒驾驶机动车", meta={"relevant_articles": ["一百三十三"]}),
        line(title="只有标题"),
        line(text="这是一段没有裁判文书结构的文字，既没有查明也没有诉称。"),
        line(text="本院查明：" + "借款" * MAX_TEXT_CHARS),
        line(text=CIVIL, id=unique(), year="二〇二四"),
        "",
        line(fact="2019年5月，被告人王某醉酒后驾驶小型轿车，血液酒精含量为180mg/100ml。",
             meta={"accusation": ["危险驾驶"], "relevant_articles": [133]}, id=good[1]),
    ]
    report = import_lines(db, recording_index, lines, batch_size=2)
    reasons = {r.line: r.reason for r in report.rejected}
    assert report.imported == 2
    assert sorted(reasons) == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert reasons[2].startswith("不是合法的 JSON")
    assert reasons[3] == '"text" 为空：没有正文'
    assert reasons[4] == '"text" 应为字符串'
    assert reasons[5] == "每行应为一个 JSON 对象"
    assert reasons[6] == '"meta" 应为对象'
    assert "relevant_articles" in reasons[7]
    assert reasons[8].startswith("缺少正文")
    assert reasons[9].startswith("未找到事实部分")
    assert reasons[10].startswith('"text" 过长')
    assert "year" in reasons[11]
    assert set(rows(db, good)) == set(good)
    assert recording_index.count() == 2 and recording_index.commits == 1


def test_a_full_text_judgment_is_split_and_described_from_its_text(db, recording_index):
    external_id = unique()
    import_lines(db, recording_index, [line(text=CIVIL, id=external_id)])
    judgment = rows(db, [external_id])[external_id]
    assert (judgment.case_number, judgment.court_name, judgment.court_level) == (
        "（2024）浙0102民初1234号", "浙江省杭州市上城区人民法院", "basic")
    assert (judgment.cause, judgment.year, judgment.procedure, judgment.outcome) == (
        "金融借款合同纠纷", 2024, "simple", "partly_supported")
    assert judgment.judged_on.isoformat() == "2024-05-10"
    assert judgment.facts.startswith("本院经审理认定事实如下") and "本院认为" not in judgment.facts
    start, end = judgment.sections["reasoning"]
    assert judgment.full_text[start:end].startswith("本院认为")
    assert judgment.elements == ["罚息", "复利"]
    with db.reading() as session:
        cited = session.execute(select(JudgmentCitation.law, JudgmentCitation.article, JudgmentCitation.version)
                                .where(JudgmentCitation.judgment_id == judgment.id)
                                .order_by(JudgmentCitation.id)).all()
    # The statutes of the legal basis; the CPL 264 of the delay warning is wording, not a ground of decision.
    code, cpl = "中华人民共和国民法典", "中华人民共和国民事诉讼法"
    assert [tuple(c) for c in cited] == [(code, "667", "2020"), (code, "674", "2020"), (code, "675", "2020"),
                                         (cpl, "147", "2023")]
    doc = recording_index.docs[judgment.id]
    assert doc.facts == judgment.facts and doc.cause == "金融借款合同纠纷" and doc.year == 2024
    assert "原告工商银行向本院提出诉讼请求" in doc.text and "本院认为" in doc.text


def test_given_metadata_wins_over_what_the_text_says(db, recording_index):
    external_id = unique()
    import_lines(db, recording_index, [line(text=CRIMINAL, id=external_id, court="某某法院", court_level="intermediate",
                                            year=2022, procedure="simple", cause="危险驾驶罪")])
    judgment = rows(db, [external_id])[external_id]
    assert (judgment.court_name, judgment.court_level, judgment.year, judgment.procedure) == (
        "某某法院", "intermediate", 2022, "simple")
    assert judgment.outcome == "convicted"
    assert "公诉机关指控" in judgment.facts  # "经审理查明的事实与指控一致" alone says nothing: the charge is added


def test_a_cail_line(db, recording_index):
    external_id = unique()
    import_lines(db, recording_index, [line(
        fact="2018年5月1日晚，被告人张某饮酒后驾驶小型轿车，被民警查获，血液酒精含量为180mg/100ml。",
        meta={"accusation": ["危险驾驶"], "relevant_articles": [133], "criminals": ["张某"],
              "term_of_imprisonment": {"death_penalty": False, "life_imprisonment": False, "imprisonment": 2},
              "punish_of_money": 3000}, id=external_id)])
    judgment = rows(db, [external_id])[external_id]
    assert (judgment.cause, judgment.outcome) == ("危险驾驶罪", "convicted")
    assert judgment.meta["term_of_imprisonment"]["imprisonment"] == 2
    assert judgment.elements == ["醉酒驾驶"]
    with db.reading() as session:
        cited = session.execute(select(JudgmentCitation.law, JudgmentCitation.article)
                                .where(JudgmentCitation.judgment_id == judgment.id)).all()
    assert cited == [("中华人民共和国刑法", "133")]


def test_the_same_judgment_twice_is_reported_not_duplicated(db, recording_index):
    text = CIVIL.replace("赵六", unique()[:6])
    report = import_lines(db, recording_index, [line(text=text), line(text=text)])
    assert report.imported == 1 and [r.line for r in report.rejected] == [2]
    again = import_lines(db, recording_index, [line(text=text)])
    assert again.imported == 0 and again.rejected[0].reason.startswith("重复")


def test_a_file_with_progress(db, recording_index, tmp_path):
    path = tmp_path / "judgments.jsonl"
    path.write_text("\n".join([line(text=CIVIL, id=unique()), "oops", line(text=CRIMINAL, id=unique())]) + "\n",
                    encoding="utf-8")
    progress = []
    report = import_file(db, recording_index, path, batch_size=1, on_progress=progress.append)
    assert (report.imported, [r.line for r in report.rejected]) == (2, [2])
    assert progress[-1] == path.stat().st_size and progress == sorted(progress)


def test_segmenting_in_worker_processes_indexes_the_same_terms(db, index):
    ids = [unique(), unique()]
    report = import_lines(db, index, [line(text=CIVIL, id=ids[0]), line(text=CRIMINAL, id=ids[1])], workers=2)
    assert report.imported == 2 and index.count() == 2
    hit = index.search("醉酒驾驶")[0]
    assert hit.doc_id == rows(db, ids)[ids[1]].id and "饮酒后<mark>驾驶</mark>" in " ".join(hit.highlights)


def test_cail_metadata_may_name_the_cause_and_overlong_values_are_cut_to_the_columns(db, recording_index):
    external_id = unique()
    report = import_lines(db, recording_index, [line(
        fact="被告人醉酒驾驶机动车，血液酒精含量为180mg/100ml。", meta={"accusation": ["危险驾驶"]}, id=external_id,
        cause="危险驾驶罪", outcome="convicted" * 10, procedure="fast_track" * 10)])
    assert report.imported == 1, report.rejected
    judgment = rows(db, [external_id])[external_id]
    assert judgment.cause == "危险驾驶罪" and len(judgment.outcome) == 32 and len(judgment.procedure) == 32
