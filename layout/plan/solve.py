"""Choosing a variant and a place for every story of a page so that the modules tile the free
type area exactly: no overlap, no hole, every story fitting to the line.

Two searches, as the published work on newspaper layout suggests (Strecker & Hennig; Gange,
Marriott & Stuckey): a fast constructive one, and OR-Tools' CP-SAT seeded with it.

- *Constructive.* The first empty cell of the page, reading by lines then columns, must be
  the top left corner of the module that covers it. So the search takes that cell, tries the
  remaining stories in priority order with each of their variants there, and backtracks. Its
  first complete tiling has the stories in reading order of their rank.
- *CP-SAT.* One rectangle per story with its variant a table lookup (span, height, headline);
  `NoOverlap2D` with the fixed items; the sum of the areas equal to the free area, which with
  no overlap means no hole. The score's terms (plan/score.py) are its objective. It starts
  from the constructive tiling as a hint and returns the best tiling found within the time
  limit. Its time is deterministic time, with one worker, so that the same input and seed
  give the same page; the wall-clock limit only cuts it short on a slow machine.

Everything works on the solver's grid, one line longer than the page (plan/variants.py): a
module is its variant's height plus the line for the rule below it, and one that ends on the
extra line stands at the page's foot."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

from layout.model.spec import GridRect
from layout.plan.score import WEIGHTS, PageGeometry, column_weight, story_weight
from layout.plan.variants import StoryOptions, Variant

MAX_SEARCH_NODES = 10_000  # the constructive search gives up after trying this many modules in place
# CP-SAT's deterministic time is a count of work, the same on every machine; on the project's
# 2-core machine one unit took about 1.8–2.3 s of the clock. 0.4 of the limit in units keeps the
# search about within the limit there, and the same work (so the same page) everywhere.
DETERMINISTIC_SHARE = 0.4
MAX_SLACK = 30  # lines the nearest page may shorten or lengthen a module by


@dataclass(frozen=True)
class PageProblem:
    geometry: PageGeometry
    fixed: tuple[GridRect, ...]  # on the solver's grid: what no story may cover
    stories: tuple[StoryOptions, ...]  # in priority order
    pinned: dict[str, GridRect]  # article → its module on the solver's grid

    @property
    def free_cells(self) -> int:
        g = self.geometry
        total = g.columns * (g.lines + 2 - g.first_line)
        return total - sum(_clipped_area(rect, g) for rect in self.fixed)


@dataclass(frozen=True)
class Choice:
    article: str
    variant: Variant
    rect: GridRect  # on the solver's grid (variant height + 1)


@dataclass(frozen=True)
class Solution:
    choices: tuple[Choice, ...]
    solver: str  # constructive | cp-sat (optimal | feasible)
    seconds: float


def solver_rect(rect: GridRect, lines: int) -> GridRect:
    """A page rectangle on the solver's grid: one that ends at the foot takes the extra line."""
    return GridRect(rect.column, rect.span, rect.top, rect.height + 1) if rect.bottom == lines else rect


def page_rect(rect: GridRect, lines: int) -> GridRect:
    """Back from the solver's grid: a module reaching the extra line ends at the page's foot."""
    return GridRect(rect.column, rect.span, rect.top, rect.height - 1) if rect.bottom == lines + 1 else rect


def _clipped_area(rect: GridRect, g: PageGeometry) -> int:
    top = max(rect.top, g.first_line)
    return max(0, rect.bottom - top + 1) * rect.span


def constructive(problem: PageProblem, deadline: float) -> Solution | None:
    """The first exact tiling in reading order (see the module's docstring), or None. Each line
    of the solver's grid is a bit mask of its filled columns."""
    started = time.perf_counter()
    g = problem.geometry
    rows = g.lines + 1
    full = (1 << g.columns) - 1
    filled = [full] * g.first_line + [0] * (rows - g.first_line + 1) + [full]  # index = line; a full guard line below
    for rect in list(problem.fixed) + [problem.pinned[s.article] for s in problem.stories if s.article in problem.pinned]:
        _mark(filled, rect, g.first_line, rows)
    free = [s for s in problem.stories if s.article not in problem.pinned]
    chosen: list[Choice] = []
    nodes = [0]
    area = {s.article: (min(v.span * (v.height + 1) for v in s.variants), max(v.span * (v.height + 1) for v in s.variants)) for s in free}
    smallest = {s.article: (min(v.span for v in s.variants), min(v.height + 1 for v in s.variants)) for s in free}
    ordered = {s.article: sorted(s.variants, key=lambda v: abs(v.slack)) for s in free}  # exact fits first
    left = [problem.free_cells - sum(problem.pinned[s.article].span * problem.pinned[s.article].height for s in problem.stories if s.article in problem.pinned)]

    def first_empty(line: int) -> tuple[int, int] | None:
        """From `line` down (every line above it is full), the first empty cell."""
        while line <= rows and filled[line] == full:
            line += 1
        if line > rows:
            return None
        gaps = ~filled[line] & full
        return line, (gaps & -gaps).bit_length()  # the lowest empty column, 1-based

    def room(line: int, column: int) -> tuple[int, int]:
        """Empty cells to the right of and below the cell, itself included."""
        bit = 1 << (column - 1)
        width = 0
        while column + width <= g.columns and not filled[line] & (bit << width):
            width += 1
        height = 0
        while not filled[line + height] & bit:
            height += 1
        return width, height

    def fits(rect: GridRect) -> bool:
        mask = ((1 << rect.span) - 1) << (rect.column - 1)
        return all(not filled[line] & mask for line in range(rect.top, rect.bottom + 1))

    def search(remaining: list[StoryOptions], start: int) -> bool:
        cell = first_empty(start)
        if cell is None:
            return not remaining
        if not remaining or nodes[0] > MAX_SEARCH_NODES or time.perf_counter() > deadline:  # the clock: a safety on a slow machine
            return False
        # the stories left must be able to cover exactly the cells left
        if sum(area[s.article][0] for s in remaining) > left[0] or sum(area[s.article][1] for s in remaining) < left[0]:
            return False
        line, column = cell
        width, height = room(line, column)
        for index, story in enumerate(remaining):
            others = remaining[:index] + remaining[index + 1:]
            # what is left beside and below the module must take a module of its own
            narrowest = min((smallest[s.article][0] for s in others), default=0)
            lowest = min((smallest[s.article][1] for s in others), default=0)
            for variant in ordered[story.article]:
                h = variant.height + 1
                if variant.span > width or h > height or 0 < width - variant.span < narrowest or 0 < height - h < lowest:
                    continue
                rect = GridRect(column, variant.span, line, h)
                nodes[0] += 1
                if not fits(rect):
                    continue
                _mark(filled, rect, g.first_line, rows)
                chosen.append(Choice(story.article, variant, rect))
                left[0] -= rect.span * rect.height
                if search(others, line):
                    return True
                left[0] += rect.span * rect.height
                chosen.pop()
                _mark(filled, rect, g.first_line, rows, clear=True)
        return False

    if not search(free, g.first_line):
        return None
    pinned = [Choice(s.article, s.variants[0], problem.pinned[s.article]) for s in problem.stories if s.article in problem.pinned]
    return Solution(tuple(chosen + pinned), "constructive", time.perf_counter() - started)


def _mark(filled: list[int], rect: GridRect, first_line: int, rows: int, clear: bool = False) -> None:
    mask = ((1 << rect.span) - 1) << (rect.column - 1)
    for line in range(max(rect.top, first_line), min(rect.bottom, rows) + 1):
        filled[line] = filled[line] & ~mask if clear else filled[line] | mask


def lead_corner(problem: PageProblem) -> tuple[int, int] | None:
    """Where the lead goes: column 1, on the first line there that nothing fixed covers (the
    first line under the masthead, or under the running head); None if a pinned story is the lead."""
    if not problem.stories or problem.stories[0].article in problem.pinned:
        return None
    g = problem.geometry
    line = g.first_line
    for rect in sorted(problem.fixed, key=lambda r: r.top):
        if rect.column == 1 and rect.top <= line <= rect.bottom:
            line = rect.bottom + 1
    return 1, line


def cp_sat(problem: PageProblem, hint: Solution | None, time_limit: float, seed: int, lead_first: bool = True, clock_guard: float = 2.0) -> Solution | None:
    """The best tiling CP-SAT finds within the limit (in deterministic time; by the clock, at
    most `clock_guard` times the limit), or None. With `lead_first`, the lead is held to its
    corner."""
    from ortools.sat.python import cp_model  # only a page that lists stories needs the solver

    started = time.perf_counter()
    g = problem.geometry
    rows = g.lines + 1
    model = cp_model.CpModel()
    x_intervals, y_intervals = [], []
    shapes = []  # per story: (variant index, x, y, w, h, headline size, head rows, x end, y end)
    areas = []
    for story in problem.stories:
        pin = problem.pinned.get(story.article)
        table = [(i, v.span, v.height + 1, v.headline_size // 1000, v.head_rows, v.span * (v.height + 1)) for i, v in enumerate(story.variants)]
        index = model.NewIntVar(0, max(0, len(story.variants) - 1), f"v_{story.article}")
        w = model.NewIntVar(1, g.columns, f"w_{story.article}")
        h = model.NewIntVar(1, rows, f"h_{story.article}")
        size = model.NewIntVar(0, 1000, f"size_{story.article}")
        head = model.NewIntVar(0, rows, f"head_{story.article}")
        area = model.NewIntVar(0, g.columns * rows, f"area_{story.article}")
        model.AddAllowedAssignments([index, w, h, size, head, area], table)
        x, y, x_end, y_end = _module_box(model, g, story.article, w, h, pin, x_intervals, y_intervals)
        shapes.append((index, x, y, w, h, size, head, x_end, y_end))
        areas.append(area)
    corner = lead_corner(problem) if lead_first else None
    if corner is not None:
        model.Add(shapes[0][1] == corner[0])
        model.Add(shapes[0][2] == corner[1])
    _tile(model, problem, x_intervals, y_intervals, areas)

    model.Minimize(sum(_objective(model, problem, shapes)))
    if hint is not None:
        _hint(model, problem, shapes, hint)

    solver = _solver(cp_model, time_limit, seed, clock_guard)
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    choices = []
    for story, shape in zip(problem.stories, shapes):
        index, x, y, w, h = (solver.Value(v) for v in shape[:5])
        choices.append(Choice(story.article, story.variants[index], problem.pinned.get(story.article) or GridRect(x, w, y, h)))
    name = "cp-sat optimal" if status == cp_model.OPTIMAL else "cp-sat feasible"
    if status != cp_model.OPTIMAL and solver.deterministic_time < solver.parameters.max_deterministic_time * 0.99:
        name += " (cut short by the clock: the same seed may give another page on a faster machine)"
    return Solution(tuple(choices), name, time.perf_counter() - started)


def _module_box(model, g: PageGeometry, name: str, w, h, pin: GridRect | None, xs: list, ys: list) -> tuple:
    """A module's corner and far edges on the solver's grid (held to its pin, if any), its
    intervals added to `xs` and `ys`."""
    rows = g.lines + 1
    x = model.NewIntVar(1, g.columns, f"x_{name}")
    y = model.NewIntVar(g.first_line, rows, f"y_{name}")
    if pin is not None:
        model.Add(x == pin.column)
        model.Add(y == pin.top)
    x_end = model.NewIntVar(2, g.columns + 1, f"xe_{name}")
    y_end = model.NewIntVar(g.first_line + 1, rows + 1, f"ye_{name}")
    xs.append(model.NewIntervalVar(x, w, x_end, f"xi_{name}"))
    ys.append(model.NewIntervalVar(y, h, y_end, f"yi_{name}"))
    return x, y, x_end, y_end


def _tile(model, problem: PageProblem, xs: list, ys: list, areas: list) -> None:
    """The modules and the fixed items do not overlap, and the modules' areas add up to the
    free area: together, no hole."""
    g = problem.geometry
    for rect in problem.fixed:
        top = max(rect.top, g.first_line)
        if rect.bottom >= top:
            xs.append(model.NewFixedSizeIntervalVar(rect.column, rect.span, "fixed_x"))
            ys.append(model.NewFixedSizeIntervalVar(top, rect.bottom - top + 1, "fixed_y"))
    model.AddNoOverlap2D(xs, ys)
    model.Add(sum(areas) == problem.free_cells)


def _solver(cp_model, time_limit: float, seed: int, clock_guard: float):
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # one worker: the same search, whatever the machine's load
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = time_limit * DETERMINISTIC_SHARE
    solver.parameters.max_time_in_seconds = time_limit * clock_guard  # the clock only cuts a slow machine short
    return solver


def _objective(model, problem: PageProblem, shapes) -> list:
    """The soft terms of plan/score.py on the model's variables, each weighted."""
    g = problem.geometry
    rows = g.lines + 1
    step = column_weight(g)
    count = len(problem.stories)
    objective = []
    for i in range(count):
        _, x, y, *_ = shapes[i]
        objective.append(WEIGHTS["importance"] * story_weight(i + 1) * ((y - g.first_line) + step * (x - 1)))
    for i in range(count):
        for j in range(i + 1, count):
            larger = model.NewIntVar(0, 1000, f"hl_{i}_{j}")
            model.AddMaxEquality(larger, [shapes[j][5] - shapes[i][5], 0])
            objective.append(WEIGHTS["headline_rank"] * larger)
            objective.append(WEIGHTS["pengti"] * _side_by_side_heads(model, shapes[i], shapes[j], f"{i}_{j}"))
            if j == i + 1:
                objective.append(WEIGHTS["stacked"] * _share_columns(model, shapes[i], shapes[j], f"{i}_{j}"))
    objective.extend(WEIGHTS["tongfeng"] * term for term in _gutter_windows(model, problem, shapes))
    for story, shape in zip(problem.stories, shapes):
        previous = story.request.previous
        if previous is not None and story.article not in problem.pinned:
            prev = solver_rect(previous, g.lines)
            for var, value in ((shape[1], prev.column), (shape[2], prev.top), (shape[3], prev.span), (shape[4], prev.height)):
                distance = model.NewIntVar(0, rows + g.columns, "moved")
                model.AddAbsEquality(distance, var - value)
                objective.append(WEIGHTS["moved"] * distance)
    return objective


def _hint(model, problem: PageProblem, shapes, hint: Solution) -> None:
    """The constructive tiling as CP-SAT's first guess: each story's variant and corner."""
    by_article = {c.article: c for c in hint.choices}
    for story, shape in zip(problem.stories, shapes):
        choice = by_article.get(story.article)
        if choice is None or story.article in problem.pinned:
            continue
        model.AddHint(shape[0], story.variants.index(choice.variant))
        model.AddHint(shape[1], choice.rect.column)
        model.AddHint(shape[2], choice.rect.top)


def _side_by_side_heads(model, a, b, name: str):
    """1 when the two modules touch side by side and their headline blocks share a line."""
    _, xa, ya, _, _, _, head_a, xea, _ = a
    _, xb, yb, _, _, _, head_b, xeb, _ = b
    left = model.NewBoolVar(f"left_{name}")
    right = model.NewBoolVar(f"right_{name}")
    model.Add(xea == xb).OnlyEnforceIf(left)
    model.Add(xea != xb).OnlyEnforceIf(left.Not())
    model.Add(xeb == xa).OnlyEnforceIf(right)
    model.Add(xeb != xa).OnlyEnforceIf(right.Not())
    above = model.NewBoolVar(f"above_{name}")  # a's headline ends before b starts
    below = model.NewBoolVar(f"below_{name}")
    model.Add(ya + head_a <= yb).OnlyEnforceIf(above)
    model.Add(ya + head_a > yb).OnlyEnforceIf(above.Not())
    model.Add(yb + head_b <= ya).OnlyEnforceIf(below)
    model.Add(yb + head_b > ya).OnlyEnforceIf(below.Not())
    bump = model.NewBoolVar(f"pengti_{name}")
    # bump ≥ (left or right) and not above and not below
    model.AddBoolOr([left.Not(), above, below, bump])
    model.AddBoolOr([right.Not(), above, below, bump])
    return bump


def _share_columns(model, a, b, name: str):
    """1 when the two modules share a column (so one stands on the other)."""
    _, xa, _, _, _, _, _, xea, _ = a
    _, xb, _, _, _, _, _, xeb, _ = b
    apart_left = model.NewBoolVar(f"apart_l_{name}")
    apart_right = model.NewBoolVar(f"apart_r_{name}")
    model.Add(xea <= xb).OnlyEnforceIf(apart_left)
    model.Add(xeb <= xa).OnlyEnforceIf(apart_right)
    shared = model.NewBoolVar(f"stacked_{name}")
    model.AddBoolOr([apart_left, apart_right, shared])
    return shared


def _gutter_windows(model, problem: PageProblem, shapes) -> list:
    """For every gutter and every run of more than half the page's lines that no fixed item
    bridges, a literal that is 1 when no story bridges it either: their count, weighted, is how
    far 通缝 run past half the page."""
    g = problem.geometry
    length = g.lines // 2 + 1
    terms = []
    bridges_fixed = [r for r in problem.fixed if r.span > 1]
    for boundary in range(1, g.columns):
        spans = []
        for i, shape in enumerate(shapes):
            _, x, _, _, _, _, _, x_end, _ = shape
            crosses = model.NewBoolVar(f"cross_{boundary}_{i}")
            model.Add(x <= boundary).OnlyEnforceIf(crosses)
            model.Add(x_end >= boundary + 2).OnlyEnforceIf(crosses)
            spans.append(crosses)
        for start in range(g.first_line, g.lines - length + 2):
            end = start + length - 1
            if any(r.column <= boundary < r.last_column and r.top <= end and r.bottom >= start for r in bridges_fixed):
                continue
            hits = []
            for i, shape in enumerate(shapes):
                _, _, y, _, _, _, _, _, y_end = shape
                hit = model.NewBoolVar(f"hit_{boundary}_{start}_{i}")
                model.AddImplication(hit, spans[i])
                model.Add(y <= end).OnlyEnforceIf(hit)
                model.Add(y_end >= start + 1).OnlyEnforceIf(hit)
                hits.append(hit)
            open_ = model.NewBoolVar(f"open_{boundary}_{start}")
            model.AddBoolOr(hits + [open_])
            terms.append(open_)
    return terms


def nearest(problem: PageProblem, time_limit: float, seed: int, clock_guard: float = 2.0) -> Solution | None:
    """For a page no exact tiling exists for: the tiling that needs the fewest body lines cut
    from or added to its stories. Each story keeps a span it fits at, its module any height
    within MAX_SLACK lines of the fitting one; the lines it is off by, times its span, are the
    cost (its variant's `slack`: + to cut, − to add). The lead stays first in reading weight."""
    from ortools.sat.python import cp_model

    started = time.perf_counter()
    g = problem.geometry
    rows = g.lines + 1
    model = cp_model.CpModel()
    step = column_weight(g)
    xs, ys, shapes, areas, costs, importance = [], [], [], [], [], []
    exact = [[v for v in story.variants if not v.head_space] or list(story.variants) for story in problem.stories]
    for number, (story, variants) in enumerate(zip(problem.stories, exact), start=1):
        name = story.article
        pin = problem.pinned.get(name)
        index = model.NewIntVar(0, len(variants) - 1, f"v_{name}")
        w = model.NewIntVar(1, g.columns, f"w_{name}")
        fitting = model.NewIntVar(1, rows, f"h0_{name}")
        model.AddAllowedAssignments([index, w, fitting], [(i, v.span, v.height + 1) for i, v in enumerate(variants)])
        h = model.NewIntVar(2, rows, f"h_{name}")
        off = model.NewIntVar(-MAX_SLACK, MAX_SLACK, f"off_{name}")
        model.Add(off == h - fitting)
        if pin is not None:
            model.Add(off == 0)
        distance = model.NewIntVar(0, MAX_SLACK, f"d_{name}")
        model.AddAbsEquality(distance, off)
        cost = model.NewIntVar(0, MAX_SLACK * g.columns, f"cost_{name}")
        model.AddMultiplicationEquality(cost, [distance, w])
        area = model.NewIntVar(0, g.columns * rows, f"area_{name}")
        model.AddMultiplicationEquality(area, [w, h])
        x, y, _, _ = _module_box(model, g, name, w, h, pin, xs, ys)
        shapes.append((index, x, y, w, h, off))
        areas.append(area)
        costs.append(cost)
        importance.append(story_weight(number) * ((y - g.first_line) + step * (x - 1)))
    _tile(model, problem, xs, ys, areas)
    model.Minimize(LINE_COST * sum(costs) + sum(importance))
    solver = _solver(cp_model, time_limit, seed, clock_guard)
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    choices = []
    for story, variants, shape in zip(problem.stories, exact, shapes):
        index, x, y, w, h, off = (solver.Value(v) for v in shape)
        variant = dataclasses.replace(variants[index], height=h - 1, slack=-off * w)
        choices.append(Choice(story.article, variant, problem.pinned.get(story.article) or GridRect(x, w, y, h)))
    return Solution(tuple(choices), "cp-sat nearest", time.perf_counter() - started)


LINE_COST = 10_000  # a body line cut or added outweighs any difference of place
