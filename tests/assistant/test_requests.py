"""An analysis asked for and run as a job, on every engine: one request waits per case, the job analyses once however
often it runs, a refusal met in the job ends the request failed with its reason, and the page polls it."""

import pytest
from sqlalchemy import func, select

from omnicourt.assistant import requests
from omnicourt.assistant.models import AnalysisRequest, AnalysisRun
from omnicourt.errors import Forbidden, NotFound, Unavailable
from omnicourt.queue import open_queue
from tests.app.conftest import bearer, username_of
from tests.assistant.samples import loan_case
from tests.conftest import actor_named


class RefusingQueue:
    """A queue that cannot take a job (its engine is away)."""

    def defer(self, name: str, **arguments) -> str:
        raise ConnectionError("queue away")


@pytest.fixture
def queue(db, settings):
    opened = open_queue(settings.model_copy(update={"database_url": db.url}), periodic=False)
    yield opened
    opened.close()


def runs_of(db, case_id: int) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(AnalysisRun).where(AnalysisRun.case_id == case_id))


def test_the_queue_analyses_the_case_once_however_often_the_job_runs(db, settings, queue):
    case = loan_case(db, settings)
    asked = requests.ask(db, queue, actor=case.judge, case_id=case.id, cutoff=None)
    assert asked.state == "waiting" and asked.analysis_run_id is None
    again = requests.ask(db, queue, actor=case.judge, case_id=case.id, cutoff=None)
    assert again.id == asked.id  # one request waits per case
    queue.drain()
    with db.reading() as session:
        done = requests.status(session, actor=case.judge, case_id=case.id, request_id=asked.id)
    assert done.state == "done" and done.analysis_run_id is not None
    assert runs_of(db, case.id) == 1
    assert requests.run(db, settings, request_id=asked.id) == done.analysis_run_id  # a retry changes nothing
    assert runs_of(db, case.id) == 1
    later = requests.ask(db, queue, actor=case.judge, case_id=case.id, cutoff=None)
    assert later.id != asked.id and later.state == "waiting"  # done: a new request is a new analysis


def test_a_request_is_refused_before_anything_is_stored_when_the_analysis_would_be(db, settings, queue):
    case = loan_case(db, settings)
    with pytest.raises(Forbidden, match="只有本案承办法官"):
        requests.ask(db, queue, actor=actor_named(db, "demo-filing-officer"), case_id=case.id, cutoff=None)
    with db.reading() as session:
        stored = session.scalar(select(func.count()).select_from(AnalysisRequest)
                                .where(AnalysisRequest.case_id == case.id))
    assert stored == 0


def test_a_queue_that_cannot_take_the_job_leaves_the_request_failed_and_says_so(db, settings):
    case = loan_case(db, settings)
    with pytest.raises(Unavailable, match="系统暂时无法开始分析"):
        requests.ask(db, RefusingQueue(), actor=case.judge, case_id=case.id, cutoff=None)
    with db.reading() as session:
        failed = requests.last_failed(session, case.id)
        assert requests.pending(session, case.id) is None
    assert failed is not None and "系统暂时无法开始分析" in (failed.error or "")


def test_an_error_is_kept_for_the_retry_and_the_last_attempt_ends_the_request(db, settings, queue, monkeypatch):
    case = loan_case(db, settings)
    asked = requests.ask(db, queue, actor=case.judge, case_id=case.id, cutoff=None)

    def broken(*args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(requests.service, "analyse_case", broken)
    with pytest.raises(RuntimeError):
        requests.run(db, settings, request_id=asked.id)
    with db.reading() as session:
        retrying = requests.pending(session, case.id)
    assert retrying is not None and retrying.state == "running" and "disk gone" in (retrying.error or "")
    with pytest.raises(RuntimeError):
        requests.run(db, settings, request_id=asked.id, last_attempt=True)
    with db.reading() as session:
        assert requests.pending(session, case.id) is None
        assert requests.last_failed(session, case.id).error == "RuntimeError: disk gone"
    assert runs_of(db, case.id) == 0


def test_a_refusal_met_in_the_job_fails_the_request_without_a_retry(db, settings, queue):
    case = loan_case(db, settings)
    asked = requests.ask(db, queue, actor=case.judge, case_id=case.id, cutoff=None)
    with db.transaction() as session:  # the judge is moved off the case before the job runs
        session.get_one(AnalysisRequest, asked.id).requested_by = actor_named(db, "demo-filing-officer").id
    assert requests.run(db, settings, request_id=asked.id) is None
    with db.reading() as session:
        failed = requests.last_failed(session, case.id)
    assert failed is not None and failed.id == asked.id and "只有本案承办法官" in (failed.error or "")


def test_another_cases_request_is_not_found(db, settings, queue):
    case, other = loan_case(db, settings), loan_case(db, settings)
    asked = requests.ask(db, queue, actor=case.judge, case_id=case.id, cutoff=None)
    with db.reading() as session, pytest.raises(NotFound, match=requests.NOT_FOUND):
        requests.status(session, actor=other.judge, case_id=other.id, request_id=asked.id)


def test_the_page_waits_for_the_analysis_and_reloads_when_it_is_done(client, db, settings):
    case = loan_case(db, settings)
    judge = bearer(client, username_of(db, case.judge.id))
    posted = client.post(f"/bench/cases/{case.id}/assistant/analysis", headers=judge, data={"cutoff": ""},
                         follow_redirects=False)
    assert posted.status_code == 303 and posted.headers["location"].endswith("#assistant-run")
    page = client.get(f"/bench/cases/{case.id}/assistant", headers=judge)
    assert 'data-state="waiting"' in page.text and 'hx-trigger="every 2s"' in page.text
    assert "尚无要素" in page.text
    with db.reading() as session:
        waiting = requests.pending(session, case.id)
    fragment_url = f"/bench/cases/{case.id}/assistant/analysis/{waiting.id}"
    still = client.get(fragment_url, headers=judge | {"HX-Request": "true"})
    assert "HX-Refresh" not in still.headers and 'data-state="waiting"' in still.text
    client.app.state.queue.drain()
    done = client.get(fragment_url, headers=judge | {"HX-Request": "true"})
    assert done.headers.get("HX-Refresh") == "true" and "hx-trigger" not in done.text
    page = client.get(f"/bench/cases/{case.id}/assistant", headers=judge)
    assert 'id="analysis-request"' not in page.text and "<mark>100,000.00元</mark>" in page.text
