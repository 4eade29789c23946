"""`height: auto` for a story's or a picture's module, `lines: auto` for an article's photo: the
engine fits them to their content, within the room below them, and says clearly when it cannot."""

from __future__ import annotations

import json
import os

import bad_inputs
from conftest import assert_one_line_error, cli, filler_han, issue_file, module
from layout.pipeline import layout_issue


def text_story(article_id: str, chars: int) -> dict:
    return {"id": article_id, "headline": "自动定高", "body": "\n\n".join(filler_han(100, n) for n in range(chars // 100))}


def fit_of(layout, article_id):
    (fit,) = [fit for fit in layout.copyfit if fit.article == article_id]
    return fit


def test_an_auto_module_takes_the_fewest_lines_that_hold_its_story(tmp_path):
    (tmp_path / "auto").mkdir()
    auto = issue_file(tmp_path / "auto", [text_story("story", 1200)], [{"number": 1, "modules": [module("story", 1, 3, 1, "auto")]}])
    spec, layout = layout_issue(auto)
    fit = fit_of(layout, "story")
    height = fit.module.height
    assert 10 < height < 104 and fit.lines_over == 0
    assert max(fit.columns_short) <= 1  # fitted: the columns reach the foot
    (placement,) = spec.pages[0].placements
    assert placement.rect.height == height  # the spec the checks read agrees with the layout
    # one line less and the same story is overset
    (tmp_path / "less").mkdir()
    less = issue_file(tmp_path / "less", [text_story("story", 1200)], [{"number": 1, "modules": [module("story", 1, 3, 1, height - 1)]}])
    assert fit_of(layout_issue(less)[1], "story").lines_over > 0


def test_an_auto_module_stops_at_the_module_below_it_and_reports_what_does_not_fit(tmp_path):
    articles = [text_story("long", 9000), text_story("below", 300)]
    pages = [{"number": 1, "modules": [module("long", 1, 2, 1, "auto"), module("below", 1, 3, 40, 20)]}]
    _, layout = layout_issue(issue_file(tmp_path, articles, pages))
    fit = fit_of(layout, "long")
    assert fit.module.top == 1 and fit.module.height == 39  # the room down to the module below
    assert fit.lines_over > 0  # overflow is data, as for any module
    run = cli("check", issue_file(tmp_path, articles, pages), "--format", "json")
    assert run.exit_code == 1
    (long_fit,) = [a for a in json.loads(run.stdout)["issues"][0]["articles"] if a["article"] == "long"]
    assert long_fit["module"]["height"] == 39 and long_fit["lines_over"] == fit.lines_over


def test_only_a_storys_last_module_may_fit_itself(tmp_path):
    articles = [text_story("long", 3000)]
    pages = [
        {"number": 1, "modules": [module("long", 1, 2, 1, "auto")]},
        {"number": 2, "section": "综合", "modules": [module("long", 1, 2, 4, 30, part=2)]},
    ]
    run = cli("check", issue_file(tmp_path, articles, pages))
    match = assert_one_line_error(run, containing="height: auto")
    assert "runs on to part 2" in match["problem"] and "only a story's last module" in match["fix"]


def test_a_height_that_is_neither_a_number_nor_auto_is_refused_with_both_choices(tmp_path):
    run = cli("check", issue_file(tmp_path, [text_story("story", 300)], [{"number": 1, "modules": [module("story", 1, 2, 1, "tall")]}]))
    match = assert_one_line_error(run, containing="auto")
    assert "'tall'" in match["problem"] and "whole number from 1 to 104 or auto" in match["problem"]


def test_an_auto_picture_module_takes_its_photos_proportions_and_its_caption(tmp_path):
    folder = str(tmp_path)
    bad_inputs.small_rgb_photo(os.path.join(folder, "photo.jpg"), size=(1200, 800))
    pages = [{"number": 1, "modules": [module("story", 1, 4, 1, 40), {"picture": "solo", "column": 5, "span": 3, "top": 1, "height": "auto"}]}]
    path = issue_file(tmp_path, [text_story("story", 600)], pages, pictures=[{"id": "solo", "file": "photo.jpg", "caption": "图片按比例定高。"}])
    spec, layout = layout_issue(path)
    grid = spec.style.grid
    frame = layout.pages[0].frame("solo")
    (image,) = frame.images
    captions = [line for line in frame.lines if line.kind == "caption"]
    expected_photo = grid.span_width(3) * 800 / 1200
    assert abs(image.frame.height - expected_photo) <= grid.pitch / 2  # whole lines nearest 3:2
    (placement,) = [p for p in spec.pages[0].placements if p.kind == "picture"]
    photo_lines = (image.frame.height - grid.body_size) // grid.pitch + 1
    assert placement.rect.height == photo_lines + len(captions) + 1  # and the line kept for the rule


def test_an_articles_photo_with_auto_lines_keeps_its_proportions(tmp_path):
    folder = str(tmp_path)
    bad_inputs.small_rgb_photo(os.path.join(folder, "photo.jpg"), size=(1200, 800))
    article = dict(text_story("story", 1500), pictures=[{"file": "photo.jpg", "caption": "说明。", "column": 1, "span": 2, "lines": "auto"}])
    spec, layout = layout_issue(issue_file(tmp_path, [article], [{"number": 1, "modules": [module("story", 1, 4, 1, 60)]}]))
    grid = spec.style.grid
    (image,) = layout.pages[0].frame("story").images
    assert abs(image.frame.height - grid.span_width(2) * 800 / 1200) <= grid.pitch / 2
    assert image.frame.width == grid.span_width(2)
