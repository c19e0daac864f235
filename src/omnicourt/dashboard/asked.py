"""The place, period and filters a request asks the supervision screen for, as the pages and the API both take
them (query parameters)."""

from dataclasses import dataclass

from fastapi import Query, Request

from omnicourt.dashboard import rules, service
from omnicourt.limits import OptionalId
from omnicourt.security.roles import Actor


@dataclass(frozen=True)
class Asked:
    """The place, period and filters of a request, as the pages and the API both take them."""

    level: str | None
    city: str | None
    court_id: int | None
    division_id: int | None
    judge_id: int | None
    period: str
    at: str | None
    cause: str | None
    procedure: str | None
    rank: str

    def place(self, session, actor: Actor) -> service.Place:
        return service.place_for(session, actor=actor, level=self.level, city=self.city, court_id=self.court_id,
                                 division_id=self.division_id, judge_id=self.judge_id)

    def filters(self, request: Request, today) -> service.Filters:
        # Long-pending tiers are configurable (OMNICOURT_DASHBOARD_LONG_PENDING_MONTHS); 12/18/36 by default.
        tiers = getattr(request.app.state.settings, "dashboard_long_pending_months", rules.LONG_PENDING_MONTHS)
        return service.filters_from(period_kind=self.period, at=self.at, cause=self.cause,
                                    procedure=self.procedure, today=today, tiers=tuple(tiers))


def asked(level: str | None = Query(None, pattern="^(province|city|court|division|judge)$"),
          city: str | None = None, court_id: OptionalId = None, division_id: OptionalId = None,
          judge_id: OptionalId = None, period: str = Query("year", pattern="^(month|quarter|year)$"),
          at: str | None = Query(None, max_length=10), cause: str | None = Query(None, max_length=64),
          procedure: str | None = None,
          rank: str = Query("clearance_rate", pattern="^(clearance_rate|overdue|pending|average_days)$")) -> Asked:
    return Asked(level, city, court_id, division_id, judge_id, period, at, cause or None, procedure or None, rank)
