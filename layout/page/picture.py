"""Pictures on the page: the frame a photo fills, the part of it shown (cover, around a focus;
or contain, the whole picture centred), the resolution that gives, and the caption beneath.

All of it is geometry from the loader's facts (pixel size, orientation); no pixel is read here."""

from __future__ import annotations

from dataclasses import dataclass

from layout.model.layout import PlacedImage, PlacedLine, Rect
from layout.model.spec import PictureSpec
from layout.model.style import Grid, StyleSheet
from layout.page.lines import place_line
from layout.text.compose import ComposeOptions, compose_paragraph
from layout.text.segment import Span
from layout.typeface.metrics import FontSet
from layout.units import MPT_PER_INCH

CREDIT_SEPARATOR = "\u3000"  # one 字 of space between the caption and its credit


@dataclass(frozen=True)
class PictureBlock:
    """A photo and its caption, set from body line `top`: `photo_lines` for the photo, then the
    caption's lines."""

    image: PlacedImage
    caption: tuple[PlacedLine, ...]
    photo_lines: int
    caption_lines: int

    @property
    def lines(self) -> int:
        return self.photo_lines + self.caption_lines


def fit_image(picture: PictureSpec, frame: Rect) -> PlacedImage:
    """Where the picture's pixels land in `frame` and which of them: `cover` fills the frame and
    crops what sticks out, keeping the focus in view as far as the edges allow; `contain` shows
    the whole picture, as large as fits, centred. The ppi is the shown pixels over the drawn size."""
    info = picture.image
    width, height = info.width, info.height
    if picture.fit == "cover":
        scale = max(frame.width / width, frame.height / height)
        shown_w, shown_h = min(width, frame.width / scale), min(height, frame.height / scale)
        left = _clamp(picture.focus[0] * width - shown_w / 2, 0, width - shown_w)
        top = _clamp(picture.focus[1] * height - shown_h / 2, 0, height - shown_h)
        crop = (round(left), round(top), round(left + shown_w), round(top + shown_h))
        drawn = frame
    else:
        scale = min(frame.width / width, frame.height / height)
        drawn_w, drawn_h = round(width * scale), round(height * scale)
        drawn = Rect(frame.x + (frame.width - drawn_w) // 2, frame.y + (frame.height - drawn_h) // 2, drawn_w, drawn_h)
        crop = (0, 0, width, height)
    ppi = min((crop[2] - crop[0]) * MPT_PER_INCH / drawn.width, (crop[3] - crop[1]) * MPT_PER_INCH / drawn.height)
    return PlacedImage(picture.id, frame, drawn, crop, info.path, info.shown, info.sha256, info.mode, round(ppi, 1), str(picture.source))


def photo_lines(picture: PictureSpec, width: int, grid: Grid) -> int:
    """The photo's height in body lines: as the editor gives it, else the whole lines nearest
    its proportions at this width (at least two)."""
    if picture.lines is not None:
        return picture.lines
    image = picture.image
    height = width * image.height / image.width
    return max(2, round((height + grid.line_gap) / grid.pitch))


def caption_lines(picture: PictureSpec, width: int, style: StyleSheet, fonts: FontSet) -> list:
    """The caption with its credit run in after a 字 of space, composed at the picture's width by
    the body's rules (justified, the last line flush left)."""
    spans = []
    if picture.caption:
        spans.append(Span(picture.caption, style.style("caption")))
    if picture.credit:
        spans.append(Span((CREDIT_SEPARATOR if spans else "") + picture.credit, style.style("credit")))
    if not spans:
        return []
    return list(compose_paragraph(spans, fonts, ComposeOptions(width, style.composition, align=style.style("caption").align)).lines)


def place_picture(picture: PictureSpec, column_x: int, width: int, top: int, photo_lines: int, style: StyleSheet, fonts: FontSet, owner: str | None = None, caption: list | None = None) -> PictureBlock:
    """The photo `photo_lines` body lines high from line `top`, its caption lines beneath it,
    one caption line a body line (captions keep to the grid). `caption`: its lines when the
    caller composed them already (to measure the block)."""
    grid = style.grid
    y = grid.line_top(top)
    frame = Rect(column_x, y, width, grid.line_top(top + photo_lines - 1) + grid.body_size - y)
    caption = caption if caption is not None else caption_lines(picture, width, style, fonts)
    size = style.style("caption").size
    placed = []
    for number, line in enumerate(caption):
        em_top = grid.line_top(top + photo_lines + number) + (grid.body_size - size) // 2
        placed.append(place_line(line, column_x, em_top, width, fonts, kind="caption", article=owner))
    return PictureBlock(fit_image(picture, frame), tuple(placed), photo_lines, len(caption))


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))
