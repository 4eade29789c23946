"""Image files named by the issue: what each one is, checked before anything is laid out.

A photo is read whole here, once: the format must be the one its name says, the pixel count
must be one a camera makes (not a decompression bomb), every byte must decode (not truncated),
and the colour mode must be one a press pipeline can take. The renderer reads the file again
through `open_upright` and converts it for print."""

from __future__ import annotations

import hashlib
import io
import os
import struct
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from layout.load.boundary import Area, Blame, display_path, read_bounded, resolve_named
from layout.load.errors import quote
from layout.load.limits import BOMB_MIN_PIXELS, BOMB_PIXELS_PER_BYTE, IMAGE_FILE, MAX_IMAGE_PIXELS
from layout.model.spec import ImageInfo

FORMAT_OF_SUFFIX = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".tif": "TIFF", ".tiff": "TIFF"}
# Pillow's modes that go to press, and what they are once alpha is flattened on paper white.
PRESS_MODES = {"1": "gray", "L": "gray", "LA": "gray", "P": "rgb", "PA": "rgb", "RGB": "rgb", "RGBA": "rgb", "CMYK": "cmyk"}
MODE_NAMES = {"F": "32-bit floating point", "I": "32-bit integer", "I;16": "16-bit gray", "I;16B": "16-bit gray", "I;16L": "16-bit gray", "LAB": "Lab", "HSV": "HSV", "YCbCr": "YCbCr", "RGBX": "RGBX", "La": "gray with premultiplied alpha", "RGBa": "RGB with premultiplied alpha"}
ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height

# What Pillow raises on a damaged file.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError, struct.error, ZeroDivisionError, MemoryError)


def read_image(text: str, base: str, area: Area, blame: Blame) -> ImageInfo:
    """The image `text` names (relative to `base`, inside `area`), checked whole."""
    path = resolve_named(text, base, area, blame, IMAGE_FILE)
    shown = quote(text)  # as the issue names it: the reference's position says where from
    suffix = os.path.splitext(path)[1].lower()
    expected = FORMAT_OF_SUFFIX.get(suffix)
    if expected is None:
        raise blame.error(f"image {shown} is not a JPEG, PNG or TIFF file (by its name)", "save the photo as .jpg, .png or .tif")
    data = read_bounded(path, IMAGE_FILE, blame)
    image = _opened(data, shown, blame)
    with image:
        if image.format != expected:
            raise blame.error(f"image {shown} is named like a {expected} file but holds {image.format or 'another format'}", f"rename it to .{image.format.lower() if image.format else 'its format'} or save it again as {expected}")
        width, height = image.size
        _check_pixels(width, height, len(data), shown, blame)
        mode = PRESS_MODES.get(image.mode)
        if mode is None:
            name = MODE_NAMES.get(image.mode, image.mode)
            raise blame.error(f"image {shown} is in colour mode {quote(image.mode)} ({name}), which does not go to press", "save it as 8-bit RGB, gray or CMYK")
        _decode_whole(image, shown, blame)
        orientation = _orientation(image)
        icc = bool(image.info.get("icc_profile"))
    if orientation in ROTATED:
        width, height = height, width
    return ImageInfo(path, display_path(path), hashlib.sha256(data).hexdigest(), expected, mode, width, height, orientation, icc)


def open_upright(path: str, sha256: str, shown: str) -> Image.Image:
    """The picture's pixels as they stand upright, alpha flattened on white: L, RGB or CMYK.
    The file must still be the one the loader read (`sha256`)."""
    with open(path, "rb") as handle:
        data = handle.read(IMAGE_FILE.max_bytes + 1)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ChangedInputError(f"image {shown} changed while the issue was being built; build again")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        image = Image.open(io.BytesIO(data))
        image.load()
    image = ImageOps.exif_transpose(image)
    if image.mode in ("LA", "PA", "RGBA"):
        flat = Image.new("RGB" if image.mode != "LA" else "L", image.size, "white")
        flat.paste(image.convert("RGBA" if image.mode != "LA" else "LA"), mask=image.getchannel("A"))
        image = flat
    elif image.mode in ("1", "P"):
        image = image.convert("L" if image.mode == "1" else "RGB")
    return image


class ChangedInputError(Exception):
    """A file the loader checked is not the same any more when the renderer reads it."""


def _opened(data: bytes, shown: str, blame: Blame) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise blame.error(f"image {shown} declares more pixels than any photo has (a decompression bomb)", "use the photo as the camera or the picture desk delivered it") from None
        except UnidentifiedImageError:
            raise blame.error(f"image {shown} is not an image Pillow can read", "save it again as JPEG, PNG or TIFF") from None
        except DECODE_ERRORS as exc:
            raise blame.error(f"image {shown} cannot be read ({_reason(exc)})", "save it again from the original") from None


def _check_pixels(width: int, height: int, size: int, shown: str, blame: Blame) -> None:
    pixels = width * height
    if pixels > MAX_IMAGE_PIXELS:
        raise blame.error(f"image {shown} has {width} × {height} pixels ({pixels / 1e6:.0f} megapixels), over the limit of {MAX_IMAGE_PIXELS / 1e6:.0f}", "scale it down to the size it is printed at")
    if pixels >= BOMB_MIN_PIXELS and pixels > BOMB_PIXELS_PER_BYTE * size:
        raise blame.error(
            f"image {shown} unpacks {size:,} bytes into {width} × {height} pixels ({pixels / 1e6:.0f} megapixels, {pixels / max(size, 1):,.0f} a byte): a decompression bomb, not a photo",
            "use the photo as the camera or the picture desk delivered it",
        )


def _decode_whole(image: Image.Image, shown: str, blame: Blame) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image.load()
        except DECODE_ERRORS as exc:
            raise blame.error(f"image {shown} is truncated or damaged ({_reason(exc)})", "copy the file again from the original, or save it again") from None


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(0x0112, 1)
    except DECODE_ERRORS:
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]
