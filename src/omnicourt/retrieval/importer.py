"""`omnicourt cases import FILE`: judgments from JSON lines into the case base and the search index, in one pass.

Two forms are read, one object a line:
- CAIL (中国法研杯 criminal corpus): {"fact": "...", "meta": {"accusation": [...], "relevant_articles": [...],
  "term_of_imprisonment": {...}, "punish_of_money": ..., "criminals": [...]}}; the fact is the facts section and the
  relevant articles are articles of 刑法;
- full text: {"text": "...", optional "id", "case_number", "court", "court_level", "cause", "year", "date",
  "procedure", "outcome", "title", "people"}; the sections are recognised (sections.py) and what the metadata leaves
  out is read from the text (case number, court, cause, procedure, outcome, date).
Every judgment is de-identified (redaction.py) before it is stored or indexed: the case base is searched by every
court, so it holds only the text as it may be published. The natural persons a line names ("people", and CAIL's
"criminals") are masked wherever they occur, besides those the text introduces by role.
Either form may say "model_case": true (a 参考案例: first among equally similar results).
Lines are inserted in batches, each batch in its own transaction, then handed to the index. A bad line is reported
with its number and reason and never stops the import.
"""

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from omnicourt.db import Database, utcnow
from omnicourt.publication import redaction
from omnicourt.reference.tables import read_csv
from omnicourt.retrieval import citations, graph, sections
from omnicourt.retrieval.index import IndexedJudgment, SearchIndex
from omnicourt.retrieval.models import CauseStatute, Judgment, JudgmentCitation, JudgmentTokens
from omnicourt.retrieval.segment import tokens

MAX_TEXT_CHARS = 200_000  # the longest judgments run to ~100k characters; beyond that it is not one judgment
MIN_FACTS_CHARS = 30  # "经审理查明的事实与指控一致" says nothing: the charge or the claims are the facts then
BATCH_SIZE = 1000
DATA = Path(__file__).resolve().parents[3] / "data"
CRIMINAL_LAW = "中华人民共和国刑法"
METADATA_TEXT_FIELDS = ("id", "case_number", "court", "court_level", "cause", "procedure", "outcome", "title", "date")
COURT_LEVELS = {"high", "intermediate", "basic"}
_LIMITS = {"court_name": 128, "title": 255, "procedure": 32, "outcome": 32}  # column lengths other than 64


class Rejected(Exception):
    """A line that cannot enter the case base; the message is the reason shown in the report."""


@dataclass(frozen=True)
class Rejection:
    line: int
    reason: str


@dataclass
class ImportReport:
    imported: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def lines(self) -> int:
        return self.imported + len(self.rejected)


@dataclass(frozen=True)
class Parsed:
    """One line made into a case-base row and the citations it carries."""

    row: dict
    cited: tuple[citations.Citation, ...]
    text: str  # for the index: the parts worth searching besides the facts


def import_file(db: Database, index: SearchIndex, path: Path, *, batch_size: int = BATCH_SIZE, workers: int = 1,
                on_progress: Callable[[int], None] | None = None) -> ImportReport:
    """Import a JSON-lines file; `on_progress` gets the bytes read so far after each batch."""
    with path.open("rb") as handle:
        def lines() -> Iterator[str]:
            for raw in handle:
                yield raw.decode("utf-8", errors="replace")

        return import_lines(db, index, lines(), batch_size=batch_size, workers=workers,
                            on_batch=(lambda: on_progress(handle.tell())) if on_progress else None)


def import_lines(db: Database, index: SearchIndex, lines: Iterable[str], *, batch_size: int = BATCH_SIZE,
                 workers: int = 1, on_batch: Callable[[], None] | None = None) -> ImportReport:
    """Import JSON lines; with `workers` > 1 the word segmentation (nine tenths of the time) runs in that many
    processes. Each judgment is segmented once, here: its tokens are kept with it (judgment_tokens) and handed to
    the index as they are, by the backends that take pre-segmented documents."""
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            return _import(db, index, lines, batch_size, on_batch,
                           lambda pairs: list(pool.map(_words, pairs, chunksize=64)))
    return _import(db, index, lines, batch_size, on_batch, lambda pairs: [_words(pair) for pair in pairs])


def _words(pair: tuple[str, str]) -> list[str]:
    facts, text = pair
    return tokens(facts) + tokens(text)  # the same terms the backends' own `add` indexes


def words_of(parsed: Parsed) -> list[str]:
    return _words((parsed.row["facts"], parsed.text)) if parsed.row["facts"] else []


def hand_to_index(index: SearchIndex, docs: list[tuple[IndexedJudgment, list[str]]]) -> int:
    """Give the index documents with their stored tokens (or, to a backend that segments itself, the documents)."""
    if hasattr(index, "add_tokenized"):
        return index.add_tokenized(docs)
    return index.add(doc for doc, _ in docs)


def _import(db: Database, index, lines: Iterable[str], batch_size: int, on_batch: Callable[[], None] | None,
            segment: Callable[[list[tuple[str, str]]], list[list[str]]]) -> ImportReport:
    report = ImportReport()
    batch: list[tuple[int, Parsed]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            batch.append((number, parse_line(line)))
        except Rejected as reason:
            report.rejected.append(Rejection(number, str(reason)))
        if len(batch) >= batch_size:
            _store(db, index, batch, report, segment)
            batch = []
            if on_batch:
                on_batch()
    if batch:
        _store(db, index, batch, report, segment)
    index.commit()
    if on_batch:
        on_batch()
    report.rejected.sort(key=lambda r: r.line)
    return report


def parse_line(line: str) -> Parsed:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise Rejected(f"不是合法的 JSON：{error.msg}（第 {error.colno} 列）") from None
    except RecursionError:  # json's C decoder recurses once per level of nesting
        raise Rejected("JSON 嵌套层数过深，不是裁判文书数据") from None
    if not isinstance(data, dict):
        raise Rejected("每行应为一个 JSON 对象")
    if "fact" in data:
        return _cail(data)
    if "text" in data:
        return _full_text(data)
    raise Rejected('缺少正文：需要 "fact"（CAIL 格式）或 "text"（裁判文书全文）字段')


def _body(data: dict, key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise Rejected(f'"{key}" 应为字符串')
    if not value.strip():
        raise Rejected(f'"{key}" 为空：没有正文')
    if len(value) > MAX_TEXT_CHARS:
        raise Rejected(f'"{key}" 过长：{len(value)} 字，上限 {MAX_TEXT_CHARS} 字')
    return value.strip()


def _cail(data: dict) -> Parsed:
    meta = data.get("meta", {})
    if not isinstance(meta, dict):
        raise Rejected('"meta" 应为对象')
    criminals = _names(meta, "criminals", '"meta.criminals"')
    original = _body(data, "fact")
    facts, *masked_criminals = redaction.redact_together(original, *criminals,
                                                         people=criminals + _names(data, "people", '"people"'))
    accusations = meta.get("accusation", [])
    articles = meta.get("relevant_articles", [])
    if not isinstance(accusations, list) or not all(isinstance(a, str) for a in accusations):
        raise Rejected('"meta.accusation" 应为字符串数组')
    if not isinstance(articles, list) or not all(_is_article(a) for a in articles):
        raise Rejected('"meta.relevant_articles" 应为条文序号（整数）数组')
    given = _optional_metadata(data)
    cause = given.pop("cause", "") or (_crime(accusations[0]) if accusations else "")
    cited = tuple(citations.Citation(CRIMINAL_LAW, str(int(a))) for a in dict.fromkeys(articles))
    kept = {k: meta[k] for k in ("accusation", "term_of_imprisonment", "punish_of_money") if k in meta}
    if criminals:
        kept["criminals"] = masked_criminals
    row = _row(**({"outcome": "convicted"} | given), external_id=_text_field(data, "id") or _digest(original),
               cause=cause, facts=facts, full_text=facts, elements=graph.vocabulary().elements_in(facts, cause),
               meta=kept)
    return Parsed(row, cited, "")


def _full_text(data: dict) -> Parsed:
    original = _body(data, "text")
    text, title = redaction.redact_together(original, _text_field(data, "title"),
                                            people=_names(data, "people", '"people"'))
    spans = sections.split(text)
    facts = sections.section_text(text, spans, "facts")
    if len(facts) < MIN_FACTS_CHARS:
        facts = "\n".join(filter(None, (sections.section_text(text, spans, "claims"), facts)))
    if not facts:
        raise Rejected("未找到事实部分（本院查明 / 经审理查明 / 原告诉称 / 公诉机关指控）")
    given = _optional_metadata(data)
    case_number = given.pop("case_number", "") or _case_number(text, spans)
    court_name = given.pop("court_name", "") or _court_name(text)
    cause = given.pop("cause", "") or _cause(text, spans)
    judged_on = given.pop("judged_on", None) or _judgment_date(sections.section_text(text, spans, "signature"))
    year = given.pop("year", None) or _year(case_number, judged_on)
    operative = sections.section_text(text, spans, "operative")
    basis = " ".join(filter(None, (sections.section_text(text, spans, k) for k in ("reasoning", "legal_basis"))))
    row = _row(
        external_id=_text_field(data, "id") or _digest(original), case_number=case_number, court_name=court_name,
        court_level=given.pop("court_level", "") or _court_level(court_name), cause=cause, year=year,
        judged_on=judged_on, procedure=given.pop("procedure", "") or _procedure(text, case_number),
        outcome=given.pop("outcome", "") or _outcome(operative, text),
        title=(given.pop("title", "") and title[:_LIMITS["title"]]) or case_number,
        full_text=text, facts=facts, sections={k: [s.start, s.end] for k, s in spans.items()},
        elements=graph.vocabulary().elements_in(facts, cause), model_case=given.pop("model_case", False))
    cited = tuple(dict.fromkeys(citations.parse(basis or text, on=judged_on)))
    searchable = "\n".join(sections.section_text(text, spans, k) for k in ("claims", "defence", "reasoning"))
    return Parsed(row, cited, searchable)


def _row(**values: object) -> dict[str, object]:
    defaults: dict[str, object] = {
        "source": "import", "case_number": "", "court_name": "", "court_level": "", "cause": "", "year": None,
        "judged_on": None, "procedure": "", "outcome": "", "title": "", "sections": {}, "elements": [], "meta": {},
        "case_id": None, "model_case": False}
    return defaults | values


def _optional_metadata(data: dict) -> dict[str, Any]:
    """The metadata the line gives, type-checked; the keys are the row's."""
    given: dict[str, Any] = {}
    for key in METADATA_TEXT_FIELDS:
        if key in data and data[key] is not None and not isinstance(data[key], str | int):
            raise Rejected(f'"{key}" 应为字符串')
    if data.get("year") is not None:
        if not isinstance(data["year"], int) or isinstance(data["year"], bool) or not 1949 <= data["year"] <= 2100:
            raise Rejected('"year" 应为 1949—2100 之间的整数')
        given["year"] = data["year"]
    if data.get("date"):
        try:
            given["judged_on"] = date.fromisoformat(str(data["date"]))
        except ValueError:
            raise Rejected('"date" 应为 YYYY-MM-DD 格式的日期') from None
    if "model_case" in data:
        if not isinstance(data["model_case"], bool):
            raise Rejected('"model_case" 应为 true 或 false')
        given["model_case"] = data["model_case"]
    if len(_text_field(data, "id")) > 64:
        raise Rejected('"id" 过长：最多 64 个字符')
    level = _text_field(data, "court_level")
    if level and level not in COURT_LEVELS:
        raise Rejected('"court_level" 应为 high / intermediate / basic')
    for key, column in (("case_number", "case_number"), ("court", "court_name"), ("cause", "cause"),
                        ("procedure", "procedure"), ("outcome", "outcome"), ("title", "title"),
                        ("court_level", "court_level")):
        if value := _text_field(data, key):
            given[column] = value[:_LIMITS.get(column, 64)]
    return given


def _names(data: dict, key: str, label: str) -> list[str]:
    names = data.get(key) or []
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names) or len(names) > 200:
        raise Rejected(f"{label} 应为姓名（字符串）数组，最多 200 个")
    return names


def _text_field(data: dict, key: str) -> str:
    value = data.get(key)
    return str(value).strip() if value is not None else ""


def _is_article(value) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool) and value > 0) or \
        (isinstance(value, str) and value.isdigit())


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:32]


def _crime(accusation: str) -> str:
    """CAIL names crimes without 罪 (盗窃); the cause is the crime's name (盗窃罪)."""
    name = accusation.strip().strip("[]")[:63]
    return name if name.endswith("罪") else name + "罪"


def _case_number(text: str, spans: dict) -> str:
    head = text[:spans["title"].end] if "title" in spans else text[:300]
    found = sections.CASE_NUMBER.search(head)
    return re.sub(r"\s", "", found.group()) if found else ""


def _court_name(text: str) -> str:
    found = re.search(r"[\u4e00-\u9fff]{2,40}?(?:人民法院|法院|法庭)", text[:120])
    return found.group() if found else ""


def _court_level(court_name: str) -> str:
    if "高级人民法院" in court_name:
        return "high"
    if "中级人民法院" in court_name:
        return "intermediate"
    return "basic" if court_name else ""


ADMINISTRATIVE_ACTIONS = "行政处罚|行政许可|行政强制|行政复议|工伤认定|行政登记|政府信息公开|行政协议|行政赔偿|行政征收"
CAUSE_PATTERNS = (re.compile(r"([\u4e00-\u9fff]{2,30}?纠纷)一案"), re.compile(r"犯([\u4e00-\u9fff]{2,20}?罪)"),
                  re.compile(rf"(?:不服|诉)[^。]{{0,60}}?({ADMINISTRATIVE_ACTIONS})"))


def _cause(text: str, spans: dict) -> str:
    history = sections.section_text(text, spans, "procedure_history") or text[:2000]
    for pattern in CAUSE_PATTERNS:
        if found := pattern.search(history):
            # "与被告张三金融借款合同纠纷": the longest known cause it ends with, not the names before it.
            name = found.group(1)
            known = [cause for cause in cause_names() if name.endswith(cause)]
            return max(known, key=len) if known else name[-64:]
    return ""


@lru_cache
def cause_names() -> frozenset[str]:
    """Civil causes (data/causes.csv) and the causes of the element vocabulary (crimes among them)."""
    return frozenset(row["name"] for row in read_csv(DATA / "causes.csv")) | set(graph.vocabulary().by_cause)


def _procedure(text: str, case_number: str) -> str:
    if re.search(r"[民刑行]终", case_number):
        return "second_instance"
    head = text[:3000]
    for words, procedure in (("小额诉讼", "small_claims"), ("速裁程序", "fast_track"), ("简易程序", "simple"),
                             ("普通程序", "ordinary"), ("合议庭", "ordinary")):
        if words in head:
            return procedure
    return ""


def _outcome(operative: str, text: str) -> str:
    """The result from the operative part (court-rules.md §5.2 item 9 wording)."""
    if not operative:
        return "mediated" if "调解书" in text[:200] else ""
    if "驳回上诉" in operative and "维持原判" in operative:
        return "upheld"
    if "撤销" in operative and re.search(r"[民刑行]终", text[:300]):
        return "reversed"
    if re.search(r"犯[\u4e00-\u9fff]{1,20}罪", operative):
        return "convicted"
    if "准许" in operative and "撤回" in operative:
        return "withdrawn"
    if "其他诉讼请求" in operative:
        return "partly_supported"
    if re.search(r"驳回[^。；]{0,40}?诉讼请求", operative):
        return "rejected"
    return "supported"


def _judgment_date(signature: str) -> date | None:
    found = re.search(r"([〇○零一二三四五六七八九\d]{4})\s*年\s*([一二三四五六七八九十\d]{1,3})\s*月\s*"
                      r"([一二三四五六七八九十\d]{1,3})\s*日", signature)
    if not found:
        return None
    try:
        return date(*(citations.chinese_number(part) for part in found.groups()))
    except ValueError:
        return None


def _year(case_number: str, judged_on: date | None) -> int | None:
    if found := re.match(r"[（(](\d{4})[）)]", case_number):
        return int(found.group(1))
    return judged_on.year if judged_on else None


def _store(db: Database, index: SearchIndex, batch: list[tuple[int, Parsed]], report: ImportReport,
           segment: Callable[[list[tuple[str, str]]], list[list[str]]]) -> None:
    """Insert one batch (skipping judgments already in the case base) with its tokens, then hand it to the index."""
    fresh: dict[str, tuple[int, Parsed]] = {}
    with db.transaction() as session:
        known = _existing(session, [p.row["external_id"] for _, p in batch])
        for number, parsed in batch:
            external_id = parsed.row["external_id"]
            if external_id in known or external_id in fresh:
                report.rejected.append(Rejection(number, f"重复：该裁判文书（{external_id}）已在案例库中"))
            else:
                fresh[external_id] = (number, parsed)
        if not fresh:
            return
        entering = [p for _, p in fresh.values()]
        words = segment([(p.row["facts"], p.text) for p in entering])
        ids = insert_judgments(session, entering, words)
    hand_to_index(index, [(indexed(judgment_id, p), w) for judgment_id, p, w in zip(ids, entering, words, strict=True)])
    report.imported += len(ids)


def insert_judgments(session: Session, parsed: list[Parsed], words: list[list[str]] | None = None) -> list[int]:
    """Insert the rows, their citations and their tokens (`words`, segment.tokens of facts and text; cut here when
    not given) in bulk, and count the citations into the per-cause aggregate; the new ids in the order given."""
    now = utcnow()
    ids = list(session.scalars(insert(Judgment).returning(Judgment.id, sort_by_parameter_order=True),
                               [p.row | {"imported_at": now} for p in parsed]))
    cited = [{"judgment_id": judgment_id, "cause": p.row["cause"], "law": c.law, "article": c.article,
              "paragraph": c.paragraph, "version": c.version}
             for judgment_id, p in zip(ids, parsed, strict=True)
             for c in dict.fromkeys(citations.Citation(c.law, c.article, c.paragraph, version=c.version)
                                    for c in p.cited)]
    if cited:
        session.execute(insert(JudgmentCitation), cited)
        count_cause_statutes(session, cited)
    words = words if words is not None else [words_of(p) for p in parsed]
    session.execute(insert(JudgmentTokens), [{"judgment_id": judgment_id, "tokens": " ".join(w)}
                                             for judgment_id, w in zip(ids, words, strict=True)])
    return ids


def count_cause_statutes(session: Session, cited: list[dict]) -> None:
    """Add the judgments citing each (cause, law, article, version) to cause_statutes: one upsert per key, a
    judgment counted once per key whatever paragraphs it cites."""
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for key in {(c["judgment_id"], c["cause"], c["law"], c["article"], c["version"] or "") for c in cited}:
        counts[key[1:]] += 1
    rows = [{"cause": cause, "law": law, "article": article, "version": version, "judgments": n}
            for (cause, law, article, version), n in sorted(counts.items())]
    upsert = (postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert)(CauseStatute)
    session.execute(upsert.on_conflict_do_update(
        index_elements=["cause", "law", "article", "version"],
        set_={"judgments": CauseStatute.judgments + upsert.excluded.judgments}), rows)


def indexed(judgment_id: int, parsed: Parsed) -> IndexedJudgment:
    row = parsed.row
    return IndexedJudgment(doc_id=judgment_id, facts=row["facts"], text=parsed.text, cause=row["cause"],
                           court=row["court_name"], court_level=row["court_level"], year=row["year"] or 0,
                           procedure=row["procedure"], outcome=row["outcome"])


def _existing(session: Session, external_ids: list[str]) -> set[str]:
    return set(session.scalars(select(Judgment.external_id).where(Judgment.source == "import",
                                                                  Judgment.external_id.in_(external_ids))))
