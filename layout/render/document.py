"""Render every page of a laid-out issue to PDF bytes."""

from __future__ import annotations

from layout.model.layout import IssueLayout
from layout.model.spec import IssueSpec
from layout.render.fonts import register_fonts
from layout.render.pdf import PageMeta, RenderContext, render_page_pdf


def render_issue(spec: IssueSpec, layout: IssueLayout) -> list[tuple[int, bytes]]:
    context = RenderContext(fonts=register_fonts(spec.fonts), colours=spec.style.colours)
    info = spec.info
    pages = []
    for page in layout.pages:
        meta = PageMeta(
            title=f"{info.paper} {info.date.isoformat()} 第{page.number}版",
            author=info.paper,
            subject=f"{info.paper} 总第{info.serial_number}期 {info.date.isoformat()} 第{page.number}版",
        )
        pages.append((page.number, render_page_pdf(page, context, meta)))
    return pages
