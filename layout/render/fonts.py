"""The pinned faces registered with ReportLab, each embedded once per document as a CID-keyed
font (render/cidfont.py): Type0, Identity-H, CIDFontType2 with its glyphs at their own ids.

Noto's CFF outlines were converted to TrueType once, ahead of time (tools/make_fonts.py), so the
subset is a TrueType program cut from the face's own tables: a few milliseconds a face, instead
of about a second a face for fontTools subsetting CFF.
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from layout.model.fonts import FontManifest
from layout.render.cidfont import CIDEmbeddedFont, FontProgram

_registered: dict[tuple[str, str], str] = {}


def register_fonts(manifest: FontManifest) -> dict[str, str]:
    """Font role → the name registered with ReportLab (unique per file content)."""
    names = {}
    for face in manifest.faces:
        key = (face.path, face.sha256)
        if key not in _registered:
            name = f"{face.postscript_name}-{face.sha256[:8]}"
            pdfmetrics.registerFont(CIDEmbeddedFont(name, FontProgram(face.path, face.sha256, face.postscript_name)))
            _registered[key] = name
        names[face.role] = _registered[key]
    return names


def embedded_fonts(names: dict[str, str]) -> list[CIDEmbeddedFont]:
    """The registered fonts behind `register_fonts`' names, in role order."""
    return [pdfmetrics.getFont(name) for name in dict.fromkeys(names.values())]
