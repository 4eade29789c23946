"""Turning composed lines into placed lines: absolute coordinates, glyph runs on a baseline."""

from __future__ import annotations

from layout.model.layout import ComposedLine, Glyph, GlyphRun, PlacedLine, Rect
from layout.typeface.metrics import FontSet


def glyph_runs(glyphs: tuple[Glyph, ...], x: int, em_top: int, em_size: int, fonts: FontSet) -> tuple[GlyphRun, ...]:
    """Group consecutive glyphs of one font, size and colour; each run sits on its font's baseline
    for an em box of `em_size` whose top is `em_top` (smaller type shares the line's baseline)."""
    runs: list[GlyphRun] = []
    current: list[Glyph] = []

    def flush() -> None:
        if current:
            first = current[0]
            baseline = em_top + fonts[first.font].baseline_offset(em_size)
            runs.append(GlyphRun(first.font, first.size, first.colour, baseline, "".join(g.char for g in current), tuple(x + g.x for g in current), first.fallback))
            current.clear()

    for glyph in glyphs:
        if current and (glyph.font, glyph.size, glyph.colour, glyph.fallback) != (current[0].font, current[0].size, current[0].colour, current[0].fallback):
            flush()
        current.append(glyph)
    flush()
    return tuple(runs)


def place_line(line: ComposedLine, x: int, em_top: int, measure: int, fonts: FontSet, *, kind: str, article: str | None = None, paragraph: int | None = None, index: int | None = None) -> PlacedLine:
    size = max((g.size for g in line.glyphs), default=0)
    return PlacedLine(
        kind=kind,
        box=Rect(x, em_top, measure, size),
        runs=glyph_runs(line.glyphs, x, em_top, size, fonts),
        article=article,
        paragraph=paragraph,
        index=index,
        last=line.last,
        emergency=line.emergency,
        widest_gap=line.widest_gap,
    )


def shift_line(line: ComposedLine, dx: int) -> ComposedLine:
    """The same line moved `dx` to the right within its measure (centring, padding)."""
    if not dx:
        return line
    glyphs = tuple(g.moved(dx) for g in line.glyphs)
    return ComposedLine(glyphs, line.width + dx, line.last, line.emergency, line.widest_gap)
