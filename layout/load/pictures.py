"""Pictures and ads in the issue file: an article's photos, photos that are modules of their
own, and advertisers' PDFs. Each file is checked as it is named (`images`, `ads`)."""

from __future__ import annotations

import dataclasses

from layout.load.ads import read_ad
from layout.load.boundary import Area
from layout.load.limits import MAX_ADS, MAX_NAME_CHARS, MAX_PICTURES
from layout.load.images import read_image
from layout.load.yamlsrc import Node
from layout.model.spec import AdSpec, PictureSpec

FITS = ("cover", "contain")
PLACES = ("top", "text", "bottom")
PICTURE_KEYS = {"id", "file", "caption", "credit", "fit", "focus"}
ARTICLE_PICTURE_KEYS = PICTURE_KEYS | {"at", "column", "span", "line", "lines"}
MAX_PICTURE_LINES = 400


def article_pictures(node: Node, article_id: str, base: str, area: Area) -> tuple[PictureSpec, ...]:
    """An article's `pictures:`; ids default to article-id/1, /2…"""
    pictures = []
    for number, entry in enumerate(node.sequence(20), start=1):
        fields = entry.mapping(ARTICLE_PICTURE_KEYS, ("file", "lines"))
        at = fields["at"].choice(PLACES, "place") if "at" in fields else "text"
        span = fields["span"].integer(1, 40) if "span" in fields else None
        column = fields["column"].integer(1, 40) if "column" in fields else 1
        if at == "top" and (column != 1 or span is not None):
            raise entry.error("a picture above the headline (at: top) runs across the whole module", "leave out column: and span:, or use at: text to set it in some columns")
        picture = _picture(fields, entry, base, area, fields["id"].text(max_chars=MAX_NAME_CHARS) if "id" in fields else f"{article_id}/{number}")
        line = fields["line"].integer(0, MAX_PICTURE_LINES) if "line" in fields else 0
        lines = fields["lines"].integer_or_auto(2, MAX_PICTURE_LINES)
        pictures.append(dataclasses.replace(picture, at=at, column=column, span=span, line=line, lines=lines))
    return tuple(pictures)


def module_pictures(node: Node, base: str, area: Area, seen: set[str]) -> tuple[PictureSpec, ...]:
    """The top-level `pictures:`: photos a page places as modules of their own."""
    pictures = []
    for entry in node.sequence(MAX_PICTURES):
        fields = entry.mapping(PICTURE_KEYS, ("id", "file"))
        pictures.append(_picture(fields, entry, base, area, fields["id"].identifier(seen, "picture")))
    return tuple(pictures)


def ads(node: Node, base: str, area: Area) -> tuple[AdSpec, ...]:
    found = []
    seen: set[str] = set()
    for entry in node.sequence(MAX_ADS):
        fields = entry.mapping({"id", "file", "advertiser"}, ("id", "file"))
        ad_id = fields["id"].identifier(seen, "ad")
        file_node = fields["file"]
        advertiser = fields["advertiser"].text() if "advertiser" in fields else None
        found.append(read_ad(ad_id, file_node.text(), base, area, file_node.blame(), advertiser, entry.ref))
    return tuple(found)


def _picture(fields: dict[str, Node], entry: Node, base: str, area: Area, picture_id: str) -> PictureSpec:
    file_node = fields["file"]
    image = read_image(file_node.text(), base, area, file_node.blame())
    return PictureSpec(
        id=picture_id,
        image=image,
        caption=fields["caption"].text() if "caption" in fields else None,
        credit=fields["credit"].text() if "credit" in fields else None,
        fit=fields["fit"].choice(FITS, "fit") if "fit" in fields else "cover",
        focus=_focus(fields["focus"]) if "focus" in fields else (0.5, 0.5),
        source=entry.ref,
    )


def _focus(node: Node) -> tuple[float, float]:
    """[x, y], each 0–1 from the picture's left and top: what a cover crop keeps in view."""
    items = node.sequence(2)
    if len(items) != 2:
        raise node.error("a focus is two numbers, across and down", "write focus: [0.5, 0.4] (0 left or top, 1 right or bottom)")
    return (items[0].number(0, 1, "a fraction across"), items[1].number(0, 1, "a fraction down"))
