"""`omnicourt assist FILE --cause 危险驾驶罪` prints the elements with their spans and the sentence as JSON."""

import json

from typer.testing import CliRunner

from omnicourt.cli import app

runner = CliRunner()
TEXT = ("某某区人民检察院起诉书。2025年9月30日22时许，被告人张某饮酒后驾驶浙A12345号小型轿车行驶至文三路时被民警查获。"
        "经鉴定，被告人张某血液中乙醇含量为236.4mg/100ml。被告人到案后如实供述。")


def test_assist_prints_the_sentence_keys(tmp_path):
    path = tmp_path / "起诉书.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["assist", str(path), "--cause", "危险驾驶罪"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["cause"] == "危险驾驶罪"
    bac = data["elements"]["bac.mg_per_100ml"]
    assert TEXT[bac["start"]:bac["end"]] == bac["quote"] == "236.4mg/100ml"
    sentence = data["sentence"]
    assert (sentence["term_months"], sentence["fine"], sentence["probation"]) == (3, 4000, False)
    assert sentence["steps"] and all(step["articles"] for step in sentence["steps"])


def test_an_unknown_cause_is_refused_naming_the_known_ones(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["assist", str(path), "--cause", "盗窃罪"])
    assert result.exit_code == 2 and "危险驾驶罪" in result.output


def test_eval_drunk_driving_refuses_an_unknown_split():
    result = runner.invoke(app, ["eval", "drunk-driving", "--split", "everything"])
    assert result.exit_code == 2


def test_aggravating_circumstances_carry_their_span(tmp_path):
    text = "被告人无证驾驶小型轿车在沪昆高速公路上行驶，被民警查获。经鉴定血液乙醇含量为150mg/100ml。"
    path = tmp_path / "起诉书.txt"
    path.write_text(text, encoding="utf-8")
    data = json.loads(runner.invoke(app, ["assist", str(path), "--cause", "危险驾驶罪"]).stdout)
    items = {a["item"]: a for a in data["aggravating"]}
    expressway = items["（八）在高速公路上驾驶"]
    assert text[expressway["start"]:expressway["end"]] == expressway["quote"] == "高速公路"
    assert items["（三）未取得机动车驾驶证驾驶汽车"]["quote"] == "无证"
