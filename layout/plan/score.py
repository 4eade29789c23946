"""How good a page's placement is: the soft terms, each printed, in the order the desk weighs
them. The same function scores an automatic placement and a hand layout, so the two can be
compared line for line. Lower is better in every term."""

from __future__ import annotations

from dataclasses import dataclass

from layout.model.spec import GridRect

# (term, weight in the solver's objective, what it counts): in the desk's order of importance.
TERMS = (
    ("importance", 1, "Σ priority weight × distance from the top left, in lines (a column to the right counts as a third of the page's lines / columns; the lead weighs 100, each next place half)"),
    ("headline_rank", 60, "pt by which a headline is larger than that of a story ranked above it"),
    ("pengti", 600, "碰题: pairs of headlines side by side at the same height"),
    ("tongfeng", 15, "通缝: lines by which a gutter runs uncrossed beyond half the page"),
    ("stacked", 300, "stories of neighbouring rank stacked in the same columns"),
    ("moved", 3, "lines and columns moved from the previous placement"),
)
WEIGHTS = {name: weight for name, weight, _ in TERMS}


@dataclass(frozen=True)
class Module:
    """A story's module as the score sees it."""

    article: str
    priority: int  # 1: the lead
    rect: GridRect
    headline_size: int  # mpt
    head_rows: int  # body lines from the module's top to the foot of its headline block
    previous: GridRect | None = None


@dataclass(frozen=True)
class PageGeometry:
    columns: int
    lines: int
    first_line: int  # the first line stories may start on (below the running head)
    crossings: tuple[GridRect, ...] = ()  # fixed things that bridge gutters (masthead, boxes, ads)


def score_terms(modules: tuple[Module, ...], page: PageGeometry) -> dict[str, int]:
    return {
        "importance": importance(modules, page),
        "headline_rank": headline_rank(modules),
        "pengti": pengti(modules),
        "tongfeng": tongfeng(modules, page),
        "stacked": stacked(modules),
        "moved": moved(modules),
    }


def total(terms: dict[str, int]) -> int:
    return sum(WEIGHTS[name] * value for name, value in terms.items())


def column_weight(page: PageGeometry) -> int:
    """A column to the right counts as this many lines down: a third of a column's share of
    the page's height, so that the top band reads first, left to right (the second story
    goes top right, 二条, before the foot of the lead's columns)."""
    return max(1, page.lines // (3 * page.columns))


def story_weight(priority: int) -> int:
    """100 for the lead, halving with each place in rank, so that a story never trades its
    place for a lower one's however their heights differ (with weights falling by one, a short
    story of low rank would climb above a tall one of higher rank, by Smith's rule). From the
    eighth place on a story's position no longer counts."""
    return 100 >> (priority - 1) if priority <= 8 else 0


def importance(modules: tuple[Module, ...], page: PageGeometry) -> int:
    step = column_weight(page)
    return sum(story_weight(m.priority) * ((m.rect.top - page.first_line) + step * (m.rect.column - 1)) for m in modules)


def headline_rank(modules: tuple[Module, ...]) -> int:
    ordered = sorted(modules, key=lambda m: m.priority)
    return sum(max(0, later.headline_size - earlier.headline_size) // 1000 for i, earlier in enumerate(ordered) for later in ordered[i + 1:])


def side_by_side(a: GridRect, b: GridRect) -> bool:
    return a.last_column + 1 == b.column or b.last_column + 1 == a.column


def pengti(modules: tuple[Module, ...]) -> int:
    """Pairs of modules next to each other whose headline blocks share a line."""
    count = 0
    for i, a in enumerate(modules):
        for b in modules[i + 1:]:
            if side_by_side(a.rect, b.rect) and a.rect.top < b.rect.top + b.head_rows and b.rect.top < a.rect.top + a.head_rows:
                count += 1
    return count


def gutter_runs(modules: tuple[Module, ...], page: PageGeometry) -> dict[int, int]:
    """For each gutter (between column b and b+1), the longest run of lines from the first
    line down that no module or fixed item bridges."""
    bridges = [m.rect for m in modules] + list(page.crossings)
    runs = {}
    for boundary in range(1, page.columns):
        crossed = set()
        for rect in bridges:
            if rect.column <= boundary < rect.last_column:
                crossed.update(range(rect.top, rect.bottom + 1))
        longest = run = 0
        for line in range(page.first_line, page.lines + 1):
            run = 0 if line in crossed else run + 1
            longest = max(longest, run)
        runs[boundary] = longest
    return runs


def tongfeng(modules: tuple[Module, ...], page: PageGeometry) -> int:
    half = page.lines // 2
    return sum(max(0, run - half) for run in gutter_runs(modules, page).values())


def stacked(modules: tuple[Module, ...]) -> int:
    """Neighbours in rank (priorities p and p+1) sharing a column: one stands on the other."""
    by_priority = {m.priority: m for m in modules}
    count = 0
    for m in modules:
        other = by_priority.get(m.priority + 1)
        if other is not None and m.rect.column <= other.rect.last_column and other.rect.column <= m.rect.last_column:
            count += 1
    return count


def moved(modules: tuple[Module, ...]) -> int:
    return sum(
        abs(m.rect.column - m.previous.column) + abs(m.rect.top - m.previous.top) + abs(m.rect.span - m.previous.span) + abs(m.rect.height - m.previous.height)
        for m in modules
        if m.previous is not None
    )
