"""The draft's procedure history comes from the case's own hearing records, on every backend: no hearing recorded,
no hearing stated; a recorded hearing states who attended and who, summoned, did not."""

import pytest
from sqlalchemy import select

from omnicourt.assistant import service
from omnicourt.audit.models import AuditRecord
from omnicourt.cases import service as cases
from omnicourt.cases.models import TimelineEvent
from omnicourt.errors import InvalidInput
from tests.app.conftest import bearer, username_of
from tests.assistant.samples import loan_case
from tests.assistant.test_service import TODAY, analyse, docx_text, settle_everything
from tests.conftest import TODAY as ACCEPTED_ON


def drafted(db, settings):
    case = loan_case(db, settings)
    analyse(db, settings, case)
    settle_everything(db, case)
    return case


def history(db, case) -> str:
    with db.transaction() as session:
        text = docx_text(service.draft(session, actor=case.judge, case_id=case.id, today=TODAY))
    return next(line for line in text.splitlines() if "金融借款合同纠纷一案" in line)


def hold(db, case, **attendance):
    with db.transaction() as session:
        cases.hold_hearing(session, actor=case.judge, case_id=case.id, held_on=ACCEPTED_ON, summary="",
                           attendance=cases.attendance_of(**attendance) if attendance else None)


def test_no_hearing_recorded_no_hearing_stated(db, settings):
    case = drafted(db, settings)
    text = history(db, case)
    assert "【待法官补充：开庭情况】" in text
    assert "开庭进行了审理" not in text and "到庭" not in text and "传票传唤" not in text


def test_a_hearing_recorded_without_attendance_states_the_hearing_only(db, settings):
    case = drafted(db, settings)
    hold(db, case)
    text = history(db, case)
    assert "公开开庭进行了审理。【待法官补充：到庭情况】。" in text and "到庭参加诉讼" not in text


def test_a_recorded_default_is_stated_and_cited(db, settings):
    case = drafted(db, settings)
    hold(db, case, present=["张三"], absent=["李四"])
    text = history(db, case)
    assert "到庭参加诉讼，被告李四经本院传票传唤，无正当理由拒不到庭参加诉讼。" in text
    with db.transaction() as session:
        whole = docx_text(service.draft(session, actor=case.judge, case_id=case.id, today=TODAY))
    assert "《中华人民共和国民事诉讼法》第一百四十七条" in whole
    with db.reading() as session:
        audited = session.scalar(select(AuditRecord).where(AuditRecord.action == "case.hold_hearing")
                                 .order_by(AuditRecord.id.desc()).limit(1))
    assert (audited.details["present"], audited.details["absent"]) == (["张三"], ["李四"])


def test_a_defendant_who_came_to_a_later_hearing_attended(db, settings):
    case = drafted(db, settings)
    hold(db, case, present=["张三"], absent=["李四"])
    hold(db, case, present=["张三", "李四"], online=True)
    text = history(db, case)
    assert "被告李四到庭参加诉讼" in text and "拒不到庭" not in text


def test_attendance_names_only_the_cases_parties_and_bad_input_writes_nothing(db, settings):
    case = drafted(db, settings)
    with db.reading() as session:
        before = session.scalars(select(TimelineEvent.id).where(TimelineEvent.case_id == case.id)).all()
    for attendance, field in ((dict(present=["王二"]), "present"), (dict(present=["李四"], absent=["李四"]), "absent"),
                              (dict(present=["张三"] * 51), "present")):
        with pytest.raises(InvalidInput) as refused, db.transaction() as session:
            cases.hold_hearing(session, actor=case.judge, case_id=case.id, held_on=ACCEPTED_ON, summary="",
                               attendance=cases.attendance_of(**attendance))
        assert refused.value.field == field and refused.value.message
    with db.reading() as session:
        assert session.scalars(select(TimelineEvent.id).where(TimelineEvent.case_id == case.id)).all() == before


def test_the_api_records_attendance(client, db, settings):
    case = drafted(db, settings)
    judge = bearer(client, username_of(db, case.judge.id))
    recorded = client.post(f"/api/v1/cases/{case.id}/hearings", headers=judge,
                           json={"held_on": ACCEPTED_ON.isoformat(), "present": ["张三"], "absent": ["李四"],
                                 "summoned_by_notice": True})
    assert recorded.status_code == 200, recorded.text
    assert "被告李四经本院公告送达开庭传票" in history(db, case)
    refused = client.post(f"/api/v1/cases/{case.id}/hearings", headers=judge,
                          json={"held_on": ACCEPTED_ON.isoformat(), "present": ["x" * 200]})
    assert refused.status_code == 422


def test_the_case_page_records_attendance(client, db, settings):
    case = drafted(db, settings)
    judge = bearer(client, username_of(db, case.judge.id))
    page = client.get(f"/bench/cases/{case.id}", headers=judge).text
    assert 'name="present" value="李四"' in page and 'name="absent" value="李四"' in page
    posted = client.post(f"/bench/cases/{case.id}/hearings", headers=judge, follow_redirects=False,
                         data={"held_on": ACCEPTED_ON.isoformat(), "present": ["张三", "李四"], "online": "true"})
    assert posted.status_code in (303, 200), posted.text
    with db.reading() as session:
        event = session.scalar(select(TimelineEvent).where(TimelineEvent.case_id == case.id,
                                                           TimelineEvent.kind == "hearing_held"))
    assert (event.details["present"], event.details["absent"], event.details["online"]) == (["张三", "李四"], [],
                                                                                             True)
    assert "被告李四在线到庭参加诉讼" in history(db, case)
