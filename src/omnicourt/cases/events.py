"""Every kind of timeline event, one enumeration: a misspelt kind fails at import, not in the data.

The values are what the database stores (timeline_events.kind, the dashboard's case_actions.kind): a value
never changes without a migration. Writers and readers name a kind by its member (EventKind.DEADLINE_EXTENDED);
what parties see of each kind is decided in timeline.py. The hub lists the kinds other domains write, and
imports none of them.
"""

from enum import StrEnum


class EventKind(StrEnum):
    # cases
    ACCEPTED = "accepted"
    ASSIGNED = "assigned"
    REASSIGNED = "reassigned"
    HEARING_HELD = "hearing_held"
    # hearings
    HEARING_SCHEDULED = "hearing_scheduled"
    CLOSED = "closed"
    LINKED = "linked"
    # filing and fees
    FEE_NOTICE = "fee_notice"
    FEE_PAID = "fee_paid"
    FEE_CHANGED = "fee_changed"
    FEE_REFUNDED = "fee_refunded"
    # deadlines
    PROCEDURE_CONVERTED = "procedure_converted"
    DEADLINE_EXTENDED = "deadline_extended"
    DEADLINE_SUSPENDED = "deadline_suspended"
    DEADLINE_CHANGED = "deadline_changed"
    HEARING_POSTPONED = "hearing_postponed"
    APPRAISAL_ENTRUSTED = "appraisal_entrusted"
    PUBLIC_NOTICE_PUBLISHED = "public_notice_published"
    DEADLINE_APPLICATION = "deadline_application"
    DEADLINE_REFUSED = "deadline_refused"
    # assistant and dossier
    ASSISTANT_ANALYSED = "assistant_analysed"
    ELEMENT_CONFIRMED = "element_confirmed"
    ELEMENT_CORRECTED = "element_corrected"
    POINT_DECIDED = "point_decided"
    DOCUMENT_ADDED = "document_added"
    PARTY_DOCUMENTS_ADDED = "party_documents_added"
    DOSSIER_ARCHIVED = "dossier_archived"
    DRAFT_GENERATED = "draft_generated"
    # evidence exchange
    EVIDENCE_PERIOD_SET = "evidence_period_set"
    EVIDENCE_PERIOD_EXTENDED = "evidence_period_extended"
    CROSS_EXAMINATION_LIMIT_SET = "cross_examination_limit_set"
    EVIDENCE_SUBMITTED = "evidence_submitted"
    CROSS_EXAMINATION_GIVEN = "cross_examination_given"
    EVIDENCE_FOUND = "evidence_found"
    CROSS_EXAMINATION_RECORDED = "cross_examination_recorded"
    # asynchronous trial
    ASYNC_TRIAL_APPLIED = "async_trial_applied"
    ASYNC_TRIAL_CONSENT = "async_trial_consent"
    ASYNC_TRIAL_OPENED = "async_trial_opened"
    ASYNC_TRIAL_STAGE_OPENED = "async_trial_stage_opened"
    ASYNC_TRIAL_ANSWERED = "async_trial_answered"
    ASYNC_TRIAL_STAGE_ENDED = "async_trial_stage_ended"
    ASYNC_TRIAL_SWITCHED = "async_trial_switched"
    ASYNC_TRIAL_RECORDED = "async_trial_recorded"
    ASYNC_TRIAL_CONFIRMED = "async_trial_confirmed"
    # delivery
    DELIVERY_ADDRESS_CONFIRMED = "delivery_address_confirmed"
    DELIVERY_SENT = "delivery_sent"
    DELIVERY_OPENED = "delivery_opened"
    DELIVERY_EFFECTIVE = "delivery_effective"
    DELIVERY_REMINDED = "delivery_reminded"
    # publication of judgments
    JUDGMENT_PUBLISHED = "judgment_published"
    JUDGMENT_WITHHELD = "judgment_withheld"
    # deliberation
    PANEL_FORMED = "panel_formed"
    DELIBERATION_POINTS_SET = "deliberation_points_set"
    DELIBERATION_VOTED = "deliberation_voted"
    DELIBERATION_CONCLUDED = "deliberation_concluded"
    COMMITTEE_REFERRAL_REQUESTED = "committee_referral_requested"
    COMMITTEE_REFERRAL_DECIDED = "committee_referral_decided"
    COMMITTEE_DECIDED = "committee_decided"
    DELIBERATION_RECORDED = "deliberation_recorded"
    # court documents (裁判文书)
    JUDGMENT_DRAFTED = "judgment_drafted"
    # enforcement
    ENFORCEMENT_APPLIED = "enforcement_applied"
    ENFORCEMENT_NOTICE_ISSUED = "enforcement_notice_issued"
    PROPERTY_MEASURE_TAKEN = "property_measure_taken"
    PROPERTY_MEASURE_RENEWED = "property_measure_renewed"
    PROPERTY_MEASURE_RELEASED = "property_measure_released"
    PROPERTY_MEASURE_EXPIRING = "property_measure_expiring"
    AUCTION_ANNOUNCED = "auction_announced"
    AUCTION_CLOSED = "auction_closed"
    AUCTION_RULED = "auction_ruled"
    ASSET_INQUIRY_SENT = "asset_inquiry_sent"
    ENFORCEMENT_PAID = "enforcement_paid"
    DISHONEST_LISTED = "dishonest_listed"
    DISHONEST_REMOVED = "dishonest_removed"
    # supervision
    LONG_PENDING = "long_pending"
    LEDGER_PLAN = "ledger_plan"
    LEDGER_PROGRESS = "ledger_progress"
    REMINDER = "reminder"
    SUPERVISION_NOTICE = "supervision_notice"
    SUPERVISION_ESCALATED = "supervision_escalated"
    # court documents after drafting: edits, sign-off (签发), signing, appeals
    JUDGMENT_EDITED = "judgment_edited"
    JUDGMENT_SIGNOFF_REQUESTED = "judgment_signoff_requested"
    JUDGMENT_SIGNOFF_DECIDED = "judgment_signoff_decided"
    JUDGMENT_SIGNED = "judgment_signed"
    APPEAL_FILED = "appeal_filed"
    # joint sessions (多案联审) and consent to asynchronous steps
    JOINT_SESSION_GROUPED = "joint_session_grouped"
    EVIDENCE_ASYNC_CONSENT = "evidence_async_consent"
    # judicial confirmation and mediation statements
    CONFIRMATION_RULED = "confirmation_ruled"
    MEDIATION_STATEMENT_ISSUED = "mediation_statement_issued"
    MEDIATION_STATEMENT_SIGNED = "mediation_statement_signed"
