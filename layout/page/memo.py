"""Composition kept from one layout of an issue to the next, for a resident process (the desk):
a story's lines and its headline blocks depend only on the story, its cross-reference and the
style sheet, so moving or resizing a module recomposes nothing, and editing one story recomposes
that story alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout.model.spec import ArticleSpec
from layout.model.style import StyleSheet
from layout.typeface.metrics import FontSet

if TYPE_CHECKING:
    from layout.page.article import FlowLine
    from layout.page.headblock import HeadElement


class StoryMemo:
    """Story lines by (article, cross-reference text), headline blocks by article and measure.
    Valid for one style sheet and font set: `bind` forgets everything when either changes."""

    def __init__(self) -> None:
        self._bound: tuple[StyleSheet, FontSet] | None = None
        self._flows: dict[tuple[ArticleSpec, str | None], list[FlowLine]] = {}
        self._heads: dict[ArticleSpec, dict[int, list[HeadElement]]] = {}

    def bind(self, style: StyleSheet, fonts: FontSet) -> None:
        if self._bound is None or self._bound[1] is not fonts or self._bound[0] != style:
            self._flows.clear()
            self._heads.clear()
            self._bound = (style, fonts)

    def flow(self, article: ArticleSpec, see_also: str | None, style: StyleSheet, fonts: FontSet) -> list[FlowLine]:
        from layout.page.article import story_flow

        key = (article, see_also)
        found = self._flows.get(key)
        if found is None:
            found = self._flows[key] = story_flow(article, style, fonts, see_also)
        return found

    def heads(self, article: ArticleSpec) -> dict[int, list[HeadElement]]:
        return self._heads.setdefault(article, {})

    def keep_only(self, articles: tuple[ArticleSpec, ...]) -> None:
        """Forget the stories no longer in the issue (an edited story is a new key)."""
        alive = set(articles)
        for key in [key for key in self._flows if key[0] not in alive]:
            del self._flows[key]
        for key in [key for key in self._heads if key not in alive]:
            del self._heads[key]
