"""Each defence is the defendant's who made it, read from the heading of their answer (答辩人：…)."""

import io
from dataclasses import replace

from docx import Document

from omnicourt.assistant.documents import CaseDocument
from omnicourt.assistant.loans.draft import PointDecision, draft_judgment
from omnicourt.assistant.loans.focus import answerers, dispute_focus
from omnicourt.loans.elements import Guarantee, Party
from tests.assistant.loans.test_draft import TERMS, case, text_of

TWO_DEFENDANTS = replace(TERMS, borrowers=(Party("孙丽", "330106199001011234"),),
                         guarantees=(Guarantee(Party("赵六"), "joint"),), collateral=())
DECISIONS = (PointDecision("rate_above_cap", False, "未超过上限。"),)


def defence_lines(defence: CaseDocument) -> list[str]:
    draft = case(terms=TWO_DEFENDANTS, focus=dispute_focus([defence], {}), point_decisions=DECISIONS)
    texts = [p.text for p in Document(io.BytesIO(draft_judgment(draft))).paragraphs]
    start = next(i for i, text in enumerate(texts) if text.startswith("事实和理由：")) + 1
    end = next(i for i, text in enumerate(texts) if text.startswith("本院经审理认定事实如下"))
    return texts[start:end]


def test_only_the_defendant_who_answered_is_said_to_answer():
    defence = CaseDocument("答辩状.txt", "defence", "民事答辩状\n答辩人：孙丽，女，1990年1月1日出生。\n"
                                                     "被答辩人：某银行。\n原告主张的罚息、复利过高。")
    assert defence_lines(defence) == ["被告孙丽辩称，原告主张的罚息、复利过高。", "被告赵六未提交书面答辩意见。"]


def test_a_defence_naming_no_one_among_several_defendants_leaves_a_gap_for_the_judge():
    defence = CaseDocument("答辩状.txt", "defence", "原告主张的罚息、复利过高。")
    assert defence_lines(defence) == ["被告【待法官补充：答辩人】辩称，原告主张的罚息、复利过高。"]


def test_a_joint_answer_names_both():
    defence = CaseDocument("答辩状.txt", "defence", "答辩人一：孙丽\n答辩人二（被告）：赵六\n罚息过高。")
    assert defence_lines(defence) == ["被告孙丽、赵六辩称，罚息过高。"]


def test_the_answerers_are_read_from_the_headings_only():
    assert answerers("答辩人：孙丽，女，汉族。\n被答辩人：某银行。") == "孙丽"
    assert answerers("答辩人（被告）：赵六\n答辩人（被告）：赵六") == "赵六"
    assert answerers("本人认为利息过高，答辩人：无") == ""     # not at the start of a line


def test_the_reasoning_answers_the_defendant_who_raised_the_point():
    defence = CaseDocument("答辩状.txt", "defence", "答辩人：孙丽\n罚息过高。")
    draft = case(terms=TWO_DEFENDANTS, focus=dispute_focus([defence], {}), point_decisions=DECISIONS)
    assert "被告孙丽的该项抗辩意见，本院不予采纳。" in text_of(draft, "reasoning")
