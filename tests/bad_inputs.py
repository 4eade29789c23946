"""Deliberately bad (and a few good) picture and advertisement files, made on demand.

A plain helper module for the tests of pictures and advertisements: no test functions.
Each function writes one file to the path it is given and returns that path (a
pathlib.Path). Every function is deterministic: the same arguments give the same bytes
with the same Pillow, ReportLab and pikepdf. Nothing here is committed as a blob.
"""
from __future__ import annotations

import io
import math
import struct
import zlib
from pathlib import Path

import pikepdf
from PIL import Image, ImageDraw

FONTS = Path(__file__).resolve().parent.parent / "fonts"
HEI = FONTS / "NotoSansSC-Bold-GBK.ttf"


# -- synthetic photographs ---------------------------------------------------------------
def _synthetic_rgb(size: tuple[int, int]) -> Image.Image:
    """Smooth gradients, a fractal texture and a few shapes: photo-like, deterministic."""
    w, h = size
    horiz = Image.linear_gradient("L").rotate(90).resize((w, h))
    vert = Image.linear_gradient("L").resize((w, h))
    radial = Image.radial_gradient("L").resize((w, h))
    texture = Image.effect_mandelbrot((w, h), (-2.2, -1.3, 1.0, 1.3), 60)
    r = Image.blend(horiz, texture, 0.25)
    g = Image.blend(vert, radial, 0.4)
    b = Image.blend(radial, horiz.transpose(Image.Transpose.FLIP_LEFT_RIGHT), 0.5)
    im = Image.merge("RGB", (r, g, b))
    d = ImageDraw.Draw(im)
    s = min(w, h)
    d.ellipse((w * 0.10, h * 0.15, w * 0.10 + s * 0.35, h * 0.15 + s * 0.35), fill=(200, 60, 40))
    d.rectangle((w * 0.55, h * 0.55, w * 0.85, h * 0.85), fill=(30, 90, 160))
    d.polygon([(w * 0.5, h * 0.1), (w * 0.7, h * 0.45), (w * 0.3, h * 0.45)], fill=(240, 200, 40))
    for i in range(12):
        x = w * (0.05 + 0.075 * i)
        d.line((x, h * 0.92, x + w * 0.05, h * 0.6), fill=(20, 20, 20), width=max(1, s // 200))
    return im


def _save_photo(im: Image.Image, path: Path) -> None:
    """Save by the path's suffix: .jpg/.jpeg as JPEG quality 92, anything else as PNG."""
    if path.suffix.lower() in (".jpg", ".jpeg"):
        im.save(path, "JPEG", quality=92, optimize=False, progressive=False)
    else:
        im.save(path, "PNG", optimize=False)


def small_rgb_photo(path, size=(1200, 800)) -> Path:
    """A GOOD synthetic RGB photo (JPEG, or PNG if the path does not end .jpg/.jpeg).

    Nothing wrong with it: 1200 x 800 px is 3 columns (130.6 mm) at 233 ppi. For engine
    tests that must not depend on the sample photos.
    """
    path = Path(path)
    _save_photo(_synthetic_rgb(size), path)
    return path


def gray_photo(path, size=(800, 600)) -> Path:
    """A GOOD synthetic grayscale photo (mode 'L'; JPEG, or PNG if not named .jpg/.jpeg).

    Nothing wrong with it: 800 x 600 px is 2 columns (86.0 mm) at 236 ppi.
    """
    path = Path(path)
    _save_photo(_synthetic_rgb(size).convert("L"), path)
    return path


# -- bad pictures ------------------------------------------------------------------------
def truncated_jpeg(path) -> Path:
    """A photo-like baseline JPEG (640 x 480, RGB) cut to half its bytes: no EOI marker,
    the lower part of the scan missing. Pillow opens it (the header is intact) but
    load() fails unless ImageFile.LOAD_TRUNCATED_IMAGES is set."""
    path = Path(path)
    buf = io.BytesIO()
    _synthetic_rgb((640, 480)).save(buf, "JPEG", quality=90)
    data = buf.getvalue()
    path.write_bytes(data[: len(data) // 2])
    return path


def misnamed_png(path) -> Path:
    """A valid PNG (320 x 240, RGB) written under the given name, meant to end in .jpg:
    the suffix says JPEG, the bytes say PNG (signature 89 50 4E 47)."""
    path = Path(path)
    _synthetic_rgb((320, 240)).save(path, "PNG")
    return path


def bomb_png(path, pixels=40_000_000) -> Path:
    """A decompression-bomb-like PNG: about `pixels` pixels (8000 x 5000 for 40 M), one
    flat colour, 1-bit grayscale, so the file is a few kilobytes while decoding it to RGB
    takes 120 MB. Written row by row with zlib, never holding the image in memory.
    Pillow's default MAX_IMAGE_PIXELS (89.5 M) does not stop 40 M; a press pipeline
    should refuse it by its own limit."""
    path = Path(path)
    width = max(1, round(math.sqrt(pixels * 8 / 5)))
    height = max(1, -(-pixels // width))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = b"\x00" + b"\xff" * ((width + 7) // 8)  # filter 0, all pixels white
    comp = zlib.compressobj(9)
    idat = bytearray()
    for _ in range(height):
        idat += comp.compress(row)
    idat += comp.flush()
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)))
        f.write(chunk(b"IDAT", bytes(idat)))
        f.write(chunk(b"IEND", b""))
    return path


def unknown_mode_tiff(path) -> Path:
    """A TIFF of Pillow mode 'F' (32-bit floating point samples, 64 x 48): no press
    colour space, no 8-bit samples; a press image pipeline should refuse it, not guess."""
    path = Path(path)
    im = Image.new("F", (64, 48))
    im.putdata([x * 0.37 - y * 1.5 for y in range(48) for x in range(64)])
    im.save(path, "TIFF")
    return path


def not_an_image(path) -> Path:
    """A UTF-8 text file under an image's name (e.g. photo.jpg): no image signature."""
    path = Path(path)
    path.write_text("这不是图片。This is not an image, only text named like one.\n", encoding="utf-8")
    return path


# -- bad advertisements ------------------------------------------------------------------
def _cmyk_canvas(path: Path, width: float, height: float):
    from reportlab.lib.colors import CMYKColor
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    if "BadInputsHei" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BadInputsHei", str(HEI)))
    c = Canvas(str(path), pagesize=(width, height), invariant=1, enforceColorSpace="cmyk",
               initialFontName="BadInputsHei", initialFontSize=10, trimBox=(0, 0, width, height))
    c.setCreator("tests/bad_inputs.py")
    c.setFillColor(CMYKColor(0, 0, 0, 1))
    c.setStrokeColor(CMYKColor(0, 0, 0, 1))
    return c, CMYKColor


def rgb_ad_unembedded_font(path, width=999, height=157.5) -> Path:
    """An ad PDF of the right banner size in RGB colour (rg / RG operators, DeviceRGB)
    with text in the standard Helvetica, NOT embedded (a base-14 font reference)."""
    from reportlab.pdfgen.canvas import Canvas

    path = Path(path)
    c = Canvas(str(path), pagesize=(width, height), invariant=1)
    c.setCreator("tests/bad_inputs.py")
    c.setFillColorRGB(0.9, 0.1, 0.1)
    c.rect(0, 0, width * 0.3, height, stroke=0, fill=1)
    c.setStrokeColorRGB(0, 0.3, 0.8)
    c.setLineWidth(2)
    c.rect(1, 1, width - 2, height - 2, stroke=1, fill=0)
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica-Bold", 28)
    c.drawString(width * 0.33, height * 0.55, "SPRING SALE")
    c.setFont("Helvetica", 12)
    c.drawString(width * 0.33, height * 0.3, "RGB colour, Helvetica not embedded")
    c.showPage()
    c.save()
    return path


def wrong_size_ad(path) -> Path:
    """A clean ad (CMYK only, the project's Hei font embedded) of 999 x 220 pt: no slot
    of the sample issue has that size (the banner is 999 x 157.5 pt)."""
    path = Path(path)
    width, height = 999, 220
    c, CMYKColor = _cmyk_canvas(path, width, height)
    c.setFillColor(CMYKColor(0, 1, 1, 0))
    c.rect(0, 0, 300, height, stroke=0, fill=1)
    c.setFillColor(CMYKColor(0, 0, 0, 0))
    c.setFont("BadInputsHei", 36)
    c.drawString(24, height / 2, "尺寸不对")
    c.setFillColor(CMYKColor(0, 0, 0, 1))
    c.setFont("BadInputsHei", 20)
    c.drawString(330, height / 2, "本广告高220点，版面预留157.5点")
    c.setLineWidth(1)
    c.rect(0.5, 0.5, width - 1, height - 1, stroke=1, fill=0)
    c.showPage()
    c.save()
    return path


def lowres_image_ad(path, width=495, height=333) -> Path:
    """A CMYK ad whose only content is a DeviceCMYK image of 60 x 40 pixels stretched over
    the whole page: about 9 ppi (60 px over 495 pt = 6.9 in is 8.7 ppi), far under the
    200 ppi a press needs. Colours stay within 240 % total ink; no fonts, no RGB."""
    path = Path(path)
    iw, ih = 60, 40
    data = bytearray()
    for y in range(ih):
        for x in range(iw):
            c = x * 100 // iw
            m = y * 100 // ih
            k = 40 if (x // 10 + y // 10) % 2 else 0
            data += bytes(round(v * 255 / 100) for v in (c, m, 20, k))
    pdf = pikepdf.new()
    image = pikepdf.Stream(pdf, zlib.compress(bytes(data), 9))
    image.Type = pikepdf.Name.XObject
    image.Subtype = pikepdf.Name.Image
    image.Width = iw
    image.Height = ih
    image.ColorSpace = pikepdf.Name.DeviceCMYK
    image.BitsPerComponent = 8
    image.Filter = pikepdf.Name.FlateDecode
    content = f"q {width} 0 0 {height} 0 0 cm /Im0 Do Q".encode()
    box = pikepdf.Array([0, 0, width, height])
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=box,
        TrimBox=pikepdf.Array([0, 0, width, height]),
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)),
        Contents=pikepdf.Stream(pdf, content),
    )
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path, deterministic_id=True, compress_streams=False)
    return path
