"""繁简分流: which first-instance civil procedure a new case gets (court-rules.md §8.1).

Small claims: 《民事诉讼法》(2023) arts 165–166. Simple procedure: CPL art. 160, 民诉法解释 (2022)
art. 257, and 《最高人民法院关于严格规范民商事案件延长审限和延期开庭问题的规定》 (2018, amended 2019)
art. 4(2). The average wage is passed in: the latest published provincial figure (民诉法解释 art. 272).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from omnicourt.errors import InvalidInput

CPL = "《民事诉讼法》"
SPC_CPL_INTERPRETATION = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》"
EXTENSION_RULE = "《最高人民法院关于严格规范民商事案件延长审限和延期开庭问题的规定》"

BASIC_LEVELS = frozenset(
    {"basic", "special"}
)  # 基层法院 and 派出法庭; special courts (互联网, 海事) as basic
COURT_LEVELS = frozenset({"basic", "special", "intermediate", "high", "supreme"})
SMALL_CLAIMS_SHARE = Decimal("0.5")  # CPL art. 165(1): 百分之五十以下
AGREED_SMALL_CLAIMS_SHARE = Decimal("2")  # CPL art. 165(2): 百分之五十以上但在二倍以下
SIMPLE_MANDATORY_SHARE = Decimal("2")  # 延审规定 art. 4(2): 二倍以下


@dataclass(frozen=True)
class Exclusion:
    label: str  # Chinese, as the article words it
    source: str
    blocks_simple: bool  # also excluded from simple procedure (民诉法解释 art. 257); always from small claims


EXCLUSIONS: dict[str, Exclusion] = {
    "personal_status": Exclusion("人身关系案件", f"{CPL}第一百六十六条第（一）项", False),
    "ownership": Exclusion("财产确权案件", f"{CPL}第一百六十六条第（一）项", False),
    "foreign": Exclusion("涉外案件", f"{CPL}第一百六十六条第（二）项", False),
    "appraisal": Exclusion(
        "需要评估、鉴定或者对诉前评估、鉴定结果有异议的案件", f"{CPL}第一百六十六条第（三）项", False
    ),
    "counterclaim": Exclusion("当事人提出反诉的案件", f"{CPL}第一百六十六条第（五）项", False),
    "whereabouts_unknown": Exclusion(
        "起诉时被告下落不明的案件",
        f"{CPL}第一百六十六条第（四）项、{SPC_CPL_INTERPRETATION}第二百五十七条第（一）项",
        True,
    ),
    "remanded": Exclusion("发回重审的案件", f"{SPC_CPL_INTERPRETATION}第二百五十七条第（二）项", True),
    "retrial": Exclusion("适用审判监督程序的案件", f"{SPC_CPL_INTERPRETATION}第二百五十七条第（四）项", True),
    "public_interest": Exclusion(
        "涉及国家利益、社会公共利益的案件", f"{SPC_CPL_INTERPRETATION}第二百五十七条第（五）项", True
    ),
    "third_party_revocation": Exclusion(
        "第三人起诉请求改变或者撤销生效判决、裁定、调解书的案件",
        f"{SPC_CPL_INTERPRETATION}第二百五十七条第（六）项",
        True,
    ),
}
MANY_PARTIES = Exclusion(
    "当事人一方人数众多的案件", f"{SPC_CPL_INTERPRETATION}第二百五十七条第（三）项", True
)


@dataclass(frozen=True)
class TriageDecision:
    procedure: str  # 'small_claims' | 'simple' | 'ordinary'
    reasons: tuple[str, ...]  # Chinese, each citing its article


def _yuan(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def _wage(value: Decimal) -> str:
    return f"{value:,.0f}" if value == value.to_integral_value() else _yuan(value)


def _check_inputs(
    court_level: str, amount: Decimal | None, average_wage: Decimal, exclusions: frozenset[str]
) -> None:
    if court_level not in COURT_LEVELS:
        raise InvalidInput(f"未知的法院级别：{court_level}", field="court_level")
    if amount is not None and (not isinstance(amount, Decimal) or not amount.is_finite() or amount < 0):
        raise InvalidInput("标的额应为不小于零的金额", field="amount")
    if not isinstance(average_wage, Decimal) or not average_wage.is_finite() or average_wage <= 0:
        raise InvalidInput("上年度就业人员年平均工资应为正数", field="average_wage")
    unknown = sorted(set(exclusions) - EXCLUSIONS.keys())
    if unknown:
        raise InvalidInput(f"未知的排除情形：{'、'.join(unknown)}", field="exclusions")


def _excluded(exclusions: frozenset[str], many_parties: bool) -> list[Exclusion]:
    found = [EXCLUSIONS[key] for key in EXCLUSIONS if key in exclusions]
    return found + ([MANY_PARTIES] if many_parties else [])


def _exclusion_reason(exclusion: Exclusion) -> str:
    what = "简易程序和小额诉讼程序" if exclusion.blocks_simple else "小额诉讼程序"
    return f"属{exclusion.label}，不适用{what}（{exclusion.source}）"


def triage(
    *,
    court_level: str,
    amount: Decimal | None,
    money_payment: bool,
    average_wage: Decimal,
    exclusions: frozenset[str] = frozenset(),
    parties_agree_small_claims: bool = False,
    many_parties: bool = False,
) -> TriageDecision:
    """Choose the first-instance civil procedure of a new case (繁简分流).

    1. Only basic courts (and their 派出法庭; 'special' courts such as internet and maritime
       courts count as basic here — 民诉法解释 art. 273 lets maritime courts use small claims)
       use simple procedure or small claims (CPL arts 160, 165); other levels → ordinary.
    2. A 民诉法解释 art. 257 exclusion (or many parties on one side) → ordinary.
    3. A money-payment case with amount ≤ 50 % of the provincial 上年度就业人员年平均工资 and no
       CPL art. 166 exclusion → small claims (art. 165(1), mandatory); ≤ 200 % with both
       parties' agreement → small claims (art. 165(2)). Both bounds are inclusive.
    4. Amount ≤ 2 × the wage, or no amount (non-money cases) → simple (延审规定 art. 4(2) makes
       it mandatory for simple cases up to twice the wage; for a non-money case we presume it
       simple too — the judge converts it if the facts turn out complex, 民诉法解释 art. 258).
    5. Otherwise → ordinary (the parties may still agree to simple procedure, CPL art. 160(2)).
    The rules assume the case is "事实清楚、权利义务关系明确、争议不大"; that judgement stays
    with the filing officer.
    """
    _check_inputs(court_level, amount, average_wage, exclusions)
    if court_level not in BASIC_LEVELS:
        return TriageDecision(
            "ordinary",
            (
                f"简易程序和小额诉讼程序仅适用于基层人民法院和它派出的法庭，本院审理第一审民事案件适用普通程序"
                f"（{CPL}第一百六十条、第一百六十五条）",
            ),
        )
    excluded = _excluded(exclusions, many_parties)
    reasons = [_exclusion_reason(exclusion) for exclusion in excluded]
    if any(exclusion.blocks_simple for exclusion in excluded):
        ordinary = f"不得适用简易程序，适用普通程序审理（{SPC_CPL_INTERPRETATION}第二百五十七条）"
        return TriageDecision("ordinary", (*reasons, ordinary))
    if amount is None:
        return TriageDecision("simple", (*reasons, _non_money_reason(money_payment)))
    if not excluded:
        small_claims = _small_claims_reason(amount, money_payment, average_wage, parties_agree_small_claims)
        if small_claims:
            return TriageDecision("small_claims", (small_claims,))
    limit = average_wage * SIMPLE_MANDATORY_SHARE
    wage = f"上年度就业人员年平均工资 {_wage(average_wage)} 元"
    if amount > limit:
        return TriageDecision(
            "ordinary",
            (
                *reasons,
                f"标的额 {_yuan(amount)} 元超过{wage}的二倍（{_yuan(limit)} 元），适用普通程序；"
                f"当事人双方约定适用简易程序的除外（{CPL}第一百六十条第二款）",
            ),
        )
    if not excluded:
        reasons.append(_not_small_claims_reason(amount, money_payment, average_wage))
    return TriageDecision(
        "simple",
        (
            *reasons,
            f"标的额 {_yuan(amount)} 元不超过{wage}的二倍（{_yuan(limit)} 元），"
            f"基层人民法院应当适用简易程序审理（{EXTENSION_RULE}第四条第（二）项、{CPL}第一百六十条第一款）",
        ),
    )


def _small_claims_reason(
    amount: Decimal, money_payment: bool, average_wage: Decimal, agreed: bool
) -> str | None:
    if not money_payment:
        return None
    mandatory_limit = average_wage * SMALL_CLAIMS_SHARE
    if amount <= mandatory_limit:
        return (
            f"标的额 {_yuan(amount)} 元不超过上年度就业人员年平均工资 {_wage(average_wage)} 元的 50%"
            f"（{_yuan(mandatory_limit)} 元），且属金钱给付案件，适用小额诉讼程序"
            f"（{CPL}第一百六十五条第一款）"
        )
    agreed_limit = average_wage * AGREED_SMALL_CLAIMS_SHARE
    if agreed and amount <= agreed_limit:
        return (
            f"标的额 {_yuan(amount)} 元超过上年度就业人员年平均工资 {_wage(average_wage)} 元的 50%、"
            f"但不超过其二倍（{_yuan(agreed_limit)} 元），属金钱给付案件，双方当事人约定适用小额诉讼程序"
            f"（{CPL}第一百六十五条第二款）"
        )
    return None


def _not_small_claims_reason(amount: Decimal, money_payment: bool, average_wage: Decimal) -> str:
    if not money_payment:
        return f"非金钱给付案件，不适用小额诉讼程序（{CPL}第一百六十五条）"
    return (
        f"标的额 {_yuan(amount)} 元超过上年度就业人员年平均工资 {_wage(average_wage)} 元的 50%"
        f"（{_yuan(average_wage * SMALL_CLAIMS_SHARE)} 元），双方当事人未约定适用小额诉讼程序"
        f"（{CPL}第一百六十五条）"
    )


def _non_money_reason(money_payment: bool) -> str:
    what = "金钱给付案件未载明标的额" if money_payment else "非金钱给付案件"
    return (
        f"{what}，不适用小额诉讼程序；推定为事实清楚、权利义务关系明确、争议不大的简单民事案件，"
        f"适用简易程序（{CPL}第一百六十条第一款）"
    )
