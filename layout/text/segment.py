"""Segmentation: styled text → units (a Han character, a punctuation mark or unit, a Latin word,
a number), each with its box width, its droppable blanks and its glyphs (CJK-TYPOGRAPHY §3.7 step 2)."""

from __future__ import annotations

from dataclasses import dataclass

from layout.model.layout import Glyph
from layout.model.style import TextStyle
from layout.text.classes import (
    CHAR_CLASS,
    DASH_UNITS,
    ELLIPSIS_UNITS,
    POSTFIX_CHARS,
    PREFIX_CHARS,
    SPACING,
    Cls,
    is_cjk,
)
from layout.typeface.metrics import FontSet

FULL_WIDTH_THRESHOLD = 900  # 1/1000 em: a glyph at least this wide has a full-width cell


@dataclass(frozen=True)
class Span:
    text: str
    style: TextStyle
    tracking: int = 0  # extra 1/1000 em after each glyph, on top of the style's own


@dataclass(frozen=True, slots=True)
class Unit:
    text: str
    cls: Cls
    width: int  # box width, mpt
    blank_left: int  # mpt of blank before the box that a line start drops (junction glue)
    blank_right: int  # likewise after it, dropped at a line end
    compressible: bool
    em: int  # size of the unit's type, mpt
    glyphs: tuple[Glyph, ...]  # x relative to the box's left edge
    space_before: bool = False  # the source had a space before this unit


def segment(spans: list[Span], fonts: FontSet) -> list[Unit]:
    units: list[Unit] = []
    pending_space = False
    for span in spans:
        text = span.text
        i = 0
        while i < len(text):
            char = text[i]
            if char in " \t":
                pending_space = True
                i += 1
                continue
            piece, cls = _next_piece(text, i)
            units.append(_make_unit(piece, cls, span, fonts, pending_space))
            pending_space = False
            i += len(piece)
    return units


def _next_piece(text: str, i: int) -> tuple[str, Cls]:
    for units, cls in ((DASH_UNITS, Cls.DASH), (ELLIPSIS_UNITS, Cls.ELLIPSIS)):
        for unit in units:
            if text.startswith(unit, i):
                return unit, cls
    char = text[i]
    if char in CHAR_CLASS and not (char in PREFIX_CHARS and _digit_at(text, i + 1)):
        return char, CHAR_CLASS[char]
    if is_cjk(char) and char not in PREFIX_CHARS and char not in POSTFIX_CHARS:
        return char, Cls.HAN
    # A Latin word, number, URL or e-mail address: everything up to a space or Chinese text.
    j = i + 1
    while j < len(text) and text[j] not in " \t" and (not is_cjk(text[j]) or text[j] in POSTFIX_CHARS) and text[j] not in CHAR_CLASS:
        j += 1
    piece = text[i:j]
    first = piece.lstrip("".join(PREFIX_CHARS) + "+-")
    return piece, Cls.NUMBER if first[:1].isdigit() else Cls.LATIN


def _digit_at(text: str, i: int) -> bool:
    return i < len(text) and text[i].isdigit()


def _make_unit(piece: str, cls: Cls, span: Span, fonts: FontSet, space_before: bool) -> Unit:
    style = span.style
    size = style.size
    tracking = (style.tracking + span.tracking) * size // 1000
    glyphs = []
    x = 0
    for char in piece:
        role = _font_for(char, style.font, fonts)
        glyphs.append(Glyph(char, role, size, style.colour, x))
        x += fonts[role].advance(char, size) + tracking
    width = x
    spacing = SPACING.get(cls)
    blank_left = blank_right = 0
    compressible = False
    if spacing is not None and len(piece) == 1 and fonts[glyphs[0].font].advance(piece, 1000) >= FULL_WIDTH_THRESHOLD:
        em = size
        blank_left = spacing.blank_left * em // 1000
        blank_right = spacing.blank_right * em // 1000
        trim_left = spacing.trim_left * em // 1000
        trim_right = spacing.trim_right * em // 1000
        width -= blank_left + blank_right + trim_left + trim_right
        shift = blank_left + trim_left
        glyphs = [Glyph(g.char, g.font, g.size, g.colour, g.x - shift) for g in glyphs]
        compressible = spacing.compressible
    return Unit(piece, cls, width, blank_left, blank_right, compressible, size, tuple(glyphs), space_before)


def _font_for(char: str, role: str, fonts: FontSet) -> str:
    """The style's face when it has the glyph, else the first pinned face that does."""
    if fonts[role].covers(char):
        return role
    for other, metrics in fonts.faces.items():
        if metrics.covers(char):
            return other
    return role
