"""Overflow, underfull modules and headline fit: the copyfit figures an editor cuts or fills by."""

from __future__ import annotations

from layout.check.findings import Findings
from layout.diagnostics import Where
from layout.model.layout import Copyfit, IssueLayout


def describe_module(fit: Copyfit) -> str:
    m = fit.module
    columns = f"column {m.column}" if m.span == 1 else f"columns {m.column}–{m.last_column}"
    return f"{columns}, lines {m.top}–{m.bottom}"


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
        if not fit.headline_fits:
            findings.add("headline-too-long", f"the headline block ({fit.headline_lines} lines) does not fit {describe_module(fit)}", where)
