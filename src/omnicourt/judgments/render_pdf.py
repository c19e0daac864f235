"""A court document's sections as a PDF for delivery (reportlab), laid out as its .docx is: A4, GB/T 9704 margins,
the court's name and the document's name centred, the case number right-aligned, the body indented two characters,
the 落款 right-aligned with the court's seal over its date.

Text in STSong-Light, the CJK font every PDF reader provides (Adobe-GB1), so no font file is embedded; a gap left
for the judge is highlighted yellow as in the .docx.
"""

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from omnicourt.judgments import seal
from omnicourt.judgments.layout import LAYOUT
from omnicourt.judgments.sections import GAP, Section, is_date_line

CONTENT_TYPE = "application/pdf"
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

_BODY = ParagraphStyle("body", fontName=FONT, fontSize=LAYOUT.body_pt, leading=LAYOUT.line_pt, wordWrap="CJK",
                       firstLineIndent=2 * LAYOUT.body_pt)
_TITLE = ParagraphStyle("title", parent=_BODY, fontSize=LAYOUT.title_pt, leading=LAYOUT.title_pt * 1.6,
                        alignment=TA_CENTER, firstLineIndent=0)
_NUMBER = ParagraphStyle("number", parent=_BODY, alignment=TA_RIGHT, firstLineIndent=0)
_SIGNATURE = ParagraphStyle("signature", parent=_BODY, alignment=TA_RIGHT, firstLineIndent=0)


class _Sealed(Flowable):
    """The 落款's date with the court's seal centred over it."""

    def __init__(self, text: str, court_name: str):
        super().__init__()
        self.paragraph = Paragraph(escape(text), _SIGNATURE)
        self.court_name = court_name

    def wrap(self, available_width, available_height):
        self.width, self.height = self.paragraph.wrap(available_width, available_height)
        return self.width, self.height

    def draw(self):
        self.paragraph.drawOn(self.canv, 0, 0)
        text_width = pdfmetrics.stringWidth(self.paragraph.text, FONT, LAYOUT.body_pt)
        radius = seal.DIAMETER_MM * mm / 2
        seal.draw_pdf(self.canv, self.court_name, centre_x=self.width - text_width / 2, centre_y=self.height / 2,
                      radius=radius, font=FONT)


def _marked(text: str) -> str:
    """The paragraph's text for reportlab's markup, each gap on a yellow ground."""
    return "".join(f'<span backColor="yellow">{escape(part)}</span>' if GAP.fullmatch(part) else escape(part)
                   for part in GAP.split(text) if part)


def render(sections: Sequence[Section], *, seal_name: str | None = None) -> bytes:
    """The PDF of the sections; `seal_name` the sealing court's name (None: not sealed, e.g. a draft)."""
    story: list[Flowable] = []
    for section in sections:
        for index, text in enumerate(section.paragraphs):
            if section.key == "title":
                story.append(Paragraph(_marked(text), _NUMBER if index == 2 else _TITLE))
            elif section.key == "signature":
                if index == 0:
                    story.append(Spacer(1, LAYOUT.line_pt))
                if seal_name and is_date_line(text):
                    story.append(_Sealed(text, seal_name))
                else:
                    story.append(Paragraph(_marked(text), _SIGNATURE))
            else:
                story.append(Paragraph(_marked(text), _BODY))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, topMargin=LAYOUT.top_mm * mm, bottomMargin=LAYOUT.bottom_mm * mm,
                                 leftMargin=LAYOUT.left_mm * mm, rightMargin=LAYOUT.right_mm * mm,
                                 title=" ".join(sections[0].paragraphs[:2]) if sections else "", author="",
                                 creator="OmniCourt", invariant=True)
    document.build(story)
    return buffer.getvalue()
