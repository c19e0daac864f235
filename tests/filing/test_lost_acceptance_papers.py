"""A case accepted whose acceptance papers were never written (the job deferred at acceptance lost) has the job
deferred again by the hourly sweep, once; a case whose papers are written, or whose job may still be waiting, is
left alone."""

from datetime import timedelta

from sqlalchemy import select

from omnicourt import clock, jobs
from omnicourt.filing import acceptance
from omnicourt.filing.models import FilingApplication
from omnicourt.queue.runs import JobContext
from tests.filing.test_acceptance_papers import Recorder, accepted, papers, run_job


def decided_at(db, case_id):
    with db.reading() as session:
        return session.scalar(select(FilingApplication.decided_at).where(FilingApplication.case_id == case_id))


def test_the_sweep_defers_a_lost_job_again_once(db, settings):
    case_id, _lost = accepted(db, settings)  # the job deferred at acceptance never runs
    accepted_at = decided_at(db, case_id)
    early = Recorder()
    assert case_id not in acceptance.redefer_lost(db, early, now=accepted_at + timedelta(minutes=5))  # may wait

    queue = Recorder()
    assert case_id in acceptance.redefer_lost(db, queue, now=accepted_at + timedelta(hours=1))
    mine = [(name, a) for name, a in queue.deferred if a["case_id"] == case_id]
    assert len(mine) == 1 and mine[0][0] == acceptance.JOB
    assert papers(db, case_id) == {}
    again = Recorder()
    assert case_id not in acceptance.redefer_lost(db, again, now=accepted_at + timedelta(hours=2))  # once
    jobs.acceptance_papers(JobContext(db, settings), **mine[0][1])
    assert {"acceptance_notice", "response_notice", "fee_notice"} <= set(papers(db, case_id))


def test_a_case_whose_papers_were_written_is_left_alone(db, settings):
    case_id, queue = accepted(db, settings)
    run_job(db, settings, queue)
    later = Recorder()
    assert case_id not in acceptance.redefer_lost(db, later, now=decided_at(db, case_id) + timedelta(hours=1))
    assert case_id not in acceptance.redefer_lost(db, later, now=clock.utcnow() + timedelta(days=8))
