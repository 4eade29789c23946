"""Writing the planner's proposal back into the issue file, keeping the desk's comments,
quoting and layout: each placed story of `stories:` gets `at: {column, span, top, height}`.

ruamel.yaml's round trip does this (the sample issue loads and dumps byte for byte unchanged
with the settings below); PyYAML, which reads the issue, drops comments when it writes. The
bytes go back to the caller, which writes them atomically and only if the file is unchanged
since it was read."""

from __future__ import annotations

import io

from layout.load.errors import InputError
from layout.model.spec import GridRect

RECT_KEYS = ("column", "span", "top", "height")


def with_proposals(text: str, shown: str, proposals: dict[int, dict[str, tuple[GridRect, int | None, int]]]) -> str:
    """The issue text with `at:` set for every (page → article → (rect, picture span, head
    space)) proposed; pinned stories and pages not named are left exactly as they were."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the desk wrote
    yaml.indent(mapping=2, sequence=4, offset=2)  # the issue files' `  - ` under a key
    data = yaml.load(text)
    pages = data.get("pages") if isinstance(data, CommentedMap) else None
    if not isinstance(pages, CommentedSeq):
        raise InputError(shown, 1, 1, "pages", "the issue has no list of pages to write the placement into", "give the issue a pages: list")
    for page in pages:
        number = page.get("number") if isinstance(page, CommentedMap) else None
        stories = page.get("stories") if number in proposals else None
        if not isinstance(stories, CommentedSeq):
            continue
        for index, item in enumerate(stories):
            article = item if isinstance(item, str) else item.get("article") if isinstance(item, CommentedMap) else None
            proposal = proposals[number].get(article)
            if proposal is None or (isinstance(item, CommentedMap) and "pin" in item):
                continue
            rect, picture_span, head_space = proposal
            at = CommentedMap((key, getattr(rect, key)) for key in RECT_KEYS)
            if picture_span is not None:
                at["picture_span"] = picture_span
            if head_space:
                at["head_space"] = head_space
            at.fa.set_flow_style()
            if isinstance(item, CommentedMap):
                item["at"] = at
            else:
                entry = CommentedMap([("article", article), ("at", at)])
                entry.fa.set_flow_style()
                stories[index] = entry
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
