"""What parties see of the timeline: every event kind decided once, internal reasons and notes never shown."""

import pytest

from omnicourt.cases import service as cases
from omnicourt.cases import timeline
from omnicourt.cases.models import Case
from omnicourt.deadlines import service as deadlines
from omnicourt.security import service as security
from tests.conftest import TODAY, actor_named
from tests.deadlines.test_workflows import simple_case

# The decision for every kind; a new kind fails here until someone decides what parties see of it.
DECIDED = {
    "accepted": "shown", "assigned": "shown", "reassigned": "neutral", "hearing_held": "neutral",
    "hearing_scheduled": "shown",
    "closed": "shown", "linked": "shown", "fee_notice": "shown",
    "fee_paid": "shown", "fee_changed": "shown", "fee_refunded": "shown", "party_documents_added": "shown",
    "procedure_converted": "shown", "deadline_extended": "shown", "deadline_suspended": "shown",
    "deadline_changed": "shown", "hearing_postponed": "shown",
    "appraisal_entrusted": "neutral", "public_notice_published": "neutral",
    "deadline_application": "hidden", "deadline_refused": "hidden",
    "assistant_analysed": "hidden", "element_confirmed": "hidden", "element_corrected": "hidden",
    "point_decided": "hidden", "document_added": "hidden", "draft_generated": "hidden",
    "long_pending": "hidden", "ledger_plan": "hidden", "ledger_progress": "hidden",
    "reminder": "hidden", "supervision_notice": "hidden", "supervision_escalated": "hidden",
    "evidence_period_set": "shown", "evidence_period_extended": "shown", "cross_examination_limit_set": "shown",
    "evidence_submitted": "shown", "cross_examination_given": "shown", "evidence_found": "neutral",
    "cross_examination_recorded": "shown",
    "delivery_address_confirmed": "shown", "delivery_sent": "shown", "delivery_opened": "hidden",
    "delivery_effective": "shown", "delivery_reminded": "hidden", "dossier_archived": "shown",
    "judgment_published": "shown", "judgment_withheld": "shown",
    "panel_formed": "shown", "deliberation_points_set": "hidden", "deliberation_voted": "hidden",
    "deliberation_concluded": "neutral", "committee_referral_requested": "hidden",
    "committee_referral_decided": "hidden", "committee_decided": "hidden", "deliberation_recorded": "hidden",
    "async_trial_applied": "shown", "async_trial_consent": "shown", "async_trial_opened": "shown",
    "async_trial_stage_opened": "shown", "async_trial_answered": "shown", "async_trial_stage_ended": "shown",
    "async_trial_switched": "shown", "async_trial_recorded": "shown", "async_trial_confirmed": "shown",
    "judgment_drafted": "hidden",
    "enforcement_applied": "shown", "enforcement_notice_issued": "shown", "property_measure_taken": "shown",
    "property_measure_renewed": "shown", "property_measure_released": "shown", "property_measure_expiring": "hidden",
    "auction_announced": "shown", "auction_closed": "shown", "auction_ruled": "shown",
    "asset_inquiry_sent": "hidden", "enforcement_paid": "shown",
    "dishonest_listed": "shown", "dishonest_removed": "shown",
    "judgment_edited": "hidden", "judgment_signoff_requested": "hidden", "judgment_signoff_decided": "hidden",
    "judgment_signed": "neutral", "appeal_filed": "shown",
    "joint_session_grouped": "hidden", "evidence_async_consent": "shown",
    "confirmation_ruled": "shown", "mediation_statement_issued": "shown", "mediation_statement_signed": "shown",
}


def test_every_event_kind_has_one_decision_for_parties():
    assert {kind: view.parties for kind, view in timeline.EVENT_KINDS.items()} == DECIDED
    assert all(view.why for view in timeline.EVENT_KINDS.values())
    assert all((view.neutral is not None) == (view.parties == timeline.NEUTRAL)
               for view in timeline.EVENT_KINDS.values())


def test_a_neutral_decision_needs_its_wording_and_only_it_has_one():
    with pytest.raises(ValueError):
        timeline.PartyView(timeline.NEUTRAL, "no wording")
    with pytest.raises(ValueError):
        timeline.PartyView(timeline.SHOWN, "a wording nobody reads", lambda details: "")


def test_an_undecided_kind_cannot_be_written(db, settings):
    case_id, judge, _ = simple_case(db, settings, accepted_days_ago=5)
    with db.transaction() as session, pytest.raises(LookupError, match="no decision"):
        cases.log_event(session, case=session.get(Case, case_id), actor=judge, kind="fee_untold", summary="x")


def _reassign(db, case_id, reason):
    with db.reading() as session:
        case = session.get(Case, case_id)
        chief = security.chief_of(session, division_id=case.division_id)
        other = next(j for j in security.judges_of(session, division_id=case.division_id) if j.id != case.judge_id)
        chief_actor = security.actor_for(session, chief)
    with db.transaction() as session:
        cases.reassign(session, actor=chief_actor, case_id=case_id, judge=other, reason=reason)
    return other


def test_a_party_sees_the_new_judge_but_never_the_reason_or_internal_steps(db, settings):
    case_id, judge, party = simple_case(db, settings, accepted_days_ago=30)
    with db.transaction() as session:
        cases.hold_hearing(session, actor=judge, case_id=case_id, held_on=TODAY, summary="被告代理人称和解可能性大")
    with db.transaction() as session:
        deadlines.apply_for_extension(session, actor=judge, case_id=case_id, length="1m", reason="证据量大",
                                      today=TODAY)
    new_judge = _reassign(db, case_id, "承办法官休产假")
    with db.reading() as session:
        case = session.get(Case, case_id)
        seen = cases.timeline(session, actor=party, case=case)
        staff_seen = cases.timeline(session, actor=actor_named(db, "demo-president"), case=case)
    texts = " ".join(entry.summary for entry in seen)
    assert f"承办法官已变更为{new_judge.display_name}" in texts
    assert "休产假" not in texts and "和解可能性" not in texts and "证据量大" not in texts
    assert [e.kind for e in seen] == ["accepted", "assigned", "fee_notice", "hearing_held", "reassigned"]
    assert f"{TODAY.year}年{TODAY.month}月{TODAY.day}日 开庭审理" in texts
    staff_texts = " ".join(entry.summary for entry in staff_seen)
    assert "休产假" in staff_texts and "和解可能性" in staff_texts
    assert "deadline_application" in [e.kind for e in staff_seen]


def test_old_reassignments_without_details_are_still_worded_neutrally():
    view = timeline.EVENT_KINDS["reassigned"]
    assert view.neutral({}) == "承办法官已变更"
    assert timeline.EVENT_KINDS["appraisal_entrusted"].neutral({"on": "2026-03-02"}) == "2026年3月2日 委托鉴定"

