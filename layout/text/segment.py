"""Segmentation: styled text → units (a Han character, a punctuation mark or unit, a Latin word,
a number, a piece of a URL), each with its box width, its droppable blanks and its glyphs
(CJK-TYPOGRAPHY §3.7 step 2)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from layout.model.layout import Glyph
from layout.model.style import Hyphenation, TextStyle
from layout.text.classes import (
    CHAR_CLASS,
    CHAR_SPACING,
    DASH_UNITS,
    ELLIPSIS_UNITS,
    HALF_WIDTH_MARKS,
    POSTFIX_CHARS,
    PREFIX_CHARS,
    SPACING,
    STACKED_MARKS,
    Cls,
    is_cjk,
)
from layout.text.hyphenate import hyphen_points
from layout.typeface.metrics import FontSet

FULL_WIDTH_THRESHOLD = 900  # 1/1000 em: a glyph at least this wide has a full-width cell
# a URL, an e-mail address, a host name of three labels or more (salsa.debian.org), a path of two
# parts or more (/usr/lib/os-release, ~/.bashrc, ./configure/x), or a long dotted name
# whose dots stand between letters (local-fs.target, systemd.special; never a number's): all
# break as addresses do
_URL = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://|www\.)|^[^@\s]+@[^@\s]+\.[a-z]{2,}|^[a-z0-9-]+(?:\.[a-z0-9-]+)+\.[a-z]{2,6}(?:/|$)"
    r"|^(?:~|\.{1,2})?/[^/\s]+/[^/\s]|^(?=[\w.-]{10})[a-z][\w-]*(?:(?<=[a-z_-])\.(?=[a-z])[\w-]*)+$",
    re.IGNORECASE,
)
# breaks after '/' or '.', before '@' or '-' (§1.3): a line never starts with '.', a closing mark
# that may not start one, and a hyphen opening a line is never taken for a soft one
_URL_PIECES = re.compile(r"(?:^[~.]*/+)?[@-]?[^/.@-]*[/.]*")  # a root (/, ~/, ./) stays with its first part
_RUN_PREFIX = "".join(PREFIX_CHARS) + "+-"
# a compound or an identifier may break after a single hyphen or solidus between a word and a
# word of two letters or more (debian-devel-announce, GNU/Linux: the Latin rule, not GB/T 15834's
# for a Chinese 分隔号), or before an underscore inside it (POSIXLY_CORRECT)
_COMPOUND_BREAK = re.compile(r"(?<=[A-Za-z0-9][-/])(?=[A-Za-z]{2})|(?<=[A-Za-z0-9])(?=_[A-Za-z0-9])")


@dataclass(frozen=True)
class Span:
    text: str
    style: TextStyle
    tracking: int = 0  # extra 1/1000 em after each glyph, on top of the style's own
    rigid: bool = False  # never letter-spaced: a run-in dateline (本报讯) keeps its natural spacing


@dataclass(frozen=True, slots=True, eq=False)  # one object per distinct unit: compared by identity
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
    url_break: bool = False  # a URL or e-mail address may break before this piece
    hyphen: int = 0  # a word may break before this piece with a hyphen this wide (mpt); 0: no
    compound_break: bool = False  # a hyphenated compound may break before this piece (after its hyphen)
    rigid: bool = False  # from a span that is never letter-spaced


def segment(spans: list[Span], fonts: FontSet, punctuation: str = "quanjiao", hyphenation: Hyphenation = Hyphenation()) -> list[Unit]:
    units: list[Unit] = []
    append = units.append
    pending_space = False
    for span in spans:
        rigid = span.rigid
        unit_for = _unit_cache(span.style, span.tracking, punctuation, fonts, rigid)
        text = span.text
        i = 0
        length = len(text)
        while i < length:
            char = text[i]
            if "\u4e00" <= char <= "\u9fff" and not pending_space:  # the common case: a Han character
                unit = unit_for.get(char)
                if unit is None:
                    unit = unit_for[char] = make_unit(char, Cls.HAN, span.style, span.tracking, punctuation, fonts, False, False, rigid=rigid)
                append(unit)
                i += 1
                continue
            if char in " \t":
                pending_space = True
                i += 1
                continue
            piece, cls = _next_piece(text, i)
            i += len(piece)
            if cls is Cls.LATIN and _URL.match(piece):
                parts = [part for part in _URL_PIECES.findall(piece) if part]
                for n, part in enumerate(parts):
                    append(make_unit(part, cls, span.style, span.tracking, punctuation, fonts, pending_space and n == 0, n > 0, rigid=rigid))
            elif cls is Cls.LATIN and (points := hyphen_points(piece, hyphenation)) and not rigid:
                # a word in pieces between its hyphenation points, each but the first breakable before
                hyphen = _hyphen_width(span.style, span.tracking, fonts)
                edges = (0, *points, len(piece))
                for n, (start, end) in enumerate(zip(edges, edges[1:])):
                    append(make_unit(piece[start:end], cls, span.style, span.tracking, punctuation, fonts, pending_space and n == 0, False, hyphen=hyphen if n else 0))
            elif cls is Cls.LATIN and ("-" in piece[1:-1] or "_" in piece[1:-1] or "/" in piece[1:-1]) and not rigid:
                for n, part in enumerate(_COMPOUND_BREAK.split(piece)):
                    append(make_unit(part, cls, span.style, span.tracking, punctuation, fonts, pending_space and n == 0, False, compound_break=n > 0))
            else:
                append(make_unit(piece, cls, span.style, span.tracking, punctuation, fonts, pending_space, False, rigid=rigid))
            pending_space = False
    return units


_UNIT_CACHES: dict[tuple, dict[str, Unit]] = {}


def _unit_cache(style: TextStyle, tracking: int, punctuation: str, fonts: FontSet, rigid: bool) -> dict[str, Unit]:
    """Han characters of one style, by character: most of a paragraph is found here."""
    key = (style, tracking, punctuation, fonts, rigid)
    cache = _UNIT_CACHES.get(key)
    if cache is None and len(_UNIT_CACHES) > 256:
        _UNIT_CACHES.clear()  # many font sets or styles come and go (tests, long watch sessions)
    if cache is None or len(cache) > 100_000:
        cache = _UNIT_CACHES[key] = {}
    return cache


def _next_piece(text: str, i: int) -> tuple[str, Cls]:
    for units, cls in ((DASH_UNITS, Cls.DASH), (ELLIPSIS_UNITS, Cls.ELLIPSIS)):
        for unit in units:
            if text.startswith(unit, i):
                return unit, cls
    char = text[i]
    if text[i : i + 2] in STACKED_MARKS:
        return text[i : i + 2], Cls.STOP
    if char == "/":  # a path from the root (/usr/share/doc) is one address, not a solidus before a word
        piece = text[i : _run_end(text, i)]
        if _URL.match(piece):
            return piece, Cls.LATIN
    if char in CHAR_CLASS and not (char in PREFIX_CHARS and _digit_at(text, i + 1)):
        return char, CHAR_CLASS[char]
    if is_cjk(char) and char not in PREFIX_CHARS and char not in POSTFIX_CHARS:
        return char, Cls.HAN
    # A Latin word, number, URL or e-mail address: everything up to a space or Chinese text.
    piece = text[i : _run_end(text, i)]
    if _URL.match(piece):
        return piece, Cls.LATIN  # an address, even one that starts with digits (12345-done@…)
    return piece, Cls.NUMBER if piece.lstrip(_RUN_PREFIX)[:1].isdigit() else Cls.LATIN


def _run_end(text: str, i: int) -> int:
    """The end of the Latin run from `i`: up to a space or Chinese text."""
    j = i + 1
    while j < len(text) and text[j] not in " \t" and (text[j].isascii() or text[j] in POSTFIX_CHARS or not (is_cjk(text[j]) or text[j] in CHAR_CLASS)):
        j += 1
    return j


def _digit_at(text: str, i: int) -> bool:
    return i < len(text) and text[i].isdigit()


SOFT_HYPHEN = "\u00ad"  # the engine's hyphen: drawn as a hyphen, copied out as a soft hyphen


def _hyphen_width(style: TextStyle, tracking: int, fonts: FontSet) -> int:
    return fonts[_font_for(SOFT_HYPHEN, style.font, fonts)].advance(SOFT_HYPHEN, style.size) + (style.tracking + tracking) * style.size // 1000


@lru_cache(maxsize=65536)
def make_unit(piece: str, cls: Cls, style: TextStyle, tracking: int, punctuation: str, fonts: FontSet, space_before: bool, url_break: bool, hyphen: int = 0, rigid: bool = False, compound_break: bool = False) -> Unit:
    """One unit; cached, since a paragraph repeats most of its characters."""
    size = style.size
    extra = (style.tracking + tracking) * size // 1000
    glyphs = []
    x = 0
    for char in piece:
        role = _font_for(char, style.font, fonts)
        glyphs.append(Glyph(char, role, size, style.colour, x, role != style.font))
        x += fonts[role].advance(char, size) + extra
    width = x
    blank_left = blank_right = 0
    compressible = False
    spacing = CHAR_SPACING.get(piece) or SPACING.get(cls)
    full = all(fonts[g.font].advance(g.char, 1000) >= FULL_WIDTH_THRESHOLD for g in glyphs)
    if spacing is not None and spacing.cell and len(piece) == 1:
        cell = spacing.cell * size // 1000 + extra
        glyphs = [glyphs[0].moved((cell - width) // 2)]  # centred in its fixed cell
        width = cell
    elif spacing is not None and full and len(piece) == 1:
        blank_left = spacing.blank_left * size // 1000
        blank_right = spacing.blank_right * size // 1000
        trim_left = spacing.trim_left * size // 1000
        trim_right = spacing.trim_right * size // 1000
        if piece in HALF_WIDTH_MARKS[punctuation]:
            trim_left, trim_right, blank_left, blank_right = trim_left + blank_left, trim_right + blank_right, 0, 0
        width -= blank_left + blank_right + trim_left + trim_right
        shift = blank_left + trim_left
        glyphs = [g.moved(-shift) for g in glyphs]
        compressible = spacing.compressible
    elif cls is Cls.STOP and full and len(piece) == 2:
        # §1.3: two stacked marks (？！ ！？ ？？ ！！) share one cell, each inked in its left half
        half = size // 2
        glyphs = [glyphs[0].moved(-glyphs[0].x), glyphs[1].moved(half + extra - glyphs[1].x)]
        width = size + 2 * extra
    return Unit(piece, cls, width, blank_left, blank_right, compressible, size, tuple(glyphs), space_before, url_break, hyphen, compound_break, rigid)


def _font_for(char: str, role: str, fonts: FontSet) -> str:
    """The style's face when it has the glyph, else the first pinned face that does.

    A mark with a full-width cell (§2.1) that the style's face draws proportionally (LXGW WenKai's
    quotes are 0.35 em) comes from a face that draws it full width: CJK-TYPOGRAPHY §3.6 wants the
    shared code points set as Chinese punctuation, never as Latin."""
    face = fonts[role]
    if face.covers(char) and (char not in _FULL_WIDTH_MARKS or face.advance(char, 1000) >= FULL_WIDTH_THRESHOLD):
        return role
    for other, metrics in fonts.faces.items():
        if metrics.covers(char) and (char not in _FULL_WIDTH_MARKS or metrics.advance(char, 1000) >= FULL_WIDTH_THRESHOLD):
            return other
    return role if face.covers(char) else next((r for r, m in fonts.faces.items() if m.covers(char)), role)


_FULL_WIDTH_MARKS = frozenset(ch for ch, cls in CHAR_CLASS.items() if cls in SPACING)
