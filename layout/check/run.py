"""Run every check on a laid-out issue: the findings and the verdict."""

from __future__ import annotations

from dataclasses import dataclass

from layout.check.copyfit import check_copyfit
from layout.check.findings import SEVERITY_BY_NAME, Findings
from layout.check.pictures import check_pictures
from layout.check.placement import check_placement
from layout.check.typography import check_cross_references, check_lines, check_text
from layout.diagnostics import Diagnostic, Severity
from layout.model.layout import IssueLayout
from layout.model.spec import IssueSpec
from layout.typeface.metrics import FontSet


@dataclass(frozen=True)
class CheckResult:
    issue: str  # the issue file as the user named it
    spec: IssueSpec
    layout: IssueLayout
    findings: tuple[Diagnostic, ...]
    fail_on: Severity

    @property
    def failing(self) -> tuple[Diagnostic, ...]:
        return tuple(f for f in self.findings if f.severity >= self.fail_on)

    @property
    def passed(self) -> bool:
        return not self.failing


def check_issue(issue: str, spec: IssueSpec, layout: IssueLayout, fonts: FontSet, *, strict: bool = False) -> CheckResult:
    settings = spec.style.checks
    findings = Findings(settings)
    check_placement(layout, findings)
    check_copyfit(layout, findings, settings.underfull_lines)
    check_lines(layout, fonts, findings, settings)
    check_text(spec, findings)
    check_cross_references(spec, findings)
    check_pictures(spec, layout, findings)
    fail_on = Severity.WARNING if strict else SEVERITY_BY_NAME[settings.fail_on]
    ordered = sorted(findings.items, key=_order)
    return CheckResult(issue, spec, layout, tuple(ordered), fail_on)


def _order(finding: Diagnostic) -> tuple:
    w = finding.where
    return (w.page or 0, w.article or "", w.paragraph or 0, w.line or 0, -finding.severity, finding.code)
