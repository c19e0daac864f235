"""The law and the practice of a joint session (多案联审), as pure functions.

Cases heard together keep their own records, findings and decisions: hearing them at one sitting is case
management, not joinder (CPL art. 55 joins parties in one action; here each case stays one action). The platform
only lets the judge who conducts every case batch them, and only cases that are alike in the ways that make one
sitting sensible (issue 15: "cases of one plaintiff and one cause", e.g. a bank's loan cases):

* the same court and the same cause (案由);
* the same plaintiff, known by its identity number (个人: 身份证号; 单位: 统一社会信用代码), not by name;
* each case still open, and conducted by the judge grouping them;
* at least 2 cases and at most MAX_CASES, none twice.

Each refusal names the case that fails, in the order the judge listed them.

Worked example: three loan cases of 某银行 (USCC 91330100MA2XXXXXX1), cause 借款合同纠纷, judge 张法官: accepted.
Add a case of the same bank for 信用卡纠纷: refused,
"（2026）浙0106民初3号的案由为信用卡纠纷，与本批次的借款合同纠纷不同".
"""

from collections.abc import Sequence
from dataclasses import dataclass

from omnicourt.errors import Conflict, Forbidden, InvalidInput

MIN_CASES, MAX_CASES = 2, 50


@dataclass(frozen=True)
class CaseFacts:
    """What the batch needs to know of one case."""

    case_id: int
    case_number: str
    court_id: int
    cause_code: str
    cause_name: str
    plaintiff_keys: frozenset[str]  # "id:<身份证号>" / "uscc:<统一社会信用代码>" of each plaintiff
    is_open: bool
    judge_id: int | None
    in_other_batch: bool = False


def party_key(id_number: str | None, uscc: str | None) -> str | None:
    """A party is the same person across cases by its identity number, never by its name."""
    if uscc:
        return f"uscc:{uscc.upper()}"
    if id_number:
        return f"id:{id_number.upper()}"
    return None


def check_count(case_ids: Sequence[int]) -> None:
    if len(case_ids) < MIN_CASES:
        raise InvalidInput(f"联审批次应至少包括{MIN_CASES}件案件", field="case_ids")
    if len(case_ids) > MAX_CASES:
        raise InvalidInput(f"联审批次不超过{MAX_CASES}件案件", field="case_ids")
    if len(set(case_ids)) != len(case_ids):
        raise InvalidInput("同一案件不能重复列入联审批次", field="case_ids")


def check_batch(facts: Sequence[CaseFacts], *, judge_id: int) -> None:
    """Every condition for each case, the first case setting the court, cause and plaintiff the others must share."""
    check_count([f.case_id for f in facts])
    first = facts[0]
    for case in facts:
        if case.judge_id != judge_id:
            raise Forbidden(f"{case.case_number}不是由您承办的案件，不能列入您的联审批次", field="case_ids")
        if not case.is_open:
            raise Conflict(f"{case.case_number}已结案，不能列入联审批次", field="case_ids")
        if case.in_other_batch:
            raise Conflict(f"{case.case_number}已在另一个未结束的联审批次中", field="case_ids")
        if not case.plaintiff_keys:
            raise InvalidInput(f"{case.case_number}的原告没有身份证号码或统一社会信用代码，无法确认为同一原告",
                               field="case_ids")
        if case.court_id != first.court_id:
            raise InvalidInput(f"{case.case_number}与{first.case_number}不属于同一法院", field="case_ids")
        if case.cause_code != first.cause_code:
            raise InvalidInput(f"{case.case_number}的案由为{case.cause_name}，与本批次的{first.cause_name}不同",
                               field="case_ids")
        if case.plaintiff_keys != first.plaintiff_keys:
            raise InvalidInput(f"{case.case_number}的原告与{first.case_number}的原告不是同一主体", field="case_ids")
