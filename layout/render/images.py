"""Photos for the press: the shown part cut out, resampled when it has far more pixels than the
print needs, RGB converted to CMYK through the press's ICC profile (littleCMS), gray kept gray
(K only), the total ink held to the profile's limit, and the result encoded as JPEG."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageCms, ImageMath

from layout.load.images import open_upright
from layout.model.ink import pixel_ink
from layout.model.layout import PlacedImage
from layout.model.style import OutputProfile, PictureSettings
from layout.units import MPT_PER_INCH

INTENTS = {"perceptual": ImageCms.Intent.PERCEPTUAL, "relative": ImageCms.Intent.RELATIVE_COLORIMETRIC}
# JPEG's rounding can lift a pixel's total ink by a few percent: the limit is first applied this
# far below the profile's, then tightened until the decoded pixels keep it (as preflight measures).
JPEG_INK_MARGIN = 4.0
JPEG_INK_TRIES = 6


@dataclass(frozen=True)
class PressImage:
    data: bytes  # JPEG
    mode: str  # L | RGB | CMYK
    width: int  # pixels
    height: int
    max_ink: float  # %, the highest total area coverage of a decoded pixel (CMYK; 0 otherwise)


def press_image(placed: PlacedImage, profile: OutputProfile, settings: PictureSettings) -> PressImage:
    image = open_upright(placed.file, placed.sha256, placed.shown)
    if placed.crop != (0, 0, image.width, image.height):
        image = image.crop(placed.crop)
    image = _resampled(image, placed, settings)
    if image.mode == "RGB" and not profile.allow_rgb:
        source = image.info.get("icc_profile")
        image = _to_cmyk(image, source, profile)
    if image.mode != "CMYK":
        return PressImage(_jpeg(image, settings.jpeg_quality), image.mode, image.width, image.height, 0.0)
    return _cmyk_within_limit(image, profile.ink_limit, settings.jpeg_quality)


def _jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, subsampling=0, optimize=False)
    return buffer.getvalue()


def _cmyk_within_limit(image: Image.Image, limit: float, quality: int) -> PressImage:
    """JPEG's rounding lifts some pixels' ink above what was held: the decoded pixels are
    measured, and the hold is tightened by what they went over until they keep the limit."""
    target = limit - JPEG_INK_MARGIN
    for _ in range(JPEG_INK_TRIES):
        held, before = limit_ink(image, target)
        data = _jpeg(held, quality)
        decoded = pixel_ink(Image.open(io.BytesIO(data)))
        if decoded <= limit:
            return PressImage(data, "CMYK", held.width, held.height, decoded)
        target -= decoded - limit + 1
    raise InkLimitError(f"a photo keeps more than {limit:g} % ink after JPEG compression")


class InkLimitError(Exception):
    """A photo cannot be brought within the ink limit (not met on real photographs)."""


def _resampled(image: Image.Image, placed: PlacedImage, settings: PictureSettings) -> Image.Image:
    """Down to the target resolution when the picture has more than `downsample_above`."""
    if placed.ppi <= settings.downsample_above:
        return image
    width = max(1, round(placed.drawn.width * settings.target_ppi / MPT_PER_INCH))
    height = max(1, round(placed.drawn.height * settings.target_ppi / MPT_PER_INCH))
    icc = image.info.get("icc_profile")
    resized = image.resize((width, height), Image.Resampling.LANCZOS)
    if icc:
        resized.info["icc_profile"] = icc
    return resized


def _to_cmyk(image: Image.Image, source_icc: bytes | None, profile: OutputProfile) -> Image.Image:
    if profile.convert_data is None:
        raise MissingProfileError(f"an RGB photo needs the press's CMYK profile to be converted; the {profile.name} profile names none")
    transform = _transform(source_icc, profile.convert_data, profile.convert_intent)
    return ImageCms.applyTransform(image, transform)


class MissingProfileError(Exception):
    """The output profile converts no RGB (the loader checks this before anything is rendered)."""


@lru_cache(maxsize=8)
def _transform(source_icc: bytes | None, press_icc: bytes, intent: str) -> ImageCms.ImageCmsTransform:
    """sRGB (or the photo's own profile) to the press's CMYK. Relative colorimetric uses black
    point compensation, so shadows keep their detail on paper whose black is not black."""
    source = ImageCms.ImageCmsProfile(io.BytesIO(source_icc)) if source_icc else ImageCms.createProfile("sRGB")
    target = ImageCms.ImageCmsProfile(io.BytesIO(press_icc))
    flags = ImageCms.Flags.BLACKPOINTCOMPENSATION if intent == "relative" else ImageCms.Flags.NONE
    return ImageCms.buildTransform(source, target, "RGB", "CMYK", renderingIntent=INTENTS[intent], flags=flags)


def limit_ink(image: Image.Image, limit: float) -> tuple[Image.Image, float]:
    """Each pixel's C+M+Y held to `limit` % minus its K (black is kept: it carries the detail),
    and the highest total before the limit was applied."""
    highest = pixel_ink(image)
    if highest <= limit:
        return image, highest
    c, m, y, k = (band.convert("F") for band in image.split())
    cap = limit * 255 / 100
    # the share of C, M and Y each pixel keeps: 1 where the total is within the cap
    keep = ImageMath.lambda_eval(lambda a: a["min"]((a["cap"] - a["k"]) / (a["c"] + a["m"] + a["y"] + 0.001), 1.0), c=c, m=m, y=y, k=k, cap=cap)
    held = [ImageMath.lambda_eval(lambda a: a["v"] * a["keep"], v=band, keep=keep).convert("L") for band in (c, m, y)]
    return Image.merge("CMYK", (*held, image.getchannel("K"))), highest
