"""GB 11643-1999 身份证号码 and GB 32100-2015 统一社会信用代码 check digits."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.errors import InvalidInput
from omnicourt.security.rules import (
    USCC_CHARSET,
    IdNumber,
    make_id_number,
    make_uscc,
    validate_id_number,
    validate_uscc,
)

# ---------------------------------------------------------------- 身份证号码


def test_classic_example_validates():
    assert validate_id_number("11010519491231002X") == IdNumber(
        number="11010519491231002X", region_code="110105", birth_date=date(1949, 12, 31), sex="female"
    )


@pytest.mark.parametrize(
    "raw",
    [
        "11010519491231002x",
        "  11010519491231002X\n",
        "110105 19491231 002X",
        "１１０１０５１９４９１２３１００２Ｘ",
    ],
)
def test_id_number_is_normalised(raw):
    assert validate_id_number(raw).number == "11010519491231002X"


def test_male_from_odd_sequence_code():
    number = make_id_number("330106", date(1990, 2, 28), 3, "male")
    assert number[14:17] == "005"
    assert validate_id_number(number).sex == "male"


def test_make_reproduces_classic_example():
    assert make_id_number("110105", date(1949, 12, 31), 1, "female") == "11010519491231002X"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "请填写"),
        ("110105491231002", "位数不对"),  # first-generation 15-digit number
        ("11010519491231002X1", "位数不对"),
        ("1101051949123100AX", "非法字符"),
        ("110105194902300021", "出生日期无效"),  # 30 February
        ("11010519491231002Y", "非法字符"),
        ("110105194912310021", "校验位错误"),
    ],
)
def test_invalid_id_numbers(raw, fragment):
    with pytest.raises(InvalidInput) as caught:
        validate_id_number(raw)
    assert fragment in caught.value.message
    assert caught.value.field == "id_number"


def test_birth_date_in_the_future_is_refused():
    number = make_id_number("330106", date(2030, 1, 1), 1, "male")
    assert validate_id_number(number).birth_date == date(2030, 1, 1)  # no today: no check
    with pytest.raises(InvalidInput, match="出生日期无效"):
        validate_id_number(number, today=date(2026, 5, 1))
    assert validate_id_number(number, today=date(2030, 1, 1)).sex == "male"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"region_code": "11010", "sequence": 1, "sex": "male"}, "region_code"),
        ({"region_code": "110105", "sequence": 0, "sex": "male"}, "sequence"),
        ({"region_code": "110105", "sequence": 500, "sex": "male"}, "sequence"),
        ({"region_code": "110105", "sequence": 1, "sex": "M"}, "sex"),
    ],
)
def test_make_id_number_refuses_bad_parts(kwargs, field):
    with pytest.raises(InvalidInput) as caught:
        make_id_number(birth_date=date(1980, 1, 1), **kwargs)
    assert caught.value.field == field


region_codes = st.from_regex(r"[1-8][0-9]{5}", fullmatch=True)
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 12, 31))
sexes = st.sampled_from(["male", "female"])
sequences = st.integers(min_value=1, max_value=499)


@given(region_codes, birth_dates, sequences, sexes)
def test_generated_id_numbers_validate(region_code, birth_date, sequence, sex):
    parsed = validate_id_number(make_id_number(region_code, birth_date, sequence, sex))
    assert (parsed.region_code, parsed.birth_date, parsed.sex) == (region_code, birth_date, sex)


@given(region_codes, birth_dates, sequences, sexes, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_substitution_breaks_an_id_number(region_code, birth_date, sequence, sex, position, char):
    number = make_id_number(region_code, birth_date, sequence, sex)
    if number[position] == char:
        char = "0" if char != "0" else "1"
    altered = number[:position] + char + number[position + 1 :]
    with pytest.raises(InvalidInput):
        validate_id_number(altered)


# ---------------------------------------------------------------- 统一社会信用代码

VALID_USCC = [
    "91350100M000100Y43",  # computed: body 91350100M000100Y4 → check 3
    "91110000100000000R",  # computed: body 91110000100000000 → check R
    "52330106MJ0000001P",  # computed: 社会团体-style body → check P
    "914403001922038216",  # published code of 华为技术有限公司
    "91440300708461136T",  # published code of 深圳市腾讯计算机系统有限公司
]


@pytest.mark.parametrize("code", VALID_USCC)
def test_valid_uscc(code):
    assert validate_uscc(code) == code
    assert make_uscc(code[:17]) == code


def test_uscc_is_upper_cased_and_stripped():
    assert validate_uscc(" 91350100m000100y43 ") == "91350100M000100Y43"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "请填写"),
        ("91350100M000100Y4", "位数不对"),
        ("91350100M000100I43", "非法字符"),  # I is not in the code set
        ("91350100O000100Y43", "非法字符"),
        ("91350100M000100Y44", "校验位错误"),
    ],
)
def test_invalid_uscc(raw, fragment):
    with pytest.raises(InvalidInput) as caught:
        validate_uscc(raw)
    assert fragment in caught.value.message
    assert caught.value.field == "uscc"


def test_make_uscc_refuses_bad_body():
    with pytest.raises(InvalidInput):
        make_uscc("91350100M000100Z4")
    with pytest.raises(InvalidInput):
        make_uscc("9135")


uscc_bodies = st.text(alphabet=USCC_CHARSET, min_size=17, max_size=17)


@given(uscc_bodies)
def test_generated_uscc_validate(body):
    code = make_uscc(body)
    assert validate_uscc(code) == code


@given(uscc_bodies, st.integers(0, 17), st.sampled_from(USCC_CHARSET))
def test_any_single_substitution_breaks_a_uscc(body, position, char):
    code = make_uscc(body)
    if code[position] == char:
        char = "0" if char != "0" else "1"
    altered = code[:position] + char + code[position + 1 :]
    with pytest.raises(InvalidInput):
        validate_uscc(altered)


def test_non_ascii_digits_in_region_code_are_refused():
    with pytest.raises(InvalidInput):
        make_id_number("10000\U0001d7ce", date(2000, 1, 1), 1, "male")
