"""Exact reading of the amounts, numbers and dates written in Chinese legal documents.

Amounts are Decimal yuan, never float: "100,000.00元", "10万元", "人民币壹拾万元整",
"壹拾贰万叁仟肆佰伍拾陆元柒角捌分", "十万零五百元". Dates: "2024年3月5日", "2024-03-05", "2024/3/5",
"2024.3.5", "二〇二四年三月五日". Chinese numerals go through cn2an; the 元角分 split is done here.

``fold`` turns full-width digits and punctuation into half-width ones character for character, so that
offsets found in the folded text are offsets in the original text too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Generic, TypeVar

import cn2an

FEN = Decimal("0.01")
CN_DIGITS = "零〇○一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
CN_UNITS = "十拾百佰千仟万萬亿億"
CN_NUMERAL = f"[{CN_DIGITS}{CN_UNITS}]"
_CAPITALS = str.maketrans({"萬": "万", "億": "亿", "○": "〇"})

_NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
AMOUNT_DIGITS = re.compile(rf"(?P<num>{_NUMBER})\s*(?P<wan>万)?\s*元")
AMOUNT_WORDS = re.compile(
    rf"(?P<yuan>{CN_NUMERAL}+)[元圆](?:(?P<jiao>[{CN_DIGITS}])角)?(?:零?(?P<fen>[{CN_DIGITS}])分)?整?")
DATE_DIGITS = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})\s*(?:年\s*(?P<m1>[0-9]{1,2})\s*月\s*(?P<d1>[0-9]{1,2})\s*日"
    r"|(?P<sep>[-./])(?P<m2>[0-9]{1,2})(?P=sep)(?P<d2>[0-9]{1,2})(?![0-9]))")
DATE_WORDS = re.compile(
    r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日")


Value = TypeVar("Value")


@dataclass(frozen=True)
class Match(Generic[Value]):
    """A value read from ``text[start:end]``."""

    start: int
    end: int
    value: Value


def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 and char not in "〇" else char


_FOLD_TABLE = {ord(c): _fold_char(c) for c in map(chr, range(0xFF01, 0xFF5F))}
_FOLD_TABLE[0x3000] = " "  # ideographic space


def fold(text: str) -> str:
    """Full-width ASCII (０-９, ，．％ …) to half-width, one character for one, so offsets stay valid."""
    return text.translate(_FOLD_TABLE)


@lru_cache(maxsize=4096)
def chinese_integer(numeral: str) -> int:
    """"壹拾贰万叁仟肆佰伍拾陆" -> 123456; "十万零五百" -> 100500 (cn2an, after folding variants)."""
    text = numeral.translate(_CAPITALS)
    if all(char in "〇零一二三四五六七八九" for char in text) and len(text) > 1:
        return int("".join(str("〇一二三四五六七八九".index(c) if c != "零" else 0) for c in text))
    return int(cn2an.cn2an(text, "normal"))


def _digit(char: str | None) -> int:
    return chinese_integer(char) if char else 0


def parse_amount(text: str) -> Decimal:
    """The amount written in ``text`` (the first one found), in yuan; ValueError when there is none."""
    found = find_amounts(text)
    if not found:
        raise ValueError(f"no amount in {text!r}")
    return found[0].value


def _digits_amount(match: re.Match) -> Decimal:
    value = Decimal(match["num"].replace(",", ""))
    return (value * 10000 if match["wan"] else value).quantize(FEN)


def _words_amount(match: re.Match) -> Decimal:
    yuan = Decimal(chinese_integer(match["yuan"]))
    return (yuan + Decimal(_digit(match["jiao"])) / 10 + Decimal(_digit(match["fen"])) / 100).quantize(FEN)


def find_amounts(text: str) -> list[Match[Decimal]]:
    """Every amount in ``text`` with its span, in order of position. Folded digits are read too."""
    folded = fold(text)
    found = [Match(m.start(), m.end(), _digits_amount(m)) for m in AMOUNT_DIGITS.finditer(folded)]
    for m in AMOUNT_WORDS.finditer(folded):
        try:
            found.append(Match(m.start(), m.end(), _words_amount(m)))
        except (ValueError, KeyError):
            continue  # a run of numeral characters that is no number (e.g. "万一")
    return sorted(found, key=lambda item: item.start)


def _words_date(match: re.Match) -> date:
    year = chinese_integer(match["y"])
    return date(year, chinese_integer(match["m"]), chinese_integer(match["d"]))


def _digits_date(match: re.Match) -> date:
    month = match["m1"] or match["m2"]
    day = match["d1"] or match["d2"]
    return date(int(match["y"]), int(month), int(day))


def find_dates(text: str) -> list[Match[date]]:
    """Every date in ``text`` with its span, in order; impossible dates (2月30日) are skipped."""
    folded = fold(text)
    found: list[Match[date]] = []
    for pattern, reader in ((DATE_DIGITS, _digits_date), (DATE_WORDS, _words_date)):
        for m in pattern.finditer(folded):
            try:
                found.append(Match(m.start(), m.end(), reader(m)))
            except ValueError:
                continue
    return sorted(found, key=lambda item: item.start)


def parse_date(text: str) -> date:
    """The first date written in ``text``; ValueError when there is none."""
    found = find_dates(text)
    if not found:
        raise ValueError(f"no date in {text!r}")
    return found[0].value


def amount_in_words(amount: Decimal) -> str:
    """Decimal yuan -> the capital form banks write: 12345.60 -> "壹万贰仟叁佰肆拾伍元陆角整"."""
    amount = amount.quantize(FEN)
    yuan = int(amount)
    jiao, fen = divmod(int((amount - yuan) * 100), 10)
    words = cn2an.an2cn(yuan, "up") + "元" if yuan else "零元"
    if jiao == 0 and fen == 0:
        return words + "整"
    up = "零壹贰叁肆伍陆柒捌玖"
    if jiao:
        words += up[jiao] + "角"
    if fen:
        words += ("零" if not jiao else "") + up[fen] + "分"
    return words if fen else words + "整"


def date_in_words(value: date) -> str:
    """2024-03-05 -> "二〇二四年三月五日" (the form of judgments and some contracts)."""
    digits = "〇一二三四五六七八九"
    year = "".join(digits[int(c)] for c in str(value.year))
    return f"{year}年{cn2an.an2cn(value.month)}月{cn2an.an2cn(value.day)}日"
