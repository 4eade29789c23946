"""fonts/fonts.yaml → FontManifest; each pinned file must exist and match its checksum."""

from __future__ import annotations

import hashlib
import os

from layout.load.boundary import Area, Blame, Boundary, resolve_named
from layout.load.limits import FONT_FILE, FONT_MANIFEST, MAX_NAME_CHARS
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


def load_fonts(path: str | None = None, *, boundary: Boundary | None = None, named_at: Blame | None = None) -> FontManifest:
    """The manifest at `path` (already resolved by the caller), or the one pinned beside the
    package. Its font files must lie beside it, or in a folder the boundary allows."""
    path = os.path.realpath(path or default_manifest_path())
    root = load_yaml(path, FONT_MANIFEST, named_at=named_at)
    top = root.mapping({"fonts", "repertoire_sha256"}, ("fonts",))
    base = os.path.dirname(path)
    area = boundary.beside(path) if boundary else Area(f"the folder of {os.path.basename(path)}", (base,))
    faces = []
    for entry in top["fonts"].sequence(100):
        fields = entry.mapping(ENTRY_KEYS, ("role", "family", "file", "postscript_name", "sha256"))
        file_node = fields["file"]
        font_path = resolve_named(file_node.text(), base, area, file_node.blame(), FONT_FILE)
        expected = fields["sha256"].text(max_chars=64)
        if _sha256(font_path) != expected:
            raise fields["sha256"].error(f"{file_node.text()} does not match its checksum", "the pinned font changed: restore it from the repository or regenerate fonts/ with tools/make_fonts.py")
        faces.append(
            FontFace(
                role=fields["role"].text(max_chars=MAX_NAME_CHARS),
                family=fields["family"].text(),
                style=fields["style"].text() if "style" in fields else "Regular",
                path=font_path,
                postscript_name=fields["postscript_name"].text(max_chars=MAX_NAME_CHARS),
                sha256=expected,
            )
        )
    if not faces:
        raise top["fonts"].error("the manifest lists no fonts", "list at least the roles the style sheet uses")
    return FontManifest(path=path, faces=tuple(faces))


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
