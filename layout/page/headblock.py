"""A story's headline block: kicker (引题), headline (主题) and subhead (副题) set as one block.

Each element has its own size, face, leading (a ratio of its size) and space before and after,
from its text style; the block as a whole then takes whole body lines, its content centred in
them, so the text below still lands on the grid. Styles without a leading keep every line on
whole body lines of its own. The headline's size comes from the story's rank: the largest size
of the rank's range, on the style sheet's scale, that sets it in the fewest lines."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from layout.model.layout import ComposedLine, PlacedLine
from layout.model.style import Composition, Grid, HeadlineRank, HeadlineScale, TextStyle
from layout.page.headline import compose_headline, slot_lines
from layout.page.lines import place_line
from layout.typeface.metrics import FontSet


@dataclass(frozen=True)
class HeadElement:
    kind: str  # kicker | headline | subhead | jump_title
    style: TextStyle
    lines: tuple[ComposedLine, ...]
    fits: bool


def head_element(text: str, kind: str, style: TextStyle, measure: int, fonts: FontSet, grid: Grid, composition: Composition) -> HeadElement:
    """One element across the measure; the style's prefix (a subhead's ——) goes before it."""
    if style.prefix and not text.startswith(style.prefix):
        text = "\n".join(style.prefix + part if i == 0 else part for i, part in enumerate(text.split("\n")))
    block = compose_headline(text, style, measure, fonts, grid, composition)
    return HeadElement(kind, style, block.lines, block.fits)


def ranked_headline(text: str, rank: HeadlineRank, scale: HeadlineScale, base: TextStyle, measure: int, fonts: FontSet, grid: Grid, composition: Composition, keep_font: bool = False) -> HeadElement:
    """The headline at the largest size of its rank that sets it in the fewest lines, at most
    the rank's `max_lines`, every line within the measure. Sizes go down, so the first size to
    reach a line count is the largest for it. If none fits, the smallest size (flagged). With
    `keep_font`, the base style's face wins over the rank's."""
    sizes = [size for size in scale.sizes if rank.smallest <= size <= rank.largest]
    best: HeadElement | None = None
    for size in sizes:
        element = head_element(text, "headline", _sized(base, rank, size, keep_font), measure, fonts, grid, composition)
        if element.fits and len(element.lines) <= rank.max_lines and (best is None or len(element.lines) < len(best.lines)):
            best = element
    return best or head_element(text, "headline", _sized(base, rank, sizes[-1], keep_font), measure, fonts, grid, composition)


def _sized(base: TextStyle, rank: HeadlineRank, size: int, keep_font: bool) -> TextStyle:
    return dataclasses.replace(base, size=size, font=base.font if keep_font else rank.font or base.font)


def place_head_block(elements: list[HeadElement], x: int, measure: int, first_line: int, grid: Grid, fonts: FontSet, article: str | None) -> tuple[list[PlacedLine], int]:
    """The elements from body line `first_line` down; the next free body line."""
    if not any(element.style.leading for element in elements):
        return _on_whole_lines(elements, x, measure, first_line, grid, fonts, article)
    offsets: list[tuple[ComposedLine, HeadElement, int]] = []
    y = 0
    for number, element in enumerate(elements):
        style = element.style
        if number:
            y += max(style.space_before, elements[number - 1].style.space_after)
        pitch = round(style.size * style.leading) if style.leading else slot_lines(style.size, grid) * grid.pitch
        for index, line in enumerate(element.lines):
            offsets.append((line, element, y + index * pitch))
        y += style.size + (len(element.lines) - 1) * pitch
    lines_taken = max(1, -(-(y + grid.line_gap) // grid.pitch))
    room = lines_taken * grid.pitch - grid.line_gap
    top = grid.line_top(first_line) + (room - y) // 2
    placed = [place_line(line, x, top + offset, measure, fonts, kind=element.kind, article=article) for line, element, offset in offsets]
    return placed, first_line + lines_taken


def _on_whole_lines(elements: list[HeadElement], x: int, measure: int, line_no: int, grid: Grid, fonts: FontSet, article: str | None) -> tuple[list[PlacedLine], int]:
    """Every line centred in whole body lines of its own (styles without a leading)."""
    placed = []
    for element in elements:
        slot = slot_lines(element.style.size, grid)
        for line in element.lines:
            em_top = grid.line_top(line_no) + (slot * grid.pitch - grid.line_gap - element.style.size) // 2
            placed.append(place_line(line, x, em_top, measure, fonts, kind=element.kind, article=article))
            line_no += slot
    return placed, line_no
