"""Total area coverage (C+M+Y+K) of a CMYK image's pixels: what the renderer holds to the
press's limit and what preflight measures, by the same definition as `CMYK.total_ink`."""

from __future__ import annotations


def pixel_ink(image) -> float:
    """The highest C+M+Y+K of any pixel of a Pillow CMYK image, in %."""
    from PIL import ImageMath  # Pillow only where pixels are measured

    c, m, y, k = (band.convert("F") for band in image.split())
    total = ImageMath.lambda_eval(lambda v: v["c"] + v["m"] + v["y"] + v["k"], c=c, m=m, y=y, k=k)
    return total.getextrema()[1] * 100 / 255
