"""What the browser is sent: the issue's pages, their grid and modules, copyfit and findings,
as plain JSON. Lengths are points from the top-left corner of the page image (the trim and its
bleed), so the page script scales them to the picture."""

from __future__ import annotations

from layout.desk.session import Built, DeskSession, Outcome
from layout.diagnostics import Diagnostic
from layout.model.layout import Copyfit, Frame, PageLayout
from layout.model.spec import GridRect, IssueSpec, Placement
from layout.page.trial import Trial
from layout.render.proof import OVERLAYS
from layout.units import to_pt

MOVABLE = ("article",)  # masthead, boxes, ads and picture modules stay as the issue gives them


def state_view(session: DeskSession) -> dict:
    built = session.built
    view: dict = {
        "issue": session.shown,
        "state": session.state_number(),
        "error": session.error.to_json() if session.error is not None else None,
        "overlays": list(OVERLAYS),
        "undo": [edit.label for edit in session.history.undo],
        "redo": [edit.label for edit in session.history.redo],
        "findings_added": list(session.findings_added),
        "findings_removed": list(session.findings_removed),
        "pages": [],
    }
    if built is None:
        return view
    view.update(version=built.version, seconds=round(built.seconds, 3), paper=built.spec.info.paper, date=built.spec.info.date.isoformat(), findings=_counts(built.check.findings))
    view["pages"] = [_page_view(built, page) for page in built.layout.pages]
    return view


def _counts(findings: tuple[Diagnostic, ...]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[str(finding.severity)] = counts.get(str(finding.severity), 0) + 1
    return counts


def _page_view(built: Built, page: PageLayout) -> dict:
    spec = built.spec
    grid = spec.style.grid
    page_spec = next(p for p in spec.pages if p.number == page.number)
    findings = [f for f in built.check.findings if f.where.page == page.number]
    copyfit = {(fit.article, fit.part): fit for fit in built.layout.copyfit if fit.page == page.number}
    frames = {(frame.ref, frame.part): frame for frame in page.frames if frame.kind == "article"}
    offset = page.bleed
    return {
        "number": page.number,
        "label": f"第{page.number}版" + (f" {page_spec.section}" if page_spec.section else ""),
        "width": to_pt(page.trim_width + 2 * offset),
        "height": to_pt(page.trim_height + 2 * offset),
        "grid": {
            "columns": grid.columns,
            "lines": grid.lines,
            "left": to_pt(offset + grid.left),
            "top": to_pt(offset + grid.top),
            "column_width": to_pt(grid.column_width),
            "gutter": to_pt(grid.gutter),
            "pitch": to_pt(grid.pitch),
            "body": to_pt(grid.body_size),
            "chars_per_line": grid.column_chars,
        },
        "findings": [_finding(f) for f in findings],
        "modules": [_module_view(spec, placement, copyfit.get((placement.ref, placement.part)), frames.get((placement.ref, placement.part)), findings) for placement in page_spec.placements],
    }


def _module_view(spec: IssueSpec, placement: Placement, fit: Copyfit | None, frame: Frame | None, findings: list[Diagnostic]) -> dict:
    view = {"kind": placement.kind, "ref": placement.ref, "part": placement.part, "rect": _rect(placement.rect), "movable": placement.kind in MOVABLE}
    if placement.kind != "article":
        return view
    article = spec.article(placement.ref)
    view.update(
        headline=article.headline.replace("\n", " "),
        copyfit=copyfit_view(fit) if fit is not None else None,
        findings=[_finding(f) for f in findings if f.where.article == placement.ref],
        continues_on=frame.continues_on if frame is not None else None,
        continued_from=frame.continued_from if frame is not None else None,
        parts=frame.parts if frame is not None else 1,
    )
    return view


def _rect(rect: GridRect) -> dict:
    return {"column": rect.column, "span": rect.span, "top": rect.top, "height": rect.height}


def _finding(finding: Diagnostic) -> dict:
    return {**finding.to_json(), "text": finding.format()}


def copyfit_view(fit: Copyfit) -> dict:
    """The figures an editor cuts or fills by, and one line that says them."""
    return {
        "lines_used": fit.lines_used,
        "lines_available": fit.lines_available,
        "lines_over": fit.lines_over,
        "lines_short": fit.lines_short,
        "chars_over": fit.chars_over,
        "room_chars": fit.lines_short * fit.chars_per_line,
        "headline_lines": fit.headline_lines,
        "headline_fits": fit.headline_fits,
        "summary": copyfit_summary(fit),
    }


def copyfit_summary(fit: Copyfit) -> str:
    """'+3 lines, 41 字 over' · 'room for 26 字 (2 lines)' · 'fits to the line', and the
    headline when it does not fit."""
    if fit.chars_over or fit.lines_over:
        text = f"+{fit.lines_over} lines, {fit.chars_over} 字 over"
    elif fit.lines_short:
        text = f"fits; room for {fit.lines_short * fit.chars_per_line} 字 ({fit.lines_short} lines)"
    else:
        text = "fits to the line"
    return text if fit.headline_fits else text + "; the headline does not fit"


def trial_view(trial: Trial, seconds: float) -> dict:
    view: dict = {"rect": _rect(trial.rect), "ms": round(seconds * 1000, 1), "fits": trial.fits}
    if trial.problem is not None:
        return {**view, "problem": trial.problem, "fix": trial.fix, "summary": f"refused: {trial.problem}"}
    assert trial.part is not None and trial.last is not None
    moved = copyfit_view(trial.part)
    if trial.last is not trial.part:  # a jumped story: its overflow shows in its last part
        moved["summary"] = f"this part {trial.part.lines_used}/{trial.part.lines_available} lines; the story: {copyfit_summary(trial.last)}"
        moved["chars_over"] = trial.last.chars_over
    return {**view, **moved}


def outcome_view(outcome: Outcome) -> dict:
    return {"ok": outcome.ok, "message": outcome.message, "error": outcome.error, "ms": round(outcome.seconds * 1000, 1)}
