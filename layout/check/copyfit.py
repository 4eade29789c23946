"""Overflow, underfull modules and headline fit: the copyfit figures an editor cuts or fills by."""

from __future__ import annotations

from dataclasses import dataclass

from layout.check.findings import Findings
from layout.diagnostics import Where
from layout.model.layout import Copyfit, IssueLayout, lines_over, lines_short


def describe_module(fit: Copyfit) -> str:
    m = fit.module
    columns = f"column {m.column}" if m.span == 1 else f"columns {m.column}–{m.last_column}"
    part = f", part {fit.part} of {fit.parts}" if fit.parts > 1 else ""
    return f"{columns}, lines {m.top}–{m.bottom}{part}"


@dataclass(frozen=True)
class StoryFit:
    """A story's parts together: what an editor cuts or fills a jumped story by."""

    article: str
    pages: tuple[int, ...]
    lines_available: int
    lines_used: int
    chars_over: int

    lines_over = property(lambda self: lines_over(self.lines_used, self.lines_available))
    lines_short = property(lambda self: lines_short(self.lines_used, self.lines_available))


def story_fits(copyfit: tuple[Copyfit, ...]) -> list[StoryFit]:
    """One entry per story, in the order their first parts appear."""
    parts: dict[str, list[Copyfit]] = {}
    for fit in copyfit:
        parts.setdefault(fit.article, []).append(fit)
    return [
        StoryFit(article, tuple(f.page for f in fits), sum(f.lines_available for f in fits), sum(f.lines_used for f in fits), sum(f.chars_over for f in fits))
        for article, fits in parts.items()
    ]


def story_summary(story: StoryFit, chars_per_line: int) -> str:
    figures = f"whole story over {len(story.pages)} pages ({', '.join(map(str, story.pages))}): {story.lines_used}/{story.lines_available} lines"
    if story.lines_over:
        return f"{figures}, over by {story.lines_over} lines: cut about {story.chars_over} 字"
    if story.lines_short:
        return f"{figures}, room for about {story.lines_short} lines, about {story.lines_short * chars_per_line} 字"
    return f"{figures}, fits exactly"


def copyfit_summary(fit: Copyfit) -> str:
    """'73/75 lines, room for about 2 lines, about 26 字' or '… over by 3 lines: cut about 37 字'."""
    figures = f"{fit.lines_used}/{fit.lines_available} lines"
    if fit.lines_over:
        return f"{figures}, over by {fit.lines_over} lines: cut about {fit.chars_over} 字"
    if fit.lines_short:
        return f"{figures}, room for about {fit.lines_short} lines, about {fit.lines_short * fit.chars_per_line} 字"
    return f"{figures}, fits exactly"


def check_copyfit(layout: IssueLayout, findings: Findings, underfull_lines: int) -> None:
    for fit in layout.copyfit:
        where = Where(page=fit.page, article=fit.article)
        if fit.lines_over:
            findings.add("overflow", f"overset by {fit.lines_over} lines: cut about {fit.chars_over} 字 ({describe_module(fit)})", where)
        elif fit.lines_short >= underfull_lines:
            findings.add("underfull", f"room for about {fit.lines_short} lines, about {fit.lines_short * fit.chars_per_line} 字 ({describe_module(fit)})", where)
        if fit.rows_short >= 2:
            first, last = fit.end_line + 1, fit.end_line + fit.rows_short
            findings.add("hole", f"the balanced columns end {fit.rows_short} lines above the module's foot: a hole of {fit.rows_short} lines × {fit.module.span} columns (lines {first}–{last}); fill it, or make the module {fit.rows_short} lines shorter", where)
        if not fit.headline_fits:
            findings.add("headline-too-long", f"the headline block ({fit.headline_lines} lines) does not fit {describe_module(fit)}", where)
