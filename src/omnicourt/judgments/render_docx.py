"""A court document's sections as a .docx for editing (python-docx), opening cleanly in Word and WPS: real styles
(正文, 文书标题, 案号, 落款) rather than direct formatting, every script's font set (w:eastAsia included, which
python-docx's font.name leaves unset), the gaps left for the judge highlighted, the court's seal (seal.py) floating
over the 落款's date as courts seal it."""

import io
from collections.abc import Sequence

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from omnicourt.judgments import seal
from omnicourt.judgments.layout import LAYOUT
from omnicourt.judgments.sections import GAP, Section, is_date_line
from omnicourt.textcheck import xml_safe

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY, TITLE, NUMBER, SIGNATURE = "Normal", "文书标题", "案号", "落款"
MARK = "omnicourt_"  # a bookmark at each section's first paragraph, named MARK + key: read_docx reads them back


def render(sections: Sequence[Section], *, seal_name: str | None = None) -> bytes:
    """The .docx of the sections; `seal_name` the sealing court's name (None: not sealed)."""
    document = Document()
    _page(document)
    _styles(document)
    for number, section in enumerate(sections):
        for index, text in enumerate(section.paragraphs):
            paragraph = document.add_paragraph(style=_style_of(section.key, index))
            if index == 0:
                _mark(paragraph, section.key, number)
            for part in GAP.split(text):
                if part:
                    run = paragraph.add_run(xml_safe(part))
                    if GAP.fullmatch(part):
                        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            if section.key == "signature" and seal_name and is_date_line(text):
                _float_seal(paragraph, seal_name)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _mark(paragraph, key: str, number: int) -> None:
    """An empty bookmark where the section starts (invisible in Word and WPS, kept through editing)."""
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{number}" w:name="{MARK}{key}"/>')
    end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{number}"/>')
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    start.addnext(end)


def _style_of(key: str, index: int) -> str:
    if key == "title":
        return NUMBER if index == 2 else TITLE
    return SIGNATURE if key == "signature" else BODY


def _page(document) -> None:
    page = document.sections[0]
    page.page_width, page.page_height = Mm(LAYOUT.page_width_mm), Mm(LAYOUT.page_height_mm)
    page.top_margin, page.bottom_margin = Mm(LAYOUT.top_mm), Mm(LAYOUT.bottom_mm)
    page.left_margin, page.right_margin = Mm(LAYOUT.left_mm), Mm(LAYOUT.right_mm)


def _styles(document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(defaults, LAYOUT.body_font)   # no theme font (Calibri) left to fall back to
    body = document.styles[BODY]
    body.font.size = Pt(LAYOUT.body_pt)
    set_fonts(body.element.get_or_add_rPr(), LAYOUT.body_font)
    spacing = body.paragraph_format
    spacing.line_spacing_rule, spacing.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(LAYOUT.line_pt)
    spacing.space_before = spacing.space_after = Pt(0)
    spacing.first_line_indent = Pt(2 * LAYOUT.body_pt)
    for name, alignment in ((TITLE, WD_ALIGN_PARAGRAPH.CENTER), (NUMBER, WD_ALIGN_PARAGRAPH.RIGHT),
                            (SIGNATURE, WD_ALIGN_PARAGRAPH.RIGHT)):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = body
        style.paragraph_format.alignment = alignment
        style.paragraph_format.first_line_indent = Pt(0)
    title = document.styles[TITLE]
    title.font.size, title.font.bold = Pt(LAYOUT.title_pt), True
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    set_fonts(title.element.get_or_add_rPr(), LAYOUT.title_font)


def set_fonts(run_properties, name: str) -> None:
    """The font for every script (w:ascii, w:hAnsi, w:eastAsia, w:cs): Chinese text takes w:eastAsia; theme fonts
    would override the names, so they are removed."""
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = run_properties.makeelement(qn("w:rFonts"), {})
        run_properties.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), name)


def _float_seal(paragraph, court_name: str) -> None:
    """The seal as a picture floating in front of the text, centred on the date's paragraph (wp:anchor: python-docx
    adds inline pictures only, so the inline one is turned into an anchored one)."""
    size = Mm(seal.DIAMETER_MM)
    run = paragraph.add_run()
    inline = run.add_picture(io.BytesIO(seal.png(court_name)), width=size, height=size)._inline
    half = int(size / 2)
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp")} distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264"'
        f' behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        f'<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="margin"><wp:align>right</wp:align></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{-half + int(Pt(LAYOUT.line_pt / 2))}</wp:posOffset>'
        f'</wp:positionV>'
        f'<wp:extent cx="{int(size)}" cy="{int(size)}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'</wp:anchor>')
    for child in ("wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"):
        found = inline.find(qn(child))
        if found is not None:
            anchor.append(found)
    inline.getparent().replace(inline, anchor)
