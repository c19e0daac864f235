"""Every table of the platform, imported once so that metadata and migrations see them all."""

from omnicourt.assistant.models import AnalysisRequest, AnalysisRun, CaseElement, DisputePoint
from omnicourt.audit.models import AuditChainHead, AuditRecord
from omnicourt.cases.models import Case, CaseLink, CaseNumberSequence, CaseParty, Claim, TimelineEvent
from omnicourt.confirmation.models import ConfirmationApplication, ConfirmationJoin
from omnicourt.criminal.models import Indictment
from omnicourt.dashboard.models import (
    CaseAction,
    CaseMark,
    CourtDuration,
    CourtFlow,
    CourtOpenCases,
    Duration,
    Flow,
    OpenCases,
    Watermark,
)
from omnicourt.db import Base
from omnicourt.deadlines.models import DeadlineAdjustment, DeadlineWarning
from omnicourt.deliberation.models import Deliberation, DeliberationPoint, DeliberationVote, Panel, PanelMember
from omnicourt.delivery.models import Delivery, DeliveryAddress, DeliveryChannel
from omnicourt.dossier.models import Document, DocumentText, DossierArchive, DossierBundle
from omnicourt.enforcement.models import (
    AssetInquiry,
    Auction,
    AuctionBid,
    AuctionDeposit,
    DishonestListing,
    EnforcementApplication,
    EnforcementPayment,
    PropertyMeasure,
)
from omnicourt.evidence.models import (
    CrossExaminationOpinion,
    EvidenceItem,
    EvidenceList,
    EvidencePeriod,
    OnlineExchangeConsent,
)
from omnicourt.fees.models import FeeNotice, FeePayment, FeeRefund
from omnicourt.filing.models import BulkFiling, BulkFilingFile, BulkFilingRow, FilingApplication
from omnicourt.hearings.asynchronous.models import (
    AsyncTrial,
    AsyncTrialAnswer,
    AsyncTrialConfirmation,
    AsyncTrialConsent,
    AsyncTrialStage,
)
from omnicourt.hearings.joint.models import JointSession, JointSessionCase
from omnicourt.hearings.models import Hearing, HearingParticipant, HearingPostponement
from omnicourt.hearings.online.models import OnlineAttendance, OnlineRecord, OnlineRecordSignature
from omnicourt.idempotency.models import IdempotentRequest
from omnicourt.judgments.models import Appeal, JudgmentDocument, JudgmentSignoff, JudgmentVersion
from omnicourt.mediation.models import (
    AgreementSignature,
    Mediation,
    MediationEvent,
    MediationMessage,
    MediationOrganisation,
    MediationParty,
    MediationReferral,
    MediationStatement,
    Mediator,
    SettlementAgreement,
    StatementReceipt,
)
from omnicourt.notifications.models import Notification
from omnicourt.publication.models import PublishedJudgment
from omnicourt.queue.models import JobRun
from omnicourt.reference.models import CaseType, Cause, Court, Courtroom, Division
from omnicourt.retrieval.models import CauseStatute, Judgment, JudgmentCitation, JudgmentTokens
from omnicourt.security.models import (
    Account,
    CompanyLinkRequest,
    FailedLogin,
    IdentityBinding,
    IdentityRefusal,
    LoginSession,
    OneTimeCode,
    PasswordReset,
    SuspendedCaseLink,
)
from omnicourt.signing.models import Signature, SigningKey
from omnicourt.supervision.models import LedgerEntry, LedgerProgress, SupervisionNotice

metadata = Base.metadata

__all__ = [
    "Account", "AuditChainHead", "AuditRecord", "Case", "CaseAction", "CaseLink", "CaseMark", "CaseNumberSequence",
    "CaseParty", "CaseType", "Cause", "Claim", "Court", "CourtDuration", "CourtFlow", "CourtOpenCases",
    "DeadlineAdjustment", "DeadlineWarning", "Division", "Document", "DocumentText", "Duration", "FailedLogin",
    "FeeNotice", "FeePayment", "FeeRefund",
    "FilingApplication", "Flow", "LedgerEntry", "LedgerProgress", "LoginSession", "Notification", "OpenCases",
    "SupervisionNotice", "TimelineEvent", "Watermark", "metadata",
    "AnalysisRun", "CaseElement", "DisputePoint",
    "Judgment", "JudgmentCitation",
    "CauseStatute", "JudgmentTokens",
    "CompanyLinkRequest", "IdentityBinding", "IdentityRefusal", "SuspendedCaseLink",
    "PasswordReset",
    "IdempotentRequest",
    "JobRun",
    "BulkFiling", "BulkFilingFile", "BulkFilingRow",
    "CrossExaminationOpinion", "EvidenceItem", "EvidenceList", "EvidencePeriod",
    "OnlineExchangeConsent",
    "Delivery", "DeliveryAddress", "DeliveryChannel",
    "PublishedJudgment",
    "JudgmentDocument", "JudgmentVersion",
    "AnalysisRequest", "DossierArchive", "DossierBundle", "Signature", "SigningKey",
    "Deliberation", "DeliberationPoint", "DeliberationVote", "Panel", "PanelMember",
    "AsyncTrial", "AsyncTrialAnswer", "AsyncTrialConfirmation", "AsyncTrialConsent", "AsyncTrialStage",
    "Courtroom", "Hearing", "HearingParticipant", "HearingPostponement",
    "JointSession", "JointSessionCase",
    "AgreementSignature", "Mediation", "MediationEvent", "MediationMessage", "MediationOrganisation",
    "MediationParty", "Mediator", "SettlementAgreement",
    "AssetInquiry", "Auction", "AuctionBid", "AuctionDeposit", "DishonestListing", "EnforcementApplication",
    "EnforcementPayment",
    "PropertyMeasure",
    "Indictment",
    "Appeal", "JudgmentSignoff",
    "ConfirmationApplication", "ConfirmationJoin", "MediationStatement", "StatementReceipt",
    "MediationReferral",
    "OnlineAttendance", "OnlineRecord", "OnlineRecordSignature", "OneTimeCode",
]
