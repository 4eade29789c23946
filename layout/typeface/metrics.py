"""Advance widths and vertical metrics per font role, as integer font units."""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from layout.cache import cached
from layout.model.fonts import FontManifest


@dataclass(frozen=True)
class FaceMetrics:
    role: str
    units_per_em: int
    advances: Mapping[int, int]  # code point → advance in font units
    ascender: int  # ideographic em box top above the baseline, font units
    descender: int  # below the baseline, positive

    def covers(self, char: str) -> bool:
        return ord(char) in self.advances

    def advance(self, char: str, size: int) -> int:
        """Advance of one character at `size` (mpt), in mpt."""
        units = self.advances.get(ord(char))
        if units is None:
            units = self.units_per_em  # missing glyph: keep a full cell; the check reports it
        return (2 * units * size + self.units_per_em) // (2 * self.units_per_em)

    def baseline_offset(self, size: int) -> int:
        """Distance from the em box top to the baseline, mpt."""
        return round(size * self.ascender / (self.ascender + self.descender))


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: composition caches key on it
class FontSet:
    faces: Mapping[str, FaceMetrics]

    def __getitem__(self, role: str) -> FaceMetrics:
        return self.faces[role]


_faces: dict[tuple[str, str, str], FaceMetrics] = {}
_sets: dict[tuple, FontSet] = {}


def load_metrics(manifest: FontManifest) -> FontSet:
    """The same FontSet object for the same fonts, so composition caches survive reloading an
    issue (watch mode, benchmarks, tests)."""
    key = tuple((face.role, face.path, face.sha256) for face in manifest.faces)
    if key not in _sets:
        for face_key in key:
            if face_key not in _faces:
                _faces[face_key] = _cached_face(*face_key)
        _sets[key] = FontSet(MappingProxyType({face_key[0]: _faces[face_key] for face_key in key}))
    return _sets[key]


METRICS_VERSION = 1  # of the cached form below: a change to it gets new cache entries


def _cached_face(role: str, path: str, sha256: str) -> FaceMetrics:
    """A face's metrics from the cache (layout/cache.py), keyed by the font file's sha256; read
    with fontTools (about 0.1 s a face) only the first time."""
    payload = cached("metrics", METRICS_VERSION, sha256, lambda: _pack(_read_face(role, path)))
    return _unpack(role, payload)


def _pack(face: FaceMetrics) -> bytes:
    """units per em, ascender, descender, count; the code points; their advances (uint32 each)."""
    codes = array("I", sorted(face.advances))
    advances = array("I", (face.advances[code] for code in codes))
    head = array("I", (face.units_per_em, face.ascender, face.descender, len(codes)))
    return b"".join(part.tobytes() for part in (head, codes, advances))


def _unpack(role: str, payload: bytes) -> FaceMetrics:
    numbers = array("I")
    numbers.frombytes(payload)
    upm, ascender, descender, count = numbers[:4]
    codes, advances = numbers[4 : 4 + count], numbers[4 + count : 4 + 2 * count]
    return FaceMetrics(role, upm, MappingProxyType(dict(zip(codes, advances))), ascender, descender)


def _read_face(role: str, path: str) -> FaceMetrics:
    from fontTools.ttLib import TTFont  # only when the cache has no entry for the face

    font = TTFont(path, lazy=True)
    try:
        # Glyph ids as glyph names: fontTools would otherwise build 21,000 names from the cmap
        # and the post table (two thirds of the read), and only the advances are wanted here.
        font.setGlyphOrder([f"g{gid}" for gid in range(font["maxp"].numGlyphs)])
        cmap = font.getBestCmap()
        hmtx = font["hmtx"].metrics
        advances = {cp: hmtx[name][0] for cp, name in cmap.items()}
        os2 = font["OS/2"]
        # CJK faces centre the ideographic em box on the typo metrics (Noto: 880 / -120).
        ascender, descender = os2.sTypoAscender, -os2.sTypoDescender
        upm = font["head"].unitsPerEm
        if ascender + descender != upm:
            ascender, descender = round(upm * 0.88), upm - round(upm * 0.88)
        return FaceMetrics(role, upm, MappingProxyType(advances), ascender, descender)
    finally:
        font.close()
