# ruff: noqa: E501 -- judgment text; ruff counts each CJK character as two columns
"""The law of publishing (法释〔2016〕19号 arts 4, 6, 7) with worked examples: what is withheld, the placeholder, the
working days, the document's own date and kind, and the leak check."""

from datetime import date

import pytest

from omnicourt.deadlines.calculator import default_holidays
from omnicourt.errors import InvalidInput
from omnicourt.publication import rules
from omnicourt.publication.redaction import Category
from omnicourt.publication.rules import CaseFacts, Withheld


def facts(**changes) -> CaseFacts:
    base = {"type_code": "民初", "cause_code": "cont.contract.loan.private", "cause_name": "民间借贷纠纷",
            "closing_method": "judgment", "document_name": "判决书", "accepted_on": date(2024, 1, 5),
            "defendants_born": [date(1980, 1, 1)]}
    return CaseFacts(**(base | changes))


@pytest.mark.parametrize(("changes", "reasons"), [
    ({}, []),
    ({"closing_method": "mediation"}, [Withheld.MEDIATION]),
    ({"document_name": "调解书"}, [Withheld.MEDIATION]),
    ({"type_code": "民特", "cause_name": "申请司法确认调解协议"}, [Withheld.MEDIATION]),
    ({"type_code": "民特", "cause_name": "申请宣告失踪"}, []),
    ({"cause_code": "fam.marriage.divorce"}, [Withheld.DIVORCE_OR_CHILDREN]),
    ({"cause_code": "fam.marriage.child_support.fee"}, [Withheld.DIVORCE_OR_CHILDREN]),
    ({"cause_code": "fam.marriage.guardianship"}, [Withheld.DIVORCE_OR_CHILDREN]),
    ({"cause_code": "fam.inherit.statutory"}, []),  # succession is published, its parties masked (art. 8)
    ({"type_code": "刑初", "defendants_born": [date(2007, 1, 6)]}, [Withheld.JUVENILE_CRIME]),
    ({"type_code": "刑初", "defendants_born": [date(2006, 1, 5)]}, []),  # 18 on the day the case was accepted
])
def test_what_art_4_withholds(changes, reasons):
    assert rules.withheld_reasons(facts(**changes)) == reasons


def test_reasons_the_court_declares_come_first_and_once():
    assert rules.withheld_reasons(facts(closing_method="mediation"), [Withheld.STATE_SECRET, Withheld.MEDIATION]) \
        == [Withheld.STATE_SECRET, Withheld.MEDIATION]


def test_the_placeholder_shows_the_fields_configured():
    text = rules.placeholder(case_number="（2024）浙0106民初1号", court="杭州市西湖区人民法院", decided_on=date(2024, 5, 10),
                             reasons=[Withheld.DIVORCE_OR_CHILDREN])
    assert text.splitlines()[1:] == ["案号：（2024）浙0106民初1号", "审理法院：杭州市西湖区人民法院",
                                     "裁判日期：2024年5月10日", "不公开理由：离婚诉讼或者涉及未成年子女抚养、监护"]
    short = rules.placeholder(case_number="（2024）浙0106民初1号", court="杭州市西湖区人民法院",
                              decided_on=date(2024, 5, 10), reasons=[Withheld.STATE_SECRET], fields=("case_number",))
    assert short.splitlines()[1:] == ["案号：（2024）浙0106民初1号"]


@pytest.mark.parametrize(("effective_on", "due"), [
    (date(2024, 6, 3), date(2024, 6, 13)),  # a weekend and the Dragon Boat Festival's Monday 6-10 skipped
    (date(2024, 9, 30), date(2024, 10, 15)),  # National Day holidays skipped, the make-up Saturday 10-12 counted
    (date(2024, 5, 11), date(2024, 5, 21)),  # effect on a make-up Saturday: counting starts the day after
])
def test_art_7_counts_seven_working_days_after_effect(effective_on, due):
    assert rules.due_on(effective_on, default_holidays()) == due


def test_a_document_is_published_once_in_effect():
    rules.check_effective_on(date(2024, 5, 20), decided_on=date(2024, 5, 10), today=date(2024, 5, 20))
    with pytest.raises(InvalidInput) as refused:
        rules.check_effective_on(date(2024, 5, 21), decided_on=date(2024, 5, 10), today=date(2024, 5, 20))
    assert refused.value.field == "effective_on"
    with pytest.raises(InvalidInput):
        rules.check_effective_on(date(2024, 5, 9), decided_on=date(2024, 5, 10), today=date(2024, 5, 20))


def test_the_document_says_its_date_kind_and_category():
    assert rules.written_on("……\n审判员　赵六\n二〇二四年十二月三十一日\n书记员") == date(2024, 12, 31)
    assert rules.written_on("二〇一八年十月三十日 附：二〇二〇年二月三十日") == date(2018, 10, 30)  # no such day: the one before
    assert rules.written_on("没有日期") is None
    assert rules.document_name("某法院\n执 行 裁 定 书\n") == "裁定书" and rules.document_name("民事调解书") == "调解书"
    assert rules.category_of_text("某法院 刑事附带民事判决书 （2024）浙0106刑初1号") == Category.CRIMINAL
    assert rules.category_of_text("原告张三与被告李四赡养纠纷一案") == Category.FAMILY
    assert rules.category_of_text("原告张三与被告李四民间借贷纠纷一案") == Category.OTHER
    assert rules.category_of("刑终", "") == Category.CRIMINAL and rules.category_of("民初", "fam.inherit") == Category.FAMILY


def test_a_leak_is_named_and_numbers_are_compared_without_separators():
    items = rules.personal_items(role="原告", name="张三", masked=True, id_number="33010619850301123X",
                                 phone="13812345678", address="浙江省杭州市西湖区文三路100号")
    assert [item.what for item in items] == ["原告张某的姓名", "原告张某的身份证号码", "原告张某的电话",
                                             "原告张某的住址（街道门牌）"]
    assert rules.leaks("原告张某，电话138 1234 5678，住文三路 100 号", items) == ["原告张某的电话", "原告张某的住址（街道门牌）"]
    assert rules.leaks("原告张某，电话×", items) == []
    kept = rules.personal_items(role="被告", name="李四", masked=False, id_number=None, phone=None, address="杭州市西湖区")
    assert kept == []  # a name art. 11 keeps and a district are no leak
