"""The section splitter on the standard forms (court-rules.md §5.2) and their variants."""

import re

from hypothesis import given
from hypothesis import strategies as st

from omnicourt.retrieval.sections import facts_of, section_text, split
from tests.retrieval.samples import ADMINISTRATIVE, CIVIL, CRIMINAL, SECOND_INSTANCE


def starts(text: str, kind: str) -> str:
    return section_text(text, split(text), kind)


def test_a_civil_judgment_has_every_section_in_order():
    spans = split(CIVIL)
    assert list(spans) == ["title", "parties", "procedure_history", "claims", "defence", "facts", "reasoning",
                           "legal_basis", "operative", "delay_notice", "fee", "appeal_notice", "signature"]
    assert starts(CIVIL, "title").startswith("浙江省杭州市上城区人民法院")
    assert section_text(CIVIL, spans, "title").endswith("（2024）浙0102民初1234号")
    assert starts(CIVIL, "parties").startswith("原告：中国工商银行股份有")
    assert starts(CIVIL, "claims").startswith("原告工商银行向本院提出诉讼")
    assert starts(CIVIL, "defence").startswith("被告张三未答辩亦未对原告的")
    assert starts(CIVIL, "facts").startswith("本院经审理认定事实如下：20")
    assert starts(CIVIL, "reasoning").startswith("本院认为，原告与被告之间的")
    assert starts(CIVIL, "legal_basis").startswith("依照《中华人民共和国民法典")
    assert section_text(CIVIL, spans, "legal_basis").endswith("之规定，")
    assert starts(CIVIL, "operative").startswith("判决如下：\n一、被告张三于")
    assert starts(CIVIL, "delay_notice").startswith("如果未按本判决指定的期间履")
    assert starts(CIVIL, "fee").startswith("案件受理费2300元，减半收")
    assert starts(CIVIL, "appeal_notice").startswith("如不服本判决，可以在判决书")
    assert section_text(CIVIL, spans, "signature").startswith("审判员　赵六")


def test_sections_tile_the_text_after_the_title():
    spans = list(split(CIVIL).values())
    assert spans[0].start == 0 and spans[-1].end == len(CIVIL)
    assert all(a.end == b.start for a, b in zip(spans, spans[1:], strict=False))


def test_a_criminal_judgment_puts_the_charge_where_the_claims_are():
    spans = split(CRIMINAL)
    assert starts(CRIMINAL, "claims").startswith("公诉机关指控：2023年4月")
    assert starts(CRIMINAL, "defence").startswith("被告人李四对指控的事实、罪")
    assert starts(CRIMINAL, "facts").startswith("经审理查明的事实、证据与公")
    assert starts(CRIMINAL, "operative").startswith("判决如下")
    assert "fee" not in spans and "delay_notice" not in spans
    assert "procedure_history" in spans and starts(CRIMINAL, "procedure_history").startswith("杭州市西湖区人民检察院以")


def test_an_administrative_judgment():
    assert starts(ADMINISTRATIVE, "claims").startswith("原告王五诉称，被告作出的行")
    assert starts(ADMINISTRATIVE, "defence").startswith("被告辩称，被诉行政处罚决定")
    assert starts(ADMINISTRATIVE, "facts").startswith("经审理查明：2022年12月")
    assert starts(ADMINISTRATIVE, "fee").startswith("案件受理费50元，由原告王")
    assert section_text(ADMINISTRATIVE, split(ADMINISTRATIVE), "signature") == "审判长　周九"


def test_a_second_instance_judgment_takes_the_first_instance_facts_and_its_own_reasoning():
    assert starts(SECOND_INSTANCE, "claims").startswith("上诉人张三上诉请求：撤销一")
    assert starts(SECOND_INSTANCE, "defence").startswith("被上诉人某银行辩称，一审判")
    assert starts(SECOND_INSTANCE, "facts").startswith("一审法院认定事实：2021年")
    assert starts(SECOND_INSTANCE, "reasoning").startswith("本院认为，上诉人的上诉理由")
    assert starts(SECOND_INSTANCE, "operative").startswith("判决如下：\n驳回上诉，维持原")
    assert starts(SECOND_INSTANCE, "appeal_notice").startswith("本判决为终审判决。")


def test_flattened_text_without_line_breaks_still_splits():
    flat = CIVIL.replace("\n", "")
    spans = split(flat)
    assert {"facts", "reasoning", "legal_basis", "operative", "fee", "appeal_notice", "signature"} <= set(spans)
    assert section_text(flat, spans, "signature").startswith("审判员　赵六")


def test_the_fee_before_the_delay_warning_is_found_too():
    fee = "案件受理费2300元，减半收取1150元，由被告张三负担。\n"
    warning = re.search(r"如果未按本判决.*?债务利息。\n", CIVIL).group()
    swapped = CIVIL.replace(warning + fee, fee + warning)
    assert swapped != CIVIL
    assert starts(swapped, "fee").startswith("案件受理费2300元，减半收")
    assert starts(swapped, "delay_notice").startswith("如果未按本判决指定的期间履")
    assert split(swapped)["fee"].start < split(swapped)["delay_notice"].start


def test_a_heading_word_inside_an_earlier_section_is_not_a_section():
    # "依照合同约定" in the claims and "被告未到庭" in the reasoning must not move the sections.
    text = CIVIL.replace("事实和理由：被告向原告借款，到期未还。", "事实和理由：依照《借款合同》约定，被告应按期还款。")
    text = text.replace("构成违约，", "构成违约，被告经传唤未到庭，")
    assert starts(text, "legal_basis").startswith("依照《中华人民共和国民法典")
    assert starts(text, "defence").startswith("被告张三未答辩亦未对原告的")


def test_facts_of_returns_the_facts_only():
    assert facts_of(CIVIL).startswith("本院经审理认定事实如下") and "本院认为" not in facts_of(CIVIL)
    assert facts_of("一段没有任何裁判文书结构的文字。") == ""


@given(st.text(alphabet="本院认为查明判决如下依照《》第条原告被告诉称辩称。\n受理费如不服审判员一案 ", max_size=300))
def test_spans_are_ordered_disjoint_and_inside_the_text(text):
    spans = sorted(split(text).values(), key=lambda s: s.start)
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
