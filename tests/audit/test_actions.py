"""Audit actions come from one enumeration; the log stores and hashes their values as plain text."""

import pytest
from sqlalchemy import select

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.audit.anchors import AnchorStore
from omnicourt.audit.models import AuditRecord

# The values the log already holds: changing one would make old records read as another action.
STORED = {
    "account.register", "account.login", "account.login_failed", "account.password_change",
    "account.password_reset_request", "account.password_reset", "identity.verified", "identity.refused",
    "identity.company_link_requested", "identity.company_link_approved", "identity.company_link_refused",
    "access.denied", "filing.submit", "filing.request_correction", "filing.correct", "filing.refuse",
    "case.accept", "case.link", "case.reassign", "case.hold_hearing", "case.close", "case.appraisal_entrusted",
    "case.public_notice_published", "case.hearing_postponed",
    "hearing.schedule", "hearing.postponement_request", "hearing.postponement_decide",
    "fee.order", "fee.paid", "fee.refund",
    "deadline.convert", "deadline.apply_extension", "deadline.apply_suspension", "deadline.approved",
    "deadline.refused", "deadline.end_suspension", "dossier.add", "dossier.catalogue_correct",
    "assistant.analyse", "assistant.confirm_element",
    "assistant.correct_element", "assistant.decide_point", "assistant.add_document", "assistant.draft",
    "supervision.ledger.enter", "supervision.ledger.retier", "supervision.ledger.leave", "supervision.ledger.plan",
    "supervision.ledger.progress", "supervision.notice.issue", "supervision.notice.acknowledge",
    "supervision.notice.reply", "supervision.notice.escalate", "demo.load", "demo.generate",
    "evidence.period_set", "evidence.period_extend", "evidence.cross_examination_limit", "evidence.draft_save",
    "evidence.submit", "evidence.cross_examine", "evidence.find", "evidence.record",
    "delivery.address_confirm", "delivery.deliver", "delivery.channel_reached", "delivery.channel_failed",
    "delivery.open", "delivery.effective", "delivery.reminded", "delivery.public_notice",
    "dossier.archive", "dossier.bundle_request", "signing.key_create", "signing.key_rotate", "signing.sign",
    "publication.publish", "publication.withhold",
    "deliberation.panel_form", "deliberation.points", "deliberation.vote", "deliberation.conclude",
    "deliberation.referral_request", "deliberation.referral_decide", "deliberation.committee_decision",
    "deliberation.record",
    "async_trial.apply", "async_trial.consent", "async_trial.open", "async_trial.stage_open", "async_trial.answer",
    "async_trial.stage_end", "async_trial.switch", "async_trial.record", "async_trial.confirm",
    "judgment.draft",
    "mediation.roster", "mediation.apply", "mediation.entrust", "mediation.assign", "mediation.accept",
    "mediation.return", "mediation.propose", "mediation.sign", "mediation.extend", "mediation.end",
    "mediation.hand_over",
    "enforcement.apply", "enforcement.accept", "enforcement.refuse", "enforcement.measure",
    "enforcement.auction", "enforcement.inquiry", "enforcement.payment",
    "enforcement.dishonest",
    "criminal.register",
    "filing.acceptance_papers_redeferred", "delivery.paper",
    "judgment.edit", "judgment.signoff_request", "judgment.signoff_decide", "judgment.sign", "appeal.file",
    "joint_session.group", "joint_session.hold", "evidence.async_consent", "mediation.async_consent",
    "mediation.refer", "mediation.statement_issue", "mediation.statement_sign",
    "confirmation.apply", "confirmation.join", "confirmation.rule",
    "one_time_code.issue", "one_time_code.verify", "online_hearing.join", "online_hearing.leave",
    "online_hearing.mark", "online_hearing.record_write", "online_hearing.record_close",
    "online_hearing.record_sign", "online_hearing.record_refusal", "online_hearing.record_file",
}


def test_every_action_keeps_its_stored_value():
    assert {action.value for action in AuditAction} == STORED


def test_an_action_outside_the_enumeration_is_refused(db):
    with db.transaction() as session, pytest.raises(ValueError, match="case.acept"):
        audit.record(session, actor_id=None, action="case.acept", object_type="case", object_id=1)


def test_a_record_stores_the_plain_value(db, settings):
    with db.transaction() as session:
        written = audit.record(session, actor_id=None, action=AuditAction.CASE_CLOSE, object_type="case", object_id=1)
        assert type(written.action) is str
    with db.reading() as session:
        assert session.scalar(select(AuditRecord.action).where(AuditRecord.id == written.id)) == "case.close"
    with db.reading() as session:
        assert audit.verify(session, AnchorStore.from_settings(settings)).ok
