"""API shapes of the supervision screen (the mobile client reads the same numbers as the pages)."""

from datetime import date

from pydantic import BaseModel, Field

from omnicourt.dashboard.queries import Figures
from omnicourt.dashboard.service import CasePage, CaseRow, Place, Row, View


class PlaceOut(BaseModel):
    level: str
    name: str
    city: str | None = None
    court_id: int | None = None
    division_id: int | None = None
    judge_id: int | None = None

    @classmethod
    def of(cls, place: Place) -> "PlaceOut":
        return cls(**vars(place))


class FiguresOut(BaseModel):
    filed: int
    closed: int
    clearance_rate: float | None  # 结收比, 0.95 = 95 %
    average_days: float | None
    median_days: float | None
    pending: int
    overdue: int
    warning: int
    long_pending: dict[str, int]  # months → cases: {"12": 40, "18": 12, "36": 1}
    extended: int
    suspended: int

    @classmethod
    def of(cls, f: Figures) -> "FiguresOut":
        def rounded(value):
            return None if value is None else round(value, 4)

        return cls(filed=f.filed, closed=f.closed, clearance_rate=rounded(f.clearance_rate),
                   average_days=rounded(f.average_days), median_days=rounded(f.median_days), pending=f.pending,
                   overdue=f.overdue, warning=f.warning,
                   long_pending={str(k): v for k, v in sorted(f.long_pending.items())},
                   extended=f.extended, suspended=f.suspended)


class RowOut(BaseModel):
    place: PlaceOut
    figures: FiguresOut
    drillable: bool
    group: str | None  # the level a child of the province belongs to: 高级人民法院, 各市…, 专门法院

    @classmethod
    def of(cls, row: Row) -> "RowOut":
        return cls(place=PlaceOut.of(row.place), figures=FiguresOut.of(row.figures), drillable=row.drillable,
                   group=row.group)


class RankingOut(BaseModel):
    """Places ranked among peers of one level (district courts among district courts)."""

    level: str
    rows: list[RowOut]


class PeriodOut(BaseModel):
    kind: str
    key: str
    label: str
    first_month: int
    last_month: int


class TrendOut(BaseModel):
    period: str
    label: str
    filed: int
    closed: int
    clearance_rate: float | None
    average_days: float | None


class CrumbOut(BaseModel):
    place: PlaceOut
    linked: bool


class ViewOut(BaseModel):
    place: PlaceOut
    today: date
    period: PeriodOut
    cause: str | None
    procedure: str | None
    figures: FiguresOut
    breadcrumbs: list[CrumbOut]
    child_level: str | None
    children: list[RowOut]
    rankings: list[RankingOut]
    trend: list[TrendOut]

    @classmethod
    def of(cls, v: View) -> "ViewOut":
        p = v.filters.period
        return cls(
            place=PlaceOut.of(v.place), today=v.today,
            period=PeriodOut(kind=p.kind, key=p.key, label=p.label, first_month=p.first, last_month=p.last),
            cause=v.filters.cause, procedure=v.filters.procedure, figures=FiguresOut.of(v.figures),
            breadcrumbs=[CrumbOut(place=PlaceOut.of(place), linked=linked) for place, linked in v.trail],
            child_level=v.child_level, children=[RowOut.of(r) for r in v.children],
            rankings=[RankingOut(level=level, rows=[RowOut.of(r) for r in rows]) for level, rows in v.rankings],
            trend=[TrendOut(period=t.period.key, label=t.period.label, filed=t.figures.filed,
                            closed=t.figures.closed, clearance_rate=t.figures.clearance_rate,
                            average_days=t.figures.average_days) for t in v.trend])


class CaseOut(BaseModel):
    id: int
    case_number: str
    title: str
    cause_name: str
    procedure: str
    stage: str
    court_id: int
    division_id: int | None
    judge_id: int | None
    accepted_on: date
    deadline_on: date | None
    closed_on: date | None
    court_name: str
    judge_name: str | None
    days_overdue: int | None

    @classmethod
    def of(cls, row: CaseRow) -> "CaseOut":
        c = row.case
        return cls(id=c.id, case_number=c.case_number, title=c.title, cause_name=c.cause_name,
                   procedure=c.procedure, stage=c.stage, court_id=c.court_id, division_id=c.division_id,
                   judge_id=c.judge_id, accepted_on=c.accepted_on, deadline_on=c.deadline_on,
                   closed_on=c.closed_on, court_name=row.court_name, judge_name=row.judge_name,
                   days_overdue=row.days_overdue)


class CasePageOut(BaseModel):
    measure: str
    label: str
    page: int
    pages: int
    total: int
    has_next: bool
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last")
    cases: list[CaseOut]

    @classmethod
    def of(cls, page: CasePage) -> "CasePageOut":
        return cls(measure=page.measure, label=page.measure_label, page=page.page, pages=page.pages,
                   total=page.total, has_next=page.has_next, next_cursor=page.next_cursor,
                   cases=[CaseOut.of(row) for row in page.rows])


class MediationFiguresOut(BaseModel):
    received: int
    settled: int
    failed: int
    confirmed: int
    median_days: float | None
    share_before_filing: float | None


class MediationRowOut(BaseModel):
    name: str
    figures: MediationFiguresOut
    place: dict | None  # the query parameters that drill into it


class MediationViewOut(BaseModel):
    place: dict
    period: str
    figures: MediationFiguresOut
    rows: list[MediationRowOut]


def _mediation_figures(f) -> MediationFiguresOut:
    return MediationFiguresOut(received=f.received, settled=f.settled, failed=f.failed, confirmed=f.confirmed,
                               median_days=f.median_days, share_before_filing=f.share_before_filing)


def mediation_view_out(v) -> MediationViewOut:
    return MediationViewOut(place=v.place.params | {"name": v.place.name}, period=v.period.label,
                            figures=_mediation_figures(v.figures),
                            rows=[MediationRowOut(name=r.name, figures=_mediation_figures(r.figures),
                                                  place=r.place.params if r.place else None) for r in v.rows])
