"""Split a full-text judgment into its sections, with character offsets.

The section model follows 《人民法院民事裁判文书制作规范》 (法〔2016〕221号; court-rules.md §5.1–5.2): 标题, 首部
(parties, how the case came and was heard), 事实 (claims, defence, facts found), 理由, 裁判依据, 裁判主文, 尾部
(the delay-interest warning, fees, the appeal notice) and 落款. Criminal judgments put the prosecution's charge
(公诉机关指控) where civil ones put the claims, and the accused's plea where civil ones put the defence;
administrative judgments use the civil headings. Each section is found by its standard wording: first the case
history, the facts found, the reasoning and the operative part, each after the one before; then the claims and
the defence between the history and the facts, and the legal basis as the last "依照《" before the operative part,
so that "依照《借款合同》约定" in the claims or "被告未到庭" in the reasoning is not taken for a section.
The kinds returned: title, parties, procedure_history, claims, defence, facts, reasoning, legal_basis, operative,
delay_notice, fee, appeal_notice, signature. Pure functions: no I/O.
"""

import re
from dataclasses import dataclass

CASE_NUMBER = re.compile(r"[（(]\s*\d{4}\s*[）)][^\s，。；]{1,20}?号")
PROCEDURE_HISTORY = re.compile(r"一案|提起公诉|向本院提起|本院受理后|本院立案后|立案受理后")
CLAIMS = re.compile(
    r"(?:原告|起诉人|申请人|上诉人|再审申请人)[^。；\n]{0,60}?(?:诉称|起诉称|向本院提出(?:诉讼|上诉|再审)?请求|"
    r"(?:诉讼|上诉|再审)请求[:：为])|(?:公诉机关|人民检察院|检察院)指控|诉讼请求[:：]")
DEFENCE = re.compile(
    r"(?:被告|被上诉人|被申请人|第三人)[^。；\n]{0,60}?(?:辩称|答辩称|答辩意见|未(?:作)?答辩|未到庭|未提交(?:书面)?答辩)|"
    r"被告人[^。；\n]{0,60}?(?:辩解|对(?:公诉机关)?指控的?(?:事实|罪名)|无异议)|辩护人[^。；\n]{0,40}?(?:辩护意见|提出)")
FACTS = re.compile(
    r"(?:本院|一审法院|原审法院)(?:二审)?(?:经)?(?:审理|审查)?(?:查明|认定事实如下|认定如下|确认如下|认定的事实如下|认定(?:的)?事实[:：])|"
    r"经(?:审理|审查)(?:查明|认定事实如下|认定如下)|根据当事人陈述和经审查确认的证据")
REASONING = re.compile(r"本院认为")
LEGAL_BASIS = re.compile(r"(?:依照|依据|根据)\s*《")
OPERATIVE = re.compile(r"(?:判决|裁定|决定)如下\s*[:：]?")
DELAY_NOTICE = re.compile(r"如(?:果)?(?:未|不)按(?:照)?本判决(?:书)?指定的期间履行")
FEE = re.compile(r"案件受理费|本案受理费|受理费|诉讼费(?:用)?")
APPEAL_NOTICE = re.compile(r"如不服本(?:判决|裁定)|本(?:判决|裁定)(?:书)?为终审(?:判决|裁定)|本判决为终局判决|一审终审")
# A signature line: not preceded by another Chinese character ("本院审判员" in a sentence is not one).
SIGNATURE = re.compile(r"(?<![\u4e00-\u9fff])(?:审\s*判\s*长|审\s*判\s*员|人民陪审员|代理审判员)")
SENTENCE_END = "。\n"


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def split(text: str) -> dict[str, Span]:
    """The sections found in `text`, each as [start, end) offsets, in document order. Missing sections are absent."""
    starts: dict[str, int] = {}
    title_end = _title_end(text)
    if title_end:
        starts["title"] = 0
    cursor = title_end
    history = PROCEDURE_HISTORY.search(text, cursor)
    if history:
        history_start = _sentence_start(text, history.start(), floor=cursor)
        if history_start > cursor and _mentions_party(text[cursor:history_start]):
            starts["parties"] = cursor
        starts["procedure_history"] = history_start
        cursor = history.end()
    # The strong headings first, each after the one before; the claims and the defence are then sought
    # only between the case history and the facts, so that a "被告未到庭" in the reasoning is not a defence.
    anchors_from = cursor
    for kind, pattern in (("facts", FACTS), ("reasoning", REASONING), ("operative", OPERATIVE)):
        found = pattern.search(text, cursor)
        if found:
            starts[kind] = found.start() if kind == "operative" else _sentence_start(text, found.start(), floor=cursor)
            cursor = found.end()
    first_anchor = min((starts[k] for k in ("facts", "reasoning", "operative") if k in starts), default=len(text))
    window = anchors_from
    for kind, pattern in (("claims", CLAIMS), ("defence", DEFENCE)):
        found = pattern.search(text, window, first_anchor)
        if found:
            starts[kind] = _sentence_start(text, found.start(), floor=window)
            window = found.end()
    if "operative" not in starts:
        return _spans(starts, len(text))
    if "reasoning" in starts:
        basis = _last_match(LEGAL_BASIS, text, starts["reasoning"], starts["operative"])
        if basis is not None:
            starts["legal_basis"] = basis
    tail_start = cursor
    for kind, pattern in (("delay_notice", DELAY_NOTICE), ("fee", FEE), ("appeal_notice", APPEAL_NOTICE)):
        # Courts order the delay warning and the fee differently (court-rules.md §5.2): each is sought
        # anywhere after the operative heading.
        found = pattern.search(text, tail_start)
        if found:
            starts[kind] = _sentence_start(text, found.start(), floor=tail_start)
    signature = SIGNATURE.search(text, max(starts.values()) + 1)
    if signature:
        starts["signature"] = signature.start()
    return _spans(starts, len(text))


def section_text(text: str, spans: dict[str, Span], kind: str) -> str:
    span = spans.get(kind)
    return text[span.start:span.end].strip() if span else ""


def facts_of(text: str) -> str:
    """The facts found by the court (本院查明 …), the part similarity is about; "" when there is none."""
    return section_text(text, split(text), "facts")


def _title_end(text: str) -> int:
    """The title ends with the case number, on the first lines of the document."""
    number = CASE_NUMBER.search(text, 0, 300)
    if number and re.search(r"判决书|裁定书|决定书|调解书", re.sub(r"\s", "", text[:number.start()])):
        return number.end()
    return 0


def _mentions_party(text: str) -> bool:
    return re.search(r"原告|被告|公诉机关|上诉人|申请人|第三人", text) is not None


def _sentence_start(text: str, position: int, *, floor: int) -> int:
    """Back up from a heading to the start of its sentence (a heading like "原告某某诉称" begins there)."""
    boundary = max(text.rfind(mark, floor, position) for mark in SENTENCE_END)
    start = boundary + 1 if boundary >= floor else floor
    while start < position and text[start] in " \t\r\n\u3000":
        start += 1
    return start


def _last_match(pattern: re.Pattern, text: str, start: int, end: int) -> int | None:
    """Where the sentence of the last match in [start, end) begins; the match itself when that sentence
    is the one that opens at `start` (a short "本院认为，…依照《…》…" in one sentence)."""
    found = None
    for match in pattern.finditer(text, start, end):
        found = match
    if found is None:
        return None
    sentence = _sentence_start(text, found.start(), floor=start)
    return sentence if sentence > start else found.start()


def _spans(starts: dict[str, int], length: int) -> dict[str, Span]:
    ordered = sorted(starts.items(), key=lambda item: item[1])
    spans = {}
    for index, (kind, start) in enumerate(ordered):
        end = ordered[index + 1][1] if index + 1 < len(ordered) else length
        if end > start:
            spans[kind] = Span(start, end)
    return spans
