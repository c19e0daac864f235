"""Electronic delivery (电子送达) as the law has it: pure functions, no database, no clock, no settings.

Sources (court-rules.md §7, [V] unless marked):
* 《人民法院在线诉讼规则》 (in force 2021-08-01) art. 29: with the addressee's consent, documents may be delivered to
  an e-mail address, an instant-messaging account or the platform account; art. 30: consent is confirmed in writing
  on the platform (the 送达地址确认书); art. 31: delivered to an address the addressee gave or confirmed, a document is
  delivered when it **reaches the system**; to an address not confirmed but theirs, when they reply or act on it, or
  when the system shows it **read**; several channels: the **earliest** effective one counts; the 电子送达凭证 is the
  delivery receipt; art. 32: reminders by text message.
* 民事诉讼法 (2023) art. 90: with consent, electronic delivery of judgments, rulings and mediation statements too
  (since the 2021 revision); without it, those three are not delivered electronically; the date of delivery is the
  date it reaches the addressee's specific system. 民诉法解释 art. 135: the date the court's system shows it sent.
  民诉法解释 art. 136: consent is recorded in the 送达地址确认书.
* 民事诉讼法 art. 95: public notice (公告送达) is deemed delivered **30 days** after publication; 延审规定 (2019)
  art. 4: simple-procedure cases are not delivered by public notice (and small claims, a simple procedure whose
  scope excludes a party whose whereabouts are unknown, CPL art. 166(4)).
* 民事诉讼法 art. 171: appeal within **15 days** of a judgment's delivery, **10 days** of a ruling's; art. 85: a period
  counts from the day after, and one ending on a holiday ends on the first working day after it; art. 165: small
  claims are final at first instance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from omnicourt.deadlines.calendar import HolidayCalendar
from omnicourt.errors import Conflict, InvalidInput


class DocumentClass(StrEnum):
    """What is delivered: decides whether consent is needed and which appeal period the delivery starts."""

    NOTICE = "notice"  # 通知书、传票、举证通知书、交费通知等
    PLEADING = "pleading"  # 起诉状副本、答辩状副本、证据副本
    JUDGMENT = "judgment"  # 判决书
    RULING = "ruling"  # 裁定书
    MEDIATION_STATEMENT = "mediation_statement"  # 调解书
    OTHER = "other"


CLASS_LABELS = {
    DocumentClass.NOTICE: "通知书、传票", DocumentClass.PLEADING: "诉状、证据副本", DocumentClass.JUDGMENT: "判决书",
    DocumentClass.RULING: "裁定书", DocumentClass.MEDIATION_STATEMENT: "调解书", DocumentClass.OTHER: "其他诉讼文书",
}
# Delivered electronically only with the addressee's consent (CPL art. 90(1)).
CONSENT_ONLY = frozenset({DocumentClass.JUDGMENT, DocumentClass.RULING, DocumentClass.MEDIATION_STATEMENT})


class Channel(StrEnum):
    INBOX = "inbox"  # the party's platform account: always
    EMAIL = "email"
    SMS = "sms"


CHANNEL_LABELS = {Channel.INBOX: "平台送达", Channel.EMAIL: "电子邮件", Channel.SMS: "手机短信"}


def class_named(value: str, *, field: str = "document_class") -> DocumentClass:
    try:
        return DocumentClass(value)
    except ValueError:
        raise InvalidInput(f"送达文书类别「{value}」不存在", field=field) from None


def check_may_deliver(document_class: DocumentClass, *, consented: bool, party_name: str) -> None:
    """Refuse what may not be delivered electronically: without consent, judgments, rulings and mediation
    statements (CPL art. 90(1)); the refusal points the clerk to paper service."""
    if not consented and document_class in CONSENT_ONLY:
        raise Conflict(f"{party_name}未同意电子送达，{CLASS_LABELS[document_class]}不得电子送达（民事诉讼法第九十条）。"
                       "请直接送达或邮寄送达，并在送达栏“纸质送达”中登记送达回证；"
                       "或先取得其同意电子送达的送达地址确认书", field="document_class")


def needs_paper(document_class: DocumentClass, *, consented: bool) -> bool:
    """Whether this document reaches this party only on paper (no consent to electronic delivery, CPL art. 90)."""
    return not consented and document_class in CONSENT_ONLY


# ---------------------------------------------------------------- paper service (直接送达, 邮寄送达)


class PaperWay(StrEnum):
    POST = "post"  # 邮寄送达 (CPL art. 91): delivered on the day the addressee signs the postal receipt
    IN_PERSON = "in_person"  # 直接送达 (CPL arts 87–88): on the day the addressee signs the 送达回证


PAPER_WAY_LABELS = {PaperWay.POST: "邮寄送达", PaperWay.IN_PERSON: "直接送达"}


def paper_way_named(value: str, *, field: str = "way") -> PaperWay:
    try:
        return PaperWay(value)
    except ValueError:
        raise InvalidInput(f"送达方式「{value}」不存在，应为邮寄送达或直接送达", field=field) from None


def check_served_on(served_on: date, *, accepted_on: date, today: date, field: str = "served_on") -> None:
    """The date the 送达回证 was signed (CPL art. 87: the date of receipt the addressee writes is the date of
    delivery): not before the case was accepted, not in the future."""
    if served_on < accepted_on or served_on > today:
        raise InvalidInput("签收日期应在立案日与今天之间", field=field)


def channels_for(*, consented: bool, email: str | None, mobile: str | None) -> tuple[Channel, ...]:
    """The channels a delivery goes out on: the platform inbox always; the e-mail address and mobile number the
    addressee confirmed, only with its consent (在线诉讼规则 arts 29–30)."""
    chosen = [Channel.INBOX]
    if consented and email:
        chosen.append(Channel.EMAIL)
    if consented and mobile:
        chosen.append(Channel.SMS)
    return tuple(chosen)


@dataclass(frozen=True)
class Arrival:
    """When a channel's system reported the document reached the addressee's system (None: not yet)."""

    channel: Channel
    reached_at: datetime | None


@dataclass(frozen=True)
class LegalDelivery:
    at: datetime
    channel: Channel
    basis: str


BASIS_REACHED = ("送达地址经受送达人确认，送达信息到达其特定系统即为送达"
                 "（在线诉讼规则第三十一条第一款，民事诉讼法第九十条）")
BASIS_EARLIEST = "多种方式送达的，以最先到达的为准（在线诉讼规则第三十一条）"
BASIS_OPENED = "受送达人未确认送达地址，以其在平台阅读送达内容的时间为送达时间（在线诉讼规则第三十一条第二款）"


def legal_delivery(*, consented: bool, arrivals: Sequence[Arrival], opened_at: datetime | None) -> LegalDelivery | None:
    """The legal time of delivery, or None while the delivery has no legal effect yet.

    With consent (a confirmed address): the earliest moment any channel reached the addressee's system (art. 31(1),
    and the earliest of several). Without it: the platform account is the addressee's own but not a confirmed
    address, so the delivery takes effect when the addressee reads it there (art. 31(2))."""
    if not consented:
        return None if opened_at is None else LegalDelivery(opened_at, Channel.INBOX, BASIS_OPENED)
    reached = sorted((a.reached_at, a.channel) for a in arrivals if a.reached_at is not None)
    if not reached:
        return None
    at, channel = reached[0]
    return LegalDelivery(at, channel, BASIS_REACHED + ("；" + BASIS_EARLIEST if len(reached) > 1 else ""))


# ---------------------------------------------------------------- public notice (公告送达)

PUBLIC_NOTICE_DAYS = 30  # CPL art. 95
# 延审规定 art. 4; small claims is a simple procedure. Fast-track (速裁) is not named by the texts read [U]: allowed.
NO_PUBLIC_NOTICE = {"simple": "简易程序", "small_claims": "小额诉讼程序"}


@dataclass(frozen=True)
class PublicNotice:
    published_on: date
    deemed_delivered_on: date
    text: str


def deemed_delivered_on(published_on: date) -> date:
    """"自发出公告之日起，经过三十日，即视为送达" (CPL art. 95), counted from the day after publication (art. 85)."""
    return published_on + timedelta(days=PUBLIC_NOTICE_DAYS)


def public_notice(*, procedure: str, published_on: date, court_name: str, case_number: str, case_title: str,
                  party_name: str, document_title: str, online_hearing: bool = False) -> PublicNotice:
    """The notice and its dates; refused in simple and small-claims procedure. The notice states the hearing mode
    (在线诉讼规则 art. 23)."""
    if procedure in NO_PUBLIC_NOTICE:
        raise Conflict(f"适用{NO_PUBLIC_NOTICE[procedure]}的案件不得公告送达；受送达人下落不明的，应转为普通程序审理"
                       "（最高人民法院关于严格规范民商事案件延长审限和延期开庭问题的规定第四条）", field="procedure")
    deemed = deemed_delivered_on(published_on)
    mode = "本案采用在线方式开庭，你如同意在线诉讼，应在开庭前登录平台确认；未确认的，对你采用线下方式开庭。" \
        if online_hearing else "本案采用线下方式开庭。"
    text = (f"{party_name}：本院受理{case_title}一案（{case_number}），因你下落不明，依照《中华人民共和国民事诉讼法》"
            f"第九十五条的规定，向你公告送达{document_title}。自公告之日起经过三十日，即视为送达"
            f"（{deemed.year}年{deemed.month}月{deemed.day}日）。{mode}特此公告。{court_name}")
    return PublicNotice(published_on, deemed, text)


# ---------------------------------------------------------------- periods that run from delivery

APPEAL_DAYS = {DocumentClass.JUDGMENT: 15, DocumentClass.RULING: 10}  # CPL art. 171


@dataclass(frozen=True)
class AppealDeadline:
    last_day: date
    days: int
    rolled_over: bool  # the last day fell on a holiday and moved to the next working day
    basis: str


def appeal_deadline(document_class: DocumentClass, *, delivered_on: date, procedure: str, first_instance: bool,
                    calendar: HolidayCalendar | None) -> AppealDeadline | None:
    """The last day to appeal a first-instance judgment (15 days) or an appealable ruling (10 days) delivered on
    `delivered_on` (CPL art. 171), counted from the next day and moved off a holiday (art. 85); None where no appeal
    runs (other documents, second instance, small claims: art. 165). Without a calendar covering the year the last
    day is not moved, and says so."""
    days = APPEAL_DAYS.get(document_class)
    if days is None or not first_instance or procedure == "small_claims":
        return None
    last = delivered_on + timedelta(days=days)
    basis = f"民事诉讼法第一百七十一条：{CLASS_LABELS[document_class]}送达之日起{days}日内"
    if calendar is None or last.year not in calendar.years:
        return AppealDeadline(last, days, False, basis + "（节假日表未收录该年，未按法定节假日顺延）")
    try:
        moved = calendar.next_working_day(last)
    except InvalidInput:  # the days after it run into a year the table does not hold
        return AppealDeadline(last, days, False, basis + "（节假日表未收录其后的日期，未按法定节假日顺延）")
    rolled = "；期间届满日为节假日，顺延至其后第一个工作日（第八十五条）" if moved != last else ""
    return AppealDeadline(moved, days, moved != last, basis + rolled)
