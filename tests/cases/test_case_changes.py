"""Changes to a case made for other domains (deadlines/) go through cases.service: the columns and the timeline
event and its audit record in the caller's transaction, or no event where nothing happened to the case."""

from datetime import timedelta

from sqlalchemy import func, select

from omnicourt.audit.actions import AuditAction
from omnicourt.audit.models import AuditRecord
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import TimelineEvent
from tests.conftest import TODAY, actor_named
from tests.deadlines.test_workflows import simple_case


def _events(session, case_id: int, kind: EventKind) -> list[TimelineEvent]:
    return list(session.scalars(select(TimelineEvent).where(TimelineEvent.case_id == case_id,
                                                            TimelineEvent.kind == kind)))


def _audited(session, case_id: int, action: AuditAction) -> list[AuditRecord]:
    return list(session.scalars(select(AuditRecord).where(AuditRecord.object_type == "case",
                                                          AuditRecord.object_id == str(case_id),
                                                          AuditRecord.action == action)))


def test_convert_procedure_writes_the_procedure_the_deadline_and_the_event(db, settings):
    case_id, judge, _party = simple_case(db, settings, accepted_days_ago=10)
    new_deadline = TODAY + timedelta(days=170)
    with db.transaction() as session:
        case = cases.get_case(session, actor=judge, case_id=case_id, for_update=True)
        event = cases.convert_procedure(session, actor=judge, case=case, to_procedure="ordinary",
                                        deadline_on=new_deadline, summary="裁定转为普通程序审理",
                                        details={"to": new_deadline.isoformat()},
                                        audit_details={"from": "simple", "to": "ordinary"})
    with db.reading() as session:
        case = cases.case_for_platform(session, case_id)
        assert (case.procedure, case.deadline_on) == ("ordinary", new_deadline)
        (stored,) = _events(session, case_id, EventKind.PROCEDURE_CONVERTED)
        assert (stored.id, stored.summary, stored.actor_id) == (event.id, "裁定转为普通程序审理", judge.id)
        (record,) = _audited(session, case_id, AuditAction.DEADLINE_CONVERT)
        assert (record.actor_id, record.details) == (judge.id, {"from": "simple", "to": "ordinary"})


def test_change_deadline_writes_the_event_of_its_kind(db, settings):
    case_id, judge, _party = simple_case(db, settings, accepted_days_ago=10)
    president = actor_named(db, "demo-president")
    with db.transaction() as session:
        case = cases.case_for_platform(session, case_id, for_update=True)
        cases.change_deadline(session, actor=president, case=case, deadline_on=None, kind=EventKind.DEADLINE_EXTENDED,
                              summary="经院长批准延长审限", details={"to": None},
                              audit_action=AuditAction.DEADLINE_APPROVED, audit_details={"adjustment_id": 7})
    with db.reading() as session:
        assert cases.case_for_platform(session, case_id).deadline_on is None
        assert [e.summary for e in _events(session, case_id, EventKind.DEADLINE_EXTENDED)] == ["经院长批准延长审限"]
        assert [r.details for r in _audited(session, case_id, AuditAction.DEADLINE_APPROVED)] == [{"adjustment_id": 7}]


def test_refresh_deadline_writes_no_event(db, settings):
    case_id, _judge, _party = simple_case(db, settings, accepted_days_ago=10)
    count = select(func.count()).select_from(TimelineEvent).where(TimelineEvent.case_id == case_id)
    with db.reading() as session:
        before = session.scalar(count)
    with db.transaction() as session:
        case = cases.case_for_platform(session, case_id, for_update=True)
        cases.refresh_deadline(session, case=case, deadline_on=case.deadline_on + timedelta(days=3))
        expected = case.deadline_on
    with db.reading() as session:
        assert cases.case_for_platform(session, case_id).deadline_on == expected
        assert session.scalar(count) == before
