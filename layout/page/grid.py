"""Grid rectangles in milli-points."""

from __future__ import annotations

from layout.model.layout import Rect
from layout.model.spec import GridRect
from layout.model.style import Grid


def module_rect(rect: GridRect, grid: Grid) -> Rect:
    """The module's area from the top of its first line's em box to the bottom of its last."""
    x = grid.column_x(rect.column)
    y = grid.line_top(rect.top)
    return Rect(x, y, grid.span_width(rect.span), grid.line_top(rect.bottom) + grid.body_size - y)


def reserved_bottom(rect: GridRect, grid: Grid) -> int:
    """A module with something below it keeps its last line free: the rule or white between them."""
    return 1 if rect.bottom < grid.lines else 0


def separator_y(rect: GridRect, grid: Grid) -> int:
    """Middle of the module's reserved last line."""
    return grid.line_top(rect.bottom) + grid.body_size // 2
