"""Files as people send them: real ones (python-docx, a Word-shaped package, pypdf, Pillow) and hostile ones."""

import io
import re
import zipfile

import docx
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def python_docx_file(text: str = "民事答辩状\n答辩人：张三") -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORD_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.styles+xml"/>'
        '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.settings+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.'
        'core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'extended-properties+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
        'core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/></Relationships>'),
    "word/_rels/document.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/settings" Target="settings.xml"/></Relationships>'),
    "word/document.xml": (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>'
        '<w:p><w:r><w:t>借款合同</w:t></w:r></w:p><w:p><w:r><w:t>借款人：张三 贷款人：某银行</w:t></w:r></w:p>'
        '<w:sectPr/></w:body></w:document>'),
    "word/styles.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{_W}"/>',
    "word/settings.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="{_W}"/>',
    "docProps/core.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.'
        'openxmlformats.org/package/2006/metadata/core-properties"/>'),
    "docProps/app.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.'
        'org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application></Properties>'),
}


def zip_of(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return out.getvalue()


def word_file() -> bytes:
    """The parts Word writes (content types, relationships, document, styles, settings, properties)."""
    return zip_of(WORD_PARTS)


def docx_bomb(unpacked_bytes: int) -> bytes:
    """A real .docx carrying one part of zeros that unpacks to ``unpacked_bytes``."""
    parts = dict(WORD_PARTS)
    parts["word/media/padding.bin"] = b"\0" * unpacked_bytes
    return zip_of(parts)


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def linked_pdf() -> bytes:
    """A PDF whose page links to a web address (an ordinary annotation, no script)."""
    from pypdf.annotations import Link

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_annotation(page_number=0, annotation=Link(rect=(10, 10, 100, 30), url="https://court.example/"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def javascript_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('x');")})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
JUNK_PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40


def image(fmt: str = "PNG", size: tuple[int, int] = (20, 10)) -> bytes:
    out = io.BytesIO()
    Image.effect_noise(size, 64).convert("RGB").save(out, format=fmt)
    return out.getvalue()



def blank_rows_sheet(rows: int = 300_000, *, declare_dimension: bool = True) -> bytes:
    """The element-sheet template followed by ``rows`` blank rows (one styled empty cell each), about 1.5 MB: its
    declared dimension covers them all, or (``declare_dimension=False``) the file declares none."""
    from omnicourt.filing.elements import workbook as sheet_workbook

    template = zipfile.ZipFile(io.BytesIO(sheet_workbook.template_xlsx()))
    parts = {name: template.read(name) for name in template.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    blanks = "".join(f'<row r="{n}"><c r="A{n}" s="3"/></row>' for n in range(300, 300 + rows))
    xml = xml.replace("</sheetData>", blanks + "</sheetData>")
    xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:BH{300 + rows}"/>' if declare_dimension else "", xml)
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    return zip_of(parts)
