"""The plan stage: pages that list stories (`stories:`) get a module for each, chosen by the
solver, and go on to `place` as ordinary pages. A page without stories passes unchanged, so a
hand-made and an automatic page take the same path from here on.

A page whose stories carry the last proposal (`at:`, written by `layout place --write`) keeps
it while it still passes every hard rule, so a build after an accepted proposal solves nothing;
otherwise the page is solved again, moving least from that proposal."""

from __future__ import annotations

import dataclasses
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from layout.model.layout import IssueLayout, PagePlan, PlannedModule, Shortfall
from layout.model.spec import GridRect, IssueSpec, PageSpec, Placement
from layout.plan.score import Module, PageGeometry, score_terms, total
from layout.plan.solve import Choice, PageProblem, Solution, constructive, cp_sat, nearest, page_rect, solver_rect
from layout.plan.variants import StoryOptions, Variant, default_spans, fitting_variant, head_rows, headline_size, story_options, with_picture_span
from layout.typeface.metrics import FontSet

DEFAULT_TIME_LIMIT = 2.0  # seconds of search a page (measuring the stories comes before)
# Both searches stop by counting work (search nodes, CP-SAT's deterministic time), so the same
# input and seed give the same page on any machine; the clock stops them only past this many
# times the limit, on a machine far slower or busier than it should be (the report says so).
CLOCK_GUARD = 2.0


def plan_issue(spec: IssueSpec, fonts: FontSet, *, seed: int = 0, time_limit: float = DEFAULT_TIME_LIMIT, only: int | None = None, fresh: bool = False, jobs: int = 1) -> tuple[IssueSpec, tuple[PagePlan, ...]]:
    """The spec with every listed story placed, and each planned page's report. `only`: plan
    that page alone (the others as given); `fresh`: solve even where the last proposal holds;
    `jobs`: pages solved side by side (each page's result is the same with one or many)."""
    numbers = [page.number for page in spec.pages if page.stories and (only is None or page.number == only)]
    if not numbers:
        return spec, ()
    job = _Job(spec, fonts, seed, time_limit, fresh)
    plans = dict(zip(numbers, _map_pages(job, numbers, jobs)))
    pages = tuple(with_plan(page, plans[page.number]) if page.number in plans else page for page in spec.pages)
    # a story whose pictures the planner resized is that story from here on
    sized = {m.article: m for plan in plans.values() for m in plan.modules if m.picture_span is not None}
    articles = tuple(with_picture_span(a, sized[a.id].picture_span, sized[a.id].rect.span) if a.id in sized else a for a in spec.articles)
    return dataclasses.replace(spec, pages=pages, articles=articles), tuple(plans[n] for n in numbers)


@dataclass(frozen=True)
class _Job:
    spec: IssueSpec
    fonts: FontSet
    seed: int
    time_limit: float
    fresh: bool

    def run(self, number: int) -> PagePlan:
        page = next(p for p in self.spec.pages if p.number == number)
        return plan_page(self.spec, page, self.fonts, seed=self.seed, time_limit=self.time_limit, fresh=self.fresh)


_job: _Job | None = None  # what a forked worker plans from (set before the pool forks)


def _map_pages(job: _Job, numbers: list[int], jobs: int) -> list[PagePlan]:
    """Pages solved in a pool that forks with the spec and fonts (only numbers cross), or here."""
    workers = min(jobs, len(numbers)) if "fork" in multiprocessing.get_all_start_methods() else 1
    if workers <= 1:
        return [job.run(n) for n in numbers]
    global _job
    _job = job
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run_in_worker, numbers))
    finally:
        _job = None


def _run_in_worker(number: int) -> PagePlan:
    assert _job is not None  # inherited from the parent through fork
    return _job.run(number)


def with_plan(page: PageSpec, plan: PagePlan) -> PageSpec:
    """The page with its planned stories as ordinary article modules."""
    sources = {r.article: r.source for r in page.stories}
    planned = tuple(Placement("article", m.article, m.rect, sources[m.article], head_space=m.head_space) for m in plan.modules)
    return dataclasses.replace(page, placements=page.placements + planned)


def page_geometry(spec: IssueSpec, page: PageSpec) -> PageGeometry:
    grid = spec.style.grid
    first = 1 if page.is_front else spec.style.running_head.lines + 1
    crossings = tuple(p.rect for p in page.placements if p.rect.span > 1)
    return PageGeometry(grid.columns, grid.lines, first, crossings)


def plan_page(spec: IssueSpec, page: PageSpec, fonts: FontSet, *, seed: int = 0, time_limit: float = DEFAULT_TIME_LIMIT, fresh: bool = False) -> PagePlan:
    started = time.perf_counter()
    geometry = page_geometry(spec, page)
    lines = geometry.lines
    fixed = tuple(solver_rect(p.rect, lines) for p in page.placements)
    kept = None if fresh else _kept(spec, page, fonts, geometry, fixed)
    if kept is not None:
        return kept
    pins = {r.article: r.pin for r in page.stories if r.pin is not None}
    options = tuple(story_options(spec, page.number, dataclasses.replace(r, spans=(pins[r.article].span,)) if r.article in pins else r, fonts, lines - geometry.first_line + 1) for r in page.stories)
    pinned = {article: solver_rect(rect, lines) for article, rect in pins.items()}
    problem = PageProblem(geometry, fixed, _with_pins(options, pinned), pinned)
    clock = _Clock(started, time.perf_counter(), sum(len(o.variants) for o in options))
    unfit = [o for o in problem.stories if not o.variants]
    if unfit:
        return _report(page, problem, None, clock, tuple(_unfit(o, spec) for o in unfit))
    solved = _solve(problem, time_limit, seed)
    if solved is not None:
        return _report(page, problem, solved, clock)
    # no exact tiling: the nearest page, where stories may run short or long, says what to change
    closest = nearest(problem, time_limit, seed, clock_guard=CLOCK_GUARD)
    if closest is None:
        return _report(page, problem, None, clock, _area_shortfalls(problem, spec))
    return _report(page, problem, closest, clock, _slack_shortfalls(problem, closest, spec))


def _solve(problem: PageProblem, time_limit: float, seed: int) -> Solution | None:
    """The constructive tiling as a hint for CP-SAT, with the lead in its corner if any page
    has it there; else the best without that rule; else the constructive tiling, if any."""
    hint = constructive(problem, time.perf_counter() + time_limit * CLOCK_GUARD)
    return (
        cp_sat(problem, hint, time_limit, seed, clock_guard=CLOCK_GUARD)
        or cp_sat(problem, hint, time_limit, seed, lead_first=False, clock_guard=CLOCK_GUARD)
        or hint
    )


@dataclass(frozen=True)
class _Clock:
    started: float
    measured: float  # when the stories' shapes were known
    variants: int


def _with_pins(options: tuple[StoryOptions, ...], pinned: dict[str, GridRect]) -> tuple[StoryOptions, ...]:
    """A pinned story has one shape, its module as given (`check` reports how its text fits);
    its headline is taken from a measured variant of that span where there is one."""
    result = []
    for option in options:
        pin = pinned.get(option.article)
        if pin is not None:
            same = [v for v in option.variants if v.span == pin.span]
            variant = dataclasses.replace(same[0], height=pin.height - 1, head_space=0) if same else Variant(pin.span, pin.height - 1, 0, 0, 1, 0)
            option = dataclasses.replace(option, variants=(variant,))
        result.append(option)
    return tuple(result)


def _kept(spec: IssueSpec, page: PageSpec, fonts: FontSet, geometry: PageGeometry, fixed: tuple[GridRect, ...]) -> PagePlan | None:
    """The last proposal (`at:` on every story not pinned), if it still tiles the page and every
    story still fits its module by the planner's rules: each story placed once, nothing solved."""
    started = time.perf_counter()
    lines = geometry.lines
    options, choices = [], []
    for request in page.stories:
        rect = request.pin or request.previous
        if rect is None:
            return None
        if request.pin is not None:
            variant = fitting_variant(spec, page.number, request, rect, 0, None, fonts) or Variant(rect.span, rect.height - (1 if rect.bottom < lines else 0), 0, 0, 1, 0)
        else:
            variant = fitting_variant(spec, page.number, request, rect, request.previous_head_space, request.previous_picture_span, fonts)
            if variant is None:
                return None
        options.append(StoryOptions(request, (variant,), {}))
        choices.append(Choice(request.article, variant, solver_rect(rect, lines)))
    pinned = {r.article: solver_rect(r.pin, lines) for r in page.stories if r.pin is not None}
    problem = PageProblem(geometry, fixed, tuple(options), pinned)
    rects = [c.rect for c in choices] + list(fixed)
    if any(a.overlaps(b) for i, a in enumerate(rects) for b in rects[i + 1:]):
        return None
    if any(c.rect.last_column > geometry.columns or c.rect.bottom > lines + 1 or c.rect.top < geometry.first_line for c in choices):
        return None
    if sum(c.rect.span * c.rect.height for c in choices) != problem.free_cells:
        return None
    return _report(page, problem, Solution(tuple(choices), "kept", 0.0), _Clock(started, time.perf_counter(), len(choices)))


def _slack_shortfalls(problem: PageProblem, nearest: Solution, spec: IssueSpec) -> tuple[Shortfall, ...]:
    """What the nearest page asks of each story it shortened or lengthened."""
    chars = spec.style.grid.column_chars
    lines = problem.geometry.lines
    out = []
    for choice in nearest.choices:
        slack = choice.variant.slack
        if not slack:
            continue
        r = page_rect(choice.rect, lines)
        where = f"in the nearest page it takes columns {r.column}–{r.last_column}, lines {r.top}–{r.bottom}"
        if slack > 0:
            out.append(Shortfall(choice.article, f"about {slack} lines too long to tile the page ({where})", f"cut about {slack * chars} 字, or move a story to another page"))
        else:
            out.append(Shortfall(choice.article, f"about {-slack} lines too short to tile the page ({where})", f"add about {-slack * chars} 字 or a picture, or give the page another story"))
    return tuple(out) or _area_shortfalls(problem, spec)


def _report(page: PageSpec, problem: PageProblem, solution: Solution | None, clock: _Clock, shortfalls: tuple[Shortfall, ...] = ()) -> PagePlan:
    measure, search = clock.measured - clock.started, time.perf_counter() - clock.measured
    if solution is None:
        return PagePlan(page.number, (), (), 0, "none", measure, search, clock.variants, shortfalls)
    lines = problem.geometry.lines
    order = {o.article: i for i, o in enumerate(problem.stories)}
    choices = tuple(sorted((dataclasses.replace(c, rect=page_rect(c.rect, lines)) for c in solution.choices), key=lambda c: order[c.article]))
    terms = score_terms(modules_of(choices, problem.stories), problem.geometry)
    requests = {o.article: o.request for o in problem.stories}
    modules = tuple(_planned(c, requests[c.article].priority, c.article in problem.pinned) for c in choices)
    return PagePlan(page.number, modules, tuple(terms.items()), total(terms), solution.solver, measure, search, clock.variants, shortfalls)


def hand_score(spec: IssueSpec, layout: IssueLayout, number: int, order: tuple[str, ...]) -> dict[str, int]:
    """The score terms of a page laid out by hand (its modules as given), its stories ranked in
    `order`: the same measure as the planner's, to compare the two."""
    grid = spec.style.grid
    page = next(p for p in spec.pages if p.number == number)
    frames = {f.ref: f for f in next(p for p in layout.pages if p.number == number).frames if f.kind == "article" and f.part == 1}
    modules = []
    for priority, article in enumerate(order, start=1):
        placement = next(p for p in page.placements if p.kind == "article" and p.ref == article and p.part == 1)
        frame = frames[article]
        modules.append(Module(article, priority, placement.rect, headline_size(frame), head_rows(frame, placement.rect.top, grid)))
    return score_terms(tuple(modules), page_geometry(spec, page))


def _planned(choice: Choice, priority: int, pinned: bool) -> PlannedModule:
    if pinned:
        return PlannedModule(choice.article, priority, choice.rect, "pinned")
    v = choice.variant
    return PlannedModule(choice.article, priority, choice.rect, v.describe(choice.rect), v.head_space, v.picture_span)


def modules_of(choices: tuple[Choice, ...], stories: tuple[StoryOptions, ...]) -> tuple[Module, ...]:
    requests = {o.article: o.request for o in stories}
    return tuple(Module(c.article, requests[c.article].priority, c.rect, c.variant.headline_size, c.variant.head_rows, requests[c.article].previous) for c in choices)


def _unfit(option: StoryOptions, spec: IssueSpec) -> Shortfall:
    """A story that fits no module at any span it may take."""
    spans = option.request.spans or default_spans(spec.style.grid.columns, option.request.priority)
    if option.shortest:
        span, (height, over) = max(option.shortest.items(), key=lambda item: (-item[1][1], item[0]))
        return Shortfall(option.article, f"overset by {over} 字 even in a {span}-column module {height} lines high", f"cut about {over} 字, or move it to another page")
    return Shortfall(option.article, f"its headline or pictures fit no module of {', '.join(map(str, spans))} columns", "allow wider spans (spans:), shorten the headline, or move it to another page")


def _area_shortfalls(problem: PageProblem, spec: IssueSpec) -> tuple[Shortfall, ...]:
    """No tiling: compare what the stories need with the free area, and say what to change."""
    chars = spec.style.grid.column_chars
    free = problem.free_cells
    smallest = sum(min(v.span * (v.height + 1) for v in o.variants) for o in problem.stories)
    largest = sum(max(v.span * (v.height + 1) for v in o.variants) for o in problem.stories)
    last = problem.stories[-1].article
    if smallest > free:
        over = smallest - free
        return (Shortfall(last, f"the stories need at least {smallest} column-lines, the page has {free}: {over} too many", f"cut about {over * chars} 字 across the page, or move {last} (the last in priority) to another page"),)
    if largest < free:
        short = free - largest
        return (Shortfall(last, f"the stories fill at most {largest} of the page's {free} column-lines: {short} would stay white", f"add about {short * chars} 字, a picture or another story"),)
    return (Shortfall(last, "no combination of the stories' shapes tiles the page without a hole", f"cut or add a few lines to one story (a column-line is {chars} 字), allow more spans, or move {last} to another page"),)
