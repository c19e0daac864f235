"""Statute citations in judgment text, normalised, and mapped to the article numbers in force.

A judgment cites "依照《中华人民共和国民法典》第六百六十七条、第六百七十四条，
《中华人民共和国民事诉讼法》第一百四十七条第一款之规定" (court-rules.md §5.2 item 8). The parser reads the law in
《》 (a judicial interpretation writes the law it interprets in 〈〉 inside:
《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》), a known short name without brackets, or
"同法 / 该法" for the law cited last; then every article of the run that follows — several joined by 、 or 和,
ranges "第一条至第三条", paragraphs (款) and items (项), Chinese or Arabic numerals. Names go to the canonical name of
data/retrieval/laws.csv. `current` maps an article to the version in force on a day through
data/retrieval/renumbering.csv (CPL 2017 → 2021 → 2023, court-rules.md §0.2; 合同法 → 民法典). Pure functions over
those tables: no I/O beyond loading them.
"""

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from omnicourt.reference.tables import read_csv

DATA = Path(__file__).resolve().parents[3] / "data" / "retrieval"
DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
          "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = r"[零〇○一二两三四五六七八九十百千\d]+"
# One reference: 第…条 (with 之一 for an inserted article), 第…款, or 第…项 (often with the number in brackets).
REFERENCE = re.compile(rf"\s*第\s*[（(]?({NUMERAL})[）)]?\s*(条|款|项)(?:之({NUMERAL}))?")
JOINER = re.compile(r"\s*(、|，|,|和|及|以及|与|或者|或|至|到)?\s*(?=第)")
SAME_LAW = ("同法", "该法", "本法")
# A name in 《》 that is none of the known laws is taken for one only when it is named like one: 《借款合同》 is not.
LEGAL_NAME_ENDINGS = ("法", "法典", "解释", "规定", "办法", "条例", "决定", "意见", "规则", "批复", "纪要")
RANGE_LIMIT = 100  # "第一条至第九百条" is a typo, not 900 citations


@dataclass(frozen=True, order=True)
class Citation:
    law: str  # canonical name (laws.csv)
    article: str  # "675", or "133之一" for an inserted article
    paragraph: int | None = None  # 款
    item: int | None = None  # 项
    version: str | None = None  # the law's version in force when cited, when the date is known

    def label(self) -> str:
        """《民法典》第675条, 《刑法》第133条之1第1款第2项."""
        article, _, inserted = self.article.partition("之")
        text = f"《{self.law}》第{article}条" + (f"之{inserted}" if inserted else "")
        if self.paragraph:
            text += f"第{self.paragraph}款"
        if self.item:
            text += f"第{self.item}项"
        return text


@dataclass(frozen=True)
class LawVersion:
    law: str
    version: str
    effective_from: date
    effective_to: date | None


@dataclass(frozen=True)
class Renumbering:
    from_law: str
    from_version: str
    first: int
    last: int
    to_law: str
    to_version: str
    to_first: int
    tag: str


@dataclass(frozen=True)
class LawBook:
    names: dict[str, str]  # normalised name or alias -> canonical name
    short_names: dict[str, str]  # canonical name -> the short name judgments use
    versions: dict[str, tuple[LawVersion, ...]]  # canonical name -> versions, oldest first
    renumberings: tuple[Renumbering, ...]
    bare_names: re.Pattern  # known names cited without 《》, longest first

    def canonical(self, name: str) -> str:
        key = normalise_name(name)
        return self.names.get(key, key)

    def version_on(self, law: str, day: date) -> str | None:
        for version in self.versions.get(law, ()):
            if version.effective_from <= day and (version.effective_to is None or day <= version.effective_to):
                return version.version
        return None


def normalise_name(name: str) -> str:
    """A law's name without brackets or spaces, for lookup: 《…关于适用〈…〉的解释》 and its variants meet."""
    return re.sub(r"[《》〈〉<>\s]", "", name)


def chinese_number(text: str) -> int:
    """一百四十七 → 147, 六百零七 → 607, 十 → 10, 二〇 or 20 → 20."""
    if text.isdigit():
        return int(text)
    if all(ch in DIGITS for ch in text):  # digit by digit: 二〇二四
        return int("".join(str(DIGITS[ch]) for ch in text))
    total, digit = 0, 0
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in UNITS:
            total += (digit or 1) * UNITS[ch]
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + digit


def load_law_book(laws: Path, renumbering: Path) -> LawBook:
    names: dict[str, str] = {}
    short_names: dict[str, str] = {}
    versions: dict[str, list[LawVersion]] = {}
    for row in read_csv(laws):
        law = row["law"]
        short_names[law] = row["short"] or law
        for name in (law, row["short"], *row["aliases"].split("|")):
            if name:
                names[normalise_name(name)] = law
        versions.setdefault(law, []).append(LawVersion(
            law, row["version"], date.fromisoformat(row["effective_from"]),
            date.fromisoformat(row["effective_to"]) if row["effective_to"] else None))
    renumberings = tuple(
        Renumbering(row["from_law"], row["from_version"], int(row["from_first"]), int(row["from_last"]),
                    row["to_law"], row["to_version"], int(row["to_first"]), row["tag"])
        for row in read_csv(renumbering))
    bare = sorted({n for n in names if not n.startswith("最高人民法院")}, key=len, reverse=True)
    ordered = {law: tuple(sorted(v, key=lambda x: x.effective_from)) for law, v in versions.items()}
    return LawBook(names, short_names, ordered, renumberings, re.compile("|".join(map(re.escape, bare))))


@lru_cache
def law_book() -> LawBook:
    return load_law_book(DATA / "laws.csv", DATA / "renumbering.csv")


# A law in 《》 (an interpretation may hold 〈〉 or a nested 《》), or "同法 / 该法 / 本法".
BRACKETED = re.compile(r"《((?:[^《》]|《[^《》]*》){1,80})》|(同法|该法|本法)")


def parse(text: str, *, on: date | None = None, book: LawBook | None = None) -> list[Citation]:
    """Every citation in `text`, in order, duplicates kept. With `on` (the judgment's date) each carries the
    version of its law in force that day, which `current` needs to map renumbered articles."""
    book = book or law_book()
    citations: list[Citation] = []
    last_law: str | None = None
    for law, end in _law_mentions(text, book):
        if law in SAME_LAW:
            if last_law is None:
                continue
            law = last_law
        found = _references(text, end, law)
        if not found:
            continue
        last_law = law
        version = book.version_on(law, on) if on else None
        citations.extend(replace(c, version=version) for c in found)
    return citations


def _law_mentions(text: str, book: LawBook):
    """(canonical law or 同法, end offset) for each law named in 《》 or by a known bare name, in order."""
    mentions = []
    for match in BRACKETED.finditer(text):
        law = match.group(2) or book.canonical(match.group(1))
        if law in SAME_LAW or law in book.versions or law.endswith(LEGAL_NAME_ENDINGS):
            mentions.append((match.start(), match.end(), law))
    taken = [(start, end) for start, end, _ in mentions]
    for match in book.bare_names.finditer(text):
        if not any(start <= match.start() < end for start, end in taken):
            mentions.append((match.start(), match.end(), book.canonical(match.group())))
    return [(law, end) for _, end, law in sorted(mentions)]


def _references(text: str, position: int, law: str) -> list[Citation]:
    """The run of 第…条 / 款 / 项 starting at `position`, as citations of `law`."""
    citations: list[Citation] = []
    pending: Citation | None = None
    joiner = None
    while (reference := REFERENCE.match(text, position)) is not None:
        number, unit, inserted = chinese_number(reference.group(1)), reference.group(2), reference.group(3)
        if unit == "条":
            article = f"{number}之{chinese_number(inserted)}" if inserted else str(number)
            if pending is not None:
                citations.append(pending)
                if joiner in ("至", "到") and pending.article.isdigit() and not inserted:
                    first = int(pending.article) + 1
                    citations.extend(Citation(law, str(n)) for n in range(first, min(number, first + RANGE_LIMIT)))
            pending = Citation(law, article)
        elif pending is None:
            break  # a paragraph with no article before it: not a citation
        elif unit == "款":
            if pending.paragraph is not None:
                citations.append(pending)
                pending = Citation(law, pending.article)
            pending = replace(pending, paragraph=number, item=None)
        else:
            if pending.item is not None:
                citations.append(pending)
            pending = replace(pending, item=number)
        position = reference.end()
        link = JOINER.match(text, position)
        if link is None:
            break
        joiner, position = link.group(1), link.end()
    if pending is not None:
        citations.append(pending)
    return citations


def current(citation: Citation, as_of: date, *, book: LawBook | None = None) -> Citation:
    """The same provision in the version in force on `as_of`: CPL 2017 art. 253 is art. 260 in 2022–2023 and
    art. 264 from 2024 (court-rules.md §0.2); 合同法 art. 206 is 民法典 art. 675. A citation without a version,
    or an article no row of renumbering.csv covers, is returned as it is."""
    book = book or law_book()
    seen = set()
    while citation.version and citation.article.isdigit() and (citation.law, citation.version) not in seen:
        seen.add((citation.law, citation.version))
        step = _next_step(book, citation, as_of)
        if step is None:
            break
        article = step.to_first + int(citation.article) - step.first
        citation = replace(citation, law=step.to_law, version=step.to_version, article=str(article))
    return citation


def _next_step(book: LawBook, citation: Citation, as_of: date) -> Renumbering | None:
    """The row taking the citation's article to a later version that had begun by `as_of`."""
    article = int(citation.article)
    for row in book.renumberings:
        if row.from_law == citation.law and row.from_version == citation.version and row.first <= article <= row.last:
            target = next(v for v in book.versions[row.to_law] if v.version == row.to_version)
            if target.effective_from <= as_of:
                return row
    return None


def predecessors(law: str, article: str, *, book: LawBook | None = None) -> set[tuple[str, str, str]]:
    """The earlier (law, article, version) that `current` maps to this article of the law's latest version:
    民法典 675 ← 合同法 206; CPL 264 ← CPL 2021 260 ← CPL 2017 253 ← CPL 2012 253."""
    book = book or law_book()
    if not article.isdigit() or law not in book.versions:
        return set()
    found: set[tuple[str, int, str]] = set()
    frontier = [(law, int(article), book.versions[law][-1].version)]
    while frontier:
        to_law, number, version = frontier.pop()
        for row in book.renumberings:
            if row.to_law == to_law and row.to_version == version and \
                    row.to_first <= number <= row.to_first + row.last - row.first:
                prior = (row.from_law, row.first + number - row.to_first, row.from_version)
                if prior not in found:
                    found.add(prior)
                    frontier.append(prior)
    return {(prior_law, str(number), version) for prior_law, number, version in found}
