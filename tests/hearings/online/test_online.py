"""One-time codes, joining, attendance, the live record and its signatures, on SQLite and PostgreSQL."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import Volume
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput, TooManyRequests
from omnicourt.hearings.online import service as online
from omnicourt.hearings.online.models import OnlineAttendance, OnlineRecord
from omnicourt.hearings.online.rules import Attendance
from omnicourt.security import one_time_codes
from omnicourt.security.models import OneTimeCode
from tests.hearings.online.conftest import online_world, proof


@pytest.fixture
def hearing(db, settings):
    return online_world(db, settings)


def test_a_code_is_hashed_single_use_and_expires(db, settings, texts, hearing):
    w, _, start = hearing
    with db.transaction() as session:
        row = one_time_codes.issue(session, settings, account_id=w.plaintiff.id, purpose="online_hearing", now=start)
        code_id, stored = row.id, row.code_hash
    code = re.search(r"验证码(\d{6})", texts[-1][1]).group(1)
    assert code not in stored and len(stored) == 64 and texts[-1][0] == "13900000001"
    late = start + timedelta(minutes=5)
    with db.transaction() as session, pytest.raises(InvalidInput, match="失效"):
        one_time_codes.verify(session, account_id=w.plaintiff.id, code_id=code_id, code=code, now=late)
    with db.transaction() as session:
        one_time_codes.verify(session, account_id=w.plaintiff.id, code_id=code_id, code=code, now=start)
    with db.transaction() as session, pytest.raises(InvalidInput):
        one_time_codes.verify(session, account_id=w.plaintiff.id, code_id=code_id, code=code, now=start)
    with db.transaction() as session:
        one_time_codes.consume(session, account_id=w.plaintiff.id, proof_id=code_id, purpose="online_hearing",
                               now=start)
    with db.transaction() as session, pytest.raises(Conflict, match="重新核验"):
        one_time_codes.consume(session, account_id=w.plaintiff.id, proof_id=code_id, purpose="online_hearing",
                               now=start)


def test_five_wrong_tries_spend_a_code_and_the_account_is_rate_limited(db, settings, texts, hearing):
    w, _, start = hearing
    with db.transaction() as session:
        code_id = one_time_codes.issue(session, settings, account_id=w.defendant.id, purpose="online_hearing",
                                       now=start).id
    code = re.search(r"验证码(\d{6})", texts[-1][1]).group(1)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for left in (4, 3, 2, 1, 0):
        with db.transaction() as session:
            row = one_time_codes.verify(session, account_id=w.defendant.id, code_id=code_id, code=wrong, now=start)
            refusal = one_time_codes.refused(row)
        assert refusal is not None
        assert (f"还可尝试{left}次" if left else "重新获取") in refusal.message
    with db.transaction() as session, pytest.raises(InvalidInput):  # even the right code, now
        one_time_codes.verify(session, account_id=w.defendant.id, code_id=code_id, code=code, now=start)
    for _ in range(one_time_codes.CODES_PER_WINDOW - 1):
        with db.transaction() as session:
            one_time_codes.issue(session, settings, account_id=w.defendant.id, purpose="online_hearing", now=start)
    with db.transaction() as session, pytest.raises(TooManyRequests):
        one_time_codes.issue(session, settings, account_id=w.defendant.id, purpose="online_hearing", now=start)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(OneTimeCode)
                              .where(OneTimeCode.account_id == w.defendant.id)) == one_time_codes.CODES_PER_WINDOW


def test_participants_join_with_a_fresh_code_and_lateness_is_recorded(db, settings, texts, hearing):
    w, hearing_id, start = hearing
    with db.transaction() as session, pytest.raises(Conflict, match="重新核验"):
        online.join(session, settings, actor=w.plaintiff, hearing_id=hearing_id, proof_id=None, now=start)
    with db.transaction() as session, pytest.raises(Concealed):
        online.join(session, settings, actor=w.stranger, hearing_id=hearing_id, proof_id=None, now=start)
    late = start + timedelta(minutes=12)
    ticket = proof(db, settings, texts, w.plaintiff, "online_hearing", late)
    with db.transaction() as session:
        joined = online.join(session, settings, actor=w.plaintiff, hearing_id=hearing_id, proof_id=ticket, now=late)
    assert joined.late_minutes == 12 and joined.link.startswith(settings.video_base_url)
    ticket = proof(db, settings, texts, w.clerk, "online_hearing", start)
    with db.transaction() as session:
        online.join(session, settings, actor=w.clerk, hearing_id=hearing_id, proof_id=ticket, now=start)
        online.leave(session, actor=w.plaintiff, hearing_id=hearing_id, now=late + timedelta(minutes=30))
    with db.reading() as session:
        lines = {line.role: line for line in online.attendance(session, actor=w.judge, hearing_id=hearing_id)}
        seen_by_party = online.attendance(session, actor=w.defendant, hearing_id=hearing_id)
    # the plaintiff's account is the filing's agent row (tests/hearings/conftest.py): it attends as the agent
    assert lines["agent"].status == Attendance.LEFT and lines["agent"].late_minutes == 12
    assert lines["plaintiff"].status == Attendance.EXPECTED
    assert lines["clerk"].status == Attendance.JOINED and lines["clerk"].late_minutes == 0
    assert all(line.proposal is None for line in seen_by_party)


def test_the_clerk_marks_absence_and_the_judge_is_proposed_art_25_consequences(db, settings, texts, hearing):
    w, hearing_id, start = hearing
    with db.reading() as session:
        ids = {line.role: line.participant_id for line in online.attendance(session, actor=w.clerk,
                                                                             hearing_id=hearing_id)}
    with db.transaction() as session, pytest.raises(Forbidden):
        online.mark(session, actor=w.plaintiff, hearing_id=hearing_id, participant_id=ids["defendant"],
                    status="absent", valid_reason=False, note="", now=start)
    with db.transaction() as session:
        online.mark(session, actor=w.clerk, hearing_id=hearing_id, participant_id=ids["defendant"],
                    status="absent", valid_reason=False, note="经传票传唤未入庭", now=start)
        online.mark(session, actor=w.clerk, hearing_id=hearing_id, participant_id=ids["agent"], status="absent",
                    valid_reason=True, note="网络故障", now=start)
    with db.transaction() as session, pytest.raises(Conflict, match="未曾入庭"):
        online.mark(session, actor=w.clerk, hearing_id=hearing_id, participant_id=ids["plaintiff"],
                    status="departed", valid_reason=False, note="", now=start)
    with db.reading() as session:
        proposals = {line.role: line.proposal for line in online.attendance(session, actor=w.judge,
                                                                             hearing_id=hearing_id)}
    assert proposals["defendant"].measure == "缺席判决" and "第147条" in proposals["defendant"].basis
    assert proposals["agent"] is None and proposals["plaintiff"] is None


def test_the_record_is_written_live_closed_signed_refused_and_filed(db, settings, texts, hearing):
    w, hearing_id, start = hearing
    for actor in (w.plaintiff, w.defendant, w.clerk):
        ticket = proof(db, settings, texts, actor, "online_hearing", start)
        with db.transaction() as session:
            online.join(session, settings, actor=actor, hearing_id=hearing_id, proof_id=ticket, now=start)
    with db.transaction() as session, pytest.raises(Forbidden):
        online.write_record(session, actor=w.plaintiff, hearing_id=hearing_id, text="篡改", now=start)
    with db.transaction() as session:
        online.write_record(session, actor=w.clerk, hearing_id=hearing_id, text="审：现在开庭。", now=start)
    with db.reading() as session:
        seen = online.record_view(session, actor=w.defendant, hearing_id=hearing_id)
        assert (seen.text, seen.status, seen.may_write) == ("审：现在开庭。", "writing", False)
    with db.reading() as session, pytest.raises(Concealed):
        online.record_view(session, actor=w.stranger, hearing_id=hearing_id)
    with db.transaction() as session:
        online.write_record(session, actor=w.clerk, hearing_id=hearing_id, text="审：现在开庭。\n原：坚持诉请。",
                            now=start)
        online.close_record(session, settings, actor=w.clerk, hearing_id=hearing_id, now=start)
    with db.transaction() as session, pytest.raises(Conflict, match="不能再修改"):
        online.write_record(session, actor=w.clerk, hearing_id=hearing_id, text="改", now=start)
    ticket = proof(db, settings, texts, w.plaintiff, "record_signature", start)
    with db.transaction() as session:
        online.sign_record(session, settings, actor=w.plaintiff, hearing_id=hearing_id, proof_id=ticket, now=start)
    ticket = proof(db, settings, texts, w.defendant, "online_hearing", start)  # a hearing's proof will not sign
    with db.transaction() as session, pytest.raises(Conflict, match="重新核验"):
        online.sign_record(session, settings, actor=w.defendant, hearing_id=hearing_id, proof_id=ticket, now=start)
    with db.reading() as session:
        defendant_id = next(line.participant_id for line in online.attendance(session, actor=w.clerk,
                                                                              hearing_id=hearing_id)
                            if line.role == "defendant")
    with db.transaction() as session:
        online.note_refusal(session, settings, actor=w.clerk, hearing_id=hearing_id, participant_id=defendant_id,
                            note="被告称不认可笔录内容，拒绝签名", now=start)
    with db.reading() as session:
        record = session.scalar(select(OnlineRecord).where(OnlineRecord.hearing_id == hearing_id))
        assert record.status == "filed"
        filed = [d for d in dossier.for_case(session, w.case_id, volume=Volume.MAIN) if d.id == record.document_id]
        assert filed and filed[0].kind == "hearing_record" and filed[0].filename.startswith("庭审笔录-在线庭审")
        assert session.scalar(select(func.count()).select_from(OnlineAttendance)
                              .where(OnlineAttendance.hearing_id == hearing_id)) == 3
