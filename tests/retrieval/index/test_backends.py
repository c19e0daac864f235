# ruff: noqa: E501 -- Chinese sample texts; ruff counts each CJK character as two columns
import pytest

from omnicourt.retrieval.index import Filters, IndexedJudgment, open_index

DOCS = [
    IndexedJudgment(1, "被告张某向原告银行借款，李某提供连带责任保证，被告逾期未还，原告主张罚息和复利。", "本院认为借款合同有效。",
                    "金融借款合同纠纷", "杭州市西湖区人民法院", "basic", 2021, "simple", "supported"),
    IndexedJudgment(2, "被告王某以房产设定抵押权担保借款，原告主张抵押权优先受偿，被告对罚息有异议。", "",
                    "金融借款合同纠纷", "宁波市中级人民法院", "intermediate", 2023, "second_instance", "partly_supported"),
    IndexedJudgment(3, "被告人赵某醉酒后驾驶机动车，血液酒精含量为186毫克/100毫升，到案后如实供述。", "构成危险驾驶罪。",
                    "危险驾驶罪", "杭州市西湖区人民法院", "basic", 2022, "simple", "supported"),
    IndexedJudgment(4, "原告与被告因离婚纠纷诉至法院，双方对子女抚养和房产分割存在争议。", "准予离婚。",
                    "离婚纠纷", "温州市鹿城区人民法院", "basic", 2020, "ordinary", "mediated"),
]


@pytest.fixture(params=["tantivy", "bm25s"])
def index(request, tmp_path):
    index = open_index(request.param, tmp_path / request.param)
    assert index.add(DOCS) == 4
    index.commit()
    return index


def ids(hits):
    return [h.doc_id for h in hits]


def test_ranking_puts_the_matching_case_first(index):
    assert ids(index.search("连带责任保证 复利"))[0] == 1
    assert ids(index.search("血液酒精含量 驾驶机动车")) == [3]
    assert index.search("完全无关的词汇") == []


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(cause="金融借款合同纠纷"), {1, 2}),
    (Filters(court="宁波市中级人民法院"), {2}),
    (Filters(court_level="basic"), {1}),
    (Filters(year_from=2022), {2}),
    (Filters(year_to=2021), {1}),
    (Filters(procedure="simple"), {1}),
    (Filters(outcome="partly_supported"), {2}),
    (Filters(cause="危险驾驶罪"), set()),
])
def test_every_filter(index, filters, expected):
    assert set(ids(index.search("罚息 借款", filters=filters))) == expected


def test_any_word_ranks_and_a_word_inside_a_legal_term_finds_it(index):
    assert ids(index.search("借款 逾期 利息 子女"))[:1] == [1]  # not every word needed: the most matched first
    assert set(ids(index.search("借款 子女"))) == {1, 2, 4}
    assert ids(index.search("酒精")) == [3]  # the facts only say 血液酒精含量


def test_required_excluded_words_and_phrases(index):
    assert set(ids(index.search("+罚息 借款"))) == {1, 2}
    assert set(ids(index.search("借款 -抵押权"))) == {1}
    assert ids(index.search('"设定抵押权担保借款"')) == [2]
    assert ids(index.search("「借款合同有效」")) == [1]  # in the reasoning
    assert ids(index.search('"借款担保"')) == []  # both words are there, not the phrase
    assert ids(index.search("类案 相关 酒精")) == [3]  # search-box words dropped


def test_highlights_come_from_the_facts_first(index):
    hit = index.search("借款 有效")[0]
    assert hit.doc_id == 1 and all("本院认为" not in passage for passage in hit.highlights)


def test_highlights_mark_the_query_terms(index):
    hit = index.search("连带责任保证")[0]
    assert any("<mark>连带责任保证</mark>" in passage for passage in hit.highlights)


def test_more_like_this_excludes_the_case_itself(index):
    similar = index.more_like_this(DOCS[0].facts, exclude=1)
    assert 1 not in ids(similar)
    assert ids(similar)[0] == 2


def test_reopened_index_searches_and_replaces(index, tmp_path):
    backend = "tantivy" if (tmp_path / "tantivy").exists() else "bm25s"
    reopened = open_index(backend, tmp_path / backend)
    assert reopened.count() == 4
    assert ids(reopened.search("抵押权"))[0] == 2
    reopened.add([DOCS[3].__class__(**{**DOCS[3].__dict__, "facts": "被告抵押权优先受偿"})])
    reopened.commit()
    assert reopened.count() == 4
    assert 4 in ids(reopened.search("抵押权"))
    reopened.clear()
    assert reopened.count() == 0
