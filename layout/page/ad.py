"""Ads and picture modules: a rectangle of the page filled by one thing.

An ad's module keeps its first line for the 广告 label; the advertiser's page fills the rest,
at 100 % when its size is the slot's within the tolerance, else scaled uniformly within the
style sheet's allowance, else refused. A picture module is a photo with its caption below."""

from __future__ import annotations

from layout.load.errors import InputError, quote
from layout.model.layout import Frame, PlacedAd, Rect
from layout.model.spec import AdSpec, Placement, PictureSpec
from layout.model.style import StyleSheet
from layout.page.grid import module_rect, reserved_bottom
from layout.page.lines import place_line
from layout.page.picture import caption_lines, place_picture
from layout.text.compose import ComposeOptions, compose_paragraph
from layout.text.segment import Span
from layout.typeface.metrics import FontSet
from layout.units import MPT_PER_PT, pt_to_mm



def ad_slot(placement: Placement, style: StyleSheet) -> Rect:
    """The ad's area: the module from its second line to its last (less the line a module with
    something below keeps for the rule)."""
    grid = style.grid
    rect = placement.rect
    top = grid.line_top(rect.top + 1)
    bottom = grid.line_top(rect.bottom - reserved_bottom(rect, grid)) + grid.body_size
    return Rect(grid.column_x(rect.column), top, grid.span_width(rect.span), bottom - top)


def place_ad(ad: AdSpec, placement: Placement, page: int, style: StyleSheet, fonts: FontSet) -> Frame:
    grid = style.grid
    bounds = module_rect(placement.rect, grid)
    slot = ad_slot(placement, style)
    if slot.height <= 0:
        ref = placement.source
        raise InputError(ref.file, ref.line, ref.column, f"page {page}", f"ad {quote(ad.id)} has a module of {placement.rect.height} lines: its label takes the first, which leaves no room for the ad", f"make it at least {2 + reserved_bottom(placement.rect, style.grid)} lines high")
    scale = ad_scale(ad, slot, placement, page, style)
    width, height = round(ad.width * MPT_PER_PT * scale), round(ad.height * MPT_PER_PT * scale)
    drawn = Rect(slot.x + (slot.width - width) // 2, slot.y + (slot.height - height) // 2, width, height)
    label_style = style.style("ad_label")
    label = compose_paragraph([Span(style.ads.label, label_style)], fonts, ComposeOptions(bounds.width, style.composition, align=label_style.align)).lines
    em_top = grid.line_top(placement.rect.top) + (grid.body_size - label_style.size) // 2
    lines = tuple(place_line(line, bounds.x, em_top, bounds.width, fonts, kind="ad_label") for line in label[:1])
    placed = PlacedAd(ad.id, slot, drawn, scale, ad.path, ad.shown, ad.sha256, ad.box, placement.size, str(placement.source))
    return Frame("ad", ad.id, bounds, lines, ad=placed)


def ad_scale(ad: AdSpec, slot: Rect, placement: Placement, page: int, style: StyleSheet) -> float:
    """1 when the ad is its slot's size within the tolerance; else the uniform scale that fits
    it, if the style sheet allows that much; else the ad is refused, with both sizes."""
    settings = style.ads
    want_w, want_h = slot.width / MPT_PER_PT, slot.height / MPT_PER_PT
    tolerance = settings.size_tolerance / 100
    if abs(ad.width - want_w) <= tolerance * want_w and abs(ad.height - want_h) <= tolerance * want_h:
        return 1.0
    scale = min(want_w / ad.width, want_h / ad.height)
    fits = abs(ad.width * scale - want_w) <= tolerance * want_w and abs(ad.height * scale - want_h) <= tolerance * want_h
    if fits and abs(1 - scale) <= settings.max_scale / 100:
        return scale
    name = f"{placement.size} " if placement.size else ""
    ref = placement.source
    allowed = f"scaled by at most {settings.max_scale:g} %" if settings.max_scale else "never scaled"
    raise InputError(
        ref.file, ref.line, ref.column, f"page {page}",
        f"ad {quote(ad.id)} ({quote(ad.shown)}) is {_size(ad.width, ad.height)}, but its {name}slot is {_size(want_w, want_h)} (within {settings.size_tolerance:g} %, {allowed})",
        f"ask the advertiser for the ad at {pt_to_mm(want_w):.1f} × {pt_to_mm(want_h):.1f} mm, or give it a slot of its size",
    )


def place_picture_module(picture: PictureSpec, placement: Placement, style: StyleSheet, fonts: FontSet) -> Frame:
    """A photo filling its module, the caption in the module's last lines."""
    grid = style.grid
    rect = placement.rect
    bounds = module_rect(rect, grid)
    text_lines = rect.height - reserved_bottom(rect, grid)
    composed = caption_lines(picture, bounds.width, style, fonts)
    caption = len(composed)
    photo_lines = text_lines - caption
    if photo_lines < 2:
        ref = placement.source
        raise InputError(ref.file, ref.line, ref.column, f"picture {quote(picture.id)}", f"the module holds {text_lines} lines and the caption takes {caption}, leaving no room for the photo", f"make the module at least {caption + 2 + reserved_bottom(rect, grid)} lines high or shorten the caption")
    block = place_picture(picture, bounds.x, bounds.width, rect.top, photo_lines, style, fonts, caption=composed)
    return Frame("picture", picture.id, bounds, block.caption, images=(block.image,))


def _size(width_pt: float, height_pt: float) -> str:
    return f"{width_pt:g} × {height_pt:g} pt ({pt_to_mm(width_pt):.1f} × {pt_to_mm(height_pt):.1f} mm)"
