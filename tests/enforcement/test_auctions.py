"""The online auction: its settings checked against the rules, bids taken one at a time by the server's clock, the
five-minute extension, the close; two equal bids at one instant on PostgreSQL."""

import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from omnicourt import clock
from omnicourt.enforcement import auctions
from omnicourt.enforcement.models import Auction, AuctionBid, AuctionDeposit
from omnicourt.enforcement.schemas import AuctionIn
from omnicourt.errors import Conflict, Forbidden, InvalidInput, NotFound
from omnicourt.security import service as security
from tests.conftest import TODAY, actor_named
from tests.enforcement.conftest import accepted, decided_case
from tests.evidence.conftest import verified_party
from tests.factories import id_number, register_party

OPENS = datetime.combine(TODAY + timedelta(days=30), datetime.min.time().replace(hour=10), tzinfo=clock.zone())


def settings_of(**overrides) -> AuctionIn:
    data = {"title": "杭州市西湖区某路1号住宅", "asset_kind": "real_estate", "round": 1,
            "reference_price": Decimal("1000000"), "start_price": Decimal("700000"), "increment": Decimal("5000"),
            "deposit": Decimal("70000"), "starts_at": OPENS, "ends_at": OPENS + timedelta(hours=24)}
    return AuctionIn(**(data | overrides))


def _officer(db, case_id):
    with db.reading() as session:
        from omnicourt.cases.models import Case
        return security.actor_for(session, security.get_account(session, session.get(Case, case_id).judge_id))


@pytest.fixture
def auction(db, settings):
    decided = decided_case(db, settings)
    case_id = accepted(db, settings, decided)
    officer = _officer(db, case_id)
    with db.transaction() as session:
        made = auctions.create(session, actor=officer, case_id=case_id, data=settings_of(), today=TODAY)
        bidders = [verified_party(session, id_number()) for _ in range(2)]
    return made.id, officer, bidders, decided


@pytest.mark.parametrize(("overrides", "field", "words"), [
    ({"start_price": Decimal("699999.99")}, "start_price", "700000.00"),
    ({"deposit": Decimal("34999")}, "deposit", "5%至20%"),
    ({"deposit": Decimal("140001")}, "deposit", "5%至20%"),
    ({"starts_at": OPENS - timedelta(days=1), "ends_at": OPENS + timedelta(hours=23)}, "starts_at", "30日前公告"),
    ({"ends_at": OPENS + timedelta(hours=23, minutes=59)}, "ends_at", "二十四小时"),
    ({"round": 2}, "previous_start", "前次起拍价"),
    ({"round": 2, "previous_start": Decimal("700000"), "start_price": Decimal("559999")}, "start_price", "百分之二十"),
    ({"asset_kind": "ship"}, "asset_kind", "财产类别"),
])
def test_an_unlawful_auction_is_refused_naming_the_rule(db, settings, overrides, field, words):
    decided = decided_case(db, settings)
    case_id = accepted(db, settings, decided)
    officer = _officer(db, case_id)
    with pytest.raises(InvalidInput) as refused, db.transaction() as session:
        auctions.create(session, actor=officer, case_id=case_id, data=settings_of(**overrides), today=TODAY)
    assert refused.value.field == field and words in refused.value.message


def test_a_movable_re_auction_needs_seven_days(db, settings):
    decided = decided_case(db, settings)
    case_id = accepted(db, settings, decided)
    officer = _officer(db, case_id)
    opens = datetime.combine(TODAY + timedelta(days=7), datetime.min.time(), tzinfo=clock.zone())
    with db.transaction() as session:
        made = auctions.create(session, actor=officer, case_id=case_id, today=TODAY, data=settings_of(
            asset_kind="movable", round=2, previous_start=Decimal("700000"), start_price=Decimal("560000"),
            deposit=Decimal("28000"), starts_at=opens, ends_at=opens + timedelta(days=1)))
        assert made.starts_at == opens.astimezone(UTC)


def test_bids_raise_the_price_a_late_bid_extends_and_the_close_sells(db, auction):
    auction_id, officer, (first, second), _ = auction
    during = OPENS.astimezone(UTC) + timedelta(hours=1)
    with pytest.raises(Forbidden, match="保证金"), db.transaction() as session:
        auctions.bid(session, actor=first, auction_id=auction_id, amount=Decimal("700000"), now=during)
    with db.transaction() as session:
        auctions.pay_deposit(session, actor=first, auction_id=auction_id, now=during)
        auctions.pay_deposit(session, actor=second, auction_id=auction_id, now=during)
    with pytest.raises(Conflict, match="尚未开始"), db.transaction() as session:
        auctions.bid(session, actor=first, auction_id=auction_id, amount=Decimal("700000"),
                     now=OPENS.astimezone(UTC) - timedelta(seconds=1))
    with db.transaction() as session:
        auctions.bid(session, actor=first, auction_id=auction_id, amount=Decimal("700000"), now=during)
    with pytest.raises(Conflict, match="当前最高出价人"), db.transaction() as session:
        auctions.bid(session, actor=first, auction_id=auction_id, amount=Decimal("710000"), now=during)
    with pytest.raises(Conflict, match="705000"), db.transaction() as session:
        auctions.bid(session, actor=second, auction_id=auction_id, amount=Decimal("704999"), now=during)
    end = OPENS.astimezone(UTC) + timedelta(hours=24)
    late = end - timedelta(minutes=2)
    with db.transaction() as session:
        auctions.bid(session, actor=second, auction_id=auction_id, amount=Decimal("705000"), now=late)
    with db.reading() as session:
        shown = auctions.view(session, auction_id=auction_id, now=end)
        assert shown.auction.ends_at == late + timedelta(minutes=5) and shown.state == "bidding"
        assert shown.lowest_bid == Decimal("710000")
    with pytest.raises(Conflict, match="结束"), db.transaction() as session:
        auctions.bid(session, actor=first, auction_id=auction_id, amount=Decimal("720000"),
                     now=late + timedelta(minutes=5))
    with pytest.raises(Conflict, match="尚未结束"), db.transaction() as session:
        auctions.close_by_officer(session, actor=officer, auction_id=auction_id, now=end)
    with db.transaction() as session:
        assert auctions.close_by_officer(session, actor=officer, auction_id=auction_id,
                                         now=late + timedelta(minutes=5)) == "sold"
    with db.reading() as session:
        deposits = {d.account_id: d.status for d in session.scalars(
            select(AuctionDeposit).where(AuctionDeposit.auction_id == auction_id))}
        assert deposits == {first.id: "returned", second.id: "applied"}


def test_who_may_not_bid(db, auction):
    auction_id, officer, _, decided = auction
    during = OPENS.astimezone(UTC) + timedelta(hours=1)
    with db.transaction() as session:
        unverified = security.actor_for(session, register_party(session))
    for actor, words in [(officer, "工作人员"), (unverified, "实名"), (decided.debtor, "被执行人")]:
        with pytest.raises(Forbidden, match=words), db.transaction() as session:
            auctions.pay_deposit(session, actor=actor, auction_id=auction_id, now=during)


def test_an_auction_without_bids_fails_at_its_close(db, auction):
    auction_id, *_ = auction
    with db.transaction() as session:  # the sweep's close_due closes every auction past its end this way
        row = session.get(Auction, auction_id)
        assert auctions.close(session, row, now=OPENS.astimezone(UTC) + timedelta(hours=23)) == "open"
        assert auctions.close(session, row, now=OPENS.astimezone(UTC) + timedelta(hours=25)) == "failed"
    with db.reading() as session:
        assert auctions.view(session, auction_id=auction_id, now=clock.utcnow()).state == "failed"


@pytest.mark.postgres
def test_two_equal_bids_at_one_instant_one_wins_the_other_is_told_why(db, auction):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("concurrency on PostgreSQL")
    auction_id, _, bidders, _ = auction
    during = OPENS.astimezone(UTC) + timedelta(hours=1)
    with db.transaction() as session:
        for bidder in bidders:
            auctions.pay_deposit(session, actor=bidder, auction_id=auction_id, now=during)
    barrier, outcomes = threading.Barrier(2), []

    def place(bidder) -> None:
        barrier.wait()
        try:
            with db.transaction() as session:
                auctions.bid(session, actor=bidder, auction_id=auction_id, amount=Decimal("700000"), now=during)
            outcomes.append("won")
        except Conflict as refused:
            outcomes.append(refused.message)

    threads = [threading.Thread(target=place, args=(b,)) for b in bidders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("won") == 1 and any("705000" in o for o in outcomes if o != "won"), outcomes
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuctionBid).where(
            AuctionBid.auction_id == auction_id)) == 1


def test_only_the_case_s_enforcement_officers_announce(db, settings, auction):
    _, _, _, decided = auction
    filing_officer = actor_named(db, "demo-filing-officer")
    enforcement_case = accepted(db, settings, decided_case(db, settings))
    with pytest.raises(Forbidden, match="执行员"), db.transaction() as session:
        auctions.create(session, actor=filing_officer, case_id=enforcement_case, data=settings_of(), today=TODAY)
    with pytest.raises(Exception) as refused, db.transaction() as session:  # a trial case is no enforcement case
        auctions.create(session, actor=filing_officer, case_id=decided.case_id, data=settings_of(), today=TODAY)
    assert refused.value.status in (403, 404)


def _sold(db, auction):
    auction_id, officer, (first, second), _ = auction
    during = OPENS.astimezone(UTC) + timedelta(hours=1)
    with db.transaction() as session:
        auctions.pay_deposit(session, actor=first, auction_id=auction_id, now=during)
        auctions.bid(session, actor=first, auction_id=auction_id, amount=Decimal("700000"), now=during)
    end = OPENS.astimezone(UTC) + timedelta(hours=24)
    with db.transaction() as session:
        auctions.close_by_officer(session, actor=officer, auction_id=auction_id, now=end)
    return auction_id, officer, first, second, end


def test_the_buyer_pays_the_balance_the_ruling_passes_ownership(db, settings, auction):
    auction_id, officer, buyer, other, end = _sold(db, auction)
    with pytest.raises(Conflict, match="尚未交足"), db.transaction() as session:
        auctions.issue_ruling(session, settings, actor=officer, auction_id=auction_id, now=end)
    with pytest.raises(Forbidden, match="买受人"), db.transaction() as session:
        auctions.pay_balance(session, actor=other, auction_id=auction_id, now=end)
    with db.transaction() as session:
        assert auctions.pay_balance(session, actor=buyer, auction_id=auction_id, now=end) == Decimal("630000.00")
    with db.transaction() as session:
        auctions.issue_ruling(session, settings, actor=officer, auction_id=auction_id, now=end)
    with db.reading() as session:
        name, content = auctions.ruling_file(session, settings, actor=buyer, auction_id=auction_id)
        assert name.startswith("拍卖成交裁定书") and content.startswith(b"%PDF")
        with pytest.raises(NotFound):
            auctions.ruling_file(session, settings, actor=other, auction_id=auction_id)
        assert auctions.view(session, auction_id=auction_id, now=end, actor=buyer).auction.ruling_served_at == end


def test_a_buyer_who_does_not_pay_loses_the_deposit(db, auction):
    auction_id, _, buyer, _, end = _sold(db, auction)
    with db.reading() as session:
        due = auctions.view(session, auction_id=auction_id, now=end).auction.balance_due_on
    with db.transaction() as session:
        assert auctions.sweep_defaults(session, today=due) == 0
    with db.transaction() as session:
        assert auctions.sweep_defaults(session, today=due + timedelta(days=1)) >= 1
    with db.reading() as session:
        deposit = session.scalars(select(AuctionDeposit).where(AuctionDeposit.auction_id == auction_id,
                                                               AuctionDeposit.account_id == buyer.id)).one()
        assert deposit.status == "forfeited"
        assert auctions.view(session, auction_id=auction_id, now=end).state == "defaulted"


def test_the_demo_shows_an_enforcement_case_with_its_assets_found_frozen_and_a_house_in_bidding(db):
    """The demo database the tests share is the demo's: its first auction is in bidding."""
    from omnicourt.enforcement.models import PropertyMeasure

    with db.reading() as session:
        demo_auction = session.scalars(select(Auction).order_by(Auction.id).limit(1)).one()
        assert auctions.state_of(demo_auction, clock.utcnow()) == "bidding"
        kinds = set(session.scalars(select(PropertyMeasure.asset_kind).where(
            PropertyMeasure.case_id == demo_auction.case_id)))
        assert "real_estate" in kinds


def test_the_public_list_shows_the_demo_auction(client):
    listed = client.get("/auctions")
    assert listed.status_code == 200 and "竞价中" in listed.text and 'data-testid="auction-card"' in listed.text
