"""Render every page of a laid-out issue to PDF bytes for an output profile, and the issue PDF.

Pages are independent once placed, so they render side by side in a pool of processes. The pool
forks after the fonts are registered, so every worker starts with them and with the layout, and
only a page number goes in and its bytes come out. Each page's bytes depend on its page alone:
the same with one process or eight."""

from __future__ import annotations

import hashlib
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Callable

from layout.model.layout import IssueLayout, PageLayout
from layout.model.spec import IssueSpec
from layout.model.style import StyleSheet
from layout.render.cidfont import FontProgram
from layout.render.fonts import embedded_fonts, register_fonts
from layout.render.pdf import PageMeta, RenderContext, render_page
from layout.render.pdfx import DocumentMeta, combine_pdfs, finish_pdf

Progress = Callable[[int, int], None]  # (pages done, pages in all)


@dataclass(frozen=True)
class RenderedIssue:
    pages: tuple[tuple[int, bytes], ...]  # (page number, finished PDF), in page order
    combined: bytes  # every page in one PDF, finished for the same profile
    jobs: int  # processes that rendered the pages


@dataclass(frozen=True)
class _Job:
    spec: IssueSpec
    layout: IssueLayout
    context: RenderContext


_job: _Job | None = None  # what a forked worker renders from (set before the pool forks)


def render_issue(spec: IssueSpec, layout: IssueLayout, profile_name: str | None = None, *, jobs: int = 1, progress: Progress | None = None) -> RenderedIssue:
    profile = spec.style.profile(profile_name)
    job = _Job(spec, layout, RenderContext(fonts=register_fonts(spec.fonts), colours=spec.style.colours, profile=profile, pictures=spec.style.pictures))
    count = len(layout.pages)
    workers = min(jobs, count) if _can_fork() else 1
    results: dict[int, tuple[bytes, bytes, dict[str, dict[int, str]]]] = {}
    if workers > 1:
        global _job
        _job = job
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
                for index, result in zip(range(count), pool.map(_render_in_worker, range(count))):
                    results[index] = result
                    if progress:
                        progress(len(results), count)
        finally:
            _job = None
    else:
        for index in range(count):
            results[index] = _render(job, index)
            if progress:
                progress(len(results), count)
    raw = [results[i][0] for i in range(count)]
    info = spec.info
    combined_meta = DocumentMeta(f"{info.paper} {info.date.isoformat()}", info.paper, f"{info.paper} 总第{info.serial_number}期 {info.date.isoformat()} 共{count}版", info.date)
    merged = raw[0] if count == 1 else combine_pdfs(raw, _issue_glyphs(job.context.fonts, [results[i][2] for i in range(count)]))
    combined = finish_pdf(merged, profile, combined_meta, set_titles=True)
    return RenderedIssue(tuple((layout.pages[i].number, results[i][1]) for i in range(count)), combined, workers)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _render_in_worker(index: int) -> tuple[bytes, bytes, dict[str, dict[int, str]]]:
    assert _job is not None  # inherited from the parent through fork
    return _render(_job, index)


def _render(job: _Job, index: int) -> tuple[bytes, bytes, dict[str, dict[int, str]]]:
    """One page: ReportLab's bytes (for the issue PDF), the page finished as its own PDF, and
    the characters it drew with each font."""
    page = job.layout.pages[index]
    meta = page_meta(job.spec, page)
    data, drawn = render_page(page, job.context, meta)
    return data, finish_pdf(data, job.context.profile, DocumentMeta(meta.title, meta.author, meta.subject, job.spec.info.date)), drawn


def _issue_glyphs(names: dict[str, str], pages: list[dict[str, dict[int, str]]]) -> list[tuple[FontProgram, dict[int, str]]]:
    """Each face with the characters of all pages."""
    found: list[tuple[FontProgram, dict[int, str]]] = []
    for font in embedded_fonts(names):
        codes: dict[int, str] = {}
        for page in pages:
            codes.update(page.get(font.fontName, {}))
        if codes:
            found.append((font.program, codes))
    return found


def page_meta(spec: IssueSpec, page: PageLayout) -> PageMeta:
    info = spec.info
    title = f"{info.paper} {info.date.isoformat()} 第{page.number}版"
    subject = f"{info.paper} 总第{info.serial_number}期 {info.date.isoformat()} 第{page.number}版"
    return PageMeta(title=title, author=info.paper, subject=subject, slug=slug_line(spec, page))


def slug_line(spec: IssueSpec, page: PageLayout) -> str:
    """Paper, date, page, the plates the page prints on, and a hash of its layout: nothing that
    changes between two builds of the same input."""
    style = spec.style
    trim = f"{style.page.trim_width / 2834.6457:.0f}×{style.page.trim_height / 2834.6457:.0f} mm"
    digest = hashlib.sha256(repr(page).encode("utf-8")).hexdigest()[:16]
    return f"{spec.info.paper}  {spec.info.date.isoformat()}  第{page.number}版  {trim}  plates: {' '.join(plates(page, style))}  layout {digest}"


def plates(page: PageLayout, style: StyleSheet) -> list[str]:
    used = {run.colour for frame in page.frames for line in frame.lines for run in line.runs}
    used |= {fill.colour for frame in page.frames for fill in frame.fills}
    used |= {rule.colour for rule in page.rules} | {rule.colour for frame in page.frames for rule in frame.rules}
    colours = [style.colours[name] for name in used]
    found = {plate for plate, channel in (("C", "c"), ("M", "m"), ("Y", "y"), ("K", "k")) if any(getattr(c, channel) > 0 for c in colours)}
    for frame in page.frames:
        for image in frame.images:
            found |= {"K"} if image.mode == "gray" else {"C", "M", "Y", "K"}
        if frame.ad is not None:
            found |= {"C", "M", "Y", "K"}  # an advertiser's page may use every process colour
    return [plate for plate in ("C", "M", "Y", "K") if plate in found]
