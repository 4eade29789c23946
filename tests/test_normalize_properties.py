"""Property tests for normalisation (layout/text/normalize.py): it never loses, adds or reorders a
character other than by its documented conversions; it pairs brackets and quotes as pairs; the
default steps are idempotent (headlines are normalised twice: by the headline code, then by the
composer); and no space is left where the composer sets the Han–Latin gap itself."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EM, body_style, synthetic_fonts
from layout.model.style import Composition, Normalization
from layout.text.compose import ComposeOptions, compose_paragraph
from layout.text.normalize import WHITESPACE, leftovers, normalize
from layout.text.segment import Span

PIECES = (
    list("中文的是说好了") + list("abcXYZ019") + [" ", " ", "\u00a0", "\u202f", "\t", "\n", "\u3000"]
    + list(",.:;?!()[]\"'-—―─…/@_") + list("，。（）［］“”‘’、《》：") + ["——", "……", "...", "--", "ＡＢ１"]
    + ["make(1)", "don't", "Debian's", "apt.conf", "3.14", "12:30", "http://a.cn/x", "a@b.org", "../", "--help", "apt-get",
       "v2.0", "README.md", "This is good", "Inc", "\r\n", "\u2003", "⋯", "⸺"]
)
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
switches = st.builds(Normalization, **{name: st.booleans() for name in Normalization.__dataclass_fields__})
EVERYTHING = Normalization(lone_dash=True, han_spaces=True)
SETTINGS = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The documented conversions, mapped back: full-width marks to ASCII, dash runs to one hyphen,
# ellipses and runs of three dots or more to one …, whitespace (and U+3000) removed.
_TO_ASCII = str.maketrans({"（": "(", "）": ")", "［": "[", "］": "]", "“": '"', "”": '"', "‘": "'", "’": "'",
                           "，": ",", "。": ".", "：": ":", "；": ";", "？": "?", "！": "!"})
_SPACE = re.compile("[" + re.escape(WHITESPACE) + "\u3000]")


def canonical(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = "".join(chr(ord(ch) - 0xFEE0) if "０" <= ch <= "９" or "Ａ" <= ch <= "Ｚ" or "ａ" <= ch <= "ｚ" else ch for ch in text)
    text = _SPACE.sub("", text).translate(_TO_ASCII)
    text = re.sub(r"[.…]+", lambda m: m.group() if len(m.group()) < 3 and "…" not in m.group() else "…", text)
    return re.sub(r"[-—―─]+", "-", text)


@SETTINGS
@given(texts, switches, st.booleans())
def test_only_the_documented_conversions_change_the_text(text, steps, paragraph_start):
    """Removing spaces and mapping the conversions back gives the input's character sequence."""
    assert canonical(normalize(text, steps=steps, paragraph_start=paragraph_start)) == canonical(text)


@SETTINGS
@given(texts)
def test_the_default_steps_are_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once
    everything = normalize(text, steps=EVERYTHING)
    assert normalize(everything, steps=EVERYTHING) == everything


def _pairs(text: str) -> tuple[list[tuple[int, int]], bool]:
    stack, pairs, balanced = [], [], True
    for i, ch in enumerate(text):
        if ch in "([（［":
            stack.append(i)
        elif ch in ")]）］":
            if stack and (text[stack[-1]] in "(（") == (ch in ")）"):
                pairs.append((stack.pop(), i))
            else:
                balanced = False
    return pairs, balanced and not stack


@SETTINGS
@given(texts, switches)
def test_brackets_stay_balanced_and_pairs_whole(text, steps):
    """Balanced brackets stay balanced; with the step on, every pair is of one width."""
    out = normalize(text, steps=steps)
    pairs, balanced = _pairs(out)
    if _pairs(text)[1]:
        assert balanced, (text, out)
    if steps.brackets:
        for i, j in pairs:
            assert (out[i] in "([") == (out[j] in ")]"), (text, out)
        assert not [code for code, _, _ in leftovers(out) if code == "mixed-bracket"], (text, out)


@SETTINGS
@given(texts, switches)
def test_quotes_convert_as_pairs(text, steps):
    """Quotes are only ever turned into quotes of their kind; among straight quotes alone they
    convert two at a time, one opening and one closing mark each (beside curly ones, a straight
    quote may complete the curly one's pair)."""
    out = normalize(text, steps=steps)
    for straight, opening, closing in (('"', "“", "”"), ("'", "‘", "’")):
        assert out.count(straight) + out.count(opening) + out.count(closing) == text.count(straight) + text.count(opening) + text.count(closing)
        if opening not in text and closing not in text:
            assert (out.count(opening) - text.count(opening)) == (out.count(closing) - text.count(closing)), (text, out)
            assert (text.count(straight) - out.count(straight)) % 2 == 0


_HAN = "中文的是说好了"
_CHINESE_MARKS = "，。（）［］“”‘’、《》：——……"


@SETTINGS
@given(texts)
def test_no_space_where_the_composer_sets_the_gap(text):
    """With the default steps, no whitespace is left inside the text between Han and Latin, or
    beside Chinese punctuation (U+3000 aside): the composer's gap never adds to a source space."""
    out = normalize(text)
    for match in re.finditer("[" + re.escape(WHITESPACE) + "]+", out):
        start, end = match.span()
        if start == 0 or end == len(out):
            continue
        left, right = out[start - 1], out[end]
        if left in _HAN and right in _HAN:
            continue  # han_spaces is off by default
        assert left not in _HAN + _CHINESE_MARKS and right not in _HAN + _CHINESE_MARKS, (text, out)


@pytest.mark.parametrize("source", ["第 11.1.8 节", "第\u00a011.1.8\u00a0节", "第\u202f11.1.8\u202f节", "第11.1.8节"])
def test_one_han_latin_gap_whatever_the_source_space(source):
    """§3.6: 第 11.1.8 节 sets a quarter em between 第 and 1 and between 8 and 节, whether the
    source has no space, a space or a no-break space there (before, a no-break space was set as
    a glyph and the gap added to it: about half an em)."""
    paragraph = compose_paragraph([Span(source, body_style())], synthetic_fonts(), ComposeOptions(30 * EM, Composition(), align="left"))
    (line,) = paragraph.lines
    glyphs = line.glyphs
    assert "".join(g.char for g in glyphs) == "第11.1.8节"
    fonts = synthetic_fonts()
    gaps = [b.x - a.x - fonts["body"].advance(a.char, a.size) for a, b in zip(glyphs, glyphs[1:])]
    assert gaps[0] == EM // 4 and gaps[-1] == EM // 4 and all(gap == 0 for gap in gaps[1:-1]), gaps


def test_quote_soup_normalises_the_same_the_second_time():
    """Quotes, brackets, marks and spaces in random order (a seeded sample, the same every run):
    a second normalisation changes nothing, however the first paired the quotes."""
    import random

    alphabet = list("\"'“”‘’  ab中文（）()[]，,.。:;?!-—…/_x1\u00a0")
    rng = random.Random(1201)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        once = normalize(text)
        assert normalize(once) == once, (text, once)
