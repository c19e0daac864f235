"""Use cases of the supervision screen: who may see which place, the view of a place, the cases
behind a number. Keeping the aggregates current is in `updates` (re-exported here)."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from omnicourt import clock
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import Case, TimelineEvent
from omnicourt.dashboard import rules
from omnicourt.dashboard.queries import Figures, Slice, figures, monthly_flows
from omnicourt.dashboard.updates import apply_new_events, rebuild, refresh  # noqa: F401  (the service API)
from omnicourt.errors import Forbidden, InvalidInput, NotFound, required
from omnicourt.paging import Cursor, after_ascending_nulls_last, after_descending, next_cursor
from omnicourt.reference import service as reference
from omnicourt.reference.models import Division
from omnicourt.security import service as security
from omnicourt.security.roles import COURT_LEADERS, Actor

LEVELS = ("province", "city", "court", "division", "judge")
LEVEL_LABELS = {"province": "全省", "city": "市", "court": "法院", "division": "审判庭", "judge": "法官"}
CHILD_LEVEL = {"province": "city", "city": "court", "court": "division", "division": "judge", "judge": None}
MEASURE_LABELS = {"filed": "收案", "closed": "结案", "pending": "未结", "overdue": "超审限", "warning": "审限预警",
                  "extended": "延长审限", "suspended": "扣除审限"}
RANKINGS = {"clearance_rate": "结收比", "overdue": "超审限", "pending": "未结", "average_days": "平均结案天数"}
PAGE_SIZE = 50
LONG_PENDING = re.compile(r"^long_pending_(\d{1,3})$")
# Courts are compared with courts of their own level: the high court, each city's intermediate court with its
# district (basic) courts, and the specialised courts (internet, railway, maritime) apart.
COURT_LEVEL_GROUPS = {"high": "高级人民法院", "intermediate": "中级人民法院", "basic": "基层人民法院",
                      "special": "专门法院"}
CITY_GROUP = "各市（中级人民法院及辖区基层法院）"
CITY_LEVELS = ("intermediate", "basic")
OPEN_MEASURES = ("pending", "overdue", "warning")  # and long_pending_N: lists of open cases, most overdue first


# ---------------------------------------------------------------- places and access

@dataclass(frozen=True)
class Place:
    """A node of the province tree: the province, a city, a court, a division or a judge."""

    level: str
    name: str
    city: str | None = None
    court_id: int | None = None
    division_id: int | None = None
    judge_id: int | None = None

    # The id a place of its level is built with (Place.of and the drill-down links set it): read through these.
    @property
    def the_city(self) -> str:
        return required(self.city, "city")

    @property
    def the_court(self) -> int:
        return required(self.court_id, "court_id")

    @property
    def the_division(self) -> int:
        return required(self.division_id, "division_id")

    @property
    def the_judge(self) -> int:
        return required(self.judge_id, "judge_id")

    @property
    def params(self) -> dict:
        """The query parameters that select this place (?level=court&court_id=12)."""
        key = {"city": "city", "court": "court_id", "division": "division_id", "judge": "judge_id"}.get(self.level)
        return {"level": self.level} | ({key: getattr(self, key)} if key else {})


def reach(actor: Actor) -> tuple[str, int | None]:
    """The widest place the actor may supervise; Forbidden for everyone but leaders and chiefs."""
    if actor.is_staff and actor.sees_province:
        return "province", None
    if actor.is_staff and actor.role in COURT_LEADERS and actor.court_id:
        return "court", actor.court_id
    if actor.is_staff and actor.role == "division_chief" and actor.division_id:
        return "division", actor.division_id
    raise Forbidden("审判态势仅向院长、副院长和庭长开放")


def may_view(actor: Actor, place: Place) -> bool:
    level, key = reach(actor)
    if level == "province":
        return True
    if level == "court":
        return place.court_id == key and LEVELS.index(place.level) >= LEVELS.index("court")
    return place.division_id == key and place.level in ("division", "judge")


def _courts(session: Session) -> dict:
    return {c.id: c for c in reference.list_courts(session)}


def city_courts(courts: dict, city: str) -> list:
    """A city's intermediate court and its district courts, the intermediate court first, then by code."""
    return sorted((c for c in courts.values() if c.city == city and c.level in CITY_LEVELS),
                  key=lambda c: (c.level != "intermediate", c.code))


def cities_in_order(courts: dict) -> list[str]:
    """The cities in the official order, which their intermediate courts' codes follow (浙01 杭州 … 浙11 丽水)."""
    return [c.city for c in sorted(courts.values(), key=lambda c: c.code) if c.level == "intermediate"]


def _division(session: Session, division_id: int) -> Division:
    division = session.get(Division, division_id)
    if division is None:
        raise NotFound("审判庭不存在", field="division_id")
    return division


def locate(session: Session, *, level: str, city: str | None = None, court_id: int | None = None,
           division_id: int | None = None, judge_id: int | None = None) -> Place:
    """The place named by the parameters, with its ancestors' keys (for breadcrumbs and access)."""
    courts = _courts(session)
    if level == "province":
        return Place("province", "全省")
    if level == "city":
        if not city or not city_courts(courts, city):
            raise NotFound("该市没有法院", field="city")
        return Place("city", city, city=city)
    if level == "court":
        court = courts.get(court_id or 0)
        if court is None:
            raise NotFound("法院不存在", field="court_id")
        return Place("court", court.name, city=court.city, court_id=court.id)
    if level == "division":
        division = _division(session, division_id or 0)
        court = courts[division.court_id]
        return Place("division", division.name, city=court.city, court_id=court.id, division_id=division.id)
    if level == "judge":
        judge = security.get_account(session, judge_id or 0)
        if judge is None or judge.kind != "staff" or judge.court_id is None:
            raise NotFound("法官不存在", field="judge_id")
        court = courts[judge.court_id]
        return Place("judge", judge.display_name, city=court.city, court_id=court.id,
                     division_id=judge.division_id, judge_id=judge.id)
    raise InvalidInput("层级无效", field="level")


def place_for(session: Session, *, actor: Actor, level: str | None = None, city: str | None = None,
              court_id: int | None = None, division_id: int | None = None, judge_id: int | None = None) -> Place:
    """The place asked for (default: the actor's widest), if the actor may supervise it; else 403."""
    widest, key = reach(actor)
    if level is None:
        level = widest
        court_id = key if widest == "court" else court_id
        division_id = key if widest == "division" else division_id
    place = locate(session, level=level, city=city, court_id=court_id, division_id=division_id, judge_id=judge_id)
    if not may_view(actor, place):
        raise Forbidden(f"无权查看{place.name}的审判态势")
    return place


def _in_a_city(session: Session, place: Place) -> bool:
    """Whether the place's court is under a city (not the high court or a specialised court)."""
    return _courts(session)[place.court_id].level in CITY_LEVELS


def breadcrumbs(session: Session, *, actor: Actor, place: Place) -> list[tuple[Place, bool]]:
    """The places from the province down to this one, each with whether the actor may open it."""
    trail = [Place("province", "全省")]
    if place.city and (place.level == "city" or _in_a_city(session, place)):
        trail.append(Place("city", place.city, city=place.city))
    if place.court_id and place.level != "city":
        trail.append(locate(session, level="court", court_id=place.court_id))
    if place.division_id and place.level in ("division", "judge"):
        trail.append(locate(session, level="division", division_id=place.division_id))
    if place.level == "judge":
        trail.append(place)
    return [(p, may_view(actor, p)) for p in trail]


# ---------------------------------------------------------------- the view

@dataclass(frozen=True)
class Filters:
    period: rules.Period
    cause: str | None = None
    procedure: str | None = None
    tiers: tuple[int, ...] = rules.LONG_PENDING_MONTHS


def filters_from(*, period_kind: str = "year", at: str | None = None, cause: str | None = None,
                 procedure: str | None = None, today: date, tiers: tuple[int, ...] = rules.LONG_PENDING_MONTHS
                 ) -> Filters:
    """Filters from request parameters; a malformed period is the user's error (422)."""
    try:
        period = rules.parse_period(period_kind, at, today)
    except ValueError:
        raise InvalidInput("统计期间格式不正确（如 2026、2026-Q2、2026-05）", field="at") from None
    if procedure and procedure not in ("ordinary", "simple", "small_claims", "fast_track"):
        raise InvalidInput("程序无效", field="procedure")
    return Filters(period=period, cause=(cause or "").strip() or None, procedure=procedure or None,
                   tiers=tuple(sorted(set(tiers))))


@dataclass
class Row:
    """One place with its figures (a child, a ranked court or the place itself)."""

    place: Place
    figures: Figures
    drillable: bool = True
    group: str | None = None  # the level the row belongs to, among the province's children


@dataclass
class TrendPoint:
    period: rules.Period
    figures: Figures


@dataclass
class View:
    place: Place
    figures: Figures
    filters: Filters
    today: date
    trail: list[tuple[Place, bool]]
    child_level: str | None
    children: list[Row] = field(default_factory=list)
    rankings: list[tuple[str, list[Row]]] = field(default_factory=list)  # (level, rows best first) per level
    trend: list[TrendPoint] = field(default_factory=list)


def _slices(session: Session, place: Place, filters: Filters, courts: dict) -> tuple[Slice, Slice | None]:
    """The slice of the place itself and, when it has children, the slice grouped by them."""
    cause, procedure = filters.cause, filters.procedure
    if place.level == "province":
        return (Slice("court", cause=cause, procedure=procedure),
                Slice("court", group="court_id", cause=cause, procedure=procedure))
    if place.level == "city":
        ids = tuple(sorted(c.id for c in city_courts(courts, place.the_city)))
        return (Slice("court", "court_id", ids, cause=cause, procedure=procedure),
                Slice("court", "court_id", ids, "court_id", cause=cause, procedure=procedure))
    if place.level == "court":
        court = (place.the_court,)
        return (Slice("judge", "court_id", court, cause=cause, procedure=procedure),
                Slice("judge", "court_id", court, "division_id", cause=cause, procedure=procedure))
    if place.level == "division":
        division = (place.the_division,)
        return (Slice("judge", "division_id", division, cause=cause, procedure=procedure),
                Slice("judge", "division_id", division, "judge_id", cause=cause, procedure=procedure))
    return Slice("judge", "judge_id", (place.the_judge,), cause=cause, procedure=procedure), None


def _figures(session, slice_, filters, today) -> dict[int, Figures]:
    return figures(session, slice_=slice_, first_month=filters.period.first, last_month=filters.period.last,
                   today=today, tiers=filters.tiers)


def view(session: Session, *, actor: Actor, place: Place, filters: Filters, today: date,
         rank_by: str = "clearance_rate") -> View:
    """The figures of a place, its children and ranking, and its trend; read from the aggregates only."""
    courts = _courts(session)
    own, grouped = _slices(session, place, filters, courts)
    result = View(place=place, figures=Figures(), filters=filters, today=today,
                  trail=breadcrumbs(session, actor=actor, place=place), child_level=CHILD_LEVEL[place.level])
    if grouped is None:
        result.figures = _figures(session, own, filters, today).get(0, Figures())
    else:
        by_child = _figures(session, grouped, filters, today)
        for child in by_child.values():
            result.figures.add(child)
        result.children = _children(session, place, by_child, courts)
        result.rankings = _rankings(place, result.children, by_child, courts, rank_by)
    periods = rules.trend_periods(filters.period)
    monthly = monthly_flows(session, slice_=own, first_month=periods[0].first, last_month=periods[-1].last)
    for period in periods:
        point = Figures()
        for month, f in monthly.items():
            if period.first <= month <= period.last:
                point.add(f)
        result.trend.append(TrendPoint(period, point))
    return result


def ranking_key(rank_by: str):
    """Best first for the clearance rate; worst first for the backlog figures."""
    if rank_by not in RANKINGS:
        raise InvalidInput("排名指标无效", field="rank")
    if rank_by == "clearance_rate":
        return lambda r: (r.figures.clearance_rate is None, -(r.figures.clearance_rate or 0), r.place.name)
    if rank_by == "average_days":
        return lambda r: (r.figures.average_days is None, -(r.figures.average_days or 0), r.place.name)
    return lambda r: (-getattr(r.figures, rank_by), r.place.name)


def _court_row(court, by_child: dict[int, Figures]) -> Row:
    return Row(Place("court", court.name, city=court.city, court_id=court.id), by_child.get(court.id, Figures()),
               group=COURT_LEVEL_GROUPS[court.level])


def _rankings(place: Place, children: list[Row], by_child: dict[int, Figures], courts: dict,
              rank_by: str) -> list[tuple[str, list[Row]]]:
    """Places ranked among their peers: courts of the province or a city within their level, else the children."""
    key = ranking_key(rank_by)
    if place.level not in ("province", "city"):
        child = CHILD_LEVEL[place.level]
        return [(LEVEL_LABELS[child], sorted(children, key=key))] if child else []  # a judge has no children
    ranked = courts.values() if place.level == "province" else city_courts(courts, place.the_city)
    rankings = []
    for level, label in COURT_LEVEL_GROUPS.items():
        rows = [_court_row(c, by_child) for c in ranked if c.level == level]
        if len(rows) > 1:  # one court alone has no peers to be ranked with
            rankings.append((label, sorted(rows, key=key)))
    return rankings


def _children(session: Session, place: Place, by_child: dict[int, Figures], courts: dict) -> list[Row]:
    if place.level == "province":
        by_level = sorted(courts.values(), key=lambda c: c.code)
        cities = []
        for city in cities_in_order(courts):
            figures_ = Figures()
            for court in city_courts(courts, city):
                figures_.add(by_child.get(court.id, Figures()))
            cities.append(Row(Place("city", city, city=city), figures_, group=CITY_GROUP))
        return ([_court_row(c, by_child) for c in by_level if c.level == "high"] + cities
                + [_court_row(c, by_child) for c in by_level if c.level == "special"])
    if place.level == "city":
        return [_court_row(c, by_child) for c in city_courts(courts, place.the_city)]
    if place.level == "court":
        divisions = list(session.scalars(select(Division).where(Division.court_id == place.court_id)
                                         .order_by(Division.id)))
        rows = [Row(Place("division", d.name, city=place.city, court_id=place.court_id, division_id=d.id),
                    by_child.get(d.id, Figures())) for d in divisions]
        if 0 in by_child:  # cases not yet given to a division
            rows.append(Row(Place("division", "未分庭", city=place.city, court_id=place.court_id, division_id=0),
                            by_child[0], drillable=False))
        return rows
    judges = {j.id: j.display_name for j in security.judges_of(session, division_id=place.the_division)}
    for judge_id in by_child.keys() - judges.keys() - {0}:  # judges who since moved on keep their cases here
        account = security.get_account(session, judge_id)
        judges[judge_id] = account.display_name if account else f"#{judge_id}"
    rows = [Row(Place("judge", name, city=place.city, court_id=place.court_id, division_id=place.division_id,
                      judge_id=judge_id), by_child.get(judge_id, Figures())) for judge_id, name in judges.items()]
    if 0 in by_child:
        rows.append(Row(Place("judge", "未分案", city=place.city, court_id=place.court_id,
                              division_id=place.division_id, judge_id=0), by_child[0], drillable=False))
    return rows


# ---------------------------------------------------------------- the cases behind a number

@dataclass(frozen=True)
class CaseRow:
    """A case behind a number, with what a leader reads first: its court, its judge, how long it is overdue."""

    case: Case
    court_name: str
    judge_name: str | None
    days_overdue: int | None  # open cases past their deadline only


@dataclass
class CasePage:
    rows: list[CaseRow]
    page: int
    has_next: bool
    measure: str
    measure_label: str
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))
    next_cursor: str | None = None  # where the next page starts (keyset: no counting through earlier pages)


def measure_label(measure: str) -> str:
    match = LONG_PENDING.match(measure)
    if match:
        return f"长期未结（{match.group(1)}个月以上）"
    if measure not in MEASURE_LABELS:
        raise InvalidInput("统计指标无效", field="measure")
    return MEASURE_LABELS[measure]


def measure_condition(measure: str, *, filters: Filters, today: date):
    """The WHERE clause on `cases` that matches exactly what the aggregates count for a measure."""
    period, open_ = filters.period, Case.closed_on.is_(None)
    if measure == "filed":
        return Case.accepted_on.between(period.first_day, period.end_day - timedelta(days=1))
    if measure == "closed":
        return Case.closed_on.between(period.first_day, period.end_day - timedelta(days=1))
    if measure == "pending":
        return open_
    if measure == "overdue":
        return open_ & (Case.deadline_on < today)
    if measure == "warning":
        return open_ & Case.deadline_on.between(today, rules.warning_end(today))
    if measure in ("extended", "suspended"):
        kind = EventKind.DEADLINE_EXTENDED if measure == "extended" else EventKind.DEADLINE_SUSPENDED
        return Case.id.in_(select(TimelineEvent.case_id).where(
            TimelineEvent.kind == kind, TimelineEvent.at >= clock.start_of(period.first_day),
            TimelineEvent.at < clock.start_of(period.end_day)))
    match = LONG_PENDING.match(measure)
    if match:
        return open_ & (Case.accepted_on < rules.months_before(today, int(match.group(1))))
    raise InvalidInput("统计指标无效", field="measure")


def place_condition(place: Place, courts: dict):
    if place.level == "province":
        return Case.id.is_not(None)
    if place.level == "city":
        return Case.court_id.in_([c.id for c in city_courts(courts, place.the_city)])
    if place.level == "court":
        return Case.court_id == place.court_id
    if place.level == "division":
        return Case.division_id == place.division_id
    return Case.judge_id == place.judge_id


def case_list(session: Session, *, actor: Actor, place: Place, filters: Filters, measure: str, page: int = 1,
              today: date, after: Cursor | None = None) -> CasePage:
    """The cases behind one number of the screen, PAGE_SIZE a page: open cases the most overdue first (the
    nearest deadline), the others newest first; the page-th, or the one after the cursor `after` (any depth at
    the cost of the first)."""
    label = measure_label(measure)
    if not may_view(actor, place):
        raise Forbidden(f"无权查看{place.name}的案件")
    page = max(1, page)
    query = select(Case).where(place_condition(place, _courts(session)),
                               measure_condition(measure, filters=filters, today=today))
    if filters.cause:
        query = query.where(or_(Case.cause_code == filters.cause, Case.cause_code.like(filters.cause + ".%")))
    if filters.procedure:
        query = query.where(Case.procedure == filters.procedure)
    total = session.scalars(select(func.count()).select_from(query.subquery())).one()
    open_cases = bool(measure in OPEN_MEASURES or LONG_PENDING.match(measure))
    sort_on = "deadline_on" if open_cases else "accepted_on"
    if after is not None:
        if not open_cases and after.on is None:
            raise InvalidInput("翻页游标无效：请使用上一页返回的游标，或从第一页重新开始", field="cursor")
        query, page = query.where(after_ascending_nulls_last(Case.deadline_on, Case.id, after) if open_cases
                                  else after_descending(Case.accepted_on, Case.id, after)), 1
    order = (Case.deadline_on.asc().nulls_last(), Case.id) if open_cases else (Case.accepted_on.desc(),
                                                                               Case.id.desc())
    found = list(session.scalars(query.order_by(*order).limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE)))
    cases, has_next = found[:PAGE_SIZE], len(found) > PAGE_SIZE
    return CasePage(rows=_case_rows(session, cases, today), page=page, has_next=has_next, measure=measure,
                    measure_label=label, total=total,
                    next_cursor=next_cursor(cases, PAGE_SIZE, sort_on) if has_next else None)


def _case_rows(session: Session, found: list[Case], today: date) -> list[CaseRow]:
    courts = _courts(session)
    judges = {judge_id: account for judge_id in {c.judge_id for c in found}
              if judge_id and (account := security.get_account(session, judge_id))}
    return [CaseRow(case=c, court_name=courts[c.court_id].name,
                    judge_name=judges[c.judge_id].display_name if c.judge_id in judges else None,
                    days_overdue=rules.days_overdue(c.deadline_on, c.closed_on, today)) for c in found]


def count_of(f: Figures, measure: str) -> int:
    """The number the screen shows for a measure (for checks and the case list's heading)."""
    match = LONG_PENDING.match(measure)
    if match:
        return f.long_pending.get(int(match.group(1)), 0)
    return getattr(f, measure)
