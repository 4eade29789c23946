"""Composition: units → boxes, glue and penalties → total-fit breaks → justified lines.

The junction between two units carries every rule of CJK-TYPOGRAPHY §1–§3 that concerns them:
whether a break is allowed (prohibitions), the blank between them after adjacent-pair compression,
how far it may shrink (push-in) and stretch (justification), and the Han–Latin gap.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.model.layout import ComposedLine, ComposedParagraph, Glyph
from layout.model.style import Composition
from layout.text import breaker
from layout.text.breaker import BOX, GLUE, INFINITY, PENALTY, Item, box, glue, penalty
from layout.text.classes import (
    NO_END,
    NO_END_TRAILING,
    NO_START,
    NO_START_LEADING,
    NO_STRETCH_BESIDE,
    NUMBER_HAN_PENALTY,
    PAIR_COMPRESSION,
    PUNCTUATION,
    URL_BREAK_PENALTY,
    COMPOUND_BREAK_PENALTY,
    WESTERN,
    Cls,
)
from layout.text.normalize import normalize, not_prose
from layout.text.segment import SOFT_HYPHEN, Span, Unit, segment
from layout.typeface.metrics import FontSet

FILL = 10**9  # stretch of the glue that ends a paragraph's last line
LOOSE_TOLERANCE = 4.0  # second pass: up to four times the gap cap, flagged as loose


@dataclass(frozen=True)
class ComposeOptions:
    measure: int  # mpt
    composition: Composition = Composition()
    indent: int = 0  # mpt before the first unit
    align: str = "justify"  # justify | left | center | right (a justified paragraph's last line: left)
    prose: bool = False  # a body paragraph: `han_spaces` applies (a headline's or byline's spaces are meant)


def compose_paragraph(spans: list[Span], fonts: FontSet, options: ComposeOptions) -> ComposedParagraph:
    text, items = _prepared(spans, fonts, options)
    if not items:
        return ComposedParagraph(text, ())
    lines, emergency = _break(items, options)
    composed = [_set_line(items, line, options, emergency, last=(n == len(lines) - 1)) for n, line in enumerate(lines)]
    if emergency == "no-fit":
        _flag_forced_breaks(items, lines, composed)
    return ComposedParagraph(text, tuple(composed))


def fits_one_line(spans: list[Span], fonts: FontSet, options: ComposeOptions) -> bool:
    """Whether the paragraph sets on one line within the measure, as `compose_paragraph` would
    set it (ragged or justified), without breaking or setting it: its natural width less all
    it may shrink is within the measure. For a fitting loop that tries many candidates."""
    _, items = _prepared(spans, fonts, options)
    width = shrink = 0
    for item in items:
        if item.kind != PENALTY:
            width += item.width
            shrink += item.shrink
    return width - shrink <= options.measure


def _prepared(spans: list[Span], fonts: FontSet, options: ComposeOptions) -> tuple[str, list[Item]]:
    """The normalised text and its items (none for an empty paragraph)."""
    composition = options.composition
    steps = composition.normalize if options.prose else not_prose(composition.normalize)
    spans = [Span(normalize(s.text, paragraph_start=(i == 0), steps=steps), s.style, s.tracking, s.rigid) for i, s in enumerate(spans)]
    units = segment(spans, fonts, composition.punctuation, composition.hyphenation)
    text = "".join(s.text for s in spans)
    return text, (build_items(units, options) if units else [])


def _flag_forced_breaks(items: list[Item], lines: list[breaker.Line], composed: list[ComposedLine]) -> None:
    """The greedy fallback breaks at a junction the rules forbid only when no legal break fits:
    both lines beside such a break carry the reason (§1.5: flag the line for copy-fitting)."""
    for n, line in enumerate(lines[:-1]):
        if items[line.end].kind == GLUE:
            for k, side in ((n, "ends"), (n + 1, "starts")):
                if composed[k].emergency is None:
                    reason = f"{side} where the rules forbid a break: no legal break fits the measure"
                    composed[k] = ComposedLine(composed[k].glyphs, composed[k].width, composed[k].last, reason, composed[k].widest_gap)


def build_items(units: list[Unit], options: ComposeOptions) -> list[Item]:
    composition = options.composition
    rules = _Rules(NO_START[composition.prohibition], NO_END[composition.prohibition], NO_END_TRAILING[composition.prohibition])
    junctions, boxes = _caches(composition)
    items: list[Item] = []
    append = items.append
    if options.indent:
        append(box(options.indent, payload=None))
    runt_from = _runt_start(units)
    in_range = _range_dashes(units)
    previous = None
    for i, unit in enumerate(units):
        if previous is not None:
            pair = (previous, unit)
            cached = junctions.get(pair)
            if cached is None:
                cost = _break_cost(previous, unit, rules, composition)
                cached = junctions[pair] = (None if cost is None else penalty(cost, unit.hyphen, flagged=bool(unit.hyphen)), _junction(previous, unit, composition))
            breaking, joint = cached
            if breaking is not None and (i in in_range or i - 1 in in_range):
                breaking = None  # F1—F6, 2019—2022: a range stays on one line
            if breaking is not None:
                append(breaking if i < runt_from else penalty(min(breaking.cost + composition.runt_penalty, INFINITY - 1), breaking.width, breaking.flagged))
            append(joint)
        boxed = boxes.get(unit)
        if boxed is None:
            boxed = boxes[unit] = box(unit.width, payload=unit, track=_letter_track(unit, composition))
        append(boxed)
        previous = unit
    append(_PARAGRAPH_FILL)
    append(_PARAGRAPH_END)
    return items


_PARAGRAPH_FILL = glue(0, FILL, 0)
_PARAGRAPH_END = penalty(-INFINITY)
# units are shared objects (segment caches them), and so are their junctions and boxes, per composition
_CACHES: dict[Composition, tuple[dict[tuple[Unit, Unit], tuple[Item | None, Item]], dict[Unit, Item]]] = {}


CACHE_LIMIT = 200_000  # entries; a long-running watch process starts the caches afresh past this


def _caches(composition: Composition) -> tuple[dict[tuple[Unit, Unit], tuple[Item | None, Item]], dict[Unit, Item]]:
    caches = _CACHES.get(composition)
    if caches is None or len(caches[0]) > CACHE_LIMIT or len(caches[1]) > CACHE_LIMIT:
        caches = _CACHES[composition] = ({}, {})
    return caches


def _letter_track(unit: Unit, composition: Composition) -> int:
    """How far a Latin word's (or number's) letters may spread, all its inner positions together:
    the last tier of justification, after every gap of the line is at the cap (a dateline's never)."""
    if unit.cls not in WESTERN or unit.rigid or len(unit.glyphs) < 2:
        return 0
    return (len(unit.glyphs) - 1) * round(composition.letter_stretch_em * unit.em)


@dataclass(frozen=True)
class _Rules:
    no_start: frozenset[Cls]
    no_end: frozenset[Cls]
    no_end_trailing: frozenset[str]


def _break_cost(left: Unit, right: Unit, rules: _Rules, composition: Composition) -> int | None:
    """The penalty for breaking between two units, or None where no break is allowed (§1)."""
    if right.hyphen:
        return composition.hyphenation.penalty  # inside a word, at a hyphenation point
    if left.cls in rules.no_end or right.cls in rules.no_start:
        return None
    if right.text[0] in NO_START_LEADING and not right.url_break or left.text[-1] in rules.no_end_trailing and not ((right.url_break or right.compound_break) and left.text[-1] == "/"):
        return None  # §1.2 for mixed text: postfix/prefix symbols, ASCII brackets, the solidus
    if left.cls in WESTERN and right.cls in WESTERN and not right.space_before:
        if right.compound_break:
            return COMPOUND_BREAK_PENALTY
        return URL_BREAK_PENALTY if right.url_break else None  # §1.3: one word, one URL
    if left.cls is Cls.NUMBER and right.cls is Cls.HAN:
        return NUMBER_HAN_PENALTY  # §1.3 [R]: 2024年, 3亿元 may break, at a small cost
    return 0


RANGE_DASHES = frozenset("—–―")


def _range_dashes(units: list[Unit]) -> frozenset[int]:
    """Indexes of dashes that join two numbers or Latin words without a space (a range: F1—F6,
    2019—2022), or a number with its measure word and a number (2019年—2022年, 1月—3月)."""
    found = set()
    for i in range(1, len(units) - 1):
        dash, left, right = units[i], units[i - 1], units[i + 1]
        if dash.text not in RANGE_DASHES or dash.space_before or right.space_before:
            continue
        between_words = left.cls in WESTERN and right.cls in WESTERN
        between_dates = right.cls is Cls.NUMBER and left.cls is Cls.HAN and i >= 2 and units[i - 2].cls is Cls.NUMBER
        if between_words or between_dates:
            found.add(i)
    return frozenset(found)


def _runt_start(units: list[Unit]) -> int:
    """Index of the first unit whose junction, as a break, would leave fewer than two characters
    (plus punctuation) on the last line (§4, 孤字)."""
    content = 0
    for i in range(len(units) - 1, -1, -1):
        if units[i].cls not in PUNCTUATION:
            content += len(units[i].text) if units[i].cls is Cls.HAN else 2
            if content >= 2:
                return i + 1
    return 0


def _junction(left: Unit, right: Unit, composition: Composition) -> Item:
    em = max(left.em, right.em)
    blank_right, blank_left = left.blank_right, right.blank_left
    if left.cls in PUNCTUATION and right.cls in PUNCTUATION and not (left.cls is Cls.OPEN and right.cls is Cls.CLOSE):
        remove = PAIR_COMPRESSION * em // 1000  # §2.2: two marks take 1.5 em, not 2
        taken = min(remove, blank_right)
        blank_right -= taken
        blank_left -= min(remove - taken, blank_left)
    width = blank_right + blank_left
    shrink = (blank_right if left.compressible else 0) + (blank_left if right.compressible else 0)
    stretch = 0 if left.rigid or right.rigid else round(composition.max_stretch_em * em)  # a dateline is never letter-spaced
    western_left, western_right = left.cls in WESTERN, right.cls in WESTERN
    if western_left != western_right and Cls.HAN in (left.cls, right.cls):
        # §3.6: a quarter-em gap between Han and Latin letters or digits (a source space is that
        # gap); it may shrink to an eighth, and is not stretched, so no gap exceeds the cap
        gap = round(composition.han_latin_gap_em * em)
        return glue(width + gap, 0, gap // 2)
    if right.space_before:
        # a word space of a quarter em: it stretches first, by word_space_stretch_em, then with the
        # line's other gaps up to half an em in all (at the cap); it shrinks a little in a tight
        # line (§3.3 step 1)
        space, loose = em // 4, round(composition.word_space_stretch_em * em)
        return glue(width + space, max(0, stretch - loose), round(composition.word_space_shrink_em * em), loose=loose)
    if western_left and western_right and not (left.rigid or right.rigid):
        # inside one word, URL or number (between its hyphenation pieces): a letter position
        return glue(width, 0, shrink, track=round(composition.letter_stretch_em * em))
    if western_left or western_right or left.cls in NO_STRETCH_BESIDE or right.cls in NO_STRETCH_BESIDE:
        return glue(width, 0, shrink)  # §3.4: never stretched beside these
    return glue(width, stretch, shrink)


def _break(items: list[Item], options: ComposeOptions) -> tuple[list[breaker.Line], str | None]:
    if options.align != "justify":
        # ragged settings (headlines, boxes) still break by the rules, without justification limits
        lines = breaker.break_lines(items, options.measure, float("inf"))
        if lines is not None:
            return lines, None
    else:
        lines = breaker.break_lines(items, options.measure, 1.0)
        if lines is not None:
            return lines, None
        lines = breaker.break_lines(items, options.measure, LOOSE_TOLERANCE)
        if lines is not None:
            return lines, "loose"
        # a line that must open wider still (a long address alone in a line): the total fit
        # without a bound, so the other lines of the paragraph stay as good as they can be
        lines = breaker.break_lines(items, options.measure, float("inf"))
        if lines is not None:
            return lines, "loose"
    return breaker.greedy_lines(items, options.measure), "no-fit"


def _set_line(items: list[Item], line: breaker.Line, options: ComposeOptions, emergency: str | None, last: bool) -> ComposedLine:
    measure = options.measure
    members = items[line.start : line.end]
    hyphen = items[line.end].width if items[line.end].kind == PENALTY else 0  # a word broken with a hyphen
    natural = sum(item.width for item in members if item.kind != PENALTY) + hyphen
    justify = options.align == "justify" and not last
    adjust = measure - natural if justify or natural > measure else 0
    glues = [item for item in members if item.kind == GLUE]
    # stretching, word spaces take up to their `loose` first; only the rest opens the other gaps,
    # and what the gaps cannot take at their cap spreads the letters of Latin words
    loose_total = sum(item.loose for item in glues) if adjust > 0 else 0
    first = min(adjust, loose_total) if adjust > 0 else 0
    rest = adjust - first
    flexible = [item.stretch if adjust > 0 else item.shrink for item in members]
    total_flex = sum(flex for item, flex in zip(members, flexible) if item.kind == GLUE)
    total_track = sum(item.track for item in members) if rest > total_flex else 0
    tracked = 0
    if total_track:  # the gaps take their cap, the letters what is left up to theirs, then both open alike
        past = rest - total_flex - total_track
        tracked = rest - total_flex if past <= 0 else total_track + past * total_track // (total_flex + total_track)
        rest -= tracked
    cap = options.composition.max_stretch_em
    flag = None
    # a gap's stretch is max_stretch_em at ratio 1: the widest gap this line opens, in em
    widest = rest / total_flex * cap if rest > 0 and total_flex else 0.0
    if tracked:
        widest = max(widest, tracked / total_track * options.composition.letter_stretch_em)
    if adjust < 0 and adjust < -total_flex:
        flag = f"overfull by {(-adjust - total_flex) / 1000:.1f} pt: no legal break fits the measure"
        rest = -total_flex
    elif rest > 0 and total_flex == 0:
        flag = f"underfull by {rest / 1000:.1f} pt: nothing on the line may stretch"
        rest = 0
    elif widest > cap + 1e-9:
        flag = f"loose: gaps of {widest:.2f} em, more than the {cap:g} em cap"
    glyphs: list[Glyph] = []
    add = glyphs.append
    x = 0
    spent_flex = spent_loose = spent_track = 0
    given = given_loose = given_track = 0
    for item, flex in zip(members, flexible):
        kind = item.kind
        if kind == BOX:
            unit = item.payload
            if unit is not None:
                if tracked and item.track:
                    # the letters of a Latin word spread: each inner position takes its share
                    step = item.track // (len(unit.glyphs) - 1)
                    for n, g in enumerate(unit.glyphs):
                        if n:
                            spent_track += step
                            share = tracked * spent_track // total_track
                            x += share - given_track
                            given_track = share
                        add(g.moved(x))
                else:
                    for g in unit.glyphs:
                        add(g.moved(x))
            x += item.width
        elif kind == GLUE:
            x += item.width
            if first and item.loose:
                spent_loose += item.loose
                share = first * spent_loose // loose_total
                x += share - given_loose
                given_loose = share
            if tracked and item.track:
                spent_track += item.track
                share = tracked * spent_track // total_track
                x += share - given_track
                given_track = share
            if flex and rest:
                spent_flex += flex
                share = rest * spent_flex // total_flex if rest > 0 else -((-rest) * spent_flex // total_flex)
                x += share - given
                given = share
    if hyphen:
        last_glyph = next((g for g in reversed(glyphs)), None)
        if last_glyph is not None:
            add(Glyph(SOFT_HYPHEN, last_glyph.font, last_glyph.size, last_glyph.colour, x, last_glyph.fallback))
        x += hyphen
    align = "left" if options.align == "justify" else options.align
    offset = {"center": (measure - x) // 2, "right": measure - x}.get(align, 0)
    if offset:
        glyphs = [g.moved(offset) for g in glyphs]
    return ComposedLine(tuple(glyphs), x + offset, last, flag, round(widest, 4))
