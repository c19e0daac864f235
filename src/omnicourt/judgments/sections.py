"""A court document as data: its sections in the order of court-rules.md §5.2, each a title and paragraphs. What is
stored (a version's sections), what the judge edits and what both renderers lay out."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# The keys of §5.2's sections in their order; items 10 and 11 (delay_warning, fee) may swap (a court's practice).
ORDER = ("title", "parties", "history", "claims", "defence", "facts", "reasoning", "legal_basis", "operative",
         "delay_warning", "fee", "appeal", "signature")
TITLES = {"title": "标题", "parties": "当事人信息", "history": "案由及审理经过", "claims": "诉称", "defence": "辩称",
          "facts": "本院查明", "reasoning": "本院认为", "legal_basis": "裁判依据", "operative": "主文",
          "delay_warning": "迟延履行告知", "fee": "受理费负担", "appeal": "上诉告知", "signature": "落款"}
MAX_SECTIONS = 20
MAX_PARAGRAPHS = 200
MAX_PARAGRAPH = 5000
# A fact the record does not hold is left for the judge, highlighted, never invented.
GAP = re.compile(r"(【待[^】]{1,60}】)")
# The 落款's date line, which the court's seal covers.
DATE_LINE = re.compile(r"^[〇一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$")


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    paragraphs: tuple[str, ...]


def section(key: str, *paragraphs: str) -> Section:
    """A section of §5.2 under its title; empty paragraphs are left out (a section without any is not written)."""
    return Section(key, TITLES[key], tuple(p for p in paragraphs if p))


def gap(what: str) -> str:
    return f"【待法官补充：{what}】"


def gaps_in(sections: Iterable[Section]) -> list[str]:
    """Every gap left in the document, in order."""
    return [found for s in sections for text in s.paragraphs for found in GAP.findall(text)]


def to_data(sections: Sequence[Section]) -> list[dict]:
    return [{"key": s.key, "title": s.title, "paragraphs": list(s.paragraphs)} for s in sections]


def from_data(data: Sequence[dict]) -> list[Section]:
    return [Section(str(item["key"]), str(item["title"]), tuple(str(p) for p in item["paragraphs"])) for item in data]


def is_date_line(text: str) -> bool:
    return bool(DATE_LINE.match(text.strip()))
