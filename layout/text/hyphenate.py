"""Where an English word in Chinese text may break with a hyphen.

The patterns are pyphen's (Liang's algorithm, as TeX hyphenates, with the dictionaries
LibreOffice ships; pure Python, offline). Only a word of letters is hyphenated, lowercase or
capitalised, with at most an opening mark before it and closing marks after it. A word in
capitals or with a capital inside is an acronym or code (DKMS, GNOME, LikeThis), and anything
with digits, hyphens, dots, slashes or underscores is a number, a version, a command, a path, a
URL or code: a reader must see them whole. Names the desk keeps whole are listed in `never`
(the sample's style sheet lists Debian)."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import lru_cache
from typing import Any

from layout.cache import cached
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

    _load_patterns(pyphen, language)
    return pyphen.Pyphen(lang=language, left=left, right=right)


PATTERNS_VERSION = 1


def _load_patterns(pyphen: Any, language: str) -> None:
    """Give pyphen the language's parsed patterns from the cache (layout/cache.py), keyed by the
    sha256 of its .dic file: parsing the file takes about 0.1 s a process. Only dictionaries of
    plain patterns are kept (no nonstandard hyphenation, which pyphen holds as objects); for any
    other, or a pyphen whose dictionary object differs from the one this was written against,
    pyphen parses the file itself."""
    path = pyphen.LANGUAGES.get(pyphen.language_fallback(language) or language)
    if path is None or path in pyphen.hdcache:
        return
    source = path.read_bytes()

    def parse() -> bytes:
        parsed = pyphen.HyphDict(path)
        plain = all(type(value) is int for _, values in parsed.patterns.values() for value in values)
        return json.dumps(parsed.patterns if plain else None, ensure_ascii=False, sort_keys=True).encode("utf-8")

    patterns = json.loads(cached("hyphenation", PATTERNS_VERSION, hashlib.sha256(source).hexdigest(), parse))
    if not patterns or not hasattr(pyphen.HyphDict, "positions"):
        return
    loaded = pyphen.HyphDict.__new__(pyphen.HyphDict)
    loaded.patterns = {key: (start, tuple(values)) for key, (start, values) in patterns.items()}
    loaded.cache = {}
    loaded.maxlen = max(len(key) for key in loaded.patterns)
    pyphen.hdcache[path] = loaded
