"""Reading an edited .docx back into sections. The platform's .docx marks where each section starts with a bookmark
named after its key (render_docx.MARK + key), which Word and WPS keep through ordinary editing; a file whose marks are
gone (retyped, or made elsewhere) cannot be split into sections and is kept whole as the version's file."""

import io
import zipfile

from docx import Document
from docx.oxml.ns import qn

from omnicourt.errors import InvalidInput
from omnicourt.judgments.render_docx import MARK
from omnicourt.judgments.sections import MAX_PARAGRAPH, MAX_PARAGRAPHS, MAX_SECTIONS, TITLES, Section
from omnicourt.textcheck import TextRefused, check_text


def sections_of(content: bytes) -> list[Section] | None:
    """The sections of the .docx in their order, or None when it carries no section marks. Text before the first
    mark belongs to the first section; a section whose mark was deleted runs into the one before it."""
    try:
        document = Document(io.BytesIO(content))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise InvalidInput("无法读取该 .docx 文件", field="file") from None
    found: list[tuple[str, list[str]]] = []
    before: list[str] = []
    for paragraph in document.paragraphs:
        keys = [name.removeprefix(MARK) for mark in paragraph._p.iter(qn("w:bookmarkStart"))
                if (name := mark.get(qn("w:name")) or "").startswith(MARK)]
        key = next((k for k in keys if k in TITLES), None)
        if key is not None and all(k != key for k, _ in found):
            found.append((key, []))
        # a tab is a space here; a line break within a paragraph starts a paragraph of its own
        for line in paragraph.text.replace("\t", " ").split("\n"):
            text = _checked(line, found[-1][0] if found else "title")
            if text:
                (found[-1][1] if found else before).append(text)
    if not found:
        return None
    found[0][1][:0] = before
    if len(found) > MAX_SECTIONS or any(len(paragraphs) > MAX_PARAGRAPHS for _, paragraphs in found):
        raise InvalidInput(f"文书不能超过{MAX_SECTIONS}个部分、每部分{MAX_PARAGRAPHS}段", field="file")
    return [Section(key, TITLES[key], tuple(paragraphs)) for key, paragraphs in found if paragraphs]


def _checked(text: str, key: str) -> str:
    try:
        return check_text(text.strip(), max_length=MAX_PARAGRAPH)
    except TextRefused as refused:
        raise InvalidInput(f"上传的文书「{TITLES[key]}」部分：{refused.message}", field="file") from None
