"""Place every page of an issue: frames for the masthead, boxes and articles, rules between modules."""

from __future__ import annotations

from layout.model.layout import Copyfit, Frame, IssueLayout, PageLayout, Rule
from layout.model.spec import IssueSpec, PageSpec
from layout.model.style import StyleSheet
from layout.page.article import place_article
from layout.page.grid import module_rect, separator_y
from layout.page.masthead import place_box, place_masthead
from layout.typeface.metrics import FontSet


def place_issue(spec: IssueSpec, fonts: FontSet) -> IssueLayout:
    pages = []
    copyfit: list[Copyfit] = []
    for page in spec.pages:
        layout, page_copyfit = place_page(spec, page, fonts)
        pages.append(layout)
        copyfit.extend(page_copyfit)
    return IssueLayout(spec.path, tuple(pages), tuple(copyfit))


def place_page(spec: IssueSpec, page: PageSpec, fonts: FontSet) -> tuple[PageLayout, list[Copyfit]]:
    style = spec.style
    frames: list[Frame] = []
    copyfit: list[Copyfit] = []
    for placement in page.placements:
        if placement.kind == "masthead":
            assert spec.masthead is not None  # the loader refuses a placed masthead without data
            frames.append(place_masthead(spec.masthead, spec.info, placement.rect, style, fonts))
        elif placement.kind == "box":
            frames.append(place_box(spec.box(placement.ref), placement.rect, style, fonts))
        else:
            article = spec.article(placement.ref)
            placed = place_article(article, placement.rect, page.number, style, fonts, spec.see_also_text(article))
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
    """A rule under every article with something below it, and one in the gutter to the right of
    every article that does not reach the last column."""
    grid = style.grid
    rule = style.module_rule
    rules = []
    for placement in page.placements:
        if placement.kind != "article":
            continue
        rect = placement.rect
        bounds = module_rect(rect, grid)
        if rect.bottom < grid.lines:
            y = separator_y(rect, grid)
            rules.append(Rule(bounds.x, y, bounds.right, y, rule.width, rule.colour))
        if rect.last_column < grid.columns:
            x = bounds.right + grid.gutter // 2
            bottom = separator_y(rect, grid) if rect.bottom < grid.lines else bounds.bottom
            rules.append(Rule(x, bounds.y, x, bottom, rule.width, rule.colour))
    return tuple(rules)

