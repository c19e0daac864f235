import pytest

from omnicourt.retrieval.index import Filters, open_index
from omnicourt.retrieval.index.opensearch_backend import (
    ALIAS,
    index_body,
    index_name,
    more_like_this_body,
    search_body,
)


def test_indices_are_per_court_and_year_behind_one_alias():
    assert index_name("杭州市西湖区人民法院", 2023) != index_name("杭州市西湖区人民法院", 2022)
    assert index_name("杭州市西湖区人民法院", 2023).startswith(ALIAS + "-")
    assert index_name("杭州市西湖区人民法院", 2023).isascii()
    assert ALIAS in index_body()["aliases"]


def test_search_body_segments_and_filters():
    body = search_body("连带责任保证", Filters(cause="金融借款合同纠纷", year_from=2020, year_to=2022), limit=5)
    assert body["size"] == 5
    assert body["query"]["bool"]["should"][0]["match"]["terms"]["query"].split() == ["连带责任保证", "连带责任", "连带",
                                                                                  "责任", "保证"]
    assert {"term": {"cause": "金融借款合同纠纷"}} in body["query"]["bool"]["filter"]
    assert {"range": {"year": {"gte": 2020, "lte": 2022}}} in body["query"]["bool"]["filter"]


def test_search_body_requires_excludes_and_matches_phrases():
    query = search_body('罚息 +保证人 -抵押 "连带责任保证"')["query"]["bool"]
    assert {"match": {"terms": {"query": "保证人"}}} in query["must"]
    assert {"match_phrase": {"terms": {"query": "连带责任保证 连带责任 连带 责任 保证"}}} in query["must"]
    assert query["must_not"] == [{"match": {"terms": {"query": "抵押"}}}]
    assert query["should"] == [{"match": {"terms": {"query": "罚息"}}}] and query["minimum_should_match"] == 0


def test_more_like_this_body_excludes_the_case():
    body = more_like_this_body("被告提供连带责任保证", exclude=7)
    assert body["query"]["bool"]["must_not"] == [{"term": {"doc_id": 7}}]
    assert "连带责任保证" in body["query"]["bool"]["must"][0]["more_like_this"]["like"]


def test_missing_client_is_a_clear_error():
    index = open_index("opensearch", None, opensearch_url="http://127.0.0.1:9")
    with pytest.raises(RuntimeError, match="opensearch-py"):
        index.count()
