"""fonts/fonts.yaml → FontManifest; each pinned file must exist and match its checksum."""

from __future__ import annotations

import hashlib
import os

from layout.load.yamlsrc import load_yaml
from layout.model.fonts import FontFace, FontManifest

ENTRY_KEYS = {
    "role", "family", "style", "file", "postscript_name", "licence", "licence_file", "source",
    "sha256", "glyphs", "codepoints", "repertoire", "outlines",
}

# Hashing ~40 MB of fonts costs about 0.1 s; remember files already verified by (path, size, mtime).
_verified: dict[tuple[str, int, int], str] = {}


def default_manifest_path() -> str:
    """The fonts pinned in the repository, beside the package."""
    return os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "fonts", "fonts.yaml")


def load_fonts(path: str | None = None) -> FontManifest:
    path = path or default_manifest_path()
    root = load_yaml(path)
    top = root.mapping({"fonts", "repertoire_sha256"}, ("fonts",))
    base = os.path.dirname(os.path.abspath(path))
    faces = []
    for entry in top["fonts"].sequence():
        fields = entry.mapping(ENTRY_KEYS, ("role", "family", "file", "postscript_name", "sha256"))
        file_node = fields["file"]
        font_path = os.path.join(base, file_node.text())
        if not os.path.isfile(font_path):
            raise file_node.error(f"font file {file_node.text()} is missing", "run `python3 tools/make_fonts.py` or restore fonts/ from the repository")
        expected = fields["sha256"].text()
        actual = _sha256(font_path)
        if actual != expected:
            raise fields["sha256"].error(f"{file_node.text()} does not match its checksum", "the pinned font changed: restore it from the repository or regenerate fonts/ with tools/make_fonts.py")
        faces.append(
            FontFace(
                role=fields["role"].text(),
                family=fields["family"].text(),
                style=fields["style"].text() if "style" in fields else "Regular",
                path=font_path,
                postscript_name=fields["postscript_name"].text(),
                sha256=expected,
            )
        )
    return FontManifest(path=os.path.abspath(path), faces=tuple(faces))


def _sha256(path: str) -> str:
    stat = os.stat(path)
    key = (path, stat.st_size, stat.st_mtime_ns)
    if key not in _verified:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _verified[key] = digest.hexdigest()
    return _verified[key]
