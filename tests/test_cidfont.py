"""The CID-keyed embedding (layout/render/cidfont.py): subsets that keep glyph ids, composite
glyphs kept whole, CIDs that are code points, and text that copies out character for character
even where two characters share one glyph."""

from __future__ import annotations

import io
import struct
import subprocess

import pytest
from fontTools.ttLib import TTFont

from conftest import SAMPLE
from layout.load.issue import load_issue
from layout.render.cidfont import CIDEmbeddedFont, FontProgram, _with_components, cid_of, font_objects


@pytest.fixture(scope="module")
def program() -> FontProgram:
    face = next(face for face in load_issue(SAMPLE).fonts.faces if face.role == "body")
    return FontProgram(face.path, face.sha256, face.postscript_name)


def test_a_subset_keeps_its_glyphs_at_their_ids_and_empties_the_rest(program):
    wanted = {program.glyph_of[ord(c)] for c in "钱塘新区报A"}
    subset = TTFont(io.BytesIO(program.subset(wanted)))
    original = TTFont(program.path, lazy=True)
    assert subset["maxp"].numGlyphs == original["maxp"].numGlyphs
    order = subset.getGlyphOrder()
    for gid in wanted:
        ours, theirs = subset["glyf"][order[gid]], original["glyf"][original.getGlyphOrder()[gid]]
        assert ours.numberOfContours == theirs.numberOfContours > 0
        assert list(ours.coordinates) == list(theirs.coordinates)
    other = program.glyph_of[ord("京")]
    assert other not in wanted and subset["glyf"][order[other]].numberOfContours == 0
    assert subset["hmtx"][order[other]] == original["hmtx"][original.getGlyphOrder()[other]]  # metrics stay


def test_a_composite_glyph_brings_the_glyphs_it_is_built_from():
    simple = struct.pack(">hhhhh", 1, 0, 0, 10, 10) + b"\0" * 8
    # a composite (contours -1) of glyph 2 then glyph 3, arguments as words (flag 1), more to come (0x20)
    composite = struct.pack(">hhhhh", -1, 0, 0, 10, 10) + struct.pack(">HHhh", 0x0021, 2, 0, 0) + struct.pack(">HHhh", 0x0001, 3, 5, 5)
    glyf = simple + composite + simple + simple
    offsets = [0, len(simple), len(simple) + len(composite), 2 * len(simple) + len(composite), len(glyf)]
    assert _with_components({1}, glyf, offsets) == {1, 2, 3}
    assert _with_components({0}, glyf, offsets) == {0}


def test_cids_are_code_points_and_a_missing_glyph_is_cid_zero(program):
    assert cid_of("钱", program) == ord("钱")
    assert cid_of("\U00020000", program) == 0  # beyond two bytes (and beyond the GBK repertoire)
    objects = font_objects(program, {ord("-"): "-", 0xAD: "\u00ad", ord("钱"): "钱"})
    table = objects.cid_to_gid.data
    gid = lambda cid: struct.unpack(">H", table[2 * cid : 2 * cid + 2])[0]
    assert gid(ord("钱")) == program.glyph_of[ord("钱")] and gid(ord("-")) == program.glyph_of[ord("-")]
    assert gid(0x41) == 0  # not in the subset
    assert b"<00AD> <00AD>" in objects.to_unicode.data and b"<002D> <002D>" in objects.to_unicode.data


def test_a_hyphen_and_a_soft_hyphen_copy_out_as_themselves(program, tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    font = CIDEmbeddedFont("CIDTestFace", program)
    pdfmetrics.registerFont(font)
    path = str(tmp_path / "hyphens.pdf")
    canvas = Canvas(path, initialFontName="CIDTestFace", invariant=1)
    canvas.setFont("CIDTestFace", 12)
    canvas.drawString(72, 720, "debian-news列表")
    canvas.drawString(72, 700, "Hy\u00ad")  # the composer's hyphen at a line end
    canvas.showPage()
    canvas.save()
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
    assert "debian-news列表" in text
    assert "Hy\u00ad" in text
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
    assert "CID TrueType" in fonts and "Identity-H" in fonts
