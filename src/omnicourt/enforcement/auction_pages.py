"""The auction's public page (a phone page kept current by polling its live fragment, no reloads), the bidder's
deposit and bid forms, and the officer's announcement form on the enforcement case page."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from pydantic import ValidationError

from omnicourt import clock
from omnicourt.enforcement import auctions
from omnicourt.enforcement.schemas import AuctionIn
from omnicourt.errors import InvalidInput
from omnicourt.limits import PathId
from omnicourt.security.roles import Actor
from omnicourt.textcheck import invalid_input
from omnicourt.web.deps import Identity, court_today, current_actor, current_staff, optional_identity
from omnicourt.web.pages import done_flash, private_file, see_other
from omnicourt.web.templating import render

router = APIRouter(include_in_schema=False)
DONE = {"deposit": "保证金已交纳，可以出价。", "bid": "出价成功。", "announced": "拍卖公告已发布。",
        "balance": "余款已交纳，法院将在十日内作出拍卖成交裁定。", "ruling": "拍卖成交裁定已作出并在线送达买受人。"}


def _context(request: Request, auction_id: int, actor: Actor | None) -> dict:
    with request.app.state.db.reading() as session:
        view = auctions.view(session, auction_id=auction_id, now=clock.utcnow(), actor=actor)
    return {"view": view, "auction": view.auction}


@router.get("/auctions")
def auction_list(request: Request):
    """Every auction the platform holds, open ones first: the public announcement (网拍规定 art. 12)."""
    now = clock.utcnow()
    with request.app.state.db.reading() as session:
        rows = [(a, auctions.STATE_LABELS[auctions.state_of(a, now)]) for a in auctions.listed(session)]
    return render(request, "enforcement/auctions.html", {"rows": rows})


@router.get("/auctions/{auction_id}")
def auction_page(request: Request, auction_id: PathId, done: str | None = None,
                 identity: Identity | None = Depends(optional_identity)):
    actor = identity.actor if identity else None
    return render(request, "enforcement/auction.html",
                  _context(request, auction_id, actor) | {"flash": done_flash(done, DONE)})


@router.get("/auctions/{auction_id}/live")
def auction_live(request: Request, auction_id: PathId, identity: Identity | None = Depends(optional_identity)):
    actor = identity.actor if identity else None
    return render(request, "enforcement/_auction_live.html", _context(request, auction_id, actor))


@router.post("/auctions/{auction_id}/deposit")
def pay_deposit(request: Request, auction_id: PathId, actor: Actor = Depends(current_actor)):
    with request.app.state.db.transaction() as session:
        auctions.pay_deposit(session, actor=actor, auction_id=auction_id, now=clock.utcnow())
    return see_other(request, f"/auctions/{auction_id}?done=deposit")


def _amount(text: str, field: str, label: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "").strip()[:20])
    except InvalidOperation:
        raise InvalidInput(f"「{label}」应为金额，如 700000", field=field) from None
    if not value.is_finite() or value <= 0:
        raise InvalidInput(f"「{label}」应大于零", field=field)
    return value


@router.post("/auctions/{auction_id}/bids")
async def place_bid(request: Request, auction_id: PathId, actor: Actor = Depends(current_actor)):
    form = await request.form()
    amount = _amount(str(form.get("amount") or ""), "amount", "出价")
    with request.app.state.db.transaction() as session:
        auctions.bid(session, actor=actor, auction_id=auction_id, amount=amount, now=clock.utcnow())
    return see_other(request, f"/auctions/{auction_id}?done=bid")


def _local(text: str, field: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("时间格式应为 2026-12-20T10:00", field=field) from None


@router.post("/bench/enforcement/cases/{case_id}/auctions")
async def announce(request: Request, case_id: PathId, actor: Actor = Depends(current_staff),
                   today: date = Depends(court_today)):
    form = await request.form()
    fields = {name: str(form.get(name) or "").replace(",", "").strip() for name in (
        "title", "asset_kind", "round", "reference_price", "previous_start", "start_price", "increment", "deposit")}
    try:
        data = AuctionIn.model_validate({**fields, "previous_start": fields["previous_start"] or None,
                                         "round": fields["round"] or "1",
                                         "starts_at": _local(str(form.get("starts_at") or ""), "starts_at"),
                                         "ends_at": _local(str(form.get("ends_at") or ""), "ends_at")})
    except ValidationError as error:
        raise invalid_input(error) from None
    with request.app.state.db.transaction() as session:
        auction = auctions.create(session, actor=actor, case_id=case_id, data=data, today=today)
    return see_other(request, f"/auctions/{auction.id}?done=announced")


@router.post("/auctions/{auction_id}/balance")
def pay_balance(request: Request, auction_id: PathId, actor: Actor = Depends(current_actor)):
    with request.app.state.db.transaction() as session:
        auctions.pay_balance(session, actor=actor, auction_id=auction_id, now=clock.utcnow())
    return see_other(request, f"/auctions/{auction_id}?done=balance")


@router.post("/bench/auctions/{auction_id}/ruling")
def issue_ruling(request: Request, auction_id: PathId, actor: Actor = Depends(current_staff)):
    with request.app.state.db.transaction() as session:
        auctions.issue_ruling(session, request.app.state.settings, actor=actor, auction_id=auction_id,
                              now=clock.utcnow())
    return see_other(request, f"/auctions/{auction_id}?done=ruling")


@router.get("/auctions/{auction_id}/ruling")
def download_ruling(request: Request, auction_id: PathId, actor: Actor = Depends(current_actor)):
    with request.app.state.db.reading() as session:
        name, content = auctions.ruling_file(session, request.app.state.settings, actor=actor, auction_id=auction_id)
    return private_file(content, media_type="application/pdf",
                        disposition=f"attachment; filename*=UTF-8''{quote(name)}")
