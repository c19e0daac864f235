"""The court's seal as the platform draws it: a red ring, the court's name along its upper arc, a five-pointed star in
the middle. Generated from the name alone, never a real court's seal file. A 人民法庭 seals with its basic court's
seal (民诉法解释 art. 262 [V]): the caller passes the sealing court's name.

The geometry is one function both renderers use: the PDF draws it with reportlab in vector form, the .docx embeds a
PNG drawn with Pillow (its name in a CJK font of the system; without one the ring and star alone, said in the log).
"""

import io
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RED = (204, 0, 0)
DIAMETER_MM = 42          # courts' round seals are about 4.2 cm across [U: practice]
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")
FONT_NAMES = ("NotoSerifCJK-Bold.ttc", "NotoSansCJK-Bold.ttc", "NotoSerifCJK-Regular.ttc", "NotoSansCJK-Regular.ttc",
              "wqy-zenhei.ttc", "wqy-microhei.ttc")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Glyph:
    char: str
    x: float              # centre, in units of the seal's radius, origin at the seal's centre, y up
    y: float
    rotation: float       # degrees, counter-clockwise


def name_glyphs(name: str, *, arc_degrees: float = 240, radius: float = 0.72) -> list[Glyph]:
    """The name's characters spread over the upper arc, left to right, each upright to the centre."""
    count = max(len(name), 1)
    step = arc_degrees / count
    start = 90 + arc_degrees / 2 - step / 2
    glyphs = []
    for index, char in enumerate(name):
        angle = math.radians(start - index * step)
        glyphs.append(Glyph(char, radius * math.cos(angle), radius * math.sin(angle), math.degrees(angle) - 90))
    return glyphs


def star_points(radius: float = 0.3) -> list[tuple[float, float]]:
    """The ten corners of a five-pointed star, its top point up."""
    points = []
    for index in range(10):
        r = radius if index % 2 == 0 else radius * 0.382
        angle = math.radians(90 + index * 36)
        points.append((r * math.cos(angle), r * math.sin(angle)))
    return points


def glyph_size(name: str, radius: float) -> float:
    """The characters' size: smaller for a long name, so that they fit the arc."""
    return radius * min(0.3, 3.4 / max(len(name), 1))


def draw_pdf(canvas, name: str, *, centre_x: float, centre_y: float, radius: float, font: str) -> None:
    """The seal drawn on a reportlab canvas (points), red, over whatever is beneath (the date)."""
    canvas.saveState()
    canvas.setStrokeColorRGB(*(c / 255 for c in RED))
    canvas.setFillColorRGB(*(c / 255 for c in RED))
    canvas.setLineWidth(radius * 0.06)
    canvas.circle(centre_x, centre_y, radius * 0.95, stroke=1, fill=0)
    path = canvas.beginPath()
    corners = [(centre_x + x * radius, centre_y + y * radius) for x, y in star_points()]
    path.moveTo(*corners[0])
    for corner in corners[1:]:
        path.lineTo(*corner)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
    size = glyph_size(name, radius)
    for glyph in name_glyphs(name):
        canvas.saveState()
        canvas.translate(centre_x + glyph.x * radius, centre_y + glyph.y * radius)
        canvas.rotate(glyph.rotation)
        canvas.setFont(font, size)
        canvas.drawCentredString(0, -size * 0.35, glyph.char)
        canvas.restoreState()
    canvas.restoreState()


@lru_cache(maxsize=64)
def png(name: str, pixels: int = 480) -> bytes:
    """The seal as a PNG with a transparent background, for the .docx."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGBA", (pixels, pixels), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    radius = pixels / 2
    ring = radius * 0.06
    draw.ellipse([ring, ring, pixels - ring, pixels - ring], outline=(*RED, 255), width=int(ring))
    draw.polygon([(radius + x * radius, radius - y * radius) for x, y in star_points()], fill=(*RED, 255))
    font_file = cjk_font()
    if font_file is None:
        log.warning("no CJK font found: the seal's image has no court name")
        return _png_bytes(image)
    size = int(glyph_size(name, radius))
    font = ImageFont.truetype(str(font_file), size)
    for glyph in name_glyphs(name):
        tile = Image.new("RGBA", (size * 2, size * 2), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((size, size), glyph.char, font=font, fill=(*RED, 255), anchor="mm")
        tile = tile.rotate(glyph.rotation, resample=Image.Resampling.BICUBIC)
        image.alpha_composite(tile, (int(radius + glyph.x * radius - size), int(radius - glyph.y * radius - size)))
    return _png_bytes(image)


def _png_bytes(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@lru_cache(maxsize=1)
def cjk_font() -> Path | None:
    """A CJK font file of the system, looked up once."""
    for folder in FONT_DIRS:
        root = Path(folder)
        if not root.is_dir():
            continue
        for font_name in FONT_NAMES:
            found = next(root.rglob(font_name), None)
            if found:
                return found
    return None
