"""Every table of the platform, imported once so that metadata and migrations see them all."""

from omnicourt.audit.models import AuditChainHead, AuditRecord
from omnicourt.cases.models import Case, CaseLink, CaseNumberSequence, CaseParty, Claim, TimelineEvent
from omnicourt.db import Base
from omnicourt.dossier.models import Document
from omnicourt.fees.models import FeeNotice
from omnicourt.filing.models import FilingApplication
from omnicourt.reference.models import CaseType, Cause, Court, Division
from omnicourt.security.models import Account, FailedLogin, LoginSession

metadata = Base.metadata

__all__ = [
    "Account", "AuditChainHead", "AuditRecord", "Case", "CaseLink", "CaseNumberSequence", "CaseParty",
    "CaseType", "Cause", "Claim", "Court", "Division", "Document", "FailedLogin", "FeeNotice",
    "FilingApplication", "LoginSession", "TimelineEvent", "metadata",
]
