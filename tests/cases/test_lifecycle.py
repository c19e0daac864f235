"""The civil-case lifecycle: accepted → assigned → in_trial → closed → archived."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.cases.rules import (
    CLOSING_METHOD_LABELS,
    STAGE_LABELS,
    STAGES,
    TRANSITIONS,
    allowed_transition,
    validate_closing,
)
from omnicourt.errors import Conflict, InvalidInput

ALLOWED = [
    ("accepted", "assign", "assigned"),
    ("assigned", "assign", "assigned"),
    ("assigned", "hold_hearing", "in_trial"),
    ("in_trial", "hold_hearing", "in_trial"),
    ("assigned", "close", "closed"),
    ("in_trial", "close", "closed"),
    ("closed", "archive", "archived"),
    ("accepted", "reassign", "accepted"),
    ("assigned", "reassign", "assigned"),
    ("in_trial", "reassign", "in_trial"),
]


@pytest.mark.parametrize(("stage", "action", "new_stage"), ALLOWED)
def test_allowed_transitions(stage, action, new_stage):
    assert allowed_transition(stage, action) == new_stage


@given(st.sampled_from(STAGES), st.sampled_from(sorted(TRANSITIONS)))
def test_every_other_step_is_a_conflict(stage, action):
    if any((stage, action) == (start, act) for start, act, _ in ALLOWED):
        assert allowed_transition(stage, action) in STAGES
    else:
        with pytest.raises(Conflict) as caught:
            allowed_transition(stage, action)
        assert STAGE_LABELS[stage] in caught.value.message


def test_no_hearing_after_closing():
    with pytest.raises(Conflict) as caught:
        allowed_transition("closed", "hold_hearing")
    assert caught.value.message == "案件当前处于「已结案」阶段，不能再开庭"
    assert caught.value.status == 409


def test_no_hearing_before_assignment():
    with pytest.raises(Conflict, match="「已立案」阶段，尚不能开庭"):
        allowed_transition("accepted", "hold_hearing")


def test_archived_is_final():
    for action in TRANSITIONS:
        with pytest.raises(Conflict):
            allowed_transition("archived", action)


def test_unknown_stage_or_action():
    with pytest.raises(InvalidInput):
        allowed_transition("pending", "assign")
    with pytest.raises(InvalidInput):
        allowed_transition("accepted", "teleport")


def test_labels():
    assert list(STAGE_LABELS.values()) == ["已立案", "已分案", "审理中", "已结案", "已归档"]
    assert CLOSING_METHOD_LABELS == {
        "judgment": "判决",
        "mediation": "调解",
        "withdrawal": "撤诉",
        "dismissal": "驳回起诉",
        "transfer": "移送",
        "ruling": "裁定",  # a special-procedure ruling (司法确认, 民特)
    }


@pytest.mark.parametrize("method", sorted(CLOSING_METHOD_LABELS))
def test_valid_closings(method):
    assert validate_closing(method, date(2026, 3, 1), date(2026, 1, 5)) is None
    assert validate_closing(method, date(2026, 1, 5), date(2026, 1, 5)) is None  # same day


def test_closing_refusals():
    with pytest.raises(InvalidInput) as caught:
        validate_closing("settlement", date(2026, 3, 1), date(2026, 1, 5))
    assert caught.value.field == "closing_method"
    with pytest.raises(InvalidInput) as caught:
        validate_closing("judgment", date(2026, 1, 4), date(2026, 1, 5))
    assert caught.value.field == "closed_on"
    with pytest.raises(InvalidInput, match="不能晚于今天"):
        validate_closing("judgment", date(2026, 3, 2), date(2026, 1, 5), today=date(2026, 3, 1))
