from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.assistant.numbers import (
    amount_in_words,
    date_in_words,
    find_amounts,
    find_dates,
    fold,
    parse_amount,
    parse_date,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("100,000.00元", "100000.00"),
    ("10万元", "100000.00"),
    ("2.5万元", "25000.00"),
    ("人民币壹拾万元整", "100000.00"),
    ("壹拾贰万叁仟肆佰伍拾陆元柒角捌分", "123456.78"),
    ("十万零五百元", "100500.00"),
    ("伍仟元零捌分", "5000.08"),
    ("１２３，４５６．７８元", "123456.78"),
])
def test_amounts_are_read_exactly(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["2024年3月5日", "2024-03-05", "二〇二四年三月五日", "2024.3.5", "2024/3/5",
                                  "２０２４年３月５日", "2024 年 3 月 5 日"])
def test_every_date_form_reads_the_same_day(text):
    assert parse_date(text) == date(2024, 3, 5)


def test_spans_point_into_the_original_text_even_with_full_width_digits():
    text = "截至２０２４年６月３０日，尚欠本金１２，０００．５０元。"
    amount = find_amounts(text)[0]
    day = find_dates(text)[0]
    assert text[amount.start:amount.end] == "１２，０００．５０元" and amount.value == Decimal("12000.50")
    assert text[day.start:day.end] == "２０２４年６月３０日" and day.value == date(2024, 6, 30)
    assert len(fold(text)) == len(text)


def test_impossible_dates_are_skipped():
    assert find_dates("2023年2月30日") == []
    with pytest.raises(ValueError):
        parse_amount("没有金额")


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2))
def test_capital_words_round_trip(amount):
    assert parse_amount(amount_in_words(amount)) == amount


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_dates_in_words_round_trip(day):
    assert parse_date(date_in_words(day)) == day
