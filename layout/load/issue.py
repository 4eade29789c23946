"""Issue YAML (+ article body files) → IssueSpec, validated with file:line errors.

Every file the issue names is resolved through `boundary` (article files in the issue's folder,
the style sheet and font manifest in its project) and read within the limits of `limits`.
"""

from __future__ import annotations

import datetime as _dt
import os

from layout.load import calendar
from layout.load.boundary import Boundary, display_path, read_bounded, resolve_named
from layout.load.errors import InputError, quote, suggest
from layout.load.fonts import load_fonts
from layout.load.limits import (
    BODY_FILE,
    FONT_MANIFEST,
    ISSUE_FILE,
    MAX_ARTICLES,
    MAX_BODY_CHARS,
    MAX_BOXES,
    MAX_ISSUE_BODY_CHARS,
    MAX_NAME_CHARS,
    MAX_PAGES,
    MAX_PLACEMENTS_PER_PAGE,
    MAX_SERIAL_NUMBER,
    STYLE_FILE,
)
from layout.load.styles import load_style
from layout.load.yamlsrc import Node, decode_utf8, describe, load_yaml, refuse_bad_characters
from layout.model.spec import (
    ArticleSpec,
    BoxSpec,
    CrossReference,
    GridRect,
    IssueInfo,
    IssueSpec,
    MastheadSpec,
    PageSpec,
    Placement,
)
from layout.model.style import Grid

TOP_KEYS = {"style", "fonts", "issue", "masthead", "boxes", "articles", "pages"}
ARTICLE_KEYS = {"id", "kicker", "headline", "headline_style", "subhead", "section", "byline", "dateline", "body", "body_file", "see_also"}


def load_issue(path: str, *, allowed: tuple[str, ...] = ()) -> IssueSpec:
    """`allowed`: folders outside the project that style sheets and manifests may name files in."""
    shown = display_path(path)
    root = load_yaml(path, ISSUE_FILE, display=shown)
    top = root.mapping(TOP_KEYS, ("style", "issue", "articles", "pages"))
    boundary = Boundary.around(path, allowed)
    base = os.path.dirname(os.path.abspath(path))
    if "fonts" in top:
        manifest = resolve_named(top["fonts"].text(), base, boundary.project_area, top["fonts"].blame(), FONT_MANIFEST)
        fonts = load_fonts(manifest, boundary=boundary, named_at=top["fonts"].blame())
    else:
        fonts = load_fonts()
    style_node = top["style"]
    style_path = resolve_named(style_node.text(), base, boundary.project_area, style_node.blame(), STYLE_FILE)
    style = load_style(style_path, fonts.roles, boundary=boundary, named_at=style_node.blame())
    info = _issue_info(top["issue"])
    masthead = _masthead(top["masthead"]) if "masthead" in top else None
    boxes = _boxes(top["boxes"]) if "boxes" in top else ()
    articles, body_files = _articles(top["articles"], base, boundary, tuple(style.styles))
    pages = _pages(top["pages"], style.grid, masthead is not None, {b.id for b in boxes}, {a.id for a in articles}, info)
    inputs = (os.path.realpath(path), *body_files, *style.inputs, fonts.path, *(face.path for face in fonts.faces))
    return IssueSpec(os.path.abspath(path), info, masthead, boxes, articles, pages, style, fonts, tuple(sorted(set(inputs))))


def _issue_info(node: Node) -> IssueInfo:
    fields = node.mapping({"paper", "date", "weekday", "lunar_date", "page_count", "serial_number"}, ("paper", "date", "page_count", "serial_number"))
    date_node = fields["date"]
    date = _date(date_node)
    weekday = calendar.weekday(date)
    if "weekday" in fields and fields["weekday"].text() != weekday:
        raise fields["weekday"].error(f"{date.isoformat()} is a {weekday}, not {quote(fields['weekday'].text())}", f"write {weekday} or leave the key out to have it computed")
    try:
        lunar = calendar.lunar_date(date)
    except (ValueError, IndexError):
        lunar = None
    if "lunar_date" in fields:
        given = fields["lunar_date"].text()
        if lunar is not None and given != lunar:
            raise fields["lunar_date"].error(f"{date.isoformat()} is {lunar}, not {quote(given)}", f"write {lunar} or leave the key out to have it computed")
        lunar = given
    if lunar is None:
        raise date_node.error("the lunar calendar table covers 1900–2099 only", "give lunar_date: explicitly")
    return IssueInfo(
        paper=fields["paper"].text(),
        date=date,
        weekday=weekday,
        lunar_date=lunar,
        page_count=fields["page_count"].integer(1, MAX_PAGES),
        serial_number=fields["serial_number"].integer(1, MAX_SERIAL_NUMBER),
    )


def _date(node: Node) -> _dt.date:
    if isinstance(node.value, str):
        try:
            return _dt.date.fromisoformat(node.value.strip())
        except ValueError:
            pass
    raise node.error(f"expected a date such as 2022-01-28, got {describe(node.value)}", "write the date as YYYY-MM-DD")


def _masthead(node: Node) -> MastheadSpec:
    fields = node.mapping({"title", "english_title", "accounts", "sponsor", "publisher"}, ("title",))
    return MastheadSpec(
        title=fields["title"].text(),
        english_title=fields["english_title"].text() if "english_title" in fields else "",
        accounts=tuple(n.text() for n in fields["accounts"].sequence(20)) if "accounts" in fields else (),
        sponsor=fields["sponsor"].text() if "sponsor" in fields else "",
        publisher=fields["publisher"].text() if "publisher" in fields else "",
    )


def _boxes(node: Node) -> tuple[BoxSpec, ...]:
    boxes = []
    seen: set[str] = set()
    for entry in node.sequence(MAX_BOXES):
        fields = entry.mapping({"id", "title", "lines"}, ("id", "title", "lines"))
        box_id = _identifier(fields["id"], seen, "box")
        lines = tuple(n.text() for n in fields["lines"].sequence(200))
        if not lines:
            raise fields["lines"].error("a box needs at least one line", "add its text as a list of lines")
        boxes.append(BoxSpec(box_id, fields["title"].text(), lines))
    return tuple(boxes)


def _identifier(node: Node, seen: set[str], what: str) -> str:
    value = node.text(max_chars=MAX_NAME_CHARS)
    bare = value.replace("-", "").replace("_", "")
    if not bare.isascii() or not bare.isalnum():
        raise node.error(f"{what} id {quote(value)} must be ASCII letters, digits, '-' or '_'", "rename it, e.g. liujie-epidemic")
    if value in seen:
        raise node.error(f"{what} id {quote(value)} is used twice", "give each one its own id")
    seen.add(value)
    return value


def _articles(node: Node, base: str, boundary: Boundary, style_names: tuple[str, ...]) -> tuple[tuple[ArticleSpec, ...], list[str]]:
    articles = []
    body_files = []
    seen: set[str] = set()
    total = 0
    for entry in node.sequence(MAX_ARTICLES):
        fields = entry.mapping(ARTICLE_KEYS, ("id", "headline"))
        article_id = _identifier(fields["id"], seen, "article")
        if ("body" in fields) == ("body_file" in fields):
            raise entry.error("an article needs exactly one of 'body' (the text) or 'body_file' (a text file beside the issue)", "add one, remove the other")
        if "body" in fields:
            body_node = fields["body"]
            text = body_node.text(multiline=True, max_chars=MAX_BODY_CHARS)
        else:
            body_node = fields["body_file"]
            body_path = resolve_named(body_node.text(), base, boundary.issue_area, body_node.blame(), BODY_FILE)
            text = _read_body(body_path, body_node)
            body_files.append(body_path)
        total += len(text)
        if total > MAX_ISSUE_BODY_CHARS:
            raise body_node.error(f"the issue's article bodies pass {MAX_ISSUE_BODY_CHARS:,} characters here", "split the issue: no edition prints that much text")
        paragraphs = split_paragraphs(text)
        headline_style = fields["headline_style"].choice(style_names, "text style") if "headline_style" in fields else "headline"
        if not paragraphs:
            raise body_node.error("the article body is empty", "write its text, paragraphs separated by blank lines")
        articles.append(
            ArticleSpec(
                id=article_id,
                headline=_headline(fields["headline"]),
                headline_style=headline_style,
                kicker=_optional_text(fields, "kicker"),
                subhead=_optional_text(fields, "subhead"),
                section=_optional_text(fields, "section"),
                byline=fields["byline"].texts() if "byline" in fields else (),
                dateline=_optional_text(fields, "dateline"),
                paragraphs=paragraphs,
                see_also=_cross_reference(fields["see_also"]) if "see_also" in fields else None,
                source=entry.ref,
            )
        )
    return tuple(articles), body_files


def _read_body(path: str, named_at: Node) -> str:
    """An article's text file: UTF-8, within the size limits, no control characters but tabs and
    line breaks (CR LF and CR become LF)."""
    shown = display_path(path)
    field = f"{named_at.path} ({quote(named_at.value)})"
    text = decode_utf8(read_bounded(path, BODY_FILE, named_at.blame()), shown, field)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_BODY_CHARS:
        raise named_at.error(f"the article body holds {len(text):,} characters, over the limit of {MAX_BODY_CHARS:,}", "cut it or split it into several articles")
    refuse_bad_characters(text, shown, field)
    return text


def _headline(node: Node) -> str:
    """A string, or a list of the lines the editor broke it into (kept as '\n', even for one)."""
    lines = node.texts(max_items=10)
    return "\n".join(lines) + ("\n" if isinstance(node.value, list) and len(lines) == 1 else "")


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs are separated by blank lines; lines inside one are joined by the composer's normaliser."""
    blocks, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.strip(" \t"))
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return tuple(blocks)


def _optional_text(fields: dict[str, Node], key: str) -> str | None:
    return fields[key].text() if key in fields else None


def _cross_reference(node: Node) -> CrossReference:
    """`{page: 2}` or `{article: some-id}`, with an optional `text`; whether the page or the
    article exists is for `layout check` to say (rule cross-reference)."""
    fields = node.mapping({"page", "article", "text"})
    if ("page" in fields) == ("article" in fields):
        raise node.error("a cross-reference names exactly one of 'page' or 'article'", "write {page: 2} or {article: other-id}")
    page = fields["page"].integer(1, MAX_PAGES) if "page" in fields else None
    article = fields["article"].text(max_chars=MAX_NAME_CHARS) if "article" in fields else None
    text = fields["text"].text() if "text" in fields else None
    return CrossReference(page, article, text, node.ref)


def _pages(node: Node, grid: Grid, has_masthead: bool, box_ids: set[str], article_ids: set[str], info: IssueInfo) -> tuple[PageSpec, ...]:
    pages = []
    numbers: set[int] = set()
    placed_articles: dict[str, Node] = {}
    for entry in node.sequence(MAX_PAGES):
        fields = entry.mapping({"number", "masthead", "boxes", "modules"}, ("number",))
        number = fields["number"].integer(1, info.page_count)
        if number in numbers:
            raise fields["number"].error(f"page {number} appears twice", "give each page once")
        numbers.add(number)
        placements: list[Placement] = []
        if "masthead" in fields:
            if not has_masthead:
                raise fields["masthead"].key_error("the page places a masthead but the issue has no 'masthead:' section", "add one at the top level")
            placements.append(Placement("masthead", "masthead", _rect(fields["masthead"], grid), fields["masthead"].ref))
        for item in fields["boxes"].sequence(MAX_PLACEMENTS_PER_PAGE) if "boxes" in fields else ():
            box_fields = item.mapping({"box", "column", "span", "top", "height"}, ("box", "column", "span", "top", "height"))
            box_id = box_fields["box"].text(max_chars=MAX_NAME_CHARS)
            if box_id not in box_ids:
                raise box_fields["box"].error(f"unknown box {quote(box_id)}", suggest(box_id, box_ids))
            placements.append(Placement("box", box_id, _rect(item, grid), item.ref))
        for item in fields["modules"].sequence(MAX_PLACEMENTS_PER_PAGE) if "modules" in fields else ():
            module_fields = item.mapping({"article", "column", "span", "top", "height"}, ("article", "column", "span", "top", "height"))
            article_id = module_fields["article"].text(max_chars=MAX_NAME_CHARS)
            if article_id not in article_ids:
                raise module_fields["article"].error(f"unknown article {quote(article_id)}", suggest(article_id, article_ids))
            if article_id in placed_articles:
                first = placed_articles[article_id].ref
                raise module_fields["article"].error(f"article {quote(article_id)} is already placed at line {first.line}", "place each article once")
            placed_articles[article_id] = module_fields["article"]
            placements.append(Placement("article", article_id, _rect(item, grid), item.ref))
        _check_overlaps(placements, number)
        pages.append(PageSpec(number, tuple(placements), entry.ref))
    return tuple(sorted(pages, key=lambda p: p.number))


def _rect(node: Node, grid: Grid) -> GridRect:
    fields = node.mapping({"article", "box", "column", "span", "top", "height"}, ("column", "span", "top", "height"))
    column = fields["column"].integer(1, grid.columns)
    span = fields["span"].integer(1, grid.columns)
    top = fields["top"].integer(1, grid.lines)
    height = fields["height"].integer(1, grid.lines)
    if column + span - 1 > grid.columns:
        raise fields["span"].error(f"columns {column}–{column + span - 1} run past the grid's {grid.columns} columns", f"use a span of at most {grid.columns - column + 1}")
    if top + height - 1 > grid.lines:
        raise fields["height"].error(f"lines {top}–{top + height - 1} run past the grid's {grid.lines} lines", f"use a height of at most {grid.lines - top + 1}")
    return GridRect(column, span, top, height)


def _check_overlaps(placements: list[Placement], page: int) -> None:
    """Pairwise: a page holds at most MAX_PLACEMENTS_PER_PAGE rectangles."""
    for i, later in enumerate(placements):
        for earlier in placements[:i]:
            if later.rect.overlaps(earlier.rect):
                ref = later.source
                raise InputError(ref.file, ref.line, ref.column, f"page {page}", f"{later.kind} {quote(later.ref)} overlaps {earlier.kind} {quote(earlier.ref)} (line {earlier.source.line})", "move or shrink one of them so the rectangles do not share a grid cell")

