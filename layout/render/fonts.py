"""The pinned faces registered with ReportLab (TrueType outlines, subset and embedded at save).

Noto's CFF outlines were converted to TrueType once, ahead of time (tools/make_fonts.py), so
ReportLab's own TrueType subsetter embeds them: about 0.1 s per page instead of about a second per
face per document for fontTools CFF subsetting (see the closing note of step 1 and bench/).
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from layout.model.fonts import FontManifest

_registered: dict[tuple[str, str], str] = {}


def register_fonts(manifest: FontManifest) -> dict[str, str]:
    """Font role → the name registered with ReportLab (unique per file content)."""
    names = {}
    for face in manifest.faces:
        key = (face.path, face.sha256)
        if key not in _registered:
            name = f"{face.postscript_name}-{face.sha256[:8]}"
            pdfmetrics.registerFont(TTFont(name, face.path))
            _registered[key] = name
        names[face.role] = _registered[key]
    return names
