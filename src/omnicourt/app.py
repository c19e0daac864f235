"""The FastAPI app: wires each domain's API and page routers over one database."""

from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from omnicourt import __version__, runtime
from omnicourt.assistant import api as assistant_api
from omnicourt.assistant import pages as assistant_pages
from omnicourt.cases import api as cases_api
from omnicourt.cases import pages as cases_pages
from omnicourt.casework import api as casework_api
from omnicourt.casework import bundle_api, bundle_pages, document_api, document_pages
from omnicourt.casework import pages as casework_pages
from omnicourt.confirmation import api as confirmation_api
from omnicourt.confirmation import pages as confirmation_pages
from omnicourt.criminal import api as criminal_api
from omnicourt.criminal import pages as criminal_pages
from omnicourt.dashboard import api as dashboard_api
from omnicourt.dashboard import pages as dashboard_pages
from omnicourt.db import Database
from omnicourt.deadlines import api as deadlines_api
from omnicourt.deadlines import pages as deadlines_pages
from omnicourt.deliberation import api as deliberation_api
from omnicourt.deliberation import pages as deliberation_pages
from omnicourt.delivery import api as delivery_api
from omnicourt.delivery import pages as delivery_pages
from omnicourt.delivery import sending as delivery_sending
from omnicourt.enforcement import api as enforcement_api
from omnicourt.enforcement import auction_api, auction_pages
from omnicourt.enforcement import pages as enforcement_pages
from omnicourt.evidence import api as evidence_api
from omnicourt.evidence import pages as evidence_pages
from omnicourt.fees import api as fees_api
from omnicourt.fees import pages as fees_pages
from omnicourt.filing import api as filing_api
from omnicourt.filing import pages as filing_pages
from omnicourt.hearings import api as hearings_api
from omnicourt.hearings import pages as hearings_pages
from omnicourt.hearings.asynchronous import api as async_trial_api
from omnicourt.hearings.asynchronous import pages as async_trial_pages
from omnicourt.hearings.joint import api as joint_api
from omnicourt.hearings.joint import pages as joint_pages
from omnicourt.hearings.online import api as online_hearing_api
from omnicourt.hearings.online import pages as online_hearing_pages
from omnicourt.interest import api as interest_api
from omnicourt.interest import pages as interest_pages
from omnicourt.judgments import api as judgments_api
from omnicourt.judgments import appeals
from omnicourt.judgments import pages as judgments_pages
from omnicourt.mediation import api as mediation_api
from omnicourt.mediation import pages as mediation_pages
from omnicourt.notifications import pages as notifications_pages
from omnicourt.publication import api as publication_api
from omnicourt.publication import pages as publication_pages
from omnicourt.reference import api as reference_api
from omnicourt.retrieval import api as retrieval_api
from omnicourt.retrieval import pages as retrieval_pages
from omnicourt.security import api as security_api
from omnicourt.security import pages as security_pages
from omnicourt.security import verification_api, verification_pages
from omnicourt.settings import Settings, get_settings
from omnicourt.signing import api as signing_api
from omnicourt.signing import pages as signing_pages
from omnicourt.supervision import api as supervision_api
from omnicourt.supervision import pages as supervision_pages
from omnicourt.web import apidocs, deps, errors
from omnicourt.web import pages as web_pages
from omnicourt.web.headers import SecurityHeaders

STATIC = Path(__file__).resolve().parent / "web" / "static"


def create_app(settings: Settings | None = None, db: Database | None = None) -> FastAPI:
    settings = settings or get_settings()
    runtime.configure(settings)
    app = FastAPI(title="OmniCourt", version=__version__,
                  description="全域数字法院平台 API：网上立案、诉讼费计算、案件流程、审判管理。",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json" if settings.api_docs else None,
                  dependencies=[Depends(deps.rate_limit)])
    app.state.settings = settings
    app.state.db = db or Database(settings.database_url, settings.read_database_url)
    # the addressee opening a delivered document through casework's routes opens its delivery (casework may not
    # import delivery, which builds on it)
    app.state.document_opened = delivery_sending.opened_through_document
    # both case pages list the signed decisions with their effective date (casework may not import judgments)
    app.state.case_decisions = appeals.signed_documents
    app.add_middleware(SecurityHeaders, https=settings.secure_cookies)
    errors.install(app)
    if settings.api_docs:
        app.include_router(apidocs.router)
    for module in (security_api, reference_api, fees_api, filing_api, cases_api, casework_api, deadlines_api,
                   supervision_api, dashboard_api, web_pages, security_pages, fees_pages, filing_pages, cases_pages,
                   casework_pages, deadlines_pages, supervision_pages, dashboard_pages, notifications_pages):
        app.include_router(module.router)
    app.include_router(fees_api.payments_router)
    app.include_router(assistant_api.router)
    app.include_router(assistant_pages.router)
    app.include_router(retrieval_api.router)
    app.include_router(retrieval_pages.router)
    app.include_router(interest_api.router)
    app.include_router(interest_pages.router)
    app.include_router(verification_api.router)
    app.include_router(verification_pages.router)
    app.include_router(document_api.router)
    app.include_router(document_pages.router)
    app.include_router(evidence_api.router)
    app.include_router(evidence_pages.router)
    app.include_router(deliberation_api.router)
    app.include_router(deliberation_pages.router)
    app.include_router(async_trial_api.router)
    app.include_router(async_trial_pages.router)
    app.include_router(online_hearing_api.router)
    app.include_router(online_hearing_pages.router)
    app.include_router(mediation_api.router)
    app.include_router(mediation_pages.router)
    app.include_router(confirmation_api.router)
    app.include_router(confirmation_pages.router)
    app.include_router(delivery_api.router)
    app.include_router(delivery_pages.router)
    app.include_router(bundle_pages.router)
    app.include_router(bundle_api.router)
    app.include_router(signing_api.router)
    app.include_router(signing_pages.router)
    app.include_router(criminal_api.router)
    app.include_router(criminal_pages.router)
    app.include_router(judgments_api.router)
    app.include_router(judgments_pages.router)
    app.include_router(judgments_api.after)
    app.include_router(publication_api.router)
    app.include_router(publication_pages.router)
    app.include_router(hearings_api.router)
    app.include_router(hearings_pages.router)
    app.include_router(enforcement_api.router)
    app.include_router(enforcement_api.cases_router)
    app.include_router(enforcement_pages.router)
    app.include_router(auction_api.router)
    app.include_router(auction_pages.router)
    app.include_router(joint_api.router)
    app.include_router(joint_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/api/v1/ping", tags=["health"])
    def ping():
        """Liveness, and the baseline endpoint of the HTTP benchmark."""
        return {"ok": True}

    return app
