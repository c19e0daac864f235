"""The drafts of every kind of court document, filled from what the case's record holds (court-rules.md §5.2).

Pure: `draft(facts, request)` returns the sections in order. A fact the record does not hold (who attended a
hearing, the clerk, the defence, the facts found) is a highlighted gap 【待法官补充：…】 for the judge, never
invented. What a document cannot be drafted without (a judgment's claims, a transfer's court) is refused, naming it.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from omnicourt.errors import InvalidInput
from omnicourt.fees import rules as fee_rules
from omnicourt.judgments import rules
from omnicourt.judgments.rules import DocumentKind, RulingKind, money, numeral
from omnicourt.judgments.sections import Section, gap, section
from omnicourt.reference.tables import fee_tables

PROCEDURES = {"ordinary": "普通程序", "simple": "简易程序", "small_claims": "小额诉讼程序", "fast_track": "速裁程序"}
BRANCH_SUFFIXES = ("分公司", "支行", "分行", "分理处", "营业部", "办事处")
PAYMENT_DAYS = 10   # 本判决发生法律效力之日起十日内 (the usual term, court-rules.md §5.2 item 9 [V])


@dataclass(frozen=True)
class PartyFact:
    role: str                       # plaintiff / defendant / third_party / agent
    party_type: str                 # natural / legal / organisation
    name: str
    id_number: str | None = None
    legal_representative: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class ClaimFact:
    description: str
    amount: Decimal | None = None


@dataclass(frozen=True)
class HearingFact:
    held_on: date | None
    attendance_recorded: bool = False
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    online: bool = False
    summoned_by_notice: bool = False


@dataclass(frozen=True)
class Conversion:
    ruled_on: date
    from_procedure: str
    to_procedure: str


@dataclass(frozen=True)
class FeeFacts:
    """The acceptance fee the fee rules assess on the claims (诉讼费用交纳办法 arts 13, 15, 16)."""

    full: Decimal
    charged: Decimal
    halved: bool
    withdrawal_charged: Decimal     # halved for a withdrawal (art. 15), once only (民诉法解释 art. 206)
    rounding: Decimal


@dataclass(frozen=True)
class CaseFacts:
    court_name: str
    court_code: str
    appeal_court: str | None        # the court's parent court; None: none on record
    case_number: str
    cause_name: str
    family: str                     # civil / criminal / administrative
    procedure: str
    accepted_on: date
    parties: tuple[PartyFact, ...]
    claims: tuple[ClaimFact, ...]
    facts_and_reasons: str
    judges: tuple[str, ...]
    document_date: date
    fee: FeeFacts | None
    hearings: tuple[HearingFact, ...] = ()
    conversions: tuple[Conversion, ...] = ()
    clerk: str | None = None

    def named(self, role: str) -> list[PartyFact]:
        return [p for p in self.parties if p.role == role]

    def names(self, role: str) -> str:
        return "、".join(p.name for p in self.named(role))


@dataclass(frozen=True)
class DraftRequest:
    """What the judge chooses when generating: the kind, and for some kinds what the record cannot say."""

    kind: DocumentKind
    ruling_kind: RulingKind | None = None
    awards: dict[int, Decimal] = field(default_factory=dict)   # claim index (0-based) → amount ordered
    preserved_amount: Decimal | None = None                    # 财产保全: the amount to preserve
    transfer_to: str | None = None                             # 移送管辖: the court with jurisdiction
    corrected: str | None = None                               # 补正笔误: the signed document corrected


def draft(facts: CaseFacts, request: DraftRequest, practice: rules.Practice) -> list[Section]:
    """The document's sections in §5.2's order, items 10 and 11 as the court's practice orders them."""
    if request.kind == DocumentKind.JUDGMENT:
        found = _judgment(facts, request, practice)
    elif request.kind == DocumentKind.RULING:
        found = _ruling(facts, request, practice)
    elif request.kind == DocumentKind.MEDIATION_STATEMENT:
        found = _mediation(facts)
    else:
        found = _decision(facts)
    if not practice.delay_warning_first:
        keys = [s.key for s in found]
        if "delay_warning" in keys and "fee" in keys:
            at_delay, at_fee = keys.index("delay_warning"), keys.index("fee")
            found[at_delay], found[at_fee] = found[at_fee], found[at_delay]
    return [s for s in found if s.paragraphs]


# ---------------------------------------------------------------- what each kind needs


def _require(facts: CaseFacts, *, claims: bool = False, defendants: bool = True) -> None:
    missing = []
    if not facts.named("plaintiff"):
        missing.append("原告（起诉人）")
    if defendants and not facts.named("defendant"):
        missing.append("被告")
    if claims and not facts.claims:
        missing.append("诉讼请求")
    if missing:
        raise InvalidInput(f"本案缺少{'、'.join(missing)}，无法生成该文书", field="kind")


# ---------------------------------------------------------------- sections shared by the kinds


def _title(facts: CaseFacts, kind: DocumentKind) -> Section:
    return section("title", facts.court_name, rules.document_title(kind, facts.family), facts.case_number)


def _party_block(facts: CaseFacts, label: dict[str, str]) -> Section:
    """Natural persons with sex and birth date from the ID number; companies with their legal representative,
    branches and unincorporated organisations with their 负责人 (court-rules.md §5.2 item 2 [V]); agents last
    under the party side that filed (the plaintiff's)."""
    lines: list[str] = []
    for role in ("plaintiff", "defendant", "third_party"):
        for party in facts.named(role):
            lines.append(f"{label[role]}：{_particulars(party)}。")
            if party.party_type != "natural":
                head = "负责人" if _led_by_head(party) else "法定代表人"
                lines.append(f"{head}：{party.legal_representative or gap(head)}。")
            if role == "plaintiff" and party is facts.named("plaintiff")[-1]:
                lines += [f"委托诉讼代理人：{agent.name}。" for agent in facts.named("agent")]
    return section("parties", *lines)


def _led_by_head(party: PartyFact) -> bool:
    """A branch (a bank's 支行, a company's 分公司) and an unincorporated organisation act through their 负责人."""
    return party.party_type == "organisation" or party.name.endswith(BRANCH_SUFFIXES)


def _particulars(party: PartyFact) -> str:
    if party.party_type != "natural":
        return party.name + (f"，住所地{party.address}" if party.address else f"，住所地{gap('住所地')}")
    parts = [party.name]
    born = _from_id_number(party.id_number)
    if born:
        parts += [born[0], f"{rules_date(born[1])}出生"]
    else:
        parts.append(gap("性别、出生日期"))
    parts.append(gap("民族"))
    parts.append(f"住{party.address}" if party.address else gap("住所"))
    return "，".join(parts)


def _from_id_number(id_number: str | None) -> tuple[str, date] | None:
    """Sex and birth date of an 18-digit ID number (GB 11643: the birth date at 7–14, the 17th digit odd for men)."""
    if not id_number or len(id_number) != 18 or not id_number[:17].isdigit():
        return None
    try:
        born = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None
    return ("男" if int(id_number[16]) % 2 else "女"), born


def rules_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _history(facts: CaseFacts, *, closing: str = "本案现已审理终结。") -> Section:
    """§5.2 item 3 from the record: the filing date, the procedure and any conversion, the hearings and who
    attended; what is not recorded is a gap."""
    text = (f"原告{facts.names('plaintiff')}与被告{facts.names('defendant')}{facts.cause_name}一案，本院于"
            f"{rules_date(facts.accepted_on)}立案后，依法适用{_first_procedure(facts)}")
    for conversion in facts.conversions:
        text += f"，于{rules_date(conversion.ruled_on)}裁定转为{PROCEDURES.get(conversion.to_procedure, '')}"
    text += "，"
    if not facts.hearings:
        return section("history", text + f"{gap('开庭审理情况')}。{closing}")
    dates = [h.held_on for h in facts.hearings]
    when = "、".join(rules_date(d) for d in dates if d) if all(dates) else gap("开庭日期")
    online = "在线" if any(h.online for h in facts.hearings) else ""
    text += f"于{when}{online}公开开庭进行了审理。"
    if not all(h.attendance_recorded for h in facts.hearings):
        return section("history", text + f"{gap('到庭情况')}。{closing}")
    present = list(dict.fromkeys(name for h in facts.hearings for name in h.present))
    absent = absent_throughout(facts)
    parts = []
    if present:
        parts.append(f"{_with_roles(facts, present)}{online}到庭参加诉讼")
    if absent:
        notice = any(h.summoned_by_notice for h in facts.hearings)
        how = "经公告送达开庭传票" if notice else "经本院传票传唤"
        parts.append(f"{_with_roles(facts, absent)}{how}，无正当理由拒不到庭参加诉讼，本院依法缺席审理")
    return section("history", text + "，".join(parts) + "。" + closing)


def _first_procedure(facts: CaseFacts) -> str:
    first = facts.conversions[0].from_procedure if facts.conversions else facts.procedure
    return PROCEDURES.get(first, gap("适用的程序"))


def absent_throughout(facts: CaseFacts) -> list[str]:
    """Defendants summoned and absent from every hearing recorded, never present: a default judgment (CPL art.
    147)."""
    recorded = [h for h in facts.hearings if h.attendance_recorded]
    if not recorded:
        return []
    present = {name for h in recorded for name in h.present}
    return [p.name for p in facts.named("defendant")
            if p.name not in present and all(p.name in h.absent for h in recorded)]


def _with_roles(facts: CaseFacts, names: Sequence[str]) -> str:
    role_of = {p.name: p.role for p in facts.parties}
    words = {"plaintiff": "原告", "defendant": "被告", "third_party": "第三人"}
    return "、".join(f"{words.get(role_of.get(name, ''), '')}{name}" for name in names)


def _claims(facts: CaseFacts) -> Section:
    items = [f"{index}.{claim.description.rstrip('；;。')}" for index, claim in enumerate(facts.claims, 1)]
    reasons = facts.facts_and_reasons.strip() or gap("原告陈述的事实和理由")
    return section("claims", f"原告{facts.names('plaintiff')}向本院提出诉讼请求：{'；'.join(items)}。",
                   f"事实和理由：{reasons}")


def _signature(facts: CaseFacts, *, panel: bool) -> Section:
    """§5.2 item 13: the judge alone (审判员) or the panel (审判长 first), the date in numerals, the clerk."""
    if panel and len(facts.judges) < 3:
        lines = [f"审判长　{facts.judges[0] if facts.judges else gap('审判长')}", f"审判员　{gap('合议庭成员')}",
                 f"审判员　{gap('合议庭成员')}"]
    elif panel:
        lines = [f"审判长　{facts.judges[0]}", *(f"审判员　{name}" for name in facts.judges[1:])]
    else:
        lines = [f"审判员　{facts.judges[0] if facts.judges else gap('审判员')}"]
    lines.append(rules.date_in_numerals(facts.document_date))
    lines.append(f"书记员　{facts.clerk or gap('书记员')}")
    return section("signature", *lines)


def _sits_alone(facts: CaseFacts) -> bool:
    """Simple procedure and small claims: a sole judge (CPL art. 160 [V]); ordinary: a panel unless assigned to one
    judge (CPL art. 40(2)), which the record does not say: the panel's other members are gaps."""
    return facts.procedure in ("simple", "small_claims", "fast_track")


def _appeal(facts: CaseFacts, kind: DocumentKind, practice: rules.Practice, *, final: bool = False) -> Section:
    court = facts.appeal_court or gap("上诉法院")
    return section("appeal", rules.appeal_notice(family=facts.family, kind=kind, appeal_court=court,
                                                 small_claims=final, finality=practice.small_claims_finality))


# ---------------------------------------------------------------- judgments


def _judgment(facts: CaseFacts, request: DraftRequest, practice: rules.Practice) -> list[Section]:
    if facts.family == "criminal":
        return _criminal_judgment(facts, practice)
    _require(facts, claims=True)
    awards = _awards(facts, request.awards)
    items = _operative_items(facts, awards)
    ordered = any(a.awarded > 0 for a in awards.values())
    small_claims = facts.procedure == "small_claims"
    return [
        _title(facts, DocumentKind.JUDGMENT), _party_block(facts, _CIVIL_LABELS), _history(facts), _claims(facts),
        section("defence", f"被告{facts.names('defendant')}辩称，{gap('被告的答辩意见')}"),
        section("facts", f"本院经审理认定事实如下：{gap('查明的事实及证据认定')}"),
        section("reasoning", f"本院认为，{gap('裁判理由')}"),
        section("legal_basis", _judgment_basis(facts)),
        section("operative", *items),
        section("delay_warning", rules.delay_warning(facts.document_date) if ordered and facts.family == "civil"
                else ""),
        section("fee", _judgment_fee(facts, awards) if facts.family == "civil" else gap("案件受理费及负担")),
        _appeal(facts, DocumentKind.JUDGMENT, practice, final=small_claims),
        _signature(facts, panel=not _sits_alone(facts)),
    ]


_CIVIL_LABELS = {"plaintiff": "原告", "defendant": "被告", "third_party": "第三人"}


def _awards(facts: CaseFacts, given: dict[int, Decimal]) -> dict[int, rules.Award]:
    """The judge's award per money claim, never above the claim; an award on a claim that does not exist or has no
    amount is refused."""
    awards = {}
    for index, amount in given.items():
        if not 0 <= index < len(facts.claims) or facts.claims[index].amount is None:
            raise InvalidInput(f"第{index + 1}项诉讼请求不存在或不是金钱请求", field="awards")
        claim = facts.claims[index]
        awards[index] = rules.bounded_award(claim.description, claim.amount or Decimal(0), amount)
    return awards


def _operative_items(facts: CaseFacts, awards: dict[int, rules.Award]) -> list[str]:
    """§5.2 item 9: a money order per supported claim, within it; a gap for each claim not decided; the rest
    dismissed when anything is ordered short of what was claimed."""
    plaintiffs, defendants = facts.names("plaintiff"), facts.names("defendant")
    items, short = [], False
    for index, claim in enumerate(facts.claims):
        award = awards.get(index)
        if award is None:
            items.append(gap(f"对第{numeral(index + 1)}项诉讼请求“{claim.description}”的处理"))
        elif award.awarded > 0:
            items.append(f"被告{defendants}于本判决发生法律效力之日起{numeral(PAYMENT_DAYS)}日内向原告{plaintiffs}支付"
                         f"{_what(claim.description)}{money(award.awarded)}")
            short = short or award.awarded < award.claimed
        else:
            short = True
    if not items:
        return [f"驳回原告{plaintiffs}的全部诉讼请求。"]
    if short:
        items.append(f"驳回原告{plaintiffs}的其他诉讼请求")
    numbered = [f"{numeral(i)}、{item.rstrip('；。')}；" for i, item in enumerate(items, 1)]
    numbered[-1] = numbered[-1].rstrip("；") + "。"
    return numbered if len(numbered) > 1 else [items[0].rstrip("；。") + "。"]


def _what(description: str) -> str:
    """The claim's object for the order ("借款本金"), its wording without amounts left as claimed."""
    text = description.strip().rstrip("；;。")
    for verb in ("判令被告", "请求判令", "判令", "要求被告", "被告"):
        text = text.removeprefix(verb)
    for verb in ("偿还", "支付", "返还", "赔偿", "给付"):
        text = text.removeprefix(verb)
    cut = next((i for i, c in enumerate(text) if c.isdigit()), len(text))
    return text[:cut].rstrip("，、 ") or "款项"


def _judgment_basis(facts: CaseFacts) -> str:
    """§5.2 item 8: substantive law first (the judge's), then the CPL's articles by the document's date: a default
    judgment cites art. 147, small claims art. 165."""
    procedural = []
    if facts.procedure == "small_claims":
        procedural.append("small_claims")
    if absent_throughout(facts):
        procedural.append("default_judgment")
    cited = [gap("实体法依据")]
    if procedural:
        cited.append(rules.cpl_citation(tuple(procedural), facts.document_date))
    return "依照" + "，".join(cited) + "之规定，判决如下："


def _judgment_fee(facts: CaseFacts, awards: dict[int, rules.Award]) -> str:
    """§5.2 item 11: the fee the fee rules assess, and who bears it (诉讼费用交纳办法 arts 29, 53 [V])."""
    fee = facts.fee
    if fee is None:
        return gap("案件受理费及负担")
    text = f"案件受理费{money(fee.full)}" + (f"，减半收取{money(fee.charged)}" if fee.halved else "")
    money_claims = [i for i, claim in enumerate(facts.claims) if claim.amount is not None]
    if not money_claims or any(i not in awards for i in money_claims):
        return text + f"，由{gap('负担方及金额')}负担。"
    claimed = sum((awards[i].claimed for i in money_claims), Decimal(0))
    awarded = sum((awards[i].awarded for i in money_claims), Decimal(0))
    shares = rules.fee_shares(fee.charged, claimed=claimed, awarded=awarded, rounding=fee.rounding)
    plaintiffs, defendants = facts.names("plaintiff"), facts.names("defendant")
    if not shares.defendants:
        return text + f"，由原告{plaintiffs}负担。"
    if not shares.plaintiffs:
        return text + f"，由被告{defendants}负担。"
    return (text + f"，由原告{plaintiffs}负担{money(shares.plaintiffs)}，"
                   f"被告{defendants}负担{money(shares.defendants)}。")


def _criminal_judgment(facts: CaseFacts, practice: rules.Practice) -> list[Section]:
    """刑事判决书: the prosecution, the charge, the facts and the sentence are the court's to write; no fee."""
    if not facts.named("defendant"):
        raise InvalidInput("本案缺少被告人，无法生成刑事判决书", field="kind")
    accused = facts.names("defendant")
    lines = [f"公诉机关：{gap('公诉机关')}。"]
    lines += [f"被告人：{_particulars(p)}。" for p in facts.named("defendant")]
    return [
        _title(facts, DocumentKind.JUDGMENT), section("parties", *lines),
        section("history", f"{gap('公诉机关')}以{gap('起诉书文号')}起诉书指控被告人{accused}犯{facts.cause_name}，于"
                           f"{rules_date(facts.accepted_on)}向本院提起公诉。本院依法适用{_first_procedure(facts)}，"
                           f"{gap('开庭审理情况')}。本案现已审理终结。"),
        section("claims", f"公诉机关指控，{gap('指控的犯罪事实')}"),
        section("defence", f"被告人{accused}{gap('对指控的意见及辩护意见')}"),
        section("facts", f"经审理查明，{gap('查明的事实及证据')}"),
        section("reasoning", f"本院认为，{gap('定罪量刑理由')}"),
        section("legal_basis", f"依照《中华人民共和国刑法》{gap('条款')}之规定，判决如下："),
        section("operative", gap("判决主文")),
        _appeal(facts, DocumentKind.JUDGMENT, practice),
        _signature(facts, panel=not _sits_alone(facts)),
    ]


# ---------------------------------------------------------------- rulings


def _ruling(facts: CaseFacts, request: DraftRequest, practice: rules.Practice) -> list[Section]:
    if request.ruling_kind is None:
        raise InvalidInput("请选择裁定事项", field="ruling_kind")
    kind = request.ruling_kind
    _require(facts, claims=kind in (RulingKind.DISMISSAL, RulingKind.PRESERVATION))
    plaintiffs, defendants, date_on = facts.names("plaintiff"), facts.names("defendant"), facts.document_date
    matter = f"原告{plaintiffs}与被告{defendants}{facts.cause_name}一案，本院于{rules_date(facts.accepted_on)}立案。"
    final_now = "本裁定一经作出即生效。"
    if kind == RulingKind.NOT_ACCEPTED:
        body = [f"起诉人{plaintiffs}与被起诉人{defendants}{facts.cause_name}一案，本院于{rules_date(facts.accepted_on)}"
                "收到起诉状。", f"本院经审查认为，{gap('不符合起诉条件的理由')}。"]
        basis = rules.cpl_citation(("suit_conditions", "not_accepted"), date_on)
        order = [f"对{plaintiffs}的起诉，本院不予受理。"]
        fee = "本案不交纳案件受理费（《诉讼费用交纳办法》第八条）。"
        appeal = _appeal(facts, DocumentKind.RULING, practice)
    elif kind == RulingKind.DISMISSAL:
        body = [matter + _claims(facts).paragraphs[0], f"本院经审查认为，{gap('不符合起诉条件的理由')}。"]
        basis = rules.cpl_citation(("suit_conditions", "ruling_scope"), date_on)
        order = [f"驳回原告{plaintiffs}的起诉。"]
        fee = f"本案不交纳案件受理费（《诉讼费用交纳办法》第八条），原告{plaintiffs}已预交的案件受理费予以退还。"
        # Small claims: a dismissal ruling takes effect at once (民诉法解释 arts 274–279 [V], court-rules.md §8.1).
        appeal = (section("appeal", final_now) if facts.procedure == "small_claims"
                  else _appeal(facts, DocumentKind.RULING, practice))
    elif kind == RulingKind.PRESERVATION:
        amount = _preserved(facts, request.preserved_amount)
        body = [matter + f"申请人{plaintiffs}于{gap('申请日期')}向本院申请财产保全，请求对被申请人{defendants}价值"
                f"{money(amount)}的财产采取保全措施，并提供了{gap('担保情况')}。",
                f"本院经审查认为，申请人{plaintiffs}的申请符合法律规定。"]
        basis = rules.cpl_citation(("preservation",), date_on)
        order = [f"查封、扣押、冻结被申请人{defendants}名下价值{money(amount)}的财产。"]
        fee = (f"申请费{money(_preservation_fee(amount))}，由申请人{plaintiffs}负担"
               "（《诉讼费用交纳办法》第十四条、第三十八条）。")
        appeal = section("appeal", "本裁定立即开始执行。如不服本裁定，可以自收到裁定书之日起五日内向本院申请复议一次。"
                                   "复议期间不停止裁定的执行。")
    elif kind == RulingKind.TRANSFER:
        court = (request.transfer_to or "").strip()
        if not court:
            raise InvalidInput("请选择受移送的法院", field="transfer_to")
        if court == facts.court_name:
            raise InvalidInput("受移送的法院不能是本院", field="transfer_to")
        body = [matter, f"本院经审查认为，{gap('本院无管辖权的理由')}，本案应由{court}管辖。"]
        basis = rules.cpl_citation(("transfer",), date_on)
        order = [f"本案移送{court}处理。"]
        fee = ""
        appeal = section("appeal", final_now)
    elif kind == RulingKind.CORRECTION:
        # CPL art. 157(1)(7) [V]; a clerical error is a miswriting, a miscalculation, a fee left out or miscounted
        # (民诉法解释 2022 art. 245 [U: not in the spec]). A signed document never changes: this ruling corrects it.
        corrected = request.corrected or gap("被补正的文书")
        body = [f"本院在审理原告{plaintiffs}与被告{defendants}{facts.cause_name}一案中，于{gap('原文书日期')}作出的"
                f"{corrected}存在笔误，应予补正。"]
        basis = rules.cpl_citation(("ruling_scope",), date_on) + "第一款第七项"
        order = [f"{corrected}{gap('笔误所在位置')}中的“{gap('原文')}”补正为“{gap('补正后的内容')}”。"]
        fee = ""
        appeal = section("appeal", final_now)
    else:
        body = [matter + f"原告{plaintiffs}于{gap('申请撤诉日期')}向本院提出撤诉申请。",
                f"本院认为，原告{plaintiffs}的撤诉申请不违反法律规定。"]
        basis = rules.cpl_citation(("withdrawal",), date_on)
        order = [f"准许原告{plaintiffs}撤诉。"]
        fee = _withdrawal_fee(facts)
        appeal = section("appeal", final_now)
    return [
        _title(facts, DocumentKind.RULING), _party_block(facts, _RULING_LABELS[kind]),
        section("history", *body), section("legal_basis", f"依照{basis}之规定，裁定如下："),
        section("operative", *order), section("fee", fee), appeal,
        _signature(facts, panel=not _sits_alone(facts)),
    ]


_APPLICANTS = {"plaintiff": "申请人", "defendant": "被申请人", "third_party": "第三人"}
_RULING_LABELS = {RulingKind.NOT_ACCEPTED: {"plaintiff": "起诉人", "defendant": "被起诉人", "third_party": "第三人"},
                  RulingKind.DISMISSAL: _CIVIL_LABELS, RulingKind.PRESERVATION: _APPLICANTS,
                  RulingKind.TRANSFER: _CIVIL_LABELS, RulingKind.WITHDRAWAL: _CIVIL_LABELS,
                  RulingKind.CORRECTION: _CIVIL_LABELS}


def _preserved(facts: CaseFacts, amount: Decimal | None) -> Decimal:
    """The amount to preserve: above zero, and not above the money claimed [U: practice, 民诉法解释 art. 157]."""
    if amount is None or amount <= 0:
        raise InvalidInput("请填写申请保全的财产价值", field="preserved_amount")
    claimed = sum((c.amount for c in facts.claims if c.amount is not None), Decimal(0))
    if amount > claimed:
        raise InvalidInput(f"保全金额{money(amount)}超过诉讼请求金额{money(claimed)}", field="preserved_amount")
    return amount


def _preservation_fee(amount: Decimal) -> Decimal:
    """诉讼费用交纳办法 art. 14(二) [V]: 30 yuan up to 1,000; 1 % to 100,000; 0.5 % above; at most 5,000 (the
    scale is data/fees.toml's)."""
    scale = fee_rules.scale_from_table(fee_tables()["application"]["preservation"])
    return fee_rules.application_fee_preservation(amount, scale).fee


def _withdrawal_fee(facts: CaseFacts) -> str:
    """Withdrawal halves the fee (诉讼费用交纳办法 art. 15), once only, and the plaintiff bears it (art. 34)."""
    if facts.fee is None:
        return f"案件受理费{gap('金额')}，减半收取，由原告{facts.names('plaintiff')}负担。"
    return (f"案件受理费{money(facts.fee.full)}，减半收取{money(facts.fee.withdrawal_charged)}，由原告"
            f"{facts.names('plaintiff')}负担。")


# ---------------------------------------------------------------- mediation statements and decisions


def _mediation(facts: CaseFacts) -> list[Section]:
    """调解书: the agreement the parties reached, confirmed; effective when both sign for it (CPL art. 100 [V])."""
    _require(facts, claims=True)
    fee = facts.fee
    fee_text = (f"案件受理费{money(fee.full)}，减半收取{money(fee.withdrawal_charged)}"
                "（《诉讼费用交纳办法》第十五条），" if fee else f"案件受理费{gap('金额')}，")
    return [
        _title(facts, DocumentKind.MEDIATION_STATEMENT), _party_block(facts, _CIVIL_LABELS),
        _history(facts, closing=""), _claims(facts),
        section("operative", "本案审理过程中，经本院主持调解，双方当事人自愿达成如下协议：", gap("调解协议内容"),
                "上述协议，不违反法律规定，本院予以确认。"),
        section("fee", fee_text + f"由{gap('负担方（按协议；协议未约定的由本院决定）')}负担。"),
        section("appeal", "本调解书经双方当事人签收后，即具有法律效力。"),
        _signature(facts, panel=not _sits_alone(facts)),
    ]


def _decision(facts: CaseFacts) -> list[Section]:
    """决定书 (回避, 罚款, 司法救助…): the matter and the decision are the judge's; the review notice depends on
    the matter [U]."""
    return [
        _title(facts, DocumentKind.DECISION),
        section("history", f"本院在审理原告{facts.names('plaintiff')}与被告{facts.names('defendant')}"
                           f"{facts.cause_name}一案中，{gap('决定的事由')}。"),
        section("reasoning", f"本院认为，{gap('决定的理由')}"),
        section("legal_basis", f"依照{gap('法律依据')}之规定，决定如下："),
        section("operative", gap("决定事项")),
        section("appeal", gap("复议或生效告知")),
        _signature(facts, panel=False),
    ]
