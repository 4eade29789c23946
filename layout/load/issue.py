"""Issue YAML (+ article body files) → IssueSpec, validated with file:line errors."""

from __future__ import annotations

import datetime as _dt
import os

from layout.load import calendar
from layout.load.errors import InputError
from layout.load.fonts import load_fonts
from layout.load.styles import load_style
from layout.load.yamlsrc import Node, load_yaml, read_text
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


def load_issue(path: str, *, fonts_path: str | None = None) -> IssueSpec:
    root = load_yaml(path)
    top = root.mapping(TOP_KEYS, ("style", "issue", "articles", "pages"))
    base = os.path.dirname(os.path.abspath(path))
    fonts = load_fonts(_resolve(base, top["fonts"]) if "fonts" in top else fonts_path)
    style_node = top["style"]
    style_path = _resolve(base, style_node)
    if not os.path.isfile(style_path):
        raise style_node.error(f"style sheet {style_node.text()} not found", "give a path relative to the issue file, e.g. ../styles/broadsheet.yaml")
    style = load_style(style_path, fonts.roles)
    info = _issue_info(top["issue"])
    masthead = _masthead(top["masthead"]) if "masthead" in top else None
    boxes = _boxes(top["boxes"]) if "boxes" in top else ()
    articles = _articles(top["articles"], base, tuple(style.styles))
    pages = _pages(top["pages"], style.grid, masthead is not None, {b.id for b in boxes}, {a.id for a in articles}, info)
    return IssueSpec(os.path.abspath(path), info, masthead, boxes, articles, pages, style, fonts)


def _resolve(base: str, node: Node) -> str:
    return os.path.normpath(os.path.join(base, node.text()))


def _issue_info(node: Node) -> IssueInfo:
    fields = node.mapping({"paper", "date", "weekday", "lunar_date", "page_count", "serial_number"}, ("paper", "date", "page_count", "serial_number"))
    date_node = fields["date"]
    date = date_node.value
    if isinstance(date, str):
        try:
            date = _dt.date.fromisoformat(date)
        except ValueError:
            pass
    if not isinstance(date, _dt.date) or isinstance(date, _dt.datetime):
        raise date_node.error(f"expected a date such as 2022-01-28, got {date_node.value!r}")
    weekday = calendar.weekday(date)
    if "weekday" in fields and fields["weekday"].text() != weekday:
        raise fields["weekday"].error(f"{date.isoformat()} is a {weekday}, not {fields['weekday'].text()}", f"write {weekday} or leave the key out to have it computed")
    try:
        lunar = calendar.lunar_date(date)
    except (ValueError, IndexError):
        lunar = None
    if "lunar_date" in fields:
        given = fields["lunar_date"].text()
        if lunar is not None and given != lunar:
            raise fields["lunar_date"].error(f"{date.isoformat()} is {lunar}, not {given}", f"write {lunar} or leave the key out to have it computed")
        lunar = given
    if lunar is None:
        raise date_node.error("the lunar calendar table covers 1900–2099 only", "give lunar_date: explicitly")
    return IssueInfo(
        paper=fields["paper"].text(),
        date=date,
        weekday=weekday,
        lunar_date=lunar,
        page_count=fields["page_count"].integer(1, 999),
        serial_number=fields["serial_number"].integer(1),
    )


def _masthead(node: Node) -> MastheadSpec:
    fields = node.mapping({"title", "english_title", "accounts", "sponsor", "publisher"}, ("title",))
    return MastheadSpec(
        title=fields["title"].text(),
        english_title=fields["english_title"].text() if "english_title" in fields else "",
        accounts=tuple(n.text() for n in fields["accounts"].sequence()) if "accounts" in fields else (),
        sponsor=fields["sponsor"].text() if "sponsor" in fields else "",
        publisher=fields["publisher"].text() if "publisher" in fields else "",
    )


def _boxes(node: Node) -> tuple[BoxSpec, ...]:
    boxes = []
    seen: set[str] = set()
    for entry in node.sequence():
        fields = entry.mapping({"id", "title", "lines"}, ("id", "title", "lines"))
        box_id = _identifier(fields["id"], seen, "box")
        lines = tuple(n.text() for n in fields["lines"].sequence())
        if not lines:
            raise fields["lines"].error("a box needs at least one line")
        boxes.append(BoxSpec(box_id, fields["title"].text(), lines))
    return tuple(boxes)


def _identifier(node: Node, seen: set[str], what: str) -> str:
    value = node.text()
    if not value.replace("-", "").replace("_", "").isascii() or not value.replace("-", "").replace("_", "").isalnum():
        raise node.error(f"{what} id '{value}' must be ASCII letters, digits, '-' or '_'", "rename it, e.g. liujie-epidemic")
    if value in seen:
        raise node.error(f"{what} id '{value}' is used twice", "give each one its own id")
    seen.add(value)
    return value


def _articles(node: Node, base: str, style_names: tuple[str, ...]) -> tuple[ArticleSpec, ...]:
    articles = []
    seen: set[str] = set()
    for entry in node.sequence():
        fields = entry.mapping(ARTICLE_KEYS, ("id", "headline"))
        article_id = _identifier(fields["id"], seen, "article")
        if ("body" in fields) == ("body_file" in fields):
            raise entry.error("an article needs exactly one of 'body' (the text) or 'body_file' (a text file beside the issue)", "add one, remove the other")
        if "body" in fields:
            text = fields["body"].text()
        else:
            body_path = _resolve(base, fields["body_file"])
            if not os.path.isfile(body_path):
                raise fields["body_file"].error(f"{fields['body_file'].text()} not found", "give the body file's path relative to the issue file")
            text = read_text(body_path, display=os.path.relpath(body_path), what="article body file")
        paragraphs = split_paragraphs(text)
        headline_style = fields["headline_style"].text() if "headline_style" in fields else "headline"
        if headline_style not in style_names:
            raise fields["headline_style"].error(f"unknown text style '{headline_style}'", f"use a style defined in the style sheet: {', '.join(style_names)}")
        if not paragraphs:
            raise (fields.get("body") or fields["body_file"]).error("the article body is empty", "write its text, paragraphs separated by blank lines")
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
    return tuple(articles)


def _headline(node: Node) -> str:
    """A string, or a list of the lines the editor broke it into (kept as '\n', even for one)."""
    lines = node.texts()
    return "\n".join(lines) + ("\n" if isinstance(node.value, list) and len(lines) == 1 else "")


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs are separated by blank lines; lines inside one are joined by the composer's normaliser."""
    blocks, current = [], []
    for line in text.splitlines():
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
    page = fields["page"].integer(1, 999) if "page" in fields else None
    article = fields["article"].text() if "article" in fields else None
    text = fields["text"].text() if "text" in fields else None
    return CrossReference(page, article, text, node.ref)


def _pages(node: Node, grid: Grid, has_masthead: bool, box_ids: set[str], article_ids: set[str], info: IssueInfo) -> tuple[PageSpec, ...]:
    pages = []
    numbers: set[int] = set()
    placed_articles: dict[str, Node] = {}
    for entry in node.sequence():
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
        for item in fields["boxes"].sequence() if "boxes" in fields else ():
            box_fields = item.mapping({"box", "column", "span", "top", "height"}, ("box", "column", "span", "top", "height"))
            box_id = box_fields["box"].text()
            if box_id not in box_ids:
                raise box_fields["box"].error(f"unknown box '{box_id}'", f"use one of the ids under boxes: {', '.join(sorted(box_ids)) or '(none defined)'}")
            placements.append(Placement("box", box_id, _rect(item, grid), item.ref))
        for item in fields["modules"].sequence() if "modules" in fields else ():
            module_fields = item.mapping({"article", "column", "span", "top", "height"}, ("article", "column", "span", "top", "height"))
            article_id = module_fields["article"].text()
            if article_id not in article_ids:
                raise module_fields["article"].error(f"unknown article '{article_id}'", f"use one of the ids under articles: {', '.join(sorted(article_ids))}")
            if article_id in placed_articles:
                first = placed_articles[article_id].ref
                raise module_fields["article"].error(f"article '{article_id}' is already placed at line {first.line}", "place each article once")
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
    for i, later in enumerate(placements):
        for earlier in placements[:i]:
            if later.rect.overlaps(earlier.rect):
                ref = later.source
                raise InputError(ref.file, ref.line, ref.column, f"page {page}", f"{later.kind} '{later.ref}' overlaps {earlier.kind} '{earlier.ref}' (line {earlier.source.line})", "move or shrink one of them so the rectangles do not share a grid cell")
