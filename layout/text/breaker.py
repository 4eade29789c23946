"""Total-fit line breaking (Knuth–Plass) over boxes, glue and penalties, in integer widths.

Breaks happen only at penalties; glue right after a chosen break is discarded, so a junction is
written `Penalty, Glue` and a prohibited junction is just `Glue`. The breaker knows nothing of
characters: tests give it fixed widths.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

INFINITY = 10000  # a penalty this high forbids a break; this low (negated) forces one
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


def box(width: int, payload: Any = None) -> Item:
    return Item(BOX, width, payload=payload)


def glue(width: int, stretch: int, shrink: int) -> Item:
    return Item(GLUE, width, stretch, shrink)


def penalty(cost: int, width: int = 0, flagged: bool = False) -> Item:
    return Item(PENALTY, width, cost=cost, flagged=flagged)


@dataclass(frozen=True)
class Line:
    start: int  # first item of the line
    end: int  # the penalty it breaks at (exclusive of everything from here on)
    ratio: float  # adjustment ratio: + stretch, − shrink, in units of the line's stretch/shrink


@dataclass(slots=True)
class _Node:
    position: int
    start: int
    line: int
    fitness: int
    total: float
    ratio: float
    flagged: bool
    previous: "_Node | None"


@dataclass(frozen=True)
class Demerits:
    line_penalty: int = 10
    flagged: int = 3000  # two flagged breaks in a row
    fitness: int = 100  # a very loose line next to a tight one
    # CLREQ §3.5.2 / CJK-TYPOGRAPHY §1.5: compress before expanding ("push in" before "push out"),
    # so a line that shrinks counts as less bad than one that stretches as far
    shrink_weight: float = 0.5


def break_lines(items: Sequence[Item], measure: int, tolerance: float, demerits: Demerits = Demerits()) -> list[Line] | None:
    """Optimal breaks with every line's ratio within [-1, tolerance]; None if there is no such set.

    The item list must end with a forced break (a penalty of -INFINITY)."""
    count = len(items)
    widths = [0] * (count + 1)
    stretches = [0] * (count + 1)
    shrinks = [0] * (count + 1)
    for i, item in enumerate(items):
        counts = item.kind != PENALTY
        widths[i + 1] = widths[i] + (item.width if counts else 0)
        stretches[i + 1] = stretches[i] + (item.stretch if counts else 0)
        shrinks[i + 1] = shrinks[i] + (item.shrink if counts else 0)

    active = [_Node(-1, 0, 0, 1, 0.0, 0.0, False, None)]
    for i, item in enumerate(items):
        if item.kind != PENALTY or item.cost >= INFINITY:
            continue
        forced = item.cost <= -INFINITY
        best: list[_Node | None] = [None, None, None, None]
        survivors = []
        for node in active:
            width = widths[i] - widths[node.start] + item.width
            if width < measure:
                stretch = stretches[i] - stretches[node.start]
                ratio = (measure - width) / stretch if stretch > 0 else float("inf")
            elif width > measure:
                shrink = shrinks[i] - shrinks[node.start]
                ratio = (measure - width) / shrink if shrink > 0 else float("-inf")
            else:
                ratio = 0.0
            if ratio >= -1 and not forced:
                survivors.append(node)
            if -1 <= ratio <= tolerance:
                badness = 100 * abs(ratio) ** 3 * (demerits.shrink_weight if ratio < 0 else 1)
                cost = (demerits.line_penalty + badness) ** 2
                if item.cost > 0:
                    cost += item.cost**2
                elif item.cost > -INFINITY:
                    cost -= item.cost**2
                if item.flagged and node.flagged:
                    cost += demerits.flagged
                fitness = 0 if ratio < -0.5 else 1 if ratio <= 0.5 else 2 if ratio <= 1 else 3
                if abs(fitness - node.fitness) > 1:
                    cost += demerits.fitness
                total = node.total + cost
                current = best[fitness]
                if current is None or total < current.total:
                    best[fitness] = _Node(i, _after_break(items, i), node.line + 1, fitness, total, ratio, item.flagged, node)
        active = survivors + [node for node in best if node is not None]
        if not active:
            return None
    final = [node for node in active if node.position == count - 1]
    if not final:
        return None
    node = min(final, key=lambda n: n.total)
    lines: list[Line] = []
    while node.previous is not None:
        lines.append(Line(node.previous.start, node.position, node.ratio))
        node = node.previous
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
        i = start
        end = None
        while i < count:
            item = items[i]
            if item.kind == PENALTY:
                if item.cost <= -INFINITY:
                    end = i
                    break
                if width + item.width <= measure:
                    last_legal = i if item.cost < INFINITY else last_legal
            elif item.kind == GLUE:
                if width <= measure and i > start:
                    last_any = i
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
