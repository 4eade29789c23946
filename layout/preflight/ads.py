"""An advertiser's PDF preflighted for what it brings into our page: its colour, fonts, images
and transparency against the output profile. Its own PDF/X identification and boxes do not
matter once it is placed in ours, so those rules are not applied."""

from __future__ import annotations

from layout.model.style import OutputProfile
from layout.preflight.inspect import PreflightFinding, preflight_pdf

CONTENT_RULES = frozenset({"unreadable", "colour-space", "ink-limit", "font-not-embedded", "font-type3", "image-resolution", "transparency"})


def preflight_ad(data: bytes, profile: OutputProfile) -> list[PreflightFinding]:
    """The findings of the ad's first page that would make our page fail its profile."""
    return [finding for finding in preflight_pdf(data, profile) if finding.code in CONTENT_RULES and finding.page in (None, 1)]
