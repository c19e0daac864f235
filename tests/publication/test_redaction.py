# ruff: noqa: E501 -- judgment text; ruff counts each CJK character as two columns
"""Publication's redaction (法释〔2016〕19号 arts 8–11): party blocks of many shapes, whom art. 8 masks in each kind of
case, what art. 10 deletes and art. 11 keeps, and zero leaks on a generated corpus while the law of the case
survives."""

from datetime import date

import pytest

from omnicourt.publication import redaction, rules
from omnicourt.publication.redaction import Category, art8_masking
from tests.publication.corpus import corpus

ON = date(2024, 5, 10)

# (party block, the name it introduces, the role, the birth date given)
PARTY_BLOCKS = [
    ("原告：张伟，男，1985年3月1日出生，汉族，住浙江省杭州市西湖区文三路1号。", "张伟", "原告", date(1985, 3, 1)),
    ("原告张伟，男，1985年3月1日生，住杭州市。", "张伟", "原告", date(1985, 3, 1)),
    ("上诉人（原审被告）：欧阳明华，男，1979年5月出生，住上城区。", "欧阳明华", "上诉人", date(1979, 5, 1)),
    ("被上诉人(原审原告):司马懿，男，汉族。", "司马懿", "被上诉人", None),
    ("被告人阿卜杜热合曼·买买提，男，1990年1月2日出生，维吾尔族。", "阿卜杜热合曼·买买提", "被告人", date(1990, 1, 2)),
    ("被害人：约翰·史密斯（John Smith），男，美国国籍。", "约翰·史密斯", "被害人", None),
    ("证人John Smith出庭作证。", "John Smith", "证人", None),
    ("原告：扎西顿珠，男，1970年1月1日出生，藏族。", "扎西顿珠", "原告", date(1970, 1, 1)),
    ("第三人：乌云其木格，女，2012年10月12日出生，蒙古族。", "乌云其木格", "第三人", date(2012, 10, 12)),
    ("法定代理人：高秀英（系原告之母），女，1962年9月16日出生。", "高秀英", "法定代理人", date(1962, 9, 16)),
    ("委托诉讼代理人：上官平，浙江天册律师事务所律师。", "上官平", "委托诉讼代理人", None),
    ("再审申请人（一审被告、二审上诉人）：诸葛亮亮，男，住某县。", "诸葛亮亮", "再审申请人", None),
]


@pytest.mark.parametrize(("block", "name", "role", "born"), PARTY_BLOCKS)
def test_each_party_block_gives_its_person_role_and_birth_date(block, name, role, born):
    found = redaction.people_in(block)
    assert [(p.name, role in p.roles, p.born) for p in found][:1] == [(name, True, born)]


def test_one_role_introducing_several_people_and_organisations_left_out():
    found = redaction.people_in("被告张三、李四和王五。被告浙江宏达贸易有限公司未付款。法定代表人：赵六，经理。")
    assert [(p.name, sorted(p.roles)) for p in found] == [
        ("张三", ["被告"]), ("李四", ["被告"]), ("王五", ["被告"]), ("赵六", ["法定代表人"])]


def test_two_people_alike_but_for_their_last_character_stay_two():
    found = redaction.people_in("法定代理人：高秀英（系其母），女。法定代表人：高秀兰，董事长。被害人孟玲联系，被害人孟玲通过")
    assert [p.name for p in found] == ["高秀英", "高秀兰", "孟玲"]



def test_a_name_followed_by_a_word_that_starts_like_a_boundary_is_the_name_its_party_block_gives():
    text = "被告：李四。\n原告张三与被告李四继承纠纷一案"
    assert [p.name for p in redaction.people_in(text)] == ["李四", "张三"]
    assert redaction.redact(text) == "被告：李某。\n原告张某与被告李某继承纠纷一案"

FAMILY = """民 事 判 决 书
原告：欧阳明华，女，1960年2月3日出生，住浙江省杭州市西湖区文三路100号3幢501室，公民身份号码33010619600203002X，联系电话13812345678。
委托诉讼代理人：王律，浙江天册律师事务所律师，执业证号13301201510123456。
被告：欧阳明亮，男，1963年4月5日出生，住杭州市上城区解放路8号。
第三人：欧阳小雨，女，2012年6月1日出生。
法定代理人：李芳（系第三人之母）。
原告欧阳明华与被告欧阳明亮、第三人欧阳小雨法定继承纠纷一案。被继承人欧阳建国于2020年1月1日死亡，遗有房屋一套。
依照《中华人民共和国民法典》第一千一百二十七条之规定，判决如下：房屋由原告欧阳明华继承，原告向被告支付折价款300000元。
二〇二四年五月十日
"""


def test_a_family_case_masks_its_parties_and_numbers_them_the_lawyer_keeps_name_and_licence():
    text = redaction.redact(FAMILY, masking=art8_masking(Category.FAMILY, on=ON))
    assert "原告：欧阳某甲，女，1960年2月3日出生，住浙江省杭州市西湖区，公民身份号码×，联系电话×" in text
    assert "被告：欧阳某乙，男" in text and "第三人：欧阳某丙，女，2012年6月1日出生" in text
    assert "法定代理人：李某（系第三人之母）" in text
    assert "委托诉讼代理人：王律，浙江天册律师事务所律师，执业证号13301201510123456" in text
    for kept in ("《中华人民共和国民法典》第一千一百二十七条", "300000元", "2020年1月1日", "法定继承纠纷一案"):
        assert kept in text


LOAN = """原告：张伟芳，女，1985年3月1日出生，住浙江省杭州市西湖区文三路100号，电话13812345678，电子邮箱zhang@example.com。
被告：浙江宏达贸易有限公司，住所地杭州市西湖区天目山路1号，统一社会信用代码913301067042164569。法定代表人：赵强。
被告：王小明，男，2010年1月1日出生。法定代理人：王大明（系被告之父）。
证人李雷出庭作证。原告通过账号6222021234567890123向被告转账，被告驾驶浙A12345号车辆还款。
二〇二四年五月十日"""


def test_a_loan_case_keeps_adult_parties_and_witnesses_and_masks_the_minor_and_their_representative():
    """Art. 8 lists no one of a loan case but minors and legal representatives; art. 11 keeps the rest."""
    text = redaction.redact(LOAN, masking=art8_masking(Category.OTHER, on=ON))
    assert text.startswith("原告：张伟芳，女，1985年3月1日出生，住浙江省杭州市西湖区，电话×，电子邮箱×。")
    assert "统一社会信用代码913301067042164569" in text and "法定代表人：赵强" in text
    assert "被告：王某甲，男，2010年1月1日出生。法定代理人：王某乙（系被告之父）" in text
    assert "证人李雷出庭作证" in text and "账号×向被告转账" in text and "驾驶×号车辆" in text


CRIMINAL = """刑 事 判 决 书
被告人郭娟，女，1951年3月11日出生，住浙江省宁波市海曙区人民大道140号。
辩护人：徐超，上海锦天城律师事务所律师。
被告人郭娟驾驶车辆致程紫雪受伤。被害人田梓萱报案，证人斯琴高娃的证言、鉴定人宋明的鉴定意见、附带民事诉讼原告人Anna Ivanova的陈述证实。
二〇二四年二月二十七日"""


def test_a_criminal_case_masks_victims_witnesses_and_experts_and_keeps_the_defendant_and_counsel():
    text = redaction.redact(CRIMINAL, masking=art8_masking(rules.category_of_text(CRIMINAL), on=ON))
    assert "被告人郭娟，女，1951年3月11日出生，住浙江省宁波市海曙区。" in text and "辩护人：徐超" in text
    assert "致程某受伤" in text and "被害人田某报案" in text and "证人斯某的证言" in text
    assert "鉴定人宋某" in text and "附带民事诉讼原告人A的陈述" in text


def test_the_case_base_masks_everyone_it_finds():
    text = redaction.redact(LOAN)
    assert "原告：张某" in text and "证人李某" in text and "法定代表人：赵某" in text


def test_minority_and_foreign_names_mask_to_their_first_character():
    for name, masked in (("阿卜杜热合曼·买买提", "阿某"), ("扎西顿珠", "扎某"), ("乌云其木格", "乌某"),
                         ("约翰·史密斯", "约某"), ("Maria Garcia", "M"), ("诸葛亮亮", "诸葛某")):
        assert redaction.mask(name) == masked


def test_minors_are_told_by_the_document_date():
    assert redaction.is_minor(date(2006, 5, 11), ON) and not redaction.is_minor(date(2006, 5, 10), ON)
    assert not redaction.is_minor(None, ON) and not redaction.is_minor(date(2010, 1, 1), None)


def test_street_of_a_home_is_what_follows_the_county():
    assert redaction.home_street("浙江省杭州市西湖区文三路100号3幢") == "文三路100号3幢"
    assert redaction.home_street("新疆维吾尔自治区乌鲁木齐市天山区解放北路1号") == "解放北路1号"
    assert redaction.home_street("湖南省长沙县") == ""


def test_zero_leaks_on_the_generated_corpus_and_the_law_of_each_case_survives():
    """1,200 judgments (loan, succession and criminal by turns), each with compound surnames, minority and foreign
    names, 18-digit ID numbers (many ending in X), mobiles and landlines, spaced and unspaced bank accounts, plates,
    e-mails and street addresses; nothing of what art. 8 masks or art. 10 deletes may show."""
    leaks, lost = [], []
    for number, document in enumerate(corpus(1200)):
        masking = art8_masking(rules.category_of_text(document.text), on=rules.written_on(document.text))
        assert rules.category_of_text(document.text) == document.category
        text = redaction.redact(document.text, masking=masking)
        leaks += [(number, item) for item in document.masked + document.deleted if item in text]
        lost += [(number, item) for item in document.kept if item not in text]
    assert leaks == [] and lost == []
