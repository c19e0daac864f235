"""The law of the asynchronous trial: art. 20(2)'s conditions as a table of cases, the stages' order and windows, who
reads answers when, and the video check."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from omnicourt.errors import Conflict, InvalidInput, PayloadTooLarge
from omnicourt.hearings.asynchronous import media, rules
from omnicourt.hearings.asynchronous.rules import Condition, Facts, StageKind, Visibility

MET = Facts(procedure="small_claims", type_code="民初", hardship="被告在外地务工，不能与原告同时在线",
            applied_in_writing=True, parties=("原告张三", "被告李四"), consented=frozenset({"原告张三", "被告李四"}),
            refused=frozenset(), submitted_items=2, unexamined=(), disputed=())


@pytest.mark.parametrize(("change", "failing", "says"), [
    ({}, [], ""),
    ({"procedure": "simple"}, [], ""),
    ({"procedure": "simple", "type_code": "行初"}, [], ""),  # administrative, simple procedure
    ({"procedure": "ordinary"}, [Condition.PROCEDURE], "小额诉讼案件或适用简易程序"),
    ({"procedure": "fast_track"}, [Condition.PROCEDURE], "小额诉讼"),
    ({"type_code": "刑初", "procedure": "simple"}, [Condition.PROCEDURE], "民事、行政"),
    ({"type_code": "行初"}, [Condition.PROCEDURE], "小额诉讼"),  # small claims are civil only
    ({"hardship": "  "}, [Condition.HARDSHIP], "确有困难"),
    ({"applied_in_writing": False}, [Condition.APPLICATION], "书面申请"),
    ({"consented": frozenset({"原告张三"})}, [Condition.CONSENT], "被告李四尚未表示是否同意"),
    ({"consented": frozenset({"原告张三"}), "refused": frozenset({"被告李四"})}, [Condition.CONSENT],
     "被告李四不同意"),
    ({"submitted_items": 0}, [Condition.EXCHANGED], "尚未进行在线证据交换"),
    ({"unexamined": ("「借条」",)}, [Condition.EXAMINED], "「借条」"),
    ({"disputed": ("原告第1组证据1「借条」",)}, [Condition.UNDISPUTED], "存在争议：原告第1组证据1「借条」"),
    ({"procedure": "ordinary", "applied_in_writing": False, "consented": frozenset(), "disputed": ("借条",)},
     [Condition.PROCEDURE, Condition.APPLICATION, Condition.CONSENT, Condition.UNDISPUTED], "原告张三、被告李四"),
])
def test_each_condition_of_article_20_is_checked_and_every_failure_told(change, failing, says):
    failures = rules.failing_conditions(replace(MET, **change))
    assert [f.condition for f in failures] == failing
    assert says in "；".join(f.message for f in failures)


def test_a_party_that_declined_and_one_that_has_not_answered_are_both_named():
    failures = rules.failing_conditions(replace(MET, parties=("原告张三", "被告李四", "被告王五"),
                                                consented=frozenset({"原告张三"}), refused=frozenset({"被告王五"})))
    assert [f.message for f in failures] == ["被告王五不同意异步审理", "被告李四尚未表示是否同意异步审理"]


NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(("closes_in", "ok"), [(timedelta(minutes=59), False), (timedelta(hours=1), True),
                                               (timedelta(days=30), True), (timedelta(days=30, seconds=1), False),
                                               (-timedelta(hours=2), False)])
def test_a_window_runs_an_hour_to_thirty_days(closes_in, ok):
    if ok:
        rules.check_window(now=NOW, closes_at=NOW + closes_in)
    else:
        with pytest.raises(InvalidInput):
            rules.check_window(now=NOW, closes_at=NOW + closes_in)


@pytest.mark.parametrize(("kind", "opened", "running", "refusal"), [
    (StageKind.INVESTIGATION, [], False, None),
    (StageKind.DEBATE, [StageKind.INVESTIGATION], False, None),  # questioning done in the evidence exchange
    (StageKind.DEBATE, [StageKind.INVESTIGATION], True, "尚未届满"),
    (StageKind.INVESTIGATION, [StageKind.INVESTIGATION], False, "已开启过"),
    (StageKind.CROSS_EXAMINATION, [StageKind.DEBATE], False, "不能再回到质证"),
])
def test_stages_run_one_at_a_time_in_order(kind, opened, running, refusal):
    if refusal is None:
        rules.check_stage_order(kind, opened=opened, running=running)
    else:
        with pytest.raises(Conflict, match=refusal):
            rules.check_stage_order(kind, opened=opened, running=running)


def test_a_window_ends_at_its_end_or_at_the_judges_earlier_close():
    closes_at = NOW + timedelta(days=1)
    assert rules.window_open(now=NOW, closes_at=closes_at, closed_at=None)
    assert not rules.window_open(now=closes_at, closes_at=closes_at, closed_at=None)
    assert not rules.window_open(now=NOW, closes_at=closes_at, closed_at=NOW)
    assert rules.ended_at(closes_at=closes_at, closed_at=NOW) == NOW
    assert rules.ended_at(closes_at=closes_at, closed_at=None) == closes_at


def test_the_judge_ends_a_window_early_only_when_everyone_answered():
    closes_at = NOW + timedelta(days=1)
    rules.check_early_close(now=NOW, closes_at=closes_at, everyone_answered=True)
    rules.check_early_close(now=closes_at, closes_at=closes_at, everyone_answered=False)
    with pytest.raises(Conflict, match="尚有当事人未答复"):
        rules.check_early_close(now=NOW, closes_at=closes_at, everyone_answered=False)


@pytest.mark.parametrize(("visibility", "now_offset", "closed", "visible"), [
    (Visibility.AFTER_CLOSE, timedelta(0), False, False),
    (Visibility.AFTER_CLOSE, timedelta(days=1), False, True),
    (Visibility.AFTER_CLOSE, timedelta(0), True, True),
    (Visibility.IMMEDIATE, timedelta(0), False, True),
])
def test_other_parties_answers_are_read_after_the_window_unless_the_judge_set_otherwise(visibility, now_offset,
                                                                                        closed, visible):
    assert rules.answers_visible(visibility=visibility, now=NOW + now_offset, closes_at=NOW + timedelta(days=1),
                                 closed_at=NOW if closed else None) is visible


def test_questions_are_kept_trimmed_and_bounded():
    assert rules.check_questions([" 借款是否交付？ ", "", "利息如何约定？"]) == ["借款是否交付？", "利息如何约定？"]
    with pytest.raises(InvalidInput, match="至少"):
        rules.check_questions(["  "])
    with pytest.raises(InvalidInput, match="不超过20个"):
        rules.check_questions(["问"] * 21)
    with pytest.raises(InvalidInput, match="第2个问题超过500字"):
        rules.check_questions(["问", "长" * 501])


def test_the_record_waits_for_every_running_stage():
    with pytest.raises(Conflict, match="尚未开启"):
        rules.check_may_record([])
    with pytest.raises(Conflict, match="法庭辩论阶段"):
        rules.check_may_record([(StageKind.INVESTIGATION, False), (StageKind.DEBATE, True)])
    rules.check_may_record([(StageKind.INVESTIGATION, False)])


MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 64
FORMATS = (".mp4", ".mov", ".webm")


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("陈述.mp4", MP4, "video/mp4"), ("陈述.MOV", MP4, "video/quicktime"), ("陈述.webm", WEBM, "video/webm")])
def test_a_video_opens_as_its_container(name, content, expected):
    assert media.check_video(name, content, formats=FORMATS, max_bytes=1024) == expected


@pytest.mark.parametrize(("name", "content", "error", "says"), [
    ("陈述.avi", MP4, InvalidInput, "格式不支持，仅接受 MP4、MOV、WEBM"),
    ("陈述.mp4", MP4 * 20, PayloadTooLarge, "超过"),
    ("陈述.mp4", b"", InvalidInput, "空文件"),
    ("陈述.mp4", b"%PDF-1.4 renamed document", InvalidInput, "不是有效的 MP4"),
    ("陈述.webm", MP4, InvalidInput, "不是有效的 WEBM"),
])
def test_a_video_of_the_wrong_type_or_size_is_refused_naming_it(name, content, error, says):
    with pytest.raises(error, match=says) as refused:
        media.check_video(name, content, formats=FORMATS, max_bytes=1024)
    assert "陈述" in refused.value.message and refused.value.field == "video"


def test_only_the_formats_the_setting_names_are_accepted():
    with pytest.raises(InvalidInput, match="仅接受 MP4"):
        media.check_video("陈述.webm", WEBM, formats=(".mp4",), max_bytes=1024)
