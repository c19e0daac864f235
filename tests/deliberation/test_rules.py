"""The panel's law with worked examples: odd panels, who presides, the order of speaking, the majority of three and
five with the dissent recorded, and the grounds that send a case to the judicial committee."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.deliberation import rules
from omnicourt.deliberation.rules import Choice, Ground, PointKind, ReferralPolicy
from omnicourt.errors import Conflict, InvalidInput

A, N = Choice.AFFIRM, Choice.NEGATE


@pytest.mark.parametrize("members", [[1, 2, 3], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6, 7]])
def test_an_odd_panel_of_three_or_more_is_formed(members):
    rules.check_panel(members)


@pytest.mark.parametrize(("members", "message"), [
    ([1], "单数"), ([1, 2], "单数"), ([1, 2, 3, 4], "单数"), ([1, 2, 2], "重复"),
    ([1, 2, 2**31], "编号不存在"), ([0, 1, 2], "编号不存在"),
    (list(range(1, 10)), "不能超过"),
])
def test_an_even_small_or_repeated_panel_is_refused(members, message):
    with pytest.raises(InvalidInput, match=message):
        rules.check_panel(members)


def test_a_president_or_division_chief_on_the_panel_presides():
    rules.check_presiding(2, {1: "judge", 2: "division_chief", 3: "judge"})
    rules.check_presiding(3, {1: "judge", 2: "division_chief", 3: "president"})
    rules.check_presiding(1, {1: "judge", 2: "judge", 3: "judge"})
    with pytest.raises(InvalidInput, match="庭长参加合议庭"):
        rules.check_presiding(1, {1: "judge", 2: "division_chief", 3: "judge"})
    with pytest.raises(InvalidInput, match="院长参加合议庭"):
        rules.check_presiding(2, {1: "judge", 2: "division_chief", 3: "president"})
    with pytest.raises(InvalidInput, match="应当是合议庭成员"):
        rules.check_presiding(9, {1: "judge", 2: "judge", 3: "judge"})


def test_the_rapporteur_speaks_first_and_the_presiding_judge_last():
    # members 1 (presiding), 2 (rapporteur), 3
    turn = dict(rapporteur=2, presiding=1, members=[1, 2, 3])
    with pytest.raises(Conflict, match="承办法官应当首先"):
        rules.check_turn(voter=3, voted=set(), **turn)
    with pytest.raises(Conflict, match="承办法官应当首先"):
        rules.check_turn(voter=1, voted=set(), **turn)
    rules.check_turn(voter=2, voted=set(), **turn)
    with pytest.raises(Conflict, match="审判长应当最后"):
        rules.check_turn(voter=1, voted={2}, **turn)
    rules.check_turn(voter=3, voted={2}, **turn)
    rules.check_turn(voter=1, voted={2, 3}, **turn)
    assert rules.speaking_order(members=[1, 2, 3], **{k: turn[k] for k in ("rapporteur", "presiding")}) == [2, 3, 1]


def test_a_presiding_rapporteur_speaks_last():
    turn = dict(rapporteur=1, presiding=1, members=[1, 2, 3])
    rules.check_turn(voter=3, voted=set(), **turn)
    with pytest.raises(Conflict, match="审判长应当最后"):
        rules.check_turn(voter=1, voted={3}, **turn)
    rules.check_turn(voter=1, voted={2, 3}, **turn)
    assert rules.speaking_order(rapporteur=1, presiding=1, members=[1, 2, 3]) == [2, 3, 1]


def test_a_bare_yes_is_not_an_opinion():
    with pytest.raises(InvalidInput, match="简单表态"):
        rules.check_opinion("同意")
    rules.check_opinion("借条签名经鉴定为被告所签，借款事实成立")


@pytest.mark.parametrize(("choices", "size", "expected", "dissent"), [
    ((A, A, A), 3, (A, 3, 0), []),
    ((A, N, A), 3, (A, 2, 1), [1]),
    ((N, N, A), 3, (N, 2, 1), [2]),
    ((A, N, N, A, N), 5, (N, 3, 2), [0, 3]),
    ((A, A, A, N, N), 5, (A, 3, 2), [3, 4]),
    ((N, N, N, N, A), 5, (N, 4, 1), [4]),
])
def test_the_majority_decides_and_the_minority_is_named(choices, size, expected, dissent):
    outcome = rules.majority(choices, size)
    assert (outcome.choice, outcome.majority, outcome.minority) == expected
    assert rules.dissenters(dict(enumerate(choices)), outcome) == dissent


def test_no_conclusion_before_every_member_has_voted():
    assert rules.majority((A, A), 3) is None
    assert rules.majority((A, A, A, N), 5) is None


def test_an_even_panel_is_a_programming_error():
    with pytest.raises(ValueError):
        rules.majority((A, N), 2)


@given(st.sampled_from([3, 5, 7]).flatmap(lambda n: st.lists(st.sampled_from(list(Choice)), min_size=n, max_size=n)))
def test_an_odd_panel_never_ties(choices):
    outcome = rules.majority(choices, len(choices))
    assert outcome.majority > outcome.minority and outcome.majority + outcome.minority == len(choices)


def test_every_vote_pattern_of_three_has_a_strict_majority():
    for choices in itertools.product(list(Choice), repeat=3):
        assert rules.majority(choices, 3).majority >= 2


def test_a_split_vote_on_the_law_requires_a_referral_as_the_court_reads_article_12():
    strict, lenient = ReferralPolicy(), ReferralPolicy(split_law_vote_is_major=False)
    assert rules.required_grounds(kinds_split={PointKind.LAW}, cause_code="x", policy=strict) == (
        Ground.LEGAL_DISAGREEMENT,)
    assert rules.required_grounds(kinds_split={PointKind.FACT}, cause_code="x", policy=strict) == ()
    assert rules.required_grounds(kinds_split={PointKind.LAW}, cause_code="x", policy=lenient) == ()


def test_a_cause_on_the_courts_list_requires_a_referral_with_its_narrower_causes():
    policy = ReferralPolicy(committee_causes=frozenset({"cont.contract.loan"}))
    assert rules.required_grounds(kinds_split=set(), cause_code="cont.contract.loan.financial",
                                  policy=policy) == (Ground.COURT_LIST,)
    assert rules.required_grounds(kinds_split=set(), cause_code="cont.contract.loanx", policy=policy) == ()
    assert rules.status_when_voted(()) == rules.Status.DECIDED
    assert rules.status_when_voted((Ground.COURT_LIST,)) == rules.Status.REFERRAL_REQUIRED


def test_a_request_names_every_required_ground_and_never_the_presidents():
    rules.check_request([Ground.DIFFICULT], [])
    rules.check_request([Ground.LEGAL_DISAGREEMENT, Ground.DIFFICULT], [Ground.LEGAL_DISAGREEMENT])
    with pytest.raises(InvalidInput, match="请选择"):
        rules.check_request([], [])
    with pytest.raises(InvalidInput, match="应当包括"):
        rules.check_request([Ground.DIFFICULT], [Ground.LEGAL_DISAGREEMENT])
    with pytest.raises(InvalidInput, match="院长"):
        rules.check_request([Ground.PRESIDENT], [])
