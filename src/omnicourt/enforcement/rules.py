"""The law of enforcement and of the online judicial auction as pure functions (shared/spec/court-rules-2.md §§1–2).

Sources: 民事诉讼法 (2023) and 民诉法解释 (2022) on the application and the freezes;
《最高人民法院关于人民法院执行工作若干问题的规定（试行）》 (2020) on acceptance;
《最高人民法院关于人民法院网络司法拍卖若干问题的规定》 (网拍规定, in force 2017-01-01) and
《最高人民法院关于人民法院确定财产处置参考价若干问题的规定》 (参考价规定, in force 2018-09-01)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum

from omnicourt.deadlines.calendar import HolidayCalendar, Length, add_months
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


# ------------------------------------------------------------------ the application (court-rules-2.md §1.1)

# The effective documents a creditor may apply on (民事诉讼法 arts 247, 250; 解释 art. 461).
SOURCE_DOCUMENTS = {"judgment": "民事判决书", "ruling": "民事裁定书", "mediation_statement": "民事调解书",
                    "confirmation_ruling": "确认调解协议裁定书"}
APPLICATION_PERIOD = Length(months=24)  # 民事诉讼法 (2023) art. 250: 二年
ACCEPTANCE_DAYS = 7  # 执行工作若干问题的规定 art. 16: 七日内立案，或者七日内裁定不予受理
NOTICE_DAYS = 10  # 民诉法解释 art. 480: the enforcement notice within 10 days of the application

PERIOD_BASIS = ("《中华人民共和国民事诉讼法》第二百五十条：申请执行的期间为二年；"
                "从法律文书规定履行期间的最后一日起计算；法律文书规定分期履行的，从最后一期履行期限届满之日起计算；"
                "法律文书未规定履行期间的，从法律文书生效之日起计算")
LATE_NOTE = ("申请已超过申请执行期间：人民法院仍应受理；被执行人以此提出异议且理由成立的，裁定不予执行"
             "（《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十一条）")


def period_start(*, effective_on: date, performance_due_on: date | None, last_instalment_on: date | None) -> date:
    """The day the 2-year application period counts from (CPL 2023 art. 250(2)): the last instalment's due day,
    else the last day of the performance period, else the day the document took effect. Note the correction in
    court-rules-2.md §1.1: instalments count from the last one, not each separately."""
    start = last_instalment_on or performance_due_on or effective_on
    if start < effective_on:
        raise InvalidInput("履行期限不能早于法律文书生效日期", field="performance_due_on")
    return start


def application_period_end(start: date, holidays: HolidayCalendar | None = None) -> date:
    """The last day to apply in time: two years counted from the day after `start` (CPL art. 85(2)); a last day
    that falls on a holiday moves to the next working day (art. 85(3)) when the holiday table covers its year."""
    last = APPLICATION_PERIOD.after(start)
    if holidays is not None and last.year in holidays.years:
        last = holidays.next_working_day(last)
    return last


def is_late(applied_on: date, period_end: date) -> bool:
    """Late, but never refused for it: the court accepts and the debtor may object (解释 art. 481)."""
    return applied_on > period_end


def acceptance_due(applied_on: date) -> date:
    return applied_on + timedelta(days=ACCEPTANCE_DAYS)


def notice_due(accepted_on: date) -> date:
    return accepted_on + timedelta(days=NOTICE_DAYS)


# ------------------------------------------------------------------ freezes, seizures, detentions (§1.3)

MEASURES = {"freeze": "冻结", "seizure": "查封", "detention": "扣押"}
ASSET_KINDS = {"deposit": "银行存款", "movable": "动产", "real_estate": "不动产", "other_right": "其他财产权"}
# 民诉法解释 (2022) art. 485: deposits 1 year, movables 2, real estate and other property rights 3; each renewal
# no longer than the same.
MAX_YEARS = {"deposit": 1, "movable": 2, "real_estate": 3, "other_right": 3}
MEASURE_FOR = {"deposit": ("freeze",), "movable": ("seizure", "detention"), "real_estate": ("seizure",),
               "other_right": ("freeze",)}
# court-rules-2.md §1.3: alert before end − 7 days (财产保全规定 art. 18: renewal ≥ 7 days before)
WARN_DAYS = 7
PERIOD_SOURCE = ("《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条："
                 "冻结银行存款的期限不得超过一年，查封、扣押动产的期限不得超过二年，"
                 "查封不动产、冻结其他财产权的期限不得超过三年；续行期限不得超过前述期限")


def check_measure(measure: str, asset_kind: str) -> None:
    if asset_kind not in ASSET_KINDS:
        raise InvalidInput("财产类别应为 " + "、".join(f"{k}（{v}）" for k, v in ASSET_KINDS.items()),
                           field="asset_kind")
    if measure not in MEASURE_FOR[asset_kind]:
        allowed = "、".join(MEASURES[m] for m in MEASURE_FOR[asset_kind])
        raise InvalidInput(f"{ASSET_KINDS[asset_kind]}应采取的措施为{allowed}", field="measure")


def longest_end(asset_kind: str, starts_on: date) -> date:
    """The last day of the longest lawful period from `starts_on` (that day counted): a deposit frozen from
    2024-03-01 may stay frozen to 2025-02-28."""
    # from the day before, so that a period starting on 29 February ends on 28 February
    return add_months(starts_on - timedelta(days=1), 12 * MAX_YEARS[asset_kind])


def measure_end(asset_kind: str, starts_on: date, ends_on: date | None) -> date:
    """The period the court sets: the longest lawful one when none is given; longer is refused."""
    longest = longest_end(asset_kind, starts_on)
    if ends_on is None:
        return longest
    if ends_on < starts_on:
        raise InvalidInput("措施期限的截止日不能早于起始日", field="ends_on")
    if ends_on > longest:
        raise InvalidInput(f"{ASSET_KINDS[asset_kind]}的期限不得超过{MAX_YEARS[asset_kind]}年，"
                           f"最迟至{longest.isoformat()}（民诉法解释第四百八十五条）", field="ends_on")
    return ends_on


def renewed_end(asset_kind: str, current_end: date, today: date, ends_on: date | None) -> date:
    """A renewal (续行) is made before the measure lapses and runs from the day after its current end, at most as
    long again (解释 art. 485; 查封规定 art. 27: an unrenewed measure lapses)."""
    if today > current_end:
        raise InvalidInput(f"措施已于{current_end.isoformat()}届满失效，不能续行；如需继续控制财产，应重新采取措施",
                           field="renewal")
    return measure_end(asset_kind, current_end + timedelta(days=1), ends_on)


def measure_status(*, ends_on: date, released_on: date | None, today: date) -> str:
    """released / lapsed (the end passed without renewal) / expiring (within WARN_DAYS of the end) / active."""
    if released_on is not None:
        return "released"
    if today > ends_on:
        return "lapsed"
    if (ends_on - today).days <= WARN_DAYS:
        return "expiring"
    return "active"


STATUS_LABELS = {"active": "有效", "expiring": "即将届满", "lapsed": "已届满失效", "released": "已解除"}


# ------------------------------------------------------------------ an auction's settings and bids (§2.2)

def check_start_price(start: Decimal, reference: Decimal, auction_round: int, previous_start: Decimal | None) -> None:
    """The start is at least 70 % of the reference price (art. 10), a re-auction's at most 20 % below the previous
    start (art. 26)."""
    lowest = (first_round_lowest_start(reference) if auction_round == 1 or previous_start is None
              else second_round_lowest_start(previous_start))
    if start < lowest:
        rule = SOURCES["start"] if auction_round == 1 else SOURCES["second_round"]
        raise InvalidInput(f"起拍价不得低于{lowest}元（{rule}）", field="start_price")


def check_deposit(deposit: Decimal, start: Decimal) -> None:
    allowed = deposit_range(start)
    if not allowed.lowest <= deposit <= allowed.highest:
        raise InvalidInput(f"保证金应在{allowed.lowest}元至{allowed.highest}元之间"
                           "（起拍价的5%至20%，网拍规定第十七条）", field="deposit")


def check_announcement(kind: AssetKind, auction_round: int, announced_on: date, first_day: date) -> None:
    days = announcement_days(kind, auction_round)
    if (first_day - announced_on).days < days:
        raise InvalidInput(f"{KIND_NAMES[kind]}应在拍卖{days}日前公告，最早于"
                           f"{(announced_on + timedelta(days=days)).isoformat()}开始竞价", field="starts_at")


def lowest_bid(start: Decimal, current: Decimal | None, increment: Decimal) -> Decimal:
    """The first bid may be the start price (one bid at the start sells: 网拍规定 art. 11); each later one at least
    the current price plus the increment the court set."""
    return start if current is None else current + increment


# ------------------------------------------------------------------ after the sale (§2.4)

RULING_DAYS = 10  # 拍卖变卖规定 art. 20: the ruling within 10 days after full payment
HANDOVER_DAYS = 15  # art. 27: handover within 15 days of the ruling's service
OWNERSHIP_BASIS = ("标的物所有权自拍卖成交裁定送达买受人时起转移（网拍规定第二十二条；"
                   "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百九十一条）")


def balance_of(price: Decimal, deposit: Decimal) -> Decimal:
    """What the buyer still owes: the price less its deposit, which is applied to it."""
    return max(price - deposit, Decimal("0.00"))


def balance_due(closed_on: date, payment_days: int) -> date:
    return closed_on + timedelta(days=payment_days)


def defaulted(balance_due_on: date, paid: bool, today: date) -> bool:
    """悔拍: the balance not paid within the announced period; the deposit is forfeited and the defaulter may not bid
    again (网拍规定 art. 24)."""
    return not paid and today > balance_due_on


# ------------------------------------------------------------------ what is owed at a date (court-rules.md §4.3)

@dataclass(frozen=True)
class Received:
    on: date
    amount: Decimal


@dataclass(frozen=True)
class Outstanding:
    debt: Decimal  # the money debt the document fixed, unpaid on the day
    double_interest: Decimal  # accrued on the unpaid debt, less what payments left over went to
    days: int  # days of delay counted


def outstanding(debt: Decimal, start: date, payments: list[Received], on: date,
                double_interest: Callable[[Decimal, date, date], Decimal]) -> Outstanding:
    """What the debtor owes at the end of `on`: the debt fixed by the document less what was paid up to that day,
    and the double interest on what stayed unpaid, day by day from `start` (the performance period's expiry) to
    `on` (not counted: the day of performance ends the delay, 2014 interpretation art. 3). A payment goes to the
    debt first and to the double interest last (art. 4 [V]); the interest on each stretch between payments is the
    calculator's (interest.rules.double_interest, passed in)."""
    remaining, accrued, cursor = debt, Decimal("0"), start
    for paid in sorted((p for p in payments if p.on <= on), key=lambda p: p.on):
        day = max(paid.on, start)
        accrued += double_interest(remaining, cursor, day) if day > cursor else Decimal("0")
        cursor = max(cursor, day)
        to_debt = min(paid.amount, remaining)
        remaining -= to_debt
        accrued = max(accrued - (paid.amount - to_debt), Decimal("0"))
    if on > cursor:
        accrued += double_interest(remaining, cursor, on)
    return Outstanding(remaining, accrued.quantize(FEN), max((on - start).days, 0))


# ------------------------------------------------------------------ credit sanctions (court-rules-2.md §§1.4–1.5)

# 失信规定 (法释〔2017〕7号) art. 1: the grounds, as numbered there.
DISHONEST_GROUNDS = {
    1: "有履行能力而拒不履行生效法律文书确定义务",
    2: "以伪造证据、暴力、威胁等方法妨碍、抗拒执行",
    3: "以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行",
    4: "违反财产报告制度",
    5: "违反限制消费令",
    6: "无正当理由拒不履行执行和解协议",
}
LISTING_MONTHS = 24  # art. 2: grounds (2)–(6), two years
MAX_EXTRA_YEARS = 3  # art. 2: serious violent obstruction or several acts, one to three years more
DELETION_WORKING_DAYS = 3  # art. 10
# art. 10: what deletes a listing within three working days
DELETION_GROUNDS = {"performed": "被执行人已履行全部义务", "settlement_performed": "执行和解协议已履行完毕",
                    "applicant": "申请执行人书面申请删除", "no_property": "终结本次执行后两次网络查询未发现财产",
                    "suspended": "因再审或破产中止执行", "not_enforced": "人民法院裁定不予执行",
                    "terminated": "人民法院裁定终结执行", "corrected": "纠正错误纳入"}
LISTING_SOURCE = "《最高人民法院关于公布失信被执行人名单信息的若干规定》（法释〔2017〕7号）"


def check_listing(*, ground: int, extra_years: int, debtor_born: date | None, on: date) -> None:
    """Who may be listed, on which ground: never a minor (art. 4); the extension only on grounds (2)–(6) and at most
    three years (art. 2)."""
    if ground not in DISHONEST_GROUNDS:
        raise InvalidInput("失信情形应为第一条所列六项之一（1–6）", field="ground")
    if not 0 <= extra_years <= MAX_EXTRA_YEARS:
        raise InvalidInput("延长期限为一至三年", field="extra_years")
    if extra_years and ground == 1:
        raise InvalidInput("第一项情形不设固定期限，无延长期限之说（第二条）", field="extra_years")
    if debtor_born is not None and _age(debtor_born, on) < 18:
        raise InvalidInput(f"被执行人为未成年人，不得纳入失信被执行人名单（{LISTING_SOURCE}第四条）", field="debtor")


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def listing_ends(ground: int, extra_years: int, listed_on: date) -> date | None:
    """The last day of a listing: none for ground (1) (until deleted, art. 2 read with art. 10), else two years
    from the decision, and the extension on top, the decision's day counted (as for freezes: 2026-03-01 → the
    corresponding day of 2026-02-28, 2028-02-28)."""
    if ground == 1:
        return None
    return add_months(listed_on - timedelta(days=1), LISTING_MONTHS + 12 * extra_years)


def deletion_due(trigger: date, holidays: HolidayCalendar) -> date:
    """Deleted within three working days of what triggers it (art. 10)."""
    return holidays.working_days_after(trigger, DELETION_WORKING_DAYS)


def masked_id_number(number: str | None) -> str:
    """The ID number the public list shows, with the month and day of birth (digits 11–14) hidden: the list must
    identify the debtor (art. 6), no more of the number than that is needed (个人信息保护法 art. 6); a company's USCC
    is shown whole."""
    if not number or len(number) != 18 or not number[:17].isdigit():
        return number or ""
    return number[:10] + "****" + number[14:]
