"""The procedure history (§5.2 item 3) states only what the case's record shows; the rest is a gap for the judge."""

import io

from docx import Document
from docx.enum.text import WD_COLOR_INDEX

from omnicourt.assistant.loans.draft import Hearing, draft_judgment
from omnicourt.assistant.loans.focus import dispute_focus
from tests.assistant.loans.test_draft import case, text_of

RECORDED = dict(attendance_recorded=True, plaintiff_present=True)


def test_no_hearing_recorded_leaves_a_highlighted_gap_and_no_hearing_sentence():
    draft = case(hearing=None, focus=dispute_focus([], {}), point_decisions=())   # no defence either
    history = text_of(draft, "history")
    assert "【待法官补充：开庭情况】" in history
    for invented in ("开庭进行了审理", "到庭", "传票", "拒不到庭"):
        assert invented not in history
    basis = text_of(draft, "legal_basis")
    assert "一百四十七" not in basis                         # no default judgment without a recorded absence
    assert "【待法官补充：是否缺席判决及其程序法依据】" in basis   # but the judge is asked
    runs = [run for p in Document(io.BytesIO(draft_judgment(draft))).paragraphs for run in p.runs]
    [gap] = [run for run in runs if run.text == "【待法官补充：开庭情况】"]
    assert gap.font.highlight_color == WD_COLOR_INDEX.YELLOW


def test_a_recorded_hearing_states_who_attended_and_who_defaulted():
    hearing = Hearing(online=True, defendants_present=("张三",), defendants_absent=("李四",),
                      plaintiff_agent="孙八，浙江某律师事务所律师", **RECORDED)
    draft = case(hearing=hearing)
    history = text_of(draft, "history")
    assert "在线公开开庭进行了审理。" in history
    assert ("的委托诉讼代理人孙八在线到庭参加诉讼，被告张三在线到庭参加诉讼，"
            "被告李四经本院传票传唤，无正当理由拒不到庭参加诉讼。本案现已审理终结。") in history
    assert "《中华人民共和国民事诉讼法》第一百四十七条" in text_of(draft, "legal_basis")
    notice = case(hearing=Hearing(defendants_absent=("李四",), summoned_by_notice=True, **RECORDED))
    assert "被告李四经本院公告送达开庭传票，无正当理由拒不到庭参加诉讼" in text_of(notice, "history")


def test_a_hearing_without_attendance_or_with_a_defendant_unaccounted_for_leaves_a_gap():
    unknown = text_of(case(hearing=Hearing()), "history")
    assert "公开开庭进行了审理。【待法官补充：到庭情况】。" in unknown and "到庭参加诉讼" not in unknown
    partial = text_of(case(hearing=Hearing(defendants_present=("张三",), **RECORDED)), "history")
    assert "被告张三到庭参加诉讼，被告李四【待法官补充：到庭情况】。" in partial


def test_a_clerk_not_named_is_a_gap_not_a_blank():
    assert text_of(case(clerk=""), "signature").endswith("书记员　【待法官补充：书记员】")
