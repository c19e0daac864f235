"""The hearings benchmark at a tiny size on its own SQLite database, so it cannot rot: both figures come with their
ceilings, and the filled calendar is one the database accepts (no room booked twice)."""

from bench import hearings
from omnicourt import migrate
from omnicourt.db import Database
from omnicourt.demo.loader import load_demo
from omnicourt.reference import service as reference
from omnicourt.settings import Settings
from tests.conftest import TODAY


def test_the_hearings_benchmark_measures_both_figures(tmp_path):
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    settings = Settings(database_url=url, storage_dir=tmp_path / "documents")
    db = Database(url)
    migrate.upgrade(db)
    with db.transaction() as session:
        reference.load(session, province=settings.province)
    load_demo(db, settings, cases=20, echo=lambda *_: None, today=TODAY)
    clash, calendar = hearings.run(db, settings, count=900, samples=5, today=TODAY)
    assert clash.details["hearings"] == 900 and clash.ceiling > 0 and clash.value > 0
    assert calendar.details["hearings_on_page"] > 0 and calendar.ceiling > 0
