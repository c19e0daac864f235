"""The table of time limits (data/deadlines/periods.csv) and the kinds of periods not counted (court-rules.md §2).

Pure: the loader reads the path it is given; nothing here knows where data/ is.
"""

from dataclasses import dataclass
from pathlib import Path

from omnicourt.deadlines.calendar import Length
from omnicourt.errors import InvalidInput
from omnicourt.reference.tables import read_csv

PROCEDURES = ("ordinary", "simple", "small_claims", "fast_track", "special")  # special: 民特 (its rows are "*")
ANY_PROCEDURE = "*"
APPROVERS = {
    "president": "本院院长",
    "higher_court": "上一级人民法院",
    "high_court": "高级人民法院",
    "supreme_court": "最高人民法院",
    "president_record": "本院院长批准并层报高级人民法院备案",
    "court": "人民法院裁定",
}


@dataclass(frozen=True)
class ExtensionStep:
    """One link of an extension chain: who approves it and its longest length (None: the law fixes none)."""

    approver: str
    longest: Length | None
    repeatable: bool

    @property
    def approver_name(self) -> str:
        return APPROVERS[self.approver]


@dataclass(frozen=True)
class PeriodRule:
    """One row of periods.csv: the time limit of a case type under a procedure (and variant), with its sources."""

    family: str
    case_type: str
    procedure: str  # a member of PROCEDURES, or ANY_PROCEDURE
    variant: str  # '' = the default row
    name: str
    length: Length | None  # None: no time limit (bankruptcy as a whole, CPL art. 287 cases)
    counted_from: str
    extensions: tuple[ExtensionStep, ...]
    apply_before_days: int | None
    decide_before_days: int | None
    source: str
    source_tag: str
    extension_source: str
    extension_tag: str

    def extension_step(self, index: int) -> ExtensionStep | None:
        """The step the (index+1)-th extension takes, or None once the chain is exhausted."""
        if index < len(self.extensions):
            return self.extensions[index]
        if self.extensions and self.extensions[-1].repeatable:
            return self.extensions[-1]
        return None


@dataclass(frozen=True)
class PeriodTable:
    rules: tuple[PeriodRule, ...]

    def family_of(self, case_type: str) -> str:
        for rule in self.rules:
            if rule.case_type == case_type:
                return rule.family
        supported = "、".join(dict.fromkeys(rule.case_type for rule in self.rules))
        raise InvalidInput(f"暂不支持计算「{case_type}」案件的期限（目前支持：{supported}）", field="case_type")

    def find(self, *, case_type: str, procedure: str, variant: str | None = None) -> PeriodRule:
        """The row for the case type, procedure and variant; refuses unknown inputs naming the field."""
        if procedure not in PROCEDURES:
            raise InvalidInput(f"未知的审理程序：{procedure}（可选：{' / '.join(PROCEDURES)}）", field="procedure")
        self.family_of(case_type)
        rows = [rule for rule in self.rules
                if rule.case_type == case_type and rule.procedure in (procedure, ANY_PROCEDURE)]
        if not rows:
            raise InvalidInput(f"「{case_type}」案件不适用 {procedure} 程序", field="procedure")
        for rule in rows:
            if rule.variant == (variant or ""):
                return rule
        choices = " / ".join(rule.variant or "（默认）" for rule in rows)
        raise InvalidInput(f"「{case_type}」{procedure} 程序没有「{variant or '默认'}」情形（可选：{choices}）",
                           field="variant")

    def milestones(self, case_type: str) -> tuple[PeriodRule, ...]:
        """The named rows (variants) of a case type: for 破, the milestones of 企业破产法."""
        return tuple(rule for rule in self.rules if rule.case_type == case_type and rule.variant)


def _steps(text: str) -> tuple[ExtensionStep, ...]:
    steps = []
    for part in filter(None, (piece.strip() for piece in text.split(";"))):
        length, approver = part.rstrip("*").split("@")
        if approver not in APPROVERS:
            raise ValueError(f"periods.csv: unknown approver {approver!r}")
        steps.append(ExtensionStep(approver=approver, longest=Length.parse(length, field="extensions") if length
                                   else None, repeatable=part.endswith("*")))
    return tuple(steps)


def _length(months: str, days: str) -> Length | None:
    if not months and not days:
        return None
    return Length(months=int(months or 0), days=int(days or 0))


def load_periods(path: Path) -> PeriodTable:
    """The table of time limits from a periods.csv file (columns described in its header)."""
    return PeriodTable(rules=tuple(
        PeriodRule(
            family=row["family"], case_type=row["case_type"], procedure=row["procedure"], variant=row["variant"],
            name=row["name"], length=_length(row["months"], row["days"]), counted_from=row["counted_from"],
            extensions=_steps(row["extensions"]),
            apply_before_days=int(row["apply_before_days"]) if row["apply_before_days"] else None,
            decide_before_days=int(row["decide_before_days"]) if row["decide_before_days"] else None,
            source=row["source"], source_tag=row["source_tag"],
            extension_source=row["extension_source"], extension_tag=row["extension_tag"],
        )
        for row in read_csv(path)
    ))


@dataclass(frozen=True)
class SuspensionKind:
    """A kind of period not counted in the time limit (扣除审限), the case families it applies to, and its source."""

    name: str
    families: frozenset[str]
    source: str


CIVIL_ADMIN = frozenset({"civil", "administrative"})
SUSPENSION_KINDS: dict[str, SuspensionKind] = {
    "public_notice": SuspensionKind(
        "公告期间", CIVIL_ADMIN,
        "《民诉法解释》第二百四十三条；《行诉解释》第五十条；《严格执行审限规定》第九条第（六）项"),
    "appraisal": SuspensionKind(
        "鉴定期间", CIVIL_ADMIN,
        "《民诉法解释》第二百四十三条；《行诉解释》第五十条；《严格执行审限规定》第九条第（六）项"),
    "settlement": SuspensionKind(
        "双方当事人和解期间", frozenset({"civil"}),
        "《民诉法解释》第二百四十三条、第一百二十九条；《最高人民法院关于人民法院民事调解工作若干问题的规定》第二条"),
    "mediation": SuspensionKind("调解期间", frozenset({"administrative"}), "《行诉解释》第五十条"),
    "extended_mediation": SuspensionKind(
        "经各方当事人同意延长的调解期间（超过普通程序十五日、简易程序七日的部分）", frozenset({"civil"}),
        "《最高人民法院关于人民法院民事调解工作若干问题的规定》第四条"),
    "entrusted_mediation_extension": SuspensionKind(
        "委托调解延长的期间", frozenset({"civil"}), "《最高人民法院关于人民法院特邀调解的规定》第二十七条"),
    "jurisdiction_objection": SuspensionKind(
        "审理当事人提出的管辖权异议以及处理法院之间的管辖争议期间", CIVIL_ADMIN,
        "《民诉法解释》第二百四十三条；《行诉解释》第五十条；《严格执行审限规定》第九条第（七）项"),
    "audit_valuation": SuspensionKind(
        "由有关专业机构进行审计、评估、资产清理的期间", frozenset({"civil", "administrative", "enforcement"}),
        "《严格执行审限规定》第九条第（八）项"),
    "stay": SuspensionKind(
        "中止诉讼（审理）或者中止执行至恢复诉讼（审理）或者恢复执行的期间",
        frozenset({"civil", "criminal", "administrative", "enforcement"}),
        "《严格执行审限规定》第九条第（九）项；《行诉解释》第五十条；《刑事诉讼法》第二百零六条"),
    "related_civil_dispute": SuspensionKind(
        "行政案件中止审理等待相关民事争议裁判的期间", frozenset({"administrative"}), "《行诉解释》第一百三十八条"),
    "enforcement_deferral": SuspensionKind(
        "当事人达成执行和解或者提供执行担保后，执行法院决定暂缓执行的期间", frozenset({"enforcement"}),
        "《严格执行审限规定》第九条第（十）项"),
    "higher_court_stay": SuspensionKind(
        "上级人民法院通知暂缓执行的期间", frozenset({"enforcement"}), "《严格执行审限规定》第九条第（十一）项"),
    "auction": SuspensionKind(
        "执行中拍卖、变卖被查封、扣押财产的期间", frozenset({"enforcement"}), "《严格执行审限规定》第九条第（十二）项"),
    "psychiatric_appraisal": SuspensionKind(
        "对被告人作精神病鉴定的期间", frozenset({"criminal"}),
        "《刑事诉讼法》第一百四十九条；《刑诉解释》第二百一十一条"),
    "prosecutor_file_review": SuspensionKind(
        "第二审人民检察院查阅案卷的期间（自通知后第二日起）", frozenset({"criminal"}),
        "《刑事诉讼法》第二百三十五条；《刑诉解释》第三百九十六条"),
    "new_defender_preparation": SuspensionKind(
        "更换辩护人后给予新辩护人的准备辩护期间（十日）", frozenset({"criminal"}),
        "《严格执行审限规定》第九条第（二）项（旧规定，待与2021年《刑诉解释》核对）"),
    "supplementary_investigation": SuspensionKind(
        "人民检察院建议补充侦查的期间", frozenset({"criminal"}),
        "《严格执行审限规定》第九条第（三）项（旧规定，待与2021年《刑诉解释》核对；补充侦查完毕后重新计算审限见"
        "《刑事诉讼法》第二百零八条第三款）"),
    "new_evidence_postponement": SuspensionKind(
        "因通知新的证人到庭、调取新的证据等延期审理的期间（不超过一个月）", frozenset({"criminal"}),
        "《严格执行审限规定》第九条第（五）项（旧规定，待与2021年《刑诉解释》核对）"),
}
