"""The one module that joins the stages: load → compose and place → check → render → write."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from layout.check.diff import ArticleChange, diff_snapshots, snapshot, snapshot_problem
from layout.check.run import CheckResult, check_issue
from layout.load.boundary import Blame, display_path, read_bounded
from layout.load.errors import InputError, OutputError, quote, suggest
from layout.load.issue import load_issue
from layout.load.limits import AD_FILE, SNAPSHOT_FILE
from layout.load.yamlsrc import decode_utf8
from layout.model.layout import IssueLayout, PagePlan
from layout.model.spec import AdSpec, IssueSpec
from layout.model.style import OutputProfile, StyleSheet
from layout.output import publish
from layout.page.memo import StoryMemo
from layout.page.place import place_issue
from layout.page.settle import settle_heights
from layout.plan.plan import DEFAULT_TIME_LIMIT, plan_issue
from layout.typeface.metrics import FontSet, load_metrics

if TYPE_CHECKING:  # preflight reads PDFs with pikepdf: imported where a PDF is read, never by `check`
    from layout.preflight.inspect import ImageUse, PreflightFinding


@dataclass(frozen=True)
class BuildResult:
    layout: IssueLayout
    check: CheckResult
    paths: tuple[str, ...]  # the PDFs written (pages, then the issue PDF); none when withheld
    withheld: bool = False  # failing findings and no --force: nothing written
    forced: bool = False  # failing findings, written because --force said so
    times: tuple[tuple[str, float], ...] = ()  # seconds per stage
    jobs: int = 1  # processes that rendered the pages


class PreflightFailed(Exception):
    """Our own output does not pass the profile's preflight: nothing was written. Findings of
    the issue PDF (all pages in one) carry page None."""

    def __init__(self, findings: list[tuple[int | None, PreflightFinding]]):
        self.findings = findings
        super().__init__(f"{len(findings)} preflight finding(s)")


Progress = Callable[[str, int, int], None]  # (stage, done, in all): for a progress display


def layout_issue(path: str, allowed: tuple[str, ...] = ()) -> tuple[IssueSpec, IssueLayout]:
    """Load, plan, compose and place, without ReportLab."""
    spec = load_issue(path, allowed=allowed)
    fonts = load_metrics(spec.fonts)
    return planned_layout(spec, fonts)


def planned_layout(spec: IssueSpec, fonts: FontSet, *, seed: int = 0, time_limit: float = DEFAULT_TIME_LIMIT, only: int | None = None, fresh: bool = False, memo: StoryMemo | None = None, jobs: int | None = None) -> tuple[IssueSpec, IssueLayout]:
    """The stages after load: plan the pages that list stories (in a pool of processes, one a
    core, unless `jobs`), settle `height: auto`, place; the layout carries the plans. `memo`:
    composition kept from the last layout of this issue (a resident desk)."""
    spec, plans = plan_issue(spec, fonts, seed=seed, time_limit=time_limit, only=only, fresh=fresh, jobs=default_jobs(spec.style, jobs))
    spec = settle_heights(spec, fonts, memo)
    layout = place_issue(spec, fonts, memo)
    return spec, dataclasses.replace(layout, plans=plans) if plans else layout


def check_path(path: str, *, strict: bool = False, allowed: tuple[str, ...] = ()) -> CheckResult:
    """Everything `layout check` does: lay out and check, never render."""
    spec, layout = layout_issue(path, allowed)
    return check_issue(path, spec, layout, load_metrics(spec.fonts), strict=strict)


def build_issue(path: str, out_dir: str, profile: str | None = None, *, force: bool = False, allowed: tuple[str, ...] = (), jobs: int | None = None, progress: Progress | None = None) -> BuildResult:
    """Lay out and check the issue; unless the check fails (or `force`), render every page
    (side by side in `jobs` processes), preflight each and the issue PDF against the output
    profile, then write all pages, the issue PDF and the layout snapshot together (all or
    none). A failing check or preflight writes nothing: the last good PDFs stay."""
    clock = _Stopwatch()
    spec = load_issue(path, allowed=allowed)
    output_profile = chosen_profile(spec.style, profile)
    check_print_inputs(spec, output_profile)
    fonts = load_metrics(spec.fonts)
    clock.lap("load")
    spec, layout = planned_layout(spec, fonts)
    clock.lap("place")
    checked = check_issue(path, spec, layout, fonts)
    clock.lap("check")
    if not checked.passed and not force:
        return BuildResult(layout, checked, (), withheld=True, times=clock.times)
    from layout.preflight.inspect import preflight_pdf
    from layout.render.document import render_issue  # only the build imports ReportLab

    rendered = render_issue(spec, layout, output_profile.name, jobs=default_jobs(spec.style, jobs), progress=(lambda done, count: progress("render", done, count)) if progress else None)
    clock.lap("render")
    failures: list[tuple[int | None, PreflightFinding]] = [(number, finding) for number, data in rendered.pages for finding in preflight_pdf(data, output_profile)]
    failures += [(None, finding) for finding in preflight_pdf(rendered.combined, output_profile)] if not failures else []
    clock.lap("preflight")
    if failures:
        raise PreflightFailed(failures)
    stem = issue_stem(path)
    files = {f"{stem}-page{number:02d}.pdf": data for number, data in rendered.pages}
    files[f"{stem}.pdf"] = rendered.combined
    # the layout's story-level snapshot, so `layout diff` can compare two builds
    files[f"{stem}-layout.json"] = json.dumps(snapshot(spec, layout), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    written = publish(out_dir, files, replaces=re.compile(re.escape(stem) + r"-page\d+\.pdf"))
    clock.lap("write")
    return BuildResult(layout, checked, tuple(p for p in written if p.endswith(".pdf")), forced=not checked.passed, times=clock.times, jobs=rendered.jobs)


def default_jobs(style: StyleSheet, asked: int | None) -> int:
    """--jobs, else the style sheet's output.jobs, else one per core."""
    return max(1, asked or style.jobs or os.cpu_count() or 1)


class _Stopwatch:
    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.laps: list[tuple[str, float]] = []

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps.append((stage, now - self.last))
        self.last = now

    @property
    def times(self) -> tuple[tuple[str, float], ...]:
        return tuple(self.laps)


def check_print_inputs(spec: IssueSpec, profile: OutputProfile) -> None:
    """What the build can tell before anything is rendered: an RGB photo needs the profile's
    convert_profile; every placed ad must pass the profile's preflight for its content."""
    from layout.preflight.ads import preflight_ad
    if not profile.allow_rgb and profile.convert_data is None:
        for picture in spec.all_pictures():
            if picture.image.mode == "rgb":
                ref = picture.source
                raise InputError(ref.file, ref.line, ref.column, f"picture {quote(picture.id)}", f"photo {quote(picture.image.shown)} is RGB and the {profile.name} profile names no convert_profile to turn it into CMYK", "give the profile convert_profile: (the press's CMYK ICC profile), or supply the photo in CMYK or gray")
    title = spec.masthead.title_image if spec.masthead is not None else None
    if isinstance(title, AdSpec):
        findings = preflight_ad(read_bounded(title.path, AD_FILE, Blame.at(title.source, "masthead.title_image")), profile)
        if findings:
            ref = title.source
            raise InputError(ref.file, ref.line, ref.column, "masthead.title_image", f"title image {quote(title.shown)} fails the {profile.name} profile: {_by_rule(findings)}", "save the title as PDF/X-1a: CMYK only, every font embedded or outlined")
    elif title is not None and title.mode == "rgb" and not profile.allow_rgb and profile.convert_data is None:
        ref = spec.masthead_source if hasattr(spec, "masthead_source") else None
        raise InputError(display_path(spec.path), 1, 1, "masthead.title_image", f"title image {quote(title.shown)} is RGB and the {profile.name} profile names no convert_profile to turn it into CMYK", "give the profile convert_profile:, or supply the title in CMYK or gray")
    checked: set[str] = set()
    for page in spec.pages:
        for placement in page.placements:
            if placement.kind != "ad" or placement.ref in checked:
                continue
            checked.add(placement.ref)
            ad = spec.ad(placement.ref)
            findings = preflight_ad(read_bounded(ad.path, AD_FILE, Blame.at(ad.source, f"ad {quote(ad.id)}")), profile)
            if findings:
                ref = placement.source
                slot = f"{placement.size} slot" if placement.size else "slot"
                raise InputError(ref.file, ref.line, ref.column, f"page {page.number}", f"ad {quote(ad.id)} ({quote(ad.shown)}, {slot}) fails the {profile.name} profile: {_by_rule(findings)}", f"ask the advertiser for a PDF/X-1a file: CMYK only, every font embedded, images of at least {profile.min_image_ppi} ppi")


def _by_rule(findings: list[PreflightFinding]) -> str:
    """One entry per rule, with its first finding: 'colour-space (RGB colour 0.9 0.1 0.1 rg), font-not-embedded ×2 (/Helvetica is not embedded)'."""
    grouped: dict[str, list[PreflightFinding]] = {}
    for finding in findings:
        grouped.setdefault(finding.code, []).append(finding)
    return ", ".join(f"{code}{f' ×{len(found)}' if len(found) > 1 else ''} ({found[0].message})" for code, found in grouped.items())


def chosen_profile(style: StyleSheet, name: str | None) -> OutputProfile:
    """The output profile `--profile` names (default: the style sheet's), or bad input."""
    if name is not None and name not in style.profiles:
        raise InputError(display_path(style.path), 1, 1, "output.profiles", f"no output profile {quote(name)} (asked for with --profile)", suggest(name, style.profiles))
    return style.profile(name)


def preflight_file(pdf: str, style_path: str | None, profile: str | None, allowed: tuple[str, ...] = ()) -> tuple[OutputProfile, list[PreflightFinding], list[ImageUse]]:
    """`layout preflight`: any PDF against a profile of a style sheet (ours by default); its
    findings and its images as drawn."""
    from layout.load.boundary import Boundary, check_kind
    from layout.load.fonts import load_fonts
    from layout.load.limits import PDF_FILE
    from layout.load.styles import load_style
    from layout.preflight.inspect import inspect_pdf

    shown = display_path(pdf)
    check_kind(pdf, Blame.whole(shown, PDF_FILE), PDF_FILE, quote(shown))
    style_file = os.path.realpath(style_path or os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "styles", "broadsheet.yaml"))
    style = load_style(style_file, load_fonts().roles, boundary=Boundary.around(style_file, allowed))
    chosen = chosen_profile(style, profile)
    return (chosen, *inspect_pdf(pdf, chosen))


@dataclass(frozen=True)
class PlaceResult:
    plans: tuple[PagePlan, ...]
    measure_seconds: float  # load and fonts, before the pages are planned
    written: bool  # --write: the proposal is in the issue file


def place_path(path: str, *, page: int | None = None, seed: int = 0, time_limit: float = DEFAULT_TIME_LIMIT, write: bool = False, allowed: tuple[str, ...] = ()) -> PlaceResult:
    """`layout place`: propose modules for the stories of every page that lists them (or of
    `page`), solving afresh; with `write`, put the proposal into the issue file (`at:` per
    story), refused if the file changed on disk meanwhile."""
    from layout.load.limits import ISSUE_FILE
    from layout.load.writeback import with_proposals
    from layout.output import write_atomically

    started = time.perf_counter()
    shown = display_path(path)
    before = read_bounded(path, ISSUE_FILE, Blame.whole(shown, ISSUE_FILE))
    spec = load_issue(path, allowed=allowed)
    listed = [p.number for p in spec.pages if p.stories]
    if page is not None and page not in listed:
        raise InputError(shown, 1, 1, f"page {page}", f"page {page} lists no stories (stories:) to place" if any(p.number == page for p in spec.pages) else f"the issue has no page {page}", f"pages with stories: {', '.join(map(str, listed))}" if listed else "list a page's stories in priority order under stories:")
    fonts = load_metrics(spec.fonts)
    loaded = time.perf_counter() - started
    _, plans = plan_issue(spec, fonts, seed=seed, time_limit=time_limit, only=page, fresh=True, jobs=default_jobs(spec.style, None))
    proposals = {plan.page: {m.article: (m.rect, m.picture_span, m.head_space) for m in plan.modules if m.variant != "pinned"} for plan in plans if plan.placed}
    if not write or not proposals:
        return PlaceResult(plans, loaded, False)
    text = with_proposals(decode_utf8(before, shown, "issue file"), shown, proposals)
    if read_bounded(path, ISSUE_FILE, Blame.whole(shown, ISSUE_FILE)) != before:
        raise OutputError(shown, "the issue file changed on disk while the pages were being planned; nothing was written", "run layout place again")
    write_atomically(path, text.encode("utf-8"))
    return PlaceResult(plans, loaded, True)


def issue_stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


@dataclass(frozen=True)
class ProofResult:
    check: CheckResult
    pdf: str
    pngs: tuple[str, ...]
    contact_sheet: str


def proof_issue(path: str, out_dir: str, overlays: frozenset[str] | None = None, dpi: int = 60, allowed: tuple[str, ...] = ()) -> ProofResult:
    """The proof PDF with overlays, a PNG per page and a contact sheet, each written atomically."""
    from layout.render.preview import contact_sheet, png_bytes, render_pngs
    from layout.render.proof import OVERLAYS, ProofOptions, render_proof

    spec, layout = layout_issue(path, allowed)
    checked = check_issue(path, spec, layout, load_metrics(spec.fonts))
    pdf = render_proof(spec, layout, checked.findings, ProofOptions(overlays if overlays is not None else frozenset(OVERLAYS)))
    images = render_pngs(pdf, dpi)
    stem = issue_stem(path)
    files = {f"{stem}-proof.pdf": pdf}
    for page, image in zip(layout.pages, images):
        files[f"{stem}-proof-page{page.number:02d}.png"] = png_bytes(image)
    label_face = next((face for face in spec.fonts.faces if face.role == "hei"), spec.fonts.faces[0])
    files[f"{stem}-contact.png"] = png_bytes(contact_sheet(images, [f"{spec.info.paper} 第{p.number}版" for p in layout.pages], font_path=label_face.path))
    written = publish(out_dir, files, replaces=re.compile(re.escape(stem) + r"-proof-page\d+\.png"))
    pdf_path, *pngs, sheet = written
    return ProofResult(checked, pdf_path, tuple(pngs), sheet)


def proof_page_png(spec: IssueSpec, layout: IssueLayout, findings, number: int, overlays: frozenset[str], dpi: int) -> bytes:
    """One page of the proof, with the overlays asked for and without the notes panel, as PNG
    (the desk's page view)."""
    from layout.render.preview import png_bytes, render_pngs
    from layout.render.proof import ProofOptions, render_proof

    page = next(p for p in layout.pages if p.number == number)
    alone = dataclasses.replace(layout, pages=(page,))
    pdf = render_proof(spec, alone, [f for f in findings if f.where.page == number], ProofOptions(overlays, panel=False))
    return png_bytes(render_pngs(pdf, dpi)[0], fast=True)


@dataclass(frozen=True)
class DiffResult:
    changes: tuple[ArticleChange, ...]
    pngs: tuple[str, ...]


def diff_issues(old: str, new: str, out_dir: str | None = None, dpi: int = 60, allowed: tuple[str, ...] = ()) -> DiffResult:
    """Compare two issue files, or two builds' `-layout.json` snapshots, story by story; with
    two issue files and an output directory, also a PNG per changed page, changes outlined."""
    old_side, new_side = _diff_side(old, allowed), _diff_side(new, allowed)
    changes = diff_snapshots(old_side[0], new_side[0])
    pngs: list[str] = []
    if out_dir and changes and old_side[1] is not None and new_side[1] is not None:
        pngs = _diff_pngs(changes, old_side[1], new_side[1], new, out_dir, dpi)
    return DiffResult(tuple(changes), tuple(pngs))


SNAPSHOT_FIX = "give an issue file or the -layout.json a build wrote"


def _diff_side(path: str, allowed: tuple[str, ...]) -> tuple[dict, tuple[IssueSpec, IssueLayout] | None]:
    if path.endswith(".json"):
        shown = display_path(path)
        text = decode_utf8(read_bounded(path, SNAPSHOT_FILE, Blame.whole(shown, SNAPSHOT_FILE)), shown, SNAPSHOT_FILE.what)
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            line, column = (exc.lineno, exc.colno) if isinstance(exc, json.JSONDecodeError) else (1, 1)
            raise InputError(shown, line, column, SNAPSHOT_FILE.what, "not a layout snapshot: the JSON cannot be read", SNAPSHOT_FIX) from None
        problem = snapshot_problem(data)
        if problem:
            raise InputError(shown, 1, 1, SNAPSHOT_FILE.what, problem, SNAPSHOT_FIX)
        return data, None
    spec, layout = layout_issue(path, allowed)
    return snapshot(spec, layout), (spec, layout)


def _diff_pngs(changes, old_side, new_side, new_path: str, out_dir: str, dpi: int) -> list[str]:
    from layout.render.diffpng import highlight
    from layout.render.document import render_issue
    from layout.render.preview import png_bytes, render_pngs

    (_, old_layout), (new_spec, new_layout) = old_side, new_side
    old_pages = {page.number: page for page in old_layout.pages}
    rendered = dict(render_issue(new_spec, new_layout, "proof").pages)
    stem = issue_stem(new_path)
    files = {}
    for page in new_layout.pages:
        rects = []
        for change in changes:
            if change.new_page == page.number:
                rects.append(page.frame(change.article).rect)
            elif change.old_page == page.number and change.old_page in old_pages:
                rects.append(old_pages[change.old_page].frame(change.article).rect)
        if rects:
            image = render_pngs(rendered[page.number], dpi)[0]
            files[f"{stem}-diff-page{page.number:02d}.png"] = png_bytes(highlight(image, page, rects, dpi))
    return publish(out_dir, files, replaces=re.compile(re.escape(stem) + r"-diff-page\d+\.png")) if files else []


def watched_files(path: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """What a proof depends on: every file the load stage read (the issue, its article files,
    the style sheet and its profiles, the fonts). Just the issue file while it cannot be loaded."""
    try:
        return list(load_issue(path, allowed=allowed).inputs)
    except InputError:
        return [os.path.realpath(path)]


def file_stamps(paths: list[str]) -> dict[str, int]:
    """Each file's modification time in ns (-1 when it cannot be looked at): what `watch` and the
    desk compare to see that an input changed."""
    found = {}
    for path in paths:
        try:
            found[path] = os.stat(path).st_mtime_ns
        except OSError:
            found[path] = -1
    return found
