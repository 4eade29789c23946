"""What a story can be on the page: for each span it may take, the module heights at which the
engine's own composer sets all of it with at most one spare line per column, and the headline
that height gets. Measured by placing the story, never estimated from a character count.

A variant's `height` is the module's height at the grid's foot; anywhere higher, the module
is one line taller, for the rule under it (`page/grid.reserved_bottom`). The solver therefore
works on a grid one line longer than the page, where every module is `height + 1` high."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from layout.load.errors import InputError
from layout.load.limits import MAX_HEAD_SPACE
from layout.model.layout import Frame
from layout.model.spec import ArticleSpec, GridRect, IssueSpec, StoryRequest
from layout.model.style import Grid
from layout.page.article import FlowLine, PlacedArticle, StoryPart, place_story, story_flow
from layout.typeface.metrics import FontSet

# Heights tried above the shortest that holds the text: a module taller by one line in every
# column still has at most one spare line per column.
EXTRA_LINES = 2
# MAX_HEAD_SPACE (load/limits.py): white lines the planner may add around a headline block to
# fill a module to the line, as a desk opens up a headline's space (题区) instead of a hole.


@dataclass(frozen=True)
class Variant:
    span: int
    height: int  # lines, the module at the grid's foot
    headline_size: int  # mpt of the headline (0: none)
    headline_lines: int  # lines of kicker, headline and subhead
    head_rows: int  # body lines from the module's top to the foot of its headline block
    spare: int  # body lines left free after balancing, all columns together
    head_space: int = 0  # white lines added around the headline block
    picture_span: int | None = None  # the columns its pictures in the text take (None: as the article gives them)
    slack: int = 0  # only in the nearest placement of a page that cannot be tiled: body lines to cut (+) or to add (−)

    def describe(self, rect: GridRect) -> str:
        """'5 col × 36 lines · 64 pt': the module on the page (with its rule line) and its headline."""
        size = f" · {self.headline_size / 1000:g} pt" if self.headline_size else ""
        space = f" · headline +{self.head_space} line{'s' if self.head_space > 1 else ''}" if self.head_space else ""
        space += f" · pictures {self.picture_span} col" if self.picture_span else ""
        slack = f" · {abs(self.slack)} lines {'over' if self.slack > 0 else 'short'}" if self.slack else ""
        return f"{self.span} col × {rect.height} lines{size}{space}{slack}"


@dataclass(frozen=True)
class StoryOptions:
    """A story the planner may place, and every shape it fits."""

    request: StoryRequest
    variants: tuple[Variant, ...]
    shortest: dict[int, tuple[int, int]]  # span → (height, chars over) of the tallest module tried that still oversets, for advice

    @property
    def article(self) -> str:
        return self.request.article


def default_spans(columns: int, priority: int = 2) -> tuple[int, ...]:
    """A story without a span hint may take any span but one column (a headline needs room);
    the lead, half the page's width at least (头条 reads across the page)."""
    narrowest = max(2, columns // 2) if priority == 1 else 2
    return tuple(range(min(narrowest, columns), columns + 1)) if columns > 1 else (1,)


def story_options(spec: IssueSpec, page: int, request: StoryRequest, fonts: FontSet, page_lines: int) -> StoryOptions:
    """The variants of a story on `page` at every span its request allows, up to `page_lines` high."""
    article = spec.article(request.article)
    style = spec.style
    grid = style.grid
    see_also = spec.see_also_text(article)
    flow = story_flow(article, style, fonts, see_also)
    heads: dict = {}  # headline blocks by measure, shared by every trial
    later = tuple(StoryPart(on, p.rect, p.source, p.head_space) for on, p in spec.parts_of(article.id) if p.part > 1)
    spans = request.spans or default_spans(grid.columns, request.priority)
    variants: list[Variant] = []
    shortest: dict[int, tuple[int, int]] = {}
    for span in spans:
        found: dict[int, Variant] = {}  # by height; the pictures as given first, then from the largest span
        for picture_span in (None, *sorted((p for p in request.picture_spans if p <= span), reverse=True)):
            sized = with_picture_span(article, picture_span, span)
            shapes, over = _span_variants(sized, StoryPart(page, GridRect(1, span, 1, 1), request.source), later, (flow, heads), spec, fonts, page_lines, request.min_headline or 0)
            for v in shapes:
                v = dataclasses.replace(v, picture_span=picture_span)
                if v.height not in found or v.head_space < found[v.height].head_space:  # less white first, then the larger picture
                    found[v.height] = v
            if not shapes and over is not None:
                shortest[span] = min(over, shortest.get(span, over), key=lambda o: o[1])
        variants.extend(found[h] for h in sorted(found))
        if found:
            shortest.pop(span, None)
    return StoryOptions(request, tuple(variants), shortest)


def with_picture_span(article: ArticleSpec, picture_span: int | None, module_span: int) -> ArticleSpec:
    """The story with its pictures in the text `picture_span` columns wide (their height from
    their proportions, their place moved left where it would leave the module); as it is for None."""
    if picture_span is None or not article.pictures:
        return article
    pictures = tuple(
        p if p.at == "top" else dataclasses.replace(p, span=picture_span, lines=None, column=max(1, min(p.column, module_span - picture_span + 1)))
        for p in article.pictures
    )
    return dataclasses.replace(article, pictures=pictures)


def _span_variants(article: ArticleSpec, first: StoryPart, later: tuple[StoryPart, ...], composed: tuple[list[FlowLine], dict], spec: IssueSpec, fonts: FontSet, page_lines: int, min_headline: int) -> tuple[list[Variant], tuple[int, int] | None]:
    """Heights at this span that fit (the shortest that holds the text, and up to EXTRA_LINES
    more while every column keeps at most one spare line). A story that runs on to later parts
    fits when its last part does. Returns them and, when none fit, (page_lines, 字 over)."""
    grid = spec.style.grid
    span = first.rect.span
    flow, heads = composed

    def trial(height: int) -> tuple[PlacedArticle, ...] | None:
        rect = GridRect(1, span, grid.lines - height + 1, height)  # at the foot: no rule line kept
        try:
            return place_story(article, (dataclasses.replace(first, rect=rect),) + later, spec.style, fonts, spec.see_also_text(article), flow, heads)
        except InputError:  # too short for its headline, pictures or the continuation's head
            return None

    def holds(height: int) -> bool:
        placed = trial(height)
        return placed is not None and not placed[-1].frame.overflow

    top = min(page_lines, grid.lines)
    tallest = trial(top)
    if tallest is None or tallest[-1].frame.overflow:
        return [], ((top, tallest[-1].copyfit.chars_over) if tallest is not None else None)
    low = _shortest(holds, _estimate([p.copyfit for p in tallest], span, top), top)
    variants = []
    for height in range(low, min(top, low + EXTRA_LINES) + 1):
        placed = trial(height)
        if placed is None or placed[-1].frame.overflow:
            continue
        opening, last = placed[0], placed[-1].copyfit
        if max(last.columns_short, default=0) > 1 or not opening.copyfit.headline_fits:
            continue
        size = headline_size(opening.frame)
        if size < min_headline:
            continue
        variants.append(Variant(span, height, size, opening.copyfit.headline_lines, head_rows(opening.frame, grid.lines - height + 1, grid), sum(last.columns_short)))
    return _with_head_space(variants, top), None


def _with_head_space(variants: list[Variant], top: int) -> list[Variant]:
    """The variants and each made taller by white around its headline (the columns keep their
    lines, so the text fits the same); of two with the same height, the one with less added white."""
    by_height: dict[int, Variant] = {}
    for space in range(MAX_HEAD_SPACE + 1):
        for v in variants:
            height = v.height + space
            if height <= top and height not in by_height:
                by_height[height] = dataclasses.replace(v, height=height, head_rows=v.head_rows + space // 2, head_space=space)
    return [by_height[h] for h in sorted(by_height)]


def _estimate(fits: list, span: int, height: int) -> int:
    """The height the text would take if every column of the first module held as many lines as
    at `height`: the lines above the columns stay, the columns shrink to what the text needs
    there (all of it, less what the story's later modules hold)."""
    first = fits[0]
    needed = sum(f.lines_used for f in fits) - sum(f.lines_available for f in fits[1:])
    per_column = -(-first.lines_available // span)
    return max(1, height - per_column + -(-needed // span))


def _shortest(holds, guess: int, top: int) -> int:
    """The fewest lines that hold the text, walking from a good guess (more lines never hold
    less), at most `top`, which holds."""
    height = min(max(1, guess), top)
    if holds(height):
        while height > 1 and holds(height - 1):
            height -= 1
        return height
    while height < top and not holds(height + 1):
        height += 1
    return height + 1


HEAD_KINDS = frozenset({"section_label", "kicker", "headline", "subhead"})


def headline_size(frame: Frame) -> int:
    """The size (mpt) the story's headline is set in; 0 without one."""
    return max((line.box.height for line in frame.lines if line.kind == "headline"), default=0)


def head_rows(frame: Frame, top_line: int, grid: Grid) -> int:
    """Body lines the headline block reaches down, counted from the module's top line."""
    top = grid.line_top(top_line)
    bottom = max((line.box.y + line.box.height for line in frame.lines if line.kind in HEAD_KINDS), default=top)
    return -(-(bottom - top) // grid.pitch)


def fitting_variant(spec: IssueSpec, page: int, request: StoryRequest, rect: GridRect, head_space: int, picture_span: int | None, fonts: FontSet) -> Variant | None:
    """The shape a given module is for the story (its last proposal, `at:`), if the story fits
    it by the planner's rules and hints; else None. One placement, no measuring of every span."""
    grid = spec.style.grid
    if request.spans and rect.span not in request.spans or picture_span is not None and picture_span not in request.picture_spans:
        return None
    article = with_picture_span(spec.article(request.article), picture_span, rect.span)
    later = tuple(StoryPart(on, p.rect, p.source, p.head_space) for on, p in spec.parts_of(article.id) if p.part > 1)
    try:
        placed = place_story(article, (StoryPart(page, rect, request.source, head_space),) + later, spec.style, fonts, spec.see_also_text(article))
    except InputError:
        return None
    opening, last = placed[0], placed[-1].copyfit
    size = headline_size(opening.frame)
    if placed[-1].frame.overflow or max(last.columns_short, default=0) > 1 or not opening.copyfit.headline_fits or size < (request.min_headline or 0):
        return None
    height = rect.height - (1 if rect.bottom < grid.lines else 0)
    return Variant(rect.span, height, size, opening.copyfit.headline_lines, head_rows(opening.frame, rect.top, grid), sum(last.columns_short), head_space, picture_span)

