"""Incremental application equals a full rebuild, and the figures equal direct counts over `cases`."""

import itertools
import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from omnicourt.cases import service as cases
from omnicourt.cases.models import Case, TimelineEvent
from omnicourt.dashboard import rules, service, updates
from omnicourt.dashboard.models import AGGREGATES, CaseAction, CaseMark, Watermark
from omnicourt.reference.models import Cause, Court, Division
from omnicourt.security.models import Account
from omnicourt.security.roles import Actor
from tests.conftest import TODAY

SERIALS = itertools.count(900_000)  # case numbers beyond any the demo gives
HIGH = Actor(id=0, role="president", kind="staff", display_name="高院院长", court_level="high")


def dump(session) -> dict:
    """Every aggregate row, keyed by table; CaseMark and CaseAction too (they must agree as well)."""
    out = {}
    for model in (*AGGREGATES, CaseMark, CaseAction):
        columns = list(model.__table__.columns)
        out[model.__tablename__] = sorted(tuple(row) for row in session.execute(select(*columns)))
    return out


def _staff(session, court_id):
    judges = list(session.execute(select(Account.id, Account.division_id).where(
        Account.role == "judge", Account.court_id == court_id)))
    return judges


def _random_ops(session, rng: random.Random, courts, causes, opened: list[int]) -> None:
    """One random step: accept a case, assign, reassign, close, move a deadline, extend or suspend."""
    op = rng.choice(["accept", "accept", "assign", "reassign", "close", "deadline", "extend", "suspend"])
    if op == "accept" or not opened:
        court = rng.choice(courts)
        cause = rng.choice(causes)
        accepted_on = TODAY - timedelta(days=rng.randrange(0, 1500))
        judges = _staff(session, court.id)
        judge_id, division_id = rng.choice(judges) if judges and rng.random() < 0.7 else (None, None)
        serial = next(SERIALS)
        case = Case(court_id=court.id, case_number=f"（{accepted_on.year}）{court.code}民初{serial}号",
                    year=accepted_on.year, type_code="民初", serial=serial, cause_code=cause.code,
                    cause_name=cause.name, title="测试", procedure=rng.choice(["ordinary", "simple", "small_claims"]),
                    stage="assigned" if judge_id else "accepted", division_id=division_id, judge_id=judge_id,
                    accepted_on=accepted_on, deadline_on=rng.choice([None, accepted_on + timedelta(days=90)]),
                    triage_reasons=[], assignment_reasons=[], facts_and_reasons="", created_at=datetime.now(UTC))
        session.add(case)
        session.flush()
        cases.log_event(session, case=case, actor=None, kind="accepted", summary="立案")
        opened.append(case.id)
        return
    case = session.get(Case, rng.choice(opened))
    judges = _staff(session, case.court_id)
    if op in ("assign", "reassign") and judges:
        case.judge_id, case.division_id = rng.choice(judges)
        cases.log_event(session, case=case, actor=None, kind=op + "ed" if op == "assign" else "reassigned",
                        summary="分案")
    elif op == "close" and case.closed_on is None:
        case.closed_on = min(TODAY, case.accepted_on + timedelta(days=rng.randrange(0, 900)))
        case.stage = "closed"
        cases.log_event(session, case=case, actor=None, kind="closed", summary="结案")
    elif op == "deadline" and case.closed_on is None:
        old, case.deadline_on = case.deadline_on, (case.deadline_on or TODAY) + timedelta(days=rng.randrange(1, 60))
        cases.log_event(session, case=case, actor=None, kind="deadline_changed", summary="审限变更",
                        details={"from": old.isoformat() if old else None, "to": case.deadline_on.isoformat()})
    elif op in ("extend", "suspend"):
        at = datetime.now(UTC) - timedelta(days=rng.randrange(0, 400))
        session.add(TimelineEvent(case_id=case.id, court_id=case.court_id, at=at, kind=f"deadline_{op}ed"
                                  if op == "extend" else "deadline_suspended", summary="审限", public=False,
                                  details={}))
    session.flush()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_applying_events_equals_a_rebuild(dash_db, seed):
    rng = random.Random(seed)
    with dash_db.transaction() as session:
        courts = list(session.scalars(select(Court).where(Court.level == "basic").order_by(Court.id).limit(3)))
        causes = list(session.scalars(select(Cause).where(Cause.level == 3).order_by(Cause.code).limit(4)))
    opened: list[int] = []
    for _ in range(6):
        with dash_db.transaction() as session:
            for _ in range(rng.randrange(1, 15)):
                _random_ops(session, rng, courts, causes, opened)
        # Small batches, so several transactions each apply a part of the new events.
        updates.refresh(dash_db, limit=rng.choice([3, 10, 1000]))
    with dash_db.reading() as session:
        incremental = dump(session)
        assert session.get(Watermark, "timeline").last_event_id == session.scalar(select(func.max(TimelineEvent.id)))
    with dash_db.transaction() as session:
        updates.rebuild(session)
    with dash_db.reading() as session:
        rebuilt = dump(session)
    for table in rebuilt:
        assert incremental[table] == rebuilt[table], table


def test_applying_twice_changes_nothing(dash_db):
    with dash_db.transaction() as session:
        before = dump(session)
        case = session.scalar(select(Case).where(Case.closed_on.is_(None)).order_by(Case.id).limit(1))
        updates.apply_cases(session, case_ids=[case.id])  # already counted: the difference is nothing
        assert dump(session) == before


def _direct(session, where, today: date, period: rules.Period) -> dict:
    """The figures of the screen, counted straight from `cases` with the rules' definitions."""
    rows = list(session.execute(select(Case.accepted_on, Case.deadline_on, Case.closed_on).where(*where)))
    closed = [r for r in rows if r.closed_on and period.first_day <= r.closed_on < period.end_day]
    open_ = [r for r in rows if r.closed_on is None]
    return {
        "filed": sum(period.first_day <= r.accepted_on < period.end_day for r in rows),
        "closed": len(closed),
        "close_days": sum((r.closed_on - r.accepted_on).days for r in closed),
        "pending": len(open_),
        "overdue": sum(rules.is_overdue(r.deadline_on, today) for r in open_),
        "warning": sum(rules.is_warning(r.deadline_on, today) for r in open_),
        "long_12": sum(rules.is_long_pending(r.accepted_on, today, 12) for r in open_),
        "long_18": sum(rules.is_long_pending(r.accepted_on, today, 18) for r in open_),
    }


def _shown(f) -> dict:
    return {"filed": f.filed, "closed": f.closed, "close_days": f.close_days, "pending": f.pending,
            "overdue": f.overdue, "warning": f.warning, "long_12": f.long_pending[12], "long_18": f.long_pending[18]}


def test_figures_equal_direct_counts_over_cases(dash_db):
    with dash_db.reading() as session:
        court_id, division_id, cause = session.execute(
            select(Case.court_id, Case.division_id, Case.cause_code).where(Case.division_id.is_not(None))
            .group_by(Case.court_id, Case.division_id, Case.cause_code).order_by(func.count().desc()).limit(1)).one()
        parent = cause.rsplit(".", 1)[0]
        city = session.get(Court, court_id).city
        # a city: its intermediate and district courts (the high court and specialised courts stand apart)
        city_courts = list(session.scalars(select(Court.id).where(Court.city == city,
                                                                  Court.level.in_(("intermediate", "basic")))))
        checks = [
            (service.Place("province", "全省"), {}, []),
            (service.Place("city", city, city=city), {"period_kind": "quarter"}, [Case.court_id.in_(city_courts)]),
            (service.locate(session, level="court", court_id=court_id), {"cause": parent},
             [Case.court_id == court_id, Case.cause_code.like(parent + ".%") | (Case.cause_code == parent)]),
            (service.locate(session, level="division", division_id=division_id), {"procedure": "simple"},
             [Case.division_id == division_id, Case.procedure == "simple"]),
        ]
        for place, asked, where in checks:
            filters = service.filters_from(today=TODAY, **({"period_kind": "year"} | asked))
            shown = service.view(session, actor=HIGH, place=place, filters=filters, today=TODAY)
            assert _shown(shown.figures) == _direct(session, where, TODAY, filters.period), place
            if place.level != "province":
                listed = service.case_list(session, actor=HIGH, place=place, filters=filters, measure="pending",
                                           today=TODAY)
                assert listed.total == shown.figures.pending
                if not listed.has_next:
                    assert len(listed.rows) == shown.figures.pending
        division = session.get(Division, division_id)
        assert division.court_id == court_id
