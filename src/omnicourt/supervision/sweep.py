"""The supervision sweep, run with the hourly sweeps job (omnicourt.jobs): the ledger is synced one
court per transaction (each court's audit chain is locked only briefly), then overdue notices escalate."""

from dataclasses import dataclass
from datetime import date

from omnicourt import clock
from omnicourt.reference import service as reference
from omnicourt.settings import Settings
from omnicourt.supervision import service


@dataclass
class SweepResult:
    entered: int = 0
    retiered: int = 0
    left: int = 0
    escalated: int = 0


def run(db, settings: Settings, *, today: date | None = None) -> SweepResult:
    """Idempotent: a second run the same day changes nothing, so an hourly tick is safe."""
    today, total = today or clock.today(), SweepResult()
    with db.reading() as session:
        court_ids = [c.id for c in reference.list_courts(session)]
    for court_id in court_ids:
        with db.transaction() as session:
            synced = service.sync_ledger(session, court_id=court_id, today=today,
                                         tiers=settings.dashboard_long_pending_months)
        total.entered, total.retiered, total.left = (total.entered + synced.entered, total.retiered + synced.retiered,
                                                      total.left + synced.left)
    with db.transaction() as session:
        total.escalated = service.escalate_overdue(session, today=today)
    return total
