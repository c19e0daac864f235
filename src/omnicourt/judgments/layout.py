"""The page of a court document, one for the .docx and the PDF: A4 and the margins of GB/T 9704-2012 §5.2.1 (top 37
mm, bottom 35 mm, left 28 mm, right 26 mm); body 仿宋_GB2312 三号 (16 pt), 22 lines a page (§5.2.2, 7.1); the title
宋体 二号 (22 pt) as the 人民法院民事裁判文书制作规范 (2016) lays out the court's name and the document's name
[U: not in court-rules.md]."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    page_width_mm: float = 210
    page_height_mm: float = 297
    top_mm: float = 37
    bottom_mm: float = 35
    left_mm: float = 28
    right_mm: float = 26
    body_font: str = "仿宋_GB2312"
    body_pt: float = 16
    line_pt: float = 28.95
    title_font: str = "宋体"
    title_pt: float = 22


LAYOUT = Layout()
