"""Optical character recognition of scans and photos: Debian's Tesseract with its Simplified Chinese model
(packages tesseract-ocr, tesseract-ocr-chi-sim; tests/dossier/ensure_ocr.py installs them), run as a subprocess
with a time limit, and PDF pages without a text layer rendered to images by pypdfium2 (PDFium's renderer).

Without Tesseract the platform still reads text layers; `available()` says so and the pages needing OCR are counted
as unread, to be read once it is installed.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from functools import cache

LANGUAGES = "chi_sim"  # its model reads Latin letters and digits too; adding "eng" made Chinese lines worse
OCR_SECONDS = 120  # an A4 page at 300 dpi takes seconds; a page still running after this is given up
RENDER_DPI = 300  # Tesseract reads Chinese characters reliably from about 300 dpi
MAX_RENDER_PIXELS = 40_000_000  # a page rendered larger than this is scaled down (an A0 plan, a crafted page size)
# Tesseract separates Chinese characters by spaces; between two CJK characters (or a CJK character and CJK
# punctuation) a space means nothing and would break a search for a phrase.
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")


class OcrUnavailable(Exception):
    """Tesseract or its Simplified Chinese model is not installed."""


@cache
def _languages(binary: str) -> frozenset[str]:
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(line.strip() for line in listed.stdout.splitlines()[1:] if line.strip())


def binary() -> str | None:
    return shutil.which("tesseract")


def available() -> bool:
    """Whether scans can be read here: Tesseract with the Simplified Chinese model."""
    found = binary()
    return found is not None and "chi_sim" in _languages(found)


def tidy(text: str) -> str:
    """Tesseract's output as text: no spaces between Chinese characters, no trailing blanks, no empty runs."""
    lines = [_SPACE_BETWEEN_CJK.sub("", line).rstrip() for line in text.replace("\f", "").splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def read_image(image: bytes, *, timeout: float = OCR_SECONDS) -> str:
    """The text of one page image (PNG or JPEG bytes). OcrUnavailable without Tesseract; a TimeoutError when the
    page takes longer than ``timeout`` (the process is killed)."""
    found = binary()
    if found is None or not available():
        raise OcrUnavailable("tesseract with chi_sim is not installed")
    # --psm 3: automatic page segmentation (a scanned page with headings, paragraphs and tables); stdin to stdout.
    command = [found, "stdin", "stdout", "-l", LANGUAGES, "--psm", "3"]
    try:
        done = subprocess.run(command, input=image, capture_output=True, timeout=timeout, check=False,
                              env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"})
    except subprocess.TimeoutExpired:
        raise TimeoutError(f"OCR of a page took longer than {timeout:.0f} s") from None
    if done.returncode != 0:
        raise RuntimeError(f"tesseract failed: {done.stderr.decode(errors='replace')[-300:]}")
    return tidy(done.stdout.decode("utf-8", errors="replace"))


def render_pdf_page(content: bytes, index: int, *, dpi: int = RENDER_DPI) -> bytes:
    """Page ``index`` of a PDF as a greyscale PNG for OCR."""
    import pypdfium2

    document = pypdfium2.PdfDocument(content)
    try:
        page = document[index]
        width, height = page.get_size()  # in points, 72 a inch
        scale = dpi / 72
        if width * height * scale * scale > MAX_RENDER_PIXELS:
            scale = (MAX_RENDER_PIXELS / (width * height)) ** 0.5
        image = page.render(scale=scale, grayscale=True).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()
    finally:
        document.close()


def normalised_image(content: bytes) -> bytes:
    """A photo or scan as a greyscale PNG, turned upright by its EXIF orientation (a phone's photo is stored
    sideways with a note saying so; Tesseract reads the pixels as stored)."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(content)) as image:
        upright = ImageOps.exif_transpose(image).convert("L")
        out = io.BytesIO()
        upright.save(out, format="PNG")
        return out.getvalue()
