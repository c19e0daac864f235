"""The first-instance judgment draft (民事判决书) of a loan dispute (金融借款合同纠纷, 民间借贷纠纷): court-rules.md §5.

`draft_sections` gives the sections of §5.2 in order as structured text (judgments.sections.Section, what the
judgments domain stores and renders); `draft_judgment` lays them out as a .docx with the judgments domain's
renderer. The draft follows the judge's confirmed decisions: a claim the judge rejected, or one defeated by a
defence point the judge upheld, never appears in the operative part, and
then "驳回原告…的其他诉讼请求" closes it. Nothing is ordered beyond the claims: an amount not claimed is not ordered,
one claimed for less than computed is ordered as claimed, and the facts found and the running-interest bases follow
what is ordered. A point the judge has not decided yet is marked 【待审判员认定】 so a draft is never mistaken for a
decision; what the case's record does not show (a hearing, who attended, who answered) is left as a highlighted gap
【待法官补充：…】, never assumed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import cn2an

from omnicourt.assistant.loans.causes import FINANCIAL_LOAN, LoanCause
from omnicourt.assistant.loans.focus import TAXONOMY_FILE, DisputedPoint, DisputeFocus
from omnicourt.assistant.numbers import date_in_words
from omnicourt.assistant.record import Hearing
from omnicourt.cases.rules import PROCEDURE_LABELS
from omnicourt.errors import InvalidInput
from omnicourt.fees import rules as fee_rules
from omnicourt.interest.wording import chinese_date as written_date
from omnicourt.interest.wording import double_interest_warning, percent, yuan
from omnicourt.judgments import render_docx
from omnicourt.judgments.sections import GAP, Section
from omnicourt.loans.compute import LoanAmounts, RunningFormula, running_formula_text
from omnicourt.loans.elements import Guarantee, LoanTerms
from omnicourt.reference.tables import read_toml

# The procedures a first-instance judgment is drafted under here (not the fast track), named as the case names them.
PROCEDURES = {code: PROCEDURE_LABELS[code] for code in ("simple", "ordinary", "small_claims")}
MONEY_CLAIMS = ("principal", "interest", "penalty", "compound", "fees")
CLAIMS = (*MONEY_CLAIMS, "guarantee", "collateral")
CLAIM_LABELS = {"principal": "借款本金", "interest": "利息", "penalty": "罚息", "compound": "复利",
                "fees": "律师费等费用"}
UNDECIDED = "【待审判员认定】"
RUNNING_CHARGES = ("penalty", "compound")
INTEREST_CHARGES = ("interest", "penalty", "compound")
_LIST_NUMBER = re.compile(r"^\s*[（(]?(\d{1,2}|[一二三四五六七八九十]{1,3})[、.．)）]\s*")
# Small claims are final (CPL art. 165 [V]); the exact sentence courts use is not verified [U]: configurable.
SMALL_CLAIMS_FINALITY = "本判决为终审判决。"
DEFAULT_CONTRACT_TITLE = "《借款合同》"
@dataclass(frozen=True)
class PointDecision:
    """The judge's decision on a disputed point: `upheld` means the defendant's contention is supported."""

    code: str
    upheld: bool
    reason: str


@dataclass(frozen=True)
class ClaimDecision:
    """The judge's decision on one claim: principal / interest / penalty / compound / fees / guarantee /
    collateral, or one guarantor or collateral by its index ("guarantee.2", "collateral.1")."""

    claim: str
    supported: bool
    reason: str = ""


@dataclass(frozen=True)
class DraftOptions:
    delay_warning_before_fee: bool = True          # §5.2: courts differ on the order of items 10 and 11
    small_claims_finality: str = SMALL_CLAIMS_FINALITY
    online_appeal_platform: str = ""               # e.g. "人民法院在线服务平台": adds the 2025 online wording [S]
    payment_days: int = 10                         # 本判决发生法律效力之日起十日内


@dataclass(frozen=True)
class DraftCase:
    court_name: str
    case_number: str
    terms: LoanTerms
    amounts: LoanAmounts                           # confirmed by the judge
    focus: DisputeFocus
    procedure: str                                 # simple / ordinary / small_claims
    filed_on: date
    judgment_date: date
    judges: tuple[str, ...]                        # one: 审判员; several: the first presides
    clerk: str
    appeal_court: str
    hearing: Hearing | None = None                 # None: no hearing recorded
    point_decisions: tuple[PointDecision, ...] = ()
    claim_decisions: tuple[ClaimDecision, ...] = ()
    acceptance_fee: fee_rules.FeeAssessment | None = None   # None: assessed here on the claimed amount
    defence_summary: str = ""                      # the judge's summary; empty: the quoted defence statements
    judge_assistant: str = ""
    options: DraftOptions = field(default_factory=DraftOptions)
    cause: LoanCause = FINANCIAL_LOAN


@dataclass(frozen=True)
class Ruling:
    """What the judge's decisions come to: the claims that stand and those that fall."""

    rejected: frozenset[str]                       # claim names, "guarantee.N", "collateral.N", or "all"
    reasons: dict[str, str]

    def supports(self, claim: str) -> bool:
        if "all" in self.rejected or claim in self.rejected:
            return False
        group = claim.split(".")[0]
        return group == claim or group not in self.rejected

    @property
    def rejects_anything(self) -> bool:
        return bool(self.rejected)


def rule_on(focus: DisputeFocus, point_decisions: Sequence[PointDecision],
            claim_decisions: Sequence[ClaimDecision] = ()) -> Ruling:
    """Combine the claim decisions with the claims defeated by upheld points; a contradiction is refused."""
    defeated: dict[str, str] = {}
    for decision in point_decisions:
        point = focus.point(decision.code)
        if point is None:
            raise InvalidInput(f"争议焦点中没有该项：{decision.code}", field="point_decisions")
        if decision.upheld:
            for claim in point.defeats:
                defeated.setdefault(claim, decision.reason)
    rejected = dict(defeated)
    for claim_decision in claim_decisions:
        claim = claim_decision.claim
        if claim.split(".")[0] not in CLAIMS:
            raise InvalidInput(f"未知的诉讼请求：{claim}", field="claim_decisions")
        if claim_decision.supported and (claim in defeated or "all" in defeated or claim.split(".")[0] in defeated):
            raise InvalidInput(f"诉讼请求“{claim}”已因采纳被告抗辩而不予支持，不能同时认定为支持",
                               field="claim_decisions")
        if not claim_decision.supported:
            rejected[claim] = claim_decision.reason
    return Ruling(frozenset(rejected), rejected)


def draft_sections(case: DraftCase) -> list[Section]:
    """The sections of court-rules.md §5.2, in order (items 10 and 11 in the order the options say)."""
    if case.procedure not in PROCEDURES:
        raise InvalidInput(f"未知的审理程序：{case.procedure}", field="procedure")
    if not case.judges:
        raise InvalidInput("请填写审判人员", field="judges")
    ruling = rule_on(case.focus, case.point_decisions, case.claim_decisions)
    items = _operative_items(case, ruling)
    fee = _fee_section(case, ruling)
    delay = _delay_warning(case, items)
    tail = [delay, fee] if case.options.delay_warning_before_fee else [fee, delay]
    sections = [
        _title(case), _parties(case), _history(case), _claims(case), _defence(case), _facts(case),
        _reasoning(case, ruling), _legal_basis(case, ruling),
        Section("operative", "判决主文", tuple(items)),
        *tail, _appeal(case), _signature(case),
    ]
    return [section for section in sections if section.paragraphs]


def draft_judgment(case: DraftCase) -> bytes:
    """The draft as a .docx, laid out by the judgments domain's shared renderer (court documents' page and styles,
    every gap left for the judge highlighted); unsealed: a draft."""
    return render_docx.render(draft_sections(case))


# ---------------------------------------------------------------- people

def defendants(terms: LoanTerms) -> list[str]:
    """Borrowers, then guarantors, then third-party mortgagors, each once."""
    names = [party.name for party in terms.borrowers]
    names += [guarantee.guarantor.name for guarantee in terms.guarantees]
    names += [collateral.owner for collateral in terms.collateral]
    return list(dict.fromkeys(name for name in names if name))


def _borrowers(terms: LoanTerms) -> str:
    return join_names(party.name for party in terms.borrowers)


def _lender(terms: LoanTerms) -> str:
    return terms.lender.name


# ---------------------------------------------------------------- sections 1–6

def _title(case: DraftCase) -> Section:
    return Section("title", "标题", (case.court_name, "民 事 判 决 书", case.case_number))


def _parties(case: DraftCase) -> Section:
    lender = case.terms.lender
    if case.cause.lender_is_person:
        particulars = [f"公民身份号码{lender.id_number}" if lender.id_number else "",
                       f"住{lender.address}" if lender.address else ""]
        lines = [f"原告：{lender.name}" + "".join(f"，{text}" for text in particulars if text) + "。"]
    else:
        lines = [f"原告：{lender.name}" + (f"，住所地{lender.address}" if lender.address else "") + "。"]
    if lender.representative and not case.cause.lender_is_person:
        # A bank branch is represented by its 负责人, not a 法定代表人 (§5.2 item 2 [V]).
        title = "负责人" if lender.name.endswith(("支行", "分行", "分理处")) else "法定代表人"
        lines.append(f"{title}：{lender.representative}。")
    if case.hearing and case.hearing.plaintiff_agent:
        lines.append(f"委托诉讼代理人：{case.hearing.plaintiff_agent}。")
    people = {party.name: party for party in case.terms.borrowers}
    people.update({g.guarantor.name: g.guarantor for g in case.terms.guarantees if g.guarantor.name not in people})
    for name in defendants(case.terms):
        party = people.get(name)
        particulars = []
        if party and party.id_number:
            particulars.append(f"公民身份号码{party.id_number}")
        if party and party.address:
            particulars.append(f"住{party.address}")
        lines.append(f"被告：{name}" + "".join(f"，{text}" for text in particulars) + "。")
    return Section("parties", "当事人信息", tuple(lines))


def _history(case: DraftCase) -> Section:
    """§5.2 item 3 from the record only: a hearing and who attended are stated when recorded, else left as gaps."""
    terms, hearing = case.terms, case.hearing
    text = (f"原告{_lender(terms)}与被告{join_names(defendants(terms))}{case.cause.name}一案，本院于"
            f"{written_date(case.filed_on)}立案后，依法适用{PROCEDURES[case.procedure]}，")
    if hearing is None:
        return Section("history", "案由及审理经过", (text + f"{_gap('开庭情况')}。本案现已审理终结。",))
    online = "在线" if hearing.online else ""
    text += f"{online}公开开庭进行了审理。"
    if not hearing.attendance_recorded:
        return Section("history", "案由及审理经过", (text + f"{_gap('到庭情况')}。本案现已审理终结。",))
    parts = []
    if hearing.plaintiff_present:
        agent = hearing.plaintiff_agent.split("，")[0]
        parts.append(f"原告{_lender(terms)}" + (f"的委托诉讼代理人{agent}" if agent else "") + f"{online}到庭参加诉讼")
    if hearing.defendants_present:
        parts.append(f"被告{join_names(hearing.defendants_present)}{online}到庭参加诉讼")
    if hearing.defendants_absent:
        summons = "经本院公告送达开庭传票" if hearing.summoned_by_notice else "经本院传票传唤"
        parts.append(f"被告{join_names(hearing.defendants_absent)}{summons}，无正当理由拒不到庭参加诉讼")
    stated = (*hearing.defendants_present, *hearing.defendants_absent)
    unstated = [name for name in defendants(terms) if name not in stated]
    if unstated:
        parts.append(f"被告{join_names(unstated)}{_gap('到庭情况')}")
    return Section("history", "案由及审理经过", (text + "，".join(parts) + "。本案现已审理终结。",))


def _claims(case: DraftCase) -> Section:
    terms = case.terms
    lines = [f"原告{_lender(terms)}向本院提出诉讼请求："]
    if case.focus.claims:
        lines += [claim.quote for claim in case.focus.claims]
    else:
        lines += _claims_from_terms(terms, labels(case))
    lines.append("事实和理由：" + _loan_story(terms, case.cause))
    return Section("plaintiff_claims", "原告诉称", tuple(lines))


def _claims_from_terms(terms: LoanTerms, names: dict[str, str]) -> list[str]:
    claimed = _claimed(terms)
    money = [f"{names[name]}{yuan(value)}" for name, value in claimed.items() if value]
    running = [names[name] for name in RUNNING_CHARGES if name in claimed]
    lines = [f"判令被告{_borrowers(terms)}偿还" + "、".join(money)
             + (f"（暂计至{written_date(terms.cutoff)}）" if terms.cutoff else "")
             + (f"及此后的{'、'.join(running)}" if running else "")]
    lines += [f"判令被告{g.guarantor.name}对上述债务承担连带清偿责任" for g in terms.guarantees]
    lines += [f"判令原告对被告{c.owner}所有的{c.description}享有优先受偿权" for c in terms.collateral]
    lines.append("本案诉讼费用由被告负担")
    return [f"{ordinal(index)}、{line}" + ("。" if index == len(lines) else "；")
            for index, line in enumerate(lines, 1)]


def _loan_story(terms: LoanTerms, cause: LoanCause) -> str:
    contract = f"{DEFAULT_CONTRACT_TITLE}（编号：{terms.contract_number}）" if terms.contract_number \
        else DEFAULT_CONTRACT_TITLE
    text = (f"{written_date(terms.contract_date)}，原告与被告{_borrowers(terms)}签订{contract}，约定借款金额"
            f"{yuan(terms.principal)}，借款期限自{written_date(terms.term_start)}至{written_date(terms.term_end)}，"
            f"利率为{terms.rate_text}，还款方式为{terms.repayment_method}")
    if terms.penalty_uplift:
        text += f"，{cause.penalty_rate_name}在合同利率基础上上浮{percent(terms.penalty_uplift)}"
    if terms.compound:
        text += f"，对未按时支付的利息按{cause.penalty_rate_name}计收复利"
    text += f"。原告于{written_date(terms.disbursed_on)}发放借款{yuan(terms.disbursed_amount)}。"
    if terms.default_on:
        text += f"被告自{written_date(terms.default_on)}起未按约还款"
        text += (f"，原告于{written_date(terms.accelerated_on)}宣布贷款提前到期。" if terms.accelerated_on else "。")
    for guarantee in terms.guarantees:
        text += f"被告{guarantee.guarantor.name}为上述借款提供{_guarantee_kind(guarantee)}。"
    for collateral in terms.collateral:
        text += f"被告{collateral.owner}以其所有的{collateral.description}提供抵押担保。"
    return text


def _defence(case: DraftCase) -> Section:
    names = defendants(case.terms)
    if case.focus.default_judgment:
        # §5.2 item 5, the default wording [V: real judgment].
        return Section("defence", "被告辩称", (f"被告{join_names(names)}未答辩亦未对原告的证据发表质证意见，"
                                              "视为其自行放弃相应的诉讼权利。",))
    if case.defence_summary:
        return Section("defence", "被告辩称", (f"被告{join_names(names)}辩称，{case.defence_summary}",))
    said: dict[str, dict[str, None]] = {}
    for point in case.focus.points:
        for statement in point.statements:
            said.setdefault(_speaker(statement.speaker, names), {})[_LIST_NUMBER.sub("", statement.quote)] = None
    if not said:
        return Section("defence", "被告辩称", (f"被告{join_names(names)}辩称，{_gap('答辩意见')}",))
    lines = [f"被告{speaker}辩称，{''.join(quotes)}" for speaker, quotes in said.items()]
    if not any(GAP.search(speaker) for speaker in said):
        silent = [name for name in names if not any(name in speaker for speaker in said)]
        if silent:
            lines.append(f"被告{join_names(silent)}未提交书面答辩意见。")
    return Section("defence", "被告辩称", tuple(lines))


def _speaker(heading: str, names: Sequence[str]) -> str:
    """The defendants a statement is from: those its document's heading names; the only defendant when there is one;
    else a gap for the judge (a defence is never put in the mouth of a defendant who did not make it)."""
    named = [name for name in names if name and name in heading]
    if named:
        return join_names(named)
    return names[0] if len(names) == 1 else _gap("答辩人")


def _gap(what: str) -> str:
    """A gap the judge must fill: the draft states nothing the case file does not show."""
    return f"【待法官补充：{what}】"


def _facts(case: DraftCase) -> Section:
    terms, amounts = case.terms, case.amounts
    lines = ["本院经审理认定事实如下：" + _loan_story(terms, case.cause)]
    for repayment in terms.repayments:
        lines.append(f"{written_date(repayment.on)}，被告还款{yuan(repayment.amount)}。")
    owed = "、".join(f"{labels(case)[name]}{yuan(value)}" for name, value in _bounded(terms, amounts).items()
                    if value and name != "fees")
    if owed:
        lines.append(f"截至{written_date(amounts.cutoff)}，被告尚欠{owed}。")
    if case.focus.undisputed and not case.focus.default_judgment:
        lines.append("对当事人无异议的上述事实，本院予以确认。")
    return Section("facts", "本院查明", tuple(lines))


# ---------------------------------------------------------------- sections 7–8

def _reasoning(case: DraftCase, ruling: Ruling) -> Section:
    terms = case.terms
    decisions = {decision.code: decision for decision in case.point_decisions}
    if "all" in ruling.rejected:
        lines = [_point_paragraph(case, point, decisions.get(point.code)) for point in case.focus.points]
        lines += [f"{reason.rstrip('。')}。" for claim, reason in ruling.reasons.items()
                  if reason and claim not in _defeated_by_points(case)]
        lines[0] = "本院认为，" + lines[0]
        lines.append(f"综上，原告{_lender(terms)}的诉讼请求，本院不予支持。")
        return Section("reasoning", "本院认为", tuple(lines))
    lines = [f"本院认为，原告{_lender(terms)}与被告{_borrowers(terms)}签订的{DEFAULT_CONTRACT_TITLE}系双方当事人的真实"
             "意思表示，内容不违反法律、行政法规的强制性规定，合法有效，双方均应按约履行。原告依约发放借款后，被告未按约"
             f"还本付息，已构成违约，应承担{_liability(terms, labels(case))}的违约责任。"]
    lines += [_point_paragraph(case, point, decisions.get(point.code)) for point in case.focus.points]
    lines += [text for text in (_cap_review(case), _within_claims(case)) if text]
    lines += [f"原告主张的{labels(case).get(claim, _claim_label(terms, claim))}，{reason.rstrip('。') or '缺乏依据'}，"
              "本院不予支持。"
              for claim, reason in ruling.reasons.items() if claim not in _defeated_by_points(case)]
    for index, guarantee in enumerate(terms.guarantees, 1):
        if ruling.supports(f"guarantee.{index}"):
            lines.append(f"被告{guarantee.guarantor.name}为上述借款提供{_guarantee_kind(guarantee)}，"
                         "应在保证范围内承担保证责任。")
    for index, collateral in enumerate(terms.collateral, 1):
        if ruling.supports(f"collateral.{index}"):
            lines.append(f"被告{collateral.owner}以其所有的{collateral.description}为上述借款提供抵押担保，"
                         "原告有权就该抵押物折价或者拍卖、变卖所得价款优先受偿。")
    return Section("reasoning", "本院认为", tuple(lines))


def _point_paragraph(case: DraftCase, point: DisputedPoint, decision: PointDecision | None) -> str:
    if decision is None:
        return f"关于{point.issue}的问题。{UNDECIDED}"
    verdict = "本院予以采纳" if decision.upheld else "本院不予采纳"
    reason = decision.reason.rstrip("。") + "。" if decision.reason else ""
    names = defendants(case.terms)
    who = join_names(dict.fromkeys(_speaker(statement.speaker, names) for statement in point.statements))
    return f"关于{point.issue}的问题。{reason}被告{who}的该项抗辩意见，{verdict}。"


def _liability(terms: LoanTerms, names: dict[str, str]) -> str:
    """The liability the claims put in issue: only the charges claimed (不告不理)."""
    charges = [names[name] for name in INTEREST_CHARGES if name in _claimed(terms)]
    return "偿还借款本金" + (f"并支付{join_names(charges)}" if charges else "")


def _within_claims(case: DraftCase) -> str:
    """Where the computation comes to more than a claim asks, the court awards the claim: a court does not award
    beyond the claims (不告不理, 民事诉讼法 art. 13 on the parties' disposition [U: not in court-rules.md])."""
    claimed, computed = _claimed(case.terms), _computed(case.amounts)
    higher = [name for name in MONEY_CLAIMS if name in claimed and computed.get(name, Decimal(0)) > claimed[name]]
    if not higher:
        return ""
    found = "、".join(f"{labels(case)[name]}{yuan(computed[name])}" for name in higher)
    asked = "、".join(f"{labels(case)[name]}{yuan(claimed[name])}" for name in higher)
    return (f"经本院核算，截至{written_date(case.amounts.cutoff)}，被告尚欠{found}，原告主张{asked}，"
            "系原告对其权利的处分，本院在原告诉讼请求的范围内予以支持。")


def _cap_review(case: DraftCase) -> str:
    """The rate-cap review (§4.2): the 24 % combined cap of 法发〔2017〕22号 [S] binds only on the borrower's
    request, so the paragraph says whether it was asked for, and if so whether and from when it bound. Nothing to
    review when no interest is claimed."""
    cap = case.amounts.cap
    charges = [labels(case)[name] for name in INTEREST_CHARGES if name in _claimed(case.terms)]
    if not charges:
        return ""
    if case.cause.cap == "private_4lpr":
        return _private_cap_review(cap, charges)
    if case.focus.point("rate_above_cap") is None:
        return (f"被告未请求调减{join_names(charges)}。经审查，原告按合同约定的利率及罚息上浮比例计收"
                f"{join_names(charges)}，符合中国人民银行《关于人民币贷款利率有关问题的通知》（银发〔2003〕251号）"
                "第三条的规定，本院予以支持。")
    if cap.bound == "none":
        return (f"经审查，原告主张的{join_names(charges)}及其他费用总计未超过年利率{percent(cap.annual_cap)}，"
                "无须调减。")
    since = f"自{written_date(cap.bound_from)}起" if cap.bound_from else ""
    return (f"经审查，原告主张的{join_names(charges)}及其他费用总计{since}超过年利率{percent(cap.annual_cap)}，"
            f"超出部分{yuan(cap.reduced_by)}，依照{cap.source}的规定，本院予以调减，"
            f"以年利率{percent(cap.annual_cap)}为限。")


def _private_cap_review(cap, charges: list[str]) -> str:
    """The private-lending cap (民间借贷规定 arts 25, 28, 29; court-rules.md §4.1), reviewed of the court's own
    motion."""
    agreed = f"双方约定的年利率{percent(cap.agreed_rate)}" if cap.agreed_rate is not None else "双方约定的利率"
    limit = (f"合同成立时一年期贷款市场报价利率{percent(cap.lpr)}的四倍（年利率{percent(cap.annual_cap)}）"
             if cap.lpr is not None else f"年利率{percent(cap.annual_cap)}")
    if cap.bound == "none":
        return f"经审查，{agreed}未超过{limit}，原告主张的{join_names(charges)}本院予以支持。"
    return (f"经审查，{agreed}超过{limit}，依照{_cited(cap.source)}的规定，超过部分本院不予支持，"
            f"{join_names(charges)}以年利率{percent(cap.annual_cap)}为限。")


def _cited(source: str) -> str:
    """The instrument and article of a cap's source, without its gloss ("…第二十五条：合同成立时…")."""
    return source.split("：")[0]


def _legal_basis(case: DraftCase, ruling: Ruling) -> Section:
    terms, focus = case.terms, case.focus
    civil: list[int] = [] if "all" in ruling.rejected else [667, 675]
    ordered = awarded(terms, case.amounts, ruling)
    if "interest" in ordered:
        civil.append(674)   # interest paid as agreed
    if "penalty" in ordered or "compound" in ordered:
        civil.append(676)   # overdue interest
    guaranteed = [g for i, g in enumerate(terms.guarantees, 1) if ruling.supports(f"guarantee.{i}")]
    if guaranteed or any(p.code == "guarantee_period_expired" for p in focus.points):
        civil.append(681)
    if any(g.kind == "joint" for g in guaranteed):
        civil.append(688)
    if any(p.code == "guarantee_period_expired" for p in focus.points):
        civil.append(692)
    if guaranteed and any(any(c.startswith("guarantor.") for c in p.contests) for p in focus.points):
        civil.append(701)
    if any(ruling.supports(f"collateral.{i}") for i in range(1, len(terms.collateral) + 1)):
        civil += [394, 410]
    procedural = []
    if case.procedure == "small_claims":
        procedural.append(procedure_article("small_claims", case.judgment_date))
    if case.hearing and case.hearing.defendants_absent:
        procedural.append(procedure_article("default_judgment", case.judgment_date))
    parts = []
    if civil:
        parts.append("《中华人民共和国民法典》" + "、".join(article(n) for n in sorted(set(civil))))
    if case.cause.cap == "private_4lpr" and case.amounts.cap.bound != "none" and civil:
        parts.append(_cited(case.amounts.cap.source))
    if procedural:
        parts.append("《中华人民共和国民事诉讼法》" + "、".join(article(n) for n in sorted(procedural)))
    if focus.default_judgment and not (case.hearing and case.hearing.attendance_recorded):
        # No answer and no attendance on record: whether this is a default judgment (CPL art. 147) is the judge's.
        parts.append(_gap("是否缺席判决及其程序法依据"))
    return Section("legal_basis", "裁判依据", ("依照" + ("，".join(parts) or UNDECIDED) + "之规定，判决如下：",))


def procedure_article(rule: str, judgment_date: date) -> int:
    """The CPL article for `rule` in the numbering in force on the judgment date (court-rules.md §0.2)."""
    rows = read_toml(TAXONOMY_FILE)["procedure_articles"][rule]
    return next(row["article"] for row in rows if row["since"] <= judgment_date)


# ---------------------------------------------------------------- sections 9–13

def _operative_items(case: DraftCase, ruling: Ruling) -> list[str]:
    terms = case.terms
    if "all" in ruling.rejected:
        return [f"驳回原告{_lender(terms)}的全部诉讼请求。"]   # one item: not numbered
    days = ordinal(case.options.payment_days)
    items: list[str] = []
    money = awarded(case.terms, case.amounts, ruling)
    debt = {name: value for name, value in money.items() if name != "fees"}
    if debt:
        text = (f"被告{_borrowers(terms)}于本判决发生法律效力之日起{days}日内向原告{_lender(terms)}偿还"
                + "、".join(f"{labels(case)[name]}{yuan(value)}" for name, value in debt.items()))
        if any(name in debt for name in INTEREST_CHARGES):   # the interest runs on: its amount is to a day
            text += f"（暂计至{written_date(case.amounts.cutoff)}）"
        running = _running(case, ruling, money)
        items.append(text + ("，" + running if running else "") + "；")
    if money.get("fees"):
        items.append(f"被告{_borrowers(terms)}于本判决发生法律效力之日起{days}日内向原告{_lender(terms)}支付"
                     f"律师费等实现债权的费用{yuan(money['fees'])}；")
    money_items = len(items)
    for index, guarantee in enumerate(terms.guarantees, 1):
        if ruling.supports(f"guarantee.{index}") and money_items:
            items.append(_guarantee_item(guarantee, money_items, terms))
    for index, collateral in enumerate(terms.collateral, 1):
        if ruling.supports(f"collateral.{index}") and money_items:
            limit = f"在{yuan(collateral.max_amount)}范围内" if collateral.max_amount else "在上述债务范围内"
            items.append(f"原告{_lender(terms)}对被告{collateral.owner}所有的{collateral.description}折价或者拍卖、"
                         f"变卖所得价款{limit}优先受偿；")
    if not items:
        return [f"驳回原告{_lender(terms)}的全部诉讼请求。"]
    if ruling.rejects_anything or _less_than_claimed(case, money):
        items.append(f"驳回原告{_lender(terms)}的其他诉讼请求。")
    numbered = [f"{ordinal(index)}、{item}" for index, item in enumerate(items, 1)]
    numbered[-1] = numbered[-1].rstrip("；。") + "。"
    return numbered


def _guarantee_item(guarantee: Guarantee, money_items: int, terms: LoanTerms) -> str:
    items = "、".join(f"第{ordinal(i)}项" for i in range(1, money_items + 1))
    limit = f"在最高额{yuan(guarantee.max_amount)}范围内" if guarantee.max_amount else ""
    name = guarantee.guarantor.name
    if guarantee.kind == "general":
        # 一般保证: liable for what enforcement against the debtor leaves unpaid (民法典 art. 687 [U: not in spec]).
        return (f"被告{name}对本判决{items}确定的债务，{limit}在被告{_borrowers(terms)}的财产依法强制执行后仍不能"
                "履行的部分承担清偿责任；")
    return f"被告{name}对本判决{items}确定的债务{limit}承担连带清偿责任；"


def _running(case: DraftCase, ruling: Ruling, ordered: dict[str, Decimal]) -> str:
    """The running formulas after the cut-off (§4.2), only for the charges claimed and supported, each on a base
    no larger than what the item awards: penalty on the awarded principal, compound on the awarded interest."""
    claimed = _claimed(case.terms)
    texts = []
    for name in RUNNING_CHARGES:
        if name not in claimed or not ruling.supports(name):
            continue
        formulas = [formula for formula in case.amounts.running if formula.charge == labels(case)[name]]
        base_claim = "principal" if name == "penalty" else "interest"
        texts += [formula.text for formula in _bounded_bases(formulas, ordered.get(base_claim, Decimal(0)))]
    return "；".join(texts)


def _bounded_bases(formulas: Sequence[RunningFormula], limit: Decimal) -> list[RunningFormula]:
    """The formulas with their bases cut so that together they do not pass `limit`, from the first tranche on (as
    the cap cuts in compute.py); a formula left without a base is dropped."""
    excess = sum((formula.base for formula in formulas), Decimal(0)) - limit
    bounded = []
    for formula in formulas:
        cut = min(formula.base, max(excess, Decimal(0)))
        excess -= cut
        if formula.base - cut > 0:
            base = formula.base - cut
            bounded.append(replace(formula, base=base, text=running_formula_text(
                base, formula.annual_rate, formula.start, charge=formula.charge, base_name=formula.base_name)))
    return bounded


def _fee_section(case: DraftCase, ruling: Ruling) -> Section:
    fee = case.acceptance_fee or _assess_fee(case)
    names = join_names(defendants(case.terms))
    text = f"案件受理费{yuan(fee.full_fee)}"
    if fee.halved:
        text += f"，减半收取{yuan(fee.charged_fee)}"
    text += "（原告已预交）"
    claimed = sum(_claimed(case.terms).values(), Decimal(0))
    won = sum(awarded(case.terms, case.amounts, ruling).values(), Decimal(0))
    if "all" in ruling.rejected or not won:
        return Section("fee", "受理费负担", (text + f"，由原告{_lender(case.terms)}负担。",))
    if claimed and won < claimed:
        # Partial win: the court apportions (诉讼费用交纳办法 art. 29 [V]); by the amounts awarded [U: practice].
        defendants_share = (fee.charged_fee * won / claimed).quantize(fee_rules.ROUNDINGS[fee.rounding],
                                                                          rounding=ROUND_HALF_UP)
        return Section("fee", "受理费负担", (
            text + f"，由原告{_lender(case.terms)}负担{yuan(fee.charged_fee - defendants_share)}，"
                   f"被告{names}负担{yuan(defendants_share)}。",))
    return Section("fee", "受理费负担", (text + f"，由被告{names}负担。",))


def _assess_fee(case: DraftCase) -> fee_rules.FeeAssessment:
    from omnicourt.fees.service import property_scale, rounding

    amount = sum(_claimed(case.terms).values(), Decimal(0)) or sum(_computed(case.amounts).values(), Decimal(0))
    return fee_rules.acceptance_fee(amount.quantize(Decimal("0.01")), property_scale(),
                                    procedure=case.procedure, rounding=rounding())


def _delay_warning(case: DraftCase, items: Sequence[str]) -> Section:
    """Only with a money order (§5.2 item 10); the CPL article by the judgment date (§0.2)."""
    if not any("偿还" in item or "支付" in item for item in items):
        return Section("delay_warning", "迟延履行告知", ())
    return Section("delay_warning", "迟延履行告知", (double_interest_warning(case.judgment_date),))


def _appeal(case: DraftCase) -> Section:
    if case.procedure == "small_claims":
        return Section("appeal", "上诉告知", (case.options.small_claims_finality,))
    text = ("如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按照对方当事人或者代表人的人数提出副本，"
            f"上诉于{case.appeal_court}")
    if case.options.online_appeal_platform:
        text += f"；也可以在判决书送达之日起十五日内，向{case.options.online_appeal_platform}在线提交上诉状"
    return Section("appeal", "上诉告知", (text + "。",))


def _signature(case: DraftCase) -> Section:
    if len(case.judges) == 1:
        lines = [f"审判员　{case.judges[0]}"]
    else:
        lines = [f"审判长　{case.judges[0]}", *(f"审判员　{name}" for name in case.judges[1:])]
    lines.append(date_in_words(case.judgment_date))  # the 落款 in Chinese numerals (§5.2 item 13)
    if case.judge_assistant:
        lines.append(f"法官助理　{case.judge_assistant}")
    lines.append(f"书记员　{case.clerk or _gap('书记员')}")
    return Section("signature", "落款", tuple(lines))


# ---------------------------------------------------------------- amounts

def labels(case: DraftCase) -> dict[str, str]:
    return claim_labels(case.cause)


def claim_labels(cause: LoanCause) -> dict[str, str]:
    """The claims' names in the cause's words: overdue interest is 罚息 for a bank, 逾期利息 between persons."""
    return CLAIM_LABELS | {"penalty": cause.penalty_name}


def _claimed(terms: LoanTerms) -> dict[str, Decimal]:
    values = {"principal": terms.claimed_principal, "interest": terms.claimed_interest,
              "penalty": terms.claimed_penalty, "compound": terms.claimed_compound, "fees": terms.claimed_fees}
    return {name: value for name, value in values.items() if value is not None}


def _computed(amounts: LoanAmounts) -> dict[str, Decimal]:
    return {name: getattr(amounts, name) for name in MONEY_CLAIMS if getattr(amounts, name, None) is not None}


def _bounded(terms: LoanTerms, amounts: LoanAmounts) -> dict[str, Decimal]:
    """Each claimed amount as computed, never more than claimed, and nothing that was not claimed: a court does not
    award beyond the claims (不告不理, 民事诉讼法 art. 13 [U: not in court-rules.md])."""
    claimed, computed = _claimed(terms), _computed(amounts)
    return {name: min(computed[name], claimed[name]) for name in MONEY_CLAIMS if name in claimed and name in computed}


def awarded(terms: LoanTerms, amounts: LoanAmounts, ruling: Ruling) -> dict[str, Decimal]:
    """The amounts the operative part orders: the bounded claims the judge supports, each above zero."""
    return {name: value for name, value in _bounded(terms, amounts).items() if ruling.supports(name) and value > 0}


@dataclass(frozen=True)
class AwardLine:
    """One money claim as the judge's screen shows it: computed, claimed (None: not claimed), ordered (None: not)."""

    claim: str
    label: str
    computed: Decimal
    claimed: Decimal | None
    ordered: Decimal | None


def award_lines(terms: LoanTerms, amounts: LoanAmounts, ruling: Ruling,
                names: dict[str, str] = CLAIM_LABELS) -> list[AwardLine]:
    claimed, computed, ordered = _claimed(terms), _computed(amounts), awarded(terms, amounts, ruling)
    return [AwardLine(name, names[name], computed.get(name, Decimal(0)), claimed.get(name), ordered.get(name))
            for name in MONEY_CLAIMS]


def _less_than_claimed(case: DraftCase, ordered: dict[str, Decimal]) -> bool:
    """Some money claimed is not ordered in full: the rest is dismissed (§5.2 item 9)."""
    return any(ordered.get(name, Decimal(0)) < value for name, value in _claimed(case.terms).items())


def _defeated_by_points(case: DraftCase) -> set[str]:
    upheld = {decision.code for decision in case.point_decisions if decision.upheld}
    return {claim for point in case.focus.points if point.code in upheld for claim in point.defeats}


def _claim_label(terms: LoanTerms, claim: str) -> str:
    group, _, index = claim.partition(".")
    if group == "guarantee":
        names = [g.guarantor.name for g in terms.guarantees]
        return f"要求被告{names[int(index) - 1] if index else join_names(names)}承担保证责任的请求"
    if group == "collateral":
        return "就抵押物优先受偿的请求"
    return claim


def _guarantee_kind(guarantee: Guarantee) -> str:
    kind = {"joint": "连带责任保证", "general": "一般保证", "maximum": "最高额连带责任保证"}.get(guarantee.kind, "保证")
    return kind + (f"（最高额{yuan(guarantee.max_amount)}）" if guarantee.max_amount else "")


# ---------------------------------------------------------------- wording

def ordinal(number: int) -> str:
    """Chinese numerals for item numbers and article numbers: 1 → 一, 110 → 一百一十, 701 → 七百零一."""
    return cn2an.an2cn(number, "low")


def article(number: int) -> str:
    return f"第{ordinal(number)}条"


def join_names(names: Iterable[str]) -> str:
    return "、".join(names)
