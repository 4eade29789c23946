"""The settle step of placement: modules given `height: auto` take the height their content
needs, within the room the loader left them below their top.

A story's module takes the fewest lines that hold all its text, so its balanced columns end
within a line of the foot; a story that does not fit even the whole room keeps the room and
shows its overflow in `check`, as any module does. A picture module takes its photo's
proportions at its width, plus its caption."""

from __future__ import annotations

import dataclasses

from layout.load.errors import InputError
from layout.model.spec import IssueSpec, PageSpec, Placement
from layout.page.article import StoryPart, place_story
from layout.page.memo import StoryMemo
from layout.page.picture import caption_lines, photo_lines
from layout.typeface.metrics import FontSet


def settle_heights(spec: IssueSpec, fonts: FontSet, memo: StoryMemo | None = None) -> IssueSpec:
    """The spec with every `height: auto` module at its fitted height (the same spec when none)."""
    if not any(placement.auto_height for page in spec.pages for placement in page.placements):
        return spec
    memo = memo if memo is not None else StoryMemo()  # the story is composed once for all trial heights
    memo.bind(spec.style, fonts)
    pages = tuple(_settle_page(spec, page, fonts, memo) for page in spec.pages)
    return dataclasses.replace(spec, pages=pages)


def _settle_page(spec: IssueSpec, page: PageSpec, fonts: FontSet, memo: StoryMemo) -> PageSpec:
    placements = []
    for placement in page.placements:
        if placement.auto_height:
            height = _story_height(spec, placement, fonts, memo) if placement.kind == "article" else _picture_height(spec, placement, fonts)
            # settled: from here on the module is as if the editor had given that height
            placement = dataclasses.replace(placement, rect=dataclasses.replace(placement.rect, height=height), auto_height=False)
        placements.append(placement)
    return dataclasses.replace(page, placements=tuple(placements))


def _story_height(spec: IssueSpec, placement: Placement, fonts: FontSet, memo: StoryMemo) -> int:
    """The fewest lines, up to the room, at which the story's last module holds the rest of its
    text. More lines never hold less, so a binary search finds it."""
    article = spec.article(placement.ref)
    see_also = spec.see_also_text(article)
    parts = tuple(StoryPart(page, p.rect, p.source, p.head_space) for page, p in spec.parts_of(article.id))
    room = placement.rect.height

    def holds(height: int) -> bool:
        last = dataclasses.replace(parts[-1], rect=dataclasses.replace(parts[-1].rect, height=height))
        try:
            placed = place_story(article, parts[:-1] + (last,), spec.style, fonts, see_also, memo.flow(article, see_also, spec.style, fonts), memo.heads(article))
        except InputError:  # too short for its headline or pictures
            return False
        return not placed[-1].frame.overflow

    if not holds(room):
        return room  # overset even so: the room, and the overflow shows in check
    low, high = 1, room
    while low < high:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _picture_height(spec: IssueSpec, placement: Placement, fonts: FontSet) -> int:
    """Photo lines from its proportions at the module's width, the caption's lines, and the line
    a module with something below keeps for the rule; at most the room."""
    style, grid = spec.style, spec.style.grid
    picture = spec.picture(placement.ref)
    width = grid.span_width(placement.rect.span)
    content = photo_lines(picture, width, grid) + len(caption_lines(picture, width, style, fonts))
    at_foot = placement.rect.top + content - 1 >= grid.lines
    return min(placement.rect.height, content if at_foot else content + 1)
