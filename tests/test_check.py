"""`layout check`: each rule on a small issue that breaks exactly it, and on one that does not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import jsonschema
import pytest
import yaml

from conftest import ROOT, SAMPLE, copy_style
from layout.check.run import check_issue
from layout.load.issue import load_issue
from layout.page.place import place_issue
from layout.typeface.metrics import load_metrics

HAN = "国家经济发展计划执行情况与民生实事项目研究部署会议强调要提高站位把准方向"


def han(count: int, offset: int = 0) -> str:
    return "".join(HAN[(offset + i) % len(HAN)] for i in range(count))


def write_issue(tmp_path, articles, modules, *, style_patch=None, boxes=None, box_places=None) -> str:
    style = copy_style(tmp_path, style_patch)
    issue = {
        "style": style,
        "issue": {"paper": "测试报", "date": "2022-01-28", "page_count": 1, "serial_number": 1},
        "articles": articles,
        "pages": [{"number": 1, "modules": modules}],
    }
    if boxes:
        issue["boxes"] = boxes
        issue["pages"][0]["boxes"] = box_places
    path = tmp_path / "issue.yaml"
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(issue, handle, allow_unicode=True, sort_keys=False)
    return str(path)


def article(body: str, headline: str = "测试标题", **extra) -> dict:
    return {"id": "story", "headline": headline, "body": body, **extra}


def module(column=1, span=2, top=81, height=24) -> dict:
    return {"article": "story", "column": column, "span": span, "top": top, "height": height}


def findings(path: str, strict: bool = False):
    spec = load_issue(path)
    fonts = load_metrics(spec.fonts)
    layout = place_issue(spec, fonts)
    return check_issue(path, spec, layout, fonts, strict=strict)


def codes(result) -> set[str]:
    return {f.code for f in result.findings}


def run_check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "layout", "check", *args], capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": ROOT})


# --- copyfit ---------------------------------------------------------------------------------

def test_an_article_grown_until_it_overflows_reports_the_right_number_of_lines(tmp_path):
    paragraphs = []
    for grow in range(1, 40):
        paragraphs.append(han(50, grow))
        result = findings(write_issue(tmp_path, [article("\n\n".join(paragraphs))], [module()]))
        fit = result.layout.copyfit[0]
        if fit.lines_used > fit.lines_available:
            break
    else:
        pytest.fail("never overflowed")
    overflow = [f for f in result.findings if f.code == "overflow"]
    assert len(overflow) == 1
    frame = result.layout.pages[0].frame("story")
    assert fit.lines_over == fit.lines_used - fit.lines_available == len(frame.overflow)
    assert f"overset by {fit.lines_over} lines: cut about {fit.chars_over} 字" in overflow[0].message
    assert fit.chars_over == sum(len(line.text) for line in frame.overflow)
    assert not result.passed
    # one paragraph fewer fits
    result = findings(write_issue(tmp_path, [article("\n\n".join(paragraphs[:-1]))], [module()]))
    assert "overflow" not in codes(result)


def test_underfull_module(tmp_path):
    result = findings(write_issue(tmp_path, [article(han(30))], [module()]))
    assert "underfull" in codes(result)
    fit = result.layout.copyfit[0]
    message = next(f.message for f in result.findings if f.code == "underfull")
    assert f"room for about {fit.lines_short} lines, about {fit.lines_short * 13} 字" in message
    assert result.passed  # a warning: CI passes unless --strict
    assert not findings(write_issue(tmp_path, [article(han(30))], [module()]), strict=True).passed
    full = findings(write_issue(tmp_path, [article(han(13 * 40 - 2))], [module(height=24)]))
    assert "underfull" not in codes(full) or full.layout.copyfit[0].lines_short < 3


def test_headline_too_long(tmp_path):
    long = findings(write_issue(tmp_path, [article(han(20), headline=[han(16)])], [module(span=1)]))
    assert "headline-too-long" in codes(long)
    short = findings(write_issue(tmp_path, [article(han(20), headline=[han(4)])], [module(span=1)]))
    assert "headline-too-long" not in codes(short)


def test_box_with_more_lines_than_room_spills(tmp_path):
    boxes = [{"id": "hot", "title": "热线", "lines": ["1", "2", "3", "4"]}]
    spill = findings(write_issue(tmp_path, [article(han(20))], [module()], boxes=boxes, box_places=[{"box": "hot", "column": 7, "span": 2, "top": 1, "height": 4}]))
    assert "frame-spill" in codes(spill)
    roomy = findings(write_issue(tmp_path, [article(han(20))], [module()], boxes=boxes, box_places=[{"box": "hot", "column": 7, "span": 2, "top": 1, "height": 12}]))
    assert "frame-spill" not in codes(roomy)


# --- composition ---------------------------------------------------------------------------

def test_emergency_line_names_its_reason(tmp_path):
    bad = findings(write_issue(tmp_path, [article("报道1234567890123456789012345678901234567890的" + han(20))], [module(span=1)]))
    emergencies = [f for f in bad.findings if f.code == "emergency-line"]
    assert emergencies and all(f.where.text for f in emergencies)
    assert any("overfull" in f.message or "loose" in f.message or "stretch" in f.message for f in emergencies)
    assert "emergency-line" not in codes(findings(write_issue(tmp_path, [article(han(60))], [module(span=1)])))


def test_runt_when_the_composer_is_told_not_to_avoid_it(tmp_path):
    text = han(12)  # indent 2 + 11 fills a 13-character line and leaves one character
    def no_runt_penalty(style):
        style["composition"]["runt_penalty"] = 0
    runt = findings(write_issue(tmp_path, [article(text)], [module(span=1)], style_patch=no_runt_penalty))
    assert "runt" in codes(runt)
    assert "runt" not in codes(findings(write_issue(tmp_path, [article(text)], [module(span=1)])))


def rows_of(tmp_path) -> int:
    probe = findings(write_issue(tmp_path, [article(han(10))], [module()]))
    fit = probe.layout.copyfit[0]
    return fit.lines_available // fit.module.span


def test_widow_at_the_top_of_a_column(tmp_path):
    rows = rows_of(tmp_path)
    # the module is filled to its foot, so balancing has nothing to spread: the columns stand as set
    first = han(13 * rows + 3)  # indent 2: rows full lines, then a last line of 5 at the top of column 2
    widow = findings(write_issue(tmp_path, [article(first + "\n\n" + han(13 * (rows - 1) - 2, 7))], [module()]))
    assert "widow" in codes(widow)
    clean = findings(write_issue(tmp_path, [article(han(13 * rows + 30) + "\n\n" + han(13 * (rows - 3) - 2, 7))], [module()]))
    assert "widow" not in codes(clean)


def test_orphan_at_the_foot_of_a_column(tmp_path):
    rows = rows_of(tmp_path)
    first = han(13 * (rows - 1) - 2)  # fills column 1 but its last row, exactly
    orphan = findings(write_issue(tmp_path, [article(first + "\n\n" + han(13 * (rows + 1) - 2, 3))], [module()]))
    assert "orphan" in codes(orphan)
    clean = findings(write_issue(tmp_path, [article(han(13 * rows - 2) + "\n\n" + han(13 * rows - 2, 3))], [module()]))
    assert "orphan" not in codes(clean)


# --- glyphs and text -----------------------------------------------------------------------

def test_missing_glyph(tmp_path):
    assert "missing-glyph" in codes(findings(write_issue(tmp_path, [article(han(10) + "\U00020000" + han(10))], [module()])))
    assert "missing-glyph" not in codes(findings(write_issue(tmp_path, [article(han(21))], [module()])))


def test_fallback_glyph_for_a_quote_the_kai_face_draws_narrow(tmp_path):
    quoted = findings(write_issue(tmp_path, [article(han(20), byline="■记者 “张三”")], [module()]))
    fallback = [f for f in quoted.findings if f.code == "fallback-glyph"]
    assert fallback and str(fallback[0].severity) == "info"
    assert "fallback-glyph" not in codes(findings(write_issue(tmp_path, [article(han(20), byline="■记者 张三")], [module()])))


def test_ascii_punctuation_left_when_normalisation_is_off(tmp_path):
    def keep_ascii(style):
        style["composition"]["normalize"]["ascii_punctuation"] = False
    text = "昨日,省委常委" + han(20)
    assert "ascii-punctuation" in codes(findings(write_issue(tmp_path, [article(text)], [module()], style_patch=keep_ascii)))
    assert "ascii-punctuation" not in codes(findings(write_issue(tmp_path, [article(text)], [module()])))


def test_unbalanced_brackets(tmp_path):
    assert "unbalanced-brackets" in codes(findings(write_issue(tmp_path, [article("他说：“" + han(20) + "。")], [module()])))
    assert "unbalanced-brackets" in codes(findings(write_issue(tmp_path, [article("（" + han(20) + "》")], [module()])))
    running = "他说：“" + han(20) + "。\n\n“" + han(20) + "。”"  # a quotation over two paragraphs
    assert "unbalanced-brackets" not in codes(findings(write_issue(tmp_path, [article(running)], [module()])))


def test_doubled_punctuation(tmp_path):
    assert "doubled-punctuation" in codes(findings(write_issue(tmp_path, [article(han(5) + "，，" + han(10))], [module()])))
    assert "doubled-punctuation" not in codes(findings(write_issue(tmp_path, [article(han(5) + "？！" + han(10))], [module()])))


def test_small_type(tmp_path):
    def raise_minimum(style):
        style["checks"]["min_type_size"] = "10pt"
    assert "small-type" in codes(findings(write_issue(tmp_path, [article(han(20))], [module()], style_patch=raise_minimum)))
    assert "small-type" not in codes(findings(write_issue(tmp_path, [article(han(20))], [module()])))


def test_cross_references(tmp_path):
    to_missing_page = findings(write_issue(tmp_path, [article(han(20), see_also={"page": 9})], [module()]))
    assert "cross-reference" in codes(to_missing_page) and not to_missing_page.passed
    to_missing_article = findings(write_issue(tmp_path, [article(han(20), see_also={"article": "elsewhere"})], [module()]))
    assert "cross-reference" in codes(to_missing_article)
    fine = findings(write_issue(tmp_path, [article(han(20), see_also={"page": 1})], [module()]))
    assert "cross-reference" not in codes(fine)
    other = dict(article(han(20)), id="other", headline="别的标题")
    resolved = findings(write_issue(tmp_path, [article(han(20), see_also={"article": "other"}), other], [module(), dict(module(column=5), article="other")]))
    assert "cross-reference" not in codes(resolved)
    lines = [line.text for line in resolved.layout.pages[0].frame("story").lines if line.kind == "cross_reference"]
    assert lines == ["（相关报道详见1版）"]


def test_severities_come_from_the_style_sheet(tmp_path):
    def silence(style):
        style["checks"]["severity"]["doubled-punctuation"] = "off"
        style["checks"]["severity"]["underfull"] = "error"
    result = findings(write_issue(tmp_path, [article(han(5) + "，，" + han(10))], [module()], style_patch=silence))
    assert "doubled-punctuation" not in codes(result)
    assert not result.passed  # underfull now fails


# --- outputs and exit codes --------------------------------------------------------------------

def test_sample_passes_and_its_json_validates():
    result = run_check(SAMPLE, "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    schema = json.load(open(os.path.join(ROOT, "docs", "check-report.schema.json"), encoding="utf-8"))
    jsonschema.validate(report, schema)
    stories = len(yaml.safe_load(open(SAMPLE, encoding="utf-8"))["articles"])  # every article is placed
    assert report["summary"]["articles"] == stories and report["summary"]["passed"] is True
    assert {a["page"] for a in report["issues"][0]["articles"]} == set(range(1, 9))


def test_overflow_exits_1_and_names_the_article_in_every_format(tmp_path):
    path = write_issue(tmp_path, [article("\n\n".join(han(60, i) for i in range(12)))], [module(height=10)])
    text = run_check(path)
    assert text.returncode == 1
    assert "story" in text.stdout and "overflow" in text.stdout and text.stdout.strip().splitlines()[-1].startswith("FAIL")
    js = run_check(path, "--format", "json")
    report = json.loads(js.stdout)
    jsonschema.validate(report, json.load(open(os.path.join(ROOT, "docs", "check-report.schema.json"), encoding="utf-8")))
    assert report["exit_code"] == 1 and report["issues"][0]["articles"][0]["lines_over"] > 0
    junit_file = tmp_path / "report.xml"
    junit = run_check(path, "--format", "junit", "--output", str(junit_file))
    assert junit.returncode == 1
    tree = ET.parse(junit_file)
    case = tree.find(".//testcase[@name='story']")
    assert case is not None and case.find("failure") is not None
    assert tree.getroot().find("testsuite").get("failures") == "1"


def test_strict_fails_on_warnings(tmp_path):
    path = write_issue(tmp_path, [article(han(30))], [module()])  # underfull: a warning
    assert run_check(path).returncode == 0
    assert run_check(path, "--strict").returncode == 1


def test_bad_input_exits_2_with_one_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("style: [", encoding="utf-8")
    result = run_check(str(path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "broken.yaml:" in result.stderr


def test_build_of_an_overset_page_fails_names_the_article_and_keeps_the_last_good_pdfs(tmp_path):
    out = tmp_path / "out"
    build = lambda *extra: subprocess.run([sys.executable, "-m", "layout", "build", path, "-o", str(out), *extra], capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": ROOT})  # noqa: E731
    path = write_issue(tmp_path, [article("\n\n".join(han(60, i) for i in range(3)))], [module(top=1, height=30)])
    assert build().returncode == 0
    good = {p.name: p.read_bytes() for p in out.iterdir()}
    assert "issue-page01.pdf" in good
    path = write_issue(tmp_path, [article("\n\n".join(han(60, i) for i in range(12)))], [module(height=10)])
    result = build()
    assert result.returncode == 1
    assert "overflow" in result.stderr and "FAIL" in result.stderr
    assert "build stopped" in result.stderr and "in story" in result.stderr and "--force" in result.stderr
    assert result.stdout == ""
    assert {p.name: p.read_bytes() for p in out.iterdir()} == good  # the last good PDFs and snapshot stay
    forced = build("--force")
    assert forced.returncode == 1 and "written with --force despite 1 failing finding(s) in story" in forced.stderr
    assert forced.stdout.split() == [str(out / "issue-page01.pdf"), str(out / "issue.pdf")]
    assert (out / "issue-page01.pdf").read_bytes() != good["issue-page01.pdf"]


def test_brackets_kept_ascii_for_latin_text_are_not_reported(tmp_path):
    text = "详见手册页syslog(3)）和make(1)。" + han(20)
    assert "ascii-punctuation" not in codes(findings(write_issue(tmp_path, [article(text)], [module()])))
