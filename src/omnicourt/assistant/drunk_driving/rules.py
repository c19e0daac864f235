"""Sentencing of drunk driving (危险驾驶罪, 醉酒驾驶) as pure functions: the 拘役 term, the fine and probation.

Sources (court-rules.md §6): 刑法 art. 133-1 (拘役 and a fine, both mandatory), art. 42 (拘役 1–6 months), art. 52
(the fine by the circumstances), art. 69 (拘役 combined ≤ 1 year), arts 72–74 (probation; none for a recidivist),
the 2023 opinion of the two courts and two ministries on drunk driving (高检发办字〔2023〕187号: art. 10
aggravating circumstances, art. 12 / 13 thresholds, art. 14 probation generally not applied, art. 15 the fine),
and 刑诉法 art. 201 (in a 认罪认罚 case the court generally adopts the procuratorate's sentencing suggestion).

The numbers the law leaves open (how many months for which blood-alcohol level, the fine's amount) are calibrated
on the development part of the real set (bench/RESULTS.md); each entry of `TERM_BANDS` says why it is there. It is
a suggestion: the judge decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from omnicourt.errors import InvalidInput

TERM_MIN, TERM_MAX, TERM_COMBINED_MAX = 1, 6, 12          # 刑法 art. 42, art. 69
PROBATION_MIN_MONTHS, PROBATION_MAX_MONTHS = 2, 12        # 刑法 art. 73
DRUNK_THRESHOLD = 80                                      # mg/100ml: opinion art. 4
MINOR_THRESHOLD = 150                                     # below, and no art. 10 item: not a crime (art. 12(1))
LENIENT_THRESHOLD = 180                                   # below, and no art. 10 item: non-prosecution (art. 13)
PROBATION_BAR = 180                                       # above: probation generally not applied (art. 14(5))
FINE_START = Decimal(2000)     # art. 15: not below the administrative fine for drink-driving (1,000–2,000 yuan)
FINE_PER_MONTH = Decimal(1000)  # art. 15: + 1,000 to 5,000 yuan for each month of 拘役 above one

# (blood alcohol below, months of 拘役). Fitted on the development set and read as: a first, low reading (< 120,
# just over the 80 threshold) gets the minimum of art. 42; the common band (120–200, up to the 2013 opinion's
# old "≥ 200 aggravated" line) two months, which is also where local guidance sets the starting point (1–2
# months); 200–250 three months; 250 and above four. The courts of the development set gave these within one
# month in 88 % of cases.
TERM_BANDS: tuple[tuple[float, int], ...] = ((120, 1), (200, 2), (250, 3), (float("inf"), 4))

ARTICLE_OFFENCE = "《中华人民共和国刑法》第一百三十三条之一第一款第（二）项"
ARTICLE_TERM = "《中华人民共和国刑法》第四十二条"
ARTICLE_FINE = "《中华人民共和国刑法》第五十二条"
ARTICLE_PROBATION = "《中华人民共和国刑法》第七十二条、第七十三条"
ARTICLE_RECIDIVIST = "《中华人民共和国刑法》第七十四条"
ARTICLE_SURRENDER = "《中华人民共和国刑法》第六十七条第一款"
ARTICLE_CONFESSION = "《中华人民共和国刑法》第六十七条第三款"
ARTICLE_PLEA = "《中华人民共和国刑事诉讼法》第十五条"
ARTICLE_ADOPT = "《中华人民共和国刑事诉讼法》第二百零一条"
ARTICLE_ARREST = "《中华人民共和国刑事诉讼法》第八十一条"
OPINION = "《关于办理醉酒危险驾驶刑事案件的意见》"


@dataclass(frozen=True)
class Circumstances:
    """What the sentence depends on; every flag False when not found in the case file."""

    bac: float | None                      # mg/100ml, the blood test
    accident: bool = False
    main_responsibility: bool = False      # full or main responsibility for the accident
    injury: bool = False
    fled: bool = False
    no_licence: bool = False
    expressway: bool = False
    heavy_goods: bool = False
    passenger: bool = False
    evaded_inspection: bool = False
    prior_drink_driving: bool = False      # drink-driving punished before
    prior_dangerous_driving: bool = False  # convicted of dangerous driving before
    prior_criminal: bool = False           # another prior conviction
    surrender: bool = False                # 自首
    frank: bool = False                    # 坦白 / 如实供述
    guilty_plea: bool = False              # 认罪认罚
    compensation: bool = False
    forgiveness: bool = False
    minor: bool = False                    # under 18: probation mandatory (art. 72)
    in_custody: bool = False               # arrested or detained at trial (not on bail or residential surveillance)


@dataclass(frozen=True)
class Step:
    """One step of the reasoning: what was found, what it does to the sentence, and the articles."""

    rule: str
    effect: str
    articles: tuple[str, ...]


@dataclass(frozen=True)
class ProsecutionSuggestion:
    term_months: float | None = None
    fine: Decimal | None = None
    probation: bool | None = None


@dataclass(frozen=True)
class Sentence:
    term_months: float
    fine: Decimal
    probation: bool
    probation_months: int | None
    steps: tuple[Step, ...] = field(default_factory=tuple)
    articles: tuple[str, ...] = field(default_factory=tuple)
    warnings: tuple[str, ...] = field(default_factory=tuple)


def aggravating(c: Circumstances) -> list[str]:
    """The opinion's art. 10 circumstances present (从重处理), in its order."""
    items = [
        (c.accident and c.main_responsibility, "（一）造成交通事故且负事故全部或者主要责任"),
        (c.fled, "（二）造成交通事故后逃逸"),
        (c.no_licence, "（三）未取得机动车驾驶证驾驶汽车"),
        (c.passenger, "（六）驾驶载有乘客的营运车辆"),
        (c.expressway, "（八）在高速公路上驾驶"),
        (c.heavy_goods, "（九）驾驶重型载货汽车"),
        (c.evaded_inspection, "（十一）逃避、阻碍公安机关依法检查"),
        (c.prior_drink_driving, "（十三）曾因酒后驾驶受过处罚"),
        (c.prior_dangerous_driving, "（十四）曾因危险驾驶行为被判决有罪或者作相对不起诉"),
    ]
    return [label for present, label in items if present]


def probation_bars(c: Circumstances) -> list[str]:
    """The opinion's art. 14 cases where probation is generally not applied, and 刑法 art. 74 (recidivist)."""
    bac = c.bac or 0
    items = [
        (c.accident and c.main_responsibility and c.injury, "造成他人轻伤或者轻微伤且负全部或主要责任"),
        (c.accident and c.main_responsibility and not c.compensation, "造成事故负全部或主要责任且未赔偿损失"),
        (c.fled, "造成交通事故后逃逸"),
        (c.no_licence, "未取得机动车驾驶证驾驶汽车"),
        (bac > PROBATION_BAR, f"血液酒精含量超过{PROBATION_BAR}毫克/100毫升"),
        (c.evaded_inspection, "逃避、阻碍公安机关依法检查"),
        (c.prior_drink_driving, "五年内曾因饮酒后驾驶受处罚"),
        (c.prior_dangerous_driving, "曾因危险驾驶行为被判决有罪或者作相对不起诉"),
        (c.prior_criminal, "有其他犯罪前科，再犯风险不能排除"),
        (c.in_custody, "被告人在押：逮捕以取保候审不足以防止社会危险性为条件，与缓刑“没有再犯罪的危险”不合"),
    ]
    return [label for present, label in items if present]


def base_term(bac: float | None) -> int:
    """Months of 拘役 for the blood-alcohol level (TERM_BANDS); without a reading, the common band's two."""
    if bac is None:
        return 2
    for below, months in TERM_BANDS:
        if bac < below:
            return months
    return TERM_BANDS[-1][1]


def fine_for(term_months: float) -> Decimal:
    """Opinion art. 15: the starting point (the top of the 1,000–2,000 administrative fine) and 1,000 yuan for each
    month of 拘役 above one, rounded to the thousand."""
    extra = max(Decimal(0), Decimal(str(term_months)) - 1)
    return (FINE_START + FINE_PER_MONTH * extra).quantize(Decimal(1000))


def fine_band(term_months: float) -> tuple[Decimal, Decimal]:
    """Opinion art. 15's band: from 1,000 + 1,000 a month to 2,000 + 5,000 a month above the first (§6.3)."""
    extra = max(Decimal(0), Decimal(str(term_months)) - 1)
    return Decimal(1000) + 1000 * extra, Decimal(2000) + 5000 * extra


def probation_months(term_months: float) -> int:
    """刑法 art. 73: the original term ≤ the period ≤ one year and at least two months; twice the term, as the
    courts mostly set it."""
    return int(max(PROBATION_MIN_MONTHS, min(PROBATION_MAX_MONTHS, round(2 * term_months))))


def validate_term(months: float, *, combined: bool = False) -> float:
    """拘役 in [1, 6] months (刑法 art. 42), ≤ 12 when combined (art. 69)."""
    top = TERM_COMBINED_MAX if combined else TERM_MAX
    if not TERM_MIN <= months <= top:
        raise InvalidInput(f"拘役期限应在{TERM_MIN}至{top}个月之间", field="term_months")
    return months


def validate_probation_period(term_months: float, period_months: float) -> float:
    """刑法 art. 73: the period is not shorter than the term, not over one year, and at least two months."""
    low = max(term_months, PROBATION_MIN_MONTHS)
    if not low <= period_months <= PROBATION_MAX_MONTHS:
        raise InvalidInput(f"缓刑考验期应在{low:g}至{PROBATION_MAX_MONTHS}个月之间", field="probation_months")
    return period_months


def suggest(c: Circumstances, prosecution: ProsecutionSuggestion | None = None) -> Sentence:
    """The suggested sentence with the rule behind each step. In a 认罪认罚 case with a suggestion of the
    procuratorate within the law's range, the court generally adopts it (刑诉法 art. 201): so does this."""
    steps: list[Step] = []
    warnings: list[str] = []
    bac = c.bac
    if bac is None:
        warnings.append("未找到血液酒精含量检验结果，按常见档次（二个月）计算")
    elif bac < DRUNK_THRESHOLD:
        warnings.append(f"血液酒精含量{bac:g}毫克/100毫升，未达醉酒标准（{DRUNK_THRESHOLD}），请核实是否构成本罪")
    aggr = aggravating(c)
    if bac is not None and DRUNK_THRESHOLD <= bac < MINOR_THRESHOLD and not aggr:
        warnings.append(f"血液酒精含量低于{MINOR_THRESHOLD}毫克/100毫升且无从重情节，"
                        f"可能属情节显著轻微（{OPINION}第十二条），请审查")
    elif bac is not None and bac < LENIENT_THRESHOLD and not aggr:
        warnings.append(f"血液酒精含量低于{LENIENT_THRESHOLD}毫克/100毫升且无从重情节，"
                        f"可考虑免予刑事处罚（{OPINION}第十三条）")
    term: float = base_term(bac)
    reading = "未查明" if bac is None else f"{bac:g}毫克/100毫升"
    steps.append(Step(f"血液酒精含量{reading}", f"基准拘役{term:g}个月（拘役一至六个月）",
                      (ARTICLE_OFFENCE, ARTICLE_TERM)))
    if c.fled:
        term += 1
        steps.append(Step("交通事故后逃逸", "从重，拘役增加一个月", (f"{OPINION}第十条第（二）项",)))
    if c.prior_drink_driving or c.prior_dangerous_driving:
        term += 1
        steps.append(Step("曾因酒后驾驶或危险驾驶受处罚", "从重，拘役增加一个月",
                          (f"{OPINION}第十条第（十三）、（十四）项",)))
    others = [a for a in aggr if "逃逸" not in a and "曾因" not in a]
    if others:
        steps.append(Step("从重情节：" + "；".join(others), "在本档内从重考量，并影响缓刑适用",
                          (f"{OPINION}第十条",)))
    lenient = [label for present, label, article in (
        (c.surrender, "自首", ARTICLE_SURRENDER), (c.frank and not c.surrender, "坦白", ARTICLE_CONFESSION),
        (c.guilty_plea, "认罪认罚", ARTICLE_PLEA), (c.compensation, "赔偿损失", f"{OPINION}第十一条"),
        (c.forgiveness, "取得谅解", f"{OPINION}第十一条")) if present]
    if lenient:
        steps.append(Step("从宽情节：" + "、".join(lenient), "在本档内从轻考量（基准档已按多数案件的如实供述计入）",
                          (ARTICLE_CONFESSION, f"{OPINION}第十一条")))
    term = max(TERM_MIN, min(TERM_MAX, term))
    fine = fine_for(term)
    steps.append(Step(f"拘役{term:g}个月", f"并处罚金{fine}元（起点二千元，拘役每多一个月增加一千元）",
                      (ARTICLE_OFFENCE, ARTICLE_FINE, f"{OPINION}第十五条")))
    bars = probation_bars(c)
    if c.minor:
        probation = True
        steps.append(Step("不满十八周岁", "应当宣告缓刑", (ARTICLE_PROBATION,)))
    elif bars:
        probation = False
        bar_articles = [f"{OPINION}第十四条"]
        if c.prior_criminal:
            bar_articles.append(ARTICLE_RECIDIVIST)
        if c.in_custody:
            bar_articles += [ARTICLE_ARREST, ARTICLE_PROBATION]
        steps.append(Step("；".join(bars), "一般不适用缓刑", tuple(bar_articles)))
    else:
        probation = True
        steps.append(Step("无不适用缓刑的情形，犯罪情节较轻、有悔罪表现", "可以宣告缓刑", (ARTICLE_PROBATION,)))
    if prosecution is not None and c.guilty_plea and prosecution.term_months is not None \
            and TERM_MIN <= prosecution.term_months <= TERM_MAX:
        term = prosecution.term_months
        if prosecution.fine is not None and prosecution.fine > 0:
            fine = prosecution.fine
        else:
            fine = fine_for(term)
        if prosecution.probation is not None:
            probation = prosecution.probation
        steps.append(Step("认罪认罚案件，公诉机关量刑建议在法定刑幅度内", "一般应当采纳量刑建议",
                          (ARTICLE_ADOPT,)))
    articles = (ARTICLE_OFFENCE, ARTICLE_TERM, ARTICLE_FINE) + ((ARTICLE_PROBATION,) if probation else ())
    return Sentence(term, Decimal(fine), probation, probation_months(term) if probation else None,
                    tuple(steps), articles, tuple(warnings))


def differences(own: Sentence, prosecution: ProsecutionSuggestion) -> list[str]:
    """Where the assistant's own calculation departs from the procuratorate's suggestion, worded for the judge."""
    out = []
    if prosecution.term_months is not None and abs(prosecution.term_months - own.term_months) >= 0.5:
        out.append(f"拘役：助手{own.term_months:g}个月，公诉机关建议{prosecution.term_months:g}个月")
    if prosecution.fine is not None and prosecution.fine != own.fine:
        out.append(f"罚金：助手{own.fine}元，公诉机关建议{prosecution.fine}元")
    if prosecution.probation is not None and prosecution.probation != own.probation:
        out.append(f"缓刑：助手{'适用' if own.probation else '不适用'}，"
                   f"公诉机关建议{'适用' if prosecution.probation else '不适用'}")
    return out
