"""Pages whose listed stories the planner could not place: one finding per shortfall."""

from __future__ import annotations

from layout.check.findings import Findings
from layout.diagnostics import Where
from layout.model.layout import IssueLayout


def check_placement(layout: IssueLayout, findings: Findings) -> None:
    for plan in layout.plans:
        for shortfall in plan.shortfalls:
            findings.add("placement", f"cannot be placed on the page: {shortfall.problem}; {shortfall.advice}", Where(page=plan.page, article=shortfall.article))
