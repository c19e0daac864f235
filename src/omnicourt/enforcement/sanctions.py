"""The list of dishonest debtors (失信被执行人名单, 法释〔2017〕7号): the case's officer lists a debtor by decision on
one of art. 1's grounds (never a minor), the decision filed and delivered to the debtor; the public list shows who
is listed now; a listing is deleted on the grounds of art. 10 — at once when the ledger shows the debt paid — and
lapses at its end."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import Case, CaseParty
from omnicourt.cases.rules import chinese_date
from omnicourt.db import utcnow
from omnicourt.delivery import service as delivery
from omnicourt.dossier import pdf
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.storage import storage_of
from omnicourt.enforcement import rules
from omnicourt.enforcement.models import DishonestListing
from omnicourt.enforcement.service import enforcement_case_for_handler
from omnicourt.errors import Conflict, InvalidInput, NotFound
from omnicourt.reference import service as reference
from omnicourt.security import rules as identity
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings


def _birth_date(party: CaseParty) -> date | None:
    try:
        return identity.validate_id_number(party.id_number).birth_date if party.id_number else None
    except InvalidInput:
        return None


def list_debtor(session: Session, settings: Settings, *, actor: Actor, case_id: int, debtor_party_id: int,
                ground: int, extra_years: int, facts: str, today: date) -> DishonestListing:
    case = enforcement_case_for_handler(session, actor, case_id)
    debtor = next((p for p in case.parties if p.id == debtor_party_id and p.role == "defendant"), None)
    if debtor is None:
        raise InvalidInput("被纳入失信名单的应为本案被执行人", field="debtor_party_id")
    facts = facts.strip()
    if len(facts) < 4:
        raise InvalidInput("请写明失信行为的具体情形", field="facts")
    rules.check_listing(ground=ground, extra_years=extra_years, debtor_born=_birth_date(debtor), on=today)
    listing = DishonestListing(case_id=case.id, court_id=case.court_id, debtor_party_id=debtor.id, ground=ground,
                               extra_years=extra_years, facts=facts[:500], listed_on=today,
                               ends_on=rules.listing_ends(ground, extra_years, today), created_by=actor.id,
                               created_at=utcnow())
    try:
        with session.begin_nested():
            session.add(listing)
    except IntegrityError:
        raise Conflict(f"{debtor.name}已在本案纳入失信被执行人名单", field="debtor_party_id") from None
    listing.decision_document_id = _decision(session, settings, actor=actor, case=case, debtor=debtor,
                                             listing=listing, today=today)
    period = f"期限至{chinese_date(listing.ends_on)}" if listing.ends_on else "不设固定期限，履行后删除"
    cases.log_event(session, case=case, actor=actor, kind=EventKind.DISHONEST_LISTED,
                    summary=f"决定将{debtor.name}纳入失信被执行人名单（第一条第{ground}项），{period}")
    audit.record(session, actor_id=actor.id, action=AuditAction.DISHONEST_LIST, object_type="dishonest_listing",
                 object_id=listing.id, court_id=case.court_id, details={"step": "list", "ground": ground})
    return listing


def _decision(session: Session, settings: Settings, *, actor: Actor, case: Case, debtor: CaseParty,
              listing: DishonestListing, today: date) -> int:
    """The decision (决定书), effective when made, filed in the main volume and delivered to the debtor (art. 5)."""
    court = reference.court(session, case.court_id)
    rows = [("案号", case.case_number), ("被执行人", debtor.name),
            ("失信情形", f"{rules.DISHONEST_GROUNDS[listing.ground]}：{listing.facts}"),
            ("决定", f"将{debtor.name}纳入失信被执行人名单"),
            ("期限", f"至{chinese_date(listing.ends_on)}" if listing.ends_on else "不设固定期限，履行义务后删除"),
            ("依据", f"{rules.LISTING_SOURCE}第一条第{listing.ground}项、第二条"),
            ("救济", "认为纳入错误的，可以向本院申请纠正（第十一条）")]
    upload = dossier.Upload(f"失信决定书-{debtor.name}.pdf", pdf.one_page("决定书（纳入失信被执行人名单）", rows,
                                                                        f"{court.name}　{chinese_date(today)}"))
    document = dossier.store(session, storage_of(settings), upload=upload, checked=dossier.generated_pdf(upload),
                             court_id=case.court_id, uploaded_by=actor.id, case_id=case.id,
                             kind=DocumentKind.JUDGMENT)
    session.flush()
    delivery.deliver_papers(session, settings, case_id=case.id, papers=[(document.id, debtor.id)],
                            created_by=actor.id)
    return document.id


def remove(session: Session, *, actor: Actor | None, case: Case, listing: DishonestListing, ground: str,
           today: date) -> None:
    if ground not in rules.DELETION_GROUNDS:
        raise InvalidInput("删除理由应为第十条所列情形之一", field="ground")
    if listing.removed_on is not None:
        raise Conflict("该失信信息已删除", field="listing_id")
    listing.removed_on, listing.removal_ground = today, ground
    cases.log_event(session, case=case, actor=actor, kind=EventKind.DISHONEST_REMOVED,
                    summary=f"删除失信被执行人信息：{rules.DELETION_GROUNDS[ground]}")
    audit.record(session, actor_id=actor.id if actor else None, action=AuditAction.DISHONEST_LIST,
                 object_type="dishonest_listing", object_id=listing.id, court_id=case.court_id,
                 details={"step": "remove", "ground": ground})


def remove_by_officer(session: Session, *, actor: Actor, case_id: int, listing_id: int, ground: str,
                      today: date) -> None:
    case = enforcement_case_for_handler(session, actor, case_id)
    listing = session.get(DishonestListing, listing_id)
    if listing is None or listing.case_id != case.id:
        raise NotFound("失信信息不存在", field="listing_id")
    remove(session, actor=actor, case=case, listing=listing, ground=ground, today=today)


def remove_on_performance(session: Session, *, case: Case, today: date) -> int:
    """The debt paid: every listing of the case deleted now (art. 10(1): within three working days)."""
    active = session.scalars(select(DishonestListing).where(DishonestListing.case_id == case.id,
                                                            DishonestListing.removed_on.is_(None))).all()
    for listing in active:
        remove(session, actor=None, case=case, listing=listing, ground="performed", today=today)
    return len(active)


def of_case(session: Session, *, case_id: int) -> list[DishonestListing]:
    return list(session.scalars(select(DishonestListing).where(DishonestListing.case_id == case_id)
                                .order_by(DishonestListing.id)))


@dataclass(frozen=True)
class PublicEntry:
    name: str
    number: str
    court: str
    case_number: str
    ground: str
    facts: str
    listed_on: date
    ends_on: date | None


def published(session: Session, *, today: date, limit: int = 200) -> list[PublicEntry]:
    """Who is on the list today (art. 6's data: name, the masked number, the case, the court, the dishonest act)."""
    rows = session.execute(select(DishonestListing, CaseParty, Case).join(
        CaseParty, CaseParty.id == DishonestListing.debtor_party_id).join(Case, Case.id == DishonestListing.case_id)
        .where(DishonestListing.removed_on.is_(None),
               or_(DishonestListing.ends_on.is_(None), DishonestListing.ends_on >= today))
        .order_by(DishonestListing.listed_on.desc(), DishonestListing.id.desc()).limit(limit)).all()
    return [PublicEntry(party.name, party.uscc or rules.masked_id_number(party.id_number),
                        reference.court(session, case.court_id).name, case.case_number,
                        rules.DISHONEST_GROUNDS[listing.ground], listing.facts, listing.listed_on, listing.ends_on)
            for listing, party, case in rows]
