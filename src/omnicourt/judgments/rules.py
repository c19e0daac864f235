"""The law of court documents (裁判文书) as pure functions: kinds, titles, article numbers by the document's date,
the appeal notice, the fee burden, the bounds of an award, dates in Chinese numerals (court-rules.md §5, §0.2;
court-rules-2.md §0.2, §4.4). The tables are data/judgments/documents.toml."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import lru_cache

import cn2an

from omnicourt.errors import InvalidInput
from omnicourt.reference.tables import read_toml

TABLES = "judgments/documents.toml"
CPL = "《中华人民共和国民事诉讼法》"
FEN = Decimal("0.01")


class DocumentKind(StrEnum):
    JUDGMENT = "judgment"                        # 判决书
    RULING = "ruling"                            # 裁定书
    MEDIATION_STATEMENT = "mediation_statement"  # 调解书
    DECISION = "decision"                        # 决定书


class RulingKind(StrEnum):
    NOT_ACCEPTED = "not_accepted"    # 不予受理
    DISMISSAL = "dismissal"          # 驳回起诉
    PRESERVATION = "preservation"    # 财产保全
    TRANSFER = "transfer"            # 移送管辖
    WITHDRAWAL = "withdrawal"        # 准许撤诉
    CORRECTION = "correction"        # 补正笔误: a signed document's clerical error corrected by a new ruling


KIND_LABELS = {DocumentKind.JUDGMENT: "判决书", DocumentKind.RULING: "裁定书",
               DocumentKind.MEDIATION_STATEMENT: "调解书", DocumentKind.DECISION: "决定书"}
RULING_LABELS = {RulingKind.NOT_ACCEPTED: "不予受理", RulingKind.DISMISSAL: "驳回起诉",
                 RulingKind.PRESERVATION: "财产保全", RulingKind.TRANSFER: "移送管辖",
                 RulingKind.WITHDRAWAL: "准许撤诉", RulingKind.CORRECTION: "补正笔误"}
FAMILY_LABELS = {"civil": "民事", "criminal": "刑事", "administrative": "行政"}
# The verb that opens the operative part and the word the notices call the document by.
DECIDES = {DocumentKind.JUDGMENT: "判决", DocumentKind.RULING: "裁定", DocumentKind.MEDIATION_STATEMENT: "调解",
           DocumentKind.DECISION: "决定"}


def family_of(type_code: str) -> str:
    """The kind of case from its type code (类型代字, court-rules.md §1.4): 刑… criminal, 行… administrative, the rest
    (民…, 执…, 破…) civil procedure."""
    if type_code.startswith("刑"):
        return "criminal"
    if type_code.startswith("行"):
        return "administrative"
    return "civil"


def kind_of(value: str) -> DocumentKind:
    try:
        return DocumentKind(value)
    except ValueError:
        raise InvalidInput(f"未知的文书种类：{value}（应为判决书、裁定书、调解书或决定书）", field="kind") from None


def ruling_kind_of(value: str) -> RulingKind:
    try:
        return RulingKind(value)
    except ValueError:
        raise InvalidInput(f"未知的裁定事项：{value}（应为不予受理、驳回起诉、财产保全、移送管辖、准许撤诉或补正笔误）",
                           field="ruling_kind") from None


def document_title(kind: DocumentKind, family: str) -> str:
    """The document's name as the 标题 spaces it: "民 事 判 决 书" (2016 制作规范 [S]; court-rules.md §5.2 item 1)."""
    return " ".join(FAMILY_LABELS[family] + KIND_LABELS[kind])


# ---------------------------------------------------------------- articles by the document's date


@lru_cache
def _tables() -> dict:
    return read_toml(TABLES)


def cpl_revision(on: date) -> str:
    """The CPL text in force on a date: 2023 from 2024-01-01, 2021 from 2022-01-01, else 2012/2017 (§0.2)."""
    revisions = sorted(_tables()["cpl_revisions"].items(), key=lambda item: item[1], reverse=True)
    return next(name for name, since in revisions if since <= on)


def cpl_article(rule: str, on: date) -> int:
    """The CPL article of `rule` in the numbering in force on the document's date (court-rules.md §0.2;
    court-rules-2.md §0.2: store the rule, render the number of the revision in force). Double interest: 253 to
    2021-12-31, 260 in 2022–2023, 264 from 2024-01-01."""
    return _tables()["cpl_articles"][rule][cpl_revision(on)]


def article_words(number: int) -> str:
    """264 -> "第二百六十四条"; 37 -> "第三十七条"."""
    return f"第{numeral(number)}条"


def cpl_citation(rules: tuple[str, ...], on: date) -> str:
    """《中华人民共和国民事诉讼法》第一百二十二条、第一百五十七条: each rule's article by the date, ascending."""
    numbers = sorted({cpl_article(rule, on) for rule in rules})
    return CPL + "、".join(article_words(number) for number in numbers)


def numeral(number: int) -> str:
    """Chinese numerals for item and article numbers: 1 → 一, 110 → 一百一十, 701 → 七百零一."""
    return cn2an.an2cn(number, "low")


def date_in_numerals(day: date) -> str:
    """The 落款's date in Chinese numerals: 2020-03-24 → "二〇二〇年三月二十四日" (court-rules.md §5.2 item 13 [V])."""
    digits = "〇一二三四五六七八九"
    return f"{''.join(digits[int(c)] for c in str(day.year))}年{numeral(day.month)}月{numeral(day.day)}日"


def delay_warning(on: date) -> str:
    """Item 10: the CPL article on double interest in force on the document's date (§5.2 item 10, §0.2)."""
    article = article_words(cpl_article("double_interest", on))
    return f"如果未按本判决指定的期间履行给付金钱义务，应当依照{CPL}{article}规定，加倍支付迟延履行期间的债务利息。"


# ---------------------------------------------------------------- notices


def appeal_days(family: str, kind: DocumentKind) -> int:
    """Days to appeal from delivery: civil 15 / 10 (CPL art. 171 [V]); criminal 10 / 5 (刑事诉讼法 art. 230 [U]);
    administrative 15 / 10 (行政诉讼法 art. 85 [U])."""
    periods = _tables()["appeal_days"][family]
    return periods["judgment" if kind == DocumentKind.JUDGMENT else "ruling"]


def appeal_notice(*, family: str, kind: DocumentKind, appeal_court: str, small_claims: bool,
                  finality: str) -> str:
    """Item 12 (court-rules.md §5.2): the period and the court appealed to, the parent court (CPL art. 171 [V]). Small
    claims are final (CPL art. 165 [V]): the finality sentence instead (its wording configurable, [U])."""
    if small_claims:
        return finality
    word = "判决" if kind == DocumentKind.JUDGMENT else "裁定"
    days = numeral(appeal_days(family, kind))
    if family == "criminal":
        return (f"如不服本{word}，可在接到{word}书的第二日起{days}日内，通过本院或者直接向{appeal_court}提出上诉。"
                "书面上诉的，应当提交上诉状正本一份，副本若干份。")
    return (f"如不服本{word}，可以在{word}书送达之日起{days}日内，向本院递交上诉状，并按照对方当事人或者代表人的人数"
            f"提出副本，上诉于{appeal_court}。")


@dataclass(frozen=True)
class Practice:
    """What courts do differently, set per court in the data (court-rules.md §5.2 [S], §9 item 9 [U])."""

    delay_warning_first: bool
    small_claims_finality: str


def practice(court_code: str, table: Mapping | None = None) -> Practice:
    """The court's practice: the default with its own exceptions."""
    found = dict(table if table is not None else _tables()["practice"])
    own = found.pop("courts", {}).get(court_code, {})
    merged = found | own
    return Practice(bool(merged["delay_warning_first"]), str(merged["small_claims_finality"]))


# ---------------------------------------------------------------- amounts


@dataclass(frozen=True)
class Award:
    """One money claim and what the operative part orders on it."""

    description: str
    claimed: Decimal
    awarded: Decimal


def bounded_award(description: str, claimed: Decimal, awarded: Decimal) -> Award:
    """A court does not order more than was claimed (不告不理, court-rules.md §5.2 item 9 [U: practice]); an award
    above the claim is refused, never cut silently."""
    if awarded < 0:
        raise InvalidInput(f"判决金额不能为负数：{description}", field="awards")
    if awarded > claimed:
        raise InvalidInput(f"判决金额{money(awarded)}超过诉讼请求金额{money(claimed)}：{description}", field="awards")
    return Award(description, claimed, awarded)


def money(amount: Decimal) -> str:
    """114142.7 -> "114142.70元" (the style of （2019）粤0192民初38420号)."""
    return f"{amount.quantize(FEN, rounding=ROUND_HALF_UP):f}元"


@dataclass(frozen=True)
class FeeShares:
    """Who bears the acceptance fee: the plaintiffs' and the defendants' shares."""

    plaintiffs: Decimal
    defendants: Decimal


def fee_shares(charged: Decimal, *, claimed: Decimal, awarded: Decimal, rounding: Decimal = FEN) -> FeeShares:
    """The loser pays; a partial win is apportioned by the court (诉讼费用交纳办法 art. 29 [V]), here in proportion
    to the amount awarded [U: practice], rounded as the court rounds its fees."""
    if claimed <= 0 or awarded <= 0:
        return FeeShares(charged, Decimal(0))
    if awarded >= claimed:
        return FeeShares(Decimal(0), charged)
    defendants = (charged * awarded / claimed).quantize(rounding, rounding=ROUND_HALF_UP)
    return FeeShares(charged - defendants, defendants)


# ---------------------------------------------------------------- after drafting: sign-off, signing, closing


class Status(StrEnum):
    """Where a document stands: drafted and edited, waiting for sign-off (签发), signed off, signed. A signed
    document never changes (a 补正裁定 correcting it is a new document)."""

    DRAFT = "draft"
    PENDING = "pending_signoff"
    APPROVED = "approved"
    SIGNED = "signed"


STATUS_LABELS = {Status.DRAFT: "草稿", Status.PENDING: "待签发", Status.APPROVED: "已签发", Status.SIGNED: "已签署"}
SIGNOFF_ROLES = {"division_chief": "庭长", "president": "院长"}


@dataclass(frozen=True)
class SignoffPolicy:
    """Who signs off which documents at a court (data/judgments/documents.toml [signoff], its notes)."""

    kinds: frozenset[str]
    role: str
    committee_role: str


def signoff_policy(court_code: str, table: Mapping | None = None) -> SignoffPolicy:
    """The court's sign-off rule: the default with its own exceptions."""
    found = dict(table if table is not None else _tables()["signoff"])
    own = found.pop("courts", {}).get(court_code, {})
    merged = found | own
    for role in (merged["role"], merged["committee_role"]):
        if role not in SIGNOFF_ROLES:
            raise ValueError(f"unknown sign-off role {role!r}")
    return SignoffPolicy(frozenset(str(k) for k in merged["kinds"]), str(merged["role"]),
                         str(merged["committee_role"]))


def signoff_role(kind: DocumentKind, *, committee_decided: bool, policy: SignoffPolicy) -> str | None:
    """The role that signs the document off before it is signed, or None when the judges sign it themselves:
    a case the judicial committee decided, its president; a kind the court's own rule lists, its `role` (法发〔2015〕
    13号 art. 6 [U])."""
    if committee_decided:
        return policy.committee_role
    return policy.role if kind.value in policy.kinds else None


# The closing method a signed document ends its case with (cases.rules.CLOSING_METHOD_LABELS); None: it does not
# end the case (a preservation ruling, a decision; a refusal to accept comes before a case exists).
CLOSING_BY_KIND = {DocumentKind.JUDGMENT: "judgment", DocumentKind.MEDIATION_STATEMENT: "mediation"}
CLOSING_BY_RULING = {RulingKind.DISMISSAL: "dismissal", RulingKind.WITHDRAWAL: "withdrawal",
                     RulingKind.TRANSFER: "transfer"}


def closing_method(kind: DocumentKind, ruling_kind: RulingKind | None) -> str | None:
    if kind == DocumentKind.RULING:
        return CLOSING_BY_RULING.get(ruling_kind) if ruling_kind else None
    return CLOSING_BY_KIND.get(kind)


# ---------------------------------------------------------------- appeal and effective date

# Rulings a party may appeal: refusing to accept, dismissing the suit (and on a jurisdiction objection) (CPL art.
# 157(2) [V]); the others take effect when made known.
APPEALABLE_RULINGS = frozenset({RulingKind.NOT_ACCEPTED, RulingKind.DISMISSAL})


def appealable(kind: DocumentKind, ruling_kind: RulingKind | None, *, procedure: str, first_instance: bool) -> bool:
    """Whether a party may appeal the document: a first-instance judgment or an appealable ruling, except in small
    claims, which are final at first instance (CPL arts 165, 171 [V])."""
    if not first_instance or procedure == "small_claims":
        return False
    return kind == DocumentKind.JUDGMENT or (kind == DocumentKind.RULING and ruling_kind in APPEALABLE_RULINGS)


@dataclass(frozen=True)
class PartyPeriod:
    """One party's appeal period: from its own legal delivery (CPL art. 171), counted from the next day and moved
    off a holiday (art. 85)."""

    party: str
    delivered_on: date
    last_day: date
    rolled_over: bool


@dataclass(frozen=True)
class Effect:
    """When the document takes effect (生效日期), or why not yet: None while a party has not been delivered the
    document or an appeal is pending."""

    effective_on: date | None
    basis: str
    periods: tuple[PartyPeriod, ...] = ()


def appeal_period(*, party: str, delivered_on: date, days: int, calendar) -> PartyPeriod:
    """The last day to appeal: `days` after delivery, the day of delivery not counted; a last day on a statutory
    holiday (or a weekend not made a working day) moves to the first working day after it (CPL art. 85(2)–(3)).
    `calendar` is a deadlines.calendar.HolidayCalendar covering the year (else the day is not moved)."""
    last = delivered_on + timedelta(days=days)
    moved = last
    if calendar is not None and last.year in calendar.years:
        try:
            moved = calendar.next_working_day(last)
        except InvalidInput:  # runs past the calendar's last year: left as counted
            moved = last
    return PartyPeriod(party, delivered_on, moved, moved != last)


def effective_date(kind: DocumentKind, ruling_kind: RulingKind | None, *, family: str, procedure: str,
                   first_instance: bool, signed_on: date | None, deliveries: Mapping[str, date | None],
                   appealed: bool, calendar) -> Effect:
    """The date the document takes legal effect (生效日期).

    * An appealable document: the day after the last party's appeal period ends, each party's period running from
      its own delivery (CPL arts 171, 85; 民诉法解释 art. 244 [U]); not while a party awaits delivery or an appeal
      is pending (then the appeal court's decision governs).
    * A small-claims judgment (final at first instance, CPL art. 165) and a ruling that cannot be appealed: when
      delivered, the last party's delivery counting [U: the document is effective once made known].
    * A mediation statement: when both parties have signed for it, the last delivery (CPL art. 100 [V]).
    * A decision: when made, the day it is signed [U]."""
    if kind == DocumentKind.DECISION:
        if signed_on is None:
            return Effect(None, "决定书尚未签署")
        return Effect(signed_on, "决定书一经作出即生效")
    waiting = [name for name, on in deliveries.items() if on is None]
    if not deliveries or waiting:
        return Effect(None, "尚待向" + ("、".join(waiting) or "当事人") + "送达")
    last_delivery = max(on for on in deliveries.values() if on is not None)
    if not appealable(kind, ruling_kind, procedure=procedure, first_instance=first_instance):
        if kind == DocumentKind.MEDIATION_STATEMENT:
            article = article_words(cpl_article("mediation_effective", last_delivery))
            return Effect(last_delivery, f"调解书经双方当事人签收后即具有法律效力（{CPL}{article}）")
        if procedure == "small_claims" and kind == DocumentKind.JUDGMENT:
            article = article_words(cpl_article("small_claims", last_delivery))
            return Effect(last_delivery, f"小额诉讼案件一审终审（{CPL}{article}），送达即生效")
        return Effect(last_delivery, "不得上诉的裁定，送达即生效")
    days = appeal_days(family, kind)
    periods = tuple(appeal_period(party=name, delivered_on=on, days=days, calendar=calendar)
                    for name, on in deliveries.items() if on is not None)
    if appealed:
        return Effect(None, "当事人已提起上诉，本文书尚未生效", periods)
    last = max(p.last_day for p in periods)
    word = "判决" if kind == DocumentKind.JUDGMENT else "裁定"
    return Effect(last + timedelta(days=1),
                  f"上诉期间（{word}书送达之日起{days}日）届满未上诉，届满次日生效；期间的最后一日是法定休假日的，"
                  "以法定休假日后的第一日为期间的最后一日（民事诉讼法第八十五条）", periods)


def appeal_refusal(*, filed_on: date, period: PartyPeriod) -> str | None:
    """Why an appeal filed on `filed_on` comes too late, naming the dates; None within the period."""
    if filed_on <= period.last_day:
        return None
    return (f"上诉期间已届满：{period.party}于{period.delivered_on.isoformat()}收到裁判文书，上诉期间至"
            f"{period.last_day.isoformat()}止，今天是{filed_on.isoformat()}，不能再提起上诉")
