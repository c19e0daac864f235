"""One timeline path for drawn demo cases: the loader's rows and the generator's COPY rows carry the same events, and
what each writer stored is the timeline demo/timeline.py gives for the case."""

import json
import random
from datetime import UTC, date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from omnicourt.cases import rules as case_rules
from omnicourt.cases.models import Case, TimelineEvent
from omnicourt.db import Database
from omnicourt.demo import generator, loader, timeline
from omnicourt.fees import service as fees
from omnicourt.reference import service as reference
from omnicourt.settings import Settings
from tests.conftest import BACKENDS, prepare

TODAY = date(2026, 6, 30)
STAGES = ("accepted", "assigned", "in_trial", "closed", "archived")


def drawn_case(rng: random.Random) -> dict:
    """The facts a writer draws for a case, at random."""
    accepted_on = TODAY - timedelta(days=rng.randrange(5 * 365))
    stage = rng.choice(STAGES)
    closed = stage in ("closed", "archived")
    return {"number": f"（{accepted_on.year}）浙0106民初{rng.randrange(1, 9999)}号",
            "procedure": rng.choice(list(case_rules.PROCEDURE_LABELS)),
            "fee": rng.choice([None, Decimal(rng.randrange(0, 90000)) / 100]), "accepted_on": accepted_on,
            "stage": stage, "closed_on": accepted_on + timedelta(days=rng.randrange(0, 30)) if closed else None,
            "method": rng.choice(list(case_rules.CLOSING_METHOD_LABELS)) if closed else None}


def as_dict(row: tuple) -> dict:
    """A generator COPY row as the loader's row: its JSON text decoded, as the SQLite writer does."""
    fields = dict(zip(generator.EVENT_COLUMNS, row, strict=True))
    return fields | {"details": json.loads(fields["details"])}


@pytest.mark.parametrize("seed", range(8))
def test_the_loader_and_the_generator_write_the_same_events(seed):
    facts = drawn_case(random.Random(seed))
    events = timeline.case_events(**facts)
    from_loader = loader.event_rows(41, 7, events)
    from_generator = [as_dict(row) for row in generator.event_rows(41, 7, events)]
    assert from_loader == from_generator
    assert [row["kind"] for row in from_loader][0] == "accepted" and all(row["details"] == {} for row in from_loader)
    assert all(row["at"].tzinfo is UTC and row["at"].date() >= facts["accepted_on"] - timedelta(days=1)
               for row in from_loader)


def test_a_case_s_events_follow_its_stage():
    accepted_on, closed_on = date(2025, 3, 3), date(2025, 3, 8)
    closed = timeline.case_events(number="（2025）浙0106民初1号", procedure="simple", fee=Decimal("25.00"),
                                  accepted_on=accepted_on, stage="closed", closed_on=closed_on, method="mediation")
    assert [(e.kind, e.at.date()) for e in closed] == [
        ("accepted", accepted_on), ("assigned", accepted_on), ("fee_notice", accepted_on),
        ("hearing_held", closed_on), ("closed", closed_on)]  # heard on the closing day, before the ten days
    assert closed[0].summary == "立案受理，案号（2025）浙0106民初1号，适用简易程序"
    assert closed[-1].summary == "2025年3月8日 以调解方式结案"
    waiting = timeline.case_events(number="（2025）浙0106执1号", procedure="ordinary", fee=None,
                                   accepted_on=accepted_on, stage="accepted", closed_on=None, method=None)
    assert [e.kind for e in waiting] == ["accepted"]  # no judge yet, no fee notice for enforcement
    # 09:00 in Beijing is 01:00 UTC
    assert closed[0].at == timeline.at(accepted_on, 9) and closed[0].at.hour == 1


def stored_timelines_match(db: Database, cases: list[Case]) -> int:
    """Check each case's stored events against the timeline of its facts; return how many cases were checked."""
    with db.reading() as session:
        for case in cases:
            kind = reference.cause_by_code(session, case.cause_code).kind
            fee = (None if case.type_code == "执" else
                   fees.assess_acceptance_fee(case.amount_in_dispute or Decimal(0), case.procedure, kind=kind,
                                              fee_province=Settings().fee_table_province).charged_fee)
            expected = timeline.case_events(number=case.case_number, procedure=case.procedure, fee=fee,
                                            accepted_on=case.accepted_on, stage=case.stage, closed_on=case.closed_on,
                                            method=case.closing_method)
            stored = session.execute(select(TimelineEvent.at, TimelineEvent.kind, TimelineEvent.summary,
                                            TimelineEvent.details, TimelineEvent.public, TimelineEvent.actor_id)
                                     .where(TimelineEvent.case_id == case.id).order_by(TimelineEvent.id)).all()
            assert [(at if at.tzinfo else at.replace(tzinfo=UTC), kind, summary, details, public, actor)
                    for at, kind, summary, details, public, actor in stored] == \
                   [(e.at, e.kind, e.summary, {}, True, None) for e in expected], case.case_number
    return len(cases)


@pytest.fixture(params=BACKENDS)
def migrated_db(request, tmp_path, migrated_databases):
    """A new database at the head of the migrations, without reference data or cases."""
    if request.param == "postgres":
        url, drop = migrated_databases.postgres()
    else:
        url, drop = migrated_databases.sqlite(tmp_path / "demo.db"), None
    db = Database(url)
    yield db
    db.engine.dispose()
    if drop:
        drop()


def test_the_generator_stores_each_case_s_timeline(migrated_db):
    with migrated_db.transaction() as session:
        reference.load(session, province=Settings().province)
    generator.generate(migrated_db, Settings(), cases=80, seed=3, today=TODAY)
    with migrated_db.reading() as session:
        cases = list(session.scalars(select(Case).order_by(Case.id)))
    assert {c.type_code for c in cases} >= {"民初", "执"}  # cases with and without a fee notice
    assert stored_timelines_match(migrated_db, cases) == 80


def test_the_loader_stores_each_drawn_case_s_timeline(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'demo.db'}")
    prepare(db, cases=40)
    with db.reading() as session:
        cases = list(session.scalars(select(Case).order_by(Case.id)))
    drawn = [c for c in cases if c.assignment_reasons == ["演示数据：随机分案"]]  # not the demo's platform filings
    assert len(drawn) == 40 and {c.stage for c in drawn} >= {"closed", "in_trial"}
    assert stored_timelines_match(db, drawn) == 40
