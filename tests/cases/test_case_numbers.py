"""案号: 《关于人民法院案件案号的若干规定》 (法〔2015〕137号, amended by 法〔2018〕335号)."""

from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.cases.rules import CaseNumber, format_case_number, parse_case_number, random_serial8
from omnicourt.errors import InvalidInput

COURTS = ("最高法", "浙", "浙01", "浙02", "浙0106", "川0104", "粤0192", "京73", "兵0101")
TYPES = (
    "民初",
    "民终",
    "民申",
    "民再",
    "民特",
    "民辖终",
    "民保令",
    "民诉前调",
    "执",
    "执恢",
    "执异",
    "刑核",
    "破",
)


def parse(text: str) -> CaseNumber:
    return parse_case_number(text, court_codes=COURTS, type_codes=TYPES)


def test_format_uses_full_width_parentheses():
    assert (
        format_case_number(year=2026, court_code="浙0106", type_code="民初", serial=1234)
        == "（2026）浙0106民初1234号"
    )


def test_format_with_special_code():
    number = format_case_number(year=2019, court_code="最高法", type_code="民终", serial=1, special_code="知")
    assert number == "（2019）最高法知民终1号"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"year": 26, "court_code": "浙0106", "type_code": "民初", "serial": 1}, "year"),
        ({"year": 2026, "court_code": "浙0106", "type_code": "民初", "serial": 0}, "serial"),
        ({"year": 2026, "court_code": "", "type_code": "民初", "serial": 1}, "case_number"),
    ],
)
def test_format_refuses_bad_parts(kwargs, field):
    with pytest.raises(InvalidInput) as caught:
        format_case_number(**kwargs)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（2026）浙0106民初1234号", CaseNumber(2026, "浙0106", "", "民初", 1234)),
        ("(2026)浙0106民初1234号", CaseNumber(2026, "浙0106", "", "民初", 1234)),
        ("  （2026）浙0106 民初 1234号 ", CaseNumber(2026, "浙0106", "", "民初", 1234)),
        ("（２０２６）浙０１０６民初１２３４号", CaseNumber(2026, "浙0106", "", "民初", 1234)),
        ("（2019）最高法知民终1号", CaseNumber(2019, "最高法", "知", "民终", 1)),
        ("（2021）川0104民诉前调801号", CaseNumber(2021, "川0104", "", "民诉前调", 801)),
        ("（2024）浙02民诉前调595号", CaseNumber(2024, "浙02", "", "民诉前调", 595)),
        ("（2026）浙民辖终3号", CaseNumber(2026, "浙", "", "民辖终", 3)),
        ("（2026）浙0106民保令7号", CaseNumber(2026, "浙0106", "", "民保令", 7)),
        ("（2026）浙0106执恢12号", CaseNumber(2026, "浙0106", "", "执恢", 12)),
        ("（2026）浙0106执12号", CaseNumber(2026, "浙0106", "", "执", 12)),
        ("（2026）京73民初5号", CaseNumber(2026, "京73", "", "民初", 5)),
        ("（2026）最高法刑核12345678号", CaseNumber(2026, "最高法", "", "刑核", 12345678)),
    ],
)
def test_parse_current_form(text, expected):
    assert parse(text) == expected


def test_str_is_canonical():
    assert str(parse("(2019) 最高法知民终1号")) == "（2019）最高法知民终1号"


@pytest.mark.parametrize(
    ("text", "court", "type_code"),
    [
        ("(2006)浙0106民初字第1号", "浙0106", "民初"),
        ("（2006）杭西民初字第1号", "杭西", "民初"),
        ("（2010）杭西执字第123号", "杭西", "执"),
        ("（2012）沪一中民终字第45号", "沪一中", "民终"),
    ],
)
def test_parse_legacy_form(text, court, type_code):
    number = parse(text)
    assert (number.court_code, number.type_code, number.legacy) == (court, type_code, True)
    assert str(number) == text.replace("(", "（").replace(")", "）")


def test_longest_type_code_wins():
    """民辖终 is read as the type 民辖终, not the special code 民 (if it were one) + 辖终."""
    number = parse_case_number(
        "（2026）浙民辖终3号", court_codes=COURTS, type_codes=TYPES, special_codes=("知", "民")
    )
    assert (number.special_code, number.type_code) == ("", "民辖终")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("（2026）浙9999民初1号", "法院代字「浙9999」"),
        ("（2026）浙0106民乙1号", "类型代字「民乙」"),
        ("（2026）浙0106民初号", "格式不正确"),
        ("2026浙0106民初1号", "格式不正确"),
        ("（2026）浙0106民初1", "格式不正确"),
        ("", "格式不正确"),
        ("（2006）杭西民乙字第1号", "类型代字"),
    ],
)
def test_parse_refuses(text, fragment):
    with pytest.raises(InvalidInput) as caught:
        parse(text)
    assert fragment in caught.value.message
    assert caught.value.field == "case_number"


def test_random_serial8_has_eight_digits():
    rng = Random(20260101)
    serials = [random_serial8(rng) for _ in range(1000)]
    assert all(len(str(serial)) == 8 for serial in serials)
    assert random_serial8(Random(1)) == random_serial8(Random(1))


@given(
    year=st.integers(1000, 9999),
    court=st.sampled_from(COURTS),
    type_code=st.sampled_from(TYPES),
    serial=st.integers(1, 10**8),
    special=st.sampled_from(["", "知"]),
)
def test_format_then_parse_round_trips(year, court, type_code, serial, special):
    text = format_case_number(
        year=year, court_code=court, type_code=type_code, serial=serial, special_code=special
    )
    assert parse(text) == CaseNumber(year, court, special, type_code, serial)
    assert str(parse(text)) == text
