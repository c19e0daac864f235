"""繁简分流: CPL arts 160, 165, 166; 民诉法解释 art. 257; 延审规定 art. 4(2) (court-rules.md §8.1)."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.errors import InvalidInput
from omnicourt.triage.rules import EXCLUSIONS, TriageDecision, triage

WAGE = D("125000")  # half: 62,500.00; double: 250,000.00


def decide(amount, **options) -> TriageDecision:
    options.setdefault("court_level", "basic")
    options.setdefault("money_payment", True)
    return triage(amount=None if amount is None else D(amount), average_wage=WAGE, **options)


def test_worked_example_reason_text():
    assert decide("12000") == TriageDecision(
        "small_claims",
        (
            "标的额 12,000.00 元不超过上年度就业人员年平均工资 125,000 元的 50%（62,500.00 元），"
            "且属金钱给付案件，适用小额诉讼程序（《民事诉讼法》第一百六十五条第一款）",
        ),
    )


@pytest.mark.parametrize(
    ("amount", "procedure"),
    [
        ("0", "small_claims"),
        ("62500", "small_claims"),  # exactly 50 %: 不超过 → included
        ("62500.01", "simple"),
        ("250000", "simple"),  # exactly 200 %: 二倍以下 → included
        ("250000.01", "ordinary"),
        ("10000000", "ordinary"),
    ],
)
def test_thresholds(amount, procedure):
    assert decide(amount).procedure == procedure


@pytest.mark.parametrize(
    ("amount", "procedure"),
    [("62500.01", "small_claims"), ("250000", "small_claims"), ("250000.01", "ordinary")],
)
def test_small_claims_by_agreement_up_to_twice_the_wage(amount, procedure):
    decision = decide(amount, parties_agree_small_claims=True)
    assert decision.procedure == procedure
    if procedure == "small_claims":
        assert "第一百六十五条第二款" in decision.reasons[0]


def test_wage_with_cents_is_shown_with_cents():
    decision = triage(court_level="basic", amount=D("100"), money_payment=True, average_wage=D("117852.50"))
    assert "117,852.50 元的 50%（58,926.25 元）" in decision.reasons[0]


@pytest.mark.parametrize("key", ["personal_status", "ownership", "foreign", "appraisal", "counterclaim"])
def test_small_claims_exclusions_leave_simple_procedure(key):
    decision = decide("1000", exclusions=frozenset({key}))
    assert decision.procedure == "simple"
    assert EXCLUSIONS[key].label in decision.reasons[0]
    assert "第一百六十六条" in decision.reasons[0]


@pytest.mark.parametrize(
    "key", ["whereabouts_unknown", "remanded", "retrial", "public_interest", "third_party_revocation"]
)
def test_simple_procedure_exclusions_lead_to_ordinary(key):
    decision = decide("1000", exclusions=frozenset({key}))
    assert decision.procedure == "ordinary"
    assert EXCLUSIONS[key].label in decision.reasons[0]
    assert "第二百五十七条" in decision.reasons[0]


def test_exclusions_block_agreed_small_claims_too():
    assert (
        decide("100000", exclusions=frozenset({"counterclaim"}), parties_agree_small_claims=True).procedure
        == "simple"
    )


def test_many_parties_lead_to_ordinary():
    decision = decide("1000", many_parties=True)
    assert decision.procedure == "ordinary"
    assert "人数众多" in decision.reasons[0]


def test_every_exclusion_has_a_label_and_a_source():
    assert set(EXCLUSIONS) == {
        "personal_status",
        "ownership",
        "foreign",
        "appraisal",
        "whereabouts_unknown",
        "counterclaim",
        "remanded",
        "retrial",
        "public_interest",
        "third_party_revocation",
    }
    assert all(exclusion.label and "第" in exclusion.source for exclusion in EXCLUSIONS.values())


@pytest.mark.parametrize("level", ["intermediate", "high", "supreme"])
def test_higher_courts_use_ordinary_procedure(level):
    decision = decide("1000", court_level=level)
    assert decision.procedure == "ordinary"
    assert "基层人民法院" in decision.reasons[0]


def test_special_courts_count_as_basic():
    assert decide("1000", court_level="special").procedure == "small_claims"


def test_non_money_cases():
    """Non-money cases never go to small claims; with no amount (or ≤ 2× wage) they get simple procedure."""
    assert decide(None, money_payment=False).procedure == "simple"
    small = decide("1000", money_payment=False)
    assert small.procedure == "simple"
    assert "非金钱给付" in small.reasons[0]
    assert decide("300000", money_payment=False).procedure == "ordinary"
    assert decide(None, money_payment=False, exclusions=frozenset({"remanded"})).procedure == "ordinary"


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"court_level": "county"}, "court_level"),
        ({"exclusions": frozenset({"boredom"})}, "exclusions"),
    ],
)
def test_bad_options(options, field):
    with pytest.raises(InvalidInput) as caught:
        decide("1000", **options)
    assert caught.value.field == field


def test_bad_amounts_and_wage():
    with pytest.raises(InvalidInput) as caught:
        decide("-1")
    assert caught.value.field == "amount"
    with pytest.raises(InvalidInput) as caught:
        triage(court_level="basic", amount=D("1"), money_payment=True, average_wage=D("0"))
    assert caught.value.field == "average_wage"


ORDER = {"small_claims": 0, "simple": 1, "ordinary": 2}


@given(
    st.decimals(min_value=0, max_value=D("1e9"), places=2),
    st.decimals(min_value=0, max_value=D("1e9"), places=2),
    st.booleans(),
    st.booleans(),
)
def test_a_larger_amount_never_gets_a_lighter_procedure(first, second, money, agreed):
    low, high = sorted((first, second))
    options = {
        "court_level": "basic",
        "money_payment": money,
        "average_wage": WAGE,
        "parties_agree_small_claims": agreed,
    }
    assert ORDER[triage(amount=low, **options).procedure] <= ORDER[triage(amount=high, **options).procedure]
