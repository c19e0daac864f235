"""Art. 25 of the online-litigation rules as a table, and lateness."""

from datetime import datetime

import pytest

from omnicourt.errors import InvalidInput
from omnicourt.hearings.online import rules
from omnicourt.hearings.online.rules import Attendance

A, D, J, L, E = Attendance.ABSENT, Attendance.DEPARTED, Attendance.JOINED, Attendance.LEFT, Attendance.EXPECTED


@pytest.mark.parametrize(("role", "status", "valid", "measure", "conduct", "article"), [
    ("plaintiff", A, False, "按撤诉处理", "拒不到庭", "第146条"),
    ("plaintiff", D, False, "按撤诉处理", "中途退庭", "第146条"),
    ("defendant", A, False, "缺席判决", "拒不到庭", "第147条"),
    ("defendant", D, False, "缺席判决", "中途退庭", "第147条"),
    ("plaintiff", A, True, None, None, None),  # network failure, power cut, force majeure: not 拒不到庭
    ("defendant", D, True, None, None, None),
    ("plaintiff", J, False, None, None, None),
    ("defendant", L, False, None, None, None),  # left on their own: the clerk decides whether to mark it
    ("defendant", E, False, None, None, None),
    ("third_party", A, False, None, None, None),
    ("agent", A, False, None, None, None),
    ("clerk", A, False, None, None, None),
])
def test_art_25_consequences_are_proposed_by_role_and_conduct(role, status, valid, measure, conduct, article):
    proposal = rules.proposal(role=role, status=status, valid_reason=valid)
    if measure is None:
        assert proposal is None
    else:
        assert (proposal.measure, proposal.conduct) == (measure, conduct)
        assert article in proposal.basis and "在线诉讼规则》第25条" in proposal.basis


@pytest.mark.parametrize(("joined", "late"), [
    (datetime(2026, 3, 2, 0, 50), 0), (datetime(2026, 3, 2, 1, 0), 0), (datetime(2026, 3, 2, 1, 0, 59), 0),
    (datetime(2026, 3, 2, 1, 7, 30), 7), (datetime(2026, 3, 2, 2, 0), 60)])
def test_lateness_counts_whole_minutes_after_the_start(joined, late):
    assert rules.late_minutes(starts_at=datetime(2026, 3, 2, 1, 0), joined_at=joined) == late


@pytest.mark.parametrize("value", ["joined", "left", "expected", "nonsense"])
def test_the_clerk_marks_only_absent_or_departed(value):
    with pytest.raises(InvalidInput) as refused:
        rules.mark_named(value)
    assert refused.value.field == "status"
