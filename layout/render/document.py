"""Render every page of a laid-out issue to PDF bytes for an output profile."""

from __future__ import annotations

import hashlib

from layout.model.layout import IssueLayout, PageLayout
from layout.model.spec import IssueSpec
from layout.model.style import StyleSheet
from layout.render.fonts import register_fonts
from layout.render.pdf import PageMeta, RenderContext, render_page_pdf
from layout.render.pdfx import DocumentMeta, finish_pdf


def render_issue(spec: IssueSpec, layout: IssueLayout, profile_name: str | None = None) -> list[tuple[int, bytes]]:
    profile = spec.style.profile(profile_name)
    context = RenderContext(fonts=register_fonts(spec.fonts), colours=spec.style.colours, profile=profile)
    info = spec.info
    pages = []
    for page in layout.pages:
        meta = page_meta(spec, page)
        data = render_page_pdf(page, context, meta)
        pages.append((page.number, finish_pdf(data, profile, DocumentMeta(meta.title, meta.author, meta.subject, info.date))))
    return pages


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
    return [plate for plate, channel in (("C", "c"), ("M", "m"), ("Y", "y"), ("K", "k")) if any(getattr(c, channel) > 0 for c in colours)]
