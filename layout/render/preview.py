"""PNG previews of PDF pages (pypdfium2) and a contact sheet of all pages (Pillow)."""

from __future__ import annotations

import io

import pypdfium2
from PIL import Image, ImageDraw, ImageFont


def render_pngs(pdf: bytes, dpi: int) -> list[Image.Image]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [document[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(document))]
    finally:
        document.close()


def png_bytes(image: Image.Image, fast: bool = False) -> bytes:
    """`fast`: light compression, for a page shown at once on this machine (the desk)."""
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=1 if fast else 6)
    return out.getvalue()


def contact_sheet(images: list[Image.Image], labels: list[str], thumb_width: int = 360, columns: int = 4, font_path: str | None = None) -> Image.Image:
    """The pages side by side, each labelled (in `font_path`, a face with the labels' Chinese;
    Pillow's own font has none)."""
    thumbs = [image.resize((thumb_width, round(image.height * thumb_width / image.width))) for image in images]
    height = max(t.height for t in thumbs) + 24
    columns = min(columns, len(thumbs))
    rows = -(-len(thumbs) // columns)
    sheet = Image.new("RGB", (columns * (thumb_width + 16) + 16, rows * (height + 16) + 16), "white")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(font_path, 14) if font_path else ImageFont.load_default()
    for i, (thumb, label) in enumerate(zip(thumbs, labels)):
        x = 16 + (i % columns) * (thumb_width + 16)
        y = 16 + (i // columns) * (height + 16)
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline=(160, 160, 160))
        draw.text((x, y + thumb.height + 4), label, fill=(0, 0, 0), font=font)
    return sheet
