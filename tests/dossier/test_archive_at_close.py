"""Closing a case defers its archive job when the closing commits (none when it rolls back); the job archives the
dossier once, however often it runs; the hourly sweep then finds nothing left to archive."""

import pytest
from sqlalchemy import func, select

from omnicourt import jobs
from omnicourt.casework import archive, closing
from omnicourt.dossier.models import DossierArchive
from omnicourt.dossier.service import Upload
from omnicourt.queue.runs import JobContext
from tests.conftest import TODAY
from tests.factories import PDF_BYTES
from tests.fees.conftest import open_case
from tests.filing.test_acceptance_papers import Recorder


def close(db, settings, case, queue: Recorder) -> None:
    with db.transaction() as session:
        closing.close(session, settings, actor=case.judge, case_id=case.id, today=TODAY, queue=queue,
                      request=closing.ClosingRequest("judgment", TODAY, True, Upload("判决书.pdf", PDF_BYTES)))


def archives(db, case_id: int) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(DossierArchive).where(DossierArchive.case_id == case_id))


def test_closing_defers_the_archive_and_the_job_archives_once(db, settings):
    case = open_case(db, settings)
    queue = Recorder()
    close(db, settings, case, queue)
    assert queue.deferred == [(closing.ARCHIVE_JOB, {"case_id": case.id})]
    assert archives(db, case.id) == 0  # not in the closing's request
    jobs.dossier_archive(JobContext(db, settings), case_id=case.id)
    jobs.dossier_archive(JobContext(db, settings), case_id=case.id)
    assert archives(db, case.id) == 1
    with db.reading() as session:
        assert case.id not in archive.closed_not_archived(session, limit=10_000)


def test_a_closing_rolled_back_defers_nothing(db, settings):
    case = open_case(db, settings)
    queue = Recorder()
    with pytest.raises(RuntimeError), db.transaction() as session:
        closing.close(session, settings, actor=case.judge, case_id=case.id, today=TODAY, queue=queue,
                      request=closing.ClosingRequest("judgment", TODAY, True, Upload("判决书.pdf", PDF_BYTES)))
        raise RuntimeError("the request failed after closing")
    assert queue.deferred == []
