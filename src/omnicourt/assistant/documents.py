"""The documents of a case file as plain text, and what kind of document each one is.

Text comes from .txt (UTF-8, else GB18030, the encoding of older Windows scans), .pdf (pypdf's text layer;
scanned images without one give empty text) and .docx (python-docx paragraphs and table cells). Each file is opened
through dossier.checks, so a binary, encrypted, damaged or oversized file is an InvalidInput naming it, never a
parser's crash.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from omnicourt.dossier import checks
from omnicourt.errors import InvalidInput

KINDS = ("complaint", "loan_contract", "guarantee_contract", "mortgage_contract", "ledger", "defence",
         "cross_examination", "other")

# Title words first (a document names itself in its first lines), then cue words in the body.
_TITLE_CUES = (
    ("cross_examination", r"质\s*证\s*意\s*见"),
    ("defence", r"答\s*辩\s*(状|意见)"),
    ("complaint", r"(民\s*事\s*)?起\s*诉\s*(状|书)"),
    ("guarantee_contract", r"保\s*证\s*(合\s*同|担保合同)|担\s*保\s*函"),
    ("mortgage_contract", r"抵\s*押\s*(合\s*同|担保合同)"),
    ("ledger", r"还款(明细|记录)|对\s*账\s*单|贷款(明细|交易流水)|欠款明细|借款借据"),
    ("loan_contract", r"(借\s*款|贷\s*款|授\s*信)\s*(合\s*同|协议)"),
)
_BODY_CUES = (
    ("complaint", r"诉讼请求"),
    ("defence", r"答辩人"),
    ("cross_examination", r"质证"),
    ("mortgage_contract", r"抵押人"),
    ("guarantee_contract", r"保证人"),
    ("ledger", r"交易日期|还款日期.*金额"),
    ("loan_contract", r"借款人.*贷款人|贷款人.*借款人"),
)
_TITLE_LINES = 3
PDF_TEXT_SECONDS = 20  # a page of crafted content can take pypdf long: the text stops at this budget
FIELD = "document"


@dataclass(frozen=True)
class CaseDocument:
    """One document of the case file: its file name, its kind (one of KINDS) and its full text."""

    name: str
    kind: str
    text: str


def classify(name: str, text: str) -> str:
    """The kind of a document, from its file name and title lines, else from cue words in its body."""
    head = name + "\n" + "\n".join(line for line in text.splitlines() if line.strip())[:200]
    head_lines = "\n".join([name] + [line for line in text.splitlines() if line.strip()][:_TITLE_LINES])
    for kind, pattern in _TITLE_CUES:
        if re.search(pattern, head_lines):
            return kind
    for kind, pattern in _BODY_CUES:
        if re.search(pattern, head) or re.search(pattern, text[:2000]):
            return kind
    return "other"


def _read_text(name: str, data: bytes) -> str:
    return checks.read_text(name, data, field=FIELD)


def _read_pdf(name: str, data: bytes) -> str:
    reader = checks.open_pdf(name, data, field=FIELD)
    deadline = time.monotonic() + PDF_TEXT_SECONDS
    texts = []
    try:
        for page in reader.pages:
            if time.monotonic() > deadline:
                raise InvalidInput(f"文件「{name}」的文字读取超时，请上传较小或未经特殊处理的 PDF", field=FIELD)
            texts.append(page.extract_text() or "")
    except InvalidInput:
        raise
    except Exception:  # a page pypdf cannot read: the file is damaged
        raise InvalidInput(f"文件「{name}」无法读取文字，可能已损坏", field=FIELD) from None
    return "\n".join(texts)


def _read_docx(name: str, data: bytes) -> str:
    document = checks.open_docx(name, data, field=FIELD)
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines.extend("\t".join(cell.text for cell in row.cells) for row in table.rows)
    return "\n".join(lines)


_READERS = {".txt": _read_text, ".pdf": _read_pdf, ".docx": _read_docx}


def read_document(path: Path | str) -> CaseDocument:
    """Read a .txt, .pdf or .docx file of the case file; InvalidInput for any other format (before reading it) and
    for a file that does not open as its format."""
    path = Path(path)
    reader = _reader(path.name)
    return _document(path.name, reader(path.name, path.read_bytes()))


def read_bytes(name: str, data: bytes) -> CaseDocument:
    """A document of the case file from its bytes, its format from the name's suffix (.txt, .pdf, .docx)."""
    return _document(name, _reader(name)(name, data))


def _reader(name: str):
    suffix = Path(name).suffix
    reader = _READERS.get(suffix.lower())
    if reader is None:
        raise InvalidInput(f"文件「{name}」格式不支持：{suffix or '无扩展名'}（支持 .txt、.pdf、.docx）", field=FIELD)
    return reader


def _document(name: str, text: str) -> CaseDocument:
    text = text.replace("\r\n", "\n")
    return CaseDocument(name=name, kind=classify(name, text), text=text)
