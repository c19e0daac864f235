"""The deadline sweep: warnings before expiry and on overdue. It runs hourly as a job (omnicourt.jobs) and
with `omnicourt sweep`; DeadlineWarning rows make it send each warning once."""

from datetime import date

from omnicourt import clock
from omnicourt.deadlines import service
from omnicourt.settings import Settings


def run(db, settings: Settings, *, today: date | None = None) -> int:
    thresholds = settings.deadline_warning_days  # OMNICOURT_DEADLINE_WARNING_DAYS='[30,15,7,3]'
    with db.transaction() as session:
        return service.sweep_warnings(session, today=today or clock.today(), thresholds=thresholds)
