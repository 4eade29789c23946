"""The masthead (报头) and the boxes of the ear (报眼): hotline, mailbox, subscription."""

from __future__ import annotations

import dataclasses

from layout.model.layout import ComposedLine, Fill, Frame, PlacedAd, PlacedImage, PlacedLine, Rect, Rule
from layout.model.spec import BoxSpec, GridRect, ImageInfo, IssueInfo, MastheadSpec
from layout.model.style import StyleSheet
from layout.page.grid import module_rect, reserved_bottom
from layout.page.headline import slot_lines
from layout.page.lines import place_line
from layout.text.compose import ComposeOptions, compose_paragraph
from layout.text.segment import Span
from layout.typeface.metrics import FontSet
from layout.units import MPT_PER_INCH, MPT_PER_PT


def masthead_lines(masthead: MastheadSpec, info: IssueInfo) -> dict[str, tuple[str, ...]]:
    """The masthead's texts, computed from the issue data."""
    imprint = []
    if masthead.sponsor:
        imprint.append(f"主办 {masthead.sponsor}")
    if masthead.publisher:
        imprint.append(f"出版 {masthead.publisher}")
    dates = [
        f"{info.date.year}年{info.date.month}月{info.date.day}日 {info.weekday}",
        info.lunar_date,
        f"今日{info.page_count}版 总第{info.serial_number}期",
    ]
    if masthead.cn_number:
        dates.append(masthead.cn_number)
    return {
        "date_line": tuple(dates),
        "masthead_account": tuple(masthead.accounts),
        "masthead_imprint": ("  ".join(imprint),) if imprint else (),
    }


TITLE_PICTURE = "masthead-title"


def place_masthead(masthead: MastheadSpec, info: IssueInfo, rect: GridRect, style: StyleSheet, fonts: FontSet) -> Frame:
    """One block that fills the module: on the left the title (typeset, or the `title_image`),
    the English title spread to its width and the imprint; on the right, flush with the module's
    edge, the date lines and the accounts spread from the module's top line to its last. The title
    is as large as the height allows (condensed down to the style sheet's `masthead.min_title_scale`
    to keep its width; `english_share` and `english_range` size the English title); both
    stacks start at the module's top line, where the ear boxes beside it start, and end on its
    last line, over the heavy rule."""
    grid = style.grid
    bounds = module_rect(rect, grid)
    composition = style.composition
    texts = masthead_lines(masthead, info)
    lines: list[PlacedLine] = []
    last = rect.bottom - reserved_bottom(rect, grid)
    top = grid.line_top(rect.top)
    bottom = grid.line_top(last) + grid.body_size  # the em bottom of the module's last line of its own
    gap = grid.line_gap
    proportions = style.masthead

    def composed(text: str, text_style) -> ComposedLine:
        """One line at its natural width (a measure it cannot fill)."""
        return compose_paragraph([Span(text, text_style)], fonts, ComposeOptions(bounds.width * 4, composition, align="left")).lines[0]

    # the right stack: its width is its widest line's
    side = [(composed(t, style.style("date_line")), style.style("date_line").size) for t in texts["date_line"]]
    if texts["masthead_account"]:
        account_style = style.style("masthead_account")
        side.append((composed("  ".join(texts["masthead_account"]), account_style), account_style.size))
    side_width = max(line.width for line, _ in side)
    side_x = bounds.right - side_width
    title_width = side_x - 2 * grid.body_size - bounds.x

    # the left stack: title, English title, imprint
    imprint_style = style.style("masthead_imprint")
    imprint = [composed(t, imprint_style) for t in texts["masthead_imprint"]]
    imprint_height = imprint_style.size + gap if imprint else 0
    english_style = style.style("english_title")
    title_style = style.style("masthead_title")
    room = bottom - top - imprint_height
    image = masthead.title_image
    if image is not None:
        natural_w, natural_h = (image.width, image.height) if isinstance(image, ImageInfo) else (image.width * MPT_PER_PT, image.height * MPT_PER_PT)
        english_size = max(english_style.size, room // (proportions.english_share + 1)) if masthead.english_title else 0
        title_h = room - (english_size + gap if masthead.english_title else 0)
        ratio = min(title_width / natural_w, title_h / natural_h)
        drawn = Rect(bounds.x, top, round(natural_w * ratio), round(natural_h * ratio))
        title_right, title_bottom = drawn.right, drawn.bottom
    else:
        natural = composed(masthead.title, title_style)
        per_size = natural.width / title_style.size  # the title's width for each unit of size
        # size + its English title (size/proportions.english_share) + a gap fill the room
        size = (room - (gap if masthead.english_title else 0)) * proportions.english_share // (proportions.english_share + (1 if masthead.english_title else 0))
        size = min(size, int(title_width / (per_size * proportions.min_title_scale)))
        size = max(size, title_style.size // 2)
        scale = min(1.0, title_width / (per_size * size))
        big = dataclasses.replace(title_style, size=size)
        line = place_line(composed(masthead.title, big), bounds.x, top, title_width, fonts, kind="masthead")
        line = _reshaped(line, bounds.x, scale, 0)
        lines.append(line)
        title_right = bounds.x + round(natural.width * size / title_style.size * scale)
        title_bottom = top + size
        drawn = None
    english_size = 0
    if masthead.english_title:
        # as large as spans the title's width at its tracking, within english_range of the title's height
        at_style = composed(masthead.english_title, english_style).width
        low, high = (title_bottom - top) // proportions.english_range[1], (title_bottom - top) // proportions.english_range[0]
        english_size = max(english_style.size, min(high, max(low, english_style.size * (title_right - bounds.x) // max(1, at_style))))
    # what the title leaves of the height is shared out between the title, the English title and the imprint
    spare = max(0, bottom - title_bottom - (english_size + gap if english_size else 0) - imprint_height)
    shares = (1 if english_size else 0) + (1 if imprint else 0)
    if masthead.english_title:
        english = dataclasses.replace(english_style, size=english_size)
        english_line = composed(masthead.english_title, english)
        glyphs = len(english_line.glyphs)
        extra = max(0, (title_right - bounds.x - english_line.width) // max(1, glyphs - 1))
        em_top = title_bottom + gap + spare // max(1, shares)
        placed = place_line(english_line, bounds.x, em_top, title_right - bounds.x, fonts, kind="masthead")
        lines.append(_reshaped(placed, bounds.x, 1.0, extra))
    for text in imprint:
        lines.append(place_line(text, bounds.x, bottom - imprint_style.size, bounds.width, fonts, kind="masthead"))

    # the right stack, spread: first em top on the module's top line, last em bottom on its last line
    free = bottom - top - sum(size for _, size in side)
    step = free // (len(side) - 1) if len(side) > 1 else 0
    # hairlines between the right stack's lines and down its left side set it off as a column
    rule_style = style.masthead_rule
    hair = style.module_rule.width
    column_x = side_x - grid.body_size
    rules = [Rule(column_x, top, column_x, bottom, hair, rule_style.colour)]
    y = top
    for n, (text, size) in enumerate(side):
        lines.append(place_line(text, side_x, y, side_width, fonts, kind="masthead"))
        y += size + step
        if n + 1 < len(side):
            middle = y - step // 2
            rules.append(Rule(side_x, middle, bounds.right, middle, hair, rule_style.colour))

    images: tuple[PlacedImage, ...] = ()
    ad = None
    if isinstance(image, ImageInfo):
        ppi = min(image.width * MPT_PER_INCH / drawn.width, image.height * MPT_PER_INCH / drawn.height)
        images = (PlacedImage(TITLE_PICTURE, drawn, drawn, (0, 0, image.width, image.height), image.path, image.shown, image.sha256, image.mode, round(ppi, 1), image.shown),)
    elif image is not None:
        ad = PlacedAd(TITLE_PICTURE, drawn, drawn, drawn.width / (image.width * MPT_PER_PT), image.path, image.shown, image.sha256, image.box, None, str(image.source))
    rule_y = bottom + gap // 2 if reserved_bottom(rect, grid) else bounds.bottom
    rules.append(Rule(bounds.x, rule_y, bounds.right, rule_y, rule_style.width, rule_style.colour))
    return Frame("masthead", "masthead", bounds, tuple(lines), rules=tuple(rules), images=images, ad=ad)


def _reshaped(line: PlacedLine, x0: int, scale: float, extra: int) -> PlacedLine:
    """The line condensed across by `scale` from `x0`, and `extra` added after each glyph (letter
    spacing): the glyphs' positions say it, the runs carry the scale for the renderer."""
    if scale == 1.0 and not extra:
        return line
    runs, k = [], 0
    for run in line.runs:
        xs = []
        for x in run.xs:
            xs.append(x0 + round((x - x0) * scale) + k * extra)
            k += 1
        runs.append(dataclasses.replace(run, xs=tuple(xs), scale=scale))
    return dataclasses.replace(line, runs=tuple(runs))


def place_box(box: BoxSpec, rect: GridRect, style: StyleSheet, fonts: FontSet, index: tuple[tuple[str, int], ...] = ()) -> Frame:
    """A framed box: a reversed title bar, then its lines centred and spread evenly over the rest
    of the box (equal white above, between and below them); a 导读 box sets its lines one per
    body-grid slot and then lists its stories (title, page they start on) as 标题……N版."""
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
    composed_lines = [c for text in box.lines for c in compose_paragraph([Span(text, text_style)], fonts, ComposeOptions(measure, composition, align=text_style.align)).lines]
    if index:
        for composed in composed_lines:
            top = grid.line_top(line)
            em_top = top + (slot * grid.pitch - grid.line_gap - text_style.size) // 2
            lines.append(place_line(composed, outer.x + pad, em_top, measure, fonts, kind="box"))
            line += slot
    else:
        # the lines spread evenly under the bar: equal white above, between and below them
        below = bar.bottom
        white = max(0, outer.bottom - below - len(composed_lines) * text_style.size)
        for n, composed in enumerate(composed_lines):
            em_top = below + white * (n + 1) // (len(composed_lines) + 1) + n * text_style.size
            lines.append(place_line(composed, outer.x + pad, em_top, measure, fonts, kind="box"))
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
