"""The benchmark at a tiny size, so it cannot rot: the generator's data is valid and reproducible, and every
bench function returns its figure with the ceiling measured beside it."""

from datetime import date

import pytest
from sqlalchemy import func, select

from bench import acceptance, deadline_recompute, queries
from omnicourt.cases import rules as case_rules
from omnicourt.cases.models import Case, CaseNumberSequence, CaseParty
from omnicourt.db import Database
from omnicourt.demo import generator
from omnicourt.reference import service as reference
from omnicourt.security import rules as identity
from omnicourt.settings import Settings
from tests.conftest import MigratedDatabases

CASES = 200
TODAY = date(2026, 6, 30)
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _database(backend: str, folder, migrated: MigratedDatabases) -> tuple[Database, callable]:
    if backend == "postgres":
        url, drop = migrated.postgres()
    else:
        url, drop = migrated.sqlite(folder / "bench.db"), None
    db = Database(url)
    with db.transaction() as session:
        reference.load(session, province=Settings().province)
    return db, drop


def _snapshot(db: Database) -> list[tuple]:
    with db.reading() as session:
        return session.execute(
            select(Case.case_number, Case.title, Case.stage, Case.amount_in_dispute, Case.judge_id, Case.closed_on,
                   func.count(CaseParty.id)).join(CaseParty, CaseParty.case_id == Case.id)
            .group_by(Case.id).order_by(Case.id)).all()


@pytest.fixture(scope="module", params=BACKENDS)
def generated(request, tmp_path_factory, migrated_databases):
    """One generated province per backend; the acceptance test, which adds cases, runs last."""
    db, drop = _database(request.param, tmp_path_factory.mktemp("generated"), migrated_databases)
    result = generator.generate(db, Settings(), cases=CASES, seed=42, today=TODAY)
    yield db, result
    db.engine.dispose()
    if drop:
        drop()


def test_generator_makes_valid_gap_free_cases(generated):
    db, result = generated
    assert result.cases == CASES and result.rows > CASES
    with db.reading() as session:
        rows = session.execute(select(Case.court_id, Case.type_code, Case.year, Case.serial, Case.case_number)).all()
        sequences = {(s.court_id, s.type_code, s.year): s.last_serial
                     for s in session.scalars(select(CaseNumberSequence))}
        parties = session.execute(select(CaseParty.party_type, CaseParty.id_number, CaseParty.uscc)).all()
        court_codes = [c.code for c in reference.list_courts(session)]
        type_codes = reference.case_type_codes(session)
    assert len(rows) == CASES
    assert len({r.case_number for r in rows}) == CASES
    serials: dict[tuple, list[int]] = {}
    for r in rows:
        serials.setdefault((r.court_id, r.type_code, r.year), []).append(r.serial)
        parsed = case_rules.parse_case_number(r.case_number, court_codes=court_codes, type_codes=type_codes)
        assert parsed.serial == r.serial
    for key, found in serials.items():
        assert sorted(found) == list(range(1, len(found) + 1)), key  # gap-free from 1
        assert sequences[key] == len(found)  # the next acceptance continues the sequence
    for party_type, id_number, uscc in parties:
        if party_type == "natural":
            assert identity.validate_id_number(id_number).number == id_number
        else:
            assert identity.validate_uscc(uscc) == uscc


def test_same_seed_same_data(generated, tmp_path, migrated_databases):
    db, _ = generated
    backend = "sqlite" if db.is_sqlite else "postgres"
    again, drop = _database(backend, tmp_path / "again", migrated_databases)
    try:
        generator.generate(again, Settings(), cases=CASES, seed=42, today=TODAY)
        assert _snapshot(again) == _snapshot(db)
    finally:
        again.engine.dispose()
        if drop:
            drop()


def test_bench_functions_return_figures_with_ceilings(generated, tmp_path):
    db, _ = generated
    figures = queries.run(db, samples=10)
    assert len(figures) == 3 and all(f.value > 0 and f.ceiling > 0 for f in figures)
    settings = Settings(database_url=db.url, storage_dir=tmp_path / "documents")
    figure = acceptance.run(db, settings, clients=4, seconds=1, per_client=5, today=TODAY)
    assert figure.value > 0 and figure.ceiling > 0 and figure.details["accepted"] > 0
    with db.reading() as session:  # acceptance continued the generated sequences without a gap
        assert session.scalar(select(func.count()).select_from(Case)) == CASES + figure.details["accepted"]


def test_deadline_recompute_counts_every_open_case_against_a_scan(generated):
    db, _ = generated
    figure = deadline_recompute.run(db, today=TODAY)
    assert figure.value > 0 and figure.ceiling > 0
    assert sum(figure.details["counts"][k] for k in ("normal", "warning", "overdue")) == figure.details["open_cases"]
