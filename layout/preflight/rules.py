"""Preflight rules: a stable code and what it means (CJK-TYPOGRAPHY §6; ISO 15930)."""

from __future__ import annotations

PREFLIGHT_RULES: dict[str, str] = {
    "unreadable": "the file is not a PDF that can be parsed",
    "pdfx-missing": "no PDF/X identification (GTS_PDFXVersion) in the document information",
    "pdfx-version": "the PDF/X version or the PDF version is not the one the profile asks for",
    "pdfx-xmp": "the XMP metadata lacks the PDF/X version",
    "trapped": "the document information has no Trapped key set to True or False",
    "output-intent": "no GTS_PDFX output intent, or one without identifier or the ICC profile the standard needs",
    "page-boxes": "a page lacks a TrimBox, or its boxes are not nested TrimBox ⊆ BleedBox ⊆ MediaBox",
    "font-not-embedded": "a font whose program is not embedded",
    "font-type3": "a Type 3 font (bitmap or procedure glyphs)",
    "colour-space": "RGB or Lab colour where the profile allows only CMYK",
    "ink-limit": "a colour that puts down more ink than the press's limit",
    "type-size": "text smaller than the press's minimum type size",
    "rule-weight": "a stroked line thinner than the press's minimum rule weight",
    "image-resolution": "an image placed below the minimum resolution",
    "transparency": "transparency (soft masks, alpha, blend modes, transparency groups) where PDF/X-1a forbids it",
}
