"""Trial-deadline workflows on every backend: extensions and periods not counted with their approvals,
warnings, and hidden-overdue findings."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from omnicourt.cases import service as cases
from omnicourt.cases.models import Case, TimelineEvent
from omnicourt.deadlines import service as deadlines
from omnicourt.deadlines.calendar import add_months
from omnicourt.errors import Conflict, Forbidden, InvalidInput
from omnicourt.filing import service as filing
from omnicourt.notifications.models import Notification
from omnicourt.security import service as security
from omnicourt.security.models import Account
from tests.conftest import TODAY, actor_named
from tests.factories import filing as make_filing
from tests.filing.test_filing_flow import new_party, submit


def simple_case(db, settings, *, accepted_days_ago: int):
    """A simple-procedure case (200,000 yuan: above the small-claims line, under twice the wage)."""
    party = new_party(db)
    application_id = submit(db, settings, party, data=make_filing(plaintiff_id=party.id_number, amount="200000.00"))
    with db.transaction() as session:
        case = filing.accept(session, settings, actor=actor_named(db, "demo-filing-officer"),
                             application_id=application_id, today=TODAY - timedelta(days=accepted_days_ago))
        assert case.procedure == "simple"
        judge = security.actor_for(session, session.get(Account, case.judge_id))
        return case.id, judge, party


def president():
    return "demo-president"


def test_extension_applied_in_time_and_approved_moves_the_deadline(db, settings):
    case_id, judge, party = simple_case(db, settings, accepted_days_ago=30)
    with db.transaction() as session:
        before = session.get(Case, case_id).deadline_on
        adjustment = deadlines.apply_for_extension(session, actor=judge, case_id=case_id, length="1m",
                                                   reason="案情复杂，需要补充调查", today=TODAY)
        assert adjustment.approver_level == "president"
    with db.reading() as session:
        queue = deadlines.approval_queue(session, actor=actor_named(db, president()))
        assert adjustment.id in [a.id for a, _ in queue]
        assert all(a.status == "pending" and a.approver_court_id == case.court_id for a, case in queue)
        waiting = session.scalar(select(func.count()).select_from(Notification).where(
            Notification.kind == "deadline_approval", Notification.case_id == case_id))
        assert waiting >= 1
    with pytest.raises(Forbidden):
        with db.transaction() as session:
            deadlines.decide(session, actor=actor_named(db, "c2-president"), adjustment_id=adjustment.id,
                             approve=True, reason="", today=TODAY)
    with db.transaction() as session:
        deadlines.decide(session, actor=actor_named(db, president()), adjustment_id=adjustment.id, approve=True,
                         reason="同意", today=TODAY)
    with db.reading() as session:
        after = session.get(Case, case_id).deadline_on
        assert after > before and (after - before).days in (28, 29, 30, 31)
        view = deadlines.case_deadline(session, actor=party, case_id=case_id, today=TODAY)
        assert view.evaluation.deadline == after
        assert [a.kind for a in view.evaluation.adjustments if a.applied] == ["base", "extension"]
        public = [e.summary for e in cases.timeline(session, actor=party, case=session.get(Case, case_id))]
        assert any("批准延长审限" in s for s in public)
    with pytest.raises(Conflict):  # decided already
        with db.transaction() as session:
            deadlines.decide(session, actor=actor_named(db, president()), adjustment_id=adjustment.id,
                             approve=False, reason="重复", today=TODAY)


def test_late_extension_application_is_refused_by_rule(db, settings):
    case_id, judge, _ = simple_case(db, settings, accepted_days_ago=80)  # the deadline is about 11 days away
    with pytest.raises(Conflict, match="15日前"):
        with db.transaction() as session:
            deadlines.apply_for_extension(session, actor=judge, case_id=case_id, length="1m", reason="来不及审结",
                                          today=TODAY)


def test_only_the_handling_judge_applies_and_lengths_are_bounded(db, settings):
    case_id, judge, _ = simple_case(db, settings, accepted_days_ago=10)
    with pytest.raises(Forbidden):
        with db.transaction() as session:
            deadlines.apply_for_extension(session, actor=actor_named(db, "demo-clerk"), case_id=case_id,
                                          length="1m", reason="x", today=TODAY)
    with pytest.raises(InvalidInput, match="最多"):  # simple procedure: one month at most (CPL art. 164)
        with db.transaction() as session:
            deadlines.apply_for_extension(session, actor=judge, case_id=case_id, length="2m", reason="复杂",
                                          today=TODAY)


def test_approved_appraisal_suspension_moves_the_deadline_and_needs_its_evidence(db, settings):
    case_id, judge, _ = simple_case(db, settings, accepted_days_ago=40)
    starts, ends = TODAY - timedelta(days=30), TODAY - timedelta(days=11)  # 20 days, both ends counted
    with db.transaction() as session:
        before = session.get(Case, case_id).deadline_on
        adjustment = deadlines.register_suspension(session, actor=judge, case_id=case_id, kind="appraisal",
                                                   starts_on=starts, ends_on=ends, reason="委托司法鉴定",
                                                   today=TODAY)
    with db.transaction() as session:
        deadlines.decide(session, actor=actor_named(db, president()), adjustment_id=adjustment.id, approve=True,
                         reason="", today=TODAY)
    chief = _leader(db, "division_chief", judge.division_id)
    with db.reading() as session:
        assert (session.get(Case, case_id).deadline_on - before).days == 20
        findings = deadlines.hidden_overdue(session, actor=chief, today=TODAY)
        assert [f.rule for f in findings if f.case_id == case_id] == ["扣除事由无相应程序记录"]
    with db.transaction() as session:
        deadlines.record_step(session, actor=judge, case_id=case_id, kind="appraisal_entrusted", on=starts,
                              summary="委托某鉴定所", today=TODAY)
    with db.reading() as session:
        assert [f for f in deadlines.hidden_overdue(session, actor=chief, today=TODAY) if f.case_id == case_id] == []


def test_a_kind_that_does_not_apply_is_refused_and_writes_nothing(db, settings):
    case_id, judge, _ = simple_case(db, settings, accepted_days_ago=5)
    with pytest.raises(InvalidInput):
        with db.transaction() as session:
            deadlines.register_suspension(session, actor=judge, case_id=case_id, kind="auction",
                                          starts_on=TODAY, ends_on=None, reason="拍卖", today=TODAY)
    with db.reading() as session:
        assert deadlines.adjustments_of(session, case_id) == []


def test_unapproved_suspensions_and_too_many_postponements_are_hidden_overdue(db, settings):
    case_id, judge, _ = simple_case(db, settings, accepted_days_ago=40)
    with db.transaction() as session:
        deadlines.register_suspension(session, actor=judge, case_id=case_id, kind="settlement",
                                      starts_on=TODAY - timedelta(days=20), ends_on=None, reason="双方和解",
                                      today=TODAY - timedelta(days=10))
        for days_ago in (15, 5):
            deadlines.record_step(session, actor=judge, case_id=case_id, kind="hearing_postponed",
                                  on=TODAY - timedelta(days=days_ago), summary="当事人申请",
                                  today=TODAY)
    with db.reading() as session:
        rules = {f.rule for f in deadlines.hidden_overdue(session, actor=actor_named(db, president()), today=TODAY)
                 if f.case_id == case_id}
    assert "扣除审限未经批准" in rules
    assert any(rule.startswith("延期开庭超过次数限制") for rule in rules)  # simple procedure: one at most


def test_warnings_reach_the_judge_and_the_chief_once(db, settings):
    case_id, judge, _ = simple_case(db, settings, accepted_days_ago=86)  # about 5 days left
    with db.transaction() as session:
        deadlines.sweep_warnings(session, today=TODAY)
    with db.transaction() as session:
        deadlines.sweep_warnings(session, today=TODAY)
    with db.reading() as session:
        recipients = session.scalars(select(Notification.recipient_id).where(
            Notification.kind == "deadline_warning", Notification.case_id == case_id)).all()
        chief = security.chief_of(session, division_id=judge.division_id)
        assert sorted(recipients) == sorted([judge.id, chief.id])
        events = session.scalar(select(func.count()).select_from(TimelineEvent).where(
            TimelineEvent.case_id == case_id))
        assert events >= 3


def _leader(db, role, division_id):
    with db.reading() as session:
        account = session.scalar(select(Account).where(Account.role == role, Account.division_id == division_id))
        return security.actor_for(session, account)


def test_recompute_counts_every_open_case_once_and_refreshes_changed_deadlines(db, settings):
    case_id, judge, _ = simple_case(db, settings, accepted_days_ago=86)  # about 5 days left: a warning
    with db.transaction() as session:
        counts = deadlines.recompute(session, today=TODAY)
        open_cases = session.scalar(select(func.count()).select_from(Case).where(Case.stage.in_(cases.OPEN_STAGES)))
        assert counts["normal"] + counts["warning"] + counts["overdue"] == open_cases
        assert counts["warning"] >= 1
        session.get(Case, case_id).deadline_on = TODAY  # a stale stored deadline, which recompute repairs
    with db.transaction() as session:
        adjustment = deadlines.register_suspension(session, actor=judge, case_id=case_id, kind="appraisal",
                                                   starts_on=TODAY - timedelta(days=9),
                                                   ends_on=TODAY - timedelta(days=5), reason="鉴定", today=TODAY)
        adjustment.status = "approved"
    with db.transaction() as session:
        deadlines.recompute(session, today=TODAY)
        case = session.get(Case, case_id)
        assert case.deadline_on == deadlines.evaluate_case(session, case=case, today=TODAY).deadline != TODAY


def test_simple_to_ordinary_counts_from_the_original_filing(db, settings):
    case_id, judge, party = simple_case(db, settings, accepted_days_ago=40)
    with db.transaction() as session:
        deadlines.convert_procedure(session, actor=judge, case_id=case_id, to_procedure="ordinary", ruled_on=TODAY,
                                    reason="案情复杂", today=TODAY)
    with db.reading() as session:
        case = session.get(Case, case_id)
        assert case.procedure == "ordinary"
        assert case.deadline_on == add_months(case.accepted_on, 6)  # 民诉法解释 art. 258: from the filing
        kinds = [e.kind for e in cases.timeline(session, actor=party, case=case)]
        assert "procedure_converted" in kinds


def test_a_conversion_after_the_deadline_is_refused(db, settings):
    case_id, judge, _ = simple_case(db, settings, accepted_days_ago=100)  # the simple deadline has passed
    with pytest.raises(Conflict, match="届满前"):
        with db.transaction() as session:
            deadlines.convert_procedure(session, actor=judge, case_id=case_id, to_procedure="ordinary",
                                        ruled_on=TODAY, reason="案情复杂", today=TODAY)


def test_the_judge_reads_the_warning_in_the_inbox(db, settings):
    from omnicourt.notifications import service as inbox

    case_id, judge, _ = simple_case(db, settings, accepted_days_ago=86)
    with db.transaction() as session:
        deadlines.sweep_warnings(session, today=TODAY)
    with db.reading() as session:
        mine = [n for n in inbox.unread(session, actor=judge) if n.case_id == case_id]
    assert [n.kind for n in mine] == ["deadline_warning"] and "审限" in mine[0].message
    with db.transaction() as session:
        inbox.mark_read(session, actor=judge, notification_id=mine[0].id)
    with db.reading() as session:
        assert all(n.case_id != case_id for n in inbox.unread(session, actor=judge))
