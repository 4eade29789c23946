"""Headline blocks: kicker (引题), headline (主题) and subhead (副题) across their module.

A headline that does not fit one line breaks where the editor typed a space (the most even such
lines), else is tightened within the style's tracking limit onto one line, else breaks between
words (`layout.text.phrases`: after punctuation first, then between phrases, never inside a
word) into the fewest, most even lines; only when no such break fits does it break anywhere into
balanced lines, and those lines are flagged. Lines the editor broke stay broken. Glyphs are never
scaled. Each line is centred (or as its style says).
Every element's height is a whole number of body lines (CJK-TYPOGRAPHY §5.6).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise
from layout.model.layout import ComposedLine
from layout.page.lines import shift_line
from layout.model.style import Composition, Grid, TextStyle
from layout.text.compose import ComposeOptions, compose_paragraph, fits_one_line
from layout.text.normalize import normalize, not_prose
from layout.text.phrases import break_candidates
from layout.text.segment import Span, segment
from layout.typeface.metrics import FontSet

MAX_SPACE_SPLITS = 3  # editors' spaces tried as line breaks: up to four lines
WORD_SPLIT = "headline broken inside a word: no break between words fits the measure"
PHRASE_RETRIES = 8  # estimated widths proved wrong by the real composition: tries before giving up


@dataclass(frozen=True)
class HeadlineLines:
    lines: tuple[ComposedLine, ...]
    slot_lines: int  # body lines each line occupies
    fits: bool  # every line within the measure


def compose_headline(text: str, style: TextStyle, measure: int, fonts: FontSet, grid: Grid, composition: Composition) -> HeadlineLines:
    """Lines the editor broke (a "\n") stay broken; each such line is fitted on its own."""
    slot = slot_lines(style.size, grid)
    given = [part for part in text.split("\n") if part.strip()]
    parts = [_compose_part(part, style, measure, fonts, composition) for part in given]
    lines = tuple(line for part, _ in parts for line in part)
    fits = all(fits for _, fits in parts)
    if "\n" in text:
        fits = fits and len(lines) == len(given)  # the editor's lines must each fit as given
    return HeadlineLines(lines, slot, fits)


def _compose_part(text: str, style: TextStyle, measure: int, fonts: FontSet, composition: Composition) -> tuple[tuple[ComposedLine, ...], bool]:
    text = normalize(text, steps=not_prose(composition.normalize))  # the editor's spaces are breaks
    options = ComposeOptions(measure=measure, composition=composition, align=style.align if style.align != "justify" else "center")
    single = _compose(text, style, options, fonts)
    if len(single) == 1 and single[0].width <= measure:
        return single, True
    by_spaces = _split_at_spaces(text, style, options, fonts, measure)
    if by_spaces is not None:
        return by_spaces, True
    tightened = _tightened(text, style, options, fonts)
    if tightened is not None:
        return tightened, True
    by_phrases = _split_at_phrases(text, style, options, fonts, len(single))
    if by_phrases is not None:
        return by_phrases, True
    balanced = _balanced(text, style, options, fonts, len(single))
    fits = all(line.width <= measure and line.emergency is None for line in balanced)
    return tuple(replace(line, emergency=line.emergency or WORD_SPLIT) for line in balanced), fits


def slot_lines(size: int, grid: Grid) -> int:
    """Body lines a line of type `size` occupies: its em box plus a body line gap, rounded up."""
    return max(1, -(-(size + grid.line_gap) // grid.pitch))


def _compose(text: str, style: TextStyle, options: ComposeOptions, fonts: FontSet) -> tuple[ComposedLine, ...]:
    return compose_paragraph([Span(text, style)], fonts, options).lines


TRACKING_STEP = 10  # 1/1000 em


def _tightened(text: str, style: TextStyle, options: ComposeOptions, fonts: FontSet) -> tuple[ComposedLine, ...] | None:
    """The loosest tracking, down to the style's limit, that sets the text on one line."""
    for tracking in range(-TRACKING_STEP, style.min_tracking - 1, -TRACKING_STEP):
        if fits_one_line([Span(text, style, tracking)], fonts, options):  # measured, then set once
            lines = compose_paragraph([Span(text, style, tracking)], fonts, options).lines
            if len(lines) == 1 and lines[0].width <= options.measure:
                return lines
    return None


def _split_at_spaces(text: str, style: TextStyle, options: ComposeOptions, fonts: FontSet, measure: int) -> tuple[ComposedLine, ...] | None:
    """The editor's spaces as line breaks: the fewest lines (two to MAX_SPACE_SPLITS + 1), each
    on one line within the measure and of at least two characters; among those, the narrowest
    widest line, and of equals the earliest breaks.

    Dynamic programming over the words: a piece that no longer fits stays too wide when it
    grows, so each word starts only the pieces that fit a line, and the work is linear in the
    number of words times the words a line holds (never the combinations of all spaces)."""
    words = text.split(" ")
    count = len(words)
    if count < 2:
        return None
    pieces: dict[tuple[int, int], ComposedLine] = {}  # (first word, end word) → its one line
    for first in range(count):
        for end in range(first + 1, count + 1):
            piece = " ".join(words[first:end])
            composed = _compose(piece, style, options, fonts)
            if len(composed) != 1 or composed[0].width > measure:
                break  # longer pieces from here only get wider
            if len(piece.replace(" ", "")) >= 2:  # never a line of one character
                pieces[(first, end)] = ComposedLine(composed[0].glyphs, composed[0].width, True)
    ends_from: dict[int, list[int]] = {}
    for first, end in sorted(pieces):
        ends_from.setdefault(first, []).append(end)
    # widest[k][a]: the narrowest widest line that sets words[a:] in exactly k lines
    widest: list[dict[int, int]] = [{count: 0}]
    for lines in range(1, min(MAX_SPACE_SPLITS, count - 1) + 2):
        row: dict[int, int] = {}
        for first, ends in ends_from.items():
            options_here = [max(pieces[(first, end)].width, widest[-1][end]) for end in ends if end in widest[-1]]
            if options_here:
                row[first] = min(options_here)
        widest.append(row)
        if lines >= 2 and 0 in row:
            return _trace(pieces, ends_from, widest, lines)
    return None


def _trace(pieces: dict[tuple[int, int], ComposedLine], ends_from: dict[int, list[int]], widest: list[dict[int, int]], lines: int) -> tuple[ComposedLine, ...]:
    """The lines of the optimum, taking at each step the earliest break that keeps it."""
    target = widest[lines][0]
    result, first = [], 0
    for remaining in range(lines, 0, -1):
        for end in ends_from[first]:
            rest = widest[remaining - 1].get(end)
            if rest is not None and max(pieces[(first, end)].width, rest) <= target:
                result.append(pieces[(first, end)])
                first = end
                break
    return tuple(result)


def _balanced(text: str, style: TextStyle, options: ComposeOptions, fonts: FontSet, count: int) -> tuple[ComposedLine, ...]:
    """The narrowest measure that still gives `count` lines: lines of similar length."""
    low, high = options.measure // max(count, 1) // 2, options.measure
    best = _compose(text, style, ComposeOptions(options.measure, options.composition, align="left"), fonts)
    while high - low > style.size // 4:
        middle = (low + high) // 2
        trial = _compose(text, style, ComposeOptions(middle, options.composition, align="left"), fonts)
        if len(trial) <= count and all(line.emergency is None for line in trial):
            high = middle
            best = trial
        else:
            low = middle
    # set at the balanced measure, then placed within the real one as the style aligns it
    room = lambda line: options.measure - line.width  # noqa: E731
    shifts = {"center": lambda line: room(line) // 2, "right": room}
    shift = shifts.get(options.align, lambda line: 0)
    return tuple(shift_line(line, shift(line)) for line in best)


def _split_at_phrases(text: str, style: TextStyle, options: ComposeOptions, fonts: FontSet, count: int) -> tuple[ComposedLine, ...] | None:
    """Breaks only between words (`break_candidates`): the fewest lines (two up to one more than
    breaking anywhere would give), each within the measure and of at least two characters; among
    those the least cost, where a line's cost is its squared deviation from the even length (in
    em²) and each break adds its candidate's cost. Widths are estimated from the units (their
    boxes and blanks, a line's outer blanks dropped), then each chosen line is composed; a line
    the composer sets otherwise is ruled out and the search runs again."""
    edges = _unit_edges(text, style, options, fonts)
    found = [(offset, cost) for offset, cost in break_candidates(text, options.composition.prohibition) if offset in edges]
    if not found:
        return None
    cuts = [_Cut(0, 0, *edges[0]), *(_Cut(offset, cost, *edges[offset]) for offset, cost in found), _Cut(len(text), 0, *edges[len(text)])]
    refused: set[tuple[int, int]] = set()
    for _ in range(PHRASE_RETRIES):
        breaks = _cheapest_breaks(cuts, text, style.size, options.measure, max(count, 2) + 1, refused)
        if breaks is None:
            return None
        lines = []
        for a, b in pairwise(breaks):
            composed = _compose(_piece(text, cuts[a], cuts[b]), style, options, fonts)
            if len(composed) != 1 or composed[0].width > options.measure:
                refused.add((a, b))
                break
            lines.append(ComposedLine(composed[0].glyphs, composed[0].width, True))
        else:
            return tuple(lines)
    return None


@dataclass(frozen=True)
class _Cut:
    """A place a line may start or end: its offset in the text, the cost of breaking there, and
    the estimated x of the box that starts there and of the text's end before it (each without
    the blank a line edge drops)."""

    offset: int
    cost: int
    start_x: int
    end_x: int


def _unit_edges(text: str, style: TextStyle, options: ComposeOptions, fonts: FontSet) -> dict[int, tuple[int, int]]:
    """Offset of each unit's start (and of the text's end) → (x of its box, x where the text
    before it ends, its blank after dropped). Estimates: adjacent-pair compression and the
    Han–Latin gap are left out, a space counts a quarter em; the chosen lines are composed."""
    edges: dict[int, tuple[int, int]] = {}
    x = end = position = 0
    for unit in segment([Span(text, style)], fonts, options.composition.punctuation):
        at = text.find(unit.text, position)
        if at < 0:
            return {}
        box = x + (style.size // 4 if unit.space_before else 0) + unit.blank_left
        edges[at] = (box, end)
        x, end, position = box + unit.width + unit.blank_right, box + unit.width, at + len(unit.text)
    edges[0] = (0, 0)
    edges[len(text)] = (x, end)
    return edges


def _piece(text: str, first: _Cut, last: _Cut) -> str:
    return text[first.offset : last.offset].strip(" \t")


def _cheapest_breaks(cuts: list[_Cut], text: str, em: int, measure: int, most_lines: int, refused: set[tuple[int, int]]) -> list[int] | None:
    """Dynamic programming over the cuts: for k = 2, 3, … lines the least cost of exactly k lines;
    of equal costs the earliest breaks. Work: k times the cuts times the cuts a line holds."""
    last = len(cuts) - 1
    reach: dict[int, list[tuple[int, int]]] = {}  # a line from cut a: (cut b, its width), while it fits
    for a in range(last):
        reach[a] = []
        for b in range(a + 1, last + 1):
            width = cuts[b].end_x - cuts[a].start_x
            if width > measure:
                break  # longer lines from here only get wider
            if len(_piece(text, cuts[a], cuts[b])) >= 2 and (a, b) not in refused:
                reach[a].append((b, width))
    even_total = cuts[last].end_x
    for lines in range(2, most_lines + 1):
        even = even_total / lines
        best: dict[int, tuple[float, list[int]]] = {0: (0.0, [0])}  # after k lines: cut → (cost, breaks)
        for _ in range(lines):
            step: dict[int, tuple[float, list[int]]] = {}
            for a, (cost, breaks) in sorted(best.items()):
                for b, width in reach[a] if a < last else ():
                    here = cost + ((width - even) / em) ** 2 + cuts[b].cost
                    if b not in step or here < step[b][0]:
                        step[b] = (here, [*breaks, b])
            best = step
        if last in best:
            return best[last][1]
    return None
