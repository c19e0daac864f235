"""A demo province: staff for every court, public demo accounts, and cases over three years.

Rows are generated in memory and written in batches (one transaction), so the demo loads in
seconds; the case numbers continue gap-free from the sequences it leaves behind.
"""

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from faker import Faker
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from omnicourt import clock
from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import rules as case_rules
from omnicourt.cases import service as cases_service
from omnicourt.cases.models import Case, CaseNumberSequence, CaseParty, Claim, TimelineEvent
from omnicourt.dashboard import service as dashboard
from omnicourt.db import Database, sync_id_sequence, utcnow
from omnicourt.deadlines import rules as deadlines
from omnicourt.demo import timeline
from omnicourt.enforcement import auctions, inquiry
from omnicourt.enforcement import service as enforcement
from omnicourt.enforcement.schemas import ApplicationIn, AuctionIn, MeasureIn
from omnicourt.fees import service as fees
from omnicourt.filing import bulk as element_filing
from omnicourt.filing import service as filing
from omnicourt.filing.elements import cells as sheet_cells
from omnicourt.filing.elements import rows as sheet_rows
from omnicourt.filing.schemas import ClaimIn, FilingIn, PartyIn
from omnicourt.reference import service as reference
from omnicourt.reference.models import Cause, Court, Division
from omnicourt.retrieval import synthetic
from omnicourt.retrieval.index import SearchIndex
from omnicourt.security import rules as identity
from omnicourt.security import service as security
from omnicourt.security import verification
from omnicourt.security.models import Account
from omnicourt.security.passwords import hash_password
from omnicourt.settings import Settings
from omnicourt.triage import rules as triage_rules

DEMO_PASSWORD = "omnicourt-demo"
DEMO_COURT = "浙0106"  # 杭州市西湖区人民法院: its staff are the printed demo accounts
BATCH = 5000

# Share of first-instance civil filings by cause (a basic court's typical mix).
CAUSE_WEIGHTS = {
    "金融借款合同纠纷": 22, "民间借贷纠纷": 14, "买卖合同纠纷": 11, "信用卡纠纷": 9, "离婚纠纷": 7,
    "机动车交通事故责任纠纷": 7, "房屋租赁合同纠纷": 5, "物业服务合同纠纷": 5, "追索劳动报酬纠纷": 4,
    "服务合同纠纷": 4, "保证合同纠纷": 3, "信息网络买卖合同纠纷": 3, "名誉权纠纷": 1,
}
BANKS = ["中国工商银行股份有限公司", "中国农业银行股份有限公司", "中国银行股份有限公司", "中国建设银行股份有限公司",
         "交通银行股份有限公司", "招商银行股份有限公司", "浙商银行股份有限公司", "杭州银行股份有限公司"]
STAFF_PER_DIVISION = {"judge": 4, "judge_assistant": 2, "clerk": 2}
# Printed accounts beyond the first of each role: the financial division's judge and chief (the assistant's cases).
NAMED_ACCOUNTS = {"demo-finance-judge1": "demo-finance-judge"}
FINANCE_JUDGE, FINANCE_CHIEF = "demo-finance-judge", "demo-finance-chief"
ELEMENT_SHEET_CASES = 3


def load_demo(db: Database, settings: Settings, *, cases: int, echo: Callable[[str], None] = print, seed: int = 2026,
              today: date | None = None, case_base: SearchIndex | None = None) -> list[tuple[str, str, str]]:
    """Load the demo once (a second call only lists the accounts); return (role, username, name). With `case_base`
    (the search index), the case base is filled with demo judgments too."""
    today = today or clock.today()
    with db.transaction() as session:
        if not session.scalar(select(func.count()).select_from(Account).where(Account.kind == "staff")):
            _load(session, settings, cases=cases, echo=echo, rng=random.Random(seed), today=today)
        _verify_demo_accounts(session)
        accounts = demo_accounts(session)
    if case_base is not None:
        echo(f"案例库：{synthetic.load_demo_case_base(db, case_base)} 件演示裁判文书入库")
    return accounts


DEMO_PUBLIC_ACCOUNTS = ("demo-party", "demo-lawyer", "demo-bank")


def demo_accounts(session: Session) -> list[tuple[str, str, str]]:
    wanted = ["party", "lawyer", "filing_officer", "judge", "judge_assistant", "clerk", "division_chief",
              "vice_president", "president", "enforcement_officer"]
    found = []
    for role in wanted:
        account = session.scalar(select(Account).where(
            Account.role == role, Account.username.like("demo-%"), Account.username != "demo-high-president"
        ).order_by(Account.id).limit(1))
        if account:
            found.append((role, account.username, account.display_name))
    bank = session.scalar(select(Account).where(Account.username == "demo-bank"))
    if bank:
        found.insert(1, ("party(单位)", bank.username, bank.display_name))
    named = ((FINANCE_JUDGE, "judge(金融审判庭·智能辅助)"), (FINANCE_CHIEF, "division_chief(金融审判庭)"))
    for username, role in named:
        account = session.scalar(select(Account).where(Account.username == username))
        if account:
            found.append((role, account.username, account.display_name))
    high = session.scalar(select(Account).where(Account.username == "demo-high-president"))
    if high:
        found.append(("president(高院)", high.username, high.display_name))
    return found


def _load(session: Session, settings: Settings, *, cases: int, echo, rng: random.Random, today: date) -> None:
    fake = Faker("zh_CN")
    fake.seed_instance(rng.randrange(1 << 30))
    password_hash = hash_password(DEMO_PASSWORD)  # one hash, reused: hashing 2,000 times would take minutes
    courts = list(session.scalars(select(Court).order_by(Court.id)))
    divisions = list(session.scalars(select(Division).order_by(Division.id)))
    echo(f"生成 {len(courts)} 个法院的工作人员……")
    judges, party_id_number = create_people(session, fake=fake, rng=rng, password_hash=password_hash,
                                            courts=courts, divisions=divisions)
    echo(f"生成 {cases} 件演示案件……")
    _load_cases(session, settings, fake, rng, courts, divisions, judges, cases, today, party_id_number, echo)
    echo("为演示账号准备待办……")
    give_demo_accounts_work(session, settings, today=today)
    audit.record(session, actor_id=None, action=AuditAction.DEMO_LOAD, object_type="province",
                 details={"cases": cases, "courts": len(courts)})
    echo("计算审判态势统计……")
    dashboard.rebuild(session)


def _account(username, role, name, court_id, division_id, password_hash) -> dict:
    return {"username": username, "password_hash": password_hash, "kind": "staff", "role": role,
            "display_name": name, "court_id": court_id, "division_id": division_id, "active": True,
            "created_at": utcnow()}


def create_people(session: Session, *, fake: Faker, rng: random.Random, password_hash: str,
                  courts: list[Court], divisions: list[Division]) -> tuple[dict[int, list[int]], str]:
    """Staff of every court and the public demo accounts, all with the demo password.

    Shared by the demo and the province generator; returns the judge ids of each division and
    the demo party's ID number (so generated cases can name the demo party).
    """
    judges = _load_staff(session, fake, rng, courts, divisions, password_hash)
    return judges, _load_public_accounts(session, password_hash)


def cause_mix(session: Session) -> list[tuple[Cause, int]]:
    """The weighted first-instance civil causes of a basic court (CAUSE_WEIGHTS), as Cause rows."""
    causes = {c.name: c for c in session.scalars(select(Cause))}
    return [(causes[n], w) for n, w in CAUSE_WEIGHTS.items() if n in causes]


def _load_staff(session, fake, rng, courts, divisions, password_hash) -> dict[int, list[int]]:
    """Staff of every court; returns the judge ids of each division."""
    rows = []
    by_court = defaultdict(list)
    for division in divisions:
        by_court[division.court_id].append(division)
    for court in courts:
        prefix = "demo" if court.code == DEMO_COURT else f"c{court.id}"
        leaders = [("president", "president"), ("vice_president", "vice-president")]
        for role, slug in leaders:
            rows.append(_account(f"{prefix}-{slug}", role, fake.name(), court.id, None, password_hash))
        for division in by_court[court.id]:
            slug = f"{prefix}-{division.code}"
            if division.code == "filing" or "filing" in division.case_families:
                for n in range(2):
                    rows.append(_account(f"{slug}-officer{n + 1}", "filing_officer", fake.name(), court.id,
                                         division.id, password_hash))
                continue
            if division.code == "enforcement":
                for n in range(3):
                    rows.append(_account(f"{slug}-officer{n + 1}", "enforcement_officer", fake.name(), court.id,
                                         division.id, password_hash))
                continue
            rows.append(_account(f"{slug}-chief", "division_chief", fake.name(), court.id, division.id,
                                 password_hash))
            for role, count in STAFF_PER_DIVISION.items():
                for n in range(count):
                    rows.append(_account(f"{slug}-{role.replace('_', '')}{n + 1}", role, fake.name(), court.id,
                                         division.id, password_hash))
    high = next(c for c in courts if c.level == "high")
    for row in rows:
        if row["court_id"] == high.id and row["role"] == "president":
            row["username"] = "demo-high-president"
    # Demo usernames: the demo court's people, one per role, named by role for the README.
    _rename_demo_firsts(rows)
    session.execute(insert(Account), rows)
    judges = defaultdict(list)
    for account_id, division_id in session.execute(
        select(Account.id, Account.division_id).where(Account.role == "judge")
    ):
        judges[division_id].append(account_id)
    return judges


def _rename_demo_firsts(rows: list[dict]) -> None:
    seen = set()
    for row in rows:
        if row["username"] in NAMED_ACCOUNTS:
            row["username"] = NAMED_ACCOUNTS[row["username"]]
        elif row["username"].startswith("demo-") and row["username"] != "demo-high-president":
            role = row["role"]
            if role not in seen:
                seen.add(role)
                row["username"] = f"demo-{role.replace('_', '-')}"


# ---------------------------------------------------------------- work for the printed accounts

def give_demo_accounts_work(session: Session, settings: Settings, *, today: date) -> None:
    """Work for the printed accounts through the platform's own use cases: loan cases filed by element sheet for
    the financial division's judge (the assistant), demo-judge's docket in every stage, one filing waiting."""
    bank, party, officer = (_actor(session, name) for name in ("demo-bank", "demo-party", "demo-filing-officer"))
    give_every_stage(session, _account_named(session, "demo-judge"), today=today)  # from the bulk cases only
    _element_sheet_cases(session, settings, bank=bank, officer=officer, today=today)
    filing.submit(session, settings, actor=party, data=_waiting_filing(party), uploads=[], today=today)
    _enforcement_case(session, settings, party=party, officer=officer, today=today)


def _account_named(session: Session, username: str) -> Account:
    return session.scalars(select(Account).where(Account.username == username)).one()  # seeded by the loader


def _actor(session: Session, username: str):
    return security.actor_for(session, _account_named(session, username))


def _element_sheet_cases(session, settings, *, bank, officer, today: date) -> None:
    """demo-bank files loan cases by element sheet at the demo court; accepted, the financial division's chief
    gives them to demo-finance-judge (triage balances caseloads across the division)."""
    judge = _account_named(session, FINANCE_JUDGE)
    chief = _actor(session, FINANCE_CHIEF)
    borrowers = [("李四", date(1980, 1, 1)), ("王芳", date(1986, 7, 23)), ("陈刚", date(1979, 11, 5))]
    for n, (name, born) in enumerate(borrowers[:ELEMENT_SHEET_CASES], start=1):
        row = {**sheet_cells.EXAMPLE_ROW, "court_code": DEMO_COURT, "reference": f"DEMO-{n:04d}",
               "lender.name": bank.display_name, "lender.uscc": bank.uscc, "contract.number": f"ZS2023-{n:04d}",
               "borrower.1.name": name, "borrower.1.id_number": identity.make_id_number("330106", born, 11 + n,
                                                                                       "male")}
        checked = sheet_rows.check_row(row, today=today)
        if isinstance(checked, list):  # the example row is valid: a refusal means the sheet's rules moved on
            raise ValueError("demo element sheet row refused: " + "; ".join(error.message for error in checked))
        application = element_filing.file_sheet(session, settings, actor=bank, row=checked, today=today)
        case = filing.accept(session, settings, actor=officer, application_id=application.id, today=today)
        if case.judge_id != judge.id:
            cases_service.reassign(session, actor=chief, case_id=case.id, judge=judge,
                                   reason="演示：要素式金融借款案件集中由演示法官办理")


def give_every_stage(session: Session, judge: Account, *, today: date) -> None:
    """At least one case of demo-judge in every stage, one overdue and one with time left to extend, taken from
    other judges of the demo court (bulk demo cases, moved to demo-judge's division)."""
    wanted = [Case.stage == stage for stage in ("assigned", "in_trial", "closed", "archived")]
    open_ = Case.closed_on.is_(None)
    wanted += [open_ & (Case.deadline_on < today), open_ & (Case.deadline_on > today + timedelta(days=20))]
    for condition in wanted:
        if session.scalar(select(Case.id).where(Case.judge_id == judge.id, condition).limit(1)):
            continue
        case = session.scalar(select(Case).where(Case.court_id == judge.court_id, Case.judge_id.is_not(None),
                                                 condition).order_by(Case.division_id != judge.division_id,
                                                                     Case.id).limit(1))
        if case is not None:
            case.judge_id, case.division_id = judge.id, judge.division_id
    session.flush()


def _enforcement_case(session, settings, *, party, officer, today: date) -> None:
    """demo-party's loan case, settled by mediation, and its enforcement: the 执 case at the demo court with the
    debtor's assets found by the (simulated) online inquiry, the bank account frozen, the house seized and
    auctioned (bidding open now), all through the platform's use cases."""
    mediated = filing.accept(session, settings, actor=officer, today=today - timedelta(days=90),
                             application_id=filing.submit(session, settings, actor=party, uploads=[],
                                                          today=today - timedelta(days=90),
                                                          data=_waiting_filing(party)).id)
    judge = security.actor_for(session, _account_named_id(session, mediated.judge_id))
    cases_service.close_case(session, actor=judge, case_id=mediated.id, method="mediation",
                             closed_on=today - timedelta(days=60), today=today)
    plaintiff, debtor = sorted((p for p in mediated.parties if p.role != "agent"), key=lambda p: p.role != "plaintiff")
    application = enforcement.apply(session, actor=party, today=today, data=ApplicationIn(
        source_case_id=mediated.id, source_document="mediation_statement", applicant_party_id=plaintiff.id,
        respondent_party_ids=[debtor.id], amount=Decimal("50000.00"), request="被执行人给付借款本金50000元",
        effective_on=today - timedelta(days=60), performance_due_on=today - timedelta(days=30)))
    case = enforcement.accept(session, settings, actor=officer, application_id=application.id, today=today)
    handler = security.actor_for(session, _account_named_id(session, case.judge_id))
    found = {}
    for asked in inquiry.start(session, actor=handler, case_id=case.id, queue=None, today=today):
        inquiry.record_answer(asked, inquiry.simulated(asked.agency, debtor.name, debtor.id_number or ""))
        found[asked.agency] = asked.records
    for record in found.get("bank", [])[:1]:
        enforcement.take_measure(session, actor=handler, case_id=case.id, today=today, data=MeasureIn(
            measure="freeze", asset_kind="deposit", asset_key=record["key"], description=record["description"],
            amount=Decimal(record["balance"]) or None, starts_on=today))
    house = (found.get("real_estate") or [{"key": "浙(2021)杭州市不动产权第0012345号",
                                           "description": "杭州市西湖区天目山路8号住宅"}])[0]
    enforcement.take_measure(session, actor=handler, case_id=case.id, today=today, data=MeasureIn(
        measure="seizure", asset_kind="real_estate", asset_key=house["key"], description=house["description"],
        starts_on=today - timedelta(days=40)))
    opens = clock.now().replace(microsecond=0) - timedelta(hours=2)
    auctions.create(session, actor=handler, case_id=case.id, today=today - timedelta(days=40), data=AuctionIn(
        title=house["description"], asset_kind="real_estate", reference_price=Decimal("1200000"),
        start_price=Decimal("840000"), increment=Decimal("5000"), deposit=Decimal("84000"), starts_at=opens,
        ends_at=opens + timedelta(hours=24)))


def _account_named_id(session: Session, account_id: int | None) -> Account:
    account = session.get(Account, account_id)
    assert account is not None
    return account


def _waiting_filing(party) -> FilingIn:
    """demo-party's filing that waits in the demo court's queue for demo-filing-officer."""
    return FilingIn(court_code=DEMO_COURT, cause_code="cont.contract.loan.private", parties=[
        PartyIn(role="plaintiff", party_type="natural", name=party.display_name, id_number=party.id_number,
                address="杭州市西湖区文三路100号", phone="13800000001"),
        PartyIn(role="defendant", party_type="natural", name="周强",
                id_number=identity.make_id_number("330106", date(1990, 4, 12), 57, "male"),
                address="杭州市西湖区天目山路8号")],
        claims=[ClaimIn(description="判令被告归还借款本金50000元", amount=Decimal("50000.00")),
                ClaimIn(description="判令被告承担本案诉讼费用", amount=None)],
        facts_and_reasons="2025年3月1日，被告向原告借款50000元，约定2025年9月1日归还，到期未还。")


def _load_public_accounts(session, password_hash) -> str:
    id_number = identity.make_id_number("330106", date(1988, 5, 17), 123, "male")
    bank_uscc = identity.make_uscc("91330100" + "MA2H8Q7X3")
    session.execute(insert(Account), [
        {"username": "demo-party", "password_hash": password_hash, "kind": "public", "role": "party",
         "display_name": "张明", "person_type": "natural", "id_number": id_number, "phone": "13800000001",
         "active": True, "created_at": utcnow()},
        {"username": "demo-lawyer", "password_hash": password_hash, "kind": "public", "role": "lawyer",
         "display_name": "李律师", "person_type": "natural",
         "id_number": identity.make_id_number("330102", date(1985, 3, 2), 45, "female"), "phone": "13800000002",
         "practice_certificate_number": "13301201010234567", "law_firm": "浙江西湖律师事务所",
         "active": True, "created_at": utcnow()},
        {"username": "demo-bank", "password_hash": password_hash, "kind": "public", "role": "party",
         "display_name": "浙商银行股份有限公司杭州分行", "person_type": "legal", "uscc": bank_uscc,
         "legal_representative": "王行长", "phone": "13800000003",
         "id_number": identity.make_id_number("330103", date(1975, 8, 9), 78, "male"),
         "active": True, "created_at": utcnow()},
    ])
    return id_number


def _verify_demo_accounts(session: Session) -> None:
    """The demo's own public accounts are real-name verified, also in a demo database that was upgraded from
    before verification existed (its migration left them unverified)."""
    for account in session.scalars(select(Account).where(Account.username.in_(DEMO_PUBLIC_ACCOUNTS),
                                                          Account.identity_verified_at.is_(None))).all():
        account.identity_verified_at = utcnow()
        verification.bind(session, account, method="demo")


def _random_person(fake, rng) -> dict:
    region = rng.choice(["330102", "330105", "330106", "330108", "330109", "330110", "330205", "330302"])
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 52))
    sex = rng.choice(["male", "female"])
    return {"party_type": "natural", "name": fake.name(),
            "id_number": identity.make_id_number(region, born, rng.randrange(1, 499), sex),
            "uscc": None, "legal_representative": None, "address": fake.address()[:120],
            "phone": "1" + str(rng.randrange(3, 9)) + "".join(str(rng.randrange(10)) for _ in range(9))}


def _random_company(fake, rng, name: str | None = None) -> dict:
    body = "9133" + "".join(rng.choice("0123456789") for _ in range(4)) + "".join(
        rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    return {"party_type": "legal", "name": name or fake.company(), "id_number": None,
            "uscc": identity.make_uscc(body), "legal_representative": fake.name(),
            "address": fake.address()[:120], "phone": None}


# ln(yuan) at the median of the amount in dispute, by cause; others: about 49,000 yuan.
AMOUNT_LOG_MEDIANS = {"信用卡纠纷": 9.8, "金融借款合同纠纷": 11.5, "追索劳动报酬纠纷": 9.5, "物业服务合同纠纷": 8.2}


def random_amount(rng: random.Random, cause_name: str) -> Decimal:
    """A lognormal amount in dispute, capped at 50 million yuan."""
    value = rng.lognormvariate(AMOUNT_LOG_MEDIANS.get(cause_name, 10.8), 1.1)
    return Decimal(str(round(min(value, 5e7), 2))).quantize(Decimal("0.01"))


def _load_cases(session, settings, fake, rng, courts, divisions, judges, count, today, party_id_number, echo
                ) -> None:
    causes = {c.name: c for c in session.scalars(select(Cause))}
    weighted = cause_mix(session)
    basic = [c for c in courts if c.level in ("basic", "special")]
    court_weights = [3 if c.code.startswith("浙01") else 1 for c in basic]
    wage = reference.average_wage(settings.province)
    division_choice = _division_router(session, basic, causes.values())
    start = today - timedelta(days=3 * 365)
    drafts = []
    for _ in range(count):
        court = rng.choices(basic, court_weights)[0]
        cause = rng.choices([c for c, _ in weighted], [w for _, w in weighted])[0]
        accepted_on = start + timedelta(days=rng.randrange((today - start).days + 1))
        drafts.append((accepted_on, court, cause))
    drafts.sort(key=lambda d: (d[0], d[1].id))
    serials: dict[tuple[int, int], int] = defaultdict(int)
    case_rows, parties, claims, events = [], [], [], []
    next_id = (session.scalar(select(func.max(Case.id))) or 0) + 1
    for n, (accepted_on, court, cause) in enumerate(drafts):
        case_id = next_id + n
        serials[(court.id, accepted_on.year)] += 1
        serial = serials[(court.id, accepted_on.year)]
        amount = random_amount(rng, cause.name) if cause.money_payment or cause.kind == "property" else None
        decision = triage_rules.triage(court_level=court.level, amount=amount, money_payment=cause.money_payment,
                                       average_wage=wage)
        division_id = division_choice(court.id, cause)
        judge_id = rng.choice(judges[division_id]) if judges.get(division_id) else None
        deadline = deadlines.basic_trial_deadline(filed_on=accepted_on, procedure=decision.procedure,
                                                  case_type="民初")
        age = (today - accepted_on).days
        stage, closed_on, method = _stage_for(rng, age, accepted_on, today)
        plaintiff = (_random_company(fake, rng, rng.choice(BANKS) + "杭州分行")
                     if cause.name in ("金融借款合同纠纷", "信用卡纠纷") else _random_person(fake, rng))
        defendant = _random_person(fake, rng) if rng.random() < 0.8 else _random_company(fake, rng)
        if n % 400 == 7:  # the demo party is a plaintiff in some cases
            plaintiff = {**_random_person(fake, rng), "name": "张明", "id_number": party_id_number}
        number = case_rules.format_case_number(year=accepted_on.year, court_code=court.code, type_code="民初",
                                               serial=serial)
        title = f"{plaintiff['name']}诉{defendant['name']}{cause.name}"
        case_rows.append({
            "id": case_id, "court_id": court.id, "case_number": number, "year": accepted_on.year,
            "type_code": "民初", "serial": serial, "cause_code": cause.code, "cause_name": cause.name,
            "title": title[:255], "procedure": decision.procedure, "stage": stage, "division_id": division_id,
            "judge_id": judge_id, "amount_in_dispute": amount, "accepted_on": accepted_on, "deadline_on": deadline,
            "closed_on": closed_on, "closing_method": method, "filing_application_id": None,
            "triage_reasons": list(decision.reasons), "assignment_reasons": ["演示数据：随机分案"],
            "facts_and_reasons": "", "created_at": timeline.at(accepted_on, 9),
        })
        for role, party in (("plaintiff", plaintiff), ("defendant", defendant)):
            parties.append({"case_id": case_id, "court_id": court.id, "role": role, "account_id": None, **party})
        if amount is not None:
            claims.append({"case_id": case_id, "court_id": court.id,
                           "description": f"判令被告支付{amount}元", "amount": amount})
        claims.append({"case_id": case_id, "court_id": court.id, "description": "判令被告承担本案诉讼费用",
                       "amount": None})
        fee = fees.assess_acceptance_fee(amount or Decimal(0), decision.procedure, kind=cause.kind,
                                         fee_province=settings.fee_table_province).charged_fee
        events.extend(event_rows(case_id, court.id, timeline.case_events(
            number=number, procedure=decision.procedure, fee=fee, accepted_on=accepted_on, stage=stage,
            closed_on=closed_on, method=method)))
        if len(case_rows) >= BATCH:
            _flush(session, case_rows, parties, claims, events)
            echo(f"  已写入 {n + 1}/{count} 件")
    _flush(session, case_rows, parties, claims, events)
    sync_id_sequence(session, "cases")
    session.execute(insert(CaseNumberSequence), [
        {"court_id": court_id, "special_code": "", "type_code": "民初", "year": year, "last_serial": last}
        for (court_id, year), last in serials.items()
    ])


def _flush(session, case_rows, parties, claims, events) -> None:
    for model, rows in ((Case, case_rows), (CaseParty, parties), (Claim, claims), (TimelineEvent, events)):
        if rows:
            session.execute(insert(model), rows)
            rows.clear()


def _division_router(session, courts, causes):
    cache = {}

    def choose(court_id: int, cause: Cause) -> int:
        key = (court_id, cause.code)
        if key not in cache:
            cache[key] = reference.division_for_cause(session, court_id=court_id, cause=cause)[0].id
        return cache[key]

    return choose


def _stage_for(rng, age_days: int, accepted_on: date, today: date):
    """Older cases are mostly closed; recent ones still in trial."""
    closed_share = min(0.97, age_days / 150)
    if rng.random() < closed_share:
        closed_on = min(today, accepted_on + timedelta(days=rng.randint(15, max(16, min(age_days, 200)))))
        method = rng.choices(["judgment", "mediation", "withdrawal", "dismissal"], [45, 30, 22, 3])[0]
        stage = "archived" if (today - closed_on).days > 90 and rng.random() < 0.8 else "closed"
        return stage, closed_on, method
    return rng.choice(["assigned", "in_trial"]) if age_days > 3 else "assigned", None, None


def event_rows(case_id: int, court_id: int, events: list[timeline.DemoEvent]) -> list[dict]:
    """A drawn case's timeline as rows of timeline_events."""
    return [{"case_id": case_id, "court_id": court_id, "at": event.at, "kind": event.kind, "summary": event.summary,
             "actor_id": None, "public": True, "details": {}} for event in events]
