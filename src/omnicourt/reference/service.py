"""Reference data: loading data/ into the database and the lookups other domains ask for."""

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from omnicourt.errors import InvalidInput
from omnicourt.reference import cache, tables
from omnicourt.reference.cache import CauseInfo, CourtInfo, CourtroomInfo, DivisionInfo
from omnicourt.reference.models import CaseType, Cause, Court, Courtroom, Division


def load(session: Session, *, province: str, courtrooms: bool = True) -> int:
    """Load the courts of `province` (the province setting), divisions, courtrooms, case types and causes once;
    return the number of courts. A province without a court table is refused before anything is written. The
    courtrooms, added later, are loaded on their own into a database that has its courts; courtrooms=False leaves
    them out (a database migrated only to a revision before their table)."""
    if loaded := session.scalars(select(func.count()).select_from(Court)).one():
        if courtrooms:
            _load_courtrooms(session, province)
        return loaded
    courts = tables.courts(province)
    by_code: dict[str, Court] = {}
    for row in courts:
        court = Court(code=row["code"], name=row["name"], level=row["level"], city=row["city"],
                      admin_division_code=row.get("admin_division_code") or None)
        session.add(court)
        by_code[court.code] = court
    session.flush()
    for row in courts:
        if row.get("parent_code"):
            by_code[row["code"]].parent_id = by_code[row["parent_code"]].id
    for court in by_code.values():
        session.add_all(_divisions_for(court))
    session.add_all(CaseType(**{k: row[k] for k in ("code", "name", "category_code", "family", "instance",
                                                     "numbering")}) for row in tables.case_types())
    session.add_all(
        Cause(code=row["code"], name=row["name"], parent_code=row.get("parent_code") or None,
              level=int(row["level"]), money_payment=row["money_payment"].lower() == "true",
              kind=row.get("kind") or "property")
        for row in tables.causes()
    )
    session.flush()
    if courtrooms:
        _load_courtrooms(session, province)
    return len(by_code)


def _load_courtrooms(session: Session, province: str) -> None:
    """The courtrooms of data/courtrooms/<key>.csv, once; rows of courts the database does not hold are refused."""
    if session.scalars(select(func.count()).select_from(Courtroom)).one():
        return
    court_ids = dict(session.execute(select(Court.code, Court.id)).all())
    for row in tables.courtrooms(province):
        if row["court_code"] not in court_ids:
            raise InvalidInput(f"法庭表中的法院代字「{row['court_code']}」不在法院表中", field="court_code")
        session.add(Courtroom(court_id=court_ids[row["court_code"]], code=row["code"], name=row["name"],
                              seats=int(row["seats"])))
    session.flush()
    cache.forget()


def _divisions_for(court: Court) -> list[Division]:
    templates = tables.division_templates()
    chosen = templates.get("courts", {}).get(court.code) or templates["levels"][court.level_for_divisions]
    return [
        Division(court_id=court.id, code=d["code"], name=d["name"], case_families=d.get("case_families", []),
                 cause_prefixes=d.get("cause_prefixes", []), is_default=d.get("default", False))
        for d in chosen["divisions"]
    ]


def court_by_code(session: Session, code: str) -> CourtInfo:
    court = cache.snapshot(session).courts_by_code.get((code or "").strip())
    if court is None:
        raise InvalidInput(f"法院代字「{code}」不存在", field="court_code")
    return court


def court(session: Session, court_id: int) -> CourtInfo:
    return cache.snapshot(session).courts_by_id[court_id]


def courtrooms_of(session: Session, court_id: int) -> tuple[CourtroomInfo, ...]:
    return cache.snapshot(session).courtrooms_by_court.get(court_id, ())


def courtroom(session: Session, courtroom_id: int) -> CourtroomInfo | None:
    return cache.snapshot(session).courtrooms_by_id.get(courtroom_id)


def courtrooms_of_courts(session: Session, court_ids) -> list[CourtroomInfo]:
    """Every room of the given courts (a province's, for the benchmark and the calendars)."""
    by_court = cache.snapshot(session).courtrooms_by_court
    return [room for court_id in court_ids for room in by_court.get(court_id, ())]


def cause_by_code(session: Session, code: str) -> CauseInfo:
    cause = cache.snapshot(session).causes_by_code.get((code or "").strip())
    if cause is None:
        raise InvalidInput(f"案由「{code}」不存在", field="cause_code")
    return cause


def list_courts(session: Session) -> tuple[CourtInfo, ...]:
    return cache.snapshot(session).courts


def list_causes(session: Session, *, money_only: bool = False) -> list[CauseInfo]:
    return [c for c in cache.snapshot(session).causes if c.money_payment or not money_only]


def case_type_codes(session: Session) -> frozenset[str]:
    return cache.snapshot(session).case_type_codes


def average_wage(province: str) -> Decimal:
    return tables.average_wage(province)


def _prefix_matches(cause_code: str, prefix: str) -> bool:
    return cause_code == prefix or cause_code.startswith(prefix + ".")


def division_by_code(session: Session, *, court_id: int, code: str) -> DivisionInfo | None:
    """The court's division of this code (data/divisions.toml), e.g. its enforcement bureau."""
    return next((d for d in cache.snapshot(session).divisions_by_court.get(court_id, ()) if d.code == code), None)


def division_for_cause(session: Session, *, court_id: int, cause: CauseInfo | Cause, family: str = "civil"
                       ) -> tuple[DivisionInfo, str]:
    """The division whose cause prefixes match the cause most specifically; else the default one
    (data/divisions.toml describes the routing)."""
    divisions = cache.snapshot(session).divisions_by_court.get(court_id, ())
    candidates = [(len(prefix), d) for d in divisions if family in d.case_families
                  for prefix in d.cause_prefixes if _prefix_matches(cause.code, prefix)]
    if candidates:
        division = max(candidates, key=lambda c: c[0])[1]
        return division, f"案由「{cause.name}」属{division.name}的收案范围"
    for division in divisions:
        if division.is_default and family in division.case_families:
            return division, f"案由「{cause.name}」未列入专门审判庭收案范围，由{division.name}审理"
    raise InvalidInput("该法院没有审理此类案件的审判庭", field="court_code")
