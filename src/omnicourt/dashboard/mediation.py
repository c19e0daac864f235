"""Mediation figures on the supervision screen: per place (the province, a city, a court; at a division or judge,
the mediation entrusted in its cases) and, under a court, per mediator: received, settled, failed, confirmed
(司法确认), the median days taken, and the share of disputes resolved before filing. The same places, access and
drill-down as the screen's other figures (service.place_for, breadcrumbs); the definitions are mediation/rules.py."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicourt import clock
from omnicourt.cases.models import Case
from omnicourt.confirmation.models import ConfirmationApplication
from omnicourt.dashboard import rules as dashboard_rules
from omnicourt.dashboard import service
from omnicourt.mediation import rules
from omnicourt.mediation.models import Mediation, Mediator
from omnicourt.reference import service as reference
from omnicourt.security.roles import Actor


@dataclass
class MediationFigures:
    received: int = 0
    settled: int = 0
    failed: int = 0
    confirmed: int = 0
    median_days: float | None = None
    settled_before_filing: int = 0
    cases_filed: int = 0

    @property
    def share_before_filing(self) -> float | None:
        return rules.share_before_filing(self.settled_before_filing, self.cases_filed)


@dataclass
class MediationRow:
    name: str
    figures: MediationFigures
    place: service.Place | None = None  # a place to drill into; a mediator's row has none


@dataclass
class MediationView:
    place: service.Place
    period: dashboard_rules.Period
    figures: MediationFigures
    trail: list[tuple[service.Place, bool]]
    rows: list[MediationRow] = field(default_factory=list)
    row_label: str = ""


def _month(day: date) -> int:
    return day.year * 100 + day.month


def _within(period: dashboard_rules.Period, day: date | None) -> bool:
    return day is not None and period.first <= _month(day) <= period.last


@dataclass(frozen=True)
class _Item:
    court_id: int
    mediator_id: int | None
    kind: str
    status: str
    received_on: date
    accepted_on: date | None
    ended_on: date | None
    confirmed_on: date | None


def _items(session: Session, place: service.Place, court_ids: list[int]) -> list[_Item]:
    query = (select(Mediation, ConfirmationApplication.ruled_on, ConfirmationApplication.status)
             .outerjoin(ConfirmationApplication, ConfirmationApplication.mediation_id == Mediation.id)
             .where(Mediation.court_id.in_(court_ids)))
    if place.level in ("division", "judge"):
        query = query.join(Case, Case.id == Mediation.case_id)
        query = query.where(Case.division_id == place.division_id) if place.level == "division" else \
            query.where(Case.judge_id == place.judge_id)
    return [_Item(m.court_id, m.mediator_id, m.kind, m.status, clock.local(m.created_at).date(), m.accepted_on,
                  m.ended_on, ruled_on if status == "confirmed" else None)
            for m, ruled_on, status in session.execute(query)]


def _figures(items: list[_Item], period: dashboard_rules.Period, cases_filed: int) -> MediationFigures:
    ended = [i for i in items if _within(period, i.ended_on)]
    return MediationFigures(
        received=sum(_within(period, i.received_on) for i in items),
        settled=sum(i.status == "settled" for i in ended), failed=sum(i.status == "failed" for i in ended),
        confirmed=sum(_within(period, i.confirmed_on) for i in items),
        median_days=rules.median_days([(i.ended_on - i.accepted_on).days for i in ended
                                       if i.accepted_on and i.ended_on and i.status in ("settled", "failed")]),
        settled_before_filing=sum(i.status == "settled" and i.kind == "pre_filing" for i in ended),
        cases_filed=cases_filed)


def _filed(session: Session, court_ids: list[int], period: dashboard_rules.Period) -> dict[int, int]:
    """First-instance civil cases (民初) accepted in the period, per court."""
    first_year, last_year = period.first // 100, period.last // 100
    rows = session.execute(select(Case.court_id, Case.accepted_on).where(
        Case.court_id.in_(court_ids), Case.type_code == "民初", Case.year >= first_year, Case.year <= last_year))
    counts: dict[int, int] = defaultdict(int)
    for court_id, accepted_on in rows:
        if _within(period, accepted_on):
            counts[court_id] += 1
    return counts


def view(session: Session, *, actor: Actor, place: service.Place, period: dashboard_rules.Period) -> MediationView:
    courts = {c.id: c for c in reference.list_courts(session)}
    if place.level == "province":
        court_ids = list(courts)
    elif place.level == "city":
        court_ids = [c.id for c in service.city_courts(courts, place.the_city)]
    else:
        court_ids = [place.the_court]
    items = _items(session, place, court_ids)
    filed = _filed(session, court_ids, period) if place.level in ("province", "city", "court") else {}
    result = MediationView(place, period, _figures(items, period, sum(filed.values())),
                           service.breadcrumbs(session, actor=actor, place=place))
    if place.level == "province":
        result.row_label = "市 / 法院"
        in_cities = {c.id for city in service.cities_in_order(courts) for c in service.city_courts(courts, city)}
        for city in service.cities_in_order(courts):
            ids = {c.id for c in service.city_courts(courts, city)}
            result.rows.append(MediationRow(city, _figures([i for i in items if i.court_id in ids], period,
                                                           sum(filed[c] for c in ids)),
                                            service.Place("city", city, city=city)))
        for court_id in sorted(set(courts) - in_cities):
            result.rows.append(_court_row(courts[court_id], items, period, filed))
    elif place.level == "city":
        result.row_label = "法院"
        result.rows = [_court_row(courts[c], items, period, filed) for c in court_ids]
    else:
        result.row_label = "特邀调解员"
        mediators = {m.id: m.name for m in session.scalars(select(Mediator).where(
            Mediator.court_id == place.the_court).order_by(Mediator.id))}
        result.rows = [MediationRow(name, _figures([i for i in items if i.mediator_id == mediator_id], period, 0))
                       for mediator_id, name in mediators.items()]
    return result


def _court_row(court, items: list[_Item], period: dashboard_rules.Period, filed: dict[int, int]) -> MediationRow:
    return MediationRow(court.name, _figures([i for i in items if i.court_id == court.id], period,
                                             filed.get(court.id, 0)),
                        service.Place("court", court.name, city=court.city, court_id=court.id))
