"""《诉讼费用交纳办法》 arts 13–16: worked examples from court-rules.md §3 and properties."""

import tomllib
from decimal import ROUND_HALF_UP
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.errors import InvalidInput
from omnicourt.fees.rules import (
    Band,
    BandCharge,
    BandScale,
    acceptance_fee,
    application_fee_enforcement,
    application_fee_preservation,
    progressive_fee,
    scale_from_table,
)

# The national scales (Zhejiang applies them unchanged to property cases), shaped like data/fees.toml.
ACCEPTANCE_PROPERTY = {  # art. 13(1)
    "base": "50",
    "first_upper": "10000",
    "bands": [
        {"upper": "100000", "rate": "0.025"},
        {"upper": "200000", "rate": "0.02"},
        {"upper": "500000", "rate": "0.015"},
        {"upper": "1000000", "rate": "0.01"},
        {"upper": "2000000", "rate": "0.009"},
        {"upper": "5000000", "rate": "0.008"},
        {"upper": "10000000", "rate": "0.007"},
        {"upper": "20000000", "rate": "0.006"},
        {"rate": "0.005"},
    ],
}
APPLICATION_ENFORCEMENT = {  # art. 14(1)
    "base": "50",
    "first_upper": "10000",
    "bands": [
        {"upper": "500000", "rate": "0.015"},
        {"upper": "5000000", "rate": "0.01"},
        {"upper": "10000000", "rate": "0.005"},
        {"rate": "0.001"},
    ],
}
APPLICATION_PRESERVATION = {  # art. 14(2)
    "base": "30",
    "first_upper": "1000",
    "bands": [{"upper": "100000", "rate": "0.01"}, {"rate": "0.005"}],
    "cap": "5000",
}

PROPERTY = scale_from_table(ACCEPTANCE_PROPERTY)
ENFORCEMENT = scale_from_table(APPLICATION_ENFORCEMENT)
PRESERVATION = scale_from_table(APPLICATION_PRESERVATION)


def test_scale_from_table_builds_decimals():
    assert PRESERVATION == BandScale(
        base=D("30"),
        first_upper=D("1000"),
        bands=(Band(upper=D("100000"), rate=D("0.01")), Band(upper=None, rate=D("0.005"))),
        cap=D("5000"),
    )


@pytest.mark.parametrize(
    "table",
    [
        {
            "base": "50",
            "first_upper": "10000",
            "bands": [{"rate": "0.02"}, {"upper": "200000", "rate": "0.01"}],
        },
        {"base": "50", "first_upper": "10000", "bands": [{"upper": "5000", "rate": "0.02"}]},
        {"base": "-1", "first_upper": "10000", "bands": []},
        {"base": "abc", "first_upper": "10000", "bands": []},
    ],
)
def test_bad_tables_are_refused(table):
    with pytest.raises(ValueError):
        scale_from_table(table)


def test_worked_example_guangzhou_internet_court():
    """（2019）粤0192民初38420号: 114,142.70 → 2,582.85, simple procedure → 1,291 (whole yuan)."""
    amount = D("104836.96") + D("3817.26") + D("5218.59") + D("269.89")
    assert amount == D("114142.70")
    fen = acceptance_fee(amount, PROPERTY, procedure="simple")
    assert (fen.full_fee, fen.charged_fee, fen.halved) == (D("2582.85"), D("1291.43"), True)
    assert "第十六条" in fen.halving_basis
    assert [band.charged for band in fen.bands] == [D("50"), D("2250.000"), D("282.85400")]
    yuan = acceptance_fee(amount, PROPERTY, procedure="simple", rounding="yuan")
    assert (yuan.charged_fee, yuan.rounding) == (D("1291"), "yuan")


@pytest.mark.parametrize(
    ("amount", "fee"),
    [
        ("0", "50"),
        ("10000", "50"),
        ("10000.01", "50.00"),
        ("100000", "2300"),
        ("200000", "4300"),
        ("500000", "8800"),
        ("1000000", "13800"),
        ("2000000", "22800"),
        ("5000000", "46800"),
        ("10000000", "81800"),
        ("20000000", "141800"),
        ("30000000", "191800"),
    ],
)
def test_cumulative_band_tops(amount, fee):
    assessment = acceptance_fee(D(amount), PROPERTY, procedure="ordinary")
    assert assessment.full_fee == D(fee)
    assert assessment.charged_fee == D(fee)
    assert not assessment.halved and assessment.halving_basis == ""


def test_halved_fee_keeps_cents():
    """A judgment states "12229.14元，减半收取6114.57元": the full fee of an 842,914.00 claim."""
    assessment = acceptance_fee(D("842914.00"), PROPERTY, procedure="simple")
    assert (assessment.full_fee, assessment.charged_fee) == (D("12229.14"), D("6114.57"))


def test_small_claims_are_halved_like_simple_procedure():
    assessment = acceptance_fee(D("100000"), PROPERTY, procedure="small_claims")
    assert assessment.charged_fee == D("1150.00")
    assert "小额诉讼" in assessment.halving_basis


def test_mediation_halves_an_ordinary_case():
    assessment = acceptance_fee(D("100000"), PROPERTY, procedure="ordinary", halving_reasons={"mediation"})
    assert assessment.charged_fee == D("1150.00")
    assert "第十五条" in assessment.halving_basis


def test_halvings_never_stack():
    """民诉法解释 art. 206: simple procedure + withdrawal is still one half, not a quarter."""
    assessment = acceptance_fee(
        D("100000"), PROPERTY, procedure="simple", halving_reasons=("withdrawal", "counterclaim")
    )
    assert assessment.charged_fee == D("1150.00")
    assert "第二百零六条" in assessment.halving_basis


def test_fast_track_is_not_halved_by_its_procedure():
    assert not acceptance_fee(D("100000"), PROPERTY, procedure="fast_track").halved


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"procedure": "summary"}, "procedure"),
        ({"procedure": "ordinary", "halving_reasons": ("sympathy",)}, "halving_reasons"),
        ({"procedure": "ordinary", "rounding": "jiao"}, "rounding"),
    ],
)
def test_bad_options(kwargs, field):
    with pytest.raises(InvalidInput) as caught:
        acceptance_fee(D("1000"), PROPERTY, **kwargs)
    assert caught.value.field == field


@pytest.mark.parametrize("amount", ["-0.01", "NaN", "Infinity", "100.001", "10000000000000.01"])
def test_invalid_amounts(amount):
    with pytest.raises(InvalidInput) as caught:
        acceptance_fee(D(amount), PROPERTY, procedure="ordinary")
    assert caught.value.field == "amount"


def test_float_amounts_are_a_programming_error():
    with pytest.raises(TypeError):
        acceptance_fee(114142.70, PROPERTY, procedure="ordinary")


def test_progressive_fee_lists_the_bands():
    total, bands = progressive_fee(D("150000"), PROPERTY)
    assert total == D("3300")
    assert bands == [
        BandCharge(lower=D("0"), upper=D("10000"), rate=None, charged=D("50")),
        BandCharge(lower=D("10000"), upper=D("100000"), rate=D("0.025"), charged=D("2250")),
        BandCharge(lower=D("100000"), upper=D("200000"), rate=D("0.02"), charged=D("1000")),
    ]


@pytest.mark.parametrize(
    ("amount", "fee"),
    [("10000", "50"), ("500000", "7400"), ("5000000", "52400"), ("10000000", "77400"), ("20000000", "87400")],
)
def test_enforcement_fee_tops(amount, fee):
    result = application_fee_enforcement(D(amount), ENFORCEMENT)
    assert result.fee == D(fee) and not result.capped


@pytest.mark.parametrize(
    ("amount", "fee", "capped"),
    [
        ("500", "30", False),
        ("1000", "30", False),
        ("100000", "1020", False),
        ("895000", "4995", False),
        ("896000", "5000", False),
        ("896000.02", "5000", True),
        ("50000000", "5000", True),
    ],
)
def test_preservation_fee_is_capped(amount, fee, capped):
    result = application_fee_preservation(D(amount), PRESERVATION)
    assert (result.fee, result.capped) == (D(fee), capped)


amounts = st.decimals(min_value=0, max_value=D("1e13"), places=2, allow_nan=False, allow_infinity=False)


@given(amounts, amounts)
def test_fee_never_decreases_as_the_amount_grows(first, second):
    low, high = sorted((first, second))
    assert progressive_fee(low, PROPERTY)[0] <= progressive_fee(high, PROPERTY)[0]
    assert (
        acceptance_fee(low, PROPERTY, procedure="ordinary").full_fee
        <= acceptance_fee(high, PROPERTY, procedure="ordinary").full_fee
    )
    assert (
        application_fee_preservation(low, PRESERVATION).fee
        <= application_fee_preservation(high, PRESERVATION).fee
    )


@given(
    amounts,
    st.sampled_from(["ordinary", "simple", "small_claims", "fast_track"]),
    st.sets(st.sampled_from(["mediation", "withdrawal", "counterclaim", "third_party_claim"])),
    st.sampled_from(["fen", "yuan"]),
)
def test_charged_fee_is_the_full_fee_or_its_half(amount, procedure, reasons, rounding):
    assessment = acceptance_fee(
        amount, PROPERTY, procedure=procedure, halving_reasons=reasons, rounding=rounding
    )
    unit = D("0.01") if rounding == "fen" else D("1")
    full = assessment.full_fee.quantize(unit, rounding=ROUND_HALF_UP)
    half = (assessment.full_fee / 2).quantize(unit, rounding=ROUND_HALF_UP)
    assert assessment.charged_fee == (half if assessment.halved else full)
    assert assessment.halved == (procedure in {"simple", "small_claims"} or bool(reasons))


DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "fees.toml"


@pytest.mark.skipif(not DATA_FILE.exists(), reason="data/fees.toml not written yet")
def test_data_file_reproduces_the_worked_example():
    tables = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    property_scale = scale_from_table(tables["acceptance"]["property"])
    assert property_scale == PROPERTY
    assessment = acceptance_fee(D("114142.70"), property_scale, procedure="simple", rounding="yuan")
    assert (assessment.full_fee, assessment.charged_fee) == (D("2582.85"), D("1291"))
    for key, check_fee in [
        (("acceptance", "property"), progressive_fee),
        (
            ("application", "enforcement"),
            lambda amount, scale: (application_fee_enforcement(amount, scale).fee,),
        ),
        (
            ("application", "preservation"),
            lambda amount, scale: (application_fee_preservation(amount, scale).fee,),
        ),
    ]:
        table = tables[key[0]][key[1]]
        scale = scale_from_table(table)
        for check in table.get("checks", ()):
            assert check_fee(D(check["amount"]), scale)[0] == D(check["fee"]), (key, check)
    assert scale_from_table(tables["application"]["enforcement"]) == ENFORCEMENT
    assert scale_from_table(tables["application"]["preservation"]) == PRESERVATION


def test_base_upper_is_an_alias_of_first_upper():
    table = {**APPLICATION_PRESERVATION, "base_upper": "1000"}
    del table["first_upper"]
    assert scale_from_table(table) == PRESERVATION
    with pytest.raises(ValueError):
        scale_from_table({**APPLICATION_PRESERVATION, "base_upper": "1000"})
