"""The pages of an issue: what each places where, the stories that run on from one page to
another, and the rules that hold for the issue as a whole (numbering, page count, jumps)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Mapping

from layout.load.errors import InputError, quote, suggest
from layout.load.limits import MAX_HEAD_SPACE, MAX_NAME_CHARS, MAX_PAGES, MAX_PLACEMENTS_PER_PAGE, MAX_STORIES_PER_PAGE
from layout.load.yamlsrc import Node, out_of_range
from layout.load.styles import font_size
from layout.model.spec import GridRect, Placement, PageSpec, StoryRequest
from layout.model.style import AdSize, Grid

PAGE_KEYS = {"number", "section", "credits", "masthead", "boxes", "modules", "ads", "stories"}
STORY_KEYS = {"article", "span", "spans", "min_headline", "picture_spans", "pin", "at"}
RECT_KEYS = ("column", "span", "top", "height")
# The desk credits of a page, in the order the running head prints them.
CREDIT_ROLES = (("editor", "责任编辑"), ("designer", "版式"), ("proofreader", "校对"))
MAX_PARTS = 20


@dataclass(frozen=True)
class PageContext:
    """What the page loader checks placements against."""

    grid: Grid
    running_head_lines: int  # lines an inside page keeps for its 报眉
    has_masthead: bool
    box_ids: frozenset[str]
    article_ids: frozenset[str]
    picture_ids: frozenset[str] = frozenset()
    ad_ids: frozenset[str] = frozenset()
    ad_sizes: Mapping[str, AdSize] = field(default_factory=dict)


def load_pages(node: Node, context: PageContext) -> tuple[PageSpec, ...]:
    pages: dict[int, tuple[PageSpec, Node]] = {}
    for entry in node.sequence(MAX_PAGES):
        fields = entry.mapping(PAGE_KEYS, ("number",))
        number = fields["number"].integer(1, MAX_PAGES)
        if number in pages:
            raise fields["number"].error(f"page {number} appears twice (first at line {pages[number][1].ref.line})", "give each page once")
        placements = _with_room(_placements(fields, context), context.grid.lines)
        stories = _stories(fields["stories"], context, placements) if "stories" in fields else ()
        page = PageSpec(number, tuple(placements), entry.ref, _section(fields), _credits(fields), stories)
        check_page_rects(placements + _pinned(stories), number, page.is_front, context.running_head_lines)
        pages[number] = (page, fields["number"])
    _check_numbering(pages)
    ordered = tuple(page for _, (page, _) in sorted(pages.items()))
    _check_chains(ordered)
    return ordered


def check_page_count(pages: tuple[PageSpec, ...], page_count: Node) -> None:
    """今日N版 must say how many pages the issue gives."""
    given = len(pages)
    if page_count.value != given:
        more = f", or add pages {given + 1}–{page_count.value}" if page_count.value > given else ""
        raise page_count.error(f"page_count is {page_count.value}, but the issue gives {given} page{'s' if given != 1 else ''}", f"set page_count: {given}{more}")


def _placements(fields: dict[str, Node], context: PageContext) -> list[Placement]:
    placements: list[Placement] = []
    if "masthead" in fields:
        if not context.has_masthead:
            raise fields["masthead"].key_error("the page places a masthead but the issue has no 'masthead:' section", "add one at the top level")
        placements.append(Placement("masthead", "masthead", _rect(fields["masthead"], context.grid, ()), fields["masthead"].ref))
    for item in fields["boxes"].sequence(MAX_PLACEMENTS_PER_PAGE) if "boxes" in fields else ():
        box_id = _reference(item, "box", context.box_ids, "box", "boxes")
        placements.append(Placement("box", box_id, _rect(item, context.grid, ("box",)), item.ref))
    for item in fields["modules"].sequence(MAX_PLACEMENTS_PER_PAGE) if "modules" in fields else ():
        if isinstance(item.value, dict) and "picture" in item.value:
            picture_id = _reference(item, "picture", context.picture_ids, "picture", "pictures")
            rect, auto = _module_rect(item, context.grid, ("picture",))
            placements.append(Placement("picture", picture_id, rect, item.ref, auto_height=auto))
            continue
        article_id = _reference(item, "article", context.article_ids, "article", "articles")
        rect, auto = _module_rect(item, context.grid, ("article", "part"))
        part = item.value["part"].integer(2, MAX_PARTS) if "part" in item.value else 1
        placements.append(Placement("article", article_id, rect, item.ref, part, auto_height=auto))
    for item in fields["ads"].sequence(MAX_PLACEMENTS_PER_PAGE) if "ads" in fields else ():
        placements.append(_ad_placement(item, context))
    return placements


def _stories(node: Node, context: PageContext, placements: list[Placement]) -> tuple[StoryRequest, ...]:
    """`stories:`, the page's stories for the planner in priority order (the first is the lead):
    an article id, or `{article: id, span: 5 | spans: [3, 5], min_headline: 30pt,
    picture_spans: [2, 3], pin: {column, span, top, height}, at: {…}}`. `pin` keeps a story exactly there; `at` is the
    planner's last proposal (`layout place --write`), which a new proposal moves least."""
    requests: list[StoryRequest] = []
    seen: dict[str, Node] = {}
    given = {p.ref: p for p in placements if p.kind == "article"}
    for priority, item in enumerate(node.sequence(MAX_STORIES_PER_PAGE), start=1):
        fields = item.mapping(STORY_KEYS, ("article",)) if isinstance(item.value, dict) else {"article": item}
        article_node = fields["article"]
        article = article_node.text(max_chars=MAX_NAME_CHARS)
        if article not in context.article_ids:
            raise article_node.error(f"unknown article {quote(article)}", suggest(article, context.article_ids) if context.article_ids else "define it under articles:")
        if article in seen:
            raise article_node.error(f"article {quote(article)} is listed twice (first at line {seen[article].ref.line})", "list each story once, in priority order")
        if article in given and given[article].part == 1:
            raise article_node.error(f"article {quote(article)} is listed under stories: and placed under modules: (line {given[article].source.line})", "keep it in one of the two: stories: lets the planner place it")
        seen[article] = article_node
        spans = _spans(fields, context.grid)
        minimum = font_size(fields["min_headline"]) if "min_headline" in fields else None
        if "pin" in fields and "at" in fields:
            raise fields["at"].key_error("a pinned story also carries the planner's last proposal (at:)", "keep pin: (it stays there) or at: (the planner may move it), not both")
        pin = _rect(fields["pin"], context.grid, ()) if "pin" in fields else None
        previous = _rect(fields["at"], context.grid, ("picture_span", "head_space")) if "at" in fields else None
        at = fields["at"].value if previous else {}
        previous_picture = at["picture_span"].integer(1, context.grid.columns) if "picture_span" in at else None
        previous_space = at["head_space"].integer(0, MAX_HEAD_SPACE) if "head_space" in at else 0
        pictures = tuple(sorted({n.integer(1, context.grid.columns) for n in fields["picture_spans"].sequence(context.grid.columns)})) if "picture_spans" in fields else ()
        if "picture_spans" in fields and not pictures:
            raise fields["picture_spans"].error("the list of picture spans is empty", "list the columns the story's pictures may take, such as [2, 3]")
        requests.append(StoryRequest(article, priority, item.ref, spans, minimum, pin, previous, pictures, previous_picture, previous_space))
    return tuple(requests)


def _spans(fields: dict[str, Node], grid: Grid) -> tuple[int, ...]:
    if "span" in fields and "spans" in fields:
        raise fields["spans"].key_error("the story gives span: and spans:", "give one span (span: 5) or the spans it may take (spans: [3, 5])")
    if "span" in fields:
        return (fields["span"].integer(1, grid.columns),)
    if "spans" in fields:
        spans = tuple(sorted({item.integer(1, grid.columns) for item in fields["spans"].sequence(grid.columns)}))
        if not spans:
            raise fields["spans"].error("the list of spans is empty", f"list the spans the story may take, from 1 to {grid.columns}")
        return spans
    return ()


def _pinned(stories: tuple[StoryRequest, ...]) -> list[Placement]:
    """Pinned stories as the placements they will be, for the checks of the page."""
    return [Placement("article", r.article, r.pin, r.source) for r in stories if r.pin is not None]


def _ad_placement(item: Node, context: PageContext) -> Placement:
    """`{ad: id, size: 半通栏, column: 1, top: 92}` (a standard size from the style sheet) or
    `{ad: id, column, span, top, height}` in grid units."""
    fields = item.mapping({"ad", "size", *RECT_KEYS}, ("ad", "column", "top"))
    ad_id = fields["ad"].text(max_chars=MAX_NAME_CHARS)
    if ad_id not in context.ad_ids:
        raise fields["ad"].error(f"unknown ad {quote(ad_id)}", suggest(ad_id, context.ad_ids) if context.ad_ids else "define it under ads:")
    if "size" not in fields:
        return Placement("ad", ad_id, _rect(item, context.grid, ("ad",)), item.ref)
    if "span" in fields or "height" in fields:
        key = "span" if "span" in fields else "height"
        raise fields[key].key_error(f"the ad has a standard size ({fields['size'].value}) and a {key}", "leave out span: and height:, or the size:")
    name = fields["size"].choice(tuple(context.ad_sizes), "ad size") if context.ad_sizes else None
    if name is None:
        raise fields["size"].error("the style sheet names no standard ad sizes", "add ads: {sizes: {半通栏: {span: 8, height: 13}}} to it, or give span: and height:")
    size = context.ad_sizes[name]
    column, top = fields["column"].integer(1, context.grid.columns), fields["top"].integer(1, context.grid.lines)
    if column + size.span - 1 > context.grid.columns or top + size.height - 1 > context.grid.lines:
        raise item.error(f"a {name} ad ({size.span} columns × {size.height} lines) at column {column}, line {top} runs off the grid", f"place it at column ≤ {context.grid.columns - size.span + 1} and line ≤ {context.grid.lines - size.height + 1}")
    return Placement("ad", ad_id, GridRect(column, size.span, top, size.height), item.ref, size=name)


def _reference(item: Node, key: str, known: frozenset[str], what: str, section: str) -> str:
    fields = item.mapping({key, "part", *RECT_KEYS} if key == "article" else {key, *RECT_KEYS}, (key, *RECT_KEYS))
    value = fields[key].text(max_chars=MAX_NAME_CHARS)
    if value not in known:
        raise fields[key].error(f"unknown {what} {quote(value)}", suggest(value, known) if known else f"define it under {section}:")
    return value


def _rect(node: Node, grid: Grid, other_keys: tuple[str, ...]) -> GridRect:
    return _grid_rect(node, grid, other_keys, may_auto=False)[0]


def _module_rect(node: Node, grid: Grid, other_keys: tuple[str, ...]) -> tuple[GridRect, bool]:
    """A story's or picture's rectangle, and whether its height is `auto`: then one line high for
    now (`_with_room` gives it the room below it, the settle stage the height its content needs)."""
    return _grid_rect(node, grid, other_keys, may_auto=True)


def _grid_rect(node: Node, grid: Grid, other_keys: tuple[str, ...], may_auto: bool) -> tuple[GridRect, bool]:
    fields = node.mapping({*other_keys, *RECT_KEYS}, RECT_KEYS)
    column = fields["column"].integer(1, grid.columns)
    span = fields["span"].integer(1, grid.columns)
    top = fields["top"].integer(1, grid.lines)
    height = fields["height"].integer_or_auto(1, grid.lines) if may_auto else fields["height"].integer(1, grid.lines)
    overrun = grid_overrun(GridRect(column, span, top, height or 1), grid, height is None)
    if overrun is not None:
        key, problem, fix = overrun
        raise fields[key].error(problem, fix)
    return GridRect(column, span, top, height or 1), height is None


def grid_overrun(rect: GridRect, grid: Grid, auto_height: bool = False) -> tuple[str, str, str] | None:
    """Where a rectangle leaves the grid: (the key to blame, what is wrong, what to do)."""
    for key, value, high in (("column", rect.column, grid.columns), ("span", rect.span, grid.columns), ("top", rect.top, grid.lines), ("height", rect.height, grid.lines)):
        outside = out_of_range(value, 1, high)
        if outside is not None:
            return key, *outside
    if rect.last_column > grid.columns:
        return "span", f"columns {rect.column}–{rect.last_column} run past the grid's {grid.columns} columns", f"use a span of at most {grid.columns - rect.column + 1}"
    if not auto_height and rect.bottom > grid.lines:
        return "height", f"lines {rect.top}–{rect.bottom} run past the grid's {grid.lines} lines", f"use a height of at most {grid.lines - rect.top + 1}"
    return None


def check_page_rects(placements: list[Placement], page: int, is_front: bool, running_head_lines: int) -> None:
    """What a page's rectangles must keep to together: no two share a grid cell; an inside page
    keeps its running head's lines clear."""
    _check_overlaps(placements, page)
    if not is_front:
        _keep_clear_of_running_head(placements, page, running_head_lines)


def _with_room(placements: list[Placement], grid_lines: int) -> list[Placement]:
    """Each `height: auto` module as tall as the room below its top: down to the first module
    below it in any of its columns, or the grid's foot. It is fitted within that room later,
    so it never overlaps what stands below."""
    settled = []
    for placement in placements:
        if placement.auto_height:
            rect = placement.rect
            below = [other.rect.top for other in placements if other is not placement and other.rect.top > rect.top
                     and other.rect.column <= rect.last_column and rect.column <= other.rect.last_column]
            placement = dataclasses.replace(placement, rect=dataclasses.replace(rect, height=min(below, default=grid_lines + 1) - rect.top))
        settled.append(placement)
    return settled


def _section(fields: dict[str, Node]) -> str | None:
    return fields["section"].text(max_chars=MAX_NAME_CHARS) if "section" in fields else None


def _credits(fields: dict[str, Node]) -> tuple[tuple[str, str], ...]:
    if "credits" not in fields:
        return ()
    given = fields["credits"].mapping({role for role, _ in CREDIT_ROLES})
    return tuple((label, given[role].text(max_chars=MAX_NAME_CHARS)) for role, label in CREDIT_ROLES if role in given)


def _keep_clear_of_running_head(placements: list[Placement], page: int, lines: int) -> None:
    for placement in placements:
        if placement.rect.top <= lines:
            ref = placement.source
            raise InputError(ref.file, ref.line, ref.column, f"page {page}", f"{placement.kind} {quote(placement.ref)} starts on line {placement.rect.top}, but lines 1–{lines} of an inside page hold its running head (报眉)", f"start it on line {lines + 1} or below")


def _check_overlaps(placements: list[Placement], page: int) -> None:
    """Pairwise: a page holds at most MAX_PLACEMENTS_PER_PAGE rectangles."""
    for i, later in enumerate(placements):
        for earlier in placements[:i]:
            if later.rect.overlaps(earlier.rect):
                ref = later.source
                raise InputError(ref.file, ref.line, ref.column, f"page {page}", f"{later.kind} {quote(later.ref)} overlaps {earlier.kind} {quote(earlier.ref)} (line {earlier.source.line})", "move or shrink one of them so the rectangles do not share a grid cell")


def _check_numbering(pages: dict[int, tuple[PageSpec, Node]]) -> None:
    """Pages are numbered 1, 2, 3… without a gap (the order they are written in is free)."""
    for expected, number in enumerate(sorted(pages), start=1):
        if number != expected:
            node = pages[number][1]
            raise node.error(f"page {number} follows page {expected - 1}: page {expected} is missing" if expected > 1 else f"the pages start at {number}, not at 1", f"number the pages 1 to {len(pages)} without gaps")


def _check_chains(pages: tuple[PageSpec, ...]) -> None:
    """A story placed more than once runs through its parts in order, each on a later page."""
    seen: dict[tuple[str, int], tuple[int, Placement]] = {}
    for page in pages:
        listed = [Placement("article", r.article, r.pin or GridRect(1, 1, 1, 1), r.source) for r in page.stories]  # part 1, wherever the planner puts it
        for placement in list(page.placements) + listed:
            if placement.kind != "article":
                continue
            key = (placement.ref, placement.part)
            if key in seen:
                first_page, first = seen[key]
                fix = "a story that runs on to another module gives it part: 2 (then 3…)" if placement.part == 1 else "give each part once"
                raise _error(placement, page.number, f"article {quote(placement.ref)}{_part(placement)} is already placed on page {first_page} (line {first.source.line})", fix)
            seen[key] = (page.number, placement)
    for (article, part), (page, placement) in seen.items():
        if placement.auto_height and (article, part + 1) in seen:
            raise _error(placement, page, f"article {quote(article)}{_part(placement)} has height: auto, but the story runs on to part {part + 1}", "give this module a height in lines: only a story's last module can fit itself to the text")
        if part == 1:
            continue
        before = seen.get((article, part - 1))
        if before is None:
            raise _error(placement, page, f"part {part} of {quote(article)} follows no part {part - 1}", "number a story's modules in the order it runs: the first without part:, then part: 2, 3…")
        if before[0] >= page:
            where = "stays on" if before[0] == page else "jumps back from"
            raise _error(placement, page, f"part {part} of {quote(article)} on page {page} {where} page {before[0]}, where part {part - 1} stands", f"a story jumps forward: place part {part} on a page after page {before[0]}")


def _part(placement: Placement) -> str:
    return f" (part {placement.part})" if placement.part > 1 else ""


def _error(placement: Placement, page: int, problem: str, fix: str) -> InputError:
    ref = placement.source
    return InputError(ref.file, ref.line, ref.column, f"page {page}", problem, fix)
