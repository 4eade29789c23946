"""The one module that joins the stages: load → compose and place → check → render → write."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

from layout.check.run import CheckResult, check_issue
from layout.load.issue import load_issue
from layout.model.layout import IssueLayout
from layout.model.spec import IssueSpec
from layout.page.place import place_issue
from layout.preflight.inspect import PreflightFinding, preflight_pdf
from layout.typeface.metrics import load_metrics


@dataclass(frozen=True)
class BuildResult:
    layout: IssueLayout
    check: CheckResult
    paths: tuple[str, ...]


class PreflightFailed(Exception):
    """Our own page does not pass the profile's preflight: nothing was written."""

    def __init__(self, findings: list[tuple[int, PreflightFinding]]):
        self.findings = findings
        super().__init__(f"{len(findings)} preflight finding(s)")


def layout_issue(path: str) -> tuple[IssueSpec, IssueLayout]:
    """Load, compose and place, without ReportLab."""
    spec = load_issue(path)
    fonts = load_metrics(spec.fonts)
    return spec, place_issue(spec, fonts)


def check_path(path: str, *, strict: bool = False) -> CheckResult:
    """Everything `layout check` does: lay out and check, never render."""
    spec, layout = layout_issue(path)
    return check_issue(path, spec, layout, load_metrics(spec.fonts), strict=strict)


def build_issue(path: str, out_dir: str, profile: str | None = None) -> BuildResult:
    """Lay out and check the issue, render every page, preflight each against the output profile,
    then write the PDFs, each atomically. A page that fails preflight stops the build before
    anything is written, so the last good PDFs stay."""
    from layout.render.document import render_issue  # only the build imports ReportLab

    spec, layout = layout_issue(path)
    checked = check_issue(path, spec, layout, load_metrics(spec.fonts))
    rendered = render_issue(spec, layout, profile)  # all pages in memory first: a failure writes nothing
    output_profile = spec.style.profile(profile)
    failures = [(number, finding) for number, data in rendered for finding in preflight_pdf(data, output_profile)]
    if failures:
        raise PreflightFailed(failures)
    os.makedirs(out_dir, exist_ok=True)
    stem = os.path.splitext(os.path.basename(path))[0]
    paths = []
    for number, data in rendered:
        target = os.path.join(out_dir, f"{stem}-page{number:02d}.pdf")
        write_atomically(target, data)
        paths.append(target)
    return BuildResult(layout, checked, tuple(paths))


def write_atomically(target: str, data: bytes) -> None:
    """Write beside the target and rename over it: readers see the old file or the new, never half."""
    directory = os.path.dirname(os.path.abspath(target))
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=os.path.splitext(target)[1], dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
