"""Character classes and line-breaking rules as tables (CJK-TYPOGRAPHY.md §1–§3).

Every set below carries the section of the spec it comes from. Code elsewhere asks these tables;
it never tests for individual punctuation marks.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum


class Cls(str, Enum):
    HAN = "han"  # ideographs, kana, full-width symbols: one cell each
    OPEN = "open"  # §1.1 opening brackets and quotes
    CLOSE = "close"  # §1.1 closing brackets and quotes
    PAUSE = "pause"  # §1.1 、，．：； (compressible, §3.2 step 5)
    STOP = "stop"  # §1.1 。？！ (not compressed by default, §3.2 step 7)
    MIDDLE = "middle"  # §1.1 interpunct ·
    CONNECTOR = "connector"  # §1.1 – — ～
    SOLIDUS = "solidus"  # §1.1 / ／
    DASH = "dash"  # §1.3 —— as one 2-em unit
    ELLIPSIS = "ellipsis"  # §1.3 …… as one 2-em unit
    LATIN = "latin"  # a Latin word (also URLs and e-mail addresses): never broken inside
    NUMBER = "number"  # a digit run with its separators and attached prefix/postfix: never broken
    SPACE = "space"  # a source space: becomes glue
    IDEO_SPACE = "ideo_space"  # U+3000, a blank cell


# §1.1, exact sets.
PAUSE_CHARS = "、，．：；"
STOP_CHARS = "。？！"
OPEN_CHARS = "“‘（《〈「『【〔〖［｛"
CLOSE_CHARS = "”’）》〉」』】〕〗］｝"
MIDDLE_CHARS = "·"
CONNECTOR_CHARS = "–—～"
SOLIDUS_CHARS = "/／"
POSTFIX_CHARS = "%％‰℃°′″"  # §1.1 postfix symbols: never start a line, join a preceding number
PREFIX_CHARS = "$＄￥¥£￡"  # §1.1 prefix symbols: never end a line, join a following number
DASH_UNITS = ("——", "⸺")  # §1.3
ELLIPSIS_UNITS = ("……", "⋯⋯")  # §1.3
STACKED_MARKS = ("？！", "！？", "？？", "！！")  # §1.3: no break inside

# Every character of a class, for lookup.
CHAR_CLASS: dict[str, Cls] = {}
for _chars, _cls in (
    (PAUSE_CHARS, Cls.PAUSE),
    (STOP_CHARS, Cls.STOP),
    (OPEN_CHARS, Cls.OPEN),
    (CLOSE_CHARS, Cls.CLOSE),
    (MIDDLE_CHARS, Cls.MIDDLE),
    (CONNECTOR_CHARS, Cls.CONNECTOR),
    (SOLIDUS_CHARS, Cls.SOLIDUS),
    ("\u3000", Cls.IDEO_SPACE),
):
    for _ch in _chars:
        CHAR_CLASS[_ch] = _cls

# §1.2: what may not start or end a line, per strictness level (cumulative).
# [R] an ideographic space (after a run-in dateline) never starts a line either.
_BASIC_NO_START = {Cls.PAUSE, Cls.STOP, Cls.CLOSE, Cls.CONNECTOR, Cls.MIDDLE, Cls.SOLIDUS, Cls.IDEO_SPACE}
_BASIC_NO_END = {Cls.OPEN}
NO_START: dict[str, frozenset[Cls]] = {
    "basic": frozenset(_BASIC_NO_START),
    "gb": frozenset(_BASIC_NO_START),
    "strict": frozenset(_BASIC_NO_START | {Cls.DASH, Cls.ELLIPSIS}),
}
NO_END: dict[str, frozenset[Cls]] = {
    "basic": frozenset(_BASIC_NO_END),
    "gb": frozenset(_BASIC_NO_END | {Cls.SOLIDUS}),  # GB/T 15834 §5.1.9
    "strict": frozenset(_BASIC_NO_END | {Cls.SOLIDUS}),
}


@dataclass(frozen=True)
class Spacing:
    """§2.1: how a full-width mark's cell splits, in 1/1000 em.

    `blank_left`/`blank_right` become junction glue (dropped at a line edge, compressible);
    `trim_left`/`trim_right` are removed for good; `cell` (when set) is a fixed cell the glyph is
    centred in, whatever the font's advance (the interpunct, the short connector, the solidus).
    """

    blank_left: int = 0
    blank_right: int = 0
    trim_left: int = 0
    trim_right: int = 0
    compressible: bool = False  # §3.2: may the blank shrink to make a line fit (push-in)?
    cell: int = 0


SPACING: dict[Cls, Spacing] = {
    Cls.OPEN: Spacing(blank_left=500, compressible=True),  # §2.1 blank on the left half
    Cls.CLOSE: Spacing(blank_right=500, compressible=True),
    Cls.PAUSE: Spacing(blank_right=500, compressible=True),
    Cls.STOP: Spacing(blank_right=500, compressible=False),  # §3.2 step 7: some styles forbid
    Cls.MIDDLE: Spacing(cell=500),  # §2.1: 0.5 em in the Mainland, centred
}
# §2.1: marks of a class whose cell differs from the class's: the short connector and the
# solidus take half an em (the one-em connector and the wave keep the font's full cell).
CHAR_SPACING: dict[str, Spacing] = {
    "–": Spacing(cell=500),
    "／": Spacing(cell=500),
    "/": Spacing(cell=500),
}

# §1.2 for mixed text: a Latin or number unit that begins with one of these may not start a line
# (postfix symbols, ASCII closing punctuation); one that ends with one of these may not end a line
# (prefix symbols, ASCII opening punctuation; at GB and strict also the solidus, GB/T 15834 §5.1.9).
NO_START_LEADING = frozenset(POSTFIX_CHARS + "!),.:;?]}")
NO_END_TRAILING: dict[str, frozenset[str]] = {
    "basic": frozenset(PREFIX_CHARS + "([{"),
    "gb": frozenset(PREFIX_CHARS + "([{/／"),
    "strict": frozenset(PREFIX_CHARS + "([{/／"),
}

# §2.4: which marks a punctuation style sets in half a cell (their blank half removed for good).
# quanjiao keeps every mark full width (adjacent pairs and line ends are compressed by the rules);
# kaiming keeps only the sentence-final marks full width; banjiao sets every mark half width.
_HALVABLE = PAUSE_CHARS + STOP_CHARS + OPEN_CHARS + CLOSE_CHARS
HALF_WIDTH_MARKS: dict[str, frozenset[str]] = {
    "quanjiao": frozenset(),
    "kaiming": frozenset(ch for ch in _HALVABLE if ch not in "。？！．"),
    "banjiao": frozenset(_HALVABLE),
}

# §1.3: URLs and e-mail addresses break only after '/' or '.', or before '@' or '-', and preferably
# not (after the full stop rather than before it: §1.2 for mixed text keeps '.' from opening a line).
URL_BREAK_PENALTY = 900
# A compound of words joined by hyphens (debian-devel-announce) may break after a hyphen, the
# hyphen staying at the line end, where the line would otherwise open wide gaps: never hyphenated
# anew, and dearer than a hyphenation point (a reader could take the hyphen for a soft one).
COMPOUND_BREAK_PENALTY = 300

PUNCTUATION = frozenset({Cls.OPEN, Cls.CLOSE, Cls.PAUSE, Cls.STOP, Cls.MIDDLE, Cls.CONNECTOR, Cls.SOLIDUS, Cls.DASH, Cls.ELLIPSIS})
# §3.4: never stretched beside these.
NO_STRETCH_BESIDE = frozenset({Cls.CONNECTOR, Cls.SOLIDUS})
# §3.6: Latin letters and digits take a quarter-em gap from Han characters (none beside punctuation).
WESTERN = frozenset({Cls.LATIN, Cls.NUMBER})
# §2.2: adjacent full-width marks lose 0.5 em between them, except an opening mark before a closing one.
PAIR_COMPRESSION = 500

# §1.3 [R]: a number followed by a measure word (2024年, 3亿元) may break, but costs a little.
NUMBER_HAN_PENALTY = 50


def is_han(char: str) -> bool:
    """Ideographs and every other wide character set one per cell (kana, ■, ①, full-width symbols)."""
    return char not in CHAR_CLASS and unicodedata.east_asian_width(char) in ("W", "F")


def is_cjk(char: str) -> bool:
    """Han characters and Chinese punctuation (not ASCII marks such as '/'): the context in which
    ASCII punctuation becomes full width, and where a Latin run ends."""
    return not char.isascii() and (char in CHAR_CLASS or unicodedata.east_asian_width(char) in ("W", "F"))
