"""A filing officer registers the procuratorate's indictment: a 刑初 case opens with the defendant and counsel, the
procedure by its rules and its deadline; the judge sees the assistant's suggestion beside the procuratorate's, the
defendant sees the indictment only. On SQLite and PostgreSQL (the `db` fixture)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from omnicourt.audit.models import AuditRecord
from omnicourt.cases.models import Case
from omnicourt.criminal import rules, service
from omnicourt.criminal.models import Indictment
from omnicourt.dossier.service import Upload
from omnicourt.errors import Forbidden, InvalidInput
from omnicourt.security import service as security
from omnicourt.security import verification
from tests.conftest import TODAY, actor_named
from tests.factories import id_number, register_party

INDICTMENT_TEXT = (
    "某某区人民检察院起诉书。被告人张某，男。2025年10月1日因涉嫌犯危险驾驶罪被某某分局取保候审。"
    "经依法审查查明：2025年9月30日22时许，被告人张某饮酒后驾驶浙A12345号小型轿车行驶至文三路时被民警查获。"
    "经鉴定，被告人张某血液中乙醇含量为236.4mg/100ml。被告人张某到案后如实供述，自愿认罪认罚，签署了认罪认罚具结书。"
)


def indictment(defendant_id: str, **overrides) -> service.IndictmentIn:
    data = dict(
        procuratorate="杭州市西湖区人民检察院", indictment_number="杭西检刑诉〔2025〕101号",
        indicted_on=TODAY - timedelta(days=2), charge="危险驾驶罪",
        defendant=service.PersonIn(name="张某", id_number=defendant_id, address="杭州市西湖区"),
        counsel=service.PersonIn(name="李律师", law_firm="某某律师事务所"), custody_measure="bail",
        guilty_plea=True, consents_fast_track=True,
        suggestion=rules.ProsecutionSentence("拘役", Decimal(2), Decimal(3000), True))
    return service.IndictmentIn(**(data | overrides))


def upload() -> Upload:
    return Upload("起诉书.txt", INDICTMENT_TEXT.encode())


def defendant_account(db, id_no: str):
    with db.transaction() as session:
        account = register_party(session, id_no=id_no)
        verification.record_check(session, account_id=account.id, person_confirmed=True,
                                  representative_confirmed=False)
        return security.actor_for(session, account)


def test_registering_an_indictment_opens_a_fast_track_criminal_case(db, settings):
    officer = actor_named(db, "demo-filing-officer")
    defendant_id = id_number()
    with db.transaction() as session:
        case = service.register(session, settings, actor=officer, data=indictment(defendant_id), upload=upload(),
                                today=TODAY)
        case_id = case.id
    with db.reading() as session:
        case = session.get(Case, case_id)
        assert case.type_code == "刑初" and "刑初" in case.case_number
        assert case.title == "张某危险驾驶案" and case.cause_name == "危险驾驶罪"
        assert case.procedure == "fast_track"
        assert case.deadline_on == TODAY + timedelta(days=10)  # 刑诉法 art. 225
        assert {(p.role, p.name) for p in case.parties} == {("defendant", "张某"), ("agent", "李律师")}
        row = session.scalar(select(Indictment).where(Indictment.case_id == case_id))
        assert row.guilty_plea and row.suggestion_months == Decimal(2) and "236.4" in row.text
        assert session.scalar(select(func.count()).select_from(AuditRecord).where(
            AuditRecord.action == "criminal.register", AuditRecord.object_id == str(case_id))) == 1

    judge = security_actor(db, case_id)
    with db.reading() as session:
        seen = service.view(session, actor=judge, case_id=case_id, today=TODAY)
    analysis = seen.assistant
    assert analysis.elements["bac.mg_per_100ml"].value == 236.4
    assert analysis.own.term_months == 3 and not analysis.own.probation   # 200–250 band; over 180: no probation
    assert analysis.sentence.term_months == 2                             # 认罪认罚: adopted (刑诉法 art. 201)
    assert any(d.startswith("拘役") for d in analysis.differences)
    assert any(d.startswith("缓刑") for d in analysis.differences)

    party = defendant_account(db, defendant_id)
    with db.reading() as session:
        seen = service.view(session, actor=party, case_id=case_id, today=TODAY)
    assert seen.assistant is None  # the court's internal work never reaches a party


def security_actor(db, case_id: int):
    with db.reading() as session:
        judge_id = session.get(Case, case_id).judge_id
        return security.actor_for(session, security.get_account(session, judge_id))


@pytest.mark.parametrize("overrides, field", [
    ({"defendant": service.PersonIn(name="张某", id_number="330106198001010000")}, "defendant.id_number"),
    ({"custody_measure": "jail"}, "custody_measure"),
    ({"charge": "不存在罪"}, "charge"),
    ({"suggestion": None}, "suggestion"),  # 认罪认罚 without a suggestion (刑诉法 art. 176)
    ({"procuratorate": " "}, "procuratorate"),
])
def test_a_bad_indictment_is_refused_naming_the_field_and_writes_nothing(db, settings, overrides, field):
    officer = actor_named(db, "demo-filing-officer")
    with db.reading() as session:
        before = session.scalar(select(func.count()).select_from(Case))
    with pytest.raises(InvalidInput) as error, db.transaction() as session:
        service.register(session, settings, actor=officer, data=indictment(id_number(), **overrides),
                         upload=upload(), today=TODAY)
    assert error.value.field == field
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == before


def test_only_a_filing_officer_registers_an_indictment(db, settings):
    judge = actor_named(db, "demo-judge")
    with pytest.raises(Forbidden), db.transaction() as session:
        service.register(session, settings, actor=judge, data=indictment(id_number()), upload=upload(), today=TODAY)


def test_an_arrested_defendant_who_does_not_plead_is_tried_in_simple_procedure(db, settings):
    officer = actor_named(db, "demo-filing-officer")
    data = indictment(id_number(), guilty_plea=False, consents_fast_track=False, suggestion=None,
                      custody_measure="arrest")
    with db.transaction() as session:
        case = service.register(session, settings, actor=officer, data=data, upload=upload(), today=TODAY)
        assert case.procedure == "simple" and case.deadline_on == TODAY + timedelta(days=20)  # art. 220
