"""Reminders and supervision notices: issue → acknowledge → reply, refusals, escalation once past due."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from omnicourt import clock
from omnicourt.audit.models import AuditRecord
from omnicourt.cases.models import TimelineEvent
from omnicourt.errors import Conflict, Forbidden, InvalidInput
from omnicourt.notifications.models import Notification
from omnicourt.supervision import service
from omnicourt.supervision.models import SupervisionNotice
from tests.supervision.conftest import make_case

TODAY = clock.today()


def issue(db, actor, case_id, *, kind="supervision_notice", due_on=TODAY + timedelta(days=5), text="请说明未结原因"):
    with db.transaction() as session:
        return service.issue_notice(session, actor=actor, case_id=case_id, kind=kind, text=text, due_on=due_on,
                                    today=TODAY)


def notifications_for(db, account_id, case_id) -> list[Notification]:
    with db.reading() as session:
        return session.scalars(select(Notification).where(Notification.recipient_id == account_id,
                                                          Notification.case_id == case_id)).all()


def test_issue_acknowledge_reply(db, staff):
    case_id = make_case(db, staff, accepted_on=TODAY - timedelta(days=400))
    notice = issue(db, staff.chief, case_id, kind="reminder")
    assert (notice.status, notice.recipient_id, notice.issuer_id) == ("issued", staff.judge.id, staff.chief.id)
    assert [n.kind for n in notifications_for(db, staff.judge.id, case_id)] == ["reminder"]
    with db.transaction() as session:
        service.acknowledge_notice(session, actor=staff.judge, notice_id=notice.id)
    with db.transaction() as session:  # a second acknowledgement changes nothing
        assert service.acknowledge_notice(session, actor=staff.judge, notice_id=notice.id).status == "acknowledged"
    with db.transaction() as session:
        done = service.reply_notice(session, actor=staff.judge, notice_id=notice.id, reply="已定于下周开庭",
                                    today=TODAY)
    assert done.status == "replied" and done.replied_on == TODAY and done.acknowledged_at is not None
    assert [n.kind for n in notifications_for(db, staff.chief.id, case_id)] == ["reminder"]  # the issuer hears back
    with db.reading() as session:
        events = session.scalars(select(TimelineEvent).where(TimelineEvent.case_id == case_id)
                                 .order_by(TimelineEvent.id)).all()
        audits = session.scalars(select(AuditRecord.action).where(
            AuditRecord.object_type == "supervision_notice", AuditRecord.object_id == str(notice.id))
            .order_by(AuditRecord.id)).all()
        received = service.list_notices(session, actor=staff.judge, box="received", today=TODAY)
        issued = service.list_notices(session, actor=staff.chief, box="issued", today=TODAY)
    assert [e.kind for e in events] == ["reminder"] * 3 and not any(e.public for e in events)
    assert audits == ["supervision.notice.issue", "supervision.notice.acknowledge", "supervision.notice.reply"]
    assert notice.id in {r.notice.id for r in received} and notice.id in {r.notice.id for r in issued}
    with db.transaction() as session, pytest.raises(Conflict):
        service.reply_notice(session, actor=staff.judge, notice_id=notice.id, reply="再次回复", today=TODAY)


@pytest.mark.parametrize("who", ["judge", "clerk", "other_chief"])
def test_only_chiefs_and_leaders_issue(db, staff, who):
    case_id = make_case(db, staff, accepted_on=TODAY - timedelta(days=30))
    with pytest.raises(Forbidden):
        issue(db, getattr(staff, who), case_id)


def test_leaders_issue_and_input_is_checked(db, staff):
    case_id = make_case(db, staff, accepted_on=TODAY - timedelta(days=30))
    assert issue(db, staff.vice_president, case_id).issuer_id == staff.vice_president.id
    assert issue(db, staff.president, case_id, kind="reminder").kind == "reminder"
    for changes, field in (({"kind": "warning"}, "kind"), ({"text": " "}, "text"),
                           ({"due_on": TODAY - timedelta(days=1)}, "due_on")):
        with pytest.raises(InvalidInput) as refused:
            issue(db, staff.chief, case_id, **changes)
        assert refused.value.field == field
    closed = make_case(db, staff, accepted_on=TODAY - timedelta(days=30), stage="closed")
    with pytest.raises(Conflict):
        issue(db, staff.chief, closed)


def test_only_the_recipient_answers(db, staff):
    case_id = make_case(db, staff, accepted_on=TODAY - timedelta(days=30))
    notice = issue(db, staff.chief, case_id)
    for actor in (staff.other_judge, staff.chief):
        with db.transaction() as session, pytest.raises(Forbidden):
            service.acknowledge_notice(session, actor=actor, notice_id=notice.id)
    with db.transaction() as session, pytest.raises(InvalidInput):
        service.reply_notice(session, actor=staff.judge, notice_id=notice.id, reply="", today=TODAY)


def escalate(db, today) -> int:
    with db.transaction() as session:
        return service.escalate_overdue(session, today=today)


def get(db, notice_id) -> SupervisionNotice:
    with db.reading() as session:
        return session.get(SupervisionNotice, notice_id)


def test_escalation_once_past_due(db, staff):
    case_id = make_case(db, staff, accepted_on=TODAY - timedelta(days=30))
    due = TODAY + timedelta(days=2)
    by_chief = issue(db, staff.chief, case_id, due_on=due)
    by_president = issue(db, staff.president, case_id, due_on=due)
    answered = issue(db, staff.chief, case_id, due_on=due)
    with db.transaction() as session:
        service.reply_notice(session, actor=staff.judge, notice_id=answered.id, reply="已处理", today=TODAY)
    escalate(db, due)  # due today: not yet overdue
    assert get(db, by_chief.id).escalated_at is None
    escalate(db, due + timedelta(days=1))
    chief_notice, president_notice = get(db, by_chief.id), get(db, by_president.id)
    assert chief_notice.escalated_at is not None and chief_notice.escalated_to_id == staff.president.id
    assert president_notice.escalated_to_id == staff.parent_president.id  # the parent court's president
    assert get(db, answered.id).escalated_at is None
    first = chief_notice.escalated_at
    escalate(db, due + timedelta(days=5))
    assert get(db, by_chief.id).escalated_at == first  # once only
    assert [n.kind for n in notifications_for(db, staff.president.id, case_id)].count("supervision_escalated") == 1
    assert len(notifications_for(db, staff.parent_president.id, case_id)) == 1
    with db.reading() as session:
        kinds = session.scalars(select(TimelineEvent.kind).where(TimelineEvent.case_id == case_id)).all()
        row = next(r for r in service.list_notices(session, actor=staff.chief, box="issued", today=due + timedelta(1))
                   if r.notice.id == by_chief.id)
    assert kinds.count("supervision_escalated") == 2
    assert row.overdue
    with db.transaction() as session:  # a late reply is still accepted, and stays marked late
        late = service.reply_notice(session, actor=staff.judge, notice_id=by_chief.id, reply="迟复",
                                    today=due + timedelta(days=6))
    assert late.replied_on > late.due_on


def test_the_sweep_runs_every_court_and_is_idempotent(db, staff, settings):
    from omnicourt.supervision import sweep

    make_case(db, staff, accepted_on=TODAY - timedelta(days=800))
    sweep.run(db, settings, today=TODAY)
    again = sweep.run(db, settings, today=TODAY)
    assert (again.entered, again.retiered, again.left, again.escalated) == (0, 0, 0, 0)
