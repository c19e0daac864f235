"""The deadline sweep: warnings before expiry and on overdue. It runs hourly in-process (omnicourt.jobs) and
with `omnicourt sweep`; DeadlineWarning rows make it send each warning once."""

from datetime import date

from omnicourt.deadlines import service


def run(db, *, today: date | None = None) -> int:
    with db.transaction() as session:
        return service.sweep_warnings(session, today=today or date.today())
