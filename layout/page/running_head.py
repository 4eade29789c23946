"""The running head (报眉) of an inside page, across the top lines of the type area.

On the outer side (left on even pages, right on odd ones, as the pages face each other) 第N版 and
the page's 版名 reversed on a bar; in the middle the paper's name, the date and the weekday; on the
inner side the desk's credits (责任编辑, 版式, 校对); a rule beneath it all. Every text has its style
in the style sheet, and the band's height, rule and bar colour are the style sheet's
`running_head`."""

from __future__ import annotations

from layout.model.layout import ComposedLine, Fill, Frame, PlacedLine, Rect, Rule
from layout.model.spec import IssueInfo, PageSpec
from layout.model.style import StyleSheet
from layout.page.lines import place_line
from layout.text.compose import ComposeOptions, compose_paragraph
from layout.text.segment import Span
from layout.typeface.metrics import FontSet

GAP_EM = 1  # white between the outer side's pieces, in their own em


def running_head_texts(info: IssueInfo, page: PageSpec) -> dict[str, str]:
    """What the running head says, from the issue and the page."""
    return {
        "running_page": f"第{page.number}版",
        "running_section": page.section or "",
        "running_title": info.paper,
        "running_date": f"{info.date.year}年{info.date.month}月{info.date.day}日　{info.weekday}",
        "running_credits": "　".join(f"{label}：{name}" for label, name in page.credits),
    }


def place_running_head(info: IssueInfo, page: PageSpec, style: StyleSheet, fonts: FontSet) -> Frame:
    grid = style.grid
    head = style.running_head
    band = Rect(grid.left, grid.top, grid.width, head.lines * grid.pitch - grid.line_gap)
    texts = running_head_texts(info, page)
    odd = page.number % 2 == 1
    lines: list[PlacedLine] = []
    fills: list[Fill] = []

    def composed(*parts: tuple[str, str]) -> ComposedLine:
        spans = [Span(text, style.style(name)) for name, text in parts if text]
        return compose_paragraph(spans, fonts, ComposeOptions(band.width, style.composition, align="left")).lines[0]

    def put(line: ComposedLine, x: int) -> None:
        size = max(g.size for g in line.glyphs)
        lines.append(place_line(line, x, band.y + (band.height - size) // 2, line.width, fonts, kind="running_head"))

    # outer side: 第N版, then the 版名 on its bar, reading inwards
    number = composed(("running_page", texts["running_page"]))
    pieces = [("number", number)]
    if texts["running_section"]:
        pieces.append(("section", composed(("running_section", texts["running_section"]))))
    if odd:
        pieces.reverse()  # the outer edge is on the right: the page number stands outermost
    section_style = style.style("running_section")
    pad = section_style.size // 2
    widths = [line.width + (2 * pad if kind == "section" else 0) for kind, line in pieces]
    gap = style.style("running_page").size * GAP_EM
    total = sum(widths) + gap * (len(pieces) - 1)
    x = band.right - total if odd else band.x
    for (kind, line), width in zip(pieces, widths):
        if kind == "section":
            bar_height = section_style.size * 3 // 2
            fills.append(Fill(Rect(x, band.y + (band.height - bar_height) // 2, width, bar_height), head.section_fill))
            put(line, x + pad)
        else:
            put(line, x)
        x += width + gap

    title = composed(("running_title", texts["running_title"]), ("running_date", "　" + texts["running_date"]))
    put(title, band.x + (band.width - title.width) // 2)
    if texts["running_credits"]:
        credits = composed(("running_credits", texts["running_credits"]))
        put(credits, band.x if odd else band.right - credits.width)

    rule_y = band.bottom + grid.line_gap // 2
    rule = Rule(band.x, rule_y, band.right, rule_y, head.rule.width, head.rule.colour)
    return Frame("running_head", f"running-head-{page.number}", band, tuple(lines), rules=(rule,), fills=tuple(fills))
