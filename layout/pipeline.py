"""The one module that joins the stages: load → compose and place → check → render → write."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass

from layout.check.diff import ArticleChange, diff_snapshots, snapshot
from layout.check.run import CheckResult, check_issue
from layout.load.errors import InputError
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
    # the layout's story-level snapshot, so `layout diff` can compare two builds
    write_atomically(os.path.join(out_dir, f"{stem}-layout.json"), json.dumps(snapshot(spec, layout), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
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


@dataclass(frozen=True)
class ProofResult:
    check: CheckResult
    pdf: str
    pngs: tuple[str, ...]
    contact_sheet: str


def proof_issue(path: str, out_dir: str, overlays: frozenset[str] | None = None, dpi: int = 60) -> ProofResult:
    """The proof PDF with overlays, a PNG per page and a contact sheet, each written atomically."""
    from layout.render.preview import contact_sheet, png_bytes, render_pngs
    from layout.render.proof import OVERLAYS, ProofOptions, render_proof

    spec, layout = layout_issue(path)
    checked = check_issue(path, spec, layout, load_metrics(spec.fonts))
    pdf = render_proof(spec, layout, checked.findings, ProofOptions(overlays if overlays is not None else frozenset(OVERLAYS)))
    images = render_pngs(pdf, dpi)
    os.makedirs(out_dir, exist_ok=True)
    stem = os.path.splitext(os.path.basename(path))[0]
    pdf_path = os.path.join(out_dir, f"{stem}-proof.pdf")
    write_atomically(pdf_path, pdf)
    pngs = []
    for page, image in zip(layout.pages, images):
        target = os.path.join(out_dir, f"{stem}-proof-page{page.number:02d}.png")
        write_atomically(target, png_bytes(image))
        pngs.append(target)
    sheet = os.path.join(out_dir, f"{stem}-contact.png")
    write_atomically(sheet, png_bytes(contact_sheet(images, [f"{spec.info.paper} 第{p.number}版" for p in layout.pages])))
    return ProofResult(checked, pdf_path, tuple(pngs), sheet)


@dataclass(frozen=True)
class DiffResult:
    changes: tuple[ArticleChange, ...]
    pngs: tuple[str, ...]


def diff_issues(old: str, new: str, out_dir: str | None = None, dpi: int = 60) -> DiffResult:
    """Compare two issue files, or two builds' `-layout.json` snapshots, story by story; with
    two issue files and an output directory, also a PNG per changed page, changes outlined."""
    old_side, new_side = _diff_side(old), _diff_side(new)
    changes = diff_snapshots(old_side[0], new_side[0])
    pngs: list[str] = []
    if out_dir and changes and old_side[1] is not None and new_side[1] is not None:
        pngs = _diff_pngs(changes, old_side[1], new_side[1], new, out_dir, dpi)
    return DiffResult(tuple(changes), tuple(pngs))


def _diff_side(path: str) -> tuple[dict, tuple[IssueSpec, IssueLayout] | None]:
    if path.endswith(".json"):
        from layout.load.yamlsrc import read_text

        try:
            data = json.loads(read_text(path, what="layout snapshot"))
        except json.JSONDecodeError as exc:
            raise InputError(path, exc.lineno, exc.colno, None, f"not a layout snapshot: {exc.msg}", "give an issue file or a build's -layout.json") from None
        if not isinstance(data, dict) or data.get("schema") != "layout-snapshot/1":
            raise InputError(path, None, None, None, "not a layout snapshot (schema layout-snapshot/1)", "give an issue file or a build's -layout.json")
        return data, None
    spec, layout = layout_issue(path)
    return snapshot(spec, layout), (spec, layout)


def _diff_pngs(changes, old_side, new_side, new_path: str, out_dir: str, dpi: int) -> list[str]:
    from layout.render.diffpng import highlight
    from layout.render.document import render_issue
    from layout.render.preview import png_bytes, render_pngs

    (_, old_layout), (new_spec, new_layout) = old_side, new_side
    rendered = dict(render_issue(new_spec, new_layout, "proof"))
    os.makedirs(out_dir, exist_ok=True)
    stem = os.path.splitext(os.path.basename(new_path))[0]
    written = []
    for page in new_layout.pages:
        rects = []
        for change in changes:
            if change.new_page == page.number:
                rects.append(page.frame(change.article).rect)
            elif change.old_page == page.number:
                old_page = next(p for p in old_layout.pages if p.number == page.number)
                rects.append(old_page.frame(change.article).rect)
        if not rects:
            continue
        image = render_pngs(rendered[page.number], dpi)[0]
        target = os.path.join(out_dir, f"{stem}-diff-page{page.number:02d}.png")
        write_atomically(target, png_bytes(highlight(image, page, rects, dpi)))
        written.append(target)
    return written


def watched_files(path: str) -> list[str]:
    """What a proof depends on: the issue, its article files, the style sheet, the fonts. Falls
    back to the issue file alone while it cannot be loaded."""
    files = [os.path.abspath(path)]
    try:
        spec = load_issue(path)
    except InputError:
        return files
    base = os.path.dirname(os.path.abspath(path))
    from layout.load.yamlsrc import load_yaml

    for entry in load_yaml(path).value["articles"].value:
        body_file = entry.value.get("body_file") if isinstance(entry.value, dict) else None
        if body_file is not None:
            files.append(os.path.normpath(os.path.join(base, body_file.value)))
    files += [spec.style.path, spec.fonts.path, *(face.path for face in spec.fonts.faces)]
    return sorted(set(files))
