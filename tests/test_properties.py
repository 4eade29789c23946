"""Property tests for the composer (docs/ARCHITECTURE.md, Testing; CJK-TYPOGRAPHY.md §1–§3).

Random paragraphs mix Han characters, CJK punctuation of every class (with the `——` and `……`
units and the stacked `？！` marks), Latin words, digit runs, an e-mail address and a URL, and
spaces; they are set on the synthetic font (Han and full-width marks 1 em, Latin half an em) at
measures from 5 to 30 em, under every prohibition level and punctuation style.

The character sets are the spec's (§1.1, §1.2), written out here rather than imported, so the
properties check the composer against the spec.
"""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EM, body_style, synthetic_fonts
from spec_sets import CLOSING, CONNECTORS, INTERPUNCT, OPENING, PAUSE_STOP, POSTFIX, PREFIX, SOLIDI, STACKED, TWO_EM_UNITS
from layout.model.style import Composition
from layout.text.compose import ComposeOptions, compose_paragraph
from layout.text.normalize import normalize
from layout.text.segment import Span

FONTS = synthetic_fonts()  # one object: the composer's caches are keyed on it
HALF = EM // 2
QUARTER = EM // 4


# §1.2, cumulative levels (with the mixed-text additions to the GB sets for postfix/prefix symbols).
NO_START_CHARS = {
    "basic": set(PAUSE_STOP + CLOSING + CONNECTORS + INTERPUNCT + SOLIDI),
    "gb": set(PAUSE_STOP + CLOSING + CONNECTORS + INTERPUNCT + SOLIDI + POSTFIX),
    "strict": set(PAUSE_STOP + CLOSING + CONNECTORS + INTERPUNCT + SOLIDI + POSTFIX),
}
NO_START_UNITS = {"basic": (), "gb": (), "strict": TWO_EM_UNITS}
NO_END_CHARS = {
    "basic": set(OPENING),
    "gb": set(OPENING + SOLIDI + PREFIX),
    "strict": set(OPENING + SOLIDI + PREFIX),
}

HAN_POOL = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"
SINGLE_MARKS = PAUSE_STOP + OPENING + CLOSING + INTERPUNCT + CONNECTORS + SOLIDI
ADDRESSES = ("qtxqdaily@126.com", "http://www.example.com/news/2022")

# A token is (kind, text). Kinds "unit", "latin" and "number" must never be split across lines;
# "address" may break only after '/' or '.', or before '@' or '-' (§1.3; a line never starts with '.').
han = st.sampled_from(HAN_POOL).map(lambda t: ("han", t))
mark = st.sampled_from(SINGLE_MARKS).map(lambda t: ("mark", t))
unit = st.sampled_from(TWO_EM_UNITS + STACKED).map(lambda t: ("unit", t))
latin = st.text(string.ascii_letters, min_size=1, max_size=9).map(lambda t: ("latin", t))
number = st.one_of(
    st.sampled_from(["3.14", "12,345", "10:30", "50%", "30℃", "￥100", "100km", "5G", "2022"]),
    st.integers(0, 10**5).map(str),
).map(lambda t: ("number", t))
address = st.sampled_from(ADDRESSES).map(lambda t: ("address", " " + t + " "))  # spaced off from its neighbours
space = st.just(("space", " "))
# Mostly Han, as in a newspaper column, so that most paragraphs can be set within the rules and
# the properties about unflagged lines have lines to check; every other kind appears often.
WEIGHTS = ((han, 60), (mark, 17), (unit, 4), (latin, 6), (number, 6), (space, 5), (address, 1))
token = st.sampled_from([kind for kind, weight in WEIGHTS for _ in range(weight)]).flatmap(lambda kind: kind)
tokens = st.integers(1, 120).flatmap(lambda n: st.lists(token, min_size=n, max_size=n))  # lengths spread evenly

level = st.sampled_from(["basic", "gb", "strict"])
style = st.sampled_from(["quanjiao", "kaiming", "banjiao"])
measure = st.one_of(st.integers(5, 30).map(lambda n: n * EM), st.integers(5 * EM, 30 * EM))
indent = st.sampled_from([0, 2 * EM])

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def compose(text, measure, level, style, indent):
    options = ComposeOptions(measure, Composition(prohibition=level, punctuation=style), indent=indent, align="justify")
    return compose_paragraph([Span(text, body_style())], FONTS, options)


def advance(glyph):
    return FONTS["body"].advance(glyph.char, glyph.size)


def ink_end(line):
    """Where the last glyph's cell ends, from its origin (CJK-TYPOGRAPHY §2.1, §2.3):
    - a pause/stop mark or closing bracket (full width, or half width in kaiming/banjiao) at a line
      end keeps only its inked left half: origin + 0.5 em. The second mark of a stacked ？！ sits in
      the right half of its cell, so the same holds for it;
    - the interpunct, the short connector and the solidus are 0.5-em cells with the glyph centred
      in them: origin + (advance + 0.5 em) / 2;
    - anything else: origin + advance."""
    g = line.glyphs[-1]
    if g.char in PAUSE_STOP + CLOSING:
        return g.x + g.size // 2
    if g.char in HALF_CELL_MARKS:
        return g.x + (advance(g) + g.size // 2) // 2 + (advance(g) - g.size // 2) % 2
    return g.x + advance(g)


HALF_CELL_MARKS = INTERPUNCT + "–／/"  # §2.1


def build(parts):
    text = "".join(t for _, t in parts)
    spans, offset = [], 0  # (kind, start, end) in the text with spaces removed
    for kind, t in parts:
        length = len(t.replace(" ", ""))
        spans.append((kind, offset, offset + length, t))
        offset += length
    return text, _stacked_runs_pair_from_the_left(spans)


def _stacked_runs_pair_from_the_left(spans):
    """？ followed by a stacked ？！ is the run ？？！, which §1.3's pairs split as ？？ + ！ (from the
    left, as the segmenter reads it), not as the tokens were drawn: re-pair such runs."""
    result = []
    i = 0
    while i < len(spans):
        j = i
        while j < len(spans) and spans[j][0] in ("unit", "mark") and spans[j][3] and set(spans[j][3]) <= set("？！"):
            j += 1
        run = spans[i:j]
        if len(run) > 1 and any(kind == "unit" for kind, *_ in run):
            chars, start = "".join(t for *_, t in run), run[0][1]
            for k in range(0, len(chars), 2):
                piece = chars[k : k + 2]
                result.append(("unit" if len(piece) == 2 else "mark", start + k, start + k + len(piece), piece))
            i = j
        else:
            result.append(spans[i])
            i += 1
    return result


def line_boundaries(paragraph):
    offsets, offset = [], 0
    for line in paragraph.lines[:-1]:
        offset += len(line.text)
        offsets.append(offset)
    return offsets


@SETTINGS
@given(tokens, measure, level, style, indent)
def test_lines_join_back_into_the_normalised_text(parts, measure, level, style, indent):
    """(1) The lines' glyph characters, joined, are the normalised text with its spaces removed."""
    text, _ = build(parts)
    paragraph = compose(text, measure, level, style, indent)
    assert paragraph.text == normalize(text)
    assert "".join(line.text for line in paragraph.lines) == paragraph.text.replace(" ", "")


@SETTINGS
@given(tokens, measure, level, style, indent)
def test_inseparable_sequences_stay_on_one_line(parts, measure, level, style, indent):
    """(1b, §1.3) No line boundary falls inside ——, ……, a stacked mark, a Latin word or a digit run,
    even on flagged lines. One inside an e-mail address or URL falls only after '/' or '.', or
    before '@' or '-', unless the break is flagged (a line on either side of it carries an `emergency`)."""
    text, spans = build(parts)
    paragraph = compose(text, measure, level, style, indent)
    lines = paragraph.lines
    flat = paragraph.text.replace(" ", "")
    assert flat == text.replace(" ", "")
    report = [(line.text, line.emergency) for line in lines]
    for n, b in enumerate(line_boundaries(paragraph)):
        flagged = lines[n].emergency is not None or lines[n + 1].emergency is not None
        for kind, start, end, t in spans:
            if start < b < end:
                assert kind == "address", (t, report)
                assert flagged or flat[b - 1] in "/." or flat[b] in "@-", (t, report)


def prohibited_start(line_text, level):
    if any(line_text.startswith(u) for u in NO_START_UNITS[level]):
        return True
    if any(line_text.startswith(u) for u in TWO_EM_UNITS):
        return False  # a dash or ellipsis unit (allowed below strict), not a lone connector
    return line_text[0] in NO_START_CHARS[level]


def kind_at(spans, index):
    return next(kind for kind, start, end, _ in spans if start <= index < end)


@SETTINGS
@given(tokens, measure, level, style, indent)
def test_no_prohibited_mark_at_a_line_edge_unless_flagged(parts, measure, level, style, indent):
    """(2, §1.2) No line starts with a mark of the level's line-start set (at strict also —— and
    ……) or ends with one of its line-end set, unless the break is flagged: the line itself or
    the line on the other side of that break carries an `emergency`.

    A '/' inside an e-mail address or URL is not the solidus mark: §1.3 lets a URL break after it;
    nor is one between Latin words (GNU/Linux), which breaks as a compound does.
    The literal form (the offending line itself is flagged) is the test after this one."""
    text, spans = build(parts)
    paragraph = compose(text, measure, level, style, indent)
    lines = paragraph.lines
    flat = paragraph.text.replace(" ", "")
    report = [(line.text, line.emergency) for line in lines]
    offset = 0
    for n, line in enumerate(lines):
        offset += len(line.text)
        if not line.glyphs:
            continue
        if n > 0 and prohibited_start(line.text, level):
            assert line.emergency is not None or lines[n - 1].emergency is not None, report
        if n < len(lines) - 1 and line.text[-1] in NO_END_CHARS[level]:
            end = offset - 1
            if flat[end] == "/" and kind_at(spans, end) == "address":
                continue  # §1.3: a URL may break after '/'
            if flat[end] == "/" and flat[end - 1 : end].isascii() and flat[end - 1].isalnum() and flat[end + 1 : end + 3].isascii() and flat[end + 1 : end + 3].isalpha() and len(flat[end + 1 : end + 3]) == 2:
                continue  # a Latin compound (GNU/Linux) breaks after its solidus, as after its hyphen
            assert line.emergency is not None or lines[n + 1].emergency is not None, report


def test_a_line_that_starts_with_a_prohibited_mark_is_itself_flagged():
    """(2, literal; ARCHITECTURE Testing: 'no prohibited character at a line edge unless the line
    is flagged'; CJK-TYPOGRAPHY §1.5: flag the line). A 12-letter word fills a 6-em line exactly
    and the 、 after it cannot join it, so the greedy fallback starts the last line with 、."""
    paragraph = compose("AAAAAAAAAAAA、", 6 * EM, "gb", "quanjiao", 0)
    for line in paragraph.lines[1:]:
        if line.text[0] in NO_START_CHARS["gb"]:
            assert line.emergency is not None, [(l.text, l.emergency) for l in paragraph.lines]


@SETTINGS
@given(tokens, measure, level, style, indent)
def test_unflagged_lines_fill_the_measure_exactly(parts, measure, level, style, indent):
    """(3, §3.1, §2.3) Every non-final line that is not flagged ends exactly at the measure: the
    last glyph's cell (see `ink_end`) ends at the measure and so does the line's width."""
    text, _ = build(parts)
    paragraph = compose(text, measure, level, style, indent)
    for line in paragraph.lines[:-1]:
        if line.emergency is None:
            assert ink_end(line) == measure, (line.text, [g.x for g in line.glyphs])
            assert line.width == measure, line.text


@SETTINGS
@given(tokens, measure, level, style, indent)
def test_no_gap_wider_than_the_cap(parts, measure, level, style, indent):
    """(4, §1.5, §3.3) On an unflagged line no two consecutive glyphs are further apart than the
    first one's advance plus 0.25 em, or plus 0.5 em where the source had a space between them.

    Precisely: for consecutive glyphs a, b on the line, gap = b.x - a.x - advance(a), where
    advance is the synthetic font's advance of a.char at a.size (1 em for Han and full-width
    marks, whose blanks are part of that advance; 0.5 em for Latin). A mark whose blank was
    compressed or dropped, a trimmed interpunct or a stacked mark only makes the gap smaller.
    The natural extra spaces are the Han–Latin gap (0.25 em, never stretched) and a word space
    (0.25 em, stretching by at most 0.25 em more); any other junction has no natural extra space
    and stretches by at most 0.25 em (`max_stretch_em`), so gap <= EM // 4, or <= EM // 2 across
    a source space. Integer rounding of the justification cannot exceed a junction's stretch."""
    text, _ = build(parts)
    paragraph = compose(text, measure, level, style, indent)
    normalised = paragraph.text
    spaced_after = []  # for each glyph of the paragraph: does a source space follow it?
    for i, char in enumerate(normalised):
        if char != " ":
            spaced_after.append(i + 1 < len(normalised) and normalised[i + 1] == " ")
    n = 0
    for line in paragraph.lines:
        glyphs = line.glyphs
        if line.emergency is None:
            for k, (a, b) in enumerate(zip(glyphs, glyphs[1:])):
                cap = HALF if spaced_after[n + k] else QUARTER
                gap = b.x - a.x - advance(a)
                assert gap <= cap, (a.char, b.char, gap, line.text)
        n += len(glyphs)


@SETTINGS
@given(tokens, measure, level, style, indent, tokens, measure, level, style, indent)
def test_the_same_input_gives_the_same_lines(parts, measure, level, style, indent, parts2, measure2, level2, style2, indent2):
    """(5) Composition is deterministic: the same paragraph composed again, after another
    paragraph under another random composition has gone through the composer's caches (units,
    boxes, junctions), gives equal lines."""
    text, _ = build(parts)
    first = compose(text, measure, level, style, indent)
    compose(build(parts2)[0], measure2, level2, style2, indent2)
    compose(text, measure2, level2, style2, indent2)
    again = compose(text, measure, level, style, indent)
    assert again == first
