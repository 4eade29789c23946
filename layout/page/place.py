"""Place every page of an issue: the running head or masthead, boxes, the stories (each run
through its parts across pages first), rules between modules.

Where a story, a jump or a 导读 line points is known from the spec: an editor (or, later, the
planner) puts every module on its page, so the page numbers need no second pass."""

from __future__ import annotations

from layout.model.layout import Copyfit, Frame, IssueLayout, PageLayout, Rule
from layout.model.spec import GridRect, IssueSpec, PageSpec
from layout.model.style import StyleSheet
from layout.page.ad import place_ad, place_picture_module
from layout.page.article import PlacedArticle, StoryPart, place_story
from layout.page.grid import module_rect, separator_y
from layout.page.masthead import place_box, place_masthead
from layout.page.memo import StoryMemo
from layout.page.running_head import place_running_head
from layout.page.settle import settle_heights
from layout.typeface.metrics import FontSet


def place_issue(spec: IssueSpec, fonts: FontSet, memo: StoryMemo | None = None) -> IssueLayout:
    """The issue's layout; modules with `height: auto` are settled first (the pipeline settles
    them before, so that its spec and the layout agree; settling twice changes nothing).
    `memo`: composition kept from an earlier layout of the same issue (a resident desk)."""
    spec = settle_heights(spec, fonts, memo)
    stories = place_stories(spec, fonts, memo)
    pages = []
    copyfit: list[Copyfit] = []
    for page in spec.pages:
        layout, page_copyfit = place_page(spec, page, fonts, stories)
        pages.append(layout)
        copyfit.extend(page_copyfit)
    return IssueLayout(spec.path, tuple(pages), tuple(copyfit))


def place_stories(spec: IssueSpec, fonts: FontSet, memo: StoryMemo | None = None) -> dict[tuple[str, int], PlacedArticle]:
    """Every placed story through all its parts: (article, part) → its frame and copyfit."""
    placed: dict[tuple[str, int], PlacedArticle] = {}
    if memo is not None:
        memo.bind(spec.style, fonts)
    for article in spec.articles:
        given = spec.parts_of(article.id)
        parts = tuple(StoryPart(page, p.rect, p.source, p.head_space) for page, p in given)
        if parts:
            # keyed by the parts as numbered: a planned page that could not be placed leaves a
            # story's later parts without its first (the check reports why)
            see_also = spec.see_also_text(article)
            composed = (memo.flow(article, see_also, spec.style, fonts), memo.heads(article)) if memo is not None else (None, None)
            for (_, placement), result in zip(given, place_story(article, parts, spec.style, fonts, see_also, *composed)):
                placed[(article.id, placement.part)] = result
    return placed


def index_entries(spec: IssueSpec, box_id: str) -> tuple[tuple[str, int], ...]:
    """A 导读 box's lines: each story's title (the editor's, its jump title, or its headline) and
    the page it starts on."""
    entries = []
    for entry in spec.box(box_id).index:
        article = spec.article(entry.article)
        title = entry.title or article.jump_title or article.headline.replace("\n", "").replace(" ", "")
        page = spec.page_of(article.id)
        assert page is not None  # the loader refuses a 导读 line for a story no page places
        entries.append((title, page))
    return tuple(entries)


def place_page(spec: IssueSpec, page: PageSpec, fonts: FontSet, stories: dict[tuple[str, int], PlacedArticle] | None = None) -> tuple[PageLayout, list[Copyfit]]:
    style = spec.style
    stories = stories if stories is not None else place_stories(spec, fonts)
    frames: list[Frame] = [] if page.is_front else [place_running_head(spec.info, page, style, fonts)]
    copyfit: list[Copyfit] = []
    for placement in page.placements:
        if placement.kind == "masthead":
            assert spec.masthead is not None  # the loader refuses a placed masthead without data
            frames.append(place_masthead(spec.masthead, spec.info, placement.rect, style, fonts))
        elif placement.kind == "box":
            frames.append(place_box(spec.box(placement.ref), placement.rect, style, fonts, index_entries(spec, placement.ref)))
        elif placement.kind == "picture":
            frames.append(place_picture_module(spec.picture(placement.ref), placement, style, fonts))
        elif placement.kind == "ad":
            frames.append(place_ad(spec.ad(placement.ref), placement, page.number, style, fonts))
        else:
            placed = stories[(placement.ref, placement.part)]
            frames.append(placed.frame)
            copyfit.append(placed.copyfit)
    geometry = style.page
    layout = PageLayout(
        number=page.number,
        trim_width=geometry.trim_width,
        trim_height=geometry.trim_height,
        bleed=geometry.bleed,
        frames=tuple(frames),
        rules=_module_rules(page, style),
    )
    return layout, copyfit


def _module_rules(page: PageSpec, style: StyleSheet) -> tuple[Rule, ...]:
    """A rule under every article, picture or ad module with something below it, and one in the
    gutter to the right of every one that does not reach the last column."""
    grid = style.grid
    rule = style.module_rule
    modules = [p.rect for p in page.placements if p.kind in ("article", "picture", "ad")]
    rules = []
    for rect in modules:
        bounds = module_rect(rect, grid)
        # rules meet in the middle of the gutter and of the line a module keeps for its rule
        left = bounds.x - grid.gutter // 2 if rect.column > 1 else bounds.x
        right = bounds.right + grid.gutter // 2 if rect.last_column < grid.columns else bounds.right
        if rect.bottom < grid.lines:
            y = separator_y(rect, grid)
            rules.append(Rule(left, y, right, y, rule.width, rule.colour))
        if rect.last_column < grid.columns:
            above = any(_stacked(other, rect) for other in modules)
            top = separator_y(GridRect(rect.column, rect.span, rect.top - 1, 1), grid) if above else bounds.y
            bottom = separator_y(rect, grid) if rect.bottom < grid.lines else bounds.bottom
            rules.append(Rule(right, top, right, bottom, rule.width, rule.colour))
    return tuple(rules)


def _stacked(upper: GridRect, lower: GridRect) -> bool:
    """`upper` ends on the line above `lower` and shares a column with it: their rules join."""
    return upper.bottom == lower.top - 1 and upper.column <= lower.last_column and lower.column <= upper.last_column

