"""The online judicial auction over HTTP: the officer announces and closes; anyone reads the auction; real-name
bidders pay the deposit and bid. Times are the server's."""

from datetime import date

from fastapi import APIRouter, Depends

from omnicourt import clock
from omnicourt.db import Database
from omnicourt.enforcement import auctions, schemas
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.settings import Settings
from omnicourt.web.deps import court_today, current_actor, current_staff, get_db, get_settings

router = APIRouter(prefix="/api/v1", tags=["auctions"])


def _out(view: auctions.AuctionView) -> schemas.AuctionOut:
    a = view.auction
    return schemas.AuctionOut(id=a.id, title=a.title, state=view.state, start_price=a.start_price,
                              current_price=a.current_price, lowest_bid=view.lowest_bid, increment=a.increment,
                              deposit=a.deposit, starts_at=a.starts_at, ends_at=a.ends_at, bids=a.bids,
                              my_bidder_code=view.my_code)


@router.post("/enforcement/cases/{case_id}/auctions", response_model=schemas.AuctionOut, status_code=201)
def announce(case_id: PathId, data: schemas.AuctionIn, actor: Actor = Depends(current_staff),
             db: Database = Depends(get_db), today: date = Depends(court_today)):
    with db.transaction() as session:
        auction = auctions.create(session, actor=actor, case_id=case_id, data=data, today=today)
        return _out(auctions.view(session, auction_id=auction.id, now=clock.utcnow()))


@router.get("/auctions/{auction_id}", response_model=schemas.AuctionOut)
def read(auction_id: PathId, db: Database = Depends(get_db)):
    with db.reading() as session:
        return _out(auctions.view(session, auction_id=auction_id, now=clock.utcnow()))


@router.post("/auctions/{auction_id}/deposit", status_code=201)
def deposit(auction_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)) -> dict:
    with db.transaction() as session:
        paid = auctions.pay_deposit(session, actor=actor, auction_id=auction_id, now=clock.utcnow())
        return {"bidder_code": paid.bidder_code, "amount": str(paid.amount)}


@router.post("/auctions/{auction_id}/bids", response_model=schemas.BidOut, status_code=201)
def bid(auction_id: PathId, data: schemas.BidIn, actor: Actor = Depends(current_actor),
        db: Database = Depends(get_db)):
    with db.transaction() as session:
        placed = auctions.bid(session, actor=actor, auction_id=auction_id, amount=data.amount, now=clock.utcnow())
        ends_at = auctions.view(session, auction_id=auction_id, now=placed.placed_at).auction.ends_at
        return schemas.BidOut(id=placed.id, bidder_code=placed.bidder_code, amount=placed.amount,
                              placed_at=placed.placed_at, ends_at=ends_at)


@router.post("/auctions/{auction_id}/close")
def close(auction_id: PathId, actor: Actor = Depends(current_staff), db: Database = Depends(get_db)) -> dict:
    with db.transaction() as session:
        return {"status": auctions.close_by_officer(session, actor=actor, auction_id=auction_id, now=clock.utcnow())}


@router.post("/auctions/{auction_id}/balance")
def balance(auction_id: PathId, actor: Actor = Depends(current_actor), db: Database = Depends(get_db)) -> dict:
    """The buyer pays the price less its deposit."""
    with db.transaction() as session:
        return {"paid": str(auctions.pay_balance(session, actor=actor, auction_id=auction_id, now=clock.utcnow()))}


@router.post("/auctions/{auction_id}/ruling", status_code=201)
def ruling(auction_id: PathId, actor: Actor = Depends(current_staff), db: Database = Depends(get_db),
           settings: Settings = Depends(get_settings)) -> dict:
    """拍卖成交裁定 after full payment; ownership passes when it reaches the buyer."""
    with db.transaction() as session:
        document_id = auctions.issue_ruling(session, settings, actor=actor, auction_id=auction_id, now=clock.utcnow())
        return {"document_id": document_id}
