"""The enforcement sweep: freezes, seizures and detentions within seven days of their end are brought to the case's
officer once (a renewal must come before the measure lapses); auctions whose end has passed are
closed. It runs with the hourly sweeps (omnicourt.jobs) and
`omnicourt sweep`."""

from datetime import date

from omnicourt import clock
from omnicourt.enforcement import auctions, service
from omnicourt.settings import Settings


def run(db, settings: Settings, *, today: date) -> int:
    with db.transaction() as session:
        warned = service.sweep_expiring(session, today=today)
    with db.transaction() as session:
        closed = auctions.close_due(session, now=clock.utcnow())
    with db.transaction() as session:
        return warned + closed + auctions.sweep_defaults(session, today=today)
