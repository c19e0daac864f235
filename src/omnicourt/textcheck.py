"""Text typed by users, checked where it enters the platform: normalised, trimmed, limited in length, and
refused on characters that break the documents and spreadsheets it later goes into (control characters are
illegal in XML, hence in .docx and .xlsx) or that hide what it says (bidirectional overrides, the "Trojan Source"
trick, CVE-2021-42574) or that no font can show (unassigned code points, lone surrogates).

One set of rules for every route: pydantic schemas annotate fields with `Annotated[str, PlainText(...)]` (or the
common ones below: Name, Code…), form handlers call `form_text(...)`, the element sheet checks its cells with
`check_text`.
"""

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationError
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from omnicourt.errors import InvalidInput

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_CONTROLS = frozenset("\n\t")  # kept in multi-line text; every other control character is refused
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as a formula (OWASP CSV injection)


class TextRefused(ValueError):
    """The text breaks a rule; ``message`` says which, without naming the field (the caller knows it)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def check_text(value: str, *, max_length: int, multiline: bool = False, compatibility: bool = False) -> str:
    """The text normalised (NFC; NFKC for codes, where full-width digits mean the same) and trimmed, or
    TextRefused. Multi-line text keeps line breaks and tabs, with CR LF made LF."""
    if len(value) > 2 * max_length:  # before any work: room enough for the spaces trimmed
        raise TextRefused(f"不能超过{max_length}个字符（现有{len(value)}个）")
    text = unicodedata.normalize("NFKC" if compatibility else "NFC", value)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip()
    for char in text:
        problem = _problem(char, multiline)
        if problem:
            raise TextRefused(f"含有{problem}（U+{ord(char):04X}），请删除后重新填写")
    if len(text) > max_length:
        raise TextRefused(f"不能超过{max_length}个字符（现有{len(text)}个）")
    return text


def _problem(char: str, multiline: bool) -> str | None:
    if char in BIDI_CONTROLS:
        return "文字方向控制字符"
    category = unicodedata.category(char)
    if category == "Cc" and not (multiline and char in LINE_CONTROLS):
        return "控制字符"
    if category in ("Cn", "Cs"):
        return "无效字符"
    return None


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold: rows stored before these checks refused them must not
    break a .docx or .xlsx written from them."""
    return _NOT_XML.sub("", text)


def looks_like_formula(text: str) -> bool:
    """A cell a spreadsheet would evaluate: refused on import, escaped on export."""
    return text.startswith(FORMULA_STARTS)


@dataclass(frozen=True)
class PlainText:
    """Pydantic metadata for user text: `reason: Annotated[str, PlainText(2000, multiline=True)]` (an alias a type
    checker reads as str). Refusals read "不能超过2000个字符" etc.; the validation handler (web/errors.py) puts the
    field's name in front."""

    max_length: int
    multiline: bool = False
    compatibility: bool = False

    def validate(self, value: str) -> str:
        try:
            return check_text(value, max_length=self.max_length, multiline=self.multiline,
                              compatibility=self.compatibility)
        except TextRefused as refused:
            raise PydanticCustomError("text_refused", refused.message) from None

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.validate, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return handler(schema) | {"maxLength": self.max_length}


def form_text(value: str | None, *, field: str, label: str, max_length: int, multiline: bool = False,
              compatibility: bool = False) -> str:
    """The same check for a form field: InvalidInput naming the field, as "「结案计划」不能超过4000个字符"."""
    try:
        return check_text(value or "", max_length=max_length, multiline=multiline, compatibility=compatibility)
    except TextRefused as refused:
        raise InvalidInput(f"「{label}」{refused.message}", field=field) from None


def _field_path(location) -> str:
    return ".".join(str(p) for p in location if p not in ("body", "query", "path", "form", "header"))


# pydantic's error types a user meets, worded for them; the rest get the generic message.
_WORDING = {
    "text_refused": lambda ctx, msg: msg,
    "string_too_long": lambda ctx, msg: f"不能超过{ctx['max_length']}个字符",
    "string_too_short": lambda ctx, msg: f"不能少于{ctx['min_length']}个字符",
    "too_long": lambda ctx, msg: f"最多{ctx['max_length']}项",
    "greater_than_equal": lambda ctx, msg: f"不能小于{ctx['ge']}",
    "greater_than": lambda ctx, msg: f"应大于{ctx['gt']}",
    "less_than_equal": lambda ctx, msg: f"不能大于{ctx['le']}",
    "less_than": lambda ctx, msg: f"应小于{ctx['lt']}",
    "missing": lambda ctx, msg: "缺失",
    "int_parsing": lambda ctx, msg: "应为整数",
    "int_from_float": lambda ctx, msg: "应为整数",
}


def validation_message(errors: Sequence[Mapping[str, Any]]) -> tuple[str, str | None]:
    """The first validation error as (Chinese message naming the field, field path)."""
    first = errors[0] if errors else {}
    field = _field_path(first.get("loc", ()))
    wording = _WORDING.get(first.get("type", ""))
    if wording:
        return f"字段「{field or '请求'}」{wording(first.get('ctx') or {}, first.get('msg', ''))}", field or None
    return f"字段「{field or '请求'}」缺失或格式不正确", field or None


def invalid_input(error: ValidationError) -> InvalidInput:
    """A schema refusal met outside a route's own validation (a page or an import building a schema)."""
    message, field = validation_message(error.errors())
    return InvalidInput(message, field=field)


# The limits of the platform's common fields.
Name = Annotated[str, PlainText(128)]  # a person's or an organisation's name
Code = Annotated[str, PlainText(64, compatibility=True)]  # ID numbers, USCCs, phone numbers, court and cause codes
Address = Annotated[str, PlainText(300)]
ShortText = Annotated[str, PlainText(500)]  # a claim, a reason, one item of a list
LongText = Annotated[str, PlainText(20000, multiline=True)]  # facts and reasons, plans, notes, summaries
