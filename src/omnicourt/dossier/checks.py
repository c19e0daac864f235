"""What a file really is: each accepted format is opened by its own parser, within limits, before anyone relies on it.

Magic bytes only say what a file claims to be: "%PDF" followed by junk, an encrypted PDF, a truncated image or any
zip renamed .docx pass them. Here a PDF must open with pypdf, unencrypted, within the page limit and without
JavaScript or actions that run on opening; an image must decode with Pillow within the pixel limit; a .docx must be
a Word package (its [Content_Types].xml and word/document.xml) whose unpacked size and compression ratio are
bounded before python-docx opens it (a zip bomb never unpacks); an OFD (GB/T 33190) must be a zip package bounded
the same way, with no path characters in its member names, whose OFD.xml at the root and the document it names parse
as XML; a text file must decode as UTF-8 or GB18030. Every refusal is an InvalidInput naming the file.

Each check also says how many pages the file has, as far as that is known: a PDF's and an OFD's own page lists, one
for an image; for a Word file the count Word or WPS wrote into docProps/app.xml when it saved the file (a page count
needs the layout, which only a word processor does), None when it wrote none; None for text.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from omnicourt.errors import InvalidInput

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain"
OFD = "application/ofd"
CONTENT_TYPES = {".pdf": PDF, ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG, ".docx": DOCX, ".ofd": OFD, ".txt": TEXT}

MAX_PDF_PAGES = 500  # a thick contract file is a few hundred pages
MAX_IMAGE_PIXELS = 50_000_000  # a 50-megapixel photo; a decompression bomb claims far more
MAX_ZIP_ENTRIES = 2000
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ZIP_RATIO = 100  # Word's XML packs about 10:1; a bomb packs hundreds or thousands to one
DOCX_PARTS = ("[Content_Types].xml", "word/document.xml")
_PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG"}
OFD_ROOT = "OFD.xml"
OFD_NAMESPACE = "http://www.ofdspec.org/2016"
_APP_PAGES = re.compile(rb"<(?:\w+:)?Pages>\s*(\d+)\s*</(?:\w+:)?Pages>")
# Characters that make a member name a path out of the package or a device: a package's folders are "/" only.
_PATH_CHARACTERS = re.compile(r"[\\:\x00-\x1f]")
# Name-tree and catalogue keys whose actions run when a reader opens the file or a page.
_ACTIVE_KEYS = ("/OpenAction", "/AA", "/JavaScript", "/JS", "/Launch")
_ACTIVE_BYTES = re.compile(rb"/(JavaScript|JS|OpenAction|Launch|AA)\b")


def display_name(filename: str) -> str:
    return Path(filename or "").name


def check(name: str, content: bytes, content_type: str, *, field: str) -> int | None:
    """Open ``content`` as ``content_type`` (one of CONTENT_TYPES' values): its page count as far as known (see
    above); InvalidInput when it does not open."""
    if content_type == PDF:
        return len(open_pdf(name, content, field=field).pages)
    if content_type == DOCX:
        open_docx(name, content, field=field)
        return docx_pages(content)
    if content_type == OFD:
        return ofd_pages(name, content, field=field)
    if content_type == TEXT:
        read_text(name, content, field=field)
        return None
    _check_image(name, content, field=field, content_type=content_type)
    return 1


def open_pdf(name: str, content: bytes, *, field: str):
    """A pypdf reader over a PDF that opens, is not encrypted, has at most MAX_PDF_PAGES pages and runs nothing."""
    from pypdf import PdfReader

    if not content.startswith(b"%PDF-"):
        raise InvalidInput(f"文件「{name}」的内容与其扩展名不符（不是 PDF 文件）", field=field)
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise InvalidInput(f"文件「{name}」已加密，请上传未加密的 PDF", field=field)
        pages = len(reader.pages)
        active = _runs_code(reader, content)
    except InvalidInput:
        raise
    except Exception:  # pypdf raises many kinds on a damaged file; every one means "does not open"
        raise InvalidInput(f"文件「{name}」无法打开，可能已损坏，请重新生成 PDF 后上传", field=field) from None
    if pages == 0:
        raise InvalidInput(f"文件「{name}」没有页面", field=field)
    if pages > MAX_PDF_PAGES:
        raise InvalidInput(f"文件「{name}」共{pages}页，超过{MAX_PDF_PAGES}页上限，请拆分后上传", field=field)
    if active:
        raise InvalidInput(f"文件「{name}」含有脚本或自动执行的动作，请另存为普通 PDF 后上传", field=field)
    return reader


def _runs_code(reader, content: bytes) -> bool:
    """JavaScript or an action on opening, in the catalogue, a page or an annotation, or named anywhere in the
    uncompressed bytes (compressed object streams are reached through the catalogue and pages)."""
    if _ACTIVE_BYTES.search(content):
        return True
    catalogue = reader.trailer["/Root"]
    names = catalogue.get("/Names")
    if any(key in catalogue for key in _ACTIVE_KEYS) or (names is not None and "/JavaScript" in names.get_object()):
        return True
    for page in reader.pages:
        if "/AA" in page:
            return True
        annotations = page.get("/Annots")
        for annotation in annotations.get_object() if annotations is not None else ():
            action = annotation.get_object().get("/A")
            if action is not None and action.get_object().get("/S") in ("/JavaScript", "/Launch"):
                return True
    return False


def _check_image(name: str, content: bytes, *, field: str, content_type: str) -> None:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                if image.format != _PILLOW_FORMATS[content_type]:
                    raise InvalidInput(f"文件「{name}」的内容与其扩展名不符", field=field)
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    limit = MAX_IMAGE_PIXELS // 1_000_000
                    raise InvalidInput(f"图片「{name}」像素超过{limit}百万像素上限", field=field)
                image.load()  # decodes every pixel: a truncated or corrupt image fails here
    except InvalidInput:
        raise
    except Exception:  # Pillow's errors on a bad image (OSError, SyntaxError, bomb warnings, ...)
        raise InvalidInput(f"图片「{name}」无法打开，可能已损坏", field=field) from None


def check_zip(name: str, content: bytes, *, field: str, required: tuple[str, ...] = (),
              label: str = "Word 文档（.docx）") -> zipfile.ZipFile:
    """An Office package that unpacks within bounds (entries, total size, ratio), with the parts it must have.
    Sizes come from the central directory; zipfile never reads past an entry's declared size."""
    try:
        package = zipfile.ZipFile(io.BytesIO(content))
        entries = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InvalidInput(f"文件「{name}」无法打开，不是有效的 {label}", field=field) from None
    unzipped = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ZIP_ENTRIES or unzipped > MAX_UNZIPPED_BYTES or unzipped > MAX_ZIP_RATIO * len(content):
        raise InvalidInput(f"文件「{name}」解压后过大（{unzipped // 1024} KB），疑似压缩炸弹", field=field)
    names = {entry.filename for entry in entries}
    if any(part not in names for part in required):
        raise InvalidInput(f"文件「{name}」不是 {label}", field=field)
    return package


def open_docx(name: str, content: bytes, *, field: str):
    """A python-docx document over a bounded Word package."""
    import docx

    check_zip(name, content, field=field, required=DOCX_PARTS)
    try:
        return docx.Document(io.BytesIO(content))
    except Exception:  # python-docx / lxml errors on a malformed package
        raise InvalidInput(f"文件「{name}」无法打开，可能已损坏，请用 Word 另存后上传", field=field) from None


def read_text(name: str, content: bytes, *, field: str) -> str:
    """UTF-8 (a BOM dropped), else GB18030 (older Windows files); a binary file is refused."""
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    if b"\x00" in content:
        raise InvalidInput(f"文件「{name}」不是文本文件", field=field)
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return content.decode("gb18030")
        except UnicodeDecodeError:
            raise InvalidInput(f"文件「{name}」不是可读的文本文件（应为 UTF-8 或 GB18030 编码）", field=field) from None


def docx_pages(content: bytes) -> int | None:
    """The page count the word processor wrote when it saved the file (docProps/app.xml), if it wrote one."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        if "docProps/app.xml" not in package.namelist():
            return None
        found = _APP_PAGES.search(package.read("docProps/app.xml"))
    pages = int(found.group(1)) if found else 0
    return pages or None


def ofd_pages(name: str, content: bytes, *, field: str) -> int:
    """An OFD package (GB/T 33190-2016 §7): a bounded zip whose OFD.xml names, in DocBody/DocRoot, the document
    whose Pages list its pages. Its page count, within MAX_PDF_PAGES."""
    label = "OFD 文件（GB/T 33190）"
    package = check_zip(name, content, field=field, label=label)
    members = package.namelist()
    for member in members:
        parts = member.split("/")
        if member.startswith("/") or _PATH_CHARACTERS.search(member) or ".." in parts:
            raise InvalidInput(f"文件「{name}」内含非法路径的部件「{member[:60]}」，不是有效的 {label}", field=field)
    if OFD_ROOT not in members:
        raise InvalidInput(f"文件「{name}」缺少根目录下的 OFD.xml，不是有效的 {label}", field=field)
    root = _ofd_xml(package, OFD_ROOT, name=name, field=field)
    doc_root = root.findtext(f"{{{OFD_NAMESPACE}}}DocBody/{{{OFD_NAMESPACE}}}DocRoot") if root.tag == \
        f"{{{OFD_NAMESPACE}}}OFD" else None
    document_path = (doc_root or "").strip().lstrip("/")
    if not document_path or document_path not in members:
        raise InvalidInput(f"文件「{name}」的 OFD.xml 未指向其中的文档（DocRoot），不是有效的 {label}", field=field)
    document = _ofd_xml(package, document_path, name=name, field=field)
    pages = len(document.findall(f"{{{OFD_NAMESPACE}}}Pages/{{{OFD_NAMESPACE}}}Page"))
    if pages == 0:
        raise InvalidInput(f"文件「{name}」没有页面", field=field)
    if pages > MAX_PDF_PAGES:
        raise InvalidInput(f"文件「{name}」共{pages}页，超过{MAX_PDF_PAGES}页上限，请拆分后上传", field=field)
    return pages


def _ofd_xml(package: zipfile.ZipFile, member: str, *, name: str, field: str) -> ElementTree.Element:
    """A part of the package parsed as XML (its size is already bounded). ElementTree fetches no external entity
    or DTD, and expat ≥ 2.4.1 refuses entity-expansion bombs ("billion laughs")."""
    try:
        return ElementTree.fromstring(package.read(member))
    except (ElementTree.ParseError, zipfile.BadZipFile, ValueError, OSError):
        raise InvalidInput(f"文件「{name}」中的 {member} 无法解析，OFD 文件已损坏", field=field) from None
