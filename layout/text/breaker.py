"""Total-fit line breaking (Knuth–Plass) over boxes, glue and penalties, in integer widths.

Breaks happen only at penalties; glue right after a chosen break is discarded, so a junction is
written `Penalty, Glue` and a prohibited junction is just `Glue`. The breaker knows nothing of
characters: tests give it fixed widths.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Sequence

INFINITY = 10000  # a penalty this high forbids a break; this low (negated) forces one
INF_RATIO = float("inf")
MAX_RATIO = 30.0  # the badness of a line with nothing to stretch, in an unbounded pass (kept small enough that
# the totals of the other lines still count beside it in floating point)
BOX, GLUE, PENALTY = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Item:
    kind: int
    width: int
    stretch: int = 0
    shrink: int = 0
    cost: int = 0
    flagged: bool = False
    payload: Any = None  # what the composer draws for a box
    loose: int = 0  # stretch taken before any `stretch` of the line (a Latin word space's)
    track: int = 0  # stretch taken only once every `stretch` of the line is spent (letter-spacing)


def box(width: int, payload: Any = None, track: int = 0) -> Item:
    """A box; `track` is how far its letters may spread apart, all positions together, as a last tier."""
    return Item(BOX, width, payload=payload, track=track)


def glue(width: int, stretch: int, shrink: int, loose: int = 0, track: int = 0) -> Item:
    """Glue that stretches by `loose` first (in every glue of the line alike), then by `stretch`,
    and by `track` only when the line's `stretch` is spent (a junction inside a Latin word)."""
    return Item(GLUE, width, stretch, shrink, loose=loose, track=track)


def stretch_tiers(short: float, stretch: float, track: float) -> tuple[float, float]:
    """How a line `short` of the measure (after its word spaces' `loose`) opens: the gaps' ratio
    (1: every gap at its cap) and the share of the letter-spacing tier spent (0..1).

    The gaps open first, up to their cap; then the letters of Latin words spread, up to theirs;
    past both, gaps and letters open further together, so no position is wider than it must be."""
    if short <= stretch:
        return (short / stretch if stretch > 0 else (INF_RATIO if short > 0 else 0.0)), 0.0
    if short <= stretch + track:
        return 1.0, (short - stretch) / track
    return (1.0 + (short - stretch - track) / (stretch + track) if stretch + track > 0 else INF_RATIO), (1.0 if track else 0.0)


def penalty(cost: int, width: int = 0, flagged: bool = False) -> Item:
    return Item(PENALTY, width, cost=cost, flagged=flagged)


@dataclass(frozen=True)
class Line:
    start: int  # first item of the line
    end: int  # the penalty it breaks at (exclusive of everything from here on)
    ratio: float  # adjustment ratio: + stretch, − shrink, in units of the line's stretch/shrink


@dataclass(frozen=True)
class Demerits:
    line_penalty: int = 10
    flagged: int = 3000  # two flagged breaks in a row (hyphens on consecutive lines)
    # the badness of word spaces stretched to their limit, as if the line's other gaps had
    # opened by this ratio (0.5: an eighth of an em): a reader minds them less than spaced Han
    loose_weight: float = 0.5
    # CLREQ §3.5.2 / CJK-TYPOGRAPHY §1.5: compress before expanding ("push in" before "push out"):
    # a line that gives up its marks' blanks (ratio -1: badness 2) beats pushing a character
    # down and opening every gap by 1/11 em (ratio ~0.36: badness ~4.8)
    shrink_weight: float = 0.02
    # letter-spacing, the last tier: a line whose Latin letters spread to their cap weighs as
    # much as one whose gaps open to twice theirs (badness 800), so it is chosen only where
    # every other set of breaks is worse
    track_weight: float = 1.0


def break_lines(items: Sequence[Item], measure: int, tolerance: float, demerits: Demerits = Demerits()) -> list[Line] | None:
    """Optimal breaks with every line's ratio within [-1, tolerance]; None if there is no such set.
    A line short of the measure first spends its glue's `loose` stretch (word spaces), and only
    what is left opens the other gaps: the ratio is theirs. Past ratio 1 the letters' `track`
    opens before the gaps go further (`stretch_tiers`); a tolerance is never below 1.

    The item list must end with a forced break (a penalty of -INFINITY).

    In Chinese text nearly every junction is a legal break, so this loop is the composer's hot
    path. Active nodes are kept in the order of the line start they open, which is also the order
    of `widths[start] + tolerance * stretches[start]`: the nodes a break could be reached from
    without stretching past the tolerance are a prefix of that list (found by bisection), and
    walking that prefix backwards stops at the first node whose line is already too long, which
    also retires every earlier node for good (KP's deactivation). There are no fitness classes:
    justified Chinese lines sit at ratios near 0, and the cap on stretching already keeps a loose
    line from standing next to a tight one; one node per break keeps the loop short."""
    count = len(items)
    widths = [0] * (count + 1)
    stretches = [0] * (count + 1)
    shrinks = [0] * (count + 1)
    looses = [0] * (count + 1)
    tracks = [0] * (count + 1)
    breaks = []  # the legal breakpoints: (position, cost, width, flagged)
    w = y = z = v = t = 0
    for i, item in enumerate(items):
        if item.kind != PENALTY:
            w += item.width
            y += item.stretch
            z += item.shrink
            v += item.loose
            t += item.track
        elif item.cost < INFINITY:
            breaks.append((i, item.cost, item.width, item.flagged))
        widths[i + 1], stretches[i + 1], shrinks[i + 1], looses[i + 1], tracks[i + 1] = w, y, z, v, t

    line_penalty = demerits.line_penalty
    flagged_demerits = demerits.flagged
    shrink_weight = demerits.shrink_weight
    loose_weight = demerits.loose_weight
    track_weight = demerits.track_weight
    bounded = tolerance != INF_RATIO
    # a node: (position, start of the next line, total demerits, ratio, flagged, previous node)
    active: list[tuple] = [(-1, 0, 0.0, 0.0, False, None)]
    keys: list[float] = [0.0]
    first = 0  # active[:first] are retired
    for i, cost, break_width, flagged in breaks:
        forced = cost <= -INFINITY
        penalty_demerits = cost * cost if cost > 0 else (-cost * cost if cost > -INFINITY else 0)
        width_here = widths[i] + break_width
        stretch_here, shrink_here, loose_here, track_here = stretches[i], shrinks[i], looses[i], tracks[i]
        if bounded:
            top = bisect_right(keys, width_here + tolerance * (stretch_here + track_here) + loose_here - measure + 1e-6, first)
        else:
            top = len(active)
        best = None
        k = top - 1
        while k >= first:
            node = active[k]
            start = node[1]
            width = width_here - widths[start]
            spaces = 0.0  # how far the word spaces are stretched towards their limit
            tracked = 0.0  # how far the letters are spread towards theirs
            if width < measure:
                short = measure - width
                loose = loose_here - looses[start]
                if loose:
                    spaces = min(1.0, short / loose)
                    short -= min(short, loose)
                stretch = stretch_here - stretches[start]
                if short <= stretch:  # stretch_tiers' first case, inline: nearly every line of Chinese text
                    ratio = short / stretch if stretch > 0 else (INF_RATIO if short else 0.0)
                else:
                    ratio, tracked = stretch_tiers(short, stretch, track_here - tracks[start])
            elif width > measure:
                shrink = shrink_here - shrinks[start]
                ratio = (measure - width) / shrink if shrink > 0 else -INF_RATIO
            else:
                ratio = 0.0
            if ratio < -1:
                first = k + 1  # this node and every earlier one only get longer lines from here
                break
            k -= 1
            if ratio > tolerance:
                continue
            # (capped: without a bound, a line with nothing to stretch must still weigh more than
            # any other, not make every total infinite alike)
            badness = 100 * (-ratio) ** 3 * shrink_weight if ratio < 0 else 100 * min(ratio, MAX_RATIO) ** 3
            if spaces:
                badness += 100 * (spaces * loose_weight) ** 3
            if tracked:
                badness += 100 * ((1 + tracked * track_weight) ** 3 - 1)
            total = node[2] + (line_penalty + badness) ** 2 + penalty_demerits
            if flagged and node[4]:
                total += flagged_demerits
            if best is None or total < best[0]:
                best = (total, ratio, node)
        if forced:
            first = len(active)
        if best is not None:
            after = _after_break(items, i)
            active.append((i, after, best[0], best[1], flagged, best[2]))
            keys.append(widths[after] + (tolerance * (stretches[after] + tracks[after]) + looses[after] if bounded else 0.0))
        if first >= len(active):
            return None
        if first > 4096:  # drop retired nodes now and then
            del active[:first], keys[:first]
            first = 0
    final = [node for node in active[first:] if node[0] == count - 1]
    if not final:
        return None
    node = min(final, key=lambda n: n[2])
    lines: list[Line] = []
    while node[5] is not None:
        previous = node[5]
        lines.append(Line(previous[1], node[0], node[3]))
        node = previous
    lines.reverse()
    return lines


def _after_break(items: Sequence[Item], position: int) -> int:
    """First item of the next line: glue and penalties after a break are discarded."""
    j = position + 1
    while j < len(items) and items[j].kind != BOX:
        if items[j].kind == PENALTY and items[j].cost <= -INFINITY:
            break
        j += 1
    return j


def greedy_lines(items: Sequence[Item], measure: int) -> list[Line]:
    """Last resort when no total-fit solution exists: fill each line as far as it goes, breaking at
    the last legal penalty; where a line has none, at the last junction before it overflows.

    The composer flags every line this returns that is not justified within tolerance."""
    lines: list[Line] = []
    start = 0
    count = len(items)
    while start < count:
        width = 0
        last_legal = None
        last_any = None
        overfull_junction = None  # a line whose first box is already too wide: its first junction
        i = start
        end = None
        while i < count:
            item = items[i]
            if item.kind == PENALTY:
                if item.cost <= -INFINITY:
                    end = i if overfull_junction is None else overfull_junction
                    break
                if width + item.width <= measure:
                    last_legal = i if item.cost < INFINITY else last_legal
                elif last_legal is None and last_any is None and item.cost < INFINITY:
                    end = i  # nothing fits before this break: the overfull line ends at once
                    break
            elif item.kind == GLUE:
                if width <= measure and i > start:
                    last_any = i
                elif last_legal is None and last_any is None and overfull_junction is None and i > start:
                    overfull_junction = i
                width += item.width
            else:
                width += item.width
                if width > measure and (last_legal is not None or last_any is not None):
                    end = last_legal if last_legal is not None else last_any
                    break
            i += 1
        if end is None:
            end = count - 1
        lines.append(Line(start, end, 0.0))
        if end >= count - 1:
            break
        start = _after_break(items, end)
        if start >= count - 1 and items[count - 1].kind == PENALTY:
            break
    return lines
