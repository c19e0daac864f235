from omnicourt.retrieval.segment import legal_terms, tokens


def test_legal_terms_are_kept_whole():
    words = tokens("原告与被告金融借款合同纠纷一案，保证人提供连带责任保证，被告人血液酒精含量为185毫克")
    assert "金融借款合同纠纷" in words
    assert "连带责任保证" in words
    assert "血液酒精含量" in words
    assert "金融" not in words and "保证" not in words


def test_stop_words_numbers_and_punctuation_are_dropped():
    words = tokens("截至2023年5月1日，被告尚欠借款本金100000元。")
    assert "的" not in words and "，" not in words and "100000" not in words and "2023" not in words
    assert "借款本金" in words


def test_dictionary_has_hundreds_of_terms():
    assert len(legal_terms()) >= 300
    assert {"抵押权", "罚息", "复利", "逾期利息", "诉讼时效", "驾驶机动车"} <= legal_terms()
