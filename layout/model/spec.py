"""The issue as the desk wrote it, validated and resolved: what the load stage returns."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from layout.model.fonts import FontManifest
from layout.model.style import StyleSheet


@dataclass(frozen=True)
class SourceRef:
    """Where in an input file a value came from (1-based line and column)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class GridRect:
    """A module in grid units: 1-based first column and span, 1-based top line and height in lines."""

    column: int
    span: int
    top: int
    height: int

    @property
    def last_column(self) -> int:
        return self.column + self.span - 1

    @property
    def bottom(self) -> int:
        """Last line inside the module."""
        return self.top + self.height - 1

    def overlaps(self, other: "GridRect") -> bool:
        return not (
            self.last_column < other.column
            or other.last_column < self.column
            or self.bottom < other.top
            or other.bottom < self.top
        )


@dataclass(frozen=True)
class IssueInfo:
    paper: str
    date: _dt.date
    weekday: str
    lunar_date: str
    page_count: int
    serial_number: int


@dataclass(frozen=True)
class MastheadSpec:
    title: str
    english_title: str
    accounts: tuple[str, ...]
    sponsor: str
    publisher: str
    cn_number: str = ""  # 国内统一连续出版物号 and 邮发代号, one line (CN 33-0000 邮发代号 00-000)
    title_image: "ImageInfo | AdSpec | None" = None  # a calligraphic title (题字) set instead of the typeset one


@dataclass(frozen=True)
class IndexEntry:
    """One line of a 导读 box: an inside story and the page it is placed on (标题……N版)."""

    article: str
    title: str | None  # the editor's wording; None: the article's jump title or its headline
    source: SourceRef


@dataclass(frozen=True)
class BoxSpec:
    id: str
    title: str
    lines: tuple[str, ...]
    index: tuple[IndexEntry, ...] = ()  # a 导读 box lists stories instead of (or after) lines


@dataclass(frozen=True)
class CrossReference:
    """（相关报道详见2版）: to a page, or to another article (resolved to the page it is placed on)."""

    page: int | None
    article: str | None
    text: str | None  # the editor's wording; None: 相关报道详见{page}版
    source: SourceRef


@dataclass(frozen=True)
class ImageInfo:
    """What an image file is, read and checked by the loader: its pixels as they stand upright
    (EXIF orientation applied), its colour, its format. Decoding for print is the renderer's."""

    path: str  # real path, inside the issue's folder
    shown: str  # the path as messages print it
    sha256: str
    format: str  # JPEG | PNG | TIFF
    mode: str  # gray | rgb | cmyk: what the pixels are after flattening (alpha on paper white)
    width: int  # pixels, upright
    height: int
    orientation: int = 1  # the EXIF orientation tag the loader applied (1: none)
    icc: bool = False  # the file carries its own ICC profile (used as the conversion's source)


@dataclass(frozen=True)
class PictureSpec:
    """A news photo with its caption (图片说明) and credit (本报记者 ××× 摄).

    In an article, `at` says where it stands in the module: `top` across the module above the
    headline; `text` in columns `column`..`column+span-1` of the text, `line` text lines below its
    start; `bottom` at the foot of those columns. `lines` is the photo's height in body lines
    (the caption's lines come on top), or `lines: auto` for the height its proportions give at its
    width. A picture module of its own fills its rectangle."""

    id: str
    image: ImageInfo
    caption: str | None
    credit: str | None
    fit: str  # cover (fill the frame, cropped around the focus) | contain (whole picture, centred)
    focus: tuple[float, float]  # 0–1 across and down: the point a cover crop keeps in view
    source: SourceRef
    at: str = "text"  # top | text | bottom (article pictures)
    column: int = 1  # first column, counted within the module
    span: int | None = None  # columns; None: the whole module
    line: int = 0  # `text`: text lines above the picture in its columns
    lines: int | None = None  # the photo's height in body lines; None: from its proportions (a module's picture: its rectangle)


@dataclass(frozen=True)
class AdSpec:
    """An advertiser's finished PDF: its first page goes into the ad's slot as vector content."""

    id: str
    path: str  # real path, inside the issue's folder
    shown: str  # the file as the issue names it
    sha256: str
    width: float  # pt, the page's TrimBox (or MediaBox)
    height: float
    box: tuple[float, float, float, float]  # that box in the ad's own user space
    advertiser: str | None
    source: SourceRef


@dataclass(frozen=True)
class ArticleSpec:
    id: str
    headline: str  # "\n" where the editor broke the headline into lines
    headline_style: str  # a text style name; "headline" unless the article picks another
    kicker: str | None
    subhead: str | None
    section: str | None
    byline: tuple[str, ...]
    dateline: str | None
    paragraphs: tuple[str, ...]
    see_also: CrossReference | None
    source: SourceRef
    jump_title: str | None = None  # 接转题 over a continuation; None: the headline, set smaller
    verse: bool = False  # poems: each source line its own line, poems apart by a blank line
    pictures: tuple[PictureSpec, ...] = ()
    rank: str | None = None  # lead, second…: the headline's size from the style sheet's scale


@dataclass(frozen=True)
class Placement:
    """Something put on a page at a grid rectangle: the masthead, a box, an article, a picture
    module or an ad."""

    kind: str  # "masthead" | "box" | "article" | "picture" | "ad"
    ref: str  # box, article, picture or ad id ("masthead" for the masthead)
    rect: GridRect
    source: SourceRef
    part: int = 1  # an article running through several modules: which of them this is
    size: str | None = None  # an ad given by a standard size (通栏, 半通栏…): its name
    auto_height: bool = False  # `height: auto`: rect.height is the room below it until the settle stage fits it
    head_space: int = 0  # an article's white lines around its headline block: how the planner fills a module to the line


@dataclass(frozen=True)
class StoryRequest:
    """A story a page lists for the planner (`stories:`), in priority order: the first is the
    lead. Hints narrow its shapes; a pinned story stays exactly where it is given; `previous`
    is the planner's last proposal written back (`at:`), which a new proposal moves least."""

    article: str
    priority: int  # 1: the lead
    source: SourceRef
    spans: tuple[int, ...] = ()  # the spans it may take; (): any
    min_headline: int | None = None  # mpt: the smallest headline it may be given
    pin: GridRect | None = None
    previous: GridRect | None = None
    picture_spans: tuple[int, ...] = ()  # the spans its pictures in the text may take (their height from their proportions); (): as given
    previous_picture_span: int | None = None  # the picture span of the last proposal
    previous_head_space: int = 0  # the white lines the last proposal added around the headline


@dataclass(frozen=True)
class PageSpec:
    number: int
    placements: tuple[Placement, ...]
    source: SourceRef
    section: str | None = None  # 版名 in the running head (要闻, 综合, 副刊…)
    credits: tuple[tuple[str, str], ...] = ()  # (role as printed, name): 责任编辑, 版式, 校对
    stories: tuple[StoryRequest, ...] = ()  # for the planner; placed, each becomes an article placement

    @property
    def is_front(self) -> bool:
        """The front page (page 1, or a page with the masthead) has no running head."""
        return self.number == 1 or any(p.kind == "masthead" for p in self.placements)


@dataclass(frozen=True)
class IssueSpec:
    path: str
    info: IssueInfo
    masthead: MastheadSpec | None
    boxes: tuple[BoxSpec, ...]
    articles: tuple[ArticleSpec, ...]
    pages: tuple[PageSpec, ...]
    style: StyleSheet
    fonts: FontManifest
    inputs: tuple[str, ...] = ()  # every file read to make this spec (what `watch` watches)
    pictures: tuple[PictureSpec, ...] = ()  # pictures that are modules of their own
    ads: tuple[AdSpec, ...] = ()

    def article(self, article_id: str) -> ArticleSpec:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def page_of(self, article_id: str) -> int | None:
        """The page an article starts on (its first part), or lists it for the planner."""
        parts = self.parts_of(article_id)
        if parts:
            return parts[0][0]
        return next((page.number for page in self.pages for r in page.stories if r.article == article_id), None)

    def parts_of(self, article_id: str) -> list[tuple[int, Placement]]:
        """(page, placement) of each module the article runs through, in the order of its parts."""
        found = [(page.number, p) for page in self.pages for p in page.placements if p.kind == "article" and p.ref == article_id]
        return sorted(found, key=lambda item: item[1].part)

    def see_also_text(self, article: ArticleSpec) -> str | None:
        """The cross-reference as printed, or None when the article has none."""
        ref = article.see_also
        if ref is None:
            return None
        if ref.text is not None:
            return ref.text
        page = ref.page if ref.page is not None else self.page_of(ref.article or "")
        return f"相关报道详见{page if page is not None else '?'}版"

    def all_pictures(self) -> tuple[PictureSpec, ...]:
        """Every picture of the issue: the articles' and the picture modules'."""
        return tuple(p for a in self.articles for p in a.pictures) + self.pictures

    def picture(self, picture_id: str) -> PictureSpec:
        for picture in self.pictures:
            if picture.id == picture_id:
                return picture
        raise KeyError(picture_id)

    def ad(self, ad_id: str) -> AdSpec:
        for ad in self.ads:
            if ad.id == ad_id:
                return ad
        raise KeyError(ad_id)

    def box(self, box_id: str) -> BoxSpec:
        for box in self.boxes:
            if box.id == box_id:
                return box
        raise KeyError(box_id)
