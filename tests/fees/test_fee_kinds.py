"""Fees by the kind of cause, from data/fees.toml (诉讼费用交纳办法 art. 13; Zhejiang amounts [U])."""

from decimal import Decimal

import pytest

from omnicourt.fees import service

CASES = [
    # kind, amount, procedure, full fee, charged fee
    ("property", "114142.70", "simple", "2582.85", "1291.43"),
    ("divorce", "0", "ordinary", "300.00", "300.00"),
    ("divorce", "300000", "simple", "800.00", "400.00"),  # 300 + 0.5 % of the part above 200,000
    ("personality", "150000", "ordinary", "1250.00", "1250.00"),  # 500 + 1 % of 50k + 0.5 % of 50k
    ("labour", "80000", "ordinary", "10.00", "10.00"),
    ("ip", "0", "ordinary", "1000.00", "1000.00"),
    ("ip", "114142.70", "ordinary", "2582.85", "2582.85"),  # with an amount: the property scale
    ("other_non_property", "0", "simple", "100.00", "50.00"),
]


@pytest.mark.parametrize("kind,amount,procedure,full,charged", CASES)
def test_fee_by_kind_of_cause(kind, amount, procedure, full, charged):
    assessment = service.assess_acceptance_fee(Decimal(amount), procedure, kind=kind, fee_province="zhejiang")
    assert (assessment.full_fee, assessment.charged_fee) == (Decimal(full), Decimal(charged))


def test_rounding_is_a_per_court_setting(monkeypatch):
    tables = {**service.tables.fee_tables()}
    tables["rounding"] = {"default": "fen", "courts": {"浙0192": "yuan"}}
    monkeypatch.setattr(service.tables, "fee_tables", lambda: tables)
    amount = Decimal("114142.70")
    for court, fee in (("浙0192", "1291"), ("浙0106", "1291.43")):
        assessment = service.assess_acceptance_fee(amount, "simple", fee_province="zhejiang", court_code=court)
        assert assessment.charged_fee == Decimal(fee)


def test_the_fee_province_picks_the_provincial_amount(monkeypatch):
    tables = {**service.tables.fee_tables()}
    acceptance = {**tables["acceptance"], "fixed": {**tables["acceptance"]["fixed"]}}
    acceptance["fixed"]["other_non_property"] = {**acceptance["fixed"]["other_non_property"], "anhui": "70"}
    monkeypatch.setattr(service.tables, "fee_tables", lambda: tables | {"acceptance": acceptance})
    for province, fee in (("zhejiang", "100.00"), ("anhui", "70.00")):
        assessment = service.assess_acceptance_fee(Decimal(0), "ordinary", kind="other_non_property",
                                                   fee_province=province)
        assert assessment.charged_fee == Decimal(fee)
