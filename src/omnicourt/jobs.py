"""The platform's jobs, run by `omnicourt worker` (omnicourt/queue): the periodic sweeps (and `omnicourt sweep`
running them once, now), the dashboard's refresh, and the heavy work requests defer. Cron lines are in UTC."""

from collections.abc import Callable, Sequence
from datetime import date

from omnicourt import clock
from omnicourt.assistant import requests as assistant_requests
from omnicourt.audit import service as audit
from omnicourt.casework import archive, bundles, closing
from omnicourt.dashboard import updates as dashboard
from omnicourt.db import Database
from omnicourt.deadlines import sweep as deadline_sweep
from omnicourt.delivery import sending as delivery
from omnicourt.delivery import service as delivery_service
from omnicourt.delivery.service import SEND_JOB as DELIVERY_SEND_JOB
from omnicourt.dossier import text as dossier_text
from omnicourt.dossier.storage import storage_of
from omnicourt.enforcement import inquiry
from omnicourt.enforcement import sweep as enforcement_sweep
from omnicourt.filing import acceptance, batches
from omnicourt.mediation import sweep as mediation_sweep
from omnicourt.queue import open_queue
from omnicourt.queue.registry import job
from omnicourt.retrieval import casebase
from omnicourt.security import service as security
from omnicourt.security import sms
from omnicourt.settings import Settings
from omnicourt.supervision import sweep as supervision_sweep

Sweep = Callable[..., object]
# Deadline warnings, the long-pending ledger and overdue supervision notices, closed cases into the case base and
# their dossiers archived (a signed package each), then the audit chain heads anchored outside the database (last,
# so it covers what the others recorded).
# Each is called as sweep(db, settings, today=...).
SWEEPS: tuple[Sweep, ...] = (deadline_sweep.run, supervision_sweep.run, mediation_sweep.run, enforcement_sweep.run,
                             casebase.run, archive.run, audit.run)


def run_all(db: Database, settings: Settings, *, today: date | None = None, jobs: Sequence[Sweep] = SWEEPS,
            progress: Callable[..., None] = lambda *_: None) -> list[object]:
    """Run every sweep once, in order; `omnicourt sweep` and the hourly job both call this."""
    results = []
    for done, sweep in enumerate(jobs):
        progress(done, len(jobs), sweep.__module__)
        results.append(sweep(db, settings, today=today or clock.today()))
    progress(len(jobs), len(jobs), "")
    return results


@job("sweeps", schedule="0 * * * *", tracked=True)
def sweeps(context) -> None:
    """Hourly: each sweep is idempotent, so a retry or a second run changes nothing more."""
    run_all(context.db, context.settings, progress=context.progress)


@job("dashboard.refresh", schedule="* * * * *", retries=0)
def dashboard_refresh(context) -> None:
    """Every minute: the screen's aggregates take up the timeline events written since (the watermark row lock
    keeps two appliers from counting a change twice). No retry: the next minute is one."""
    dashboard.refresh(context.db)


@job(dossier_text.JOB, schedule="* * * * *", retries=0)
def read_document_texts(context) -> None:
    """Every minute: the documents stored since are read (their text layer, OCR of scans) and catalogued by kind.
    Each document's row was written waiting with it, so none is missed; the pages done are kept per document for
    the case page and `omnicourt dossier text-status`. No retry: the next minute takes up what is left."""
    dossier_text.run(context.db, storage_of(context.settings))


PROGRESS_EVERY_ROWS = 20  # a row is a transaction already: progress for `omnicourt jobs status` now and then


@job(batches.JOB, retries=3, tracked=True)
def bulk_filing(context, batch_id: int) -> None:
    """An uploaded element sheet's rows (filing/batches.py): a row filed by an earlier run is not filed again."""

    def progress(done: int, total: int) -> None:
        if done == total or done % PROGRESS_EVERY_ROWS == 0:
            context.progress(done, total, f"要素表批次 {batch_id}")

    batches.run(context.db, context.settings, batch_id=batch_id, progress=progress, last_attempt=context.last_attempt)


@job(assistant_requests.JOB, retries=2, tracked=True)
def assistant_analyse(context, request_id: int) -> None:
    """A judge's request to analyse the case file: reading its PDFs and .docx takes seconds, never a request's."""
    assistant_requests.run(context.db, context.settings, request_id=request_id, last_attempt=context.last_attempt)
@job(closing.ARCHIVE_JOB, retries=3)
def dossier_archive(context, case_id: int) -> None:
    """A case just closed: its dossier archived now rather than at the next hourly sweep (which stays the safety
    net); a case archived already is left as it is."""
    with context.db.transaction() as session:
        archive.archive_case(session, context.settings, case_id=case_id)


@job(bundles.JOB, retries=2, tracked=True)
def dossier_bundle(context, bundle_id: int) -> None:
    """A case's dossier as one PDF (casework/bundles.py): a run again rebuilds it and finishes the same row."""
    bundles.run(context.db, context.settings, bundle_id=bundle_id, last_attempt=context.last_attempt)


@job(security.PASSWORD_RESET_JOB, retries=3)
def password_reset_text(context, account_id: int) -> None:
    """A password reset link by text message, off the request. At least once: a worker lost after the gateway took
    the message but before the job ended texts a second link; both work, once each, until they expire (the
    account's owner asked for a reset), which is why this is not made exactly-once."""
    with context.db.transaction() as session:
        found = security.issue_password_reset(session, context.settings, account_id=account_id)
    if found is not None:
        phone, token = found
        sms.sender(context.settings)(phone, security.password_reset_text(context.settings, token))


@job(DELIVERY_SEND_JOB, retries=5)
def delivery_send(context, delivery_id: int) -> None:
    """A delivery's e-mail and text message, then its certificate once it has legal effect (delivery/sending.py):
    a channel that reached is not sent again, the certificate is filed once."""
    delivery.send(context.db, context.settings, delivery_id=delivery_id, last_attempt=context.last_attempt)


@job(inquiry.JOB, retries=5)
def asset_inquiry(context, inquiry_id: int) -> None:
    """One agency's answer to an online asset inquiry (网络执行查控); an inquiry answered already is left as it is."""
    inquiry.answer(context.db, context.settings, inquiry_id=inquiry_id)


@job(acceptance.JOB, retries=5)
def acceptance_papers(context, case_id: int, accepted_by: int) -> None:
    """A case just accepted: its notices and the filer's address confirmation into the dossier, the address recorded
    for its party, the notices delivered to the parties that consented and sent. A run again writes nothing twice
    and finishes the sending (a channel that reached is not sent again)."""
    with context.db.transaction() as session:
        papers = acceptance.write_papers(session, context.settings, case_id=case_id, written_by=accepted_by)
        address = acceptance.filed_address(session, case_id)
        if address is not None:
            delivery_service.record_filed_address(session, case_id=case_id, party_id=address.party_id,
                                                  consented=address.consented, email=address.email,
                                                  mobile=address.mobile, confirmed_by=address.confirmed_by)
        delivery_ids = delivery_service.deliver_papers(
            session, context.settings, case_id=case_id, created_by=accepted_by,
            papers=[(p.document_id, p.party_id) for p in papers if p.kind in acceptance.DELIVERED_KINDS])
    failed = []
    for delivery_id in delivery_ids:
        try:
            delivery.send(context.db, context.settings, delivery_id=delivery_id, last_attempt=context.last_attempt)
        except delivery.ChannelsFailed as error:
            failed.append(error)
    if failed:
        raise failed[0]


@job("delivery.sweep", schedule="20 * * * *", retries=0)
def delivery_sweep(context) -> None:
    """Hourly: deliveries a lost job left are finished, unread ones reminded (在线诉讼规则 art. 32). No retry: the
    next hour is one."""
    delivery.sweep(context.db, context.settings, now=clock.utcnow())


@job(acceptance.SWEEP_JOB, schedule="40 * * * *", retries=0)
def acceptance_sweep(context) -> None:
    """Hourly: a case accepted whose acceptance papers were never written (its job lost) has that job deferred
    again, once (filing/acceptance.py). No retry: the next hour is one."""
    queue = open_queue(context.settings, periodic=False)
    try:
        acceptance.redefer_lost(context.db, queue, now=clock.utcnow())
    finally:
        queue.close()
