"""The enforcement calculators against the worked examples of court-rules.md §3.3 / §4.3 and court-rules-2.md §§1.7,
2.2–2.3: the rules as a table, then the CLI, the API and the page a user meets."""

import json
from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from omnicourt.enforcement import calculators, rules
from omnicourt.errors import InvalidInput
from tests.commands import run


@pytest.mark.parametrize(("amount", "fee"), [
    ("10000", "50.00"),          # the flat base up to 10,000
    ("500000", "7400.00"),       # 50 + 490,000 × 1.5 %
    ("1000000", "12400.00"),     # court-rules-2.md §1.7: 50 + 490,000 × 1.5 % + 500,000 × 1 %
    ("5000000", "52400.00"),
    ("10000000", "77400.00"),
    ("20000000", "87400.00"),    # + 10,000,000 × 0.1 %
])
def test_enforcement_fee_is_progressive(amount, fee):
    assert Decimal(calculators.enforcement_fee(amount)["fee"]) == Decimal(fee)


@pytest.mark.parametrize(("amount", "fee", "capped"), [
    ("1000", "30.00", False), ("100000", "1020.00", False), ("500000", "3020.00", False),
    ("896000", "5000.00", False), ("900000", "5000.00", True), ("50000000", "5000.00", True),
])
def test_preservation_fee_reaches_its_cap_at_896000(amount, fee, capped):
    result = calculators.preservation_fee(amount)
    assert (Decimal(result["fee"]), result["capped"]) == (Decimal(fee), capped)


def test_double_interest_worked_example():
    # court-rules.md §4.3: 100,000 × 0.000175 × 30 days = 525.
    result = calculators.double_interest("100000", "2024-03-01", "2024-03-31")
    assert (result["days"], Decimal(result["double_interest"])) == (30, Decimal("525.00"))
    assert "第二百六十四条" in result["basis"]


@pytest.mark.parametrize(("reference", "kind", "auction_round", "previous", "lowest", "deposit", "days"), [
    ("1000000", "real_estate", 1, None, "700000.00", ("35000.00", "140000.00"), 30),
    ("1000000", "movable", 1, None, "700000.00", ("35000.00", "140000.00"), 15),
    ("1000000", "real_estate", 2, "700000", "560000.00", ("28000.00", "112000.00"), 15),
    ("1000000", "movable", 2, "900000", "720000.00", ("36000.00", "144000.00"), 7),
    ("1000000", "real_estate", 2, None, "560000.00", ("28000.00", "112000.00"), 15),  # previous assumed at 70 %
    ("333.33", "movable", 1, None, "233.34", ("11.67", "46.66"), 15),  # the floor rounds up, the deposit stays inside
])
def test_auction_table(reference, kind, auction_round, previous, lowest, deposit, days):
    result = calculators.auction(reference, kind, auction_round, previous)
    assert result["lowest_start"]["value"] == lowest
    assert (result["deposit"]["lowest"], result["deposit"]["highest"]) == deposit
    assert result["announcement_days"]["value"] == days
    assert ("assumption" in result["lowest_start"]) == (auction_round == 2 and previous is None)


def test_lowest_start_never_below_seventy_percent():
    for cents in range(1, 400):
        reference = Decimal(cents) / 100
        assert rules.first_round_lowest_start(reference) >= reference * Decimal("0.7")


def test_a_late_bid_extends_the_end_five_minutes_from_that_bid():
    end = datetime(2026, 12, 10, 10, 0)
    assert rules.end_after_bid(end, end - timedelta(minutes=10)) == end
    assert rules.end_after_bid(end, end - timedelta(minutes=2)) == end - timedelta(minutes=2) + timedelta(minutes=5)
    assert rules.end_after_bid(end, end) == end + timedelta(minutes=5)
    with pytest.raises(InvalidInput, match="竞价已结束"):
        rules.end_after_bid(end, end + timedelta(seconds=1))


def test_bidding_lasts_at_least_a_day():
    start = datetime(2026, 12, 10, 10, 0)
    rules.check_bidding_period(start, start + timedelta(hours=24))
    with pytest.raises(InvalidInput, match="二十四小时"):
        rules.check_bidding_period(start, start + timedelta(hours=23, minutes=59))


@pytest.mark.parametrize(("call", "field"), [
    (lambda: calculators.auction("1000000", "house"), "kind"),
    (lambda: calculators.auction("0", "movable"), "reference_price"),
    (lambda: calculators.auction("1000000", "movable", 3), "round"),
    (lambda: calculators.auction("1000000", "movable", 1, "700000"), "previous_start"),
    (lambda: calculators.auction("1000000", "movable", 2, "0"), "previous_start"),
    (lambda: calculators.auction("abc", "movable", 2), "reference_price"),
    (lambda: calculators.double_interest("100000", "2024-03-31", "2024-03-01"), "end"),
    (lambda: calculators.double_interest("100000", "2024-02-30", "2024-03-01"), "from"),
    (lambda: calculators.enforcement_fee("十万"), "amount"),
    (lambda: calculators.preservation_fee("-5"), "amount"),
])
def test_bad_input_is_refused_naming_the_field(call, field):
    with pytest.raises(InvalidInput) as refused:
        call()
    assert refused.value.field == field


def test_cli_prints_json_and_refuses_in_chinese():
    fee = run("calc", "enforcement-fee", "--amount", "1000000")
    assert fee.returncode == 0, fee.stderr
    assert json.loads(fee.stdout)["fee"] == "12400.00"
    auction = run("calc", "auction", "--reference-price", "1000000", "--kind", "real_estate", "--round", "2",
                  "--previous-start", "700000")
    assert json.loads(auction.stdout)["lowest_start"]["value"] == "560000.00"
    interest = run("calc", "double-interest", "--amount", "100000", "--from", "2024-03-01", "--to", "2024-03-31")
    assert json.loads(interest.stdout)["double_interest"] == "525.00"
    refused = run("calc", "preservation-fee", "--amount", "abc")
    assert refused.returncode == 2 and "标的额应为数字" in refused.stderr


def test_api_and_page(client):
    response = client.get("/api/v1/calculators/preservation-fee", params={"amount": "900000"})
    assert response.status_code == 200 and response.json()["fee"] == "5000.00"
    refused = client.get("/api/v1/calculators/auction", params={"reference_price": "1000", "kind": "plane"})
    assert refused.status_code == 422 and "财产类别" in refused.text
    too_long = client.get("/api/v1/calculators/enforcement-fee", params={"amount": "1" * 41})
    assert too_long.status_code == 422
    page = client.get("/calculators/enforcement", params={"calc": "double_interest", "amount": "100000",
                                                         "from": "2024-03-01", "to": "2024-03-31"})
    assert page.status_code == 200 and 'data-testid="double-interest">525.00' in page.text
    bad = client.get("/calculators/enforcement", params={"calc": "auction", "reference_price": "x", "kind": "movable"})
    assert bad.status_code == 200 and "参考价应为数字" in bad.text
