#!/usr/bin/env python3
"""Regenerate the pinned fonts in fonts/ from the Debian font packages.

    python3 tools/make_fonts.py            # from the repository root
    python3 tools/make_fonts.py --out DIR  # build somewhere else (e.g. to compare)

What it does, per face (see fonts/REPERTOIRE.md, which this script also writes):

1. finds the source file in the standard Debian location (or via `dpkg-query -L`)
   and the face inside a .ttc by its PostScript name;
2. subsets it with fontTools.subset to the repertoire (GBK Han + punctuation +
   Latin-1 + newspaper symbols), keeping only the layout features
   kern vert vrt2 halt vhal palt vpal, no hinting, no glyph names;
3. converts CFF outlines to TrueType (glyf) with cu2qu, max_err 1.0 font unit
   (the fontTools Snippets/otf2ttf.py recipe); WenKai is TrueType already;
4. renames the face (distinct family and PostScript name, no Reserved Font Name),
   pins head.created/modified, and writes it reproducibly;
5. writes fonts/fonts.yaml, the licence files and REPERTOIRE.md.

Running it twice gives byte-identical files.  head.created/modified come from
SOURCE_DATE_EPOCH if it is set, otherwise from the source font's own head table.
At most two faces are built in parallel (about 0.4 GB RAM each, measured).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "fonts"

MAX_ERR = 1.0  # cu2qu tolerance, font units (UPM is 1000 for all four sources)
LAYOUT_FEATURES = ["kern", "vert", "vrt2", "halt", "vhal", "palt", "vpal"]
KEEP_TABLES = {
    "head", "hhea", "maxp", "OS/2", "hmtx", "cmap", "glyf", "loca", "post", "name",
    "vhea", "vmtx", "GDEF", "GSUB", "GPOS",
}
REPERTOIRE_LABEL = "GBK Han + punctuation + Latin-1, see REPERTOIRE.md"
SIZE_LIMIT_STOP = 48 * 1000 * 1000  # four faces together; above this we stop and report
SIZE_LIMIT_DIR = 50 * 1000 * 1000  # all of fonts/

NOTO_DIRS = ["/usr/share/fonts/opentype/noto"]
WENKAI_DIRS = ["/usr/share/fonts/truetype/lxgw-wenkai"]

PACKAGES = {
    "fonts-noto-cjk": {
        "copyright": "/usr/share/doc/fonts-noto-cjk/copyright",
        "licence_file": "LICENSE-OFL-Noto.txt",
        "label": "Noto CJK",
    },
    "fonts-lxgw-wenkai": {
        "copyright": "/usr/share/doc/fonts-lxgw-wenkai/copyright",
        "licence_file": "LICENSE-OFL-LXGWWenKai.txt",
        "label": "LXGW WenKai",
    },
}

# role, source, output naming.  out_family / ps_name are what the derived font
# calls itself; they must be distinct per face (ReportLab deduplicates by
# PostScript name) and must not contain a Reserved Font Name ("LXGW", "霞鹜",
# "Source" -- see REPERTOIRE.md).
FACES = [
    {
        "role": "body",
        "family": "Noto Serif CJK SC",
        "style": "Regular",
        "package": "fonts-noto-cjk",
        "dirs": NOTO_DIRS,
        "source_file": "NotoSerifCJK-Regular.ttc",
        "source_ps": "NotoSerifCJKsc-Regular",
        "file": "NotoSerifSC-Regular-GBK.ttf",
        "out_family": "Layout Noto Serif SC",
        "postscript_name": "LayoutNotoSerifSC-Regular",
    },
    {
        "role": "headline",
        "family": "Noto Serif CJK SC",
        "style": "Bold",
        "package": "fonts-noto-cjk",
        "dirs": NOTO_DIRS,
        "source_file": "NotoSerifCJK-Bold.ttc",
        "source_ps": "NotoSerifCJKsc-Bold",
        "file": "NotoSerifSC-Bold-GBK.ttf",
        "out_family": "Layout Noto Serif SC",
        "postscript_name": "LayoutNotoSerifSC-Bold",
    },
    {
        "role": "hei",
        "family": "Noto Sans CJK SC",
        "style": "Bold",
        "package": "fonts-noto-cjk",
        "dirs": NOTO_DIRS,
        "source_file": "NotoSansCJK-Bold.ttc",
        "source_ps": "NotoSansCJKsc-Bold",
        "file": "NotoSansSC-Bold-GBK.ttf",
        "out_family": "Layout Noto Sans SC",
        "postscript_name": "LayoutNotoSansSC-Bold",
    },
    {
        "role": "kai",
        "family": "LXGW WenKai",
        "style": "Regular",
        "package": "fonts-lxgw-wenkai",
        "dirs": WENKAI_DIRS,
        "source_file": "LXGWWenKai-Regular.ttf",
        "source_ps": "LXGWWenKai-Regular",
        "file": "WenKai-Regular-GBK.ttf",
        "out_family": "Layout WenKai",
        "postscript_name": "LayoutWenKai-Regular",
    },
]


# --------------------------------------------------------------------------
# Repertoire
# --------------------------------------------------------------------------

HAN_RANGES = [
    (0x4E00, 0x9FFF, "CJK Unified Ideographs"),
    (0x3400, 0x4DBF, "CJK Unified Ideographs Extension A"),
    (0xF900, 0xFAFF, "CJK Compatibility Ideographs"),
]

# (first, last, description) -- inclusive ranges added on top of GBK Han
EXTRA_RANGES = [
    (0x0020, 0x007E, "ASCII printable"),
    (0x00A0, 0x00FF, "Latin-1 Supplement printable"),
    (0x2000, 0x206F, "General Punctuation"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
    (0x2460, 0x2473, "Circled numbers ① to ⑳"),
    (0x2160, 0x216B, "Roman numerals Ⅰ to Ⅻ"),
    (0x25A0, 0x25FF, "Geometric Shapes"),
]
NEWSPAPER_SYMBOLS = "■□●○◆◇★☆▲△※→←↑↓№℃‰′″°±×÷√∞≤≥≠\u2E3A\u22EF￥"


def is_han(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi, _ in HAN_RANGES)


def gbk_han() -> list[int]:
    """Every CJK ideograph reachable by decoding a valid GBK double-byte code."""
    found = set()
    trails = list(range(0x40, 0x7F)) + list(range(0x80, 0xFF))
    for lead in range(0x81, 0xFF):
        for trail in trails:
            try:
                ch = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and is_han(ord(ch)):
                found.add(ord(ch))
    return sorted(found)


def repertoire() -> list[int]:
    cps = set(gbk_han())
    for lo, hi, _ in EXTRA_RANGES:
        cps.update(range(lo, hi + 1))
    cps.update(ord(c) for c in NEWSPAPER_SYMBOLS)
    # Unassigned / control / format code points in the blocks above are harmless
    # (a font cannot map controls meaningfully; they simply drop out below).
    return sorted(cps)


def repertoire_sha256(cps: list[int]) -> str:
    """sha256 of the sorted code points written as uppercase hex, one per line."""
    return hashlib.sha256("".join("%04X\n" % cp for cp in cps).encode("ascii")).hexdigest()


# --------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------

def die(msg: str) -> None:
    print("make_fonts: error: " + msg, file=sys.stderr)
    sys.exit(2)


def package_version(package: str) -> str:
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package],
            check=True, capture_output=True, text=True,
        ).stdout.strip()
    except FileNotFoundError:
        die("dpkg-query not found: this script expects a Debian system with the "
            f"package {package} installed")
    except subprocess.CalledProcessError:
        die(f"Debian package {package} is not installed: run `sudo apt-get install {package}`")
    if not out:
        die(f"Debian package {package} is not installed: run `sudo apt-get install {package}`")
    return out


def find_source(face: dict) -> Path:
    for d in face["dirs"]:
        p = Path(d) / face["source_file"]
        if p.is_file():
            return p
    # non-standard location: ask dpkg which files the package installed
    try:
        listing = subprocess.run(["dpkg-query", "-L", face["package"]],
                                 capture_output=True, text=True).stdout.splitlines()
    except FileNotFoundError:
        listing = []
    for line in listing:
        if line.endswith("/" + face["source_file"]) and Path(line).is_file():
            return Path(line)
    die(f"{face['source_file']} (for role '{face['role']}') not found in "
        f"{', '.join(face['dirs'])}: install the Debian package {face['package']} "
        f"(`sudo apt-get install {face['package']}`)")
    raise AssertionError  # unreachable


def face_index(path: Path, ps_name: str) -> int:
    """Index of the face whose name ID 6 is ps_name (0 for a plain .ttf)."""
    from fontTools.ttLib import TTCollection, TTFont

    with open(path, "rb") as f:
        tag = f.read(4)
    if tag != b"ttcf":
        font = TTFont(path, lazy=True)
        if font["name"].getDebugName(6) != ps_name:
            die(f"{path}: PostScript name is {font['name'].getDebugName(6)!r}, expected {ps_name!r}")
        return 0
    coll = TTCollection(path, lazy=True)
    names = [f["name"].getDebugName(6) for f in coll.fonts]
    if ps_name not in names:
        die(f"{path}: no face named {ps_name!r} (faces: {names})")
    return names.index(ps_name)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# --------------------------------------------------------------------------
# Building one face (runs in a worker process)
# --------------------------------------------------------------------------

def cff_to_glyf(font, max_err: float = MAX_ERR) -> None:
    """fontTools Snippets/otf2ttf.py, plus keeping the vertical origin in vmtx."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    assert font.sfntVersion == "OTTO" and "CFF " in font
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    quad = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(tt_pen, max_err, reverse_direction=True))
        quad[name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = quad
    del font["CFF "]
    glyf.compile(font)  # computes the glyph bounding boxes

    hmtx = font["hmtx"]
    for name, g in glyf.glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)

    # Without VORG a TrueType consumer takes the vertical origin as tsb + yMax.
    # Keep the origin the CFF font declared, whatever the new yMax is.
    if "VORG" in font:
        vorg = font["VORG"]
        if "vmtx" in font:
            vmtx = font["vmtx"]
            for name, g in glyf.glyphs.items():
                if hasattr(g, "yMax") and name in vmtx.metrics:
                    origin = vorg.VOriginRecords.get(name, vorg.defaultVertOriginY)
                    vmtx[name] = (vmtx[name][0], origin - g.yMax)
        del font["VORG"]

    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(
        (len(getattr(g, "components", [])) for g in glyf.glyphs.values()), default=0)
    maxp.compile(font)

    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font, family: str, style: str, ps_name: str) -> None:
    name = font["name"]
    # Drop every naming record that could carry the original (possibly reserved)
    # primary font name; keep copyright, trademark, designer, licence, URLs.
    drop = {1, 2, 3, 4, 6, 16, 17, 18, 20, 21, 22, 25}
    name.names = [r for r in name.names if r.nameID not in drop]
    version = name.getDebugName(5) or ""
    number = re.search(r"[0-9]+(?:\.[0-9]+)*", version)
    full = f"{family} {style}"
    for nid, text in (
        (1, family),
        (2, style),
        (3, f"{ps_name};{number.group(0) if number else '0'};GBK subset"),
        (4, full),
        (5, f"{version}; GBK subset, TrueType outlines, tools/make_fonts.py"),
        (6, ps_name),
    ):
        name.setName(text, nid, 3, 1, 0x409)
    name.names.sort(key=lambda r: (r.platformID, r.platEncID, r.langID, r.nameID))


def build_face(task: dict) -> dict:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    t0 = time.monotonic()
    font = TTFont(task["source_path"], fontNumber=task["face_index"],
                  recalcTimestamp=False, recalcBBoxes=True)
    head_src = (font["head"].created, font["head"].modified)
    cff = "CFF " in font

    best = font.getBestCmap()
    wanted = [cp for cp in task["repertoire"] if cp in best]
    missing = [cp for cp in task["repertoire"] if cp not in best]

    opts = subset.Options()
    opts.layout_features = list(LAYOUT_FEATURES)
    opts.glyph_names = False
    opts.hinting = False
    opts.notdef_outline = True
    opts.notdef_glyph = True
    opts.name_IDs = ["*"]
    opts.name_languages = [0x0409]
    opts.name_legacy = False
    opts.legacy_cmap = False
    opts.symbol_cmap = False
    opts.recalc_timestamp = False
    opts.drop_tables = list(opts.drop_tables) + ["BASE", "gasp", "meta", "STAT"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=wanted)
    sub.subset(font)

    if cff:
        cff_to_glyf(font, MAX_ERR)

    dropped = sorted(t for t in font.keys() if t != "GlyphOrder" and t not in KEEP_TABLES)
    for tag in dropped:
        del font[tag]

    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}

    rename(font, task["out_family"], task["style"], task["postscript_name"])

    sde = os.environ.get("SOURCE_DATE_EPOCH")
    if sde:
        # head timestamps count seconds since 1904-01-01
        ts = int(sde) + 2082844800
        font["head"].created = font["head"].modified = ts
    else:
        font["head"].created, font["head"].modified = head_src

    out = Path(task["out_path"])
    tmp = out.with_name("." + out.name + ".tmp")
    font.save(tmp, reorderTables=True)
    os.replace(tmp, out)

    glyphs = len(font.getGlyphOrder())
    cmap = TTFont(out, lazy=True).getBestCmap()
    return {
        "role": task["role"],
        "glyphs": glyphs,
        "codepoints": len(cmap),
        "bytes": out.stat().st_size,
        "seconds": time.monotonic() - t0,
        "missing": missing,
        "dropped_tables": dropped,
        "cff": cff,
        "upm": font["head"].unitsPerEm,
    }


# --------------------------------------------------------------------------
# Licence files
# --------------------------------------------------------------------------

def parse_dep5(path: str) -> list[dict]:
    """Minimal machine-readable debian/copyright parser: list of paragraphs,
    each a dict field -> list of lines (first line = text after the colon)."""
    paras, cur, key = [], {}, None
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            if cur:
                paras.append(cur)
            cur, key = {}, None
        elif raw[0] in " \t" and key:
            cur[key].append(raw[1:])
        else:
            key, _, value = raw.partition(":")
            cur[key] = [value.strip()]
    if cur:
        paras.append(cur)
    return paras


def continuation_text(lines: list[str]) -> str:
    """DEP-5 continuation lines: ' .' is an empty line."""
    out = []
    for line in lines:
        out.append("" if line.strip() == "." else line.rstrip())
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def licence_text(package: str, version: str, faces: list[dict], name_notices: list[tuple]) -> str:
    paras = parse_dep5(PACKAGES[package]["copyright"])
    files_star = next(p for p in paras if p.get("Files", [""])[0] == "*")
    lic_short = files_star["License"][0]
    lic_para = next(p for p in paras if "Files" not in p and p.get("License", [""])[0] == lic_short
                    and len(p["License"]) > 1)
    ofl = continuation_text(lic_para["License"][1:])
    if "SIL OPEN FONT LICENSE Version 1.1" not in ofl:
        die(f"{PACKAGES[package]['copyright']}: licence {lic_short} is not the OFL 1.1 text")

    out = []
    out.append(f"Fonts in this directory derived from {PACKAGES[package]['label']} "
               f"(Debian package {package} {version}):")
    for f in faces:
        out.append(f"  {f['file']}  <-  {f['family']} {f['style']} "
                   f"({f['source_file']}, face {f['face_index']})")
    out.append("")
    out.append("They are Modified Versions in the sense of the SIL Open Font License 1.1:")
    out.append("subset to the repertoire described in REPERTOIRE.md, outlines converted")
    out.append("to TrueType where the source was CFF, hinting dropped, renamed. They are")
    out.append("generated by tools/make_fonts.py and distributed under the same licence.")
    out.append("")
    out.append("Copyright and trademark notices in the source fonts' name table")
    out.append("(kept unchanged in the derived fonts):")
    for text, where in name_notices:
        out.append("")
        for line in text.replace("\r\n", "\n").split("\n"):
            out.append("  " + line)
        out.append(f"    [{where}]")
    out.append("")
    out.append(f"Copyright as recorded by Debian ({PACKAGES[package]['copyright']}, Files: *):")
    out.append("")
    for k in ("Copyright", "License", "Comment"):
        if k in files_star:
            vals = [v for v in files_star[k] if v.strip()]
            out.append(f"  {k}: {vals[0].strip()}")
            for v in vals[1:]:
                out.append(f"    {v.strip()}")
    out.append("")
    out.append("This Font Software is licensed under the SIL Open Font License, Version 1.1.")
    out.append("This license is copied below (from the Debian copyright file), and is also")
    out.append("available with a FAQ at: https://openfontlicense.org")
    out.append("")
    out.append("")
    out.append(ofl)
    out.append("")
    return "\n".join(out)


def name_notices(faces: list[dict]) -> list[tuple]:
    from fontTools.ttLib import TTFont

    seen: dict[str, list[str]] = {}
    for f in faces:
        font = TTFont(f["source_path"], fontNumber=f["face_index"], lazy=True)
        for nid in (0, 7):
            text = font["name"].getDebugName(nid)
            if text:
                seen.setdefault(text, []).append(f"name ID {nid}, {f['family']} {f['style']}")
    return [(t, "; ".join(w)) for t, w in seen.items()]


# --------------------------------------------------------------------------
# Manifest and REPERTOIRE.md
# --------------------------------------------------------------------------

def write_manifest(out_dir: Path, entries: list[dict], rep_sha: str) -> None:
    import yaml

    header = (
        "# Pinned fonts, generated by tools/make_fonts.py -- do not edit by hand.\n"
        "# repertoire_sha256: sha256 of the sorted repertoire code points written as\n"
        "# uppercase hex (at least 4 digits), one per line, each line ending in \\n.\n"
    )
    body = yaml.safe_dump({"fonts": entries, "repertoire_sha256": rep_sha},
                          sort_keys=False, allow_unicode=True, width=100)
    (out_dir / "fonts.yaml").write_text(header + body, encoding="utf-8")


def cp_ranges(cps: list[int]) -> str:
    parts, start, prev = [], None, None
    for cp in cps:
        if start is None:
            start = prev = cp
        elif cp == prev + 1:
            prev = cp
        else:
            parts.append((start, prev))
            start = prev = cp
    if start is not None:
        parts.append((start, prev))
    return ", ".join("U+%04X" % a if a == b else "U+%04X–U+%04X" % (a, b) for a, b in parts)


def write_repertoire_md(out_dir: Path, rep: list[int], han: list[int], rep_sha: str,
                        entries: list[dict], results: dict, versions: dict) -> None:
    n_uro = sum(0x4E00 <= c <= 0x9FFF for c in han)
    n_exta = sum(0x3400 <= c <= 0x4DBF for c in han)
    n_compat = sum(0xF900 <= c <= 0xFAFF for c in han)
    n_extra = len(rep) - len(han)
    rows = []
    total = 0
    for e in entries:
        r = results[e["role"]]
        total += r["bytes"]
        miss = r["missing"]
        miss_han = [c for c in miss if is_han(c)]
        rows.append(
            f"| `{e['role']}` | {e['family']} {e['style']} | `{e['file']}` | `{e['postscript_name']}` "
            f"| {e['glyphs']:,} | {e['codepoints']:,} | {len(miss):,} ({len(miss_han)} Han) "
            f"| {r['bytes']:,} |")
    missing_detail = []
    for e in entries:
        miss = results[e["role"]]["missing"]
        miss_han = [c for c in miss if is_han(c)]
        if miss_han:
            missing_detail.append(
                f"- `{e['role']}` lacks {len(miss_han)} GBK Han: "
                + " ".join(chr(c) for c in miss_han[:60]) + (" …" if len(miss_han) > 60 else ""))
    wanted_sym = sorted(set(ord(c) for c in NEWSPAPER_SYMBOLS)
                        | set(range(0x2460, 0x2474)) | set(range(0x2160, 0x216C)))
    sym_missing = {e["role"]: [c for c in results[e["role"]]["missing"] if c in wanted_sym]
                   for e in entries}
    if not any(sym_missing.values()):
        symbols_line = ("Every face maps all the newspaper symbols listed above, ① to ⑳ and Ⅰ to Ⅻ; "
                        "what a face lacks is rarer General Punctuation and Geometric Shapes\n"
                        "(and, in WenKai, halfwidth Hangul and a few CJK brackets).")
    else:
        symbols_line = "Newspaper symbols a face lacks: " + "; ".join(
            f"`{k}`: " + " ".join(chr(c) for c in v) for k, v in sym_missing.items() if v) + "."
    text = f"""# fonts/: pinned print fonts and their repertoire

*Generated by `tools/make_fonts.py` together with the fonts; edit the template
in that script, not this file.*

## What is here

| role | source face | file | PostScript name | glyphs | code points | repertoire not in font | bytes |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

Total of the four faces: {total:,} bytes ({total / 1e6:.1f} MB). The manifest
`fonts.yaml` records, per face, the Debian package and version, the source file,
its face index and sha256, and the sha256 of the output file.

Sources: `fonts-noto-cjk` {versions['fonts-noto-cjk']}, `fonts-lxgw-wenkai` {versions['fonts-lxgw-wenkai']}.

## The repertoire

One repertoire, {len(rep):,} code points, is requested from every face; each
output keeps only the code points its source font actually maps (see the table).

1. **Every Han character of GBK**: {len(han):,} code points. Every valid GBK
   double-byte code (lead 0x81–0xFE, trail 0x40–0x7E and 0x80–0xFE) is decoded with
   Python's `gbk` codec; the code points that are CJK ideographs are kept:
   {n_uro:,} CJK Unified Ideographs (U+4E00–U+9FFF), {n_exta} Extension A
   (U+3400–U+4DBF) and {n_compat} CJK Compatibility Ideographs (U+F900–U+FAFF).
   Python's codec does not decode the 80 codes 0xFE50–0xFE9F (GBK additions that
   CP936 maps to the Private Use Area and GB 18030 later mostly to Extension A
   and CJK radicals); they are skipped.
2. **Everything else**, {n_extra:,} code points, whole blocks taken as they are
   (unassigned and control code points in them simply drop out, no font maps them):
{chr(10).join(f"   - {d}: U+{lo:04X}–U+{hi:04X}" for lo, hi, d in EXTRA_RANGES)}
   - newspaper symbols: {NEWSPAPER_SYMBOLS} (U+2E3A two-em dash, U+22EF
     midline ellipsis, U+FFE5 fullwidth yen)

`repertoire_sha256` in `fonts.yaml` is `{rep_sha}`: the sha256 of the sorted code
points written as uppercase hex (at least four digits), one per line, each line
ending in `\\n`.

**Why GBK, not GB2312.** GB2312 has only 6,763 Han characters and lacks, among
others, 珺 (U+73FA), which the sample text needs; names in the news regularly use
such characters. GBK (the Han repertoire of CP936, a superset of GB2312) has it:
it covers all 20,902 ideographs of the original Unicode 1.1 URO block, traditional
forms included, at about three times the glyph count of GB2312 but still well
inside the size budget.

**Layout features kept:** `{' '.join(LAYOUT_FEATURES)}` only (GSUB/GPOS/GDEF are
subset to them). Keeping every feature pulls in the JP/KR/TC locale variants
(`locl`) of the Noto OTCs and nearly doubles the glyph count. Hinting is dropped,
glyph names are not kept (`post` format 3). Tables kept: `{' '.join(sorted(KEEP_TABLES))}`
where present; `BASE`, `VORG` and `gasp` are dropped.

{chr(10).join(missing_detail) if missing_detail else "Every face maps every GBK Han character."}
{symbols_line}

## Outlines

Noto Serif/Sans CJK are CFF (PostScript) fonts, which ReportLab's `TTFont` refuses.
They are converted once, here, to TrueType (`glyf`) quadratic outlines with
fontTools' cu2qu, the recipe of fontTools `Snippets/otf2ttf.py`:
`Cu2QuPen(TTGlyphPen(None), max_err, reverse_direction=True)`, followed by new
`glyf`/`loca`, `maxp` version 1.0, `hmtx` left side bearings from the new bounding
boxes, and `CFF `/`VORG` removed (`vmtx` top side bearings are recomputed so that
the vertical origin VORG declared stays where it was).

**Tolerance:** `max_err` = {MAX_ERR} font unit. All four sources have
{results['body']['upm']} units per em, so that is {MAX_ERR / results['body']['upm']:g} em: 0.009 pt
(3 µm) at 9 pt body size, 0.072 pt (25 µm) at 72 pt. On top of it the off-curve
points are rounded to whole units (at most 0.5 unit per axis). WenKai is TrueType
already; its outlines are copied unchanged (hinting removed).

## Names and licences

Each output has its own family name (name ID 1) and PostScript name (name ID 6),
listed above, so that ReportLab, which deduplicates fonts by PostScript name,
never confuses two faces, and so that no derived font presents itself under the
original name. Name IDs 1–6 are rewritten; copyright (0), trademark (7),
manufacturer, designers, description, URLs and licence (13, 14) are kept as they
are. Licences: `LICENSE-OFL-Noto.txt`, `LICENSE-OFL-LXGWWenKai.txt` (OFL 1.1 text
and copyright lines extracted from the Debian copyright files, plus the copyright
and trademark strings of the fonts' name tables).

**Reserved Font Names (what was checked).** The OFL forbids a Modified Version
(a subset is one) to use a Reserved Font Name as its primary font name.

- *Noto CJK*: the name tables say `© 2017-2022 Adobe (http://www.adobe.com/).`
  (Serif) and `© 2014-2021 Adobe (http://www.adobe.com/).` (Sans) with no Reserved
  Font Name; licence (ID 13) is plain OFL 1.1; `/usr/share/doc/fonts-noto-cjk/copyright`
  says `2010-2012, Google Corporation`, SIL-1.1, and declares none either. Name ID 7
  says "Noto is a trademark of Google Inc.": a trademark, not an RFN; the OFL does
  not grant trademark rights, so whether to keep "Noto" in the derived family
  names is a policy choice (kept for now, as `Layout Noto …`). Some other
  distributions of the same design (Adobe's Source Han, and some copies of Noto
  Sans CJK's OFL.txt) carry "with Reserved Font Name 'Source'": the derived names
  avoid "Source" in any case.
- *LXGW WenKai*: the font's name table and the current upstream `OFL.txt` declare
  no Reserved Font Name, **but** `/usr/share/doc/fonts-lxgw-wenkai/copyright`
  (the licence as shipped in the package we build from) says: "With Reserved Font
  Names "霞鹜" and "LXGW". Fonts rebuilt from unmodified source code are allowed
  to use Reserved Font Names." A subset is not a rebuild from unmodified source,
  so the derived face is named `Layout WenKai` / `LayoutWenKai-Regular`, with
  neither "LXGW" nor "霞鹜" (the Chinese localized name records are dropped too).
  The copyright notice in name ID 0 (LXGW and the Klee Project Authors) is kept.

## Regenerating

    sudo apt-get install fonts-noto-cjk fonts-lxgw-wenkai
    python3 tools/make_fonts.py

from the repository root (python3 with fonttools and pyyaml). About a minute per
Noto face (subset first, then convert the ~21,500 remaining glyphs), two faces at
a time; peak memory measured at about 0.4 GB per worker process. The output is byte-for-byte
reproducible for the same package versions and fontTools version:
`head.created`/`head.modified` are taken from `SOURCE_DATE_EPOCH` when it is set,
otherwise copied from the source font. If a package is upgraded, the manifest's
`source.version`/`source.sha256` change and so, in general, do the fonts.
"""
    (out_dir / "REPERTOIRE.md").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (default: fonts/)")
    ap.add_argument("--jobs", type=int, default=2, choices=(1, 2), help="faces built in parallel")
    args = ap.parse_args()
    out_dir: Path = args.out
    out_dir.mkdir(parents=True, exist_ok=True)

    t_all = time.monotonic()
    han = gbk_han()
    rep = repertoire()
    rep_sha = repertoire_sha256(rep)
    print(f"GBK Han characters: {len(han):,} (珺 {'included' if 0x73FA in han else 'MISSING'})")
    print(f"repertoire: {len(rep):,} code points, sha256 {rep_sha}")

    versions = {pkg: package_version(pkg) for pkg in PACKAGES}
    tasks = []
    for face in FACES:
        src = find_source(face)
        idx = face_index(src, face["source_ps"])
        tasks.append(dict(face, source_path=str(src), face_index=idx,
                          out_path=str(out_dir / face["file"]), repertoire=rep,
                          version=versions[face["package"]], source_sha256=sha256_file(src)))
        print(f"source {face['role']:9s} {src} face {idx} ({face['source_ps']}), "
              f"{face['package']} {versions[face['package']]}")

    results = {}
    with concurrent.futures.ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futs = {pool.submit(build_face, t): t for t in tasks}
        for fut in concurrent.futures.as_completed(futs):
            r = fut.result()
            results[r["role"]] = r
            t = futs[fut]
            miss_han = sum(is_han(c) for c in r["missing"])
            print(f"{r['role']:9s} {t['file']:28s} glyphs {r['glyphs']:6,d}  code points "
                  f"{r['codepoints']:6,d}  ({len(r['missing'])} of repertoire unmapped, {miss_han} Han)  "
                  f"{r['bytes']:11,d} B  {r['seconds']:6.1f} s  dropped {' '.join(r['dropped_tables']) or '-'}")

    entries = []
    for t in tasks:
        r = results[t["role"]]
        entries.append({
            "role": t["role"],
            "family": t["family"],
            "style": t["style"],
            "file": t["file"],
            "postscript_name": t["postscript_name"],
            "licence": "OFL-1.1",
            "licence_file": PACKAGES[t["package"]]["licence_file"],
            "source": {
                "package": t["package"],
                "version": t["version"],
                "file": t["source_path"],
                "face_index": t["face_index"],
                "sha256": t["source_sha256"],
            },
            "sha256": sha256_file(Path(t["out_path"])),
            "glyphs": r["glyphs"],
            "codepoints": r["codepoints"],
            "repertoire": REPERTOIRE_LABEL,
            "outlines": (f"TrueType (converted from CFF with cu2qu, max_err {MAX_ERR})"
                         if r["cff"] else "TrueType (original)"),
        })

    for pkg, meta in PACKAGES.items():
        faces = [t for t in tasks if t["package"] == pkg]
        (out_dir / meta["licence_file"]).write_text(
            licence_text(pkg, versions[pkg], faces, name_notices(faces)), encoding="utf-8")
    write_manifest(out_dir, entries, rep_sha)
    write_repertoire_md(out_dir, rep, han, rep_sha, entries, results, versions)

    # remove fonts a previous run produced under other names
    keep = {t["file"] for t in tasks}
    for p in sorted(out_dir.glob("*.ttf")):
        if p.name not in keep:
            print(f"removing stale {p}")
            p.unlink()

    face_total = sum(r["bytes"] for r in results.values())
    dir_total = sum(p.stat().st_size for p in out_dir.rglob("*") if p.is_file())
    print(f"faces total {face_total:,} B; {out_dir} total {dir_total:,} B; "
          f"{time.monotonic() - t_all:.1f} s")
    if face_total > SIZE_LIMIT_STOP:
        die(f"the four faces total {face_total:,} B, over the 48 MB budget: "
            + ", ".join(f"{k} {v['bytes']:,}" for k, v in results.items()))
    if dir_total > SIZE_LIMIT_DIR:
        die(f"{out_dir} totals {dir_total:,} B, over the 50 MB limit")


if __name__ == "__main__":
    main()
