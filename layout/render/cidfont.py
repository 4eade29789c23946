"""Each pinned face embedded once per document, as print workflows expect: a Type0 font
(Identity-H) over a CIDFontType2 with a W array, a ToUnicode CMap and a CIDToGIDMap, and a
TrueType subset that keeps every used glyph at its original id.

A character's CID is its own code point. A page's text codes therefore do not depend on which
glyphs the document holds: the issue PDF gives each face one font, the union of its pages'
characters, without touching a content stream. ToUnicode is exact even where two characters
share one glyph (- and the soft hyphen the composer draws). The subset tag (the six letters
before the face's name) is derived from the characters the subset holds, so two different
subsets never share a name and equal ones always do: an imposition that puts pages on one plate
cannot pick the wrong glyphs.

`FontProgram` reads the face (its table directory and, for the glyphs, loca and glyf) and writes
subsets; `font_objects` describes the PDF objects of one subset in plain values, which
`CIDEmbeddedFont.addObjects` (ReportLab, per page) and `render/pdfx.py` (pikepdf, the issue PDF)
write out. `CIDEmbeddedFont` is the font ReportLab draws with: two bytes per character, and a
record of the characters each document used.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import struct
import sys
from array import array
from dataclasses import dataclass
from functools import cached_property

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import TTFontMaker

from layout.cache import cached

PROGRAM_VERSION = 2  # of the cached cmap, widths and descriptor values below
DEFAULT_WIDTH = 1000  # /DW: most glyphs of a CJK face are one em; only the others go in /W
_COMPOSITE_FLAGS = ((0x0001, 4, 2), (0x0008, 2, 0), (0x0040, 4, 0), (0x0080, 8, 0))  # flag, bytes if set, else
_MORE_COMPONENTS = 0x0020
# a cmap of no mappings: a CIDFontType2 finds glyphs through CIDToGIDMap, but some readers want the table
_EMPTY_CMAP = struct.pack(">HHHHIHHHHHHHHHHH", 0, 1, 3, 1, 12, 4, 24, 0, 2, 2, 0, 0, 0xFFFF, 0, 0xFFFF, 1) + b"\0\0"


class Name(str):
    """A PDF name in `font_objects`' plain values (a plain str is a PDF string)."""


class Ref(str):
    """In `font_objects`' plain values, a reference to another object of the subset, by key."""


@dataclass(frozen=True)
class Stream:
    data: bytes
    entries: dict


@dataclass(frozen=True)
class FontObjects:
    """One subset's objects: the Type0 font refers to the others by these keys."""

    base_font: str
    type0: dict
    cid_font: dict
    descriptor: dict
    font_file: Stream
    to_unicode: Stream
    cid_to_gid: Stream


class FontProgram:
    """A TrueType face: its character map and widths (from the cache), and subsets of it."""

    def __init__(self, path: str, sha256: str, postscript_name: str):
        self.path = path
        self.postscript_name = postscript_name
        info = cached("cidfont", PROGRAM_VERSION, sha256, lambda: _read_program(path))
        size = int.from_bytes(info[:4], "little")
        self.header = json.loads(info[4 : 4 + size])
        numbers = array("I")
        numbers.frombytes(info[4 + size :])
        count = self.header["mapped"]
        self.glyph_of = dict(zip(numbers[:count], numbers[count : 2 * count]))  # code point → glyph id
        self.advances = numbers[2 * count :]  # glyph id → advance, font units
        scale = 1000 / self.header["units_per_em"]
        self.widths = {code: round(self.advances[gid] * scale) for code, gid in self.glyph_of.items()}  # 1/1000 em

    @cached_property
    def _tables(self) -> dict[str, memoryview]:
        """The face's tables, mapped rather than read: a subset touches the few glyphs it
        holds, not the whole file (10 MB a face, in every page worker)."""
        with open(self.path, "rb") as handle:
            data = memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
        count = struct.unpack(">H", data[4:6])[0]
        tables = {}
        for n in range(count):
            tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * n : 28 + 16 * n])
            tables[tag.decode("latin-1")] = data[offset : offset + length]
        return tables

    def subset(self, glyphs: set[int]) -> bytes:
        """A TrueType font holding `glyphs` (and the glyphs they are built from) at their ids,
        every other glyph empty."""
        tables = self._tables
        count = struct.unpack(">H", tables["maxp"][4:6])[0]
        short = struct.unpack(">h", tables["head"][50:52])[0] == 0
        loca = array("H" if short else "I")
        loca.frombytes(tables["loca"][: (count + 1) * loca.itemsize])
        _swap_to_host(loca)
        offsets = [o * 2 for o in loca] if short else list(loca)
        glyf = tables["glyf"]
        keep = _with_components({0} | {g for g in glyphs if g < count}, glyf, offsets)
        out, new = [], array("I", [0]) * (count + 1)
        position = 0
        for gid in range(count):
            new[gid] = position
            if gid in keep:
                data = bytes(glyf[offsets[gid] : offsets[gid + 1]])
                data += b"\0" * (-len(data) % 4)
                out.append(data)
                position += len(data)
        new[count] = position
        _swap_to_host(new)  # and back: the same swap
        maker = TTFontMaker()
        for tag in ("hhea", "maxp", "hmtx", "OS/2", "name", "cvt ", "fpgm", "prep"):
            if tag in tables:
                maker.add(tag, bytes(tables[tag]))
        head = bytes(tables["head"])
        maker.add("head", head[:50] + struct.pack(">h", 1) + head[52:])  # long loca offsets
        maker.add("loca", new.tobytes())
        maker.add("glyf", b"".join(out))
        maker.add("post", b"\x00\x03\x00\x00" + bytes(tables["post"][4:16]) + b"\0" * 16)  # no glyph names
        maker.add("cmap", _EMPTY_CMAP)
        return maker.makeStream()


def _swap_to_host(numbers: array) -> None:
    """Font tables and PDF streams are big-endian: swap between them and a little-endian host."""
    if sys.byteorder == "little":
        numbers.byteswap()


def _with_components(glyphs: set[int], glyf: bytes | memoryview, offsets: list[int]) -> set[int]:
    """`glyphs` and every glyph a composite among them is made of."""
    found, todo = set(glyphs), list(glyphs)
    while todo:
        gid = todo.pop()
        start, end = offsets[gid], offsets[gid + 1]
        if end - start < 10 or struct.unpack(">h", glyf[start : start + 2])[0] >= 0:
            continue
        at, flags = start + 10, _MORE_COMPONENTS
        while flags & _MORE_COMPONENTS and at + 4 <= end:
            flags, component = struct.unpack(">HH", glyf[at : at + 4])
            at += 4 + sum(size if flags & flag else other for flag, size, other in _COMPOSITE_FLAGS)
            if component not in found:
                found.add(component)
                todo.append(component)
    return found


def _read_program(path: str) -> bytes:
    """What the cache keeps of a face: its character map, advances and descriptor values."""
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    try:
        count = font["maxp"].numGlyphs
        font.setGlyphOrder([f"g{gid}" for gid in range(count)])  # no glyph names needed
        cmap = font.getBestCmap()
        hmtx = font["hmtx"].metrics
        head, os2, post = font["head"], font["OS/2"], font["post"]
        scale = 1000 / head.unitsPerEm
        header = {
            "units_per_em": head.unitsPerEm,
            "mapped": len(cmap),
            "bbox": [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)],
            "ascent": round(os2.sTypoAscender * scale),  # the ideographic em box, as the metrics take it
            "descent": round(os2.sTypoDescender * scale),
            "cap_height": round(getattr(os2, "sCapHeight", 0) * scale) or round(os2.sTypoAscender * scale),
            "italic_angle": post.italicAngle,
            "stem_v": 50 + int((os2.usWeightClass / 65.0) ** 2),
        }
        codes = sorted(cmap)
        numbers = array("I", codes)
        numbers.extend(int(cmap[code][1:]) for code in codes)
        numbers.extend(hmtx[f"g{gid}"][0] for gid in range(count))
        text = json.dumps(header, sort_keys=True).encode("ascii")
        return len(text).to_bytes(4, "little") + text + numbers.tobytes()
    finally:
        font.close()


def cid_of(char: str, program: FontProgram) -> int:
    """A character's CID: its own code point (so ToUnicode is exact even where two characters
    share a glyph, as - and the soft hyphen do), 0 where the face has no glyph for it or it
    lies beyond the two bytes of Identity-H (the check reports a missing glyph)."""
    code = ord(char)
    return code if code <= 0xFFFF and code in program.glyph_of else 0


def subset_tag(postscript_name: str, codes: dict[int, str]) -> str:
    """Six capitals from the subset's content: its face and the characters it holds."""
    digest = hashlib.sha256(postscript_name.encode() + "".join(chr(c) for c in sorted(codes)).encode("utf-8", "surrogatepass")).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def font_objects(program: FontProgram, codes: dict[int, str]) -> FontObjects:
    """The objects of the subset holding `codes` (CID → the character it stands for)."""
    base = f"{subset_tag(program.postscript_name, codes)}+{program.postscript_name}"
    header = program.header
    glyph_of = {cid: program.glyph_of.get(cid, 0) if cid else 0 for cid in codes}
    font_file = program.subset(set(glyph_of.values()))
    descriptor = {
        "Type": Name("FontDescriptor"), "FontName": Name(base), "Flags": 4, "FontBBox": header["bbox"],
        "ItalicAngle": header["italic_angle"], "Ascent": header["ascent"], "Descent": header["descent"],
        "CapHeight": header["cap_height"], "StemV": header["stem_v"], "FontFile2": Ref("font_file"),
    }
    cid_font = {
        "Type": Name("Font"), "Subtype": Name("CIDFontType2"), "BaseFont": Name(base),
        "CIDSystemInfo": {"Registry": "Adobe", "Ordering": "Identity", "Supplement": 0},
        "FontDescriptor": Ref("descriptor"), "DW": DEFAULT_WIDTH, "W": _widths(program, glyph_of), "CIDToGIDMap": Ref("cid_to_gid"),
    }
    type0 = {
        "Type": Name("Font"), "Subtype": Name("Type0"), "BaseFont": Name(base), "Encoding": Name("Identity-H"),
        "DescendantFonts": [Ref("cid_font")], "ToUnicode": Ref("to_unicode"),
    }
    cid_to_gid = array("H", [0]) * (max(codes, default=0) + 1)
    for cid, gid in glyph_of.items():
        cid_to_gid[cid] = gid
    _swap_to_host(cid_to_gid)  # to big-endian, as the PDF stores it
    return FontObjects(base, type0, cid_font, descriptor, Stream(font_file, {"Length1": len(font_file)}), Stream(_to_unicode(base, codes), {}), Stream(cid_to_gid.tobytes(), {}))


def _widths(program: FontProgram, glyph_of: dict[int, int]) -> list:
    """The /W array: runs of consecutive CIDs whose width is not the default."""
    scale = 1000 / program.header["units_per_em"]
    out: list = []
    previous = None
    for cid in sorted(glyph_of):
        width = round(program.advances[glyph_of[cid]] * scale)
        if width == DEFAULT_WIDTH:
            continue
        if previous is not None and cid == previous + 1:
            out[-1].append(width)
        else:
            out += [cid, [width]]
        previous = cid
    return out


def _to_unicode(base: str, codes: dict[int, str]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        f"/CMapName /{base.replace('+', '-')}-UCS def", "/CMapType 2 def",
        "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
    ]
    entries = sorted(codes.items())
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{cid:04X}> <{text.encode('utf-16-be').hex().upper()}>" for cid, text in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


class _Face:
    """What ReportLab and the painter ask of a font's face."""

    def __init__(self, program: FontProgram, name: str):
        self.name = name.encode("latin-1")
        self.charWidths = program.widths
        self.defaultWidth = DEFAULT_WIDTH
        self.ascent = program.header["ascent"]
        self.descent = program.header["descent"]


class CIDEmbeddedFont:
    """A ReportLab dynamic font: each character drawn as its two-byte CID, one subset per
    document, written at save (`addObjects`). `glyphs_used(doc)` says what a document drew."""

    _dynamicFont = 1
    _multiByte = 0
    shapable = False

    def __init__(self, name: str, program: FontProgram):
        self.fontName = name
        self.program = program
        self.face = _Face(program, name)
        self.encoding = None
        self._used: dict[int, dict[int, str]] = {}  # id(doc) → CID → its character
        self._names: dict[int, str] = {}  # id(doc) → resource name

    def stringWidth(self, text: str, size: float, encoding=None) -> float:
        widths = self.program.widths
        return sum(widths.get(ord(char), DEFAULT_WIDTH) for char in text) * size / 1000

    def splitString(self, text: str, doc, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        used = self._used.setdefault(id(doc), {})
        codes = [cid_of(char, self.program) for char in text]
        for code, char in zip(codes, text):
            used.setdefault(code, char)
        return [(0, struct.pack(f">{len(codes)}H", *codes))]

    def getSubsetInternalName(self, subset: int, doc) -> str:
        name = self._names.get(id(doc))
        if name is None:
            name = self._names[id(doc)] = f"F{len(doc.fontMapping) + 1}"
            doc.fontMapping[self.fontName] = "/" + name
            doc.delayedFonts.append(self)
        return "/" + name

    def addObjects(self, doc) -> None:
        objects = font_objects(self.program, self._used.get(id(doc), {}))
        name = self._names[id(doc)]
        references = {}
        for key in ("font_file", "to_unicode", "cid_to_gid"):
            stream = getattr(objects, key)
            pdf_stream = pdfdoc.PDFStream(dictionary=pdfdoc.PDFDictionary({k: _to_reportlab(v, references) for k, v in stream.entries.items()}), content=stream.data, filters=[pdfdoc.PDFZCompress] if doc.compression else None)
            references[key] = doc.Reference(pdf_stream, f"{key}:{name}")
        references["descriptor"] = doc.Reference(_to_reportlab(objects.descriptor, references), f"descriptor:{name}")
        references["cid_font"] = doc.Reference(_to_reportlab(objects.cid_font, references), f"cid_font:{name}")
        doc.idToObject["BasicFonts"].dict[name] = doc.Reference(_to_reportlab(objects.type0, references), name)

    def glyphs_used(self, doc) -> dict[int, str]:
        """The characters `doc` drew with this font (CID → character), and forget the document."""
        self._names.pop(id(doc), None)
        return self._used.pop(id(doc), {})


def _to_reportlab(value, references: dict):
    if isinstance(value, Ref):
        return references[str(value)]
    if isinstance(value, Name):
        return pdfdoc.PDFName(str(value))
    if isinstance(value, str):
        return pdfdoc.PDFString(value)
    if isinstance(value, dict):
        return pdfdoc.PDFDictionary({k: _to_reportlab(v, references) for k, v in value.items()})
    if isinstance(value, list):
        return pdfdoc.PDFArray([_to_reportlab(v, references) for v in value])
    return value
