"""PNG of a changed page with the changed articles' modules outlined."""

from __future__ import annotations

from PIL import Image, ImageDraw

from layout.model.layout import PageLayout, Rect

HIGHLIGHT = (220, 20, 20)


def highlight(image: Image.Image, page: PageLayout, rects: list[Rect], dpi: int) -> Image.Image:
    """`image` is the page rendered at `dpi` from the MediaBox (trim + bleed)."""
    scale = dpi / 72 / 1000
    out = image.copy()
    draw = ImageDraw.Draw(out, "RGBA")
    for rect in rects:
        x1 = (rect.x + page.bleed) * scale
        y1 = (rect.y + page.bleed) * scale
        x2 = (rect.right + page.bleed) * scale
        y2 = (rect.bottom + page.bleed) * scale
        draw.rectangle((x1, y1, x2, y2), outline=HIGHLIGHT + (255,), width=max(2, dpi // 30), fill=HIGHLIGHT + (40,))
    return out
