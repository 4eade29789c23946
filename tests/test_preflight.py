"""Print-ready output: PDF/X structure of our pages, and each preflight rule on a small PDF made
here to break exactly that rule."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys

import pikepdf
import pytest

from conftest import ROOT, SAMPLE, clean_pdf, cmyk_output_icc, copy_sample
from layout.load.fonts import load_fonts
from layout.load.styles import load_style
from layout.model.style import OutputProfile
from layout.preflight.inspect import preflight_pdf
from layout.render.pdfx import DocumentMeta, finish_pdf

STYLE = os.path.join(ROOT, "styles", "broadsheet.yaml")


@pytest.fixture(scope="module")
def press() -> OutputProfile:
    return load_style(STYLE, load_fonts().roles).profile("press")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("press")
    result = run("build", SAMPLE, "-o", str(out))
    assert result.returncode == 0, result.stderr
    return str(out / "2022-01-28-page01.pdf")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "layout", *args], capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": ROOT})


# --- our pages ------------------------------------------------------------------------------

def test_our_page_is_identified_as_pdfx_1a(built):
    with pikepdf.open(built) as pdf:
        assert pdf.pdf_version == "1.3"
        info = pdf.docinfo
        assert str(info["/GTS_PDFXVersion"]) == "PDF/X-1:2001"
        assert str(info["/GTS_PDFXConformance"]) == "PDF/X-1a:2001"
        assert str(info["/Trapped"]) == "/False"
        assert str(info["/Title"]).startswith("钱塘新区报")
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.S) == "/GTS_PDFX" and str(intent.OutputConditionIdentifier) == "IFRA26"
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert "<pdfxid:GTS_PDFXVersion>PDF/X-1:2001</pdfxid:GTS_PDFXVersion>" in xmp
        assert len(pdf.trailer.ID) == 2


def test_black_text_overprints_and_white_text_knocks_out(built):
    with pikepdf.open(built) as pdf:
        page = pdf.pages[0]
        states = page.Resources.ExtGState
        overprint = {str(name) for name, gs in states.items() if gs.get("/op") is True or gs.get("/OP") is True}
        knockout = {str(name) for name, gs in states.items() if gs.get("/op") is False}
        active, fill, seen = set(), None, {"black": 0, "white": 0}
        for instruction in pikepdf.parse_content_stream(page):
            op = str(instruction.operator)
            if op == "gs":
                name = str(instruction.operands[0])
                if name in overprint:
                    active.add("op")
                if name in knockout:
                    active.discard("op")
            elif op == "k":
                fill = tuple(float(v) for v in instruction.operands)
            elif op == "BT":
                if fill == (0, 0, 0, 1):
                    assert "op" in active, "black text must overprint"
                    seen["black"] += 1
                elif fill == (0, 0, 0, 0):
                    assert "op" not in active, "white text must knock out"
                    seen["white"] += 1
        assert seen["black"] > 100 and seen["white"] > 0


def test_our_page_passes_preflight(built):
    result = run("preflight", built)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 finding(s)")


def test_qpdf_finds_no_structural_error(built):
    result = subprocess.run(["qpdf", "--check", built], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ghostscript_renders_without_error(built):
    result = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dPDFSTOPONERROR", "-sDEVICE=nullpage", built], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --- one broken rule at a time ----------------------------------------------------------------

def make_pdf(press: OutputProfile, draw, *, trim: bool = True, finish: bool = True) -> bytes:
    """A one-page CMYK PDF with embedded-font text that passes preflight, changed by `draw`."""
    data = clean_pdf(draw, trim=trim)
    return finish_pdf(data, press, DocumentMeta("测试", "测试报", "测试", dt.date(2022, 1, 28))) if finish else data


def codes(data: bytes, profile: OutputProfile) -> set[str]:
    return {finding.code for finding in preflight_pdf(data, profile)}


def nothing(canvas, fonts):
    pass


def test_the_base_pdf_passes(press):
    assert codes(make_pdf(press, nothing), press) == set()


@pytest.mark.parametrize(
    "code, draw",
    [
        ("colour-space", lambda c, f: (c.setFillColorRGB(1, 0, 0), c.rect(20, 20, 50, 50, fill=1, stroke=0))),
        ("ink-limit", lambda c, f: (c.setFillColorCMYK(1, 1, 1, 0.5), c.rect(20, 20, 50, 50, fill=1, stroke=0))),
        ("type-size", lambda c, f: (c.setFont(f["body"], 4), c.drawString(20, 100, "小字"))),
        ("rule-weight", lambda c, f: (c.setLineWidth(0.1), c.line(20, 60, 200, 60))),
        ("font-not-embedded", lambda c, f: (c.setFont("Helvetica", 9), c.drawString(20, 120, "Latin"))),
        ("transparency", lambda c, f: (c.setFillAlpha(0.5), c.setFillColorCMYK(0, 1, 0, 0), c.rect(20, 20, 50, 50, fill=1, stroke=0))),
    ],
    ids=["rgb", "ink", "small-type", "thin-rule", "unembedded-font", "transparency"],
)
def test_each_rule_catches_exactly_its_fault(press, code, draw):
    assert codes(make_pdf(press, draw), press) == {code}


def test_low_resolution_image(press, tmp_path):
    from PIL import Image

    path = tmp_path / "tiny.jpg"
    Image.new("CMYK", (20, 20), (0, 0, 0, 128)).save(path)
    data = make_pdf(press, lambda c, f: c.drawImage(str(path), 20, 20, width=100, height=100))
    assert codes(data, press) == {"image-resolution"}


def test_missing_trim_box(press):
    assert codes(make_pdf(press, nothing, trim=False), press) == {"page-boxes"}


def test_missing_pdfx_identification(press):
    found = codes(make_pdf(press, nothing, finish=False), press)
    assert {"pdfx-missing", "output-intent", "pdfx-xmp"} <= found
    assert found <= {"pdfx-missing", "output-intent", "pdfx-xmp", "pdfx-version"}


def test_type3_font_and_lab_colour(press):
    data = make_pdf(press, nothing)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        page.Resources.Font.T3 = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3)
        page.Resources.ColorSpace = pikepdf.Dictionary(CSLab=pikepdf.Array([pikepdf.Name.Lab, pikepdf.Dictionary(WhitePoint=[0.95, 1, 1.09])]))
        page.contents_add(pdf.make_stream(b"/CSLab cs 50 0 0 sc 0 0 10 10 re f"))
        out = io.BytesIO()
        pdf.save(out)
    assert codes(out.getvalue(), press) == {"font-type3", "colour-space"}


def test_proof_profile_allows_rgb(press):
    import dataclasses

    proof = dataclasses.replace(press, name="proof", pdfx="none", allow_rgb=True)
    data = make_pdf(proof, lambda c, f: (c.setFillColorRGB(1, 0, 0), c.rect(20, 20, 50, 50, fill=1, stroke=0)), finish=False)
    assert codes(data, proof) == set()


def test_preflight_command_exit_codes_and_json(press, tmp_path):
    bad = tmp_path / "rgb.pdf"
    bad.write_bytes(make_pdf(press, lambda c, f: (c.setFillColorRGB(0, 0, 1), c.rect(20, 20, 50, 50, fill=1, stroke=0))))
    text = run("preflight", str(bad))
    assert text.returncode == 1 and "colour-space" in text.stdout and "page 1" in text.stdout
    js = run("preflight", str(bad), "--format", "json")
    import json

    report = json.loads(js.stdout)
    assert report["passed"] is False and report["findings"][0]["code"] == "colour-space"
    assert run("preflight", str(tmp_path / "absent.pdf")).returncode == 2
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"not a pdf")
    assert run("preflight", str(garbage)).returncode == 1


# --- the build and the style sheet ------------------------------------------------------------

def patched_sample(tmp_path, patch) -> str:
    return copy_sample(tmp_path, patch)


def test_a_page_failing_preflight_stops_the_build_and_keeps_the_last_good_pdf(tmp_path, built):
    out = tmp_path / "out"
    out.mkdir()
    good = out / "2022-01-28-page01.pdf"
    # the last good page, as bytes no build of today's issue gives: an overwrite would show
    before = open(built, "rb").read() + b"%last good build\n"
    good.write_bytes(before)
    result = run("build", patched_sample(tmp_path, lambda d: d["output"]["profiles"]["press"].update(min_type_size="10pt")), "-o", str(out))
    assert result.returncode == 1
    assert "type-size" in result.stderr and "nothing written" in result.stderr
    assert good.read_bytes() == before and sorted(p.name for p in out.iterdir()) == [good.name]


def test_marks_and_slug_lie_outside_the_bleed_without_scaling_the_page(tmp_path):
    def marks(d):
        d["output"]["profiles"]["press"].update(crop_marks=True, registration_marks=True, slug=True)
    out = tmp_path / "out"
    result = run("build", patched_sample(tmp_path, marks), "-o", str(out))
    assert result.returncode == 0, result.stderr
    pdf_path = out / "2022-01-28-page01.pdf"
    with pikepdf.open(pdf_path) as pdf:
        page = pdf.pages[0]
        media = [float(v) for v in page.MediaBox]
        trim = [float(v) for v in page.TrimBox]
        bleed = [float(v) for v in page.BleedBox]
        margin, bleed_pt = 12 * 72 / 25.4, 3 * 72 / 25.4
        assert trim[2] - trim[0] == pytest.approx(390 * 72 / 25.4, abs=0.01)
        assert bleed[0] == pytest.approx(margin, abs=0.01) and trim[0] == pytest.approx(margin + bleed_pt, abs=0.01)
        assert media[2] == pytest.approx(trim[2] + bleed_pt + margin, abs=0.01)
        first = next(iter(pikepdf.parse_content_stream(page)))
        assert str(first.operator) != "cm" or [float(v) for v in first.operands][:4] == [1, 0, 0, 1]
    assert run("preflight", str(pdf_path)).returncode == 0
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        words = pdf.pages[0].extract_text()
    assert re.search(r"钱塘新区报\s+2022-01-28\s+第1版.*layout [0-9a-f]{16}", words)


def test_pdfx4_embeds_the_output_profile(tmp_path):
    icc = tmp_path / "press.icc"
    icc.write_bytes(cmyk_output_icc())
    def x4(d):
        d["output"]["profiles"]["press"].update(pdfx="x4", icc_profile="press.icc")
    out = tmp_path / "out"
    result = run("build", patched_sample(tmp_path, x4), "-o", str(out))
    assert result.returncode == 0, result.stderr
    with pikepdf.open(out / "2022-01-28-page01.pdf") as pdf:
        assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-4"
        assert int(pdf.Root.OutputIntents[0].DestOutputProfile.N) == 4


@pytest.mark.parametrize(
    "patch, message",
    [
        (lambda d: d["colours"].update(muddy={"c": 80, "m": 80, "y": 80, "k": 80}), "colour 'muddy' puts down 320 % ink"),
        (lambda d: (d["colours"].update(rich={"c": 60, "m": 40, "y": 40, "k": 100}), d["styles"]["body"].update(colour="rich")), "style 'body' sets 9 pt text in rich black"),
        (lambda d: (d["colours"]["masthead_red"].update(spot="PANTONE 185 C"), d["output"]["profiles"]["press"].update(spot_colours="refuse")), "colour 'masthead_red' is the spot colour 'PANTONE 185 C'"),
        (lambda d: d["output"]["profiles"]["press"].update(pdfx="x4"), "PDF/X-4 needs the output ICC profile"),
    ],
    ids=["ink-limit", "rich-black", "spot", "x4-without-profile"],
)
def test_style_sheet_colours_that_break_the_press_rules_are_input_errors(tmp_path, patch, message):
    result = run("check", patched_sample(tmp_path, patch))
    assert result.returncode == 2
    assert message in result.stderr and "broadsheet.yaml:" in result.stderr and result.stderr.count("\n") == 1
