from omnicourt.retrieval.segment import legal_terms, tokens


def test_legal_terms_are_kept_whole_and_followed_by_their_parts():
    words = tokens("原告与被告金融借款合同纠纷一案，保证人提供连带责任保证，被告人血液酒精含量为185毫克")
    after = words[words.index("金融借款合同纠纷"):]
    assert after[:6] == ["金融借款合同纠纷", "金融", "借款合同纠纷", "借款合同", "借款", "合同"]
    assert "连带责任保证" in words and "连带责任" in words
    assert "血液酒精含量" in words and "酒精" in words


def test_parts_are_the_words_a_term_is_made_of_not_every_pair_of_characters():
    words = tokens("保证人；机动车交通事故责任纠纷")
    assert "保证" in words and "交通事故" in words and "机动车" in words
    assert "证人" not in words and "通事" not in words and "动车" not in words


def test_stop_words_numbers_and_punctuation_are_dropped():
    words = tokens("截至2023年5月1日，被告尚欠借款本金100000元。血液中乙醇含量为180mg/100ml。")
    assert "的" not in words and "，" not in words and "100000" not in words and "2023" not in words
    assert "180mg" not in words and "100ml" not in words
    assert "借款本金" in words


def test_dictionary_has_hundreds_of_terms():
    assert len(legal_terms()) >= 300
    assert {"抵押权", "罚息", "复利", "逾期利息", "诉讼时效", "驾驶机动车"} <= legal_terms()
