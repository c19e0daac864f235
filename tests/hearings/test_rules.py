"""Worked examples of the hearing rules (court-rules-2.md §5.4, court-rules.md §2.1 and §0.2)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicourt.errors import Conflict, InvalidInput
from omnicourt.hearings import rules
from omnicourt.hearings.rules import Ground

JUNE_1 = date(2026, 6, 1)


@pytest.mark.parametrize(("hearing_on", "allowed"), [
    (date(2026, 6, 4), True),   # notified on 1 June, three days before 4 June (CPL art. 139)
    (date(2026, 6, 30), True),
    (date(2026, 6, 3), False),
    (date(2026, 6, 1), False),
])
def test_a_trial_is_notified_three_days_before(hearing_on, allowed):
    if allowed:
        rules.check_notice(kind="trial", today=JUNE_1, starts_on=hearing_on)
    else:
        with pytest.raises(InvalidInput, match="开庭3日前送达.*2026-06-04.*第一百三十九条") as refused:
            rules.check_notice(kind="trial", today=JUNE_1, starts_on=hearing_on)
        assert refused.value.field == "starts_on"


def test_a_pre_trial_meeting_needs_no_three_days_but_is_not_in_the_past():
    rules.check_notice(kind="pretrial_meeting", today=JUNE_1, starts_on=JUNE_1)
    with pytest.raises(InvalidInput, match="不能早于今天"):
        rules.check_notice(kind="pretrial_meeting", today=JUNE_1, starts_on=date(2026, 5, 31))


def test_the_earliest_trial_day_is_the_first_the_notice_allows():
    assert rules.earliest_trial_day(JUNE_1) == date(2026, 6, 4)


@pytest.mark.parametrize(("procedure", "level", "judges", "allowed"), [
    ("simple", "basic", 1, True), ("small_claims", "basic", 1, True),
    ("simple", "basic", 3, False),                 # simple procedure: one judge alone (art. 160)
    ("ordinary", "basic", 1, True),                # art. 40(2): a basic court's sole judge in ordinary procedure
    ("ordinary", "intermediate", 1, False),
    ("ordinary", "intermediate", 3, True), ("ordinary", "basic", 5, True),
    ("ordinary", "basic", 2, False), ("ordinary", "intermediate", 4, False),
])
def test_the_bench_follows_the_procedure(procedure, level, judges, allowed):
    if allowed:
        rules.check_bench(procedure=procedure, court_level=level, judges=judges)
    else:
        with pytest.raises(InvalidInput) as refused:
            rules.check_bench(procedure=procedure, court_level=level, judges=judges)
        assert refused.value.field == "judge_ids"


def test_the_length_is_bounded():
    rules.check_length(15)
    rules.check_length(480)
    for minutes in (14, 481, 0):
        with pytest.raises(InvalidInput, match="开庭时长"):
            rules.check_length(minutes)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 6, 4, hour, minute, tzinfo=UTC)


def test_back_to_back_hearings_do_not_clash_but_overlapping_ones_do():
    assert not rules.overlaps(at(9), at(10), at(10), at(11))
    assert rules.overlaps(at(9), at(10, 30), at(10), at(11))
    assert rules.overlaps(at(9), at(12), at(10), at(11))  # one inside the other


@given(st.integers(0, 600), st.integers(1, 300), st.integers(0, 600), st.integers(1, 300))
def test_overlap_is_symmetric(a, a_len, b, b_len):
    base = at(0)
    a_start, b_start = base + timedelta(minutes=a), base + timedelta(minutes=b)
    assert rules.overlaps(a_start, a_start + timedelta(minutes=a_len), b_start, b_start + timedelta(minutes=b_len)) \
        == rules.overlaps(b_start, b_start + timedelta(minutes=b_len), a_start, a_start + timedelta(minutes=a_len))


def test_a_clash_names_the_other_case_and_its_time():
    clash = rules.Clash("courtroom_id", "法庭「第一法庭」", "（2026）浙0106民初12号",
                        datetime(2026, 6, 4, 9, 0), datetime(2026, 6, 4, 11, 0))
    words = "法庭「第一法庭」在该时段已有安排：（2026）浙0106民初12号，2026年6月4日 09:00—11:00"
    with pytest.raises(Conflict, match=words):
        rules.refuse_clashes([clash])
    rules.refuse_clashes([])


@pytest.mark.parametrize(("procedure", "so_far", "next_on", "agree", "refusal"), [
    ("ordinary", 0, date(2026, 7, 4), False, None),            # a month after 4 June is 4 July
    ("ordinary", 1, date(2026, 6, 20), False, None),
    ("ordinary", 2, date(2026, 6, 20), False, "以2次为限"),       # ordinary: at most two postponements
    ("simple", 1, date(2026, 6, 20), False, "以1次为限"),         # simple and small claims: one
    ("small_claims", 0, date(2026, 6, 20), False, None),
    ("ordinary", 0, date(2026, 7, 5), False, "不得超过一个月"),
    ("ordinary", 0, date(2026, 7, 5), True, None),              # the parties agree to a longer interval
])
def test_postponements_are_limited_in_number_and_interval(procedure, so_far, next_on, agree, refusal):
    def check():
        rules.check_postponement(procedure=procedure, postponed_so_far=so_far, previous_on=date(2026, 6, 4),
                                 next_on=next_on, force_majeure=False, parties_agree=agree)
    if refusal is None:
        check()
    else:
        with pytest.raises(Conflict, match=refusal):
            check()


def test_only_other_grounds_need_the_president_and_every_ground_is_cpl_art_149():
    assert [g for g in Ground if rules.needs_president(g)] == [Ground.OTHER]
    assert rules.postponement_text(Ground.OTHER, "台风停工") == (
        "依据《民事诉讼法》（2023年9月1日修正）第一百四十九条第四项：其他应当延期的情形（限于不可抗力或者意外事件，"
        "须经院长批准）；台风停工")
    with pytest.raises(InvalidInput, match="第149条"):
        rules.ground_named("tired")


def test_an_announcement_names_the_parties_by_role_without_agents():
    assert rules.announced_parties([("plaintiff", "张三"), ("defendant", "李四"), ("agent", "王律师"),
                                    ("plaintiff", "王五"), ("presiding_judge", "赵法官")]) == "原告张三、王五，被告李四"
