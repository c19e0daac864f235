"""What a published loan judgment says the plaintiff claimed: principal, interest, the date interest was computed
to, the claimed total, whether the defendant answered, and which kind of loan cause it is.

Real judgments are not the tidy complaints the generated set holds: the claim is introduced by 起诉称 / 诉称 /
诉讼请求 / 请求判令 (or, in the sectioned texts, 【原告诉请判令】 / 【上诉请求】), amounts come as 人民币X元, 3.3万元,
X元整, with OCR noise (full-width digits, spaces inside numbers, 〇 or O for zero), a total may be followed by
其中包括 and its breakdown, and a defence is recorded as 辩称 or its absence as 未到庭 / 未答辩. Each value keeps
the quote it was read from, so a reader (or a language model's answer) can be checked against the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from omnicourt.assistant.numbers import find_dates

# Sections and cue words that open the plaintiff's claim, most specific first.
CLAIM_CUES = (r"【原告诉请判令[^】]*】", r"【一审原告诉称】", r"诉讼请求[:：]", r"请求判令[:：]?", r"起诉称[:：，,]?",
              r"诉称[:：，,]?", r"请求(?:法院|人民法院)?(?:依法)?判令", r"诉讼请求")
_CLAIM_END = re.compile(r"【|事实(?:与|和)理由|本院认定|经审理查明")
_NUMBER = r"[0-9][0-9,]*(?:\.[0-9]+)?"
_SEP = r"[\s|｜\t:：]*"  # spaces, a colon, or the bars of a table cell between a cue and its amount
_AMOUNT = rf"(?:人民币|RMB|￥|¥)?\s*(?P<n>{_NUMBER})\s*(?P<w>万)?\s*元整?"
PRINCIPAL_CUES = r"(?:透支本金|借款本金|贷款本金|欠款本金|本金|借款|欠款|贷款|借支款|欠|款项|款)"
INTEREST_CUES = r"(?:利息、费用、违约金(?:共计|合计)?|逾期利息|利息(?:共计|合计)?|欠息|资金占用费)"
CUTOFF_CUES = r"(?:暂计算?至|暂算至|暂计到|计算至|计至|截至|截止至?)"
LENDER_BANK = re.compile(r"银行|信用社|信用合作联社|农村商业|农商行|小额贷款|消费金融|金融|信托|财务公司|汽车金融")


def fold_noise(text: str) -> str:
    """OCR and typing noise folded away, one character for one so positions stay those of the original:
    full-width digits and signs, 〇 / O / o between digits as 0, a space inside a number as a thin ','."""
    table: dict[int, int | str] = {ord("０") + i: ord("0") + i for i in range(10)}
    table.update({ord("．"): ".", ord("￥"): "¥"})
    text = text.translate(table)
    text = re.sub(r"(?<=[0-9])[〇OoＯ](?=[0-9〇OoＯ.,元万])", "0", text)
    text = re.sub(r"(?<=[0-9])[〇OoＯ](?=[0-9〇OoＯ.,元万])", "0", text)  # runs of two
    text = re.sub(r"(?<=[0-9]) (?=[0-9.])", ",", text)  # "12 000" / "1 2000": a digit group, no separator
    return text


def amount_of(match: re.Match) -> Decimal:
    value = Decimal(match["n"].replace(",", ""))
    return value * 10000 if match["w"] else value


@dataclass
class Quoted:
    value: object
    quote: str


@dataclass
class JudgmentClaim:
    principal: Quoted | None = None
    interest: Quoted | None = None
    cutoff: Quoted | None = None
    defence_filed: Quoted | None = None
    cause: str | None = None  # 民间借贷 / 金融借款
    claim_text: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal | None:
        """The claimed total to the fen: principal plus the interest sum claimed (principal alone when none)."""
        if self.principal is None:
            return None
        interest = self.interest.value if self.interest is not None else Decimal(0)
        return (Decimal(str(self.principal.value)) + Decimal(str(interest))).quantize(Decimal("0.01"))

    def values(self) -> dict[str, object]:
        return {name: getattr(self, name).value if getattr(self, name) is not None else None
                for name in ("principal", "interest", "cutoff", "defence_filed")}


def claim_section(text: str) -> str:
    """The plaintiff's claim: the first passage a claim cue opens, up to the facts and reasons or the next section.
    In an appeal the appellant's request is about the first judgment, so the first-instance claim is looked for
    in the first court's findings (原告…向一审法院起诉请求)."""
    first_instance = re.search(r"向(?:一审|原审)法院(?:起诉)?(?:请求|诉请)[:：]?", text)
    if first_instance:
        start = first_instance.end()
        end = _CLAIM_END.search(text, start)
        return text[start:end.start() if end else start + 600]
    for cue in CLAIM_CUES:
        match = re.search(cue, text)
        if match:
            start = match.end()
            end = _CLAIM_END.search(text, start + 1)
            passage = text[start:end.start() if end else start + 600]
            if re.search(_AMOUNT, passage):
                return passage
    return ""


def _principal(claim: str) -> Quoted | None:
    # A total with its breakdown: "合计X元，其中包括本金Y元、利息Z元" -> the principal is Y, not X.
    breakdown = re.search(rf"其中(?:包括|包含)?[:：]?\s*(?:借款|贷款|透支)?本金\s*(?:为)?\s*{_AMOUNT}", claim)
    if breakdown:
        return Quoted(amount_of(breakdown), breakdown.group())
    match = re.search(rf"{PRINCIPAL_CUES}{_SEP}(?:共计|合计|计|为)?{_SEP}{_AMOUNT}", claim)
    if match:
        return Quoted(amount_of(match), match.group())
    return None


def _interest(claim: str) -> Quoted | None:
    match = re.search(rf"(?<!罚){INTEREST_CUES}{_SEP}(?:为|共计|合计|计)?{_SEP}{_AMOUNT}", claim)
    if match and not re.search(r"为基数|基数", match.group()):
        return Quoted(amount_of(match), match.group())
    return None


def _cutoff(claim: str) -> Quoted | None:
    for match in re.finditer(rf"{CUTOFF_CUES}\s*(?P<d>(?:19|20)[0-9]{{2}}\s*年\s*[0-9]{{1,2}}\s*月\s*[0-9]{{1,2}}\s*日"
                             rf"|(?:19|20)[0-9]{{2}}[-./][0-9]{{1,2}}[-./][0-9]{{1,2}})", claim):
        dates = find_dates(match["d"])
        if dates:
            return Quoted(dates[0].value, match.group())
    return None


DEFENCE_SECTIONS = r"【(?:被告陈述|被告辩称|被上诉人辩护|被上诉人答辩)】"


def defence_filed(text: str) -> Quoted | None:
    """True when the defendant's statement is recorded (a plain 辩称 counts), False when the text says they did
    not answer or appear, None when it does not say."""
    section = re.search(rf"{DEFENCE_SECTIONS}\s*(?P<v>[^【]{{2,}})", text)
    if section and re.search(r"[\u4e00-\u9fa5]", section["v"]):
        return Quoted(True, section.group()[:60])
    absent = re.search(r"未(?:作|予|提交|进行)?答辩|未到庭|缺席|未提交(?:书面)?答辩(?:状|意见)", text)
    spoke = re.search(r"被告[\u4e00-\u9fa5某×]{0,12}(?:辩称|答辩称|质证称|述称)", text)
    if spoke and not (absent and absent.start() < spoke.start()):
        return Quoted(True, spoke.group())
    if absent:
        return Quoted(False, absent.group())
    return None


_LENDER = (r"【原告[^】]*】\s*(?P<v>[^【\n（(，,]{2,40})", r"（原审原告）[:：]?\s*(?P<v>[^【\n（(，,]{2,40})",
           r"(?m)^原告[:：]?\s*(?P<v>[^\n（(，,。]{2,40})")


def lender_name(text: str) -> str | None:
    """The plaintiff (in an appeal, the first-instance plaintiff): who lends in a loan case."""
    for pattern in _LENDER:
        match = re.search(pattern, text)
        if match:
            return match["v"].strip()
    return None


def classify_cause(text: str, lender: str | None = None) -> str:
    """民间借贷 when a person or an ordinary company lends, 金融借款 when a licensed lender (a bank, a credit
    cooperative, a microcredit or consumer-finance company) does; credit-card and car-loan cases are 金融借款.
    Read from the lender's name, not the text at large (a private loan's rate cites 全国银行间同业拆借中心)."""
    lender = lender or lender_name(text)
    if lender is not None and LENDER_BANK.search(lender):
        return "金融借款"
    title = text[:120]
    if re.search(r"信用卡|汽车(?:消费)?贷款|车贷|金融借款", title) or (lender is None and LENDER_BANK.search(title)):
        return "金融借款"
    return "民间借贷"


def read_claim(text: str, lender: str | None = None) -> JudgmentClaim:
    """The claim elements of one judgment (whole text or the 【section】 form)."""
    folded = fold_noise(text)
    claim = claim_section(folded)
    return JudgmentClaim(principal=_principal(claim), interest=_interest(claim), cutoff=_cutoff(claim),
                         defence_filed=defence_filed(folded), cause=classify_cause(folded, lender),
                         claim_text=claim)


def as_date(value: object) -> date | None:
    return value if isinstance(value, date) else None
