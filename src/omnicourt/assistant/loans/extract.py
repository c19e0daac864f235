"""Rule-based extraction of the elements of a loan dispute from the case file, and reconciliation with the
element sheet.

Each document kind has its cue words (合同编号, 借款金额, 借款期限自…起至…止, 保证人, 抵押物, 截至…尚欠…);
every value keeps the document, the character span and the quoted text it came from. Values are read on the
folded text (full-width digits made half-width one character for one), so spans are spans of the original.
When documents disagree, the source that is authoritative for the field wins (the loan contract for its
terms, the complaint for the claim, the ledger for payments) and the disagreement is reported as a Conflict.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from omnicourt.assistant.documents import CaseDocument
from omnicourt.assistant.numbers import find_amounts, find_dates, fold
from omnicourt.loans.elements import Elements, Finding

ELEMENT_SHEET = "element_sheet"
_DATE = r"(?:(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日" \
        r"|(?:19|20)[0-9]{2}[-./][0-9]{1,2}[-./][0-9]{1,2}" \
        r"|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)"
_AMOUNT = r"(?:人民币)?\s*(?:[0-9][0-9,]*(?:\.[0-9]+)?\s*万?\s*元" \
          r"|[零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾百佰千仟万亿]+[元圆]" \
          r"(?:[零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖]角)?(?:零?[零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖]分)?整?)"
_NAME = r"[\u4e00-\u9fa5（）()·]{2,40}"
_ROLE_NOTE = r"(?:\s*[（(][甲乙丙丁戊]方[)）])?"  # 借款人（甲方）; not 保证人（签字） under the signature
_ID = r"[0-9]{17}[0-9Xx]|[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}"
RATE = re.compile(
    r"(?:年利率|月利率|日利率|年息|月息|日息)\s*[为:：]?\s*(?:[0-9]+(?:\.[0-9]+)?\s*[%‰]|万分之[0-9.一二三四五六七八九十点]+"
    r"|千分之[0-9.一二三四五六七八九十点]+|百分之[0-9.一二三四五六七八九十点]+)"
    r"|(?:LPR|贷款市场报价利率)\s*(?:加|减)\s*[0-9]+\s*个?基点")
METHOD_CUES = (("等额本息", "等额本息"), ("等额本金", "等额本金"), ("按月付息", "按月付息到期还本"),
               ("按季付息", "按月付息到期还本"), ("利随本清", "到期一次性还本付息"),
               ("到期一次性还本付息", "到期一次性还本付息"))
GUARANTEE_KINDS = (("最高额", "maximum"), ("一般保证", "general"), ("连带", "joint"))
# Which document kind is authoritative for a field (the first found wins; the others confirm or contradict).
PRIORITY = {
    "claim": ("complaint",),
    "lender": ("complaint", "loan_contract"),
    "disbursement": ("ledger", "complaint"),
    "repayment": ("ledger",),
    "default": ("complaint",),
    "acceleration": ("complaint",),
}
# A value with the span [start, end) of the document it was read from.
Located = tuple[object, int, int]
_DEFAULT_PRIORITY = ("loan_contract", "guarantee_contract", "mortgage_contract", "complaint", "ledger")


@dataclass(frozen=True)
class Conflict:
    """Two sources disagree on a field: the element sheet (or the authoritative document) and another one."""

    field: str
    sheet_value: object
    document_finding: Finding


class Extraction(dict):
    """Elements (field -> chosen Finding) that also keep every candidate found, for reconcile()."""

    def __init__(self, chosen: Elements, candidates: dict[str, list[Finding]]):
        super().__init__(chosen)
        self.candidates = candidates


class _Reader:
    """Finds values in one document; every hit becomes a Finding whose quote is the document's text."""

    def __init__(self, document: CaseDocument):
        self.document = document
        self.folded = fold(document.text)
        self.found: list[Finding] = []
        self.groups: list[tuple[str, dict[str, Located]]] = []  # repeated parties, numbered across documents

    def add(self, field: str, value: object, start: int, end: int, confidence: float) -> None:
        self.found.append(Finding(field, value, self.document.name, start, end, confidence,
                                  self.document.text[start:end]))

    def first(self, pattern: str, flags: int = 0, start: int = 0) -> re.Match | None:
        return re.compile(pattern, flags).search(self.folded, start)

    def text_value(self, field: str, pattern: str, confidence: float = 0.9, group: str = "v",
                   clean: Callable[[str], object] = str.strip, flags: int = 0) -> None:
        match = self.first(pattern, flags)
        if match:
            self.add(field, clean(match[group]), match.start(group), match.end(group), confidence)

    def amount(self, field: str, pattern: str, confidence: float = 0.9) -> None:
        match = self.first(rf"{pattern}\s*[为:：]?\s*(?P<v>{_AMOUNT})")
        if match:
            amounts = find_amounts(match["v"])
            if amounts:
                hit = amounts[0]
                self.add(field, hit.value, match.start("v") + hit.start, match.start("v") + hit.end, confidence)

    def date(self, field: str, pattern: str, confidence: float = 0.9) -> None:
        match = self.first(pattern.replace("{DATE}", rf"(?P<v>{_DATE})"))
        if match:
            dates = find_dates(match["v"])
            if dates:
                self.add(field, dates[0].value, match.start("v"), match.end("v"), confidence)


def _complaint(reader: _Reader) -> None:
    reader.text_value("lender.name", rf"原告[:：]\s*(?P<v>{_NAME}?)[，,。\n]")
    reader.text_value("lender.address", r"原告[:：](?:[^\n]*?|[^\n]*\n)住所地?[:：]?\s*(?P<v>[^。，\n]+)")
    reader.text_value("lender.representative", r"负责人[:：]\s*(?P<v>[\u4e00-\u9fa5·]{2,8})")
    # A natural person lending (民间借贷): "原告：张三，男，…，公民身份号码：…，住…".
    reader.text_value("lender.id_number", rf"原告[:：][^\n]*?公民身份号码[:：]?\s*(?P<v>{_ID})", clean=str.upper)
    reader.text_value("lender.address", r"原告[:：][^\n]*?[，,]住(?!所)[:：]?\s*(?P<v>[^。，\n]+)")
    reader.date("claim.cutoff", r"(?:截至|截止|计至|暂计至)\s*{DATE}")
    for field, cue in (("claim.principal", r"(?:借款本金|贷款本金|尚欠本金|本金)"),
                       ("claim.interest", r"(?:(?<!罚)(?<!逾期)利息|欠息)"), ("claim.penalty", r"(?:罚息|逾期利息)"),
                       ("claim.compound", r"复利"), ("claim.fees", r"律师费")):
        reader.amount(field, cue, 0.9)
    reader.date("contract.date", r"{DATE}\s*[，,]?\s*原告与被告.{0,40}?签订", 0.8)
    reader.amount("loan.principal", r"约定(?:借款|贷款)(?:金额|本金)?", 0.8)
    _term(reader, 0.8)
    rate = RATE.search(reader.folded)
    if rate:
        reader.add("loan.rate", compact_rate(rate.group()), rate.start(), rate.end(), 0.8)
    reader.text_value("contract.number", r"编号为\s*(?P<v>[^\s，,的]+?)\s*的(?:借款|贷款)", 0.8)
    reader.date("disbursement.date", r"{DATE}\s*[，,]?\s*原告(?:依约|按约)?(?:发放|放款|向被告发放)", 0.85)
    reader.date("disbursement.date", r"原告(?:依约|按约)?于\s*{DATE}\s*(?:向被告)?(?:发放|放款)", 0.85)
    reader.amount("disbursement.amount", r"(?:发放贷款|放款)", 0.85)
    reader.date("default.date", r"自\s*{DATE}\s*起(?:未按约|未按时|未按期|逾期|停止)", 0.9)
    reader.date("acceleration.date", r"于\s*{DATE}\s*(?:向被告)?宣布(?:贷款|借款)?(?:全部)?提前到期", 0.9)
    _repayments_in_narrative(reader)
    guarantors = reader.first(r"判令被告(?P<v>[\u4e00-\u9fa5（）()·、]+?)对上述(?:全部)?债务"
                              r"承担(?:连带)?(?:清偿|保证)责任")
    if guarantors:
        at = guarantors.start("v")
        for index, name in enumerate(re.finditer(r"[^、]+", guarantors["v"]), 1):
            reader.add(f"guarantor.{index}.name", name.group(), at + name.start(), at + name.end(), 0.7)


def _repayments_in_narrative(reader: _Reader) -> None:
    """"此后被告分别于A还款X元、B还款Y元": the payments when the complaint lists them (no ledger needed)."""
    row_pattern = re.compile(rf"(?P<d>{_DATE})\s*(?:还款|归还|偿还)(?:本息|借款)?\s*(?P<a>{_AMOUNT})")
    for sentence in re.finditer(r"[^。\n]*(?:还款|归还|偿还)[^。\n]*", reader.folded):
        rows = list(row_pattern.finditer(sentence.group()))
        for index, row in enumerate(rows, 1):
            at = sentence.start()
            reader.add(f"repayment.{index}.date", find_dates(row["d"])[0].value, at + row.start("d"),
                       at + row.end("d"), 0.8)
            amount = find_amounts(row["a"])[0]
            reader.add(f"repayment.{index}.amount", amount.value, at + row.start("a") + amount.start,
                       at + row.start("a") + amount.end, 0.8)
        if rows:
            return


def _term(reader: _Reader, confidence: float) -> None:
    """"借款期限自A起至B止", also "借款期限：A至B"."""
    term = reader.first(rf"(?:借款|贷款)期限\s*(?:为|：|:)?\s*自?\s*(?P<s>{_DATE})\s*(?:起)?\s*"
                        rf"(?:至|到|—|-|~)\s*(?P<e>{_DATE})")
    if term:
        reader.add("loan.term_start", find_dates(term["s"])[0].value, term.start("s"), term.end("s"), confidence)
        reader.add("loan.term_end", find_dates(term["e"])[0].value, term.start("e"), term.end("e"), confidence)


def _loan_contract(reader: _Reader) -> None:
    folded = reader.folded
    reader.text_value("contract.number", r"合同(?:编号|号)\s*[:：]\s*(?P<v>\S+)")
    reader.text_value("lender.name", rf"(?m)^(?:贷款人|出借人){_ROLE_NOTE}[:：]\s*(?P<v>{_NAME})$")
    reader.amount("loan.principal", r"(?:借款|贷款)(?:金额|本金)(?:[（(]大写[)）])?(?:为)?")
    _term(reader, 0.95)
    rate_clause = reader.first(r"利率")
    rate = RATE.search(folded, rate_clause.start() if rate_clause else 0)
    if rate:
        reader.add("loan.rate", compact_rate(rate.group()), rate.start(), rate.end(), 0.9)
    method_clause = reader.first(r"还款方式")
    if method_clause:
        window = folded[method_clause.end():method_clause.end() + 80]
        for cue, method in METHOD_CUES:
            at = window.find(cue)
            if at >= 0:
                start = method_clause.end() + at
                reader.add("loan.repayment_method", method, start, start + len(cue), 0.9)
                break
    uplift = reader.first(r"罚息[^。]*?(?:上浮|加收|提高)\s*(?P<v>[0-9]+(?:\.[0-9]+)?)\s*%")
    if uplift:
        reader.add("loan.penalty_uplift", Decimal(uplift["v"]) / 100, uplift.start("v"), uplift.end("v"), 0.9)
    compound = reader.first(r"(?P<v>不(?:计收|计|收取)复利|(?:计收|计)复利)")
    if compound:
        reader.add("loan.compound", not compound["v"].startswith("不"), compound.start("v"), compound.end("v"), 0.9)
    reader.text_value("loan.day_count", r"年利率\s*/\s*(?P<v>360|365)", clean=int)
    reader.date("contract.date", r"签订日期[:：]\s*{DATE}", 0.95)
    for index, party in enumerate(_parties(reader, "借款人"), 1):
        for key, (value, start, end) in party.items():
            reader.add(f"borrower.{index}.{key}", value, start, end, 0.9)


def _parties(reader: _Reader, role: str) -> list[dict[str, Located]]:
    """The parties introduced as "role：name" at the start of a line, with the ID and address that follow."""
    parties = []
    matches = list(re.finditer(rf"^{role}{_ROLE_NOTE}[:：]\s*(?P<v>{_NAME})\s*$", reader.folded, re.M))
    for i, match in enumerate(matches):
        block_end = matches[i + 1].start() if i + 1 < len(matches) else match.end() + 300
        block = reader.folded[match.end():block_end]
        party: dict[str, Located] = {"name": (match["v"], match.start("v"), match.end("v"))}
        id_match = re.search(rf"(?:身份证|公民身份|信用代码)[^:：\n]*[:：]\s*(?P<v>{_ID})", block)
        if id_match:
            party["id_number"] = (id_match["v"].upper(), match.end() + id_match.start("v"),
                                  match.end() + id_match.end("v"))
        address = re.search(r"(?:住所|住址|地址)[:：]\s*(?P<v>[^\n]+)", block)
        if address and role == "借款人":
            party["address"] = (address["v"].strip(), match.end() + address.start("v"), match.end() + address.end("v"))
        parties.append(party)
    return parties


def _guarantee(reader: _Reader) -> None:
    for party in _parties(reader, "保证人"):
        reader.groups.append(("guarantor", party))
        kind = reader.first(r"保证方式[^。]*?为\s*(?P<v>[^。，]+)")
        text = kind["v"] if kind else reader.folded[:20]
        value = next((code for cue, code in GUARANTEE_KINDS if cue in text), "joint")
        if kind:
            party["kind"] = (value, kind.start("v"), kind.end("v"))
        ceiling = reader.first(rf"最高债权额\s*为\s*(?P<v>{_AMOUNT})")
        if ceiling and value == "maximum":
            hit = find_amounts(ceiling["v"])[0]
            party["max_amount"] = (hit.value, ceiling.start("v") + hit.start, ceiling.start("v") + hit.end)


def _mortgage(reader: _Reader) -> None:
    owner = reader.first(rf"抵押人[:：]\s*(?P<v>{_NAME})\s*$", re.M)
    description = reader.first(r"抵押(?:物|财产)\s*(?:为|：|:)\s*(?P<v>[^。；]+?)(?:[，,]\s*抵押物的|。|；)")
    ceiling = reader.first(rf"(?:最高债权额|担保的主债权金额|担保金额)\s*为\s*(?P<v>{_AMOUNT})")
    item: dict[str, Located] = {}
    if owner:
        item["owner"] = (owner["v"], owner.start("v"), owner.end("v"))
    if description:
        item["description"] = (description["v"].strip(), description.start("v"), description.end("v"))
    if ceiling:
        hit = find_amounts(ceiling["v"])[0]
        item["max_amount"] = (hit.value, ceiling.start("v") + hit.start, ceiling.start("v") + hit.end)
    if item:
        reader.groups.append(("collateral", item))


_CELL = r"[\s|｜\t]+"  # ledger columns: spaces, tabs or vertical bars
_LEDGER_ROW = re.compile(
    rf"^[\s|｜]*(?P<d>{_DATE}){_CELL}(?P<kind>[^\s|｜0-9]+){_CELL}(?P<a>[0-9][0-9,]*\.[0-9]{{2}})", re.M)


def _ledger(reader: _Reader) -> None:
    index = 0
    for row in _LEDGER_ROW.finditer(reader.folded):
        day = find_dates(row["d"])
        if not day:
            continue
        amount = Decimal(row["a"].replace(",", ""))
        if re.search(r"放款|发放|放贷", row["kind"]):
            reader.add("disbursement.date", day[0].value, row.start("d"), row.end("d"), 0.95)
            reader.add("disbursement.amount", amount, row.start("a"), row.end("a"), 0.95)
        elif re.search(r"还款|归还|扣款|还本|还息", row["kind"]):
            index += 1
            reader.add(f"repayment.{index}.date", day[0].value, row.start("d"), row.end("d"), 0.95)
            reader.add(f"repayment.{index}.amount", amount, row.start("a"), row.end("a"), 0.95)


READERS = {"complaint": _complaint, "loan_contract": _loan_contract, "guarantee_contract": _guarantee,
           "mortgage_contract": _mortgage, "ledger": _ledger}


def compact_rate(text: str) -> str:
    """The rate as written, without spaces and linking words: "年利率为 6.12 %" -> "年利率6.12%"."""
    return re.sub(r"[\s为:：]", "", fold(text))


def _priority(field: str) -> tuple[str, ...]:
    return PRIORITY.get(field.split(".")[0], _DEFAULT_PRIORITY)


def _same(a: object, b: object) -> bool:
    return normalise(a) == normalise(b)


def normalise(value: object) -> str:
    """The comparable form of an element value: 0.01-yuan amounts, ISO dates, folded compact text."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as the upper-cased text "true" / "false" of a label
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if not isinstance(exponent, int):  # NaN or infinity: nothing to round
            return str(value).upper()
        return str(value.quantize(Decimal("0.01"))) if value == value.to_integral() or exponent >= -2 \
            else str(value.normalize())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return re.sub(r"[\s为:：]", "", fold(str(value))).upper()


def extract(documents: list[CaseDocument]) -> Extraction:
    """The elements found in the case file: field -> Finding (document, span, quote, confidence)."""
    candidates: dict[str, list[Finding]] = {}
    kinds = {document.name: document.kind for document in documents}
    group_rows: dict[str, list[tuple[CaseDocument, dict[str, Located]]]] = {"guarantor": [], "collateral": []}
    for document in documents:
        read = READERS.get(document.kind)
        if read is None:
            continue
        reader = _Reader(document)
        read(reader)
        for finding in reader.found:
            candidates.setdefault(finding.field, []).append(finding)
        for group, attributes in reader.groups:
            group_rows[group].append((document, attributes))
    for group, rows in group_rows.items():
        for index, (document, attributes) in enumerate(rows, 1):
            for key, (value, start, end) in attributes.items():
                finding = Finding(f"{group}.{index}.{key}", value, document.name, start, end, 0.9,
                                  document.text[start:end])
                candidates.setdefault(finding.field, []).append(finding)
    defence = next((d for d in documents if d.kind == "defence"), None)
    if defence is not None:
        title = defence.text.strip().splitlines()[0] if defence.text.strip() else ""
        start = defence.text.find(title)
        candidates["defence.filed"] = [Finding("defence.filed", True, defence.name, start, start + len(title), 0.95,
                                               title)]
    else:
        candidates["defence.filed"] = [Finding("defence.filed", False, "", 0, 0, 0.8, "")]
    return Extraction(_choose(candidates, kinds), candidates)


def _choose(candidates: dict[str, list[Finding]], kinds: dict[str, str]) -> Elements:
    chosen: Elements = {}
    for field, findings in candidates.items():
        order = _priority(field)
        ranked = sorted(findings, key=lambda f: order.index(kinds[f.document]) if kinds.get(f.document) in order
                        else len(order))
        best = ranked[0]
        agreeing = sum(1 for f in ranked[1:] if _same(f.value, best.value))
        disagreeing = len(ranked) - 1 - agreeing
        confidence = best.confidence
        if agreeing:
            confidence = min(0.99, confidence + 0.05 * agreeing)
        if disagreeing:
            confidence = min(confidence, 0.6)
        chosen[field] = Finding(field, best.value, best.document, best.start, best.end, round(confidence, 2),
                                best.quote)
    return chosen


def reconcile(sheet: Elements | None, found: Elements) -> tuple[Elements, list[Conflict]]:
    """Merge the element sheet (first source) with what the documents say.

    A sheet value stands; a document that confirms it raises its confidence, one that contradicts it is a
    Conflict. Fields the sheet lacks come from the documents; where documents disagree with each other,
    the authoritative one stands and each other one is a Conflict.
    """
    sheet = sheet or {}
    candidates = getattr(found, "candidates", {name: [finding] for name, finding in found.items()})
    merged: Elements = {}
    conflicts: list[Conflict] = []
    for field in dict.fromkeys([*sheet, *found]):
        others = candidates.get(field, [found[field]] if field in found else [])
        if field in sheet:
            base = sheet[field]
            contradicting = [f for f in others if f.document and not _same(f.value, base.value)]
            confirmed = any(f.document and _same(f.value, base.value) for f in others)
            merged[field] = Finding(field, base.value, base.document or ELEMENT_SHEET, base.start, base.end,
                                    0.99 if confirmed else base.confidence, base.quote)
        else:
            base = found[field]
            contradicting = [f for f in others if f.document and not _same(f.value, base.value)]
            merged[field] = base
        conflicts.extend(Conflict(field, base.value, finding) for finding in contradicting)
    return merged, conflicts
