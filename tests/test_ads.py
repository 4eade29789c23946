"""Advertisements: the advertiser's page placed as vector content in its slot (at 100 %, or
scaled within the style sheet's allowance), labelled 广告, and every bad ad refused before a
byte is written. The sample issue's photos and ads, read back with pikepdf and poppler."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pikepdf
import pytest

import bad_inputs
from conftest import ROOT, SAMPLE, assert_one_line_error, cli, filler_han, issue_file, module

AD_BANNER = os.path.join(ROOT, "issues", "2022-01-28", "ads", "ad-banner.pdf")
SLOT_W, SLOT_H = 999.0, 157.5  # 半通栏: 8 columns × 13 lines, less the label's line


def ad_issue(folder, ad_file: str, placement: dict | None = None) -> str:
    articles = [{"id": "story", "headline": "正文", "body": filler_han(2000)}]
    pages = [{"number": 1, "modules": [module("story", 1, 8, 1, 52)], "ads": [placement or {"ad": "shop", "size": "半通栏", "column": 1, "top": 92}]}]
    return issue_file(folder, articles, pages, ads=[{"id": "shop", "file": ad_file, "advertiser": "某书店"}])


def ad_pdf_of(folder, name: str, width: float, height: float) -> str:
    """The sample banner re-boxed to another size (same vector content)."""
    path = os.path.join(str(folder), name)
    with pikepdf.open(AD_BANNER) as pdf:
        box = pikepdf.Array([0, 0, width, height])
        pdf.pages[0].obj.MediaBox = box
        pdf.pages[0].obj.TrimBox = box
        pdf.save(path)
    return path


def form_calls(page: pikepdf.Page) -> list[tuple[str, list[float]]]:
    """(XObject name, the cm matrix in force) for every Do of the page's content."""
    calls, ctm, stack = [], [1, 0, 0, 1, 0, 0], []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop()
        elif op == "cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            A, B, C, D, E, F = ctm
            ctm = [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]
        elif op == "Do":
            calls.append((str(operands[0]), ctm))
    return calls


def built(tmp_path, path) -> str:
    out = os.path.join(str(tmp_path), "out")
    run = cli("build", path, "-o", out)
    assert run.exit_code == 0, run.stderr
    return os.path.join(out, "issue-page01.pdf")


def test_an_ad_goes_in_as_a_form_at_full_size_in_its_slot_with_its_label(tmp_path):
    shutil.copy(AD_BANNER, tmp_path / "ad.pdf")
    path = ad_issue(tmp_path, "ad.pdf")
    from layout.pipeline import layout_issue

    spec, layout = layout_issue(path)
    ad_frame = layout.pages[0].frame("shop")
    grid = spec.style.grid
    assert ad_frame.ad.slot.y == grid.line_top(93) and ad_frame.ad.slot.bottom == grid.line_top(104) + grid.body_size
    assert ad_frame.ad.size == "半通栏" and ad_frame.ad.scale == 1.0
    label = next(line for line in ad_frame.lines if line.kind == "ad_label")
    assert label.text == "广告" and label.box.y < ad_frame.ad.slot.y and label.runs[0].xs[-1] > ad_frame.rect.right - 2 * 7500
    pdf_path = built(tmp_path, path)
    with pikepdf.open(pdf_path) as pdf:
        page = pdf.pages[0]
        forms = {name: x for name, x in page.Resources.XObject.items() if x.Subtype == "/Form"}
        assert list(forms) == ["/LayoutAd0"]
        form = forms["/LayoutAd0"]
        assert [float(v) for v in form.BBox] == [0, 0, SLOT_W, SLOT_H]
        assert "/XObject" not in form.get("/Resources", {}) or not any(x.Subtype == "/Image" for x in form.Resources.XObject.values())
        ((name, ctm),) = [call for call in form_calls(page) if call[0] == "/LayoutAd0"]
        assert ctm[0] == pytest.approx(1) and ctm[3] == pytest.approx(1)
        trim = [float(v) for v in page.TrimBox]
        slot = ad_frame.ad.slot  # mpt from the trim's top-left, y down
        assert ctm[4] == pytest.approx(trim[0] + slot.x / 1000, abs=0.01)
        assert ctm[5] == pytest.approx(trim[3] - slot.bottom / 1000, abs=0.01)
    text = subprocess.run(["pdftotext", "-layout", pdf_path, "-"], capture_output=True, text=True).stdout if shutil.which("pdftotext") else ""
    if text:
        assert "广告" in text and "新春读好书" in text.replace(" ", "")  # the label, and the ad's own text as text


def test_an_ad_within_the_scale_allowance_is_scaled_to_fit(tmp_path):
    ad_pdf_of(tmp_path, "small.pdf", SLOT_W * 0.98, SLOT_H * 0.98)
    pdf_path = built(tmp_path, ad_issue(tmp_path, "small.pdf"))
    with pikepdf.open(pdf_path) as pdf:
        ((_, ctm),) = [call for call in form_calls(pdf.pages[0]) if call[0].startswith("/LayoutAd")]
    assert ctm[0] == pytest.approx(1 / 0.98, rel=1e-3) and ctm[3] == pytest.approx(1 / 0.98, rel=1e-3)


def test_an_ad_of_the_wrong_size_is_refused_naming_both_sizes(tmp_path):
    bad_inputs.wrong_size_ad(tmp_path / "tall.pdf")
    path = ad_issue(tmp_path, "tall.pdf")
    match = assert_one_line_error(cli("build", path, "-o", str(tmp_path / "out")), containing="999 × 220 pt")
    assert "半通栏 slot is 999 × 157.5 pt" in match["problem"] and "352.4 × 55.6 mm" in match["fix"]
    assert not os.path.exists(tmp_path / "out")


@pytest.mark.parametrize("make, findings", [
    (bad_inputs.rgb_ad_unembedded_font, ("colour-space", "font-not-embedded")),
    (bad_inputs.lowres_image_ad, ("image-resolution",)),
])
def test_a_bad_ad_is_refused_naming_the_file_the_findings_and_the_slot(tmp_path, make, findings):
    make(tmp_path / "bad.pdf")
    placement = {"ad": "shop", "size": "半通栏", "column": 1, "top": 92} if make is bad_inputs.rgb_ad_unembedded_font else {"ad": "shop", "size": "1/8版", "column": 1, "top": 79}
    path = ad_issue(tmp_path, "bad.pdf", placement)
    match = assert_one_line_error(cli("build", path, "-o", str(tmp_path / "out")), containing="'bad.pdf'")
    for code in findings:
        assert code in match["problem"]
    assert f"{placement['size']} slot" in match["problem"]
    assert int(match["line"]) > 1 and "PDF/X-1a" in match["fix"]
    assert not os.path.exists(tmp_path / "out")


def test_an_unknown_ad_size_is_refused_with_the_sizes_the_style_sheet_has(tmp_path):
    shutil.copy(AD_BANNER, tmp_path / "ad.pdf")
    path = ad_issue(tmp_path, "ad.pdf", {"ad": "shop", "size": "半通", "column": 1, "top": 92})
    assert_one_line_error(cli("check", path), containing="did you mean")


def test_a_file_that_is_not_a_pdf_is_refused_as_an_ad(tmp_path):
    (tmp_path / "ad.pdf").write_bytes(b"%PDF-1.4 not really\n")
    assert_one_line_error(cli("check", ad_issue(tmp_path, "ad.pdf")), containing="is not a PDF that can be read")


# --- the sample issue ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_out(tmp_path_factory) -> str:
    out = str(tmp_path_factory.mktemp("sample"))
    run = cli("build", SAMPLE, "-o", out)
    assert run.exit_code == 0, run.stderr
    return out


def pages_of(out: str) -> list[str]:
    return sorted(os.path.join(out, name) for name in os.listdir(out) if re.fullmatch(r"2022-01-28-page\d\d\.pdf", name))


@pytest.mark.skipif(shutil.which("pdfimages") is None, reason="poppler's pdfimages is not installed")
def test_the_sample_prints_three_photos_or_more_in_cmyk_or_gray_at_150_ppi_or_more(sample_out):
    rows = []
    for path in pages_of(sample_out):
        listing = subprocess.run(["pdfimages", "-list", path], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        rows += [(os.path.basename(path), line.split()) for line in listing]
    assert len(rows) >= 3
    for name, fields in rows:
        colour, x_ppi, y_ppi = fields[5], int(fields[12]), int(fields[13])
        assert colour in ("cmyk", "gray"), (name, fields)
        assert min(x_ppi, y_ppi) >= 150, (name, fields)
    assert {fields[5] for _, fields in rows} == {"cmyk", "gray"}  # an RGB photo converted, a gray one kept


def test_the_sample_carries_two_ads_or_more_on_different_pages_as_vector_forms(sample_out):
    pages_with_ads = []
    for path in pages_of(sample_out):
        with pikepdf.open(path) as pdf:
            xobjects = pdf.pages[0].Resources.get("/XObject", {})
            ads = [x for name, x in xobjects.items() if name.startswith("/LayoutAd")]
            if ads:
                assert all(x.Subtype == "/Form" for x in ads)
                assert not any(x.Subtype == "/Image" for x in ads)
                pages_with_ads.append(path)
    assert len(pages_with_ads) >= 2


def test_preflight_passes_every_sample_page_and_lists_its_images(sample_out):
    for path in pages_of(sample_out):
        run = cli("preflight", path)
        assert run.exit_code == 0, run.stdout
    run = cli("preflight", os.path.join(sample_out, "2022-01-28-page03.pdf"), "--format", "json")
    import json

    images = json.loads(run.stdout)["images"]
    assert [image["colour_space"] for image in images] == ["DeviceCMYK"]
    assert images[0]["ppi"] >= 200 and images[0]["max_ink"] <= 240


def test_the_proof_marks_photos_with_their_ppi_and_ads_with_their_slot(tmp_path):
    run = cli("proof", SAMPLE, "-o", str(tmp_path), "--dpi", "20")
    assert run.exit_code == 0, run.stderr
    import pdfplumber

    from layout.pipeline import layout_issue

    spec, layout = layout_issue(SAMPLE)
    bleed = spec.style.page.bleed / 1000

    def tag(pdf_page, rect) -> str:
        """The label in the rectangle's top-left corner (other overlays may stand beside it)."""
        x, y = rect.x / 1000 + bleed, rect.y / 1000 + bleed
        return pdf_page.within_bbox((x, y, x + 200, y + 10)).extract_text()

    (photo,) = layout.pages[2].frame("sci-xdf").images
    ad = layout.pages[5].frame("bookshop").ad
    with pdfplumber.open(os.path.join(str(tmp_path), "2022-01-28-proof.pdf")) as pdf:
        assert re.fullmatch(r"hubble_deep_field\.jpg\s+\d+ ppi\s+rgb", tag(pdf.pages[2], photo.frame))
        assert tag(pdf.pages[5], ad.slot).startswith("AD 半通栏 ad-banner.pdf 100.0 %")
