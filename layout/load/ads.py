"""Advertisers' PDFs named by the issue: that each is a PDF with a page, and how big that page is.

What is on the page (colour, fonts, images) is preflighted by the build against the output
profile before the ad goes in (`pipeline`); its size is checked against its slot at placement."""

from __future__ import annotations

import hashlib
import io

from layout.load.boundary import Area, Blame, read_bounded, resolve_named
from layout.load.errors import quote
from layout.load.limits import AD_FILE
from layout.model.spec import AdSpec, SourceRef

# What a damaged PDF raises while its first page is read (besides pikepdf's own errors).
MALFORMED = (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError, RecursionError)


def read_ad(ad_id: str, text: str, base: str, area: Area, blame: Blame, advertiser: str | None, source: SourceRef, what: str = "ad") -> AdSpec:
    """`what` names the file in messages: an ad, or the masthead's title (a placed PDF page too)."""
    path = resolve_named(text, base, area, blame, AD_FILE)
    shown = quote(text)  # as the issue names it
    if not path.lower().endswith(".pdf"):
        raise blame.error(f"{what} {shown} is not a PDF (by its name)", "ask the advertiser for the ad as a PDF (PDF/X-1a)")
    data = read_bounded(path, AD_FILE, blame)
    import pikepdf  # only an issue with ads pays for it

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) == 0:
                raise blame.error(f"{what} {shown} has no page", "ask the advertiser for the ad again")
            box = _page_box(pdf.pages[0])
    except pikepdf.PasswordError:
        raise blame.error(f"{what} {shown} is encrypted", "ask the advertiser for an unprotected PDF") from None
    except (pikepdf.PdfError, *MALFORMED) as exc:
        raise blame.error(f"{what} {shown} is not a PDF that can be read ({type(exc).__name__})", "ask the advertiser for the ad again as PDF/X-1a") from None
    width, height = box[2] - box[0], box[3] - box[1]
    if not (width > 0 and height > 0):
        raise blame.error(f"{what} {shown} has an empty page box", "ask the advertiser for the ad again")
    return AdSpec(ad_id, path, text, hashlib.sha256(data).hexdigest(), round(width, 3), round(height, 3), box, advertiser, source)


def _page_box(page) -> tuple[float, float, float, float]:
    """The TrimBox (the ad's finished size), else the MediaBox, normalised."""
    x1, y1, x2, y2 = (float(v) for v in page.trimbox)  # falls back to the (inherited) MediaBox
    return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
