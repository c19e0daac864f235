"""An uploaded element sheet filed as a job, never in the request: the request checks the whole upload and stores it
(`start`), the job `filing.bulk` (jobs.py) files its rows (`run`), and the page that started it reads how far it has
come and then its report (`status`).

Each row's outcome is written in the transaction that files the row, so a job run again (a retry, a worker killed
mid-way) files each row once and reports the rows an earlier run filed as filed.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from omnicourt.db import Database, utcnow
from omnicourt.dossier.service import Upload
from omnicourt.errors import NotFound
from omnicourt.filing import bulk
from omnicourt.filing.models import BulkFiling, BulkFilingFile, BulkFilingRow
from omnicourt.filing.schemas import BulkReport, BulkRow
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings

JOB = "filing.bulk"
NOT_FOUND = "批量立案记录不存在"


@dataclass(frozen=True)
class BatchStatus:
    id: int
    state: str  # waiting / running / done / failed
    done: int
    total: int
    error: str | None
    report: BulkReport | None  # when done


def start(db: Database, *, actor: Actor, rows: list[dict], attachments: list[Upload], today: date) -> int:
    """Refuse what refuses the whole upload (bulk.check_batch), then store the rows and attachments for the job;
    the batch's id. The rows are filed as of `today`, the court's day of the upload."""
    bulk.check_batch(actor, rows, attachments)
    with db.transaction() as session:
        batch = BulkFiling(applicant_id=actor.id, state="waiting", filed_on=today, rows=rows, total=len(rows),
                           created_at=utcnow())
        session.add(batch)
        session.flush()
        session.add_all(BulkFilingFile(batch_id=batch.id, filename=upload.filename, content=upload.content)
                        for upload in attachments)
        return batch.id


def queued(db: Database, batch_id: int, *, run_id: str | None, error: str | None = None) -> None:
    """The job's run id once deferred; or, when it could not be, the batch failed with the reason."""
    with db.transaction() as session:
        batch = session.get_one(BulkFiling, batch_id)
        batch.run_id = run_id
        if error is not None:
            batch.state, batch.error, batch.finished_at = "failed", error[:500], utcnow()


def run(db: Database, settings: Settings, *, batch_id: int, progress=lambda done, total: None,
        last_attempt: bool = False) -> BulkReport | None:
    """The job: file the rows not yet decided; None for a batch that no longer exists. A failure on the
    `last_attempt` (no retry follows) leaves the batch failed, so its page stops waiting."""
    with db.transaction() as session:
        batch = session.get(BulkFiling, batch_id, with_for_update=True)
        if batch is None:
            return None
        if batch.state == "done":
            return _report(session, batch)
        batch.state, batch.error = "running", None
        account = security.get_account(session, batch.applicant_id)
        if account is None:  # accounts are never deleted; a batch outlives nothing
            raise NotFound("提交该要素表的账户不存在", field="batch_id")
        actor = security.actor_for(session, account)
        rows, filed_on = batch.rows, batch.filed_on
        decided = _outcomes(session, batch_id)
        attachments = [Upload(f.filename, f.content) for f in session.scalars(
            select(BulkFilingFile).where(BulkFilingFile.batch_id == batch_id).order_by(BulkFilingFile.id))]

    def record(session: Session | None, index: int, outcome: BulkRow) -> None:
        if session is None:  # a refused row: nothing was filed, its outcome on its own
            with db.transaction() as own:
                _record(own, batch_id, index, outcome)
        else:
            _record(session, batch_id, index, outcome)

    try:
        report = bulk.file_many(db, settings, actor=actor, rows=rows, today=filed_on, attachments=attachments,
                                decided=decided, on_row=record, progress=progress)
    except Exception as error:  # shown on the page while the queue retries; the rows filed so far stay filed
        with db.transaction() as session:
            batch = session.get_one(BulkFiling, batch_id)
            batch.error = f"{type(error).__name__}: {error}"[:500]
            if last_attempt:
                batch.state, batch.finished_at = "failed", utcnow()
        raise
    with db.transaction() as session:
        batch = session.get_one(BulkFiling, batch_id)
        batch.state, batch.finished_at = "done", utcnow()
        session.execute(delete(BulkFilingFile).where(BulkFilingFile.batch_id == batch_id))
    return report


def _record(session: Session, batch_id: int, index: int, outcome: BulkRow) -> None:
    session.add(BulkFilingRow(batch_id=batch_id, row_index=index, outcome=outcome.model_dump(mode="json")))


def _outcomes(session: Session, batch_id: int) -> dict[int, BulkRow]:
    return {row.row_index: BulkRow.model_validate(row.outcome) for row in session.scalars(
        select(BulkFilingRow).where(BulkFilingRow.batch_id == batch_id))}


def _report(session: Session, batch: BulkFiling) -> BulkReport:
    return bulk.report_of([outcome for _, outcome in sorted(_outcomes(session, batch.id).items())])


def status(session: Session, *, actor: Actor, batch_id: int) -> BatchStatus:
    """How far the batch has come, and its report once done; the one 404 for a batch missing or not the actor's."""
    batch = session.get(BulkFiling, batch_id)
    if batch is None or batch.applicant_id != actor.id:
        raise NotFound(NOT_FOUND, field="batch_id")
    done = session.scalar(select(func.count()).select_from(BulkFilingRow).where(BulkFilingRow.batch_id == batch_id))
    return BatchStatus(id=batch.id, state=batch.state, done=done or 0, total=batch.total, error=batch.error,
                       report=_report(session, batch) if batch.state == "done" else None)
