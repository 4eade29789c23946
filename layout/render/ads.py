"""Advertisers' pages into ours as vector content: each ad's first page becomes a form XObject
(pikepdf), clipped to its TrimBox, drawn where the page's content stream already calls it."""

from __future__ import annotations

import hashlib
import io

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
                xobjects[pikepdf.Name("/" + name)] = pdf.copy_foreign(form)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


class ChangedAdError(Exception):
    """An ad's file is not the one the loader read."""
