"""Where an English word in Chinese text may break with a hyphen.

The patterns are pyphen's (Liang's algorithm, as TeX hyphenates, with the dictionaries
LibreOffice ships; pure Python, offline). Only a word of letters is hyphenated, lowercase or
capitalised, with at most an opening mark before it and closing marks after it. A word in
capitals or with a capital inside is an acronym or code (DKMS, GNOME, LikeThis), and anything
with digits, hyphens, dots, slashes or underscores is a number, a version, a command, a path, a
URL or code: a reader must see them whole. Names the desk keeps whole are listed in `never`
(the sample's style sheet lists Debian)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from layout.model.style import Hyphenation

_WORD = re.compile(r"([(\[“‘\"']?)([^\W\d_][^\W\d_A-Z]*)([)\]”’\"'.,;:!?]*)")


def hyphen_points(piece: str, settings: Hyphenation) -> tuple[int, ...]:
    """Offsets into `piece` where it may break with a hyphen (none for anything but a word)."""
    if settings.language is None or len(piece) < settings.min_word:
        return ()
    return _points(piece, settings)


@lru_cache(maxsize=65536)
def _points(piece: str, settings: Hyphenation) -> tuple[int, ...]:
    match = _WORD.fullmatch(piece)
    if match is None:
        return ()
    lead, word, _ = match.groups()
    if len(word) < settings.min_word or word in settings.never or not word[1:].islower():
        return ()
    return tuple(len(lead) + point for point in _dictionary(settings.language, settings.left, settings.right).positions(_plain(word.lower())))


def _plain(word: str) -> str:
    """The word without its accents (Makarévitch → makarevitch), so English patterns find its
    syllables; as it is where that would change its length."""
    plain = "".join(char for char in unicodedata.normalize("NFD", word) if not unicodedata.combining(char))
    return plain if len(plain) == len(word) else word


@lru_cache(maxsize=8)
def _dictionary(language: str, left: int, right: int) -> Any:
    import pyphen  # loaded on the first word to hyphenate

    return pyphen.Pyphen(lang=language, left=left, right=right)
