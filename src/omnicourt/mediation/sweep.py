"""The mediation sweep: files a mediator has not accepted within 3 working days go back to the court. It runs
with the hourly sweeps (omnicourt.jobs) and `omnicourt sweep`; a returned file is not returned again."""

from datetime import date

from omnicourt.mediation import service
from omnicourt.settings import Settings


def run(db, settings: Settings, *, today: date) -> int:
    with db.transaction() as session:
        return service.sweep_unaccepted(session, today=today)
