"""A story on the page: section label, headline block, byline, body flowing column by column
through one module or a chain of modules on later pages (下转/上接), cross-reference; what does not
fit stays as overflow data with copyfit figures for each part."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Iterator

from layout.load.errors import InputError, quote
from layout.model.layout import ComposedLine, Copyfit, Fill, Frame, PlacedLine, Rect
from layout.model.spec import ArticleSpec, GridRect, PictureSpec, SourceRef
from layout.model.style import HeadlineRank, StyleSheet
from layout.page.grid import module_rect, reserved_bottom
from layout.page.headblock import HeadElement, head_element, place_head_block, ranked_headline
from layout.page.headline import slot_lines
from layout.page.lines import place_line, shift_line
from layout.page.picture import PictureBlock, caption_lines, photo_lines, place_picture
from layout.text.classes import PAUSE_CHARS, STOP_CHARS
from layout.text.compose import ComposeOptions, compose_paragraph, fits_one_line
from layout.text.segment import Span
from layout.typeface.metrics import FontSet


@dataclass(frozen=True)
class StoryPart:
    """One module of a story: the page it is on and its rectangle there."""

    page: int
    rect: GridRect
    source: SourceRef
    head_space: int = 0  # white lines added around the headline block (the planner's, to fill a module)


@dataclass(frozen=True)
class PlacedArticle:
    frame: Frame
    copyfit: Copyfit


@dataclass(frozen=True)
class FlowLine:
    line: ComposedLine
    kind: str
    paragraph: int | None
    index: int | None


@dataclass(frozen=True)
class _Head:
    """What stands above a part's columns, and the first body line left for the text."""

    lines: tuple[PlacedLine, ...]
    fills: tuple[Fill, ...]
    next_line: int
    headline_lines: int
    headline_fits: bool


def jump_text(direction: str, page: int) -> str:
    """（下转第2版） / （上接第1版）: the page numbers come from where the parts are placed."""
    return f"（{direction}第{page}版）"


def place_article(article: ArticleSpec, rect: GridRect, page: int, style: StyleSheet, fonts: FontSet, see_also: str | None = None) -> PlacedArticle:
    """A story in one module."""
    return place_story(article, (StoryPart(page, rect, article.source),), style, fonts, see_also)[0]


def place_story(article: ArticleSpec, parts: tuple[StoryPart, ...], style: StyleSheet, fonts: FontSet, see_also: str | None = None, flow: list["FlowLine"] | None = None, heads: dict[int, list[HeadElement]] | None = None) -> tuple[PlacedArticle, ...]:
    """The story's text composed once and run through its parts in order: each part but the last
    ends with （下转第N版） in the last line of its last column; each part but the first opens with
    the 接转题 and （上接第N版）. The first part holds the story's pictures; its columns are
    shortened around them. Overflow is whatever the last part cannot hold. `flow`: the story's
    lines from `story_flow`, and `heads`, the headline blocks composed so far by measure: for a
    caller that tries many modules (the text is the same in all; the headline, at each width)."""
    grid = style.grid
    flow = flow if flow is not None else story_flow(article, style, fonts, see_also)
    cursor = 0
    placed: list[PlacedArticle] = []
    for number, part in enumerate(parts, start=1):
        last = number == len(parts)
        bounds = module_rect(part.rect, grid)
        last_line = part.rect.bottom - reserved_bottom(part.rect, grid)
        columns = list(range(part.rect.column, part.rect.column + part.rect.span))
        pictures: list[PictureBlock] = []
        blocked: dict[int, set[int]] = {}
        if number == 1:
            above = _pictures_above(article, part, style, fonts)
            pictures.extend(above)
            head = _opening(article, part.rect, style, fonts, start=part.rect.top + sum(b.lines + 1 for b in above), heads=heads, space=part.head_space)
            pictures.extend(_pictures_in_text(article, part, head.next_line, last_line, style, fonts, blocked))
        else:
            head = _continuation_head(article, part, parts[number - 2].page, style, fonts)
        slots = column_slots(columns, head.next_line, last_line, blocked)
        free = slots  # before balancing: where each column's text may reach
        capacity = len(slots) - (0 if last or not slots else 1)  # the jump line's place
        lines = list(head.lines)
        for block in pictures:
            lines.extend(block.caption)
        filled, consumed = _fill_columns(flow, cursor, slots, capacity)
        end_line = last_line
        if last and consumed == len(flow):  # room to spare: the columns end together
            slots, filled, end_line = _balanced(flow, cursor, columns, head.next_line, last_line, blocked, slots, filled)
        for item, index in filled:
            slot = slots[index]
            lines.append(place_line(item.line, grid.column_x(slot.column), grid.line_top(slot.line), grid.column_width, fonts, kind=item.kind, article=article.id, paragraph=item.paragraph, index=item.index))
        taken = filled[-1][1] + 1 if filled else 0  # slots used, a skipped one included
        cursor = consumed
        continues_on = None if last else parts[number].page
        if continues_on is not None and slots:
            end = slots[-1]
            lines.append(_jump_line(jump_text("下转", continues_on), grid.column_x(end.column), grid.line_top(end.line), article.id, style, fonts))
        overflow = tuple(item.line for item in flow[cursor:]) if last else ()
        copyfit = Copyfit(
            article=article.id,
            page=part.page,
            module=part.rect,
            lines_available=capacity,
            lines_used=taken + len(overflow),
            chars_over=sum(len(line.text) for line in overflow),
            chars_per_line=grid.column_chars,
            headline_lines=head.headline_lines,
            headline_fits=head.headline_fits,
            part=number,
            parts=len(parts),
            picture_lines=sum(len(rows) for rows in blocked.values()),
            rows_short=last_line - end_line,
            end_line=end_line,
            columns_short=_columns_short(columns, free, [slots[index] for _, index in filled], head.next_line),
        )
        continued_from = parts[number - 2].page if number > 1 else None
        frame = Frame(
            "article", article.id, bounds, tuple(lines), fills=head.fills, overflow=overflow, part=number, parts=len(parts),
            continued_from=continued_from, continues_on=continues_on, images=tuple(b.image for b in pictures),
        )
        placed.append(PlacedArticle(frame, copyfit))
    return tuple(placed)


def _columns_short(columns: list[int], free: list["Slot"], used: list["Slot"], first_line: int) -> tuple[int, ...]:
    """For each column, the free lines left below its last line of text (the lines a picture
    takes at the foot do not count; a column without text is short by all its lines)."""
    short = []
    for column in columns:
        end = max((slot.line for slot in used if slot.column == column), default=first_line - 1)
        short.append(sum(1 for slot in free if slot.column == column and slot.line > end))
    return tuple(short)


def _balanced(flow: list[FlowLine], cursor: int, columns: list[int], first_line: int, last_line: int, blocked: dict[int, set[int]], slots: list["Slot"], filled: list) -> tuple[list["Slot"], list, int]:
    """The story's lines spread over its columns so that they end together: the highest end
    line `b` whose slots hold them all, the columns that need fewer ending one line above it
    (the last ones). Returns the slots, the filled lines and `b`."""
    needed = len(flow) - cursor
    for end in range(first_line, last_line + 1):
        within = [slot for slot in slots if slot.line <= end]
        if len(within) < needed:
            continue
        spare = len(within) - needed
        at_end = [slot.column for slot in within if slot.line == end]
        # as many columns one line shorter as the spare lines allow, the last ones first; others,
        # or fewer, where a line kept with the next (a poem's title) needs the room
        for shorter in _shorter_columns(at_end, min(spare, len(at_end))):
            trial_blocked = {c: set(blocked.get(c, ())) | set(range(end + (0 if c in shorter else 1), last_line + 1)) for c in columns}
            trial = column_slots(columns, first_line, last_line, trial_blocked)
            trial_filled, consumed = _fill_columns(flow, cursor, trial, len(trial))
            if consumed == len(flow):
                return trial, trial_filled, end
    return slots, filled, last_line


def _shorter_columns(columns: list[int], most: int) -> Iterator[set[int]]:
    """Sets of columns to end one line higher: `most` of them, then fewer; of each size the
    last columns first (a reader expects the short columns at the right)."""
    for count in range(most, -1, -1):
        for chosen in itertools.combinations(reversed(columns), count):
            yield set(chosen)


@dataclass(frozen=True)
class Slot:
    """A body line of a column that text may take; `first`/`last`: it opens or closes a run of
    free lines (a column's top and foot, or the lines above and below a picture)."""

    column: int
    line: int
    first: bool
    last: bool


def column_slots(columns: list[int], first_line: int, last_line: int, blocked: dict[int, set[int]]) -> list[Slot]:
    """The free lines of the module's columns in reading order: down each column, then the next."""
    slots = []
    for column in columns:
        taken = blocked.get(column, set())
        free = [line for line in range(first_line, last_line + 1) if line not in taken]
        for i, line in enumerate(free):
            slots.append(Slot(column, line, i == 0 or free[i - 1] != line - 1, i + 1 == len(free) or free[i + 1] != line + 1))
    return slots


def _pictures_above(article: ArticleSpec, part: StoryPart, style: StyleSheet, fonts: FontSet) -> list[PictureBlock]:
    """Pictures `at: top`, across the module above its headline, one under another, each with a
    white line beneath."""
    grid = style.grid
    bounds = module_rect(part.rect, grid)
    blocks, line = [], part.rect.top
    for picture in article.pictures:
        if picture.at == "top":
            photo = photo_lines(picture, bounds.width, grid)
            block = place_picture(picture, bounds.x, bounds.width, line, photo, style, fonts, article.id)
            if line + block.lines - 1 > part.rect.bottom - reserved_bottom(part.rect, grid):
                raise _picture_error(picture, f"needs {block.lines} lines (photo {photo}, caption {block.caption_lines}) from line {line}, below the module's foot", "make the module taller or the picture smaller")
            blocks.append(block)
            line += block.lines + 1
    return blocks


def _pictures_in_text(article: ArticleSpec, part: StoryPart, first_line: int, last_line: int, style: StyleSheet, fonts: FontSet, blocked: dict[int, set[int]]) -> list[PictureBlock]:
    """Pictures in some columns of the text (`text`: `line` text lines below its start; `bottom`:
    at the foot). Their lines, with a white line between picture and text, are taken from those
    columns in `blocked`; a picture that does not fit its module is bad input."""
    grid = style.grid
    rect = part.rect
    blocks = []
    for picture in article.pictures:
        if picture.at == "top":
            continue
        span = picture.span or max(1, rect.span - picture.column + 1)
        if picture.column + span - 1 > rect.span:
            raise _picture_error(picture, f"columns {picture.column}–{picture.column + span - 1} of a {rect.span}-column module", f"use column + span − 1 ≤ {rect.span}")
        column = rect.column + picture.column - 1
        width = grid.span_width(span)
        caption = caption_lines(picture, width, style, fonts)
        photo = photo_lines(picture, width, grid)
        needed = photo + len(caption)
        if picture.at == "bottom":
            top = last_line - needed + 1
            white = {top - 1} if top > first_line else set()
        else:
            top = first_line + picture.line + (1 if picture.line else 0)
            white = ({top - 1} if picture.line else set()) | ({top + needed} if top + needed <= last_line else set())
        if top < first_line or top + needed - 1 > last_line:
            room = last_line - first_line + 1
            raise _picture_error(picture, f"needs {needed} lines (photo {photo}, caption {len(caption)}) from text line {top - first_line + 1}, but the module has {room} text lines below its headline", "make the module taller, the picture smaller, or set it higher")
        rows = set(range(top, top + needed)) | white
        for c in range(column, column + span):
            if blocked.get(c, set()) & rows:
                raise _picture_error(picture, "overlaps another picture of the story", "move one of them (line:, column:) or set one at: bottom")
            blocked.setdefault(c, set()).update(rows)
        blocks.append(place_picture(picture, grid.column_x(column), width, top, photo, style, fonts, article.id, caption))
    return blocks


def _picture_error(picture: PictureSpec, problem: str, fix: str) -> InputError:
    ref = picture.source
    return InputError(ref.file, ref.line, ref.column, f"picture {quote(picture.id)}", problem, fix)


# Flow kinds that never end a column (a poem's title stays with its first line) and that never
# open one (the blank between two poems is dropped at a column top).
KEEP_WITH_NEXT = frozenset({"verse_title"})
DROPPED_AT_TOP = frozenset({"space"})


def _fill_columns(flow: list[FlowLine], cursor: int, slots: list[Slot], capacity: int) -> tuple[list[tuple[FlowLine, int]], int]:
    """Flow lines from `cursor` into the first `capacity` slots: (line, slot index) pairs, and
    the index of the first line left for the next part."""
    placed: list[tuple[FlowLine, int]] = []
    index, i = 0, cursor
    while i < len(flow) and index < capacity:
        item = flow[i]
        slot = slots[index]
        if item.kind in DROPPED_AT_TOP and slot.first:
            i += 1
            continue
        if item.kind in KEEP_WITH_NEXT and slot.last and i + 1 < len(flow) and index + 1 < capacity:
            index += 1  # leave the foot of this column white
            continue
        placed.append((item, index))
        index += 1
        i += 1
    return placed, i


def _opening(article: ArticleSpec, rect: GridRect, style: StyleSheet, fonts: FontSet, start: int | None = None, heads: dict[int, list[HeadElement]] | None = None, space: int = 0) -> _Head:
    """Section label, then kicker, headline and subhead across the module (from line `start`,
    below any picture above the headline), then a blank line. `space` white lines more go
    around the headline block, the larger half below it."""
    grid = style.grid
    composition = style.composition
    bounds = module_rect(rect, grid)
    width = bounds.width
    lines: list[PlacedLine] = []
    fills: list[Fill] = []
    line_no = rect.top if start is None else start
    if article.section:
        label_style = style.style("section_label")
        label = compose_paragraph([Span(article.section, label_style)], fonts, ComposeOptions(width, composition, align="left")).lines[0]
        slot = slot_lines(label_style.size, grid)
        top = grid.line_top(line_no)
        height = slot * grid.pitch - grid.line_gap
        pad = label_style.size // 2
        em_top = top + (height - label_style.size) // 2
        fills.append(Fill(Rect(bounds.x, top, label.width + 2 * pad, height), style.style("body").colour))
        lines.append(place_line(shift_line(label, pad), bounds.x, em_top, width, fonts, kind="section_label", article=article.id))
        line_no += slot
    line_no += space // 2
    elements = heads.get(width) if heads is not None else None
    if elements is None:
        elements = _head_elements(article, rect, width, style, fonts)
        if heads is not None:
            heads[width] = elements
    placed, line_no = place_head_block(elements, bounds.x, width, line_no, grid, fonts, article.id)
    lines.extend(placed)
    headline_lines, fits = len(placed), all(element.fits for element in elements)
    if article.kicker or article.subhead or article.headline:
        line_no += 1  # a blank body line between the headline block and the text
    line_no += space - space // 2
    last_line = rect.bottom - reserved_bottom(rect, grid)
    return _Head(tuple(lines), tuple(fills), line_no, headline_lines, fits and line_no <= last_line)  # the block leaves room for text


def _continuation_head(article: ArticleSpec, part: StoryPart, previous_page: int, style: StyleSheet, fonts: FontSet) -> _Head:
    """The 接转题 (the editor's jump title, else the headline set in the jump title's style) and
    （上接第N版） beneath it, then a blank line. A module that then holds no line of text is bad
    input: the story cannot continue there."""
    grid = style.grid
    bounds = module_rect(part.rect, grid)
    title = article.jump_title or article.headline.replace("\n", " ").strip()
    element = head_element(title, "jump_title", style.style("jump_title"), bounds.width, fonts, grid, style.composition)
    lines, line_no = place_head_block([element], bounds.x, bounds.width, part.rect.top, grid, fonts, article.id)
    fits = element.fits
    back_style = style.style("jump_line")
    composed = compose_paragraph([Span(jump_text("上接", previous_page), back_style)], fonts, ComposeOptions(bounds.width, style.composition, align="center")).lines
    slot = slot_lines(back_style.size, grid)
    for line in composed:
        em_top = grid.line_top(line_no) + (slot * grid.pitch - grid.line_gap - back_style.size) // 2
        lines.append(place_line(line, bounds.x, em_top, bounds.width, fonts, kind="jump_line", article=article.id))
        line_no += slot
    line_no += 1
    last_line = part.rect.bottom - reserved_bottom(part.rect, grid)
    if line_no > last_line:
        ref = part.source
        need = line_no - part.rect.top + 1 + reserved_bottom(part.rect, grid)
        raise InputError(ref.file, ref.line, ref.column, f"page {part.page}", f"the part of {quote(article.id)} continued here holds its 接转题 and （上接第{previous_page}版） but no line of text", f"make the module at least {need} lines high")
    return _Head(tuple(lines), (), line_no, len(lines), fits)


def _head_elements(article: ArticleSpec, rect: GridRect, width: int, style: StyleSheet, fonts: FontSet) -> list[HeadElement]:
    """Kicker, headline and subhead as the story's rank sets them: the headline at the size its
    rank chooses on the scale, kicker and subhead in the rank's styles; a ranked article that
    names a headline style takes its face from it. An article that names its headline style
    without a rank, or a style sheet without ranks, sets the headline in that style."""
    grid, composition = style.grid, style.composition
    rank = headline_rank(article, rect, style)
    kicker, subhead = (rank.kicker, rank.subhead) if rank else ("kicker", "subhead")
    elements = []
    if article.kicker:
        elements.append(head_element(article.kicker, "kicker", style.style(kicker), width, fonts, grid, composition))
    if rank is not None:
        # the rank gives the size; a headline style the article names gives the face (Song or Hei)
        face = style.style(article.headline_style) if article.headline_style != "headline" else None
        elements.append(ranked_headline(article.headline, rank, style.headlines, face or style.style(rank.style), width, fonts, grid, composition, keep_font=face is not None))
    else:
        elements.append(head_element(article.headline, "headline", style.style(article.headline_style), width, fonts, grid, composition))
    if article.subhead:
        elements.append(head_element(article.subhead, "subhead", style.style(subhead), width, fonts, grid, composition))
    return elements


def headline_rank(article: ArticleSpec, rect: GridRect, style: StyleSheet) -> HeadlineRank | None:
    """The article's rank, else the rank with the largest `min_span` the module reaches; none
    for an article that names its headline style."""
    ranks = style.headlines.ranks
    if article.rank is not None:
        return ranks[article.rank]
    if article.headline_style != "headline" or not ranks:
        return None
    reached = [rank for rank in ranks.values() if rank.min_span is not None and rect.span >= rank.min_span]
    return max(reached, key=lambda rank: rank.min_span, default=None)


def _jump_line(text: str, x: int, em_top: int, article: str, style: StyleSheet, fonts: FontSet) -> PlacedLine:
    """（下转第N版）, aligned as its style says (right, in the sample) in the column's last line."""
    jump_style = style.style("jump_line")
    measure = style.grid.column_width
    composed = compose_paragraph([Span(text, jump_style)], fonts, ComposeOptions(measure, style.composition, align=jump_style.align)).lines[0]
    return place_line(composed, x, em_top, measure, fonts, kind="jump_line", article=article)


def story_flow(article: ArticleSpec, style: StyleSheet, fonts: FontSet, see_also: str | None) -> list[FlowLine]:
    """Byline, body paragraphs (dateline run in) and cross-reference, composed at the column measure."""
    grid = style.grid
    composition = style.composition
    measure = grid.column_width
    body = style.style("body")
    flow: list[FlowLine] = []
    for text in article.byline:
        composed = compose_paragraph([Span(text, style.style("byline"))], fonts, ComposeOptions(measure, composition, align="left"))
        flow.extend(FlowLine(line, "byline", None, None) for line in composed.lines)
    if article.verse:
        flow.extend(_verse_lines(article, style, fonts))
    else:
        indent = composition.indent_chars * body.size
        for number, text in enumerate(article.paragraphs, start=1):
            spans = [Span(text, body)]
            if number == 1 and article.dateline:
                spans = [Span(article.dateline, style.style("dateline"), rigid=True), Span("\u3000" + text, body)]
            composed = compose_paragraph(spans, fonts, ComposeOptions(measure, composition, indent=indent, prose=True))
            flow.extend(FlowLine(line, "body", number, index) for index, line in enumerate(composed.lines, start=1))
    if see_also:
        xref_style = style.style("cross_reference")
        composed = compose_paragraph([Span(f"（{see_also}）", xref_style)], fonts, ComposeOptions(measure, composition, align=xref_style.align))
        flow.extend(FlowLine(line, "cross_reference", None, None) for line in composed.lines)
    return flow


def _verse_lines(article: ArticleSpec, style: StyleSheet, fonts: FontSet) -> list[FlowLine]:
    """Poems: a poem's first line (title and author) in the verse title's style, then each of its
    lines set on its own, flush left (a line too long for the column runs on indented by one
    character); a blank line between poems."""
    measure = style.grid.column_width
    composition = style.composition
    body = style.style("body")
    flow: list[FlowLine] = []
    for number, poem in enumerate(article.paragraphs, start=1):
        if number > 1:
            flow.append(FlowLine(ComposedLine((), 0, True), "space", None, None))
        title, *verses = poem.split("\n")
        heading = compose_paragraph([Span(title, style.style("verse_title"))], fonts, ComposeOptions(measure, composition, align="left"))
        flow.extend(FlowLine(line, "verse_title", number, None) for line in heading.lines)
        for verse in verses:
            for piece in _verse_pieces(verse, body, measure, style, fonts):
                composed = compose_paragraph([Span(piece, body)], fonts, ComposeOptions(measure - body.size, composition, align="left"))
                for index, line in enumerate(composed.lines):
                    flow.append(FlowLine(shift_line(line, body.size) if index else line, "body", number, None))
    return flow


def _verse_pieces(verse: str, body, measure: int, style: StyleSheet, fonts: FontSet) -> list[str]:
    """A verse line too long for the column is set clause by clause (a 七言 couplet as its two
    lines), packing as many whole clauses on a line as fit; a clause too long itself runs on."""
    clauses = [c for c in re.split(f"(?<=[{re.escape(PAUSE_CHARS + STOP_CHARS)}])", verse) if c]
    pieces: list[str] = []
    options = ComposeOptions(measure, style.composition, align="left")
    for clause in clauses:
        candidate = pieces[-1] + clause if pieces else clause
        if pieces and fits_one_line([Span(candidate, body)], fonts, options):
            pieces[-1] = candidate
        else:
            pieces.append(clause)
    return pieces
