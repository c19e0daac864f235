"""`omnicourt calc interest` and `omnicourt interest lpr add`, run as a user would."""

import json
import shutil
from decimal import Decimal

from omnicourt.interest.lpr import default_lpr_path
from tests.commands import run


def test_calc_interest_prints_amount_penalty_cap_and_wording():
    result = run("calc", "interest", "--principal", "100000", "--rate", "年利率6.12%", "--start", "2024-01-01",
                 "--end", "2024-12-31", "--basis", "365", "--penalty-uplift", "0.5", "--cap", "financial")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # 100000 × 6.12 % × 365 / 365 = 6120.00; penalty at 9.18 %: 9180.00; 24 % allowance 24000.00 not reached.
    assert (data["days"], Decimal(data["amount"])) == (365, Decimal("6120.00"))
    assert Decimal(data["penalty"]["amount"]) == Decimal("9180.00")
    assert data["penalty"]["segments"][0]["annual_rate"] == "0.09180"
    assert data["cap"]["bound"] is False and Decimal(data["cap"]["allowance"]) == Decimal("24000.00")
    assert data["wording"] == ("以100000.00元为基数，按年利率6.12%，自2024年1月1日起至2024年12月31日止"
                               "（算头不算尾，共365天，每年按365天计）计得利息6120.00元")


def test_calc_interest_splits_a_floating_lpr_rate_and_applies_the_private_cap():
    result = run("calc", "interest", "--principal", "100000", "--rate", "一年期LPR的5倍", "--start", "2021-12-01",
                 "--end", "2022-02-01", "--cap", "private", "--contract-date", "2021-01-05",
                 "--suit-date", "2022-03-01")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["start"] for s in data["segments"]] == ["2021-12-01", "2021-12-20", "2022-01-20"]
    # 5 × LPR (19.25 %, 19 %, 18.5 %) is above 4 × 3.85 % = 15.40 % (LPR at formation 2021-01-05):
    # capped: 100000 × 0.154 × 62 / 360 = 2652.22.
    assert data["cap"]["periods"][0]["annual_cap"] == "0.1540"
    assert data["cap"]["bound"] is True and data["cap"]["bound_from"] == "2021-12-01"
    assert Decimal(data["cap"]["capped_interest"]) == Decimal("2652.22")


def test_calc_interest_refuses_bad_input_in_chinese():
    for args, words in [(("--principal", "-1"), "本金"), (("--rate", "看情况"), "利率"),
                        (("--end", "2023-01-01"), "早于")]:
        options = {"--principal": "100", "--rate": "年利率6%", "--start": "2024-01-01", "--end": "2024-02-01"}
        options.update(dict(zip(args[::2], args[1::2], strict=True)))
        result = run("calc", "interest", *[part for pair in options.items() for part in pair])
        assert result.returncode == 2, (args, result.stdout)
        assert words in result.stderr


def test_lpr_add_appends_a_validated_fixing(tmp_path):
    (tmp_path / "interest").mkdir()
    shutil.copy(default_lpr_path(), tmp_path / "interest" / "lpr.csv")
    env = {"OMNICOURT_DATA_DIR": str(tmp_path)}
    added = run("interest", "lpr", "add", "--date", "2025-08-20", "--one-year", "3.00", "--five-year", "3.50", env=env)
    assert added.returncode == 0, added.stderr
    assert (tmp_path / "interest" / "lpr.csv").read_text(encoding="utf-8").endswith("2025-08-20,3.00,3.50,S\n")
    stale = run("interest", "lpr", "add", "--date", "2025-07-21", "--one-year", "3.00", "--five-year", "3.50", env=env)
    assert stale.returncode == 2 and "须晚于" in stale.stderr
    absurd = run("interest", "lpr", "add", "--date", "2025-09-22", "--one-year", "300", "--five-year", "3.5", env=env)
    assert absurd.returncode == 2 and "一年期LPR" in absurd.stderr
