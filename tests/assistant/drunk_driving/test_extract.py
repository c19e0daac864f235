"""Element extraction from drunk-driving fact texts: one test per phrase pattern met in real judgments (the phrases
below are written for the tests, in the form the real texts use)."""

import pytest

from omnicourt.assistant.documents import CaseDocument
from omnicourt.assistant.drunk_driving.extract import extract, fact_part


def found(text: str) -> dict:
    return {name: f.value for name, f in extract([CaseDocument("起诉书", "other", text)]).items()}


@pytest.mark.parametrize("phrase, value", [
    ("经鉴定，被告人血液中乙醇含量为128.25mg/100ml。", 128.25),
    ("经检验张某甲血液酒精含量为95．64毫克／100毫升。", 95.64),                 # full-width digits and slash
    ("经鉴定，被告人王某血液酒精含量为每百毫升128.25毫克。", 128.25),
    ("被检测时每100ml血液含乙醇246.015mg，属醉酒驾驶。", 246.02),
    ("杨某每100毫升血液中含有262.6毫克乙醇，属醉酒驾驶。", 262.6),
    ("血液中酒精含量为1.00mg乙醇/m1。", 100.0),                               # mg/ml with an OCR'd l
    ("检测出乙醇含量为120.llmg/lOOml，为醉酒后驾驶机动车。", 120.11),         # OCR: l for 1, O for 0
    ("血液酒精含量为325.35／100ml，属醉酒驾驶机动车。", 325.35),               # the unit's mg left out
    ("血液中的酒精含量为128、38mg／100ml。", 128.38),                          # 、 for the decimal point
])
def test_blood_alcohol_readings_as_real_judgments_write_them(phrase, value):
    assert found(phrase)["bac.mg_per_100ml"] == value


def test_the_blood_test_wins_over_the_breath_test_before_it():
    text = ("经呼气酒精测试仪检验，测得李某血液中乙醇浓度为118.4毫克／100毫升。后抽取血样送检。"
            "经鉴定，案发时李某血液中乙醇浓度为154.08毫克/100毫升。")
    elements = extract([CaseDocument("起诉书", "other", text)])
    assert elements["bac.mg_per_100ml"].value == 154.08 and elements["bac.method"].value == "blood"


def test_a_quoted_threshold_is_not_a_reading():
    assert "bac.mg_per_100ml" not in found("血液酒精含量达到80mg/100ml的，属于醉酒驾驶。")


def test_the_span_points_at_the_quote_in_the_original_text():
    text = "经检验张某甲血液酒精含量为95．64毫克／100毫升。"
    finding = extract([CaseDocument("起诉书", "other", text)])["bac.mg_per_100ml"]
    assert text[finding.start:finding.end] == finding.quote == "95．64毫克／100毫升"


def test_circumstances_of_an_accident_and_the_defendants_conduct():
    text = ("被告人醉酒后无证驾驶普通二轮摩托车，与李某驾驶的电动自行车发生交通事故致李某受伤。"
            "经认定，被告人负事故的全部责任。案发后被告人赔偿被害人经济损失并取得谅解。"
            "被告人到案后如实供述，自愿认罪认罚，签署了具结书。公诉机关建议判处被告人拘役三个月，并处罚金人民币五千元。")
    values = found(text)
    assert values["vehicle.kind"] == "摩托车"
    assert values["accident.occurred"] and values["accident.injury"]
    assert values["accident.responsibility"] == "全部"
    assert values["licence.none"] and values["forgiveness"] and values["compensation.paid"]
    assert values["confession.frank"] and values["plea.guilty"]
    assert (values["prosecution.term_months"], values["prosecution.fine"]) == (3, 5000)
    assert values["prosecution.probation"] is False


def test_no_forgiveness_is_not_read_as_forgiveness():
    assert "forgiveness" not in found("被告人未取得被害人谅解。")


def test_the_custody_measure_is_the_last_one_before_the_charge():
    text = "被告人王某，2015年12月17日因涉嫌犯危险驾驶罪被刑事拘留，2015年12月24日变更为取保候审。某检察院指控，"
    assert found(text)["custody.measure"] == "取保候审"


def test_only_the_fact_part_is_read():
    judgment = "经鉴定血液乙醇含量为150mg/100ml。本院认为，被告人犯危险驾驶罪，判处拘役二个月，并处罚金人民币四千元。"
    assert "本院认为" not in fact_part(judgment)
    assert "prosecution.term_months" not in found(judgment)


def test_a_quoted_rule_on_fleeing_is_not_a_flight():
    # a judgment quoting the traffic-accident interpretation, and a past administrative offence
    assert "accident.fled" not in found("（六）为逃避法律追究逃离事故现场的。根据以上规定，")
    assert "accident.fled" not in found("因造成交通事故后逃逸的违法行为于2017年5月4日被处罚。")
    assert found("事故发生后，被告人陈某某弃车逃逸。")["accident.fled"]
