"""Scheduling, clashes, summonses, postponements and holding, on SQLite and PostgreSQL."""

from datetime import time, timedelta

import pytest
from sqlalchemy import func, select

from omnicourt.cases import service as cases
from omnicourt.cases.models import Case
from omnicourt.deadlines import service as deadlines
from omnicourt.delivery.models import Delivery
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import Volume
from omnicourt.errors import Concealed, Conflict, Forbidden, InvalidInput
from omnicourt.hearings import service as hearings
from omnicourt.hearings.models import Hearing, HearingPostponement
from omnicourt.security import service as security
from omnicourt.security.models import Account
from tests.conftest import TODAY, actor_named
from tests.hearings.conftest import open_case, plan, schedule


def count(db, model, **where) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model).filter_by(**where))


def test_a_hearing_is_scheduled_with_its_bench_parties_and_summonses(db, settings, world):
    hearing_id, deliveries = schedule(db, settings, world)
    with db.reading() as session:
        hearing = session.get(Hearing, hearing_id)
        roles = sorted(p.role for p in hearing.participants)
        assert roles == ["agent", "clerk", "defendant", "plaintiff", "sole_judge"]
        keys = {p.role: p.person_key for p in hearing.participants}
        assert keys["agent"] == f"id:{world.lawyer_id}" and keys["plaintiff"] is None
        assert keys["sole_judge"] == f"account:{world.judge.id}"
        filed = {d.filename.split("-")[0]: d for d in dossier.for_case(session, world.case_id, volume=Volume.MAIN)}
        assert filed["传票"].kind == "summons" and filed["出庭通知书"].kind == "hearing_notice"
        kinds = sorted(d.kind for d in dossier.for_case(session, world.case_id) if d.kind in ("summons",
                                                                                             "hearing_notice"))
        assert kinds == ["hearing_notice", "summons", "summons"]
        delivered = session.scalars(select(Delivery).where(Delivery.id.in_(deliveries))).all()
        assert len(delivered) == 3 and {d.document_class for d in delivered} == {"notice"}
        shown = [e.summary for e in cases.timeline(session, actor=world.plaintiff,
                                                   case=session.get(Case, world.case_id))]
    day = world.day
    assert any(s.startswith(f"定于{day.year}年{day.month}月{day.day}日 09:00—11:00在第一法庭开庭") for s in shown)


def test_a_trial_closer_than_three_days_is_refused_and_nothing_is_written(db, settings, world):
    before = (count(db, Hearing), count(db, Delivery))
    with pytest.raises(InvalidInput, match="开庭3日前送达") as refused:
        schedule(db, settings, world, plan(world, day=TODAY + timedelta(days=2)))
    assert refused.value.field == "starts_on"
    assert (count(db, Hearing), count(db, Delivery)) == before


def test_a_room_booked_at_an_overlapping_time_is_refused_naming_the_other_case(db, settings, world):
    schedule(db, settings, world)
    other = open_case(db, settings)
    with db.reading() as session:
        number = session.get(Case, world.case_id).case_number
    day = world.day
    with pytest.raises(Conflict, match=f"法庭「第一法庭」在该时段已有安排：{number}，"
                                       f"{day.year}年{day.month}月{day.day}日 09:00—11:00") as refused:
        schedule(db, settings, other, plan(other, day=world.day, at=time(10, 0)))
    assert refused.value.field == "courtroom_id"
    schedule(db, settings, other, plan(other, day=world.day, at=time(11, 0)))  # back to back is fine
    schedule(db, settings, other, plan(other, day=world.day, room=1, at=time(9, 0), clerk=other.other_clerk()))


def test_the_same_judge_clerk_or_lawyer_cannot_be_in_two_hearings(db, settings, world):
    schedule(db, settings, world)
    other = open_case(db, settings)
    panel = [other.judge.id] + [j for j in (world.judge.id,) if j != other.judge.id]
    panel += [j.id for j in other.other_judges if j.id not in panel][:3 - len(panel)] if len(panel) == 2 else []
    with pytest.raises(Conflict, match=f"审判员{world.judge.display_name}在该时段已有安排") as refused:
        schedule(db, settings, other, plan(other, day=world.day, room=1, judges=panel, clerk=other.other_clerk()))
    assert refused.value.field == "judge_ids"
    with pytest.raises(Conflict, match=f"书记员{world.clerk.display_name}在该时段已有安排"):
        schedule(db, settings, other, plan(other, day=world.day, room=1, clerk=world.clerk.id))


def test_a_lawyer_is_one_person_across_courts(db, settings, world):
    schedule(db, settings, world)
    elsewhere = open_case(db, settings, court_code="浙0102", lawyer_id=world.lawyer_id)
    with pytest.raises(Conflict, match="委托诉讼代理人王律师在该时段已有安排") as refused:
        schedule(db, settings, elsewhere, plan(elsewhere, day=world.day, at=time(10, 30)))
    assert refused.value.field == "agents"
    schedule(db, settings, elsewhere, plan(elsewhere, day=world.day, at=time(14, 0)))


def test_the_bench_and_the_room_are_checked(db, settings, world):
    with pytest.raises(InvalidInput, match="承办法官应参加审理"):
        schedule(db, settings, world, plan(world, judges=(world.other_judges[0].id,)))
    with pytest.raises(InvalidInput, match="单数"):
        schedule(db, settings, world, plan(world, judges=(world.judge.id, world.other_judges[0].id)))
    with pytest.raises(InvalidInput, match="线下开庭应选择法庭"):
        schedule(db, settings, world, plan(world, room=None))
    schedule(db, settings, world, plan(world, room=None, mode="online"))  # a virtual room


def test_only_the_case_conductors_schedule_and_a_stranger_sees_nothing(db, settings, world):
    with pytest.raises(Forbidden):
        schedule(db, settings, world, actor=world.plaintiff)
    with pytest.raises(Concealed):
        schedule(db, settings, world, actor=world.stranger)
    hearing_id, _ = schedule(db, settings, world)
    with db.reading() as session:
        assert hearings.one(session, actor=world.defendant, hearing_id=hearing_id).case_number
        assert [v.hearing.id for v in hearings.mine(session, actor=world.plaintiff, today=TODAY)] == [hearing_id]
        with pytest.raises(Concealed):
            hearings.one(session, actor=world.stranger, hearing_id=hearing_id)
        assert hearings.mine(session, actor=world.stranger, today=TODAY) == []


def postpone(db, settings, w, hearing_id, *, ground="absent", next_on=None, at=time(9, 0), actor=None, **changes):
    data = hearings.PostponeIn(ground, changes.pop("reason", "被告住院"), next_on or w.day + timedelta(days=2), at,
                               120, **changes)
    with db.transaction() as session:
        postponement, booked = hearings.postpone(session, settings, actor=actor or w.judge, hearing_id=hearing_id,
                                                 data=data, today=TODAY)
        return postponement.id, booked.hearing.id if booked else None


def test_a_postponement_replaces_the_hearing_and_tells_the_parties_its_reason(db, settings, world):
    first, _ = schedule(db, settings, world)
    _, second = postpone(db, settings, world, first)
    with db.reading() as session:
        assert session.get(Hearing, first).status == "postponed"
        assert session.get(Hearing, second).postponed_from_id == first
        assert not any(p.active for p in session.get(Hearing, first).participants)
        case = session.get(Case, world.case_id)
        shown = [e.summary for e in cases.timeline(session, actor=world.defendant, case=case)]
        assert any("延期至" in s and "第一百四十九条第一项" in s and "被告住院" in s for s in shown)
        president = security.actor_for(session, session.scalar(select(Account).where(
            Account.court_id == world.court_id, Account.role == "president")))
        # the deadline engine's check of postponements reads the same events, and finds nothing wrong with one
        assert not [f for f in deadlines.hidden_overdue(session, actor=president, today=TODAY)
                    if f.case_id == world.case_id]
    # the freed room and people may be booked again at the old time
    other = open_case(db, settings)
    schedule(db, settings, other, plan(other, day=world.day))
    # the ordinary procedure allows a second postponement, not a third
    _, third = postpone(db, settings, world, second, next_on=world.day + timedelta(days=4))
    with pytest.raises(Conflict, match="以2次为限"):
        postpone(db, settings, world, third, next_on=world.day + timedelta(days=6))


def test_the_next_hearing_within_a_month_unless_the_parties_agree(db, settings, world):
    first, _ = schedule(db, settings, world)
    with pytest.raises(Conflict, match="不得超过一个月"):
        postpone(db, settings, world, first, next_on=world.day + timedelta(days=40))
    # 19:00, a time no other test books: the day lies in another case's week
    postpone(db, settings, world, first, next_on=world.day + timedelta(days=40), at=time(19, 0), parties_agree=True)


def test_other_grounds_wait_for_the_president_of_the_court(db, settings, world):
    first, _ = schedule(db, settings, world)
    postponement_id, replaced = postpone(db, settings, world, first, ground="other", reason="台风，法院停止办公")
    assert replaced is None
    with db.reading() as session:
        assert session.get(Hearing, first).status == "scheduled"
        president = security.actor_for(session, session.scalar(select(Account).where(
            Account.court_id == world.court_id, Account.role == "president")))
    with db.transaction() as session, pytest.raises(Forbidden):
        hearings.decide_postponement(session, settings, actor=actor_named(db, "c2-president"),
                                     postponement_id=postponement_id, approve=True, today=TODAY)
    with db.transaction() as session, pytest.raises(Forbidden):
        hearings.decide_postponement(session, settings, actor=world.judge, postponement_id=postponement_id,
                                     approve=True, today=TODAY)
    with db.transaction() as session:
        assert [p.id for p, _ in hearings.waiting_postponements(session, actor=president)] == [postponement_id]
        _, booked = hearings.decide_postponement(session, settings, actor=president, postponement_id=postponement_id,
                                                 approve=True, today=TODAY)
        assert booked is not None
    with db.reading() as session:
        assert session.get(Hearing, first).status == "postponed"
        assert session.get(HearingPostponement, postponement_id).status == "in_effect"


def test_holding_records_the_attendance_on_the_case(db, settings, world):
    hearing_id, _ = schedule(db, settings, world)
    with db.transaction() as session, pytest.raises(Conflict, match="尚未到开庭日期"):
        hearings.hold(session, actor=world.judge, hearing_id=hearing_id, present_party_ids=[], summary="",
                      today=TODAY)
    with db.reading() as session:
        plaintiff = next(p.case_party_id for p in session.get(Hearing, hearing_id).participants
                         if p.role == "plaintiff")
    with db.transaction() as session:
        hearings.hold(session, actor=world.judge, hearing_id=hearing_id, present_party_ids=[plaintiff],
                      summary="双方举证质证", today=world.day)
    with db.reading() as session:
        record = cases.hearings(session, case=session.get(Case, world.case_id))[-1]
        assert record.held_on == world.day
        assert record.attendance.present == ("张三",) and record.attendance.absent == ("李四",)
        assert session.get(Case, world.case_id).stage == "in_trial"
        assert session.get(Hearing, hearing_id).status == "held"


def test_a_public_trial_is_announced_without_personal_data(db, settings, world):
    schedule(db, settings, world)
    other = open_case(db, settings)
    schedule(db, settings, other, plan(other, day=world.day, room=1, public=False, clerk=other.other_clerk()))
    with db.reading() as session:
        found = [a for a in hearings.announcements(session, today=TODAY, court_code="浙0106", days=400)
                 if a.case_number in (session.get(Case, world.case_id).case_number,
                                      session.get(Case, other.case_id).case_number)]
        assert len(found) == 1
        assert found[0].parties == "原告张三，被告李四" and found[0].place == "第一法庭"
        assert "王律师" not in str(found[0]) and world.plaintiff.id_number not in str(found[0])


def test_the_calendar_shows_the_judges_week_to_the_court(db, settings, world):
    hearing_id, _ = schedule(db, settings, world)
    with db.reading() as session:
        week = hearings.calendar(session, actor=world.judge, first_day=world.day, view="week")
        assert [v.hearing.id for _, views in week.days for v in views if v.hearing.id == hearing_id] == [hearing_id]
        assert len(week.days) == 7 and week.days[0][0].weekday() == 0
        room = hearings.calendar(session, actor=world.clerk, first_day=world.day, view="day",
                                 courtroom_id=world.rooms[0].id)
        assert hearing_id in [v.hearing.id for v in room.days[0][1]]
        with pytest.raises(Forbidden):
            hearings.calendar(session, actor=actor_named(db, "c2-president"), first_day=world.day,
                              judge_id=world.judge.id)
        with pytest.raises(Forbidden):
            hearings.calendar(session, actor=world.plaintiff, first_day=world.day)
