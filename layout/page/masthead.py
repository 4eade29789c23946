"""The masthead (报头) and the boxes of the ear (报眼): hotline, mailbox, subscription."""

from __future__ import annotations

from layout.model.layout import ComposedLine, Fill, Frame, PlacedLine, Rect, Rule
from layout.model.spec import BoxSpec, GridRect, IssueInfo, MastheadSpec
from layout.model.style import StyleSheet
from layout.page.grid import module_rect, reserved_bottom
from layout.page.headline import slot_lines
from layout.page.lines import place_line
from layout.text.compose import ComposeOptions, compose_paragraph
from layout.text.segment import Span
from layout.typeface.metrics import FontSet


def masthead_lines(masthead: MastheadSpec, info: IssueInfo) -> dict[str, tuple[str, ...]]:
    """The masthead's texts, computed from the issue data."""
    imprint = []
    if masthead.sponsor:
        imprint.append(f"主办 {masthead.sponsor}")
    if masthead.publisher:
        imprint.append(f"出版 {masthead.publisher}")
    return {
        "date_line": (
            f"{info.date.year}年{info.date.month}月{info.date.day}日 {info.weekday}",
            info.lunar_date,
            f"今日{info.page_count}版 总第{info.serial_number}期",
        ),
        "masthead_account": tuple(masthead.accounts),
        "masthead_imprint": ("  ".join(imprint),) if imprint else (),
    }


def place_masthead(masthead: MastheadSpec, info: IssueInfo, rect: GridRect, style: StyleSheet, fonts: FontSet) -> Frame:
    """Title and English title on the left; date, lunar date, page count and serial number on the
    right; accounts beneath them; the imprint on the last line; a heavy rule closes the masthead."""
    grid = style.grid
    bounds = module_rect(rect, grid)
    composition = style.composition
    texts = masthead_lines(masthead, info)
    lines: list[PlacedLine] = []

    def put(text: str, style_name: str, x: int, line: int, measure: int, *, align: str = "left", slot: int | None = None) -> PlacedLine:
        text_style = style.style(style_name)
        composed = compose_paragraph([Span(text, text_style)], fonts, ComposeOptions(measure, composition, align=align)).lines[0]
        slot = slot or slot_lines(text_style.size, grid)
        top = grid.line_top(line)
        em_top = top + (slot * grid.pitch - grid.line_gap - text_style.size) // 2
        placed = place_line(composed, x, em_top, measure, fonts, kind="masthead")
        lines.append(placed)
        return placed

    # the title block and the date block each sit in the middle of the lines above the imprint
    bottom = rect.bottom - reserved_bottom(rect, grid)
    room = bottom - rect.top  # lines above the imprint line
    title_style = style.style("masthead_title")
    title_slot = slot_lines(title_style.size, grid)
    english_slot = slot_lines(style.style("english_title").size, grid) if masthead.english_title else 0
    title_top = rect.top + max(0, (room - title_slot - english_slot) // 2)
    title_measure = bounds.width * 2 // 3
    title = put(masthead.title, "masthead_title", bounds.x, title_top, title_measure, slot=title_slot)
    if masthead.english_title:
        put(masthead.english_title, "english_title", bounds.x, title_top + title_slot, title_measure)
    title_right = max((run.xs[-1] + run.size for run in title.runs), default=bounds.x)
    side_x = title_right + grid.body_size * 2
    side_measure = max(bounds.right - side_x, grid.body_size)
    date_slot = slot_lines(style.style("date_line").size, grid)
    side_lines = date_slot * len(texts["date_line"]) + (slot_lines(style.style("masthead_account").size, grid) if texts["masthead_account"] else 0)
    line = rect.top + max(0, (room - side_lines) // 2)
    for text in texts["date_line"]:
        put(text, "date_line", side_x, line, side_measure)
        line += date_slot
    if texts["masthead_account"]:
        put("  ".join(texts["masthead_account"]), "masthead_account", side_x, line, side_measure)
    for text in texts["masthead_imprint"]:
        put(text, "masthead_imprint", bounds.x, bottom, bounds.width)
    rule_style = style.masthead_rule
    rule_y = grid.line_top(bottom) + grid.body_size + grid.line_gap // 2 if reserved_bottom(rect, grid) else bounds.bottom
    rules = (Rule(bounds.x, rule_y, bounds.right, rule_y, rule_style.width, rule_style.colour),)
    return Frame("masthead", "masthead", bounds, tuple(lines), rules=rules)


def place_box(box: BoxSpec, rect: GridRect, style: StyleSheet, fonts: FontSet, index: tuple[tuple[str, int], ...] = ()) -> Frame:
    """A framed box: a reversed title bar, then its lines centred, one per body-grid slot; a 导读
    box then lists its stories (title, page they start on) as 标题……N版."""
    grid = style.grid
    composition = style.composition
    outer = module_rect(GridRect(rect.column, rect.span, rect.top, rect.height - reserved_bottom(rect, grid)), grid)
    pad = grid.body_size // 2
    measure = outer.width - 2 * pad
    lines: list[PlacedLine] = []
    title_style = style.style("box_title")
    title_slot = slot_lines(title_style.size, grid)
    bar = Rect(outer.x, outer.y, outer.width, title_slot * grid.pitch - grid.line_gap // 2)
    composed = compose_paragraph([Span(box.title, title_style)], fonts, ComposeOptions(measure, composition, align=title_style.align)).lines[0]
    lines.append(place_line(composed, outer.x + pad, bar.y + (bar.height - title_style.size) // 2, measure, fonts, kind="box"))
    text_style = style.style("box_text")
    slot = slot_lines(text_style.size, grid)
    line = rect.top + title_slot
    for text in box.lines:
        for composed in compose_paragraph([Span(text, text_style)], fonts, ComposeOptions(measure, composition, align=text_style.align)).lines:
            top = grid.line_top(line)
            em_top = top + (slot * grid.pitch - grid.line_gap - text_style.size) // 2
            lines.append(place_line(composed, outer.x + pad, em_top, measure, fonts, kind="box"))
            line += slot
    index_style = style.style("index_line")
    index_slot = slot_lines(index_style.size, grid)
    # a wide 导读 sets its lines in columns of the grid, each at least INDEX_CHARS body characters
    # wide, read down then across
    spans = _index_spans(rect.span, grid.column_chars, len(index))
    rows = -(-len(index) // len(spans)) if index else 0
    for n, (title, page) in enumerate(index):
        column, row = divmod(n, rows)
        first, span = spans[column]
        em_top = grid.line_top(line + row * index_slot) + (index_slot * grid.pitch - grid.line_gap - index_style.size) // 2
        width = grid.span_width(span) - 2 * pad
        lines.append(place_line(index_line(title, page, width, style, fonts), grid.column_x(rect.column + first) + pad, em_top, width, fonts, kind="index"))
    rule = style.box_rule
    half = rule.width // 2
    x1, y1, x2, y2 = outer.x + half, outer.y + half, outer.right - half, outer.bottom - half
    edges = (
        Rule(x1, y1, x2, y1, rule.width, rule.colour),
        Rule(x2, y1, x2, y2, rule.width, rule.colour),
        Rule(x2, y2, x1, y2, rule.width, rule.colour),
        Rule(x1, y2, x1, y1, rule.width, rule.colour),
    )
    fills = (Fill(bar, rule.colour),)
    return Frame("box", box.id, outer, tuple(lines), rules=edges, fills=fills)


LEADER = "…"
INDEX_CHARS = 24  # the least width of a 导读 column, in body characters


def _index_spans(span: int, column_chars: int, entries: int) -> list[tuple[int, int]]:
    """(first grid column, offset from the box's; grid columns) of each 导读 column: as many as
    fit at INDEX_CHARS, the grid columns shared out evenly (the first ones wider)."""
    per = max(1, -(-INDEX_CHARS // column_chars))
    count = max(1, min(entries, span // per))
    base, extra = divmod(span, count)
    spans, first = [], 0
    for i in range(count):
        width = base + (1 if i < extra else 0)
        spans.append((first, width))
        first += width
    return spans


def index_line(title: str, page: int, measure: int, style: StyleSheet, fonts: FontSet) -> ComposedLine:
    """标题……N版: the title flush left, the page flush right, leaders (whole …, a character apart
    from either side) between. A title too long for its line keeps its leaders out and is flagged."""
    index_style = style.style("index_line")
    options = ComposeOptions(measure, style.composition, align="left")
    title_lines = compose_paragraph([Span(title, index_style)], fonts, options).lines
    head = title_lines[0]
    tail = compose_paragraph([Span(f"{page}版", index_style)], fonts, options).lines[0]
    leader_width = fonts[index_style.font].advance(LEADER, index_style.size)
    room = measure - head.width - tail.width - 2 * index_style.size // 2
    count = max(0, room // leader_width) if leader_width else 0
    glyphs = list(head.glyphs)
    if count:
        leaders = compose_paragraph([Span(LEADER * count, index_style)], fonts, options).lines[0]
        start = head.width + (room - count * leader_width) // 2 + index_style.size // 2
        glyphs += [g.moved(start) for g in leaders.glyphs]
    glyphs += [g.moved(measure - tail.width) for g in tail.glyphs]
    fits = len(title_lines) == 1 and head.width + tail.width + index_style.size <= measure
    emergency = None if fits else "the 导读 title does not fit its line: shorten it (index: {article: …, title: …})"
    return ComposedLine(tuple(glyphs), measure, True, emergency)
