"""The online judicial auction of an enforcement case's asset (网拍规定): the officer announces it with prices and
periods checked by rules.py; real-name bidders pay the deposit and bid; bids are taken one at a time under a lock on
the auction's row, each timed by the server as it arrives; a late bid moves the end five minutes past it; the close
(by the sweep, or the officer after the end) sells to the leading bid or records the failure. The price and the end
are public; bidders are shown by code."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from omnicourt import clock
from omnicourt.audit import service as audit
from omnicourt.audit.actions import AuditAction
from omnicourt.cases import service as cases
from omnicourt.cases.events import EventKind
from omnicourt.cases.models import Case
from omnicourt.cases.rules import chinese_date
from omnicourt.db import utcnow
from omnicourt.dossier import pdf
from omnicourt.dossier import service as dossier
from omnicourt.dossier.rules import DocumentKind
from omnicourt.dossier.storage import storage_of
from omnicourt.enforcement import rules
from omnicourt.enforcement.models import Auction, AuctionBid, AuctionDeposit
from omnicourt.enforcement.schemas import AuctionIn
from omnicourt.enforcement.service import ENFORCEMENT_TYPE
from omnicourt.errors import Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.reference import service as reference
from omnicourt.security import service as security
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings

STATE_LABELS = {"announced": "公告中", "bidding": "竞价中", "ended": "竞价结束，待确认", "sold": "已成交",
                "failed": "流拍", "defaulted": "买受人悔拍"}


def _as_utc(at: datetime) -> datetime:
    """A time the officer typed: without a zone it is the court's (Beijing) time, not UTC."""
    return (at if at.tzinfo is not None else at.replace(tzinfo=clock.zone())).astimezone(UTC)


def create(session: Session, *, actor: Actor, case_id: int, data: AuctionIn, today: date) -> Auction:
    """Announce an auction of the case's asset: the start at least 70 % of the reference price (a re-auction at most
    20 % below the previous start), the deposit 5–20 % of the start, the announcement 15 / 30 days (7 / 15 again)
    before bidding opens, bidding at least 24 hours."""
    case = cases.get_case(session, actor=actor, case_id=case_id, for_update=True)
    if case.type_code != ENFORCEMENT_TYPE:
        raise NotFound("执行案件不存在", field="case_id")
    if actor.role != "enforcement_officer" or actor.division_id != case.division_id:
        raise Forbidden("网络司法拍卖由本案执行部门的执行员办理", field="actor")
    kind = rules.AssetKind(data.asset_kind) if data.asset_kind in {k.value for k in rules.AssetKind} else None
    if kind is None:
        raise InvalidInput("财产类别应为 real_estate（不动产）或 movable（动产）", field="asset_kind")
    rules.check_round(data.round)
    if data.round == 2 and data.previous_start is None:
        raise InvalidInput("再次拍卖须填写前次起拍价", field="previous_start")
    rules.check_start_price(data.start_price, data.reference_price, data.round, data.previous_start)
    rules.check_deposit(data.deposit, data.start_price)
    starts_at, ends_at = _as_utc(data.starts_at), _as_utc(data.ends_at)
    rules.check_announcement(kind, data.round, today, clock.local(starts_at).date())
    rules.check_bidding_period(starts_at, ends_at)
    auction = Auction(case_id=case.id, court_id=case.court_id, title=data.title, asset_kind=kind.value,
                      round=data.round, reference_price=data.reference_price, start_price=data.start_price,
                      increment=data.increment, deposit=data.deposit, announced_on=today, starts_at=starts_at,
                      ends_at=ends_at, bids=0, status="open", payment_days=data.payment_days, created_by=actor.id,
                      created_at=utcnow())
    session.add(auction)
    session.flush()
    cases.log_event(session, case=case, actor=actor, kind=EventKind.AUCTION_ANNOUNCED,
                    summary=f"发布网络司法拍卖公告：{data.title}，起拍价{data.start_price}元，"
                            f"{_shown(starts_at)}至{_shown(ends_at)}竞价")
    audit.record(session, actor_id=actor.id, action=AuditAction.AUCTION, object_type="auction", object_id=auction.id,
                 court_id=case.court_id, details={"step": "announce", "start_price": str(data.start_price)})
    return auction


def _shown(at: datetime) -> str:
    local = clock.local(at)
    return f"{chinese_date(local.date())}{local:%H:%M}"


def _locked(session: Session, auction_id: int) -> Auction:
    auction = session.scalars(select(Auction).where(Auction.id == auction_id).with_for_update()).first()
    if auction is None:
        raise NotFound("拍卖不存在", field="auction_id")
    return auction


def _debtor_numbers(session: Session, auction: Auction) -> set[str]:
    case = session.get(Case, auction.case_id)
    assert case is not None
    return {n for p in case.parties if p.role == "defendant" for n in (p.id_number, p.uscc) if n}


def _check_bidder(session: Session, actor: Actor, auction: Auction) -> None:
    if actor.is_staff or actor.is_mediator:
        raise Forbidden("法院工作人员不得竞买（网拍规定第三十四条）", field="actor")
    if not actor.identity_verified or not actor.bound_number:
        raise Forbidden("竞买人须先完成实名认证（网拍规定第十七条：实名交纳保证金）", field="actor")
    if actor.bound_number in _debtor_numbers(session, auction):
        raise Forbidden("被执行人不得竞买本案拍卖财产", field="actor")


def pay_deposit(session: Session, *, actor: Actor, auction_id: int, now: datetime) -> AuctionDeposit:
    """The bidder's deposit, held for this auction (the simulated gateway stands in for the platform's payment)."""
    auction = _locked(session, auction_id)
    _check_bidder(session, actor, auction)
    if auction.status != "open" or now >= auction.ends_at:
        raise Conflict("竞价已结束，不能再交纳保证金", field="auction_id")
    count = len(session.scalars(select(AuctionDeposit.id).where(AuctionDeposit.auction_id == auction.id)).all())
    deposit = AuctionDeposit(auction_id=auction.id, account_id=actor.id, bidder_code=f"A{count + 1:03d}",
                             amount=auction.deposit, paid_at=now, status="held")
    try:
        with session.begin_nested():
            session.add(deposit)
    except IntegrityError:
        raise Conflict("您已交纳本场拍卖的保证金", field="auction_id") from None
    audit.record(session, actor_id=actor.id, action=AuditAction.AUCTION, object_type="auction", object_id=auction.id,
                 court_id=auction.court_id, details={"step": "deposit", "amount": str(auction.deposit)})
    return deposit


def bid(session: Session, *, actor: Actor, auction_id: int, amount: Decimal, now: datetime) -> AuctionBid:
    """One bid, taken under the auction row's lock: two equal bids at one instant are taken one after the other, and
    the second is told the price it had to beat. Its time is the server's."""
    auction = _locked(session, auction_id)
    _check_bidder(session, actor, auction)
    if now < auction.starts_at:
        raise Conflict(f"竞价尚未开始，开始时间{_shown(auction.starts_at)}", field="auction_id")
    if auction.status != "open" or now >= auction.ends_at:
        raise Conflict(f"竞价已于{_shown(auction.ends_at)}结束", field="auction_id")
    deposit = session.scalars(select(AuctionDeposit).where(AuctionDeposit.auction_id == auction.id,
                                                           AuctionDeposit.account_id == actor.id)).first()
    if deposit is None:
        raise Forbidden("请先交纳保证金", field="auction_id")
    lowest = rules.lowest_bid(auction.start_price, auction.current_price, auction.increment)
    if amount < lowest:
        raise Conflict(f"出价须不低于{lowest}元（当前价加增价幅度{auction.increment}元）", field="amount")
    if auction.leading_bid_id is not None:
        leading = session.get(AuctionBid, auction.leading_bid_id)
        if leading is not None and leading.account_id == actor.id:
            raise Conflict("您已是当前最高出价人", field="amount")
    placed = AuctionBid(auction_id=auction.id, account_id=actor.id, bidder_code=deposit.bidder_code, amount=amount,
                        placed_at=now)
    session.add(placed)
    session.flush()
    auction.current_price, auction.leading_bid_id, auction.bids = amount, placed.id, auction.bids + 1
    auction.ends_at = rules.end_after_bid(auction.ends_at, now)
    return placed


def close(session: Session, auction: Auction, *, now: datetime) -> str:
    """Sold to the leading bid, or failed with none; losers' deposits returned, the winner's applied to the price."""
    if auction.status != "open" or now < auction.ends_at:
        return auction.status
    leading = session.get(AuctionBid, auction.leading_bid_id) if auction.leading_bid_id else None
    auction.status, auction.closed_at = ("sold" if leading else "failed"), now
    if leading:
        auction.balance_due_on = rules.balance_due(clock.local(now).date(), auction.payment_days)
    for deposit in session.scalars(select(AuctionDeposit).where(AuctionDeposit.auction_id == auction.id)):
        deposit.status = "applied" if leading and deposit.account_id == leading.account_id else "returned"
    case = session.get(Case, auction.case_id)
    assert case is not None
    summary = (f"网络司法拍卖成交：{auction.title}，成交价{leading.amount}元（竞买号{leading.bidder_code}），"
               f"买受人应于{chinese_date(auction.balance_due_on)}前交纳余款" if leading and auction.balance_due_on
               else f"网络司法拍卖流拍：{auction.title}，无人出价")
    cases.log_event(session, case=case, actor=None, kind=EventKind.AUCTION_CLOSED, summary=summary)
    audit.record(session, actor_id=None, action=AuditAction.AUCTION, object_type="auction", object_id=auction.id,
                 court_id=auction.court_id, details={"step": "close", "status": auction.status})
    return auction.status


def _buyer_bid(session: Session, auction: Auction) -> AuctionBid:
    bid = session.get(AuctionBid, auction.leading_bid_id) if auction.leading_bid_id else None
    if auction.status != "sold" or bid is None:
        raise Conflict("拍卖未成交", field="auction_id")
    return bid


def pay_balance(session: Session, *, actor: Actor, auction_id: int, now: datetime) -> Decimal:
    """The buyer pays the price less its deposit within the announced period (the simulated gateway stands in)."""
    auction = _locked(session, auction_id)
    winning = _buyer_bid(session, auction)
    if winning.account_id != actor.id:
        raise Forbidden("只有买受人可以交纳余款", field="actor")
    if auction.balance_paid_at is not None:
        raise Conflict("余款已交纳", field="auction_id")
    assert auction.balance_due_on is not None
    if rules.defaulted(auction.balance_due_on, False, clock.local(now).date()):
        raise Conflict(f"交款期限已于{chinese_date(auction.balance_due_on)}届满", field="auction_id")
    owed = rules.balance_of(winning.amount, auction.deposit)
    auction.balance_paid_at = now
    audit.record(session, actor_id=actor.id, action=AuditAction.AUCTION, object_type="auction", object_id=auction.id,
                 court_id=auction.court_id, details={"step": "balance", "amount": str(owed)})
    return owed


def issue_ruling(session: Session, settings: Settings, *, actor: Actor, auction_id: int, now: datetime) -> int:
    """拍卖成交裁定 after full payment: written, filed in the case's main volume and delivered to the buyer on the
    platform (a bidder accepts electronic service with its deposit); ownership passes on that service."""
    auction = _locked(session, auction_id)
    case = cases.get_case(session, actor=actor, case_id=auction.case_id, for_update=True)
    if actor.role != "enforcement_officer" or actor.division_id != case.division_id:
        raise Forbidden("由本案执行员作出拍卖成交裁定", field="actor")
    winning = _buyer_bid(session, auction)
    if auction.balance_paid_at is None:
        raise Conflict("买受人尚未交足价款，不能作出成交裁定", field="auction_id")
    if auction.ruling_document_id is not None:
        raise Conflict("已作出拍卖成交裁定", field="auction_id")
    buyer = security.get_account(session, winning.account_id)
    assert buyer is not None
    court = reference.court(session, case.court_id)
    today = clock.local(now).date()
    rows = [("案号", case.case_number), ("买受人", buyer.display_name), ("拍卖标的", auction.title),
            ("成交价", f"{winning.amount}元（竞价结束时间{_shown(auction.ends_at)}）"),
            ("裁定", f"{auction.title}归买受人{buyer.display_name}所有；"
                     "买受人可持本裁定书到财产管理机构办理相关产权过户登记手续"),
            ("说明", rules.OWNERSHIP_BASIS + "。本裁定送达后即发生法律效力")]
    upload = dossier.Upload(f"拍卖成交裁定书-{case.case_number}.pdf",
                            pdf.one_page("执行裁定书（拍卖成交）", rows, f"{court.name}　{chinese_date(today)}"))
    document = dossier.store(session, storage_of(settings), upload=upload, checked=dossier.generated_pdf(upload),
                             court_id=case.court_id, uploaded_by=actor.id, case_id=case.id,
                             kind=DocumentKind.JUDGMENT)
    session.flush()
    auction.ruling_document_id, auction.ruling_served_at = document.id, now
    cases.log_event(session, case=case, actor=actor, kind=EventKind.AUCTION_RULED,
                    summary=f"作出拍卖成交裁定：{auction.title}归买受人所有，裁定已在线送达买受人，所有权自送达时起转移")
    audit.record(session, actor_id=actor.id, action=AuditAction.AUCTION, object_type="auction", object_id=auction.id,
                 court_id=auction.court_id, details={"step": "ruling", "document_id": document.id})
    return document.id


def ruling_file(session: Session, settings: Settings, *, actor: Actor, auction_id: int) -> tuple[str, bytes]:
    """The buyer's copy of the ruling (and the court's)."""
    auction = session.get(Auction, auction_id)
    if auction is None or auction.ruling_document_id is None:
        raise NotFound("拍卖成交裁定不存在", field="auction_id")
    winning = _buyer_bid(session, auction)
    if not actor.is_staff and winning.account_id != actor.id:
        raise NotFound("拍卖成交裁定不存在", field="auction_id")
    if actor.is_staff:
        cases.get_case(session, actor=actor, case_id=auction.case_id)
    document = dossier.find(session, auction.ruling_document_id)
    assert document is not None
    return document.filename, dossier.read(storage_of(settings), document)


def sweep_defaults(session: Session, *, today: date) -> int:
    """悔拍: a buyer that let the payment period pass loses its deposit and may not bid on this asset again."""
    due = session.scalars(select(Auction).where(Auction.status == "sold", Auction.balance_paid_at.is_(None),
                                                Auction.balance_due_on < today).with_for_update(skip_locked=True)).all()
    for auction in due:
        auction.status = "defaulted"
        winning = session.get(AuctionBid, auction.leading_bid_id)
        for deposit in session.scalars(select(AuctionDeposit).where(AuctionDeposit.auction_id == auction.id,
                                                                    AuctionDeposit.status == "applied")):
            deposit.status = "forfeited"
        case = session.get(Case, auction.case_id)
        assert case is not None and winning is not None
        cases.log_event(session, case=case, actor=None, kind=EventKind.AUCTION_CLOSED,
                        summary=f"买受人（竞买号{winning.bidder_code}）逾期未交纳余款，保证金不予退还，"
                                "应重新拍卖（网拍规定第二十四条）")
    return len(due)


def close_by_officer(session: Session, *, actor: Actor, auction_id: int, now: datetime) -> str:
    auction = _locked(session, auction_id)
    case = cases.get_case(session, actor=actor, case_id=auction.case_id)
    if actor.role != "enforcement_officer" or actor.division_id != case.division_id:
        raise Forbidden("由本案执行员确认拍卖结果", field="actor")
    if now < auction.ends_at:
        raise Conflict(f"竞价尚未结束（{_shown(auction.ends_at)}结束）", field="auction_id")
    return close(session, auction, now=now)


def close_due(session: Session, *, now: datetime) -> int:
    """The sweep's part: every open auction whose end has passed is closed."""
    due = session.scalars(select(Auction).where(Auction.status == "open", Auction.ends_at <= now)
                          .with_for_update(skip_locked=True)).all()
    for auction in due:
        close(session, auction, now=now)
    return len(due)


@dataclass(frozen=True)
class AuctionView:
    auction: Auction
    state: str
    lowest_bid: Decimal
    recent: list[AuctionBid]
    my_code: str | None
    is_buyer: bool = False
    owed: Decimal | None = None

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def state_of(auction: Auction, now: datetime) -> str:
    if auction.status != "open":
        return auction.status
    if now < auction.starts_at:
        return "announced"
    return "bidding" if now < auction.ends_at else "ended"


def view(session: Session, *, auction_id: int, now: datetime, actor: Actor | None = None) -> AuctionView:
    auction = session.get(Auction, auction_id)
    if auction is None:
        raise NotFound("拍卖不存在", field="auction_id")
    recent = list(session.scalars(select(AuctionBid).where(AuctionBid.auction_id == auction.id)
                                  .order_by(AuctionBid.id.desc()).limit(10)))
    mine = None
    if actor is not None and not actor.is_staff:
        mine = session.scalar(select(AuctionDeposit.bidder_code).where(AuctionDeposit.auction_id == auction.id,
                                                                       AuctionDeposit.account_id == actor.id))
    winning = session.get(AuctionBid, auction.leading_bid_id) if auction.leading_bid_id else None
    is_buyer = bool(actor and winning and auction.status in ("sold", "defaulted") and winning.account_id == actor.id)
    owed = rules.balance_of(winning.amount, auction.deposit) if winning and auction.status == "sold" else None
    return AuctionView(auction, state_of(auction, now),
                       rules.lowest_bid(auction.start_price, auction.current_price, auction.increment), recent, mine,
                       is_buyer, owed)


def listed(session: Session, *, limit: int = 100) -> list[Auction]:
    """The auctions the public page lists: those not yet closed first, by their end; then the latest closed."""
    return list(session.scalars(select(Auction).order_by(Auction.status != "open", Auction.ends_at.desc())
                                .limit(limit)))


def of_case(session: Session, *, case_id: int) -> list[Auction]:
    return list(session.scalars(select(Auction).where(Auction.case_id == case_id).order_by(Auction.id)))


def default_times(today: date, kind: str) -> tuple[datetime, datetime]:
    """The earliest lawful opening (10:00 after the first round's announcement period) and a 24-hour bidding."""
    days = rules.announcement_days(rules.AssetKind(kind), 1)
    opens = datetime.combine(today + timedelta(days=days), datetime.min.time().replace(hour=10), tzinfo=clock.zone())
    return opens, opens + rules.MIN_BIDDING
