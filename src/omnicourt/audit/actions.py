"""Every audit action, one enumeration: a misspelt action fails at import, not in the chain.

The values are what the audit log stores and hashes (audit_records.action): a value never changes, or the
records written under it would read as another action. Writers name an action by its member
(AuditAction.CASE_ACCEPT); audit.service.record refuses anything else.
"""

from enum import StrEnum


class AuditAction(StrEnum):
    # accounts, identity, access
    ACCOUNT_REGISTER = "account.register"
    ACCOUNT_LOGIN = "account.login"
    ACCOUNT_LOGIN_FAILED = "account.login_failed"
    ACCOUNT_PASSWORD_CHANGE = "account.password_change"
    ACCOUNT_PASSWORD_RESET_REQUEST = "account.password_reset_request"
    ACCOUNT_PASSWORD_RESET = "account.password_reset"
    IDENTITY_VERIFIED = "identity.verified"
    IDENTITY_REFUSED = "identity.refused"
    IDENTITY_COMPANY_LINK_REQUESTED = "identity.company_link_requested"
    IDENTITY_COMPANY_LINK_APPROVED = "identity.company_link_approved"
    IDENTITY_COMPANY_LINK_REFUSED = "identity.company_link_refused"
    ACCESS_DENIED = "access.denied"
    # filing
    FILING_SUBMIT = "filing.submit"
    FILING_REQUEST_CORRECTION = "filing.request_correction"
    FILING_CORRECT = "filing.correct"
    FILING_REFUSE = "filing.refuse"
    # cases
    CASE_ACCEPT = "case.accept"
    CASE_LINK = "case.link"
    CASE_REASSIGN = "case.reassign"
    CASE_HOLD_HEARING = "case.hold_hearing"
    CASE_CLOSE = "case.close"
    CASE_APPRAISAL_ENTRUSTED = "case.appraisal_entrusted"
    CASE_PUBLIC_NOTICE_PUBLISHED = "case.public_notice_published"
    CASE_HEARING_POSTPONED = "case.hearing_postponed"
    # hearings
    HEARING_SCHEDULE = "hearing.schedule"
    HEARING_POSTPONEMENT_REQUEST = "hearing.postponement_request"
    HEARING_POSTPONEMENT_DECIDE = "hearing.postponement_decide"
    # fees
    FEE_ORDER = "fee.order"
    FEE_PAID = "fee.paid"
    FEE_REFUND = "fee.refund"
    # deadlines
    DEADLINE_CONVERT = "deadline.convert"
    DEADLINE_APPLY_EXTENSION = "deadline.apply_extension"
    DEADLINE_APPLY_SUSPENSION = "deadline.apply_suspension"
    DEADLINE_APPROVED = "deadline.approved"
    DEADLINE_REFUSED = "deadline.refused"
    DEADLINE_END_SUSPENSION = "deadline.end_suspension"
    # dossier and assistant
    DOSSIER_ADD = "dossier.add"
    DOSSIER_CATALOGUE_CORRECT = "dossier.catalogue_correct"
    DOSSIER_ARCHIVE = "dossier.archive"
    DOSSIER_BUNDLE_REQUEST = "dossier.bundle_request"
    # signing
    SIGNING_KEY_CREATE = "signing.key_create"
    SIGNING_KEY_ROTATE = "signing.key_rotate"
    DOCUMENT_SIGN = "signing.sign"
    ASSISTANT_ANALYSE = "assistant.analyse"
    ASSISTANT_CONFIRM_ELEMENT = "assistant.confirm_element"
    ASSISTANT_CORRECT_ELEMENT = "assistant.correct_element"
    ASSISTANT_DECIDE_POINT = "assistant.decide_point"
    ASSISTANT_ADD_DOCUMENT = "assistant.add_document"
    ASSISTANT_DRAFT = "assistant.draft"
    # evidence exchange
    EVIDENCE_PERIOD_SET = "evidence.period_set"
    EVIDENCE_PERIOD_EXTEND = "evidence.period_extend"
    EVIDENCE_CROSS_EXAMINATION_LIMIT = "evidence.cross_examination_limit"
    EVIDENCE_DRAFT_SAVE = "evidence.draft_save"
    EVIDENCE_SUBMIT = "evidence.submit"
    EVIDENCE_CROSS_EXAMINE = "evidence.cross_examine"
    EVIDENCE_FIND = "evidence.find"
    EVIDENCE_RECORD = "evidence.record"
    # deliberation
    PANEL_FORM = "deliberation.panel_form"
    DELIBERATION_POINTS = "deliberation.points"
    DELIBERATION_VOTE = "deliberation.vote"
    DELIBERATION_CONCLUDE = "deliberation.conclude"
    DELIBERATION_REFERRAL_REQUEST = "deliberation.referral_request"
    DELIBERATION_REFERRAL_DECIDE = "deliberation.referral_decide"
    DELIBERATION_COMMITTEE_DECISION = "deliberation.committee_decision"
    DELIBERATION_RECORD = "deliberation.record"
    # asynchronous trial
    ASYNC_TRIAL_APPLY = "async_trial.apply"
    ASYNC_TRIAL_CONSENT = "async_trial.consent"
    ASYNC_TRIAL_OPEN = "async_trial.open"
    ASYNC_TRIAL_STAGE_OPEN = "async_trial.stage_open"
    ASYNC_TRIAL_ANSWER = "async_trial.answer"
    ASYNC_TRIAL_STAGE_END = "async_trial.stage_end"
    ASYNC_TRIAL_SWITCH = "async_trial.switch"
    ASYNC_TRIAL_RECORD = "async_trial.record"
    ASYNC_TRIAL_CONFIRM = "async_trial.confirm"
    # delivery
    DELIVERY_ADDRESS_CONFIRM = "delivery.address_confirm"
    DELIVERY_DELIVER = "delivery.deliver"
    DELIVERY_CHANNEL_REACHED = "delivery.channel_reached"
    DELIVERY_CHANNEL_FAILED = "delivery.channel_failed"
    DELIVERY_OPEN = "delivery.open"
    DELIVERY_EFFECTIVE = "delivery.effective"
    DELIVERY_REMINDED = "delivery.reminded"
    DELIVERY_PUBLIC_NOTICE = "delivery.public_notice"
    # publication of judgments
    PUBLICATION_PUBLISH = "publication.publish"
    PUBLICATION_WITHHOLD = "publication.withhold"
    # court documents (裁判文书)
    JUDGMENT_DRAFT = "judgment.draft"
    # supervision
    SUPERVISION_LEDGER_ENTER = "supervision.ledger.enter"
    SUPERVISION_LEDGER_RETIER = "supervision.ledger.retier"
    SUPERVISION_LEDGER_LEAVE = "supervision.ledger.leave"
    SUPERVISION_LEDGER_PLAN = "supervision.ledger.plan"
    SUPERVISION_LEDGER_PROGRESS = "supervision.ledger.progress"
    SUPERVISION_NOTICE_ISSUE = "supervision.notice.issue"
    SUPERVISION_NOTICE_ACKNOWLEDGE = "supervision.notice.acknowledge"
    SUPERVISION_NOTICE_REPLY = "supervision.notice.reply"
    SUPERVISION_NOTICE_ESCALATE = "supervision.notice.escalate"
    # online mediation
    MEDIATION_ROSTER = "mediation.roster"
    MEDIATION_APPLY = "mediation.apply"
    MEDIATION_ENTRUST = "mediation.entrust"
    MEDIATION_ASSIGN = "mediation.assign"
    MEDIATION_ACCEPT = "mediation.accept"
    MEDIATION_RETURN = "mediation.return"
    MEDIATION_PROPOSE = "mediation.propose"
    MEDIATION_SIGN = "mediation.sign"
    MEDIATION_EXTEND = "mediation.extend"
    MEDIATION_END = "mediation.end"
    MEDIATION_HAND_OVER = "mediation.hand_over"
    # enforcement
    ENFORCEMENT_APPLY = "enforcement.apply"
    ENFORCEMENT_ACCEPT = "enforcement.accept"
    ENFORCEMENT_REFUSE = "enforcement.refuse"
    PROPERTY_MEASURE = "enforcement.measure"
    AUCTION = "enforcement.auction"
    ASSET_INQUIRY = "enforcement.inquiry"
    ENFORCEMENT_PAYMENT = "enforcement.payment"
    DISHONEST_LIST = "enforcement.dishonest"
    MEDIATION_REFER = "mediation.refer"
    MEDIATION_STATEMENT_ISSUE = "mediation.statement_issue"
    MEDIATION_STATEMENT_SIGN = "mediation.statement_sign"
    # judicial confirmation (司法确认)
    CONFIRMATION_APPLY = "confirmation.apply"
    CONFIRMATION_JOIN = "confirmation.join"
    CONFIRMATION_RULE = "confirmation.rule"
    # demo data
    DEMO_LOAD = "demo.load"
    DEMO_GENERATE = "demo.generate"
    # criminal cases
    CRIMINAL_REGISTER = "criminal.register"
    # a lost acceptance-papers job deferred again by the sweep; paper service (送达回证) recorded by the clerk
    ACCEPTANCE_PAPERS_REDEFERRED = "filing.acceptance_papers_redeferred"
    DELIVERY_PAPER = "delivery.paper"
    # court documents after drafting: edits, sign-off (签发), signing, appeals
    JUDGMENT_EDIT = "judgment.edit"
    JUDGMENT_SIGNOFF_REQUEST = "judgment.signoff_request"
    JUDGMENT_SIGNOFF_DECIDE = "judgment.signoff_decide"
    JUDGMENT_SIGN = "judgment.sign"
    APPEAL_FILE = "appeal.file"
    # joint sessions (多案联审) and consent to asynchronous steps
    JOINT_SESSION_GROUP = "joint_session.group"
    JOINT_SESSION_HOLD = "joint_session.hold"
    EVIDENCE_ASYNC_CONSENT = "evidence.async_consent"
    MEDIATION_ASYNC_CONSENT = "mediation.async_consent"
