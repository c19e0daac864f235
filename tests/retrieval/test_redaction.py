# ruff: noqa: E501 -- judgment text; ruff counts each CJK character as two columns
"""De-identification of the case base (court-rules-2.md §6, 法释〔2016〕19号 arts 9–11): the rules on a corpus of varied
people and identifiers, and what search returns after import: no name, number, plate or street address of a natural
person; amounts, dates, statutes and organisations intact."""

import json
import uuid

from sqlalchemy import select

from omnicourt.cases import service as cases
from omnicourt.cases.models import Case
from omnicourt.db import utcnow
from omnicourt.publication import redaction
from omnicourt.retrieval import casebase, sections, service, synthetic
from omnicourt.retrieval.importer import import_lines
from omnicourt.retrieval.models import Judgment
from tests.conftest import TODAY, actor_named
from tests.retrieval.conftest import loan_case

# (the person, how art. 9 masks them) — compound surnames, minority names with ·, foreign names in Chinese and Latin.
PEOPLE = {
    "张伟芳": "张某", "欧阳明华": "欧阳某", "司马懿": "司马某", "诸葛亮亮": "诸葛某", "阿卜杜拉·买买提": "阿某",
    "热依拉·艾力": "热某", "约翰·史密斯": "约某", "John Smith": "J", "于海涛": "于某", "向东": "向某", "明珠": "明某",
    "王承恩": "王某", "刘经纬": "刘某", "陈应龙": "陈某",
}
IDENTIFIERS = ("330106198503011234", "33010619850301123X", "330106850301123", "13812345678", "138-1234-5678",
               "0571-87654321", "6222021234567890123", "6222 0212 3456 7890", "浙A12345", "浙A·D1234", "沪B9X88Z",
               "文三路100号3幢2单元501室", "解放路8号")
JUDGMENT = """浙江省杭州市西湖区人民法院
民 事 判 决 书
（2024）浙0106民初8888号
原告：张伟芳，女，1985年3月1日出生，汉族，住浙江省杭州市西湖区文三路100号3幢2单元501室，公民身份号码330106198503011234，联系电话13812345678。
被告：欧阳明华，男，1979年5月6日出生，汉族，住杭州市上城区解放路8号，身份证号码33010619850301123X，电话138-1234-5678。
被告：司马懿，男，住所地不详，公民身份号码330106850301123。
第三人：浙江宏达贸易有限公司，住所地杭州市西湖区天目山路1号。法定代表人诸葛亮亮，该公司经理。
委托诉讼代理人：阿卜杜拉·买买提，浙江某律师事务所律师。
原告张伟芳与被告欧阳明华、司马懿民间借贷纠纷一案，本院于2024年3月1日立案后，依法适用简易程序，公开开庭进行了审理。本案现已审理终结。
原告张伟芳向本院提出诉讼请求：1.判令被告欧阳明华归还借款本金100000元及逾期利息；2.判令被告司马懿承担连带清偿责任。
被告欧阳明华辩称，借款已部分归还。
本院经审理认定事实如下：2022年1月5日，被告欧阳明华向原告张伟芳借款100000元，约定月利率1%，原告通过中国工商银行账号6222021234567890123转账交付，
被告司马懿在借条上以保证人身份签字。证人热依拉·艾力出庭作证，证人约翰·史密斯亦出具书面证言。被害人John Smith未到庭。
欧阳明华驾驶浙A12345号小型轿车、司马懿驾驶浙A·D1234号车辆前往还款，另有沪B9X88Z号车辆在场。
张伟芳的另一账户为6222 0212 3456 7890，联系电话0571-87654321。案外人于海涛、向东、明珠均知情。原告向本院申请财产保全。
证人王承恩、刘经纬到庭。证人陈应龙于2022年2月1日出具证明。
本院认为，合法的借贷关系受法律保护。依照《中华人民共和国民法典》第六百七十五条、第六百八十八条之规定，判决如下：
一、被告欧阳明华于本判决生效之日起十日内归还原告张伟芳借款本金100000元；
二、驳回原告张伟芳的其他诉讼请求。
案件受理费2300元，由被告欧阳明华负担。
审判员　赵六
二〇二四年五月十日
"""


def leaks(text: str) -> list[str]:
    """What of the people and identifiers above the text still shows (a masked form never contains a whole name)."""
    return [item for item in (*PEOPLE, *IDENTIFIERS) if item in text]


def test_names_are_masked_as_publication_masks_them():
    text = redaction.redact(JUDGMENT)
    assert leaks(text) == []
    for person, masked in PEOPLE.items():
        assert redaction.mask(person) == masked
    assert "原告：张某，女" in text and "被告：欧阳某，男" in text and "被告：司马某" in text
    assert "委托诉讼代理人：阿某，" in text and "证人热某出庭" in text and "被害人J未到庭" in text
    assert "案外人于某、向某、明某均知情" in text


def test_numbers_plates_and_street_addresses_are_deleted_the_district_stays():
    text = redaction.redact(JUDGMENT)
    assert "住浙江省杭州市西湖区，公民身份号码×，联系电话×" in text
    assert "住杭州市上城区，身份证号码×" in text
    assert "驾驶×号小型轿车" in text and "账号×转账" in text


def test_legal_content_and_organisations_survive():
    text = redaction.redact(JUDGMENT)
    for kept in ("（2024）浙0106民初8888号", "浙江省杭州市西湖区人民法院", "浙江宏达贸易有限公司", "住所地杭州市西湖区天目山路1号",
                 "2022年1月5日", "100000元", "月利率1%", "《中华人民共和国民法典》第六百七十五条、第六百八十八条",
                 "民间借贷纠纷一案", "案件受理费2300元", "二〇二四年五月十日", "审判员　赵六", "原告向本院申请财产保全",
                 "1985年3月1日出生"):
        assert kept in text, kept


def test_people_masked_alike_are_numbered_and_known_names_masked_everywhere():
    text = redaction.redact("原告张三与被告张四签订合同。张三付款后，张四未交货。李雷作为介绍人在场。", people=["李雷"])
    assert text == "原告张某甲与被告张某乙签订合同。张某甲付款后，张某乙未交货。李某作为介绍人在场。"
    assert redaction.redact_together("被告人Tom Lee与被告人Tim Lo", "Tom Lee盗窃案") == ["被告人T1与被告人T2", "T1盗窃案"]


def test_a_person_going_to_an_organisation_is_still_a_person():
    assert redaction.redact("被告人张三到派出所投案。被告李四所欠款项。被告浙江宏达贸易有限公司未付款。") == \
        "被告人张某到派出所投案。被告李某所欠款项。被告浙江宏达贸易有限公司未付款。"


def test_a_name_followed_by_different_words_is_found_whole():
    text = redaction.redact("与被害人孟玲联系，骗取被害人孟玲通过银行转账支付。以原告严重违反规章制度为由解除。")
    assert text == "与被害人孟某联系，骗取被害人孟某通过银行转账支付。以原告严重违反规章制度为由解除。"


def test_no_party_of_the_generated_judgments_is_left_by_the_role_rules_alone():
    for number in range(300):
        document = synthetic.demo_document(7, number)
        text = redaction.redact(document["text"])  # without the generator's list of the people it named
        assert [person for person in document["people"] if person in text] == [], number


def test_words_after_a_role_are_not_taken_for_names():
    text = "被害人陈述其手机被盗。被告人明知其醉酒。原告申请保全。被告人陆续还款。被告于2020年向原告借款。被告方认为无责。"
    assert redaction.redact(text) == text


def test_search_returns_only_de_identified_text(db, index):
    tag = uuid.uuid4().hex
    title = "张伟芳与欧阳明华、司马懿民间借贷纠纷一审民事判决书"
    line = json.dumps({"text": JUDGMENT, "id": tag, "title": title, "people": ["于海涛"]}, ensure_ascii=False)
    assert import_lines(db, index, [line]).imported == 1
    judge = actor_named(db, "demo-judge")
    with db.reading() as session:
        found = service.search(session, index, actor=judge, query="借款 保证人 证人 驾驶 账号 车辆 联系电话")
        stored = session.scalars(select(Judgment).where(Judgment.external_id == tag)).one()
    assert found and found[0].judgment.id == stored.id
    shown = " ".join([*found[0].highlights, stored.title, stored.full_text, stored.facts])
    assert leaks(shown.replace("<mark>", "").replace("</mark>", "")) == []
    assert stored.title == "张某与欧阳某、司马某民间借贷纠纷一审民事判决书"
    assert "100000元" in stored.facts and stored.cause == "民间借贷纠纷"


def test_redacting_twice_changes_nothing():
    once = redaction.redact(JUDGMENT)
    assert redaction.redact(once) == once


def test_rebuilding_the_index_de_identifies_rows_stored_before(db, index):
    spans = sections.split(JUDGMENT)
    with db.transaction() as session:
        row = Judgment(source="import", external_id=uuid.uuid4().hex, full_text=JUDGMENT,
                       facts=sections.section_text(JUDGMENT, spans, "facts"), title="张伟芳诉欧阳明华民间借贷纠纷",
                       sections={k: [s.start, s.end] for k, s in spans.items()}, cause="民间借贷纠纷", year=2024,
                       meta={"criminals": ["欧阳明华"]}, imported_at=utcnow())
        session.add(row)
        session.flush()
        row_id = row.id
    casebase.reindex(db, index)
    with db.reading() as session:
        stored = session.get(Judgment, row_id)
        found = service.search(session, index, actor=actor_named(db, "demo-judge"), query="保证人 证人 驾驶 账号")
        start, end = stored.sections["reasoning"]
        assert stored.full_text[start:end].startswith("本院认为")
        assert (stored.title, stored.meta["criminals"]) == ("张某诉欧阳某民间借贷纠纷", ["欧阳某"])
        assert leaks(" ".join([stored.full_text, stored.facts, *(p for r in found for p in r.highlights)])) == []
        assert row_id in [r.judgment.id for r in found]
        before = (stored.full_text, stored.facts, stored.sections)
    casebase.deidentify(stored)
    assert (stored.full_text, stored.facts, stored.sections) == before


def test_a_closed_platform_case_enters_de_identified_and_opens_only_for_those_who_may(db, settings, index):
    facts = f"被告王承恩（电话13912345678）向原告借款五万元，证人刘经纬在场，约定三个月归还，到期未还。编号{uuid.uuid4().hex[:6]}"
    case_id, judge = loan_case(db, settings, facts=facts)
    with db.transaction() as session:
        cases.close_case(session, actor=judge, case_id=case_id, method="judgment", closed_on=TODAY, today=TODAY)
        plaintiff = session.get(Case, case_id).parties[0].name
    casebase.sync(db, index)
    with db.reading() as session:
        mine = service.search(session, index, actor=judge, query="借款 证人 电话")
        theirs = service.search(session, index, actor=actor_named(db, "c2-president"), query="借款 证人 电话")
        stored = session.scalars(select(Judgment).where(Judgment.case_id == case_id)).one()
    shown = " ".join([stored.title, stored.full_text, *(p for r in mine for p in r.highlights)])
    assert "王承恩" not in shown and "刘经纬" not in shown and "13912345678" not in shown and plaintiff not in shown
    assert "被告王某（电话×）" in stored.facts and "五万元" in stored.facts
    assert [r.openable for r in mine if r.judgment.id == stored.id] == [True]
    assert [r.openable for r in theirs if r.judgment.id == stored.id] == [False]
