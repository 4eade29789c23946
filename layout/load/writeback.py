"""Writing placements back into the issue file, keeping its comments, quoting and layout: the
planner's proposal (`at: {column, span, top, height}` per story of `stories:`) and the desk's
moves and resizes (a module's rectangle, or a story's `pin:`).

ruamel.yaml's round trip does this (the sample issue loads and dumps byte for byte unchanged
with the settings below); PyYAML, which reads the issue, drops comments when it writes. The
bytes go back to the caller, which writes them atomically and only if the file is unchanged
since it was read."""

from __future__ import annotations

import io

from layout.load.errors import InputError
from layout.model.spec import GridRect

RECT_KEYS = ("column", "span", "top", "height")


def with_module(text: str, shown: str, page: int, article: str, part: int, rect: GridRect, keep_auto_height: bool = False) -> str:
    """The issue text with one story module at `rect` (the desk's move or resize): its entry
    under `modules:` gets the new column, span, top and height (a `height: auto` stays auto when
    `keep_auto_height`); a story of `stories:` is pinned there (`pin:`, its `at:` dropped, since
    the editor's hand now decides). Everything else stays byte for byte."""
    from ruamel.yaml.comments import CommentedMap

    yaml, data = _round_trip(text, shown)
    entry = _page_entry(data, page)
    modules = entry.get("modules") if entry is not None else None
    for item in modules if isinstance(modules, list) else ():
        if isinstance(item, CommentedMap) and item.get("article") == article and item.get("part", 1) == part:
            for key in RECT_KEYS:
                if not (key == "height" and keep_auto_height and item.get("height") == "auto"):
                    item[key] = getattr(rect, key)
            return _dumped(yaml, data)
    stories = entry.get("stories") if entry is not None and part == 1 else None
    for index, item in enumerate(stories if isinstance(stories, list) else ()):
        named = item if isinstance(item, str) else item.get("article") if isinstance(item, CommentedMap) else None
        if named != article:
            continue
        if not isinstance(item, CommentedMap):
            item = stories[index] = _flow_map([("article", article)])
        item.pop("at", None)
        item["pin"] = _flow_map((key, getattr(rect, key)) for key in RECT_KEYS)
        return _dumped(yaml, data)
    raise InputError(shown, 1, 1, f"page {page}", f"page {page} has no module for {article!r}{f' (part {part})' if part > 1 else ''} to move", "reload the desk: the issue file may have changed")


def _round_trip(text: str, shown: str):
    """ruamel.yaml set to give the issue files back as they were written, and the loaded text."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the desk wrote
    yaml.indent(mapping=2, sequence=4, offset=2)  # the issue files' `  - ` under a key
    return yaml, yaml.load(text)


def _page_entry(data, number: int):
    from ruamel.yaml.comments import CommentedMap

    pages = data.get("pages") if isinstance(data, CommentedMap) else None
    for page in pages if isinstance(pages, list) else ():
        if isinstance(page, CommentedMap) and page.get("number") == number:
            return page
    return None


def _flow_map(items):
    from ruamel.yaml.comments import CommentedMap

    mapping = CommentedMap(items)
    mapping.fa.set_flow_style()
    return mapping


def _dumped(yaml, data) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def with_proposals(text: str, shown: str, proposals: dict[int, dict[str, tuple[GridRect, int | None, int]]]) -> str:
    """The issue text with `at:` set for every (page → article → (rect, picture span, head
    space)) proposed; pinned stories and pages not named are left exactly as they were."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml, data = _round_trip(text, shown)
    pages = data.get("pages") if isinstance(data, CommentedMap) else None
    if not isinstance(pages, CommentedSeq):
        raise InputError(shown, 1, 1, "pages", "the issue has no list of pages to write the placement into", "give the issue a pages: list")
    for number, proposed in proposals.items():
        page = _page_entry(data, number)
        stories = page.get("stories") if page is not None else None
        if not isinstance(stories, CommentedSeq):
            continue
        for index, item in enumerate(stories):
            article = item if isinstance(item, str) else item.get("article") if isinstance(item, CommentedMap) else None
            proposal = proposed.get(article)
            if proposal is None or (isinstance(item, CommentedMap) and "pin" in item):
                continue
            rect, picture_span, head_space = proposal
            at = _flow_map((key, getattr(rect, key)) for key in RECT_KEYS)
            if picture_span is not None:
                at["picture_span"] = picture_span
            if head_space:
                at["head_space"] = head_space
            if isinstance(item, CommentedMap):
                item["at"] = at
            else:
                stories[index] = _flow_map([("article", article), ("at", at)])
    return _dumped(yaml, data)
