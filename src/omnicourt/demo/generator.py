"""A province at scale: `omnicourt generate --cases N` fills the database with five years of cases.

Cases are drawn day by day (weekdays busy, weekends quiet, a few per cent more each year) so that
serials follow the acceptance dates; parties, amounts, procedures, judges' caseloads and closing
times follow the distributions below. Rows go in as COPY on PostgreSQL (written by a second thread
while the next batch is drawn) and as batched inserts on SQLite, all in one transaction, so a
failed run leaves nothing behind. The same seed on the same starting database gives the same data.
"""

import json
import math
import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from queue import Queue

from faker import Faker
from sqlalchemy import func, insert, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.schema import AddConstraint, CreateIndex, DropConstraint, DropIndex

from omnicourt import (
    clock,
    models,  # noqa: F401  (registers every table, so the foreign keys resolve)
)
from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import rules as case_rules
from omnicourt.cases.models import Case, CaseNumberSequence, CaseParty, Claim, TimelineEvent
from omnicourt.dashboard import service as dashboard
from omnicourt.db import Database, sync_id_sequence, table_of
from omnicourt.deadlines import rules as deadlines
from omnicourt.demo import loader, timeline
from omnicourt.fees import rules as fee_rules
from omnicourt.fees import service as fees
from omnicourt.reference import service as reference
from omnicourt.reference.models import Cause, Court, Division
from omnicourt.security import rules as identity
from omnicourt.security.models import Account
from omnicourt.security.passwords import hash_password
from omnicourt.settings import Settings
from omnicourt.triage import rules as triage_rules

YEARS = 5
BATCH = 20_000
YEARLY_GROWTH = 0.06  # filings grew by a few per cent a year in Zhejiang
WEEKEND_SHARE = 0.08  # online filings still arrive at weekends; few are accepted then
# Case mix of a province (basic courts take first instances and enforcement; intermediate courts appeals).
TYPE_WEIGHTS = {"民初": 78, "执": 17, "民终": 5}
# Median days to close, by procedure (small claims fastest; enforcement runs for months).
MEDIAN_DAYS = {"small_claims": 28, "simple": 48, "ordinary": 115, "执": 95}
CLOSING_METHODS = {"judgment": 45, "mediation": 30, "withdrawal": 22, "dismissal": 3}
ENFORCEMENT_CLOSINGS = {"judgment": 0, "mediation": 8, "withdrawal": 12, "dismissal": 0, "transfer": 80}
DEMO_PARTY_CASES = 24  # a natural person has a handful of cases, however large the province
REGIONS = ("330102", "330105", "330106", "330108", "330109", "330110", "330205", "330302", "330402", "330502",
           "330602", "330702", "330802", "330902", "331002", "331102")

CASE_COLUMNS = ("id", "court_id", "case_number", "year", "type_code", "serial", "cause_code", "cause_name", "title",
                "procedure", "stage", "division_id", "judge_id", "amount_in_dispute", "accepted_on", "deadline_on",
                "closed_on", "closing_method", "filing_application_id", "triage_reasons", "assignment_reasons",
                "facts_and_reasons", "created_at")
PARTY_COLUMNS = ("case_id", "court_id", "role", "party_type", "name", "id_number", "uscc", "legal_representative",
                 "address", "phone", "account_id")
CLAIM_COLUMNS = ("case_id", "court_id", "description", "amount")
EVENT_COLUMNS = ("case_id", "court_id", "at", "kind", "summary", "actor_id", "public", "details")
TABLES = ((Case, CASE_COLUMNS), (CaseParty, PARTY_COLUMNS), (Claim, CLAIM_COLUMNS), (TimelineEvent, EVENT_COLUMNS))
JSON_COLUMNS = {"triage_reasons", "assignment_reasons", "details"}


@dataclass(frozen=True)
class Generated:
    cases: int
    rows: int
    seconds: float

    @property
    def cases_per_second(self) -> float:
        return self.cases / self.seconds if self.seconds else 0.0


def generate(db: Database, settings: Settings, *, cases: int, seed: int = 2026, today: date | None = None,
             on_progress: Callable[[int], None] = lambda done: None) -> Generated:
    """Add `cases` cases over the five years before `today`; create the staff first if there are none."""
    today = today or clock.today()
    rng = random.Random(seed)
    started = time.perf_counter()
    with db.transaction() as session:
        if not session.scalar(select(func.count()).select_from(Account).where(Account.kind == "staff")):
            _create_people(session, rng)
    with db.transaction() as session:
        province = _Province.load(session, settings, rng)
        rows = 0
        with _bulk_load(session) as writer:
            for done, batch in _batches(province, rng, cases, today):
                writer.write(batch)
                rows += sum(len(table) for table in batch)
                on_progress(done)
        _save_sequences(session, province.serials)
        audit.record(session, actor_id=None, action=AuditAction.DEMO_GENERATE, object_type="province",
                     details={"cases": cases, "seed": seed, "today": today.isoformat()})
    _vacuum(db)
    with db.transaction() as session:
        dashboard.rebuild(session)
    return Generated(cases=cases, rows=rows, seconds=time.perf_counter() - started)


def _create_people(session: Session, rng: random.Random) -> None:
    fake = Faker("zh_CN")
    fake.seed_instance(rng.randrange(1 << 30))
    courts = list(session.scalars(select(Court).order_by(Court.id)))
    divisions = list(session.scalars(select(Division).order_by(Division.id)))
    loader.create_people(session, fake=fake, rng=rng, password_hash=hash_password(loader.DEMO_PASSWORD),
                         courts=courts, divisions=divisions)


@dataclass
class _Court:
    court: Court
    weight: float
    routes: dict[str, int]  # cause code (or "执") → division id


class _Province:
    """Everything the draw needs, read once so the loop never touches the database."""

    def __init__(self, *, basic, intermediate, causes, handlers, serials, next_id, wage, fee_province, demo_party,
                 names):
        self.basic, self.intermediate, self.causes = basic, intermediate, causes
        self.handlers, self.serials, self.next_id = handlers, serials, next_id
        self.wage, self.fee_province, self.demo_party, self.names = wage, fee_province, demo_party, names

    @classmethod
    def load(cls, session: Session, settings: Settings, rng: random.Random) -> "_Province":
        mix = loader.cause_mix(session)
        courts = list(session.scalars(select(Court).order_by(Court.id)))
        handlers = _handlers(session, rng)

        enforcement = {d.court_id: d.id for d in session.scalars(select(Division).order_by(Division.id.desc()))
                       if "enforcement" in d.case_families}

        def routed(court: Court) -> _Court:
            routes = {c.code: reference.division_for_cause(session, court_id=court.id, cause=c)[0].id
                      for c, _ in mix}
            if court.id in enforcement:
                routes["执"] = enforcement[court.id]
            # Provincial-capital courts carry about three times the cases of others.
            return _Court(court, 3.0 if court.code.startswith("浙01") else 1.0, routes)

        basic = [routed(c) for c in courts if c.level in ("basic", "special")]
        intermediate = [routed(c) for c in courts if c.level == "intermediate"]
        serials = {(s.court_id, s.type_code, s.year): s.last_serial
                   for s in session.scalars(select(CaseNumberSequence).where(CaseNumberSequence.special_code == ""))}
        demo_party = session.scalar(select(Account.id_number).where(Account.username == "demo-party"))
        return cls(basic=basic, intermediate=intermediate, causes=mix, handlers=handlers, serials=serials,
                   next_id=(session.scalar(select(func.max(Case.id))) or 0) + 1,
                   wage=reference.average_wage(settings.province), fee_province=settings.fee_table_province,
                   demo_party=demo_party,
                   names=_NamePools(rng))


def _handlers(session: Session, rng: random.Random) -> dict[int, tuple[list[int], list[float]]]:
    """Judges (and enforcement officers) of each division, each with a caseload weight: some carry more."""
    by_division: defaultdict[int, list[int]] = defaultdict(list)
    for account_id, division_id in session.execute(
        select(Account.id, Account.division_id).where(Account.role.in_(("judge", "enforcement_officer")),
                                                      Account.active.is_(True)).order_by(Account.id)):
        if division_id is not None:  # a handler outside any division is given no cases
            by_division[division_id].append(account_id)
    return {division: (ids, [rng.lognormvariate(0, 0.35) for _ in ids]) for division, ids in by_division.items()}


class _NamePools:
    """Faker is slow per row: draw pools of names, companies and addresses once, then pick from them."""

    def __init__(self, rng: random.Random):
        fake = Faker("zh_CN")
        fake.seed_instance(rng.randrange(1 << 30))
        self.people = [fake.name() for _ in range(4000)]
        self.companies = [fake.company() for _ in range(1500)]
        self.addresses = [" ".join(fake.address().split())[:120] for _ in range(3000)]


def _daily_counts(total: int, start: date, today: date) -> Iterator[tuple[date, int]]:
    """Split `total` over the days from `start` to `today` by weekday and growth, exactly (largest remainder)."""
    days = [start + timedelta(days=n) for n in range((today - start).days + 1)]
    weights = [(WEEKEND_SHARE if d.weekday() >= 5 else 1.0) * (1 + YEARLY_GROWTH) ** ((d - start).days / 365)
               for d in days]
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    counts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(days)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[:total - sum(counts)]:
        counts[i] += 1
    return zip(days, counts, strict=True)


def _batches(province: _Province, rng: random.Random, total: int, today: date):
    """Yield (cases drawn so far, rows of each table) every BATCH cases."""
    start = today - timedelta(days=YEARS * 365)
    demo_every = max(1, total // DEMO_PARTY_CASES)
    draw = _CaseDraw(province, rng, today)
    batch, done = _empty_batch(), 0
    for day, count in _daily_counts(total, start, today):
        for _ in range(count):
            draw.case(batch, day, with_demo_party=province.demo_party is not None and done % demo_every == 7)
            done += 1
            if done % BATCH == 0:
                yield done, batch
                batch = _empty_batch()
    if batch[0]:
        yield done, batch


def _empty_batch() -> tuple[list, list, list, list]:
    return [], [], [], []


class _CaseDraw:
    """Draws one case with its parties, claims and timeline."""

    def __init__(self, province: _Province, rng: random.Random, today: date):
        self.p, self.rng, self.today = province, rng, today
        self.types, self.type_weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
        self.basic_weights = [c.weight for c in province.basic]
        self.intermediate_weights = [c.weight for c in province.intermediate]
        self.cause_list = [c for c, _ in province.causes]
        self.cause_weights = [w for _, w in province.causes]
        self.next_id = province.next_id

    def case(self, batch, day: date, *, with_demo_party: bool) -> None:
        rng, p = self.rng, self.p
        cases, parties, claims, events = batch
        type_code = rng.choices(self.types, self.type_weights)[0]
        courts, weights = ((p.intermediate, self.intermediate_weights) if type_code == "民终"
                           else (p.basic, self.basic_weights))
        court = rng.choices(courts, weights)[0]
        cause: Cause = rng.choices(self.cause_list, self.cause_weights)[0]
        division_id = court.routes.get("执" if type_code == "执" else cause.code)
        judge_id = self._handler(division_id)
        amount = (loader.random_amount(rng, cause.name) if cause.money_payment or cause.kind == "property"
                  else None)
        procedure, reasons = self._procedure(court.court, cause, amount, type_code)
        key = (court.court.id, type_code, day.year)
        serial = p.serials[key] = p.serials.get(key, 0) + 1
        number = case_rules.format_case_number(year=day.year, court_code=court.court.code, type_code=type_code,
                                               serial=serial)
        closed_on, method, stage = self._outcome(day, procedure if type_code != "执" else "执")
        plaintiff, defendant = self._parties(cause, with_demo_party)
        case_id = self.next_id
        self.next_id += 1
        court_id = court.court.id
        title = f"{plaintiff[1]}诉{defendant[1]}{cause.name}"[:255]
        if type_code == "执":
            title = f"{plaintiff[1]}申请执行{defendant[1]}{cause.name}"[:255]
        cases.append((case_id, court_id, number, day.year, type_code, serial, cause.code, cause.name, title,
                      procedure, stage, division_id, judge_id, amount, day, _deadline(day, procedure, type_code),
                      closed_on, method, None, reasons, _ASSIGNED_AT_RANDOM, "", timeline.at(day, 9)))
        for role, party in (("plaintiff", plaintiff), ("defendant", defendant)):
            parties.append((case_id, court_id, role, *party, None))
        if amount is not None:
            claims.append((case_id, court_id, f"判令被告支付{amount}元", amount))
        claims.append((case_id, court_id, "判令被告承担本案诉讼费用", None))
        fee = _fee(amount, procedure, cause.kind, p.fee_province) if type_code != "执" else None
        events.extend(event_rows(case_id, court_id, timeline.case_events(
            number=number, procedure=procedure, fee=fee, accepted_on=day, stage=stage, closed_on=closed_on,
            method=method)))

    def _handler(self, division_id: int | None) -> int | None:
        ids, weights = self.p.handlers.get(division_id, ((), ()))
        return self.rng.choices(ids, weights)[0] if ids else None

    def _procedure(self, court: Court, cause: Cause, amount: Decimal | None, type_code: str) -> tuple[str, str]:
        if type_code != "民初":
            return "ordinary", "[]"
        decision = triage_rules.triage(court_level=court.level, amount=amount, money_payment=cause.money_payment,
                                       average_wage=self.p.wage)
        return decision.procedure, _json(decision.reasons)

    def _outcome(self, accepted_on: date, clock_key: str) -> tuple[date | None, str | None, str]:
        """Close after a lognormal number of days (a long tail stays pending); archive most old closings."""
        rng = self.rng
        days = int(rng.lognormvariate(math.log(MEDIAN_DAYS[clock_key]), 0.6)) + 3
        closed_on = accepted_on + timedelta(days=days)
        age = (self.today - accepted_on).days
        if closed_on > self.today:
            return None, None, "accepted" if age < 2 else ("assigned" if age < 10 else "in_trial")
        methods = ENFORCEMENT_CLOSINGS if clock_key == "执" else CLOSING_METHODS
        method = rng.choices(list(methods), list(methods.values()))[0]
        archived = (self.today - closed_on).days > 90 and rng.random() < 0.85
        return closed_on, method, "archived" if archived else "closed"

    def _parties(self, cause: Cause, with_demo_party: bool) -> tuple[tuple, tuple]:
        rng = self.rng
        if cause.name in ("金融借款合同纠纷", "信用卡纠纷"):
            plaintiff = self._company(rng.choice(loader.BANKS) + rng.choice(("杭州分行", "宁波分行", "温州分行")))
        else:
            plaintiff = self._person() if rng.random() < 0.75 else self._company()
        if with_demo_party:
            plaintiff = ("natural", "张明", self.p.demo_party, None, None, plaintiff[4], "13800000001")
        defendant = self._person() if rng.random() < 0.8 else self._company()
        return plaintiff, defendant

    def _person(self) -> tuple:
        rng, names = self.rng, self.p.names
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))
        number = identity.make_id_number(rng.choice(REGIONS), born, rng.randrange(1, 499),
                                         "male" if rng.random() < 0.55 else "female")
        return ("natural", rng.choice(names.people), number, None, None, rng.choice(names.addresses),
                f"1{rng.randrange(30, 90)}{rng.randrange(10 ** 8):08d}")

    def _company(self, name: str | None = None) -> tuple:
        rng, names = self.rng, self.p.names
        body = "9133" + f"{rng.randrange(10 ** 4):04d}" + "".join(rng.choices(identity.USCC_CHARSET, k=9))
        return ("legal", name or rng.choice(names.companies), None, identity.make_uscc(body),
                rng.choice(names.people), rng.choice(names.addresses), None)


_ASSIGNED_AT_RANDOM = json.dumps(["生成数据：按各法官收案权重随机分案"], ensure_ascii=False)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


@lru_cache(maxsize=16384)
def _deadline(accepted_on: date, procedure: str, type_code: str) -> date | None:
    if type_code == "执":
        return None  # the enforcement period (执行案件期限规定) is not among deadlines.rules yet
    return deadlines.basic_trial_deadline(filed_on=accepted_on, procedure=procedure, case_type=type_code)


def _fee(amount: Decimal | None, procedure: str, kind: str, fee_province: str) -> Decimal:
    """fees.assess_acceptance_fee with the scale built once per kind (it rebuilds it on every call)."""
    amount = amount or Decimal(0)
    scale = _scale(kind, amount > 0, fee_province)
    return fee_rules.acceptance_fee(amount, scale, procedure=procedure, rounding=fees.rounding()).charged_fee


@lru_cache
def _scale(kind: str, has_amount: bool, fee_province: str) -> fee_rules.BandScale:
    return fees.acceptance_scale(kind, has_amount=has_amount, fee_province=fee_province)


def event_rows(case_id: int, court_id: int, events: list[timeline.DemoEvent]) -> Iterator[tuple]:
    """A drawn case's timeline as COPY rows of timeline_events (EVENT_COLUMNS)."""
    return ((case_id, court_id, event.at, event.kind, event.summary, None, True, "{}") for event in events)


def _vacuum(db: Database) -> None:
    """After a bulk load PostgreSQL has no statistics and no visibility map: plans are guesses and
    index-only scans (caseload counts) read the heap. VACUUM ANALYZE fixes both; it cannot run in a
    transaction."""
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE " + ", ".join(model.__tablename__ for model, _ in TABLES)))


@contextmanager
def _bulk_load(session: Session):
    """A writer for the batches. On PostgreSQL the foreign keys and secondary indexes of the four tables are
    dropped for the load and rebuilt after it, in the same transaction: checking and indexing row by row
    made COPY three times slower than building them once at the end (PostgreSQL manual, 14.4)."""
    if session.get_bind().dialect.name != "postgresql":
        yield _SqliteWriter(session)
        return
    tables = [table_of(model) for model, _ in TABLES]
    # Every one is named (db.NAMING), so the names sort as text.
    foreign_keys = [fk for table in tables for fk in sorted(table.foreign_key_constraints, key=lambda c: str(c.name))]
    indexes = [index for table in tables for index in sorted(table.indexes, key=lambda i: str(i.name))]
    for fk in foreign_keys:
        session.execute(DropConstraint(fk))
    for index in indexes:
        session.execute(DropIndex(index))
    writer = _PostgresWriter(session)
    yield writer
    writer.close()
    session.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))
    for index in indexes:
        session.execute(CreateIndex(index))
    for fk in foreign_keys:
        session.execute(AddConstraint(fk))


class _PostgresWriter:
    """COPY each batch from a second thread, so PostgreSQL loads one batch while Python draws the next."""

    def __init__(self, session: Session):
        driver = session.connection().connection.driver_connection
        if driver is None:
            raise RuntimeError("the session's database connection is closed")
        self.connection = driver
        self.queue: Queue = Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def write(self, batch) -> None:
        if self.error:
            raise self.error
        self.queue.put(batch)

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error:
            raise self.error

    def _run(self) -> None:
        while (batch := self.queue.get()) is not None:
            if self.error:
                continue
            try:
                with self.connection.cursor() as cursor:
                    for (model, columns), rows in zip(TABLES, batch, strict=True):
                        with cursor.copy(f"COPY {model.__tablename__} ({', '.join(columns)}) FROM STDIN") as copy:
                            for row in rows:
                                copy.write_row(row)
            except BaseException as error:  # handed to the drawing thread, which raises it
                self.error = error


class _SqliteWriter:
    """Batched inserts through SQLAlchemy (JSON columns decoded, so the column types encode them)."""

    def __init__(self, session: Session):
        self.session = session

    def write(self, batch) -> None:
        for (model, columns), rows in zip(TABLES, batch, strict=True):
            if rows:
                self.session.execute(insert(model), [
                    {c: json.loads(v) if c in JSON_COLUMNS else v for c, v in zip(columns, row, strict=True)}
                    for row in rows])

    def close(self) -> None:
        pass


def _save_sequences(session: Session, serials: dict[tuple[int, str, int], int]) -> None:
    """Leave the last serial of every (court, type, year) behind, and move the id sequence past the new ids."""
    dialect = session.get_bind().dialect.name
    insert_fn = postgresql.insert if dialect == "postgresql" else sqlite.insert
    rows = [{"court_id": court_id, "special_code": "", "type_code": type_code, "year": year, "last_serial": last}
            for (court_id, type_code, year), last in serials.items()]
    for start in range(0, len(rows), 1000):  # SQLite caps the bound parameters of one statement
        stmt = insert_fn(CaseNumberSequence).values(rows[start:start + 1000])
        session.execute(stmt.on_conflict_do_update(
            index_elements=["court_id", "special_code", "type_code", "year"],
            set_={"last_serial": stmt.excluded.last_serial}))
    sync_id_sequence(session, "cases")
