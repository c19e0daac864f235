"""The .docx is laid out as court documents are: A4, GB/T 9704 margins, 仿宋 三号 body, 宋体 二号 title, set for
East Asian text (w:eastAsia), gaps for the judge highlighted; the judgment's date in Chinese numerals."""

import io
from dataclasses import replace

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Pt

from omnicourt.assistant.loans.draft import draft_judgment
from tests.assistant.loans.test_draft import case


def read_back(draft=None):
    return Document(io.BytesIO(draft_judgment(draft or case())))


def east_asian_font(run_properties) -> str | None:
    fonts = run_properties.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_the_page_is_a4_with_the_standard_margins():
    page = read_back().sections[0]
    def mm(length) -> float:   # stored in twentieths of a point
        return round(length.mm, 1)

    assert (mm(page.page_width), mm(page.page_height)) == (210, 297)
    assert [mm(page.top_margin), mm(page.bottom_margin), mm(page.left_margin), mm(page.right_margin)] == [37, 35, 28,
                                                                                                          26]


def test_the_body_is_fangsong_sanhao_for_east_asian_text_and_no_theme_font_is_left():
    document = read_back()
    body = document.styles["Normal"]
    assert body.font.size == Pt(16)
    assert east_asian_font(body.element.rPr) == "仿宋_GB2312"
    assert body.font.name == "仿宋_GB2312"
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and fonts.get(qn("w:asciiTheme")) is None
    paragraphs = document.paragraphs
    facts = next(p for p in paragraphs if p.text.startswith("本院经审理认定事实如下"))
    assert all(run.font.name is None and run.font.size is None for run in facts.runs)   # the body style rules
    assert facts.paragraph_format.first_line_indent is None                              # the body style's:
    assert facts.style.paragraph_format.first_line_indent == Pt(32)                      # two characters


def test_the_court_and_the_document_name_are_songti_erhao():
    """By the title style (judgments/render_docx.py), the runs carrying no formatting of their own."""
    paragraphs = read_back().paragraphs
    for title in paragraphs[:2]:
        assert title.style.name == "文书标题"
        assert title.style.font.size == Pt(22)
        assert east_asian_font(title.style.element.rPr) == "宋体"
        assert all(run.font.size is None for run in title.runs)
    number = paragraphs[2]
    assert number.style.name == "案号" and number.style.font.size is None   # the case number in the body's 仿宋 三号


def test_dates_in_chinese_numerals_for_the_judgment_date_and_arabic_elsewhere():
    texts = [p.text for p in read_back().paragraphs]
    assert "二〇二四年六月三日" in texts
    assert "2024年6月3日" not in "\n".join(texts)
    assert any("本院于2024年3月25日立案后" in text for text in texts)


def test_a_gap_left_for_the_judge_is_highlighted():
    undecided = read_back(case(point_decisions=()))
    marked = [run for p in undecided.paragraphs for run in p.runs if run.text == "【待审判员认定】"]
    assert marked and all(run.font.highlight_color == WD_COLOR_INDEX.YELLOW for run in marked)
    decided = read_back()
    assert not [run for p in decided.paragraphs for run in p.runs if run.font.highlight_color is not None]


def test_a_name_stored_with_a_control_character_still_gives_a_document():
    """Rows stored before text was checked at the boundary may hold \x01: the draft drops it rather than fail."""
    borrowers = case().terms.borrowers
    broken = replace(borrowers[0], name=borrowers[0].name + "\x01")
    document = read_back(case(terms=replace(case().terms, borrowers=(broken, *borrowers[1:]))))
    text = "\n".join(p.text for p in document.paragraphs)
    assert borrowers[0].name in text and "\x01" not in text
