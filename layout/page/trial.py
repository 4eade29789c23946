"""A story tried in a candidate module, the rest of the issue as it stands: the desk's live
copyfit while an editor drags or stretches a module. Layout only: the story's lines come from
the memo, so a trial places lines and composes nothing (a few milliseconds)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from layout.load.errors import InputError
from layout.load.pages import check_page_rects, grid_overrun
from layout.model.layout import Copyfit
from layout.model.spec import GridRect, IssueSpec
from layout.page.article import StoryPart, place_story
from layout.page.memo import StoryMemo
from layout.typeface.metrics import FontSet


@dataclass(frozen=True)
class Trial:
    """What the candidate would give: the copyfit of the moved part and of the story's last
    part (where its overflow shows), or why the module cannot stand there."""

    rect: GridRect
    problem: str | None = None  # the loader's own words: an overlap, a rectangle off the grid
    fix: str | None = None
    part: Copyfit | None = None
    last: Copyfit | None = None

    @property
    def fits(self) -> bool:
        return self.problem is None and self.last is not None and self.last.chars_over == 0 and self.part is not None and self.part.headline_fits


def try_module(spec: IssueSpec, fonts: FontSet, memo: StoryMemo, page: int, article: str, part: int, rect: GridRect) -> Trial:
    """The story `article` with its part `part` (on `page`) at `rect`. The spec is the placed one:
    planned pages carry their modules as placements."""
    grid = spec.style.grid
    overrun = grid_overrun(rect, grid)
    if overrun is not None:
        _, problem, fix = overrun
        return Trial(rect, problem, fix)
    page_spec = next(p for p in spec.pages if p.number == page)
    moved = next(p for p in page_spec.placements if p.kind == "article" and p.ref == article and p.part == part)
    placements = [dataclasses.replace(p, rect=rect) if p is moved else p for p in page_spec.placements]  # in file order: the loader's words
    try:
        check_page_rects(placements, page, page_spec.is_front, spec.style.running_head.lines)
    except InputError as refused:
        return Trial(rect, refused.problem, refused.fix)
    story = spec.article(article)
    see_also = spec.see_also_text(story)
    memo.bind(spec.style, fonts)
    parts = tuple(StoryPart(number, rect if p is moved else p.rect, p.source, p.head_space) for number, p in spec.parts_of(article))
    try:
        placed = place_story(story, parts, spec.style, fonts, see_also, memo.flow(story, see_also, spec.style, fonts), memo.heads(story))
    except InputError as refused:  # too short for its headline, its pictures or a jump's head
        return Trial(rect, refused.problem, refused.fix)
    return Trial(rect, part=placed[part - 1].copyfit, last=placed[-1].copyfit)
