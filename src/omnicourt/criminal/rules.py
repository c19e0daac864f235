"""Criminal first instance as pure functions: the charges the platform registers, the custody measures, and the
choice of procedure (速裁 / 简易 / 普通) by its rules.

Sources: 刑事诉讼法 (2018) art. 222 (速裁: basic court; possible sentence ≤ 3 years' imprisonment; clear facts and
sufficient evidence; the defendant admits guilt and accepts punishment (认罪认罚) and consents), art. 223 (cases
where 速裁 is not applied), art. 214 (简易: basic court; clear facts, sufficient evidence; the defendant admits the
crime and does not object to the facts charged; the defendant does not object to the simple procedure), art. 215
(cases where 简易 is not applied); 刑诉解释 (2021) art. 370 (速裁 exclusions as the court applies them). The trial
deadlines are the deadline engine's (data/deadlines/periods.csv, 刑初 rows: 刑诉法 arts 208, 220, 225).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from omnicourt.errors import InvalidInput


@dataclass(frozen=True)
class Charge:
    name: str
    code: str                 # the article, the case's cause code
    article: str
    max_months: int           # the heaviest base penalty of the article's first band, in months of imprisonment
    penalty: str              # the principal penalty a suggestion of the prosecution names


# A small table of the charges a basic court sees most; 危险驾驶罪 first (the assistant works it).
CHARGES: dict[str, Charge] = {c.name: c for c in (
    Charge("危险驾驶罪", "刑133-1", "《中华人民共和国刑法》第一百三十三条之一", 6, "拘役"),
    Charge("交通肇事罪", "刑133", "《中华人民共和国刑法》第一百三十三条", 36, "有期徒刑"),
    Charge("盗窃罪", "刑264", "《中华人民共和国刑法》第二百六十四条", 36, "有期徒刑"),
    Charge("诈骗罪", "刑266", "《中华人民共和国刑法》第二百六十六条", 36, "有期徒刑"),
    Charge("故意伤害罪", "刑234", "《中华人民共和国刑法》第二百三十四条", 36, "有期徒刑"),
    Charge("帮助信息网络犯罪活动罪", "刑287-2", "《中华人民共和国刑法》第二百八十七条之二", 36, "有期徒刑"),
)}

CUSTODY_MEASURES = {
    "none": "未采取强制措施",
    "summons": "拘传",
    "bail": "取保候审",
    "residential_surveillance": "监视居住",
    "detention": "刑事拘留",
    "arrest": "逮捕",
}
HELD = frozenset(("detention", "arrest"))  # the measures that keep the defendant in custody

PENALTIES = {"拘役": "拘役", "有期徒刑": "有期徒刑", "管制": "管制"}

# Circumstances that bar 速裁 (刑诉法 art. 223; 刑诉解释 art. 370) and 简易 (刑诉法 art. 215): the officer ticks them.
EXCLUSIONS = {
    "disabled": "被告人是盲、聋、哑人，或者是尚未完全丧失辨认或者控制自己行为能力的精神病人",
    "minor": "被告人是未成年人",
    "major_influence": "案件有重大社会影响",
    "co_defendant_objects": "共同犯罪案件中部分被告人对指控的犯罪事实、罪名、量刑建议或者适用程序有异议",
    "victim_not_settled": "被告人与被害人或者其法定代理人没有就附带民事诉讼赔偿等事项达成调解或者和解协议",
    "not_guilty_plea": "被告人作无罪辩护",
}
FAST_TRACK_ONLY_EXCLUSIONS = frozenset(("minor", "victim_not_settled"))  # art. 223 bars these from 速裁 only

FAST_TRACK_MAX_MONTHS = 36   # 可能判处三年有期徒刑以下刑罚 (art. 222)
PROCEDURE_LABELS = {"fast_track": "速裁程序", "simple": "简易程序", "ordinary": "普通程序"}


@dataclass(frozen=True)
class ProsecutionSentence:
    """The procuratorate's sentencing suggestion (量刑建议): a principal penalty in months, a fine, probation."""

    penalty: str
    months: Decimal
    fine: Decimal | None
    probation: bool


@dataclass(frozen=True)
class ProcedureChoice:
    procedure: str
    reasons: tuple[str, ...]


def charge(name: str) -> Charge:
    found = CHARGES.get((name or "").strip())
    if found is None:
        raise InvalidInput(f"罪名「{name}」不在可登记的罪名中（{'、'.join(CHARGES)}）", field="charge")
    return found


def possible_months(charge_: Charge, suggestion: ProsecutionSentence | None) -> Decimal:
    """The sentence the case may bring: the prosecution's suggestion when there is one, else the top of the
    charge's first band (what 可能判处 reads without a suggestion)."""
    if suggestion is not None:
        return suggestion.months
    return Decimal(charge_.max_months)


def choose_procedure(*, court_level: str, charge_: Charge, suggestion: ProsecutionSentence | None,
                     guilty_plea: bool, admits_facts: bool, consents_fast_track: bool, consents_simple: bool,
                     exclusions: frozenset[str] = frozenset()) -> ProcedureChoice:
    """速裁 when art. 222 holds and art. 223 does not bar it; else 简易 when art. 214 holds and art. 215 does not
    bar it; else 普通. The reasons name each condition met or missing with its article."""
    unknown = exclusions - set(EXCLUSIONS)
    if unknown:
        raise InvalidInput(f"未知的程序排除情形：{'、'.join(sorted(unknown))}", field="exclusions")
    reasons: list[str] = []
    if court_level != "basic":
        return ProcedureChoice("ordinary", ("速裁程序、简易程序仅适用于基层人民法院管辖的案件"
                                            "（《刑事诉讼法》第二百一十四条、第二百二十二条），适用普通程序",))
    months = possible_months(charge_, suggestion)
    barred = [EXCLUSIONS[e] for e in sorted(exclusions)]
    fast_missing = []
    if months > FAST_TRACK_MAX_MONTHS:
        fast_missing.append("可能判处的刑罚超过三年有期徒刑")
    if not guilty_plea:
        fast_missing.append("被告人未认罪认罚")
    if not consents_fast_track:
        fast_missing.append("被告人未同意适用速裁程序")
    if not fast_missing and not barred:
        return ProcedureChoice("fast_track", (
            f"基层人民法院管辖，可能判处{months:g}个月{suggestion.penalty if suggestion else charge_.penalty}"
            "（三年有期徒刑以下），被告人认罪认罚并同意适用速裁程序（《刑事诉讼法》第二百二十二条）",
            "审理期限：受理后十日以内审结（《刑事诉讼法》第二百二十五条）"))
    if fast_missing:
        reasons.append("不适用速裁程序：" + "；".join(fast_missing) + "（《刑事诉讼法》第二百二十二条）")
    if barred:
        reasons.append("不适用速裁程序：" + "；".join(barred) + "（《刑事诉讼法》第二百二十三条）")
    simple_barred = [EXCLUSIONS[e] for e in sorted(exclusions - FAST_TRACK_ONLY_EXCLUSIONS)]
    simple_missing = []
    if not admits_facts:
        simple_missing.append("被告人不承认自己所犯罪行或对指控的犯罪事实有异议")
    if not consents_simple:
        simple_missing.append("被告人对适用简易程序有异议")
    if not simple_missing and not simple_barred:
        reasons.append("适用简易程序：基层人民法院管辖，案件事实清楚、证据充分，被告人承认所犯罪行、"
                       "对指控事实无异议且同意适用简易程序（《刑事诉讼法》第二百一十四条）")
        return ProcedureChoice("simple", tuple(reasons))
    if simple_missing:
        reasons.append("不适用简易程序：" + "；".join(simple_missing) + "（《刑事诉讼法》第二百一十四条）")
    if simple_barred:
        reasons.append("不适用简易程序：" + "；".join(simple_barred) + "（《刑事诉讼法》第二百一十五条）")
    reasons.append("适用普通程序（《刑事诉讼法》第二百零八条）")
    return ProcedureChoice("ordinary", tuple(reasons))


def check_suggestion(charge_: Charge, suggestion: ProsecutionSentence) -> ProsecutionSentence:
    """The suggestion within the law's range: 拘役 1–6 months (刑法 art. 42), 有期徒刑 6 months – 15 years (art. 45),
    管制 3 months – 2 years (art. 38); a fine not negative; 危险驾驶罪 carries 拘役 and a fine (art. 133-1)."""
    if suggestion.penalty not in PENALTIES:
        raise InvalidInput("量刑建议的主刑只能是拘役、有期徒刑或管制", field="suggestion.penalty")
    low, high = {"拘役": (1, 6), "有期徒刑": (6, 180), "管制": (3, 24)}[suggestion.penalty]
    if not Decimal(low) <= suggestion.months <= Decimal(high):
        raise InvalidInput(f"量刑建议：{suggestion.penalty}应在{low}至{high}个月之间", field="suggestion.months")
    if suggestion.fine is not None and (suggestion.fine < 0 or suggestion.fine > Decimal("100000000")):
        raise InvalidInput("量刑建议：罚金金额不正确", field="suggestion.fine")
    if charge_.name == "危险驾驶罪":
        if suggestion.penalty != "拘役":
            raise InvalidInput("危险驾驶罪的法定主刑为拘役（《刑法》第一百三十三条之一）", field="suggestion.penalty")
        if suggestion.fine is None or suggestion.fine <= 0:
            raise InvalidInput("危险驾驶罪应当并处罚金（《刑法》第一百三十三条之一）", field="suggestion.fine")
    return suggestion


def case_title(defendant: str, charge_: Charge) -> str:
    """"张三危险驾驶案": the defendant and the charge without 罪, as criminal cases are named."""
    return f"{defendant}{charge_.name.removesuffix('罪')}案"
