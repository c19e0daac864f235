"""The enforcement sweep: freezes, seizures and detentions within seven days of their end are brought to the case's
officer once (a renewal must come before the measure lapses). It runs with the hourly sweeps (omnicourt.jobs) and
`omnicourt sweep`."""

from datetime import date

from omnicourt.enforcement import service
from omnicourt.settings import Settings


def run(db, settings: Settings, *, today: date) -> int:
    with db.transaction() as session:
        return service.sweep_expiring(session, today=today)
