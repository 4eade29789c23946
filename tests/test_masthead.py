"""The masthead (报头) and the ear boxes (报眼): one block that fills its module, boxes whose
lines spread over their height, the CN/邮发代号 line and a calligraphic title image."""

from __future__ import annotations

import io
import os

import pikepdf
import pytest
import yaml

from conftest import SAMPLE, assert_one_line_error, clean_pdf, cli, copy_sample, copy_style, issue_file, module, story
from layout.load.issue import load_issue
from layout.page.masthead import place_masthead
from layout.page.place import place_issue
from layout.typeface.metrics import load_metrics


@pytest.fixture(scope="module")
def sample():
    spec = load_issue(SAMPLE)
    fonts = load_metrics(spec.fonts)
    return spec, place_issue(spec, fonts).pages[0]


def frames(page, kind):
    return [f for f in page.frames if f.kind == kind]


def bands(intervals, top, bottom):
    """The white bands (heights) between `top` and `bottom` that no interval covers."""
    found, y = [], top
    for start, end in sorted(intervals):
        if start > y:
            found.append(start - y)
        y = max(y, end)
    if bottom > y:
        found.append(bottom - y)
    return found


def masthead_spans(frame):
    spans = [(line.box.y, line.box.bottom) for line in frame.lines]
    spans += [(i.drawn.y, i.drawn.bottom) for i in frame.images]
    if frame.ad is not None:
        spans.append((frame.ad.drawn.y, frame.ad.drawn.bottom))
    return spans


def heavy_rule_y(frame):
    return max(frame.rules, key=lambda r: r.width).y1


def test_the_masthead_block_has_no_white_band(sample):
    spec, page = sample
    (masthead,) = frames(page, "masthead")
    pitch = spec.style.grid.pitch
    white = bands(masthead_spans(masthead), masthead.rect.y, heavy_rule_y(masthead))
    assert max(white) <= 1.5 * pitch, white
    # the left stack (title, English title, imprint) on its own has no band either
    left = [(l.box.y, l.box.bottom) for l in masthead.lines if l.box.x == masthead.rect.x]
    assert max(bands(left, masthead.rect.y, heavy_rule_y(masthead))) <= 1.5 * pitch


def test_title_date_block_and_boxes_share_the_top_line(sample):
    _, page = sample
    (masthead,) = frames(page, "masthead")
    title = next(l for l in masthead.lines if "钱塘新区报" in l.text and l.box.x == masthead.rect.x)
    date = next(l for l in masthead.lines if l.text.startswith("2022年1月28日"))
    ear = [f for f in frames(page, "box") if f.rect.x >= masthead.rect.right]
    assert len(ear) == 3
    assert title.box.y == date.box.y == masthead.rect.y == min(f.rect.y for f in ear)
    # the title is the block's largest type, condensed at most to 长三 (70 %)
    assert title.runs[0].size > 3 * date.runs[0].size and title.runs[0].scale >= 0.7
    # the ear ends on the masthead's last line, over its heavy rule
    assert max(f.rect.bottom for f in ear) <= heavy_rule_y(masthead) < max(f.rect.bottom for f in ear) + spec_pitch(sample)


def spec_pitch(sample):
    return sample[0].style.grid.pitch


def test_box_lines_spread_over_the_box(sample):
    spec, page = sample
    pitch = spec.style.grid.pitch
    for box in frames(page, "box"):
        if box.ref == "daodu":
            continue
        bar = box.fills[0].rect
        text = [l for l in box.lines if l.box.y >= bar.bottom]
        assert text, box.ref
        white = bands([(l.box.y, l.box.bottom) for l in text], bar.bottom, box.rect.bottom)
        assert max(white) <= 1.25 * pitch, (box.ref, white)  # about one body line
        foot, head = box.rect.bottom - text[-1].box.bottom, text[0].box.y - bar.bottom
        assert abs(foot - head) <= 1000, (box.ref, head, foot)  # spread evenly: as much white above as below


def masthead_issue(folder, **masthead):
    return issue_file(
        folder, [story("a", 600)],
        [{"number": 1, "masthead": {"column": 1, "span": 6, "top": 1, "height": 18}, "modules": [module("a", 1, 8, 19, 40)]}],
        masthead={"title": "测试报", "english_title": "TEST DAILY", "accounts": ["测试发布"], "sponsor": "测试委员会", **masthead},
    )


def placed_masthead(path):
    spec = load_issue(path)
    fonts = load_metrics(spec.fonts)
    page = place_issue(spec, fonts).pages[0]
    return spec, frames(page, "masthead")[0]


def test_cn_number_line_when_given_and_not_otherwise(tmp_path):
    with_cn = tmp_path / "cn"
    without = tmp_path / "plain"
    with_cn.mkdir()
    without.mkdir()
    _, frame = placed_masthead(masthead_issue(with_cn, cn_number="CN 33-0000 邮发代号 00-000"))
    texts = [l.text for l in frame.lines]
    assert "CN33-0000邮发代号00-000" in texts  # spaces are glue, not glyphs
    cn = next(l for l in frame.lines if l.text.startswith("CN33"))
    date = next(l for l in frame.lines if l.text.startswith("2022年"))
    assert cn.box.x == date.box.x and cn.box.y > date.box.y  # in the date column, under the date
    spec, frame = placed_masthead(masthead_issue(without))
    assert not any("CN" in l.text or "邮发代号" in l.text for l in frame.lines)
    assert max(bands(masthead_spans(frame), frame.rect.y, heavy_rule_y(frame))) <= 1.5 * spec.style.grid.pitch


def test_the_style_sheet_sets_how_far_a_long_title_may_be_condensed(tmp_path):
    def title(folder, **proportions):
        folder.mkdir()
        path = masthead_issue(folder, title="钱塘新区经开区报")
        copy_style(folder, lambda data: data["masthead"].update(proportions))
        return next(line for line in placed_masthead(path)[1].lines if line.text.startswith("钱塘"))
    condensed, upright = title(tmp_path / "a", min_title_scale=70), title(tmp_path / "b", min_title_scale=100)
    assert 0.7 <= condensed.runs[0].scale < 1 and upright.runs[0].scale == 1
    assert condensed.runs[0].size > upright.runs[0].size  # condensing lets the long title stand taller


@pytest.mark.parametrize("proportions, containing", [
    ({"min_title_scale": 20}, "from 30 to 100"),
    ({"english_range": [12, 7]}, "give the smaller number first"),
    ({"english_range": [7]}, "two numbers"),
    ({"spread": 1}, "spread"),
])
def test_bad_masthead_proportions_are_refused_in_one_line(tmp_path, proportions, containing):
    path = masthead_issue(tmp_path)
    copy_style(tmp_path, lambda data: data["masthead"].update(proportions))
    run = cli("check", path)
    assert_one_line_error(run, containing=containing)


def title_pdf() -> bytes:
    """A calligraphy stand-in: 测试报 in the body face (embedded), CMYK red, on a 300 × 100 pt page."""
    from reportlab.pdfgen.canvas import Canvas

    from layout.load.fonts import load_fonts
    from layout.render.fonts import register_fonts

    fonts = register_fonts(load_fonts())
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(300, 100), invariant=1, initialFontName=fonts["headline"])
    canvas.setFillColorCMYK(0, 1, 1, 0.1)
    canvas.setFont(fonts["headline"], 90)
    canvas.drawString(15, 15, "测试报")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_title_image_pdf_is_placed_in_the_title_area_and_drawn_as_a_form(tmp_path):
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "title.pdf").write_bytes(title_pdf())
    path = masthead_issue(tmp_path, title_image="art/title.pdf")
    spec, frame = placed_masthead(path)
    assert frame.ad is not None and not frame.images
    drawn = frame.ad.drawn
    date_x = min(l.box.x for l in frame.lines if l.text.startswith("2022年"))
    assert drawn.x == frame.rect.x and drawn.y == frame.rect.y and drawn.right < date_x
    assert abs(drawn.width / drawn.height - 3.0) < 0.01  # contain: the page's proportions kept
    assert not any(l.text == "测试报" for l in frame.lines)  # the image replaces the typeset title
    assert max(bands(masthead_spans(frame), frame.rect.y, heavy_rule_y(frame))) <= 3 * spec.style.grid.pitch
    out = tmp_path / "out"
    run = cli("build", path, "-o", str(out))
    assert run.exit_code == 0, run.stderr
    with pikepdf.open(out / "issue-page01.pdf") as pdf:
        xobjects = pdf.pages[0].Resources.XObject
        forms = [xobjects[k] for k in xobjects.keys() if xobjects[k].Subtype == "/Form"]
        assert forms, list(xobjects.keys())
        assert b"Do" in pdf.pages[0].Contents.read_bytes()


def test_title_image_raster_is_placed_as_an_image(tmp_path):
    from PIL import Image

    (tmp_path / "art").mkdir()
    Image.new("CMYK", (3000, 1000), (0, 255, 255, 25)).save(tmp_path / "art" / "title.tif")
    path = masthead_issue(tmp_path, title_image="art/title.tif")
    _, frame = placed_masthead(path)
    (image,) = frame.images
    assert frame.ad is None and image.drawn.y == frame.rect.y and image.drawn.x == frame.rect.x
    out = tmp_path / "out"
    run = cli("build", path, "-o", str(out))
    assert run.exit_code == 0, run.stderr
    with pikepdf.open(out / "issue-page01.pdf") as pdf:
        xobjects = pdf.pages[0].Resources.XObject
        assert any(xobjects[k].Subtype == "/Image" for k in xobjects.keys())


@pytest.mark.parametrize(
    "name, containing",
    [
        ("../outside.pdf", "leads outside"),
        ("art/missing.pdf", "masthead.title_image"),
        ("art/title.gif", "not a PDF, JPEG, PNG or TIFF"),
        ("art/broken.pdf", "title image"),
    ],
)
def test_a_bad_title_image_is_refused_in_one_line(tmp_path, name, containing):
    folder = tmp_path / "issue"
    (folder / "art").mkdir(parents=True)
    (tmp_path / "outside.pdf").write_bytes(title_pdf())
    (folder / "art" / "title.gif").write_bytes(b"GIF89a")
    (folder / "art" / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    path = masthead_issue(folder, title_image=name)
    assert_one_line_error(cli("check", path), containing=containing)


def test_the_sample_front_page_builds_with_the_composed_masthead(tmp_path):
    path = copy_sample(tmp_path)
    spec = load_issue(path)
    fonts = load_metrics(spec.fonts)
    placement = next(p for p in spec.pages[0].placements if p.kind == "masthead")
    frame = place_masthead(spec.masthead, spec.info, placement.rect, spec.style, fonts)
    assert frame.rect.y == spec.style.grid.line_top(1)
