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


def gmssl_sm3(content: bytes) -> str:
    """SM3 by gmssl, an implementation independent of OpenSSL's."""
    from gmssl import func, sm3

    return sm3.sm3_hash(func.bytes_to_list(content))


OFD_NS = "http://www.ofdspec.org/2016"


def ofd_parts(pages: int = 2, *, doc_root: str = "Doc_0/Document.xml") -> dict[str, str]:
    """The parts of a minimal OFD package (GB/T 33190-2016 §7): OFD.xml naming the document, which lists its pages."""
    page_list = "".join(f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(pages))
    parts = {
        "OFD.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD">'
                    f'<ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>'
                    f'<ofd:DocRoot>{doc_root}</ofd:DocRoot></ofd:DocBody></ofd:OFD>'),
        "Doc_0/Document.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}">'
                               f'<ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID></ofd:CommonData>'
                               f'<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>'),
    }
    for i in range(pages):
        parts[f"Doc_0/Pages/Page_{i}/Content.xml"] = f'<ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content/></ofd:Page>'
    return parts


def ofd_file(pages: int = 2, **kwargs) -> bytes:
    return zip_of(ofd_parts(pages, **kwargs))


def docx_with_page_count(pages: int) -> bytes:
    """A Word file whose docProps/app.xml says how many pages Word counted when it saved it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(python_docx_file())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "docProps/app.xml":
                data = re.sub(rb"<Pages>\d*</Pages>|(?=</Properties>)", f"<Pages>{pages}</Pages>".encode(), data,
                              count=1)
            target.writestr(item, data)
    return out.getvalue()


# "Billion laughs": ten levels of ten entities each, a gigabyte of "lol" from a few hundred bytes.
XML_BOMB = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
            + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
            + ']><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016">&lol9;</ofd:OFD>')


_CJK_FONT = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
             b"/DescendantFonts [5 0 R] >>")
_CJK_CID_FONT = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
                 b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 6 0 R >>")
_CJK_DESCRIPTOR = (b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
                   b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")


def text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with a Chinese text layer (STSong-Light, which every reader provides), one list of lines a page."""
    kids = " ".join(f"{7 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids.encode(), len(pages)),
               b"<< >>", _CJK_FONT, _CJK_CID_FONT, _CJK_DESCRIPTOR]
    for index, lines in enumerate(pages):
        content = b"".join(f"BT /F1 14 Tf 72 {770 - 24 * n} Td <{line.encode('utf-16-be').hex()}> Tj ET\n".encode()
                           for n, line in enumerate(lines))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
                       b"/Contents %d 0 R >>" % (8 + 2 * index))
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


CJK_FONTS = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
             "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


def cjk_font() -> str | None:
    from pathlib import Path

    return next((f for f in CJK_FONTS if Path(f).exists()), None)


def scanned_page(lines: list[str], *, fmt: str = "PNG", size: int = 44) -> bytes:
    """A page as a scanner would give it: Chinese text rendered to an image with a Debian CJK font, at about
    300 dpi (A4 width 2480 px), slightly grey on white."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(cjk_font(), size)
    page = Image.new("L", (2480, 200 + 110 * len(lines)), 250)
    draw = ImageDraw.Draw(page)
    for n, line in enumerate(lines):
        draw.text((200, 150 + 110 * n), line, font=font, fill=20)
    out = io.BytesIO()
    page.save(out, format=fmt, **({"resolution": 300.0} if fmt == "PDF" else {}))
    return out.getvalue()
