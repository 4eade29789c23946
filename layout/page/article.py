"""An article module: section label, headline block, byline, body flowing column by column,
cross-reference; what does not fit stays as overflow data with copyfit figures."""

from __future__ import annotations

from dataclasses import dataclass

from layout.model.layout import ComposedLine, Copyfit, Fill, Frame, PlacedLine, Rect
from layout.model.spec import ArticleSpec, GridRect
from layout.model.style import StyleSheet
from layout.page.grid import module_rect, reserved_bottom
from layout.page.headline import compose_headline, slot_lines
from layout.page.lines import place_line, shift_line
from layout.text.compose import ComposeOptions, compose_paragraph
from layout.text.segment import Span
from layout.typeface.metrics import FontSet


@dataclass(frozen=True)
class PlacedArticle:
    frame: Frame
    copyfit: Copyfit


@dataclass(frozen=True)
class _FlowLine:
    line: ComposedLine
    kind: str
    paragraph: int | None
    index: int | None


def place_article(article: ArticleSpec, rect: GridRect, page: int, style: StyleSheet, fonts: FontSet, see_also: str | None = None) -> PlacedArticle:
    grid = style.grid
    composition = style.composition
    bounds = module_rect(rect, grid)
    width = bounds.width
    lines: list[PlacedLine] = []
    fills: list[Fill] = []
    headline_lines = 0
    headline_fits = True
    line_no = rect.top  # next free body line
    last_line = rect.bottom - reserved_bottom(rect, grid)

    if article.section:
        label_style = style.style("section_label")
        label = compose_paragraph([Span(article.section, label_style)], fonts, ComposeOptions(width, composition, align="left")).lines[0]
        slot = slot_lines(label_style.size, grid)
        top = grid.line_top(line_no)
        height = slot * grid.pitch - grid.line_gap
        pad = label_style.size // 2
        em_top = top + (height - label_style.size) // 2
        fills.append(Fill(Rect(bounds.x, top, label.width + 2 * pad, height), style.style("body").colour))
        lines.append(place_line(shift_line(label, pad), bounds.x, em_top, width, fonts, kind="section_label", article=article.id))
        line_no += slot

    headline_parts = (("kicker", "kicker", article.kicker), ("headline", article.headline_style, article.headline), ("subhead", "subhead", article.subhead))
    for kind, style_name, text in headline_parts:
        if not text:
            continue
        text_style = style.style(style_name)
        block = compose_headline(text, text_style, width, fonts, grid, composition)
        headline_fits = headline_fits and block.fits
        headline_lines += len(block.lines)
        for composed in block.lines:
            top = grid.line_top(line_no)
            height = block.slot_lines * grid.pitch - grid.line_gap
            em_top = top + (height - text_style.size) // 2
            lines.append(place_line(composed, bounds.x, em_top, width, fonts, kind=kind, article=article.id))
            line_no += block.slot_lines
    if article.kicker or article.subhead or article.headline:
        line_no += 1  # a blank body line between the headline block and the text
    headline_fits = headline_fits and line_no <= last_line  # the block leaves room for text

    flow = _flow_lines(article, style, fonts, see_also)
    columns = list(range(rect.column, rect.column + rect.span))
    rows = max(0, last_line - line_no + 1)
    available = rows * len(columns)
    placed = 0
    for column in columns:
        x = grid.column_x(column)
        for row in range(rows):
            if placed >= len(flow):
                break
            item = flow[placed]
            em_top = grid.line_top(line_no + row)
            lines.append(place_line(item.line, x, em_top, grid.column_width, fonts, kind=item.kind, article=article.id, paragraph=item.paragraph, index=item.index))
            placed += 1
    overflow = tuple(item.line for item in flow[placed:])
    copyfit = Copyfit(
        article=article.id,
        page=page,
        module=rect,
        lines_available=available,
        lines_used=len(flow),
        chars_over=sum(len(line.text) for line in overflow),
        chars_per_line=grid.column_chars,
        headline_lines=headline_lines,
        headline_fits=headline_fits,
    )
    frame = Frame("article", article.id, bounds, tuple(lines), fills=tuple(fills), overflow=overflow)
    return PlacedArticle(frame, copyfit)


def _flow_lines(article: ArticleSpec, style: StyleSheet, fonts: FontSet, see_also: str | None) -> list[_FlowLine]:
    """Byline, body paragraphs (dateline run in) and cross-reference, composed at the column measure."""
    grid = style.grid
    composition = style.composition
    measure = grid.column_width
    body = style.style("body")
    flow: list[_FlowLine] = []
    for text in article.byline:
        composed = compose_paragraph([Span(text, style.style("byline"))], fonts, ComposeOptions(measure, composition, align="left"))
        flow.extend(_FlowLine(line, "byline", None, None) for line in composed.lines)
    indent = composition.indent_chars * body.size
    for number, text in enumerate(article.paragraphs, start=1):
        spans = [Span(text, body)]
        if number == 1 and article.dateline:
            spans = [Span(article.dateline, style.style("dateline")), Span("\u3000" + text, body)]
        composed = compose_paragraph(spans, fonts, ComposeOptions(measure, composition, indent=indent))
        flow.extend(_FlowLine(line, "body", number, index) for index, line in enumerate(composed.lines, start=1))
    if see_also:
        xref_style = style.style("cross_reference")
        composed = compose_paragraph([Span(f"（{see_also}）", xref_style)], fonts, ComposeOptions(measure, composition, align=xref_style.align))
        flow.extend(_FlowLine(line, "cross_reference", None, None) for line in composed.lines)
    return flow
