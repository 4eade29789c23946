"""Advertisers' pages into ours as vector content: each ad's first page becomes a form XObject
(pikepdf), clipped to its TrimBox, drawn where the page's content stream already calls it."""

from __future__ import annotations

import hashlib
import io
import re

import pikepdf

from layout.model.layout import PlacedAd

AD_PREFIX = "LayoutAd"  # XObject names the page's content calls the ads by


def ad_name(index: int) -> str:
    return f"{AD_PREFIX}{index}"


def embed_ads(data: bytes, ads: list[tuple[str, PlacedAd]]) -> bytes:
    """`data`: a one-page PDF whose content already draws `/name Do` for each ad; the forms are
    added to its resources. The advertiser's file must still be the one the loader read."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        if pikepdf.Name.Resources not in page.obj:
            page.obj[pikepdf.Name.Resources] = pikepdf.Dictionary()
        resources = page.obj[pikepdf.Name.Resources]
        if pikepdf.Name.XObject not in resources:
            resources[pikepdf.Name.XObject] = pikepdf.Dictionary()
        xobjects = resources[pikepdf.Name.XObject]
        for name, placed in ads:
            with open(placed.file, "rb") as handle:
                raw = handle.read()
            if hashlib.sha256(raw).hexdigest() != placed.sha256:
                raise ChangedAdError(f"ad {placed.shown} changed while the issue was being built; build again")
            with pikepdf.open(io.BytesIO(raw)) as source:
                form = source.pages[0].as_form_xobject()
                form.BBox = pikepdf.Array(list(placed.box))  # the ad's trim: its bleed stays out
                copied = xobjects[pikepdf.Name("/" + name)] = pdf.copy_foreign(form)
                _retag_subsets(copied, set())
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


_TAGGED = re.compile(r"^/[A-Z]{6}\+(.+)$")


def _retag_subsets(holder: pikepdf.Object, seen: set) -> None:
    """Give every embedded font subset the ad draws with (its forms' too) a tag derived from
    the font program it embeds: tools tag their subsets AAAAAA+, AAAAAB+… per file, so two
    ads (or an ad and a page) could otherwise bring different glyphs under one font name."""
    resources = holder.get("/Resources")
    if resources is None or resources.objgen in seen and resources.objgen != (0, 0):
        return
    seen.add(resources.objgen)
    for font in (resources.get("/Font") or {}).values():
        descendants = font.get("/DescendantFonts")
        inner = descendants[0] if descendants is not None and len(descendants) else font
        descriptor = inner.get("/FontDescriptor")
        program = next((descriptor.get(k) for k in ("/FontFile2", "/FontFile3", "/FontFile") if descriptor is not None and k in descriptor), None)
        match = _TAGGED.match(str(font.get("/BaseFont", "")))
        if program is None or match is None:
            continue
        digest = hashlib.sha256(program.read_raw_bytes()).digest()
        name = pikepdf.Name("/" + "".join(chr(ord("A") + b % 26) for b in digest[:6]) + "+" + match.group(1))
        for tagged in {id(o): o for o in (font, inner)}.values():
            tagged.BaseFont = name
        descriptor.FontName = name
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == pikepdf.Name.Form:
            _retag_subsets(xobject, seen)


class ChangedAdError(Exception):
    """An ad's file is not the one the loader read."""
