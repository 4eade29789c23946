"""A whole issue: inside pages under a running head, stories jumped between pages with the page
numbers taken from where their parts stand, 导读 and cross-references that follow the stories,
the issue-level rules, and the issue PDF."""

from __future__ import annotations

import json
import os

import pikepdf
import pytest
import yaml

from conftest import ROOT, assert_one_line_error, cli, issue_file, module, three_pages
from layout.load.issue import load_issue
from layout.page.place import place_issue
from layout.typeface.metrics import load_metrics

def laid_out(path: str):
    spec = load_issue(path)
    return spec, place_issue(spec, load_metrics(spec.fonts))


def lines_of(layout, page: int, article: str, kind: str | None = None):
    frame = next(f for f in layout.pages[page - 1].frames if f.ref == article)
    return [line for line in frame.lines if kind is None or line.kind == kind]


# --- jumps ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("target", [2, 3])
def test_jump_lines_name_the_page_the_continuation_stands_on(tmp_path, target):
    spec, layout = laid_out(three_pages(tmp_path, target))
    down = lines_of(layout, 1, "long", "jump_line")
    up = lines_of(layout, target, "long", "jump_line")
    assert [line.text for line in down] == [f"（下转第{target}版）"]
    assert [line.text for line in up] == ["（上接第1版）"]
    # 下转 stands in the last line of the last column, flush right with the column
    grid = spec.style.grid
    body = lines_of(layout, 1, "long", "body")
    last_column_x = grid.column_x(2)
    assert down[0].box.x == last_column_x and down[0].box.y == max(line.box.y for line in body)
    assert down[0].runs[-1].xs[-1] + down[0].runs[-1].size // 2 <= last_column_x + grid.column_width
    assert down[0].runs[0].xs[0] > last_column_x + grid.column_width // 3  # right-aligned, not left


def test_the_text_runs_on_without_a_character_lost_or_doubled(tmp_path):
    spec, layout = laid_out(three_pages(tmp_path))
    text = "".join(line.text for page in (1, 3) for line in lines_of(layout, page, "long", "body"))
    assert text == "".join(spec.article("long").paragraphs).replace("\n", "")
    first, second = (fit for fit in layout.copyfit if fit.article == "long")
    assert (first.part, first.parts, second.part, second.parts) == (1, 2, 2, 2)
    assert first.lines_used == first.lines_available  # the first part is full: the story runs on
    # 2 columns × (20 lines − the rule's line − a 3-line 一号 headline − 1 blank), less the jump line's place
    assert first.lines_available == 2 * (20 - 1 - 3 - 1) - 1


def test_the_continuation_opens_with_its_jump_title_or_the_headline(tmp_path):
    spec, layout = laid_out(three_pages(tmp_path))
    assert [line.text for line in lines_of(layout, 3, "long", "jump_title")] == ["long标题"]
    path = tmp_path / "issue.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["articles"][0]["jump_title"] = "接转短题"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _, layout = laid_out(str(path))
    assert [line.text for line in lines_of(layout, 3, "long", "jump_title")] == ["接转短题"]


def test_cross_references_and_the_index_follow_a_story_that_moves(tmp_path):
    top = {"boxes": [{"id": "daodu", "title": "导读", "index": ["filler", {"article": "long", "title": "长篇报道"}]}]}
    for target_page in (2, 3):
        path = three_pages(tmp_path, 3, **top)
        data = yaml.safe_load(open(path, encoding="utf-8"))
        data["pages"][0]["boxes"] = [{"box": "daodu", "column": 7, "span": 2, "top": 1, "height": 8}]
        # move `filler` (and so what the index says of it) to the target page
        for page in data["pages"]:
            page["modules"] = [m for m in page["modules"] if m["article"] != "filler"]
        data["pages"][target_page - 1]["modules"].append(module("filler", 1, 2, 40, 20))
        open(path, "w", encoding="utf-8").write(yaml.safe_dump(data, allow_unicode=True))
        _, layout = laid_out(path)
        index = [line.text for line in layout.pages[0].frame("daodu").lines if line.kind == "index"]
        assert index[0].startswith("filler标题") and index[0].endswith(f"{target_page}版") and "……" in index[0]
        assert index[1].startswith("长篇报道") and index[1].endswith("1版")
        assert [line.text for line in lines_of(layout, 1, "other", "cross_reference")] == ["（相关报道详见1版）"]


# --- the running head -------------------------------------------------------------------------------

def test_inside_pages_carry_a_running_head_mirrored_on_even_and_odd_pages(tmp_path):
    spec, layout = laid_out(three_pages(tmp_path))
    assert not any(frame.kind == "running_head" for frame in layout.pages[0].frames)
    grid = spec.style.grid
    middle = grid.left + grid.width // 2
    for page in layout.pages[1:]:
        head = next(frame for frame in page.frames if frame.kind == "running_head")
        texts = {line.text: line for line in head.lines}
        number = texts[f"第{page.number}版"]
        assert "测试报　2022年1月28日　星期五" in texts
        assert head.rules and head.rules[0].y1 > head.rect.bottom
        outer_is_right = page.number % 2 == 1
        assert (number.box.x > middle) == outer_is_right, f"page {page.number}: 第N版 on the outer side"
    page3 = {line.text for line in layout.pages[2].frame("running-head-3").lines}
    assert {"副刊", "责任编辑：编辑甲　版式：版式乙　校对：校对丙"} <= page3


# --- issue-level rules ------------------------------------------------------------------------------

def rewrite(path: str, change) -> None:
    data = yaml.safe_load(open(path, encoding="utf-8"))
    change(data)
    open(path, "w", encoding="utf-8").write(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["pages"][1].update(number=3), "page 3 appears twice"),
        (lambda d: d["pages"][2].update(number=4) or d["issue"].update(page_count=3), "page 4 follows page 2: page 3 is missing"),
        (lambda d: d["issue"].update(page_count=8), "page_count is 8, but the issue gives 3 pages"),
        (lambda d: d["pages"][2]["modules"][0].update(part=3), "part 3 of 'long' follows no part 2"),
        (lambda d: d["pages"][0]["modules"].append(module("long", 7, 2, 30, 20, part=2)) or d["pages"][2].update(modules=[]), "on page 1 stays on page 1"),
        (lambda d: (d["pages"][0]["modules"].__setitem__(0, module("long", 1, 2, 1, 20, part=2)), d["pages"][2]["modules"][0].pop("part")), "part 2 of 'long' on page 1 jumps back from page 3"),
        (lambda d: d["pages"][1]["modules"].append(module("other", 5, 2, 4, 20)), "'other' is already placed on page 1"),
        (lambda d: d["pages"][2]["modules"][0].update(height=5), "holds its 接转题 and （上接第1版） but no line of text"),
        (lambda d: d["pages"][1]["modules"][0].update(top=2), "lines 1–3 of an inside page hold its running head"),
        (lambda d: d.update(boxes=[{"id": "daodu", "title": "导读", "index": ["nowhere"]}]), "the 导读 lists 'nowhere', which no page places"),
    ],
    ids=["duplicate-number", "gap", "page-count", "part-from-nowhere", "same-page", "backwards", "placed-twice", "continuation-too-small", "running-head", "index-unplaced"],
)
def test_issue_level_rules_are_input_errors(tmp_path, monkeypatch, change, message):
    monkeypatch.chdir(tmp_path)
    path = three_pages(tmp_path)
    rewrite(path, change)
    assert_one_line_error(cli("check", path), containing=message)


# --- output ----------------------------------------------------------------------------------------

def test_the_issue_pdf_holds_every_page_and_is_the_same_for_any_number_of_jobs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = three_pages(tmp_path)
    outputs = []
    for jobs in ("1", "2", "2"):
        out = tmp_path / f"out-{len(outputs)}"
        run = cli("build", path, "-o", str(out), "--jobs", jobs)
        assert run.exit_code == 0, run.stderr
        assert run.stdout.split() == [str(out / f"issue-page0{n}.pdf") for n in (1, 2, 3)] + [str(out / "issue.pdf")]
        assert "built 4 PDF(s)" in run.stderr and "render" in run.stderr
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs[0] == outputs[1] == outputs[2]
    with pikepdf.open(tmp_path / "out-0" / "issue.pdf") as pdf:
        assert len(pdf.pages) == 3
        assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-1:2001" and str(pdf.docinfo["/Title"]) == "测试报 2022-01-28"
    assert cli("preflight", str(tmp_path / "out-0" / "issue.pdf")).exit_code == 0


def test_check_reports_every_part_and_the_whole_story(tmp_path, monkeypatch):
    import jsonschema

    monkeypatch.chdir(tmp_path)
    path = three_pages(tmp_path)
    text = cli("check", path)
    assert "long (columns 1–2, lines 1–20, part 1 of 2)" in text.stdout and "part 2 of 2" in text.stdout
    assert "whole story over 2 pages (1, 3)" in text.stdout
    report = json.loads(cli("check", path, "--format", "json").stdout)
    jsonschema.validate(report, json.load(open(os.path.join(ROOT, "docs", "check-report.schema.json"), encoding="utf-8")))
    story_entry = next(s for s in report["issues"][0]["stories"] if s["article"] == "long")
    parts = [a for a in report["issues"][0]["articles"] if a["article"] == "long"]
    assert story_entry["pages"] == [1, 3] and [p["part"] for p in parts] == [1, 2]
    assert story_entry["lines_available"] == sum(p["lines_available"] for p in parts)


def test_diff_reports_a_continuation_that_moved_to_another_page(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old, new = three_pages(tmp_path / "old"), three_pages(tmp_path / "new", 2)
    run = cli("diff", old, new)
    assert run.exit_code == 1 and "page 1–3 → 1–2" in run.stdout


def test_verse_is_set_line_by_line(tmp_path):
    poems = "《送别》　王维\n下马饮君酒，问君何所之。\n君言不得意，归卧南山陲。\n\n《鹿柴》　王维\n空山不见人，但闻人语响。\n返景入深林，复照青苔上。"
    path = issue_file(tmp_path, [{"id": "poems", "headline": "唐诗选读", "verse": True, "body": poems}], [{"number": 1, "modules": [module("poems", 1, 1, 1, 20)]}])
    _, layout = laid_out(path)
    lines = [line.text for line in lines_of(layout, 1, "poems") if line.kind in ("body", "verse_title", "space")]
    assert lines == ["《送别》　王维", "下马饮君酒，问君何所之。", "君言不得意，归卧南山陲。", "", "《鹿柴》　王维", "空山不见人，但闻人语响。", "返景入深林，复照青苔上。"]
