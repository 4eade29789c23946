"""Pictures: the body flowing around them, copyfit counting their lines, crops and resolution,
the press conversion read back from the PDF, and every kind of bad image refused."""

from __future__ import annotations

import io
import os

import pikepdf
import pytest
from PIL import Image

import bad_inputs
from conftest import assert_one_line_error, cli, filler_han, issue_file, module
from layout.load.issue import load_issue
from layout.model.layout import Rect
from layout.model.spec import ImageInfo, PictureSpec, SourceRef
from layout.page.picture import fit_image
from layout.page.place import place_issue
from layout.typeface.metrics import load_metrics

MPT_PER_INCH = 72_000


def laid_out(path):
    spec = load_issue(path)
    return spec, place_issue(spec, load_metrics(spec.fonts))


def photo_story(folder, picture: dict | None, chars: int = 1200, rect=(1, 4, 1, 40)) -> str:
    bad_inputs.small_rgb_photo(os.path.join(str(folder), "photo.jpg"))
    article = {"id": "story", "headline": "图片绕排", "body": "\n\n".join(filler_han(100, n) for n in range(chars // 100))}
    if picture is not None:
        article["pictures"] = [{"file": "photo.jpg", "caption": "彩色图片跨两栏，正文在旁边和下方。", "credit": "本报记者 甲 摄", **picture}]
    return issue_file(folder, [article], [{"number": 1, "modules": [module("story", *rect)]}])


def body_lines(frame):
    return [line for line in frame.lines if line.kind == "body"]


def overlaps(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


# --- the flow around a picture -------------------------------------------------------------------

def test_text_flows_above_beside_and_below_a_picture_in_some_columns(tmp_path):
    spec, layout = laid_out(photo_story(tmp_path, {"column": 2, "span": 2, "line": 3, "lines": 12}))
    frame = layout.pages[0].frame("story")
    (image,) = frame.images
    grid = spec.style.grid
    assert image.frame.x == grid.column_x(2) and image.frame.width == grid.span_width(2)
    assert image.frame.height == 11 * grid.pitch + grid.body_size  # 12 body lines
    for line in frame.lines:
        assert not overlaps(line.box, image.frame), line.text
    column_2 = sorted(line.box.y for line in body_lines(frame) if line.box.x == grid.column_x(2))
    above = [y for y in column_2 if y < image.frame.y]
    below = [y for y in column_2 if y > image.frame.bottom]
    assert len(above) == 3 and below  # `line: 3` text lines, then the picture, then text again
    captions = [line for line in frame.lines if line.kind == "caption"]
    assert captions and captions[0].box.y > image.frame.bottom
    caption = "".join(line.text for line in captions)
    assert caption.startswith("彩色图片跨两栏，正文在旁边和下方。") and "本报记者" in caption and caption.endswith("摄")
    assert {run.font for line in captions for run in line.runs} == {"kai", "hei"}  # caption, then credit
    # a white line stands between the text above and the picture, and between caption and text
    assert image.frame.y - above[-1] >= 2 * grid.pitch - grid.line_gap
    assert below[0] - captions[-1].box.y >= 2 * grid.pitch - grid.body_size // 2  # captions sit centred on their line


def test_copyfit_counts_the_lines_a_picture_takes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _, plain = laid_out(photo_story(tmp_path / "a", None))
    _, pictured = laid_out(photo_story(tmp_path / "b", {"column": 2, "span": 2, "line": 3, "lines": 12}))
    before, after = plain.copyfit[0], pictured.copyfit[0]
    caption_lines = len([l for l in pictured.pages[0].frame("story").lines if l.kind == "caption"])
    # two columns lose 12 photo lines, the caption's lines, a white line above and one below
    assert after.picture_lines == 2 * (12 + caption_lines + 2)
    assert before.picture_lines == 0
    assert after.lines_available == before.lines_available - after.picture_lines
    assert after.lines_used == before.lines_used  # the same text needs the same lines


def test_a_picture_at_the_top_stands_above_the_headline_across_the_module(tmp_path):
    spec, layout = laid_out(photo_story(tmp_path, {"at": "top", "lines": 14}))
    frame = layout.pages[0].frame("story")
    (image,) = frame.images
    headline = next(line for line in frame.lines if line.kind == "headline")
    assert image.frame.y == spec.style.grid.line_top(1) and image.frame.width == frame.rect.width
    assert headline.box.y > image.frame.bottom


def test_a_picture_at_the_bottom_ends_at_the_module_foot(tmp_path):
    spec, layout = laid_out(photo_story(tmp_path, {"at": "bottom", "column": 3, "span": 2, "lines": 8}, chars=400))
    frame = layout.pages[0].frame("story")
    (image,) = frame.images
    captions = [line for line in frame.lines if line.kind == "caption"]
    grid = spec.style.grid
    assert grid.line_top(39) <= captions[-1].box.y < grid.line_top(40)  # the module's last line but the rule's
    assert image.frame.x == grid.column_x(3)


def test_a_picture_too_tall_for_its_module_is_refused(tmp_path):
    run = cli("check", photo_story(tmp_path, {"lines": 60}, rect=(1, 4, 1, 30)))
    match = assert_one_line_error(run, containing="picture 'story/1'")
    assert "make the module taller" in match["fix"]


def test_a_picture_outside_its_module_columns_is_refused(tmp_path):
    assert_one_line_error(cli("check", photo_story(tmp_path, {"column": 4, "span": 2, "lines": 6})), containing="columns 4–5 of a 4-column module")


# --- crops and resolution ---------------------------------------------------------------------------

def picture(width: int, height: int, fit: str = "cover", focus=(0.5, 0.5)) -> PictureSpec:
    info = ImageInfo("p.jpg", "p.jpg", "0" * 64, "JPEG", "rgb", width, height)
    return PictureSpec("p", info, None, None, fit, focus, SourceRef("i.yaml", 1, 1))


def test_cover_crops_to_the_frame_around_the_focus():
    frame = Rect(0, 0, 72_000, 72_000)  # one inch square
    placed = fit_image(picture(2000, 1000, focus=(0.9, 0.5)), frame)
    assert placed.drawn == frame
    assert placed.crop == (1000, 0, 2000, 1000)  # the right edge holds the focus in view
    assert placed.ppi == 1000
    centred = fit_image(picture(2000, 1000), frame)
    assert centred.crop == (500, 0, 1500, 1000)


def test_contain_shows_the_whole_picture_centred():
    placed = fit_image(picture(2000, 1000, fit="contain"), Rect(0, 0, 72_000, 72_000))
    assert placed.crop == (0, 0, 2000, 1000)
    assert placed.drawn == Rect(0, 18_000, 72_000, 36_000)
    assert placed.ppi == 2000


def test_check_reports_resolution_and_fails_below_the_minimum(tmp_path):
    path = photo_story(tmp_path, {"column": 1, "span": 4, "lines": 25}, chars=200, rect=(1, 4, 1, 60))
    # 600 × 400 px over 4 columns (495 pt) by 25 lines (333 pt): 86.5 ppi both ways
    Image.new("RGB", (600, 400), "gray").save(os.path.join(str(tmp_path), "photo.jpg"))
    run = cli("check", path, "--format", "json")
    assert run.exit_code == 1
    import json

    findings = json.loads(run.stdout)["issues"][0]["findings"]
    low = [f for f in findings if f["code"] == "picture-resolution"]
    assert len(low) == 1 and "below the press's minimum of 150 ppi" in low[0]["message"]
    info = next(f for f in findings if f["code"] == "picture")
    ppi = int(info["message"].split(": ")[1].split(" ppi")[0])
    assert ppi in (86, 87)


# --- the press PDF, read back with pikepdf ----------------------------------------------------------

def images_of(pdf_path):
    with pikepdf.open(pdf_path) as pdf:
        found = []
        for page in pdf.pages:
            for name, raw in page.get_images().items():
                image = pikepdf.PdfImage(raw)
                found.append((str(raw.ColorSpace), int(raw.Width), int(raw.Height), image.as_pil_image()))
        return found


def test_rgb_becomes_cmyk_gray_stays_gray_and_ink_keeps_the_limit(tmp_path):
    folder = str(tmp_path)
    bad_inputs.small_rgb_photo(os.path.join(folder, "photo.jpg"))
    bad_inputs.gray_photo(os.path.join(folder, "gray.png"))
    article = {"id": "story", "headline": "图片", "body": filler_han(600), "pictures": [
        {"file": "photo.jpg", "caption": "彩色。", "column": 1, "span": 2, "lines": 12},
        {"file": "gray.png", "caption": "灰度。", "column": 3, "span": 2, "lines": 12},
    ]}
    path = issue_file(tmp_path, [article], [{"number": 1, "modules": [module("story", 1, 4, 1, 40)]}])
    out = os.path.join(folder, "out")
    assert cli("build", path, "-o", out).exit_code == 0
    found = images_of(os.path.join(out, "issue-page01.pdf"))
    spaces = sorted(space for space, *_ in found)
    assert spaces == ["/DeviceCMYK", "/DeviceGray"]
    cmyk = next(image for space, _, _, image in found if space == "/DeviceCMYK")
    from layout.model.ink import pixel_ink

    assert pixel_ink(cmyk) <= 240
    assert cmyk.getpixel((cmyk.width // 2, cmyk.height // 2)) != (0, 0, 0, 0)  # the photo's ink, not paper


def test_a_photo_with_far_more_pixels_than_needed_is_downsampled(tmp_path):
    folder = str(tmp_path)
    bad_inputs.small_rgb_photo(os.path.join(folder, "photo.jpg"), size=(4000, 2400))
    article = {"id": "story", "headline": "图片", "body": filler_han(300), "pictures": [{"file": "photo.jpg", "column": 1, "span": 1, "lines": 6}]}
    path = issue_file(tmp_path, [article], [{"number": 1, "modules": [module("story", 1, 2, 1, 30)]}])
    spec, layout = laid_out(path)
    (placed,) = layout.pages[0].frame("story").images
    out = os.path.join(folder, "out")
    assert cli("build", path, "-o", out).exit_code == 0
    ((space, width, height, _),) = images_of(os.path.join(out, "issue-page01.pdf"))
    expected = round(placed.drawn.width * spec.style.pictures.target_ppi / MPT_PER_INCH)
    assert placed.ppi > spec.style.pictures.downsample_above
    assert width == expected and width < 4000


def test_the_exif_orientation_is_honoured(tmp_path):
    path = os.path.join(str(tmp_path), "turned.jpg")
    image = Image.new("RGB", (300, 200), "red")
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    image.save(path, exif=exif.tobytes())
    from layout.load.boundary import Area, Blame
    from layout.load.images import open_upright, read_image

    info = read_image("turned.jpg", str(tmp_path), Area("the test", (str(tmp_path),)), Blame("i.yaml", 1, 1, "file"))
    assert (info.width, info.height, info.orientation) == (200, 300, 6)
    assert open_upright(info.path, info.sha256, info.shown).size == (200, 300)


def test_an_rgb_photo_without_a_conversion_profile_is_refused(tmp_path):
    from conftest import copy_style

    path = photo_story(tmp_path, {"lines": 8})
    copy_style(tmp_path, lambda data: data["output"]["profiles"]["press"].update(convert_profile=None))
    assert_one_line_error(cli("build", path, "-o", str(tmp_path / "out")), containing="names no convert_profile")
    assert not os.path.exists(tmp_path / "out")


# --- bad images: one line naming the reference and the file, exit 2, nothing written -------------

BAD_IMAGES = [
    ("truncated.jpg", bad_inputs.truncated_jpeg, "is truncated or damaged"),
    ("misnamed.jpg", bad_inputs.misnamed_png, "named like a JPEG file but holds PNG"),
    ("bomb.png", bad_inputs.bomb_png, "decompression bomb"),
    ("float.tif", bad_inputs.unknown_mode_tiff, "colour mode 'F'"),
    ("text.jpg", bad_inputs.not_an_image, "not an image Pillow can read"),
    ("missing.jpg", None, "not found"),
    ("photo.gif", None, "not a JPEG, PNG or TIFF"),
]


@pytest.mark.parametrize("name, make, message", BAD_IMAGES, ids=[b[0] for b in BAD_IMAGES])
def test_a_bad_image_is_refused_with_one_line_and_nothing_written(tmp_path, name, make, message):
    folder = str(tmp_path)
    if make is not None:
        make(os.path.join(folder, name))
    elif name.endswith(".gif"):
        Image.new("RGB", (10, 10)).save(os.path.join(folder, name), "GIF")
    article = {"id": "story", "headline": "图片", "body": filler_han(300), "pictures": [{"file": name, "lines": 6}]}
    path = issue_file(tmp_path, [article], [{"number": 1, "modules": [module("story", 1, 2, 1, 30)]}])
    out = os.path.join(folder, "out")
    match = assert_one_line_error(cli("build", path, "-o", out), containing=message)
    assert match["field"].startswith("articles[0].pictures[0].file")
    assert name in match["problem"] and match["line"] != "1"
    assert not os.path.exists(out)


def test_a_picture_module_fills_its_rectangle_with_the_caption_in_its_last_lines(tmp_path):
    folder = str(tmp_path)
    bad_inputs.gray_photo(os.path.join(folder, "gray.png"))
    articles = [{"id": "story", "headline": "正文", "body": filler_han(600)}]
    pages = [{"number": 1, "modules": [module("story", 1, 4, 1, 40), {"picture": "solo", "column": 5, "span": 2, "top": 1, "height": 20}]}]
    path = issue_file(tmp_path, articles, pages, pictures=[{"id": "solo", "file": "gray.png", "caption": "灰度图片单独成块，说明在下。", "credit": "本报记者 乙 摄", "fit": "contain"}])
    spec, layout = laid_out(path)
    frame = layout.pages[0].frame("solo")
    grid = spec.style.grid
    (image,) = frame.images
    captions = [line for line in frame.lines if line.kind == "caption"]
    assert frame.kind == "picture" and image.frame.x == grid.column_x(5) and image.frame.width == grid.span_width(2)
    # 20 lines less the rule's line, less the caption's lines, for the photo
    assert image.frame.height == (19 - len(captions) - 1) * grid.pitch + grid.body_size
    assert captions[-1].box.y < grid.line_top(20) and captions[0].box.y > image.frame.bottom
    # contain: the whole 800 × 600 picture, centred, as wide as the frame allows
    assert image.crop == (0, 0, 800, 600) and image.drawn.width <= image.frame.width and image.drawn.height <= image.frame.height
    assert abs(image.drawn.width / image.drawn.height - 800 / 600) < 0.01
    assert cli("build", path, "-o", os.path.join(folder, "out")).exit_code == 0


@pytest.mark.parametrize("picture, message", [
    ({"at": "top", "lines": 50}, "below the module's foot"),
    ({"column": 6, "lines": 6}, "columns 6–6 of a 4-column module"),
    ({"at": "top", "column": 2, "lines": 6}, "runs across the whole module"),
])
def test_a_picture_that_cannot_stand_where_it_is_put_is_refused(tmp_path, picture, message):
    assert_one_line_error(cli("check", photo_story(tmp_path, picture, rect=(1, 4, 1, 40))), containing=message)
