"""The law of the online judicial auction as pure functions (shared/spec/court-rules-2.md §2).

Sources: 《最高人民法院关于人民法院网络司法拍卖若干问题的规定》 (网拍规定, in force 2017-01-01) and
《最高人民法院关于人民法院确定财产处置参考价若干问题的规定》 (参考价规定, in force 2018-09-01)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum

from omnicourt.errors import InvalidInput

FEN = Decimal("0.01")


class AssetKind(StrEnum):
    REAL_ESTATE = "real_estate"  # 不动产 and other property rights
    MOVABLE = "movable"          # 动产


KIND_NAMES = {AssetKind.REAL_ESTATE: "不动产", AssetKind.MOVABLE: "动产"}

START_FLOOR_SHARE = Decimal("0.70")       # 网拍规定 art. 10
SECOND_ROUND_MAX_CUT = Decimal("0.20")    # 网拍规定 art. 26
DEPOSIT_MIN_SHARE = Decimal("0.05")       # 网拍规定 art. 17
DEPOSIT_MAX_SHARE = Decimal("0.20")
FIRST_ANNOUNCEMENT_DAYS = {AssetKind.MOVABLE: 15, AssetKind.REAL_ESTATE: 30}   # 网拍规定 art. 12
SECOND_ANNOUNCEMENT_DAYS = {AssetKind.MOVABLE: 7, AssetKind.REAL_ESTATE: 15}   # 网拍规定 art. 26
MIN_BIDDING = timedelta(hours=24)         # 网拍规定 art. 20
LATE_BID_WINDOW = timedelta(minutes=5)
REAUCTION_WITHIN_DAYS = 30                # 网拍规定 art. 26

SOURCES = {
    "start": "《最高人民法院关于人民法院网络司法拍卖若干问题的规定》第十条："
             "起拍价不得低于评估价或者市场价的百分之七十；参考价规定第三十条：参照参考价确定起拍价",
    "second_round": "网拍规定第二十六条：再次拍卖的起拍价降价幅度不得超过前次起拍价的百分之二十",
    "deposit": "网拍规定第十七条：保证金数额由人民法院在起拍价的百分之五至百分之二十范围内确定",
    "announcement": "网拍规定第十二条：拍卖动产的，应当在拍卖十五日前公告；"
                    "拍卖不动产或者其他财产权的，应当在拍卖三十日前公告",
    "reannouncement": "网拍规定第二十六条：再次拍卖的，动产在拍卖七日前公告，不动产或者其他财产权在拍卖十五日前公告；"
                      "流拍后三十日内在同一网络司法拍卖平台再次拍卖",
    "bidding": "网拍规定第二十条：竞价时间不得少于二十四小时；竞价程序结束前五分钟内无人出价的，最后出价即为成交价；"
               "有出价的，竞价时间自该出价时点顺延五分钟",
}


def _positive(amount: Decimal, field: str) -> Decimal:
    if not amount.is_finite() or amount <= 0:
        raise InvalidInput("金额应大于零", field=field)
    return amount


def first_round_lowest_start(reference_price: Decimal) -> Decimal:
    """The lowest lawful starting price of a first auction: 70 % of the reference price, to the fen, never below
    it (网拍规定 art. 10 read with 参考价规定 art. 30)."""
    _positive(reference_price, "reference_price")
    return (reference_price * START_FLOOR_SHARE).quantize(FEN, rounding=ROUND_CEILING)


def second_round_lowest_start(previous_start: Decimal) -> Decimal:
    """The lowest starting price of a re-auction after a failed one: at most 20 % below the previous start
    (网拍规定 art. 26)."""
    _positive(previous_start, "previous_start")
    return (previous_start * (1 - SECOND_ROUND_MAX_CUT)).quantize(FEN, rounding=ROUND_CEILING)


@dataclass(frozen=True)
class DepositRange:
    lowest: Decimal
    highest: Decimal


def deposit_range(start_price: Decimal) -> DepositRange:
    """5 % to 20 % of the starting price (网拍规定 art. 17); to the fen, inside the range."""
    _positive(start_price, "start_price")
    return DepositRange((start_price * DEPOSIT_MIN_SHARE).quantize(FEN, rounding=ROUND_CEILING),
                        (start_price * DEPOSIT_MAX_SHARE).quantize(FEN, rounding=ROUND_FLOOR))


def announcement_days(kind: AssetKind, auction_round: int) -> int:
    """Days the announcement must precede the auction: 15 / 30 the first time (art. 12), 7 / 15 again (art. 26)."""
    check_round(auction_round)
    table = FIRST_ANNOUNCEMENT_DAYS if auction_round == 1 else SECOND_ANNOUNCEMENT_DAYS
    return table[kind]


def check_round(auction_round: int) -> int:
    if auction_round not in (1, 2):
        raise InvalidInput("拍卖轮次应为 1（首次拍卖）或 2（再次拍卖）；二拍流拍后依法变卖或者以物抵债", field="round")
    return auction_round


def check_bidding_period(starts_at: datetime, ends_at: datetime) -> None:
    """At least 24 hours of bidding (网拍规定 art. 20)."""
    if ends_at - starts_at < MIN_BIDDING:
        raise InvalidInput("竞价时间不得少于二十四小时（网拍规定第二十条）", field="ends_at")


def end_after_bid(current_end: datetime, bid_at: datetime) -> datetime:
    """A bid in the last five minutes moves the end to five minutes after that bid; the time is the bid's arrival
    in the system (网拍规定 art. 20). A bid earlier than that leaves the end where it was."""
    if bid_at > current_end:
        raise InvalidInput("竞价已结束，出价时间晚于结束时间", field="bid_at")
    return max(current_end, bid_at + LATE_BID_WINDOW)
