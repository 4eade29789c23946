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
from layout.load.ads import read_ad
from layout.load.fonts import load_fonts
from layout.load.images import FORMAT_OF_SUFFIX, read_image
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
    MAX_SERIAL_NUMBER,
    STYLE_FILE,
)
from layout.load.pages import PageContext, check_page_count, load_pages
from layout.load.pictures import ads as load_ads, article_pictures, module_pictures
from layout.load.styles import load_style
from layout.load.yamlsrc import Node, decode_utf8, describe, load_yaml, refuse_bad_characters
from layout.model.spec import (
    AdSpec,
    ArticleSpec,
    BoxSpec,
    CrossReference,
    ImageInfo,
    IndexEntry,
    IssueInfo,
    IssueSpec,
    MastheadSpec,
    PageSpec,
)

TOP_KEYS = {"style", "fonts", "issue", "masthead", "boxes", "articles", "pictures", "ads", "pages"}
ARTICLE_KEYS = {"id", "kicker", "headline", "headline_style", "subhead", "section", "byline", "dateline", "body", "body_file", "see_also", "jump_title", "verse", "pictures", "rank"}


def load_issue(path: str, *, allowed: tuple[str, ...] = (), text: bytes | None = None) -> IssueSpec:
    """`allowed`: folders outside the project that style sheets and manifests may name files in.
    `text`: the issue file's bytes as they are about to be written, loaded in its place (the
    desk refuses an edit with the loader's own message before anything reaches the disk)."""
    shown = display_path(path)
    root = load_yaml(path, ISSUE_FILE, display=shown, data=text)
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
    masthead = _masthead(top["masthead"], base, boundary) if "masthead" in top else None
    boxes = _boxes(top["boxes"]) if "boxes" in top else ()
    articles, body_files = _articles(top["articles"], base, boundary, tuple(style.styles), tuple(style.headlines.ranks))
    pictures = module_pictures(top["pictures"], base, boundary.issue_area, set()) if "pictures" in top else ()
    ads = load_ads(top["ads"], base, boundary.issue_area) if "ads" in top else ()
    context = PageContext(
        style.grid, style.running_head.lines, masthead is not None, frozenset(b.id for b in boxes), frozenset(a.id for a in articles),
        frozenset(p.id for p in pictures), frozenset(a.id for a in ads), style.ads.sizes,
    )
    pages = load_pages(top["pages"], context)
    check_page_count(pages, top["issue"].value["page_count"])
    _check_index(boxes, pages)
    title = [masthead.title_image.path] if masthead is not None and masthead.title_image is not None else []
    images = title + [p.image.path for a in articles for p in a.pictures] + [p.image.path for p in pictures] + [a.path for a in ads]
    inputs = (os.path.realpath(path), *body_files, *images, *style.inputs, fonts.path, *(face.path for face in fonts.faces))
    return IssueSpec(os.path.abspath(path), info, masthead, boxes, articles, pages, style, fonts, tuple(sorted(set(inputs))), pictures, ads)


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


def _masthead(node: Node, base: str, boundary: Boundary) -> MastheadSpec:
    fields = node.mapping({"title", "english_title", "accounts", "sponsor", "publisher", "cn_number", "title_image"}, ("title",))
    return MastheadSpec(
        title=fields["title"].text(),
        english_title=fields["english_title"].text() if "english_title" in fields else "",
        accounts=tuple(n.text() for n in fields["accounts"].sequence(20)) if "accounts" in fields else (),
        sponsor=fields["sponsor"].text() if "sponsor" in fields else "",
        publisher=fields["publisher"].text() if "publisher" in fields else "",
        cn_number=fields["cn_number"].text() if "cn_number" in fields else "",
        title_image=_title_image(fields["title_image"], base, boundary) if "title_image" in fields else None,
    )


def _title_image(node: Node, base: str, boundary: Boundary) -> ImageInfo | AdSpec:
    """The masthead's calligraphic title (题字): a vector PDF (its first page) or a JPEG, PNG or
    TIFF, inside the issue's folder tree."""
    text = node.text()
    suffix = os.path.splitext(text)[1].lower()
    if suffix == ".pdf":
        return read_ad("title_image", text, base, boundary.issue_area, node.blame(), None, node.ref, what="title image")
    if suffix not in FORMAT_OF_SUFFIX:
        raise node.error(f"title image {quote(text)} is not a PDF, JPEG, PNG or TIFF file (by its name)", "give the calligraphic title as a vector PDF or a high-resolution .tif, .png or .jpg")
    return read_image(text, base, boundary.issue_area, node.blame())


def _boxes(node: Node) -> tuple[BoxSpec, ...]:
    boxes = []
    seen: set[str] = set()
    for entry in node.sequence(MAX_BOXES):
        fields = entry.mapping({"id", "title", "lines", "index"}, ("id", "title"))
        box_id = fields["id"].identifier(seen, "box")
        lines = tuple(n.text() for n in fields["lines"].sequence(200)) if "lines" in fields else ()
        index = tuple(_index_entry(n) for n in fields["index"].sequence(100)) if "index" in fields else ()
        if not lines and not index:
            raise entry.error("a box needs lines (its text) or an index (the stories a 导读 lists)", "add lines: [...] or index: [article-id, ...]")
        boxes.append(BoxSpec(box_id, fields["title"].text(), lines, index))
    return tuple(boxes)


def _index_entry(node: Node) -> IndexEntry:
    """`article-id`, or `{article: id, title: 标题}` when the 导读 words it otherwise."""
    if isinstance(node.value, dict):
        fields = node.mapping({"article", "title"}, ("article",))
        return IndexEntry(fields["article"].text(max_chars=MAX_NAME_CHARS), fields["title"].text() if "title" in fields else None, node.ref)
    return IndexEntry(node.text(max_chars=MAX_NAME_CHARS), None, node.ref)


def _check_index(boxes: tuple[BoxSpec, ...], pages: tuple[PageSpec, ...]) -> None:
    """A 导读 line names a story the issue places: its page is where that story starts."""
    placed = {p.ref for page in pages for p in page.placements if p.kind == "article"} | {r.article for page in pages for r in page.stories}
    for box in boxes:
        for entry in box.index:
            if entry.article not in placed:
                ref = entry.source
                raise InputError(ref.file, ref.line, ref.column, f"boxes ({box.id}).index", f"the 导读 lists {quote(entry.article)}, which no page places", suggest(entry.article, placed) if placed else "place the story on a page first")


def _articles(node: Node, base: str, boundary: Boundary, style_names: tuple[str, ...], rank_names: tuple[str, ...]) -> tuple[tuple[ArticleSpec, ...], list[str]]:
    articles = []
    body_files = []
    seen: set[str] = set()
    total = 0
    for entry in node.sequence(MAX_ARTICLES):
        fields = entry.mapping(ARTICLE_KEYS, ("id", "headline"))
        article_id = fields["id"].identifier(seen, "article")
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
                jump_title=_optional_text(fields, "jump_title"),
                verse=fields["verse"].boolean() if "verse" in fields else False,
                pictures=article_pictures(fields["pictures"], article_id, base, boundary.issue_area) if "pictures" in fields else (),
                rank=fields["rank"].choice(rank_names, "headline rank") if "rank" in fields else None,
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
