"""Analysing a case file as a job, never in the request: reading every PDF and .docx of a dossier takes seconds. The
request checks the judge may act and stores a request (`ask`), the job `assistant.analysis` (jobs.py) runs the analysis
(`run`), and the page that asked polls the request's state (`status`) until the run is there.

One request waits per case at a time: asking again while one waits or runs returns it. A job run twice (a retry, a
worker killed mid-way) analyses once: the analysis and the request's "done" are one transaction.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt.assistant import service
from omnicourt.assistant.models import AnalysisRequest
from omnicourt.db import Database, utcnow
from omnicourt.errors import DomainError, NotFound, Unavailable
from omnicourt.queue import Queue, defer_or_refuse
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings

JOB = "assistant.analysis"
PENDING = ("waiting", "running")
NOT_FOUND = "分析请求不存在"


@dataclass(frozen=True)
class RequestStatus:
    id: int
    case_id: int
    state: str  # waiting / running / done / failed
    error: str | None
    analysis_run_id: int | None


def ask(db: Database, queue: Queue, *, actor: Actor, case_id: int, cutoff: date | None) -> RequestStatus:
    """Ask for an analysis of the case file: refused as the analysis itself would be (no access, a cause without a
    pipeline); the request waiting already when there is one, else a new one deferred to the queue."""
    with db.transaction() as session:
        case = service.case_to_analyse(session, actor, case_id)
        waiting = session.scalar(select(AnalysisRequest).where(AnalysisRequest.case_id == case_id,
                                                               AnalysisRequest.state.in_(PENDING))
                                 .order_by(AnalysisRequest.id.desc()).limit(1).with_for_update())
        if waiting is not None:
            return _status(waiting)
        asked = AnalysisRequest(case_id=case.id, court_id=case.court_id, requested_by=actor.id,
                                requested_at=utcnow(), cutoff=cutoff, state="waiting")
        session.add(asked)
        session.flush()
        request_id = asked.id
    try:
        job_run_id = defer_or_refuse(queue, JOB, refusal="系统暂时无法开始分析，请稍后再试", request_id=request_id)
    except Unavailable as refused:
        _end(db, request_id, "failed", error=refused.message)
        raise
    with db.transaction() as session:
        asked = session.get_one(AnalysisRequest, request_id)
        asked.job_run_id = job_run_id
        return _status(asked)


def ask_again(db: Database, queue: Queue, *, actor: Actor, case_id: int) -> RequestStatus:
    """After a document was added: the case file analysed again, to the last run's cut-off."""
    with db.reading() as session:
        last = service.latest_run(session, case_id)
    return ask(db, queue, actor=actor, case_id=case_id, cutoff=last.cutoff if last else None)


def run(db: Database, settings: Settings, *, request_id: int, last_attempt: bool = False) -> int | None:
    """The job: analyse the case file for the request; the analysis run's id (the one already made when the request
    is done), None when the request is gone or was refused (the judge lost the case since: no retry helps)."""
    with db.transaction() as session:  # the page shows it taken up
        asked = session.get(AnalysisRequest, request_id, with_for_update=True)
        if asked is not None and asked.state == "waiting":
            asked.state = "running"
    try:
        with db.transaction() as session:
            asked = session.get(AnalysisRequest, request_id, with_for_update=True)
            if asked is None or asked.state == "failed":
                return None
            if asked.state == "done":
                return asked.analysis_run_id
            account = security.get_account(session, asked.requested_by)
            if account is None:  # accounts are never deleted
                raise NotFound("提出分析请求的账户不存在", field="request_id")
            analysis = service.analyse_case(session, settings, actor=security.actor_for(session, account),
                                            case_id=asked.case_id, cutoff=asked.cutoff)
            asked.state, asked.analysis_run_id, asked.finished_at = "done", analysis.id, utcnow()
            return analysis.id
    except DomainError as refused:
        _end(db, request_id, "failed", error=refused.message)
        return None
    except Exception as error:  # shown on the page while the queue retries
        _end(db, request_id, "failed" if last_attempt else "running", error=f"{type(error).__name__}: {error}")
        raise


def _end(db: Database, request_id: int, state: str, *, error: str) -> None:
    with db.transaction() as session:
        asked = session.get(AnalysisRequest, request_id)
        if asked is not None:
            asked.state, asked.error = state, error[:500]
            if state == "failed":
                asked.finished_at = utcnow()


def status(session: Session, *, actor: Actor, case_id: int, request_id: int) -> RequestStatus:
    """The request's state; the one 404 for a request missing or of another case (the case's access is checked)."""
    service.view_access(session, actor, case_id)
    asked = session.get(AnalysisRequest, request_id)
    if asked is None or asked.case_id != case_id:
        raise NotFound(NOT_FOUND, field="request_id")
    return _status(asked)


def pending(session: Session, case_id: int) -> RequestStatus | None:
    """The request waiting or running for the case, shown on its page; None when none is."""
    asked = session.scalar(select(AnalysisRequest).where(AnalysisRequest.case_id == case_id,
                                                         AnalysisRequest.state.in_(PENDING))
                           .order_by(AnalysisRequest.id.desc()).limit(1))
    return None if asked is None else _status(asked)


def last_failed(session: Session, case_id: int) -> RequestStatus | None:
    """The last request when it failed (after the last run), so the page says why no new analysis came."""
    asked = session.scalar(select(AnalysisRequest).where(AnalysisRequest.case_id == case_id)
                           .order_by(AnalysisRequest.id.desc()).limit(1))
    return _status(asked) if asked is not None and asked.state == "failed" else None


def _status(asked: AnalysisRequest) -> RequestStatus:
    return RequestStatus(id=asked.id, case_id=asked.case_id, state=asked.state, error=asked.error,
                         analysis_run_id=asked.analysis_run_id)
