"""What parties see of each timeline event kind, decided in one table.

Staff see every event as written. Parties see an event as written, in a neutral wording that tells them
what happened without internal reasons or notes, or not at all. Internal reasons, approvals in progress,
notes, supervision and the assistant's work are never shown to parties; what the law makes public is:
the filing, the judge, fees, hearings and the deadline with every deduction, extension, recalculation and
postponement and its reason (延审规定 art. 7, court-rules.md §3).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from omnicourt.cases.events import EventKind
from omnicourt.cases.models import TimelineEvent
from omnicourt.cases.rules import chinese_date

SHOWN, NEUTRAL, HIDDEN = "shown", "neutral", "hidden"


@dataclass(frozen=True)
class PartyView:
    parties: str  # SHOWN, NEUTRAL or HIDDEN
    why: str
    neutral: Callable[[dict], str] | None = None  # the wording parties see, from the event's details

    def __post_init__(self) -> None:
        if (self.parties == NEUTRAL) != (self.neutral is not None):
            raise ValueError("a neutral wording is given exactly for the kinds parties see as NEUTRAL")


def _dated(label: str, key: str) -> Callable[[dict], str]:
    """'2026年3月2日 开庭审理': the step and its date (ISO in the details), without the note typed with it."""
    return lambda details: f"{chinese_date(date.fromisoformat(details[key]))} {label}" if details.get(key) else label


def _judgment_signed(details: dict) -> str:
    return f"{details['title']}已签署" if details.get("title") else "裁判文书已签署"


def _judge_changed(details: dict) -> str:
    return f"承办法官已变更为{details['judge_name']}" if details.get("judge_name") else "承办法官已变更"


def _finding(details: dict) -> str:
    """'证据「借条」：采纳': the item and the result, without the judge's reasons."""
    return f"法官对证据「{details.get('item_name', '')}」作出认证：{details.get('finding_label', '')}"


_ASSISTANT = "法官助手的工作记录，属于合议与审判内部过程"
_SUPERVISION = "审判管理与监督事项，属于法院内部管理"
_DELIBERATION = "合议庭评议与审判委员会讨论属于审判内部过程，内容不公开"

EVENT_KINDS: dict[EventKind, PartyView] = {
    # cases
    EventKind.ACCEPTED: PartyView(SHOWN, "立案受理与案号应告知当事人"),
    EventKind.ASSIGNED: PartyView(SHOWN, "承办法官应告知当事人（分案理由记在详情中，不显示）"),
    EventKind.REASSIGNED: PartyView(NEUTRAL, "当事人应知道承办法官变更，改派理由属内部事项", _judge_changed),
    EventKind.HEARING_HELD: PartyView(NEUTRAL, "当事人参加庭审，庭审备注属内部记录", _dated("开庭审理", "held_on")),
    # hearings: the time and place are the summons's; every postponement and its reason is public (延审规定 art. 7)
    EventKind.HEARING_SCHEDULED: PartyView(SHOWN, "开庭时间、地点以传票通知当事人（民事诉讼法第139条）"),
    EventKind.CLOSED: PartyView(SHOWN, "结案日期与方式应告知当事人"),
    EventKind.LINKED: PartyView(SHOWN, "同一纠纷的其他案号（上诉、再审、执行）应告知当事人"),
    # filing and fees
    EventKind.FEE_NOTICE: PartyView(SHOWN, "交费通知发给当事人"),
    EventKind.FEE_PAID: PartyView(SHOWN, "交费人应看到已交纳及交费凭证"),
    EventKind.FEE_CHANGED: PartyView(SHOWN, "诉讼费按结案方式核定（诉讼费用交纳办法第15条），应告知当事人"),
    EventKind.FEE_REFUNDED: PartyView(SHOWN, "退费及其依据应告知交费人"),
    # deadlines: 延审规定 art. 7 makes every change of the deadline and its reason public
    EventKind.PROCEDURE_CONVERTED: PartyView(SHOWN,
                                             "程序转换裁定送达当事人，审限重新计算及理由应公开（延审规定第7条）"),
    EventKind.DEADLINE_EXTENDED: PartyView(SHOWN, "延长审限及其理由应公开（延审规定第7条）"),
    EventKind.DEADLINE_SUSPENDED: PartyView(SHOWN, "扣除审限及其理由应公开（延审规定第7条）"),
    EventKind.DEADLINE_CHANGED: PartyView(SHOWN, "审限届满日变化应公开（延审规定第7条）"),
    EventKind.HEARING_POSTPONED: PartyView(SHOWN, "延期开庭及其理由应公开（延审规定第7条）"),
    EventKind.APPRAISAL_ENTRUSTED: PartyView(NEUTRAL, "当事人应知道已委托鉴定，备注属内部记录",
                                               _dated("委托鉴定", "on")),
    EventKind.PUBLIC_NOTICE_PUBLISHED: PartyView(NEUTRAL, "当事人应知道已公告送达，备注属内部记录",
                                                   _dated("公告送达", "on")),
    EventKind.DEADLINE_APPLICATION: PartyView(HIDDEN, "审限变更申请在审批中，属内部审批"),
    EventKind.DEADLINE_REFUSED: PartyView(HIDDEN, "未获批准的申请不改变审限，属内部审批"),
    # assistant
    EventKind.ASSISTANT_ANALYSED: PartyView(HIDDEN, _ASSISTANT),
    EventKind.ELEMENT_CONFIRMED: PartyView(HIDDEN, _ASSISTANT),
    EventKind.ELEMENT_CORRECTED: PartyView(HIDDEN, _ASSISTANT),
    EventKind.POINT_DECIDED: PartyView(HIDDEN, _ASSISTANT),
    EventKind.DOCUMENT_ADDED: PartyView(HIDDEN, _ASSISTANT),
    EventKind.PARTY_DOCUMENTS_ADDED: PartyView(SHOWN, "当事人提交的材料进入案卷，提交人应看到已收到"),
    EventKind.DOSSIER_ARCHIVED: PartyView(SHOWN, "归档是案件的最后一步，当事人可以知道卷宗已归档"),
    EventKind.DRAFT_GENERATED: PartyView(HIDDEN, _ASSISTANT),
    # evidence exchange: the period, the time limit and what each side exchanged are every party's to know
    # (证据规定 arts 51, 54; 在线诉讼规则 art. 14); a finding shows its result, never the reasons the court keeps
    EventKind.EVIDENCE_PERIOD_SET: PartyView(SHOWN, "举证期限由法院指定并通知当事人（证据规定第51条）"),
    EventKind.EVIDENCE_PERIOD_EXTENDED: PartyView(SHOWN, "延长的举证期限适用于其他当事人（证据规定第54条）"),
    EventKind.CROSS_EXAMINATION_LIMIT_SET: PartyView(SHOWN, "在线质证的期限由法院指定，各方应在期限内完成"),
    EventKind.EVIDENCE_SUBMITTED: PartyView(SHOWN, "交换的证据清单各方都应知道"),
    EventKind.CROSS_EXAMINATION_GIVEN: PartyView(SHOWN, "质证意见在各方之间交换"),
    EventKind.EVIDENCE_FOUND: PartyView(NEUTRAL, "认证结论告知当事人，认证的内部理由不显示", _finding),
    EventKind.CROSS_EXAMINATION_RECORDED: PartyView(SHOWN, "质证记录进入正卷，当事人可以查阅"),
    # asynchronous trial (在线诉讼规则 arts 20–21, 33–34): each step is the parties' own proceeding. The events tell
    # that a party answered, never what (answers are read on the trial's page when the stage lets them); the
    # judge's notes of a stage stay in the trial's rows, never in an event's summary
    EventKind.ASYNC_TRIAL_APPLIED: PartyView(SHOWN, "异步审理的书面申请应告知各方，由各方表示是否同意（第20条）"),
    EventKind.ASYNC_TRIAL_CONSENT: PartyView(SHOWN, "异步审理须经各方同意，各方是否同意应为各方知悉"),
    EventKind.ASYNC_TRIAL_OPENED: PartyView(SHOWN, "适用异步审理的决定及其条件应告知当事人"),
    EventKind.ASYNC_TRIAL_STAGE_OPENED: PartyView(SHOWN, "审理阶段、答复期限及逾期后果须事先告知当事人"),
    EventKind.ASYNC_TRIAL_ANSWERED: PartyView(SHOWN, "各方应知道其他当事人是否已在期限内答复（不含答复内容）"),
    EventKind.ASYNC_TRIAL_STAGE_ENDED: PartyView(SHOWN, "阶段结束及未答复的当事人适用已告知的后果，应告知当事人"),
    EventKind.ASYNC_TRIAL_SWITCHED: PartyView(SHOWN, "转为同步庭审及理由应告知当事人，已完成的活动继续有效（第21条）"),
    EventKind.ASYNC_TRIAL_RECORDED: PartyView(SHOWN, "庭审笔录进入正卷，由当事人在线确认（第33、34条）"),
    EventKind.ASYNC_TRIAL_CONFIRMED: PartyView(SHOWN, "当事人在线确认笔录的时间记入案件进程"),
    # delivery: what was delivered to whom and when it took effect is the parties' (送达回证 in the file); when
    # someone opened it and the reminders sent are the court's records
    EventKind.DELIVERY_ADDRESS_CONFIRMED: PartyView(SHOWN, "送达地址确认书记入案卷（不含地址本身）"),
    EventKind.DELIVERY_SENT: PartyView(SHOWN, "向当事人送达诉讼文书应记入案件进程"),
    EventKind.DELIVERY_OPENED: PartyView(HIDDEN, "受送达人何时查阅属送达记录，由法院掌握"),
    EventKind.DELIVERY_EFFECTIVE: PartyView(SHOWN, "送达生效时间决定上诉期等期间的起算，应告知当事人"),
    EventKind.DELIVERY_REMINDED: PartyView(HIDDEN, "提醒短信属送达工作记录"),
    # publication: what the public reads of the case, its parties may know too (法释〔2016〕19号)
    EventKind.JUDGMENT_PUBLISHED: PartyView(SHOWN, "裁判文书在互联网公布，当事人可以知道"),
    EventKind.JUDGMENT_WITHHELD: PartyView(SHOWN, "不公开的理由本身在互联网公布（第六条），当事人可以知道"),
    # deliberation: who sits on the panel is the parties' to know (民事诉讼法 art. 131: 审判人员 told within three
    # days); what the panel and the judicial committee said, and how each member voted, is the court's alone
    # (民事诉讼法 art. 45, the record in the secondary volume)
    EventKind.PANEL_FORMED: PartyView(SHOWN, "合议庭组成人员应告知当事人（民事诉讼法第131条）"),
    EventKind.DELIBERATION_POINTS_SET: PartyView(HIDDEN, _DELIBERATION),
    EventKind.DELIBERATION_VOTED: PartyView(HIDDEN, _DELIBERATION),
    EventKind.DELIBERATION_CONCLUDED: PartyView(NEUTRAL, "当事人可以知道合议庭已评议，评议内容不公开",
                                                lambda details: "合议庭已对本案进行评议"),
    EventKind.COMMITTEE_REFERRAL_REQUESTED: PartyView(HIDDEN, _DELIBERATION),
    EventKind.COMMITTEE_REFERRAL_DECIDED: PartyView(HIDDEN, _DELIBERATION),
    EventKind.COMMITTEE_DECIDED: PartyView(HIDDEN, _DELIBERATION),
    EventKind.DELIBERATION_RECORDED: PartyView(HIDDEN, "评议笔录存入副卷，不对当事人公开"),
    # court documents: a draft is the court's until it is delivered (delivery/ tells the parties)
    EventKind.JUDGMENT_DRAFTED: PartyView(HIDDEN, "文书草稿属法院内部工作，送达前当事人不可见"),
    # enforcement: the application and the notices are the parties' to know; a freeze is told once it is made
    # (the debtor learns it from the ruling served on it), the sweep's reminder of an expiring one is internal
    EventKind.ENFORCEMENT_APPLIED: PartyView(SHOWN, "申请执行的来源与立案应告知当事人"),
    EventKind.ENFORCEMENT_NOTICE_ISSUED: PartyView(SHOWN, "执行通知书、报告财产令依法送达被执行人"),
    EventKind.PROPERTY_MEASURE_TAKEN: PartyView(SHOWN, "查封、扣押、冻结是对当事人财产采取的措施，应告知当事人"),
    EventKind.PROPERTY_MEASURE_RENEWED: PartyView(SHOWN, "续行查封、扣押、冻结应告知当事人"),
    EventKind.PROPERTY_MEASURE_RELEASED: PartyView(SHOWN, "解除查封、扣押、冻结应告知当事人"),
    EventKind.PROPERTY_MEASURE_EXPIRING: PartyView(HIDDEN, "措施届满前的续行提醒属法院内部管理"),
    EventKind.AUCTION_ANNOUNCED: PartyView(SHOWN, "拍卖公告向社会公开，当事人应当知悉（网拍规定第十六条）"),
    EventKind.AUCTION_CLOSED: PartyView(SHOWN, "拍卖结果向社会公示"),
    EventKind.AUCTION_RULED: PartyView(SHOWN, "拍卖成交裁定应送达当事人与买受人"),
    EventKind.ASSET_INQUIRY_SENT: PartyView(HIDDEN, "查控在采取控制措施之前不告知当事人，以免财产被转移"),
    EventKind.ENFORCEMENT_PAID: PartyView(SHOWN, "执行款到账情况应告知当事人"),
    EventKind.DISHONEST_LISTED: PartyView(SHOWN, "纳入失信名单的决定书应送达被执行人（失信规定第五条）"),
    EventKind.DISHONEST_REMOVED: PartyView(SHOWN, "删除失信信息应告知当事人"),
    # supervision
    EventKind.LONG_PENDING: PartyView(HIDDEN, _SUPERVISION),
    EventKind.LEDGER_PLAN: PartyView(HIDDEN, _SUPERVISION),
    EventKind.LEDGER_PROGRESS: PartyView(HIDDEN, _SUPERVISION),
    EventKind.REMINDER: PartyView(HIDDEN, _SUPERVISION),
    EventKind.SUPERVISION_NOTICE: PartyView(HIDDEN, _SUPERVISION),
    EventKind.SUPERVISION_ESCALATED: PartyView(HIDDEN, _SUPERVISION),
    # court documents after drafting: edits and sign-off are the court's (a return's reason is internal); the signed
    # document enters the main volume and an appeal opens a case at the higher court, both the parties' to know
    EventKind.JUDGMENT_EDITED: PartyView(HIDDEN, "文书修改属法院内部工作，送达前当事人不可见"),
    EventKind.JUDGMENT_SIGNOFF_REQUESTED: PartyView(HIDDEN, "文书签发属法院内部审批"),
    EventKind.JUDGMENT_SIGNOFF_DECIDED: PartyView(HIDDEN, "文书签发及退回理由属法院内部审批"),
    EventKind.JUDGMENT_SIGNED: PartyView(NEUTRAL, "签署的文书存入正卷，当事人可以知道", _judgment_signed),
    EventKind.APPEAL_FILED: PartyView(SHOWN, "上诉及二审案号当事人可以知道"),
    # joint sessions and consent to asynchronous steps
    EventKind.JOINT_SESSION_GROUPED: PartyView(HIDDEN, "联审批次列明其他案件，其他案件的情况不向本案当事人显示"),
    EventKind.EVIDENCE_ASYNC_CONSENT: PartyView(SHOWN, "异步质证须经各方同意，是否同意应为各方知悉"),
    # judicial confirmation and mediation statements: the ruling and the statement are the parties' own
    EventKind.CONFIRMATION_RULED: PartyView(SHOWN, "司法确认裁定送达当事人，结果应让当事人知悉"),
    EventKind.MEDIATION_STATEMENT_ISSUED: PartyView(SHOWN, "调解书由当事人签收，当事人应知其制作"),
    EventKind.MEDIATION_STATEMENT_SIGNED: PartyView(SHOWN, "调解书自双方当事人签收之日起生效（民事诉讼法第一百条）"),
}

PARTY_KINDS = tuple(kind for kind, view in EVENT_KINDS.items() if view.parties != HIDDEN)


def view_of(kind: str) -> PartyView:
    """The decision for a kind; a kind nobody decided on is a programming error, not a user's."""
    if kind not in EVENT_KINDS:
        raise LookupError(f"timeline event kind {kind!r} has no decision in cases.timeline.EVENT_KINDS")
    return EVENT_KINDS[EventKind(kind)]


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime  # UTC
    kind: str
    summary: str


def for_staff(event: TimelineEvent) -> TimelineEntry:
    return TimelineEntry(at=event.at, kind=event.kind, summary=event.summary)


def for_parties(event: TimelineEvent) -> TimelineEntry:
    """An event of a kind parties see (PARTY_KINDS), as they see it."""
    view = view_of(event.kind)
    summary = view.neutral(event.details or {}) if view.neutral is not None else event.summary  # NEUTRAL kinds
    return TimelineEntry(at=event.at, kind=event.kind, summary=summary)
