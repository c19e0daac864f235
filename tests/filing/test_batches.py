"""An element sheet filed as a job, on every backend: the upload refused whole before anything is stored, the rows
filed by the job with their progress, a run broken off and run again filing each row once, the batch its
uploader's alone."""

import uuid

import pytest
from sqlalchemy import func, select

from omnicourt.dossier.service import Upload
from omnicourt.errors import Forbidden, InvalidInput, NotFound
from omnicourt.filing import batches, bulk
from omnicourt.filing.models import BulkFiling, BulkFilingFile, FilingApplication
from omnicourt.queue import open_queue, runs
from omnicourt.queue.registry import Job
from omnicourt.security import service as security
from tests.conftest import TODAY, actor_named
from tests.factories import PDF_BYTES as PDF
from tests.factories import register_party
from tests.filing.test_bulk import applications_of, loan_row


@pytest.fixture
def party(db):
    with db.transaction() as session:
        return security.actor_for(session, register_party(session))


def batch_count(db) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(BulkFiling))


@pytest.mark.parametrize(("rows", "attachments", "refusal"), [
    ([], [], "要素表没有数据行"),
    ([loan_row()], [Upload("借款合同.pdf", PDF)], "没有以要素表中任何一行的借款合同编号开头"),
])
def test_an_upload_refused_whole_stores_nothing(db, party, rows, attachments, refusal):
    before = batch_count(db)
    with pytest.raises(InvalidInput, match=refusal):
        batches.start(db, actor=party, rows=rows, attachments=attachments, today=TODAY)
    assert batch_count(db) == before


def test_staff_start_no_batch(db):
    with pytest.raises(Forbidden):
        batches.start(db, actor=actor_named(db, "demo-filing-officer"), rows=[loan_row()], attachments=[],
                      today=TODAY)


def test_the_job_files_the_rows_with_their_attachments_and_forgets_the_upload(db, settings, party):
    good, refused = loan_row(), loan_row(**{"loan.rate": "看心情"})
    contract = good["contract.number"]
    batch_id = batches.start(db, actor=party, rows=[good, refused],
                             attachments=[Upload(f"{contract}_借款合同.pdf", PDF)], today=TODAY)
    with db.reading() as session:
        waiting = batches.status(session, actor=party, batch_id=batch_id)
    assert (waiting.state, waiting.done, waiting.total, waiting.report) == ("waiting", 0, 2, None)

    seen = []
    report = batches.run(db, settings, batch_id=batch_id, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
    assert [(r.row, r.status) for r in report.rows] == [(1, "filed"), (2, "refused")]
    assert report.rows[0].attachments == [f"{contract}_借款合同.pdf"]
    with db.reading() as session:
        done = batches.status(session, actor=party, batch_id=batch_id)
        left = session.scalar(select(func.count()).select_from(BulkFilingFile)
                              .where(BulkFilingFile.batch_id == batch_id))
    assert (done.state, done.done, done.report) == ("done", 2, report)
    assert left == 0  # the filed attachment is in the dossier now; the upload's copy is gone


def filing_fails_on_row(monkeypatch, n: int, message: str):
    """Filing a row raises on the `n`th row filed, as a lost worker or database would; the real filing, to put back."""
    real, calls = bulk.file_sheet, []

    def fails_on_the_nth(*args, **kwargs):
        calls.append(1)
        if len(calls) == n:
            raise RuntimeError(message)
        return real(*args, **kwargs)

    monkeypatch.setattr(bulk, "file_sheet", fails_on_the_nth)
    return real


def test_a_run_broken_off_and_run_again_files_each_row_once(db, settings, party, monkeypatch):
    rows = [loan_row(reference=f"R{n}") for n in range(1, 5)]
    batch_id = batches.start(db, actor=party, rows=rows, attachments=[], today=TODAY)
    real = filing_fails_on_row(monkeypatch, 3, "worker lost")
    with pytest.raises(RuntimeError):
        batches.run(db, settings, batch_id=batch_id)
    with db.reading() as session:
        broken = batches.status(session, actor=party, batch_id=batch_id)
    assert (broken.state, broken.done) == ("running", 2) and "worker lost" in broken.error
    first_two = [a.id for a in applications_of(db, party)]
    assert len(first_two) == 2

    monkeypatch.setattr(bulk, "file_sheet", real)
    report = batches.run(db, settings, batch_id=batch_id)
    assert [(r.reference, r.status) for r in report.rows] == [(f"R{n}", "filed") for n in range(1, 5)]
    assert [r.application_id for r in report.rows[:2]] == first_two  # reported as filed, not as repeats
    assert [a.id for a in applications_of(db, party)] == [r.application_id for r in report.rows]
    assert batches.run(db, settings, batch_id=batch_id) == report  # a finished batch files nothing more


def test_a_batch_is_its_uploaders_alone(db, party):
    batch_id = batches.start(db, actor=party, rows=[loan_row()], attachments=[], today=TODAY)
    with db.transaction() as session:
        other = security.actor_for(session, register_party(session))
    with db.reading() as session, pytest.raises(NotFound) as hidden:
        batches.status(session, actor=other, batch_id=batch_id)
    with db.reading() as session, pytest.raises(NotFound) as missing:
        batches.status(session, actor=party, batch_id=batch_id + 10_000)
    assert hidden.value.message == missing.value.message == batches.NOT_FOUND


def test_the_queue_runs_the_job_and_the_run_shows_its_progress(db, settings, party):
    contract = f"XH-{uuid.uuid4().hex[:10]}"
    batch_id = batches.start(db, actor=party, rows=[loan_row(**{"contract.number": contract})], attachments=[],
                             today=TODAY)
    queue = open_queue(settings.model_copy(update={"database_url": db.url}), periodic=False)
    try:
        run_id = queue.defer(batches.JOB, batch_id=batch_id)
        batches.queued(db, batch_id, run_id=run_id)
        queue.drain()
    finally:
        queue.close()
    with db.reading() as session:
        state = batches.status(session, actor=party, batch_id=batch_id)
        filed = session.scalar(select(func.count()).select_from(FilingApplication).where(
            FilingApplication.applicant_id == party.id))
        run = session.get(BulkFiling, batch_id).run_id
    assert (state.state, state.done, filed, run) == ("done", 1, 1, run_id)
    recorded = {r.id: r for r in runs.recent(db, limit=50)}[run_id]
    assert (recorded.state, recorded.done, recorded.total) == ("succeeded", 1, 1)


def test_a_failure_on_the_last_attempt_leaves_the_batch_failed_with_its_filed_rows(db, settings, party, monkeypatch):
    rows = [loan_row(reference=f"L{n}") for n in range(1, 4)]
    batch_id = batches.start(db, actor=party, rows=rows, attachments=[], today=TODAY)
    filing_fails_on_row(monkeypatch, 2, "database away")
    with pytest.raises(RuntimeError):
        batches.run(db, settings, batch_id=batch_id, last_attempt=True)
    with db.reading() as session:
        gave_up = batches.status(session, actor=party, batch_id=batch_id)
    assert (gave_up.state, gave_up.done, gave_up.report) == ("failed", 1, None)
    assert len(applications_of(db, party)) == 1  # the row filed before stays filed


def test_a_job_is_told_when_its_attempt_is_the_last(db, settings):
    seen = []
    job = Job(name="probe.last", run=lambda context: seen.append(context.last_attempt), retries=2)
    for attempt in (1, 2, 3):
        runs.execute(job, {}, run_id=f"test:last-{uuid.uuid4().hex[:8]}", attempt=attempt, db=db, settings=settings)
    assert seen == [False, False, True]  # retries=2: the third attempt is the last
