"""Normalisation before composition (CJK-TYPOGRAPHY §3.7 step 1, §3.6, §4)."""

from __future__ import annotations

import unicodedata

from layout.model.style import Normalization
from layout.text.classes import is_cjk

# ASCII punctuation that becomes its full-width Chinese form beside Chinese text (§1.1, §3.7).
ASCII_TO_FULLWIDTH = {
    ",": "，",
    ":": "：",
    ";": "；",
    "?": "？",
    "!": "！",
    "(": "（",
    ")": "）",
}


def normalize(text: str, *, paragraph_start: bool = True, steps: Normalization = Normalization()) -> str:
    """NFC; full-width ASCII letters and digits to ASCII; source line breaks between Han characters
    removed (elsewhere they become a space); ASCII punctuation beside Chinese text to full width;
    leading ideographic spaces dropped (the paragraph indent replaces them). Each step a switch."""
    text = unicodedata.normalize("NFC", text)
    if steps.fullwidth_alnum:
        text = "".join(_narrow(ch) for ch in text)
    text = _join_lines(text) if steps.join_lines else text.replace("\n", " ")
    if steps.ascii_punctuation:
        text = _widen_punctuation(text)
    if paragraph_start:
        text = text.lstrip("\u3000 \t") if steps.ideographic_indent else text.lstrip(" \t")
    return text


def _narrow(char: str) -> str:
    cp = ord(char)
    if 0xFF10 <= cp <= 0xFF19 or 0xFF21 <= cp <= 0xFF3A or 0xFF41 <= cp <= 0xFF5A:
        return chr(cp - 0xFEE0)
    return char


def _join_lines(text: str) -> str:
    if "\n" not in text:
        return text
    pieces = text.split("\n")
    out = pieces[0].rstrip()
    for piece in pieces[1:]:
        piece = piece.strip()
        if not piece:
            continue
        if out and (is_cjk(out[-1]) or is_cjk(piece[0])):
            out += piece
        else:
            out += " " + piece if out else piece
    return out


def _widen_punctuation(text: str) -> str:
    chars = list(text)
    for i, char in enumerate(chars):
        wide = ASCII_TO_FULLWIDTH.get(char)
        if wide is None:
            continue
        before = chars[i - 1] if i > 0 else ""
        after = chars[i + 1] if i + 1 < len(chars) else ""
        beside_chinese = bool(before) and is_cjk(before) or bool(after) and is_cjk(after)
        if beside_chinese:
            chars[i] = wide
    return "".join(chars)
