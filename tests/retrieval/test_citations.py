"""Statute citations as judgments write them, and renumbered articles (court-rules.md §0.2, §5.2)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.retrieval.citations import Citation, chinese_number, current, parse, predecessors

CIVIL_CODE = "中华人民共和国民法典"
CPL = "中华人民共和国民事诉讼法"
CPL_INTERPRETATION = "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释"


def cited(text: str, **kwargs) -> list[tuple]:
    return [(c.law, c.article, c.paragraph, c.item) for c in parse(text, **kwargs)]


@pytest.mark.parametrize(("text", "number"), [
    ("一", 1), ("十", 10), ("十五", 15), ("二十", 20), ("一百四十七", 147), ("六百零七", 607), ("六百七十五", 675),
    ("一千二百六十", 1260), ("两百", 200), ("253", 253), ("二〇二四", 2024),
])
def test_chinese_numerals(text, number):
    assert chinese_number(text) == number


def test_several_articles_in_one_bracket_and_the_procedure_law_after():
    text = ("依照《中华人民共和国民法典》第六百六十七条、第六百七十四条、第六百七十五条，《中华人民共和国民事诉讼法》"
            "第一百四十七条之规定，判决如下：")
    assert cited(text) == [(CIVIL_CODE, "667", None, None), (CIVIL_CODE, "674", None, None),
                           (CIVIL_CODE, "675", None, None), (CPL, "147", None, None)]


def test_paragraphs_and_items():
    assert cited("《中华人民共和国民事诉讼法》第一百四十七条第一款") == [(CPL, "147", 1, None)]
    assert cited("《中华人民共和国民事诉讼法》第一百七十七条第一款第（一）项") == [(CPL, "177", 1, 1)]
    assert cited("《中华人民共和国刑法》第一百三十三条之一第一款第（二）项") == [
        ("中华人民共和国刑法", "133之1", 1, 2)]
    assert cited("《民法典》第六百八十八条第一款、第二款") == [(CIVIL_CODE, "688", 1, None),
                                                              (CIVIL_CODE, "688", 2, None)]


def test_the_interpretation_with_the_law_in_angle_brackets_inside():
    text = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第九十条"
    assert cited(text) == [(CPL_INTERPRETATION, "90", None, None)]
    assert cited("《最高人民法院关于适用《中华人民共和国民事诉讼法》的解释》第九十条") == cited(text)
    assert cited("《民诉法解释》第九十条") == cited(text)


def test_short_names_bare_names_and_arabic_numerals():
    assert cited("《民事诉讼法》第一百四十七条") == [(CPL, "147", None, None)]
    assert cited("依据民法典第675条的规定") == [(CIVIL_CODE, "675", None, None)]
    assert cited("违反《中华人民共和国劳动合同法》第八十二条") == [("中华人民共和国劳动合同法", "82", None, None)]


def test_same_law_refers_to_the_law_cited_last():
    text = "依照《中华人民共和国合同法》第二百零六条，同法第二百零七条之规定"
    assert cited(text) == [("中华人民共和国合同法", "206", None, None), ("中华人民共和国合同法", "207", None, None)]
    assert cited("同法第十条") == []  # nothing cited before it


def test_ranges_expand():
    assert [c[1] for c in cited("《中华人民共和国民法典》第一条至第三条")] == ["1", "2", "3"]


def test_a_contract_in_brackets_is_not_a_law():
    assert cited("根据《个人借款合同》第五条约定，被告应按月还款") == []


def test_unknown_laws_named_like_laws_are_kept_under_their_own_name():
    assert cited("《浙江省物业管理条例》第三条") == [("浙江省物业管理条例", "3", None, None)]


def test_the_version_in_force_on_the_judgment_date_is_recorded():
    assert [c.version for c in parse("《民事诉讼法》第二百五十三条", on=date(2020, 3, 24))] == ["2017"]
    assert [c.version for c in parse("《民事诉讼法》第二百六十条", on=date(2023, 6, 1))] == ["2021"]
    assert [c.version for c in parse("《民事诉讼法》第二百六十四条", on=date(2025, 1, 6))] == ["2023"]
    assert [c.version for c in parse("《民事诉讼法》第二百六十四条")] == [None]


def test_the_double_interest_article_253_260_264_by_date():
    # court-rules.md §0.2: 253 (CPL 2012/2017), 260 (2021, in force 2022-2023), 264 (2023, from 2024-01-01).
    old = Citation(CPL, "253", version="2017")
    assert current(old, date(2021, 6, 1)).article == "253"
    assert current(old, date(2022, 1, 1)).article == "260"
    assert current(old, date(2023, 12, 31)).article == "260"
    assert current(old, date(2024, 1, 1)) == Citation(CPL, "264", version="2023")
    assert current(Citation(CPL, "263", version="2021"), date(2024, 1, 1)).article == "267"  # 中止执行
    assert current(Citation(CPL, "277", version="2021"), date(2024, 1, 1)).article == "287"


def test_articles_before_the_shift_keep_their_numbers():
    assert current(Citation(CPL, "152", version="2021"), date(2025, 1, 1)) == Citation(CPL, "152", version="2023")
    assert current(Citation(CPL, "144", version="2017"), date(2025, 1, 1)).article == "147"  # default judgment


def test_the_contract_law_maps_to_the_civil_code():
    for old, new in (("196", "667"), ("205", "674"), ("206", "675"), ("207", "676")):
        mapped = current(Citation("中华人民共和国合同法", old, version="1999"), date(2021, 1, 1))
        assert (mapped.law, mapped.article) == (CIVIL_CODE, new)
    before = current(Citation("中华人民共和国合同法", "206", version="1999"), date(2020, 12, 31))
    assert before.law == "中华人民共和国合同法"


def test_an_article_no_row_covers_is_shown_as_cited():
    unknown = Citation(CPL, "119", version="2017")  # the 2017 -> 2021 table is not complete: never guess
    assert current(unknown, date(2025, 1, 1)) == unknown
    assert current(Citation(CPL, "253"), date(2025, 1, 1)).article == "253"  # no version, no mapping


def test_predecessors_invert_the_renumbering():
    assert predecessors(CPL, "264") == {(CPL, "260", "2021"), (CPL, "253", "2017"), (CPL, "253", "2012")}
    assert predecessors(CIVIL_CODE, "675") == {("中华人民共和国合同法", "206", "1999")}


@given(st.integers(min_value=1, max_value=9999))
def test_numerals_round_trip_through_their_chinese_form(number):
    digits = "零一二三四五六七八九"
    parts, zero = [], False
    for unit, value in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = number // value % 10
        if digit:
            if zero:
                parts.append("零")
            parts.append(digits[digit] + unit)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts)
    assert chinese_number(text) == number
    assert cited(f"《民法典》第{text}条") == [(CIVIL_CODE, str(number), None, None)]
