"""Preflight on PDFs broken in exactly one way: each fault is one kind of RGB colour the press
profile refuses, and preflight must report exactly `colour-space` for it, nothing else, nothing
less. Next to most faults stands its CMYK twin, which must pass: the rule is about RGB, not about
the operator.

The base page is a clean PDF/X-1a page (embedded-font text, a 0.5 pt rule, all in 100 % K, a
TrimBox and a BleedBox) as tests/test_preflight.py makes it. Faults ReportLab can draw are drawn
with the canvas; the others (colour spaces set with cs/CS, named /ColorSpace resources, ICCBased
spaces, inline images) are written into the page with pikepdf, before the file is finished to
PDF/X-1a, as a separate content stream wrapped in q … Q.
"""

from __future__ import annotations

import datetime as dt
import io
import os

import pikepdf
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader

from conftest import ROOT, clean_pdf
from layout.load.fonts import load_fonts
from layout.load.styles import load_style
from layout.model.style import OutputProfile
from layout.preflight.inspect import preflight_pdf
from layout.render.pdfx import DocumentMeta, finish_pdf

STYLE = os.path.join(ROOT, "styles", "broadsheet.yaml")
RED_2X2 = b"\xff\x00\x00" * 4  # 2 × 2 pixels, 8 bits, RGB
BLACK_2X2_CMYK = b"\x00\x00\x00\xff" * 4


@pytest.fixture(scope="module")
def press() -> OutputProfile:
    return load_style(STYLE, load_fonts().roles).profile("press")


def page(press: OutputProfile, draw=None, *, content: bytes | None = None, colour_spaces=None) -> bytes:
    """The clean base page, changed by `draw` (canvas) and/or `content` appended with pikepdf
    (with `colour_spaces`: name → callable(pdf) giving the resource), finished to PDF/X-1a."""
    data = clean_pdf((lambda canvas, fonts: draw(canvas)) if draw else None)
    if content is not None:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            first = pdf.pages[0]
            if colour_spaces:
                first.obj.Resources.ColorSpace = pikepdf.Dictionary({f"/{name}": make(pdf) for name, make in colour_spaces.items()})
            first.contents_add(pdf.make_stream(b"q " + content + b" Q"))
            out = io.BytesIO()
            pdf.save(out)
            data = out.getvalue()
    return finish_pdf(data, press, DocumentMeta("测试", "测试报", "测试", dt.date(2022, 1, 28)))


def findings(data: bytes, profile: OutputProfile) -> list[tuple[str, str | None]]:
    return [(f.code, f.location) for f in preflight_pdf(data, profile)]


def only_colour_space(data: bytes, profile: OutputProfile, where: str) -> None:
    """Exactly one finding, colour-space, at `where` (a piece of its location)."""
    found = findings(data, profile)
    assert [code for code, _ in found] == ["colour-space"], found
    assert where in found[0][1], found


def icc(n: int):
    # the profile's bytes are never read by preflight: only the dictionary's N matters
    return lambda pdf: pikepdf.Array([pikepdf.Name.ICCBased, pdf.make_stream(b"\0" * 128, N=n)])


def test_the_base_page_is_clean(press):
    assert findings(page(press), press) == []


# --- stroke and fill colour operators ----------------------------------------------------------

def test_rgb_stroke_colour(press):
    # ReportLab writes `1 0 0 RG` and strokes a 0.5 pt line in it: only the stroke is RGB
    only_colour_space(page(press, lambda c: (c.setStrokeColorRGB(1, 0, 0), c.line(20, 60, 200, 60))), press, "RG")


def test_rgb_fill_colour(press):
    only_colour_space(page(press, lambda c: (c.setFillColorRGB(1, 0, 0), c.rect(20, 20, 50, 50, fill=1, stroke=0))), press, "rg")


def test_cmyk_stroke_passes(press):
    assert findings(page(press, lambda c: (c.setStrokeColorCMYK(0, 1, 1, 0), c.line(20, 60, 200, 60))), press) == []


# --- colour spaces set with cs / CS --------------------------------------------------------------

@pytest.mark.parametrize(
    "content, op",
    [
        (b"/DeviceRGB cs 1 0 0 sc 20 20 50 50 re f", "cs"),
        (b"1 w /DeviceRGB CS 1 0 0 SC 20 60 m 200 60 l S", "CS"),
    ],
    ids=["fill", "stroke"],
)
def test_device_rgb_set_directly(press, content, op):
    only_colour_space(page(press, content=content), press, op)


@pytest.mark.parametrize(
    "content, op",
    [
        (b"/CS0 cs 1 0 0 sc 20 20 50 50 re f", "cs"),
        (b"1 w /CS0 CS 1 0 0 SC 20 60 m 200 60 l S", "CS"),
    ],
    ids=["fill", "stroke"],
)
def test_device_rgb_through_a_named_resource(press, content, op):
    only_colour_space(page(press, content=content, colour_spaces={"CS0": lambda pdf: pikepdf.Name.DeviceRGB}), press, op)


def test_cal_rgb_through_a_named_resource(press):
    cal = lambda pdf: pikepdf.Array([pikepdf.Name.CalRGB, pikepdf.Dictionary(WhitePoint=[0.9505, 1, 1.089])])  # noqa: E731
    only_colour_space(page(press, content=b"/CS0 cs 1 0 0 sc 20 20 50 50 re f", colour_spaces={"CS0": cal}), press, "cs")


def test_device_cmyk_set_with_cs_passes(press):
    assert findings(page(press, content=b"/DeviceCMYK cs 0 1 1 0 sc 20 20 50 50 re f"), press) == []


# --- ICC-based spaces: N says what they are ----------------------------------------------------

@pytest.mark.parametrize("op", ["cs", "CS"])
def test_icc_based_with_three_components_is_rgb(press, op):
    paint = b"20 20 50 50 re f" if op == "cs" else b"1 w 20 60 m 200 60 l S"
    setter = b"scn" if op == "cs" else b"SCN"
    content = b"/CSi " + op.encode() + b" 1 0 0 " + setter + b" " + paint
    only_colour_space(page(press, content=content, colour_spaces={"CSi": icc(3)}), press, op)


def test_icc_based_with_four_components_passes(press):
    data = page(press, content=b"/CSi cs 0 1 1 0 scn 20 20 50 50 re f", colour_spaces={"CSi": icc(4)})
    assert findings(data, press) == []


# --- images ----------------------------------------------------------------------------------------
# 300 × 300 pixels over 100 pt is 216 ppi, above the press's 150: resolution is not the fault.

def image(mode: str, colour):
    return ImageReader(Image.new(mode, (300, 300), colour))


def test_rgb_image_xobject(press):
    data = page(press, lambda c: c.drawImage(image("RGB", (255, 0, 0)), 20, 20, width=100, height=100))
    only_colour_space(data, press, "image /")


def test_cmyk_image_xobject_passes(press):
    data = page(press, lambda c: c.drawImage(image("CMYK", (0, 0, 0, 128)), 20, 20, width=100, height=100))
    assert findings(data, press) == []


@pytest.mark.parametrize("space", [b"/RGB", b"/DeviceRGB"])
def test_rgb_inline_image(press, space):
    content = b"100 0 0 100 20 20 cm BI /W 2 /H 2 /CS " + space + b" /BPC 8 ID " + RED_2X2 + b" EI"
    only_colour_space(page(press, content=content), press, "inline image")


def test_cmyk_inline_image_passes(press):
    content = b"100 0 0 100 20 20 cm BI /W 2 /H 2 /CS /CMYK /BPC 8 ID " + BLACK_2X2_CMYK + b" EI"
    assert findings(page(press, content=content), press) == []


# An inline image's /CS may name a page ColorSpace resource, or be an abbreviated /I (Indexed)
# array: both are resolved like any other colour space.

def test_rgb_inline_image_through_a_named_icc_resource(press):
    content = b"100 0 0 100 20 20 cm BI /W 2 /H 2 /CS /CSi /BPC 8 ID " + RED_2X2 + b" EI"
    only_colour_space(page(press, content=content, colour_spaces={"CSi": icc(3)}), press, "inline image")


def test_rgb_inline_image_indexed(press):
    content = b"100 0 0 100 20 20 cm BI /W 2 /H 2 /CS [/I /RGB 1 <ff000000ff00>] /BPC 8 ID \x00\x01\x00\x01 EI"
    only_colour_space(page(press, content=content), press, "inline image")


# --- the document: PDF/X identification, output intent, page boxes -------------------------------
# The finished base page, changed in one place with pikepdf and saved again as PDF 1.3.

def changed(press: OutputProfile, change, *, version: str = "1.3") -> bytes:
    with pikepdf.open(io.BytesIO(page(press))) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out, force_version=version, object_stream_mode=pikepdf.ObjectStreamMode.disable)
        return out.getvalue()


def messages(data: bytes, profile: OutputProfile) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in preflight_pdf(data, profile)]


def set_info(key: str, value):
    def change(pdf):
        if value is None:
            del pdf.docinfo[key]
        else:
            pdf.docinfo[key] = value
    return change


def intent(change_intent):
    return lambda pdf: change_intent(pdf, pdf.Root.OutputIntents[0])


def test_saving_the_base_page_again_keeps_it_clean(press):
    assert messages(changed(press, lambda pdf: None), press) == []


@pytest.mark.parametrize(
    "change, expected",
    [
        (set_info("/GTS_PDFXVersion", "PDF/X-3:2002"), ("pdfx-version", "GTS_PDFXVersion is PDF/X-3:2002, the profile asks for PDF/X-1:2001")),
        (set_info("/GTS_PDFXVersion", None), ("pdfx-missing", "expected GTS_PDFXVersion PDF/X-1:2001")),
        (set_info("/GTS_PDFXConformance", "PDF/X-1a:2003"), ("pdfx-version", "GTS_PDFXConformance should be PDF/X-1a:2001")),
        (set_info("/Trapped", None), ("trapped", "set /Trapped to /True or /False")),
        (set_info("/Trapped", pikepdf.Name.Unknown), ("trapped", "set /Trapped to /True or /False")),
        (lambda pdf: setattr(pdf.Root, "Metadata", pdf.make_stream(b"<x:xmpmeta/>")), ("pdfx-xmp", "the XMP metadata should carry pdfxid:GTS_PDFXVersion PDF/X-1:2001")),
        (lambda pdf: delattr(pdf.Root, "OutputIntents"), ("output-intent", "no OutputIntent with /S /GTS_PDFX")),
        (intent(lambda pdf, i: setattr(i, "S", pikepdf.Name.GTS_PDFA1)), ("output-intent", "no OutputIntent with /S /GTS_PDFX")),
        (intent(lambda pdf, i: setattr(i, "OutputConditionIdentifier", "")), ("output-intent", "the output intent has no OutputConditionIdentifier")),
        (intent(lambda pdf, i: delattr(i, "RegistryName")), ("output-intent", "an unregistered output condition needs its ICC profile embedded")),
        (intent(lambda pdf, i: setattr(i, "DestOutputProfile", pdf.make_stream(b"\0" * 128, N=3))), ("output-intent", "the output ICC profile is not CMYK (N is not 4)")),
    ],
    ids=["x-version", "x-version-missing", "conformance", "trapped-missing", "trapped-unknown", "xmp", "no-intent", "intent-not-pdfx", "no-identifier", "unregistered", "rgb-profile"],
)
def test_document_faults(press, change, expected):
    assert messages(changed(press, change), press) == [expected]


def test_a_registered_condition_with_a_cmyk_profile_passes(press):
    data = changed(press, intent(lambda pdf, i: setattr(i, "DestOutputProfile", pdf.make_stream(b"\0" * 128, N=4))))
    assert messages(data, press) == []


def test_pdf_newer_than_pdfx_1a_allows(press):
    assert messages(changed(press, lambda pdf: None, version="1.4"), press) == [("pdfx-version", "PDF 1.4 is newer than PDF/X-1:2001 allows (1.3)")]


@pytest.mark.parametrize(
    "boxes",
    [
        {"/BleedBox": [20, 0, 300, 300]},  # the trim (10…290) sticks out of the bleed on the left
        {"/BleedBox": [0, 0, 300, 310]},  # bleed sticks out of the media at the top
    ],
    ids=["trim-outside-bleed", "bleed-outside-media"],
)
def test_page_boxes_not_nested(press, boxes):
    def change(pdf):
        for key, value in boxes.items():
            pdf.pages[0].obj[key] = pikepdf.Array(value)
    [(code, message)] = messages(changed(press, change), press)
    assert code == "page-boxes" and "TrimBox" in message and "does not hold" in message


def test_no_trim_box_but_an_art_box_passes(press):
    # PDF/X takes an ArtBox where there is no TrimBox
    def change(pdf):
        first = pdf.pages[0].obj
        first.ArtBox = first.TrimBox
        del first["/TrimBox"]
    assert messages(changed(press, change), press) == []


# --- transparency, ink, sizes under a transformation ---------------------------------------------

def gstate(**entries):
    def change(pdf):
        first = pdf.pages[0]
        first.obj.Resources.ExtGState = pikepdf.Dictionary(GSx=pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, **entries))
        first.contents_add(pdf.make_stream(b"q /GSx gs 0 1 0 0 k 20 20 50 50 re f Q"))
    return change


@pytest.mark.parametrize(
    "entries, message",
    [
        ({"BM": pikepdf.Name.Multiply}, "graphics state /GSx sets blend mode /Multiply"),
        ({"SMask": pikepdf.Dictionary(S=pikepdf.Name.Luminosity)}, "graphics state /GSx sets a soft mask"),
        ({"CA": 0.5}, "graphics state /GSx sets CA 0.5"),
    ],
    ids=["blend-mode", "soft-mask", "stroke-alpha"],
)
def test_transparency_in_a_graphics_state(press, entries, message):
    assert messages(changed(press, gstate(**entries)), press) == [("transparency", message)]


def test_an_opaque_graphics_state_passes(press):
    assert messages(changed(press, gstate(BM=pikepdf.Name.Normal, CA=1, ca=1, SMask=pikepdf.Name("/None"))), press) == []


def test_a_page_that_is_a_transparency_group(press):
    def change(pdf):
        pdf.pages[0].obj.Group = pikepdf.Dictionary(S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceCMYK)
    assert messages(changed(press, change), press) == [("transparency", "the page is a transparency group")]


def test_ink_over_the_limit_set_with_sc(press):
    # 100 + 100 + 100 + 100 = 400 % against the press's 240
    data = page(press, content=b"/DeviceCMYK cs 1 1 1 1 sc 20 20 50 50 re f")
    assert messages(data, press) == [("ink-limit", "400 % ink (1 1 1 1), over the 240 % limit")]


def test_ink_over_the_limit_set_with_sc_and_fractions(press):
    # 100 + 100 + 100 + 50 = 350 %: the same fault as above, written with a fraction
    data = page(press, content=b"/DeviceCMYK cs 1 1 1 0.5 sc 20 20 50 50 re f")
    assert [code for code, _ in findings(data, press)] == ["ink-limit"]


def test_type_smaller_than_the_minimum_through_the_ctm(press):
    # 9 pt text drawn at half scale is 4.5 pt, under the press's 6 pt
    def draw(c):
        c.saveState()
        c.scale(0.5, 0.5)
        c.drawString(40, 200, "小字")
        c.restoreState()
    found = messages(page(press, draw), press)
    assert found == [("type-size", "4.50 pt text, below the 6 pt minimum")]


def test_a_rule_thinner_than_the_minimum_through_the_ctm(press):
    # a 0.5 pt line at 0.4 scale is 0.2 pt, under the press's 0.25 pt
    def draw(c):
        c.saveState()
        c.scale(0.4, 0.4)
        c.line(50, 150, 400, 150)
        c.restoreState()
    assert messages(page(press, draw), press) == [("rule-weight", "0.20 pt line, below the 0.25 pt minimum")]


# --- inside forms and images ---------------------------------------------------------------------

def with_xobject(make, paint: bytes = b"100 0 0 100 20 20 cm /X0 Do"):
    """The base page with one XObject /X0 (made by make(pdf)) painted by `paint`."""
    def change(pdf):
        first = pdf.pages[0]
        first.obj.Resources.XObject = pikepdf.Dictionary(X0=make(pdf))
        first.contents_add(pdf.make_stream(b"q " + paint + b" Q"))
    return change


def indexed_rgb_image(pdf):
    # 300 × 300 pixels of palette entry 0 (red) over 100 pt: 216 ppi
    palette = pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 1, pikepdf.String(b"\xff\x00\x00\x00\x00\xff")])
    return pdf.make_stream(b"\x00" * 300 * 300, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=300, Height=300, ColorSpace=palette, BitsPerComponent=8)


def form(pdf, content: bytes, **extra):
    return pdf.make_stream(content, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 300, 300], **extra)


def test_an_indexed_image_over_rgb_is_rgb(press):
    [(code, message)] = messages(changed(press, with_xobject(indexed_rgb_image)), press)
    assert (code, message) == ("colour-space", "RGB colour space /DeviceRGB")


def test_rgb_inside_a_form_xobject(press):
    data = changed(press, with_xobject(lambda pdf: form(pdf, b"1 0 0 rg 20 20 50 50 re f"), paint=b"/X0 Do"))
    assert [code for code, _ in findings(data, press)] == ["colour-space"]


def test_a_form_matrix_scales_its_rules(press):
    # a 0.5 pt line in a form drawn through /Matrix [0.4 0 0 0.4 0 0] is 0.2 pt on the page
    data = changed(press, with_xobject(lambda pdf: form(pdf, b"0 0 0 1 K 0.5 w 20 20 m 200 20 l S", Matrix=[0.4, 0, 0, 0.4, 0, 0]), paint=b"/X0 Do"))
    assert messages(data, press) == [("rule-weight", "0.20 pt line, below the 0.25 pt minimum")]


def test_a_form_that_is_a_transparency_group(press):
    group = pikepdf.Dictionary(S=pikepdf.Name.Transparency)
    data = changed(press, with_xobject(lambda pdf: form(pdf, b"0 0 0 1 k 20 20 50 50 re f", Group=group), paint=b"/X0 Do"))
    assert messages(data, press) == [("transparency", "form /X0 is a transparency group")]


def test_an_image_with_a_soft_mask(press):
    def image_with_mask(pdf):
        mask = pdf.make_stream(b"\x80" * 300 * 300, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=300, Height=300, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8)
        return pdf.make_stream(b"\x00\x00\x00\xff" * 300 * 300, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=300, Height=300, ColorSpace=pikepdf.Name.DeviceCMYK, BitsPerComponent=8, SMask=mask)
    assert messages(changed(press, with_xobject(image_with_mask)), press) == [("transparency", "image /X0 has a soft mask")]
