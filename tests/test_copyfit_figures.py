"""Copyfit figures worked out from the grid, not from the code's own formula.

The style is styles/broadsheet.yaml: columns of 13 characters of 小五 (9 pt) on a 13.5 pt pitch
(9 pt + 4.5 pt line gap), 104 body lines, indent 2 characters, an underfull warning from 4 spare
lines on. Bodies are Han characters only (every one a full cell, no punctuation, nothing to
compress or prohibit), so a body of 13·k − 2 characters fills exactly k lines, and a body of
13·k − 2 + c characters (0 < c ≤ 13, c ≥ 2 to keep the last line from being a runt) needs k + 1.

The main module: columns 1–2, lines 81–104. Line 104 is the grid's last line, so no line is kept
for a rule below it. The headline 测试标题 is one line of 一号 (26 pt): 26 + 4.5 = 30.5 pt over a
13.5 pt pitch takes 3 body lines (81–83), then one blank line (84); the text runs on lines 85–104:
20 lines a column, 40 lines in all.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET


from conftest import ROOT, check_story
from layout.check.report import json_report, junit_report, text_report

STYLE = os.path.join(ROOT, "styles", "broadsheet.yaml")
CHARS = "国家经济发展计划执行情况与民生实事项目研究部署会议强调要提高站位把准方向"
PER_LINE = 13
INDENT = 2
OFFERED = 2 * (104 - 85 + 1)  # 40
MAIN = {"column": 1, "span": 2, "top": 81, "height": 24}
WHERE = "columns 1–2, lines 81–104"


def han(count: int) -> str:
    return "".join(CHARS[i % len(CHARS)] for i in range(count))


def lines_of(lines: int) -> str:
    """A body that fills exactly `lines` lines."""
    return han(PER_LINE * lines - INDENT)


def check(tmp_path, body: str, rect: dict = MAIN):
    return check_story(tmp_path, {"headline": "测试标题", "body": body}, rect)


def by_code(result, code: str):
    return [f for f in result.findings if f.code == code]


def article_json(result) -> dict:
    return json.loads(json_report([result], 0))["issues"][0]["articles"][0]


def junit_case(result) -> ET.Element:
    cases = ET.fromstring(junit_report([result]).split("\n", 1)[1]).findall(".//testcase")
    return next(case for case in cases if case.get("name") == "story")


# --- room left --------------------------------------------------------------------------------------

def test_four_lines_short_is_underfull_with_room_for_52_characters(tmp_path):
    # 36 lines of text in 40: room for 4 lines of 13 = 52 字; 4 = underfull_lines: reported
    result = check(tmp_path, lines_of(36))
    fit = result.layout.copyfit[0]
    assert (fit.page, fit.lines_available, fit.lines_used, fit.lines_short, fit.lines_over, fit.chars_over) == (1, OFFERED, 36, 4, 0, 0)
    [underfull] = by_code(result, "underfull")
    assert str(underfull.severity) == "warning"
    assert underfull.message == f"room for about 4 lines, about 52 字 ({WHERE})"
    assert result.passed  # a warning does not fail the check unless strict
    assert f"story ({WHERE}): 36/40 lines, room for about 4 lines, about 52 字" in text_report([result])
    figures = article_json(result)
    assert {k: figures[k] for k in ("page", "lines_available", "lines_used", "lines_short", "lines_over", "chars_room", "chars_over", "chars_per_line")} == {
        "page": 1, "lines_available": 40, "lines_used": 36, "lines_short": 4, "lines_over": 0, "chars_room": 52, "chars_over": 0, "chars_per_line": 13}
    assert figures["module"] == {"column": 1, "span": 2, "top": 81, "height": 24}
    case = junit_case(result)
    assert case.find("failure") is None
    assert "36/40 lines, room for about 4 lines, about 52 字" in case.find("system-out").text


def test_three_lines_short_is_not_underfull(tmp_path):
    # one line more text: 37 in 40, room for 3 lines (39 字), one below underfull_lines
    result = check(tmp_path, lines_of(37))
    fit = result.layout.copyfit[0]
    assert (fit.lines_used, fit.lines_short) == (37, 3)
    assert not by_code(result, "underfull")
    assert f"story ({WHERE}): 37/40 lines, room for about 3 lines, about 39 字" in text_report([result])
    figures = article_json(result)
    assert (figures["lines_short"], figures["chars_room"]) == (3, 39)


def test_a_full_module_fits_exactly(tmp_path):
    result = check(tmp_path, lines_of(40))
    assert not by_code(result, "underfull") and not by_code(result, "overflow")
    assert f"story ({WHERE}): 40/40 lines, fits exactly" in text_report([result])
    figures = article_json(result)
    assert (figures["lines_short"], figures["lines_over"], figures["chars_room"], figures["chars_over"]) == (0, 0, 0, 0)


def test_a_module_with_something_below_keeps_its_last_line(tmp_path):
    # column 3, lines 81–90: line 90 is kept for the rule, the text runs on lines 85–89: 5 lines.
    # One line of text leaves 4: underfull, 52 字; two lines leave 3: not underfull.
    rect = {"column": 3, "span": 1, "top": 81, "height": 10}
    result = check(tmp_path, lines_of(1), rect)
    assert (result.layout.copyfit[0].lines_available, result.layout.copyfit[0].lines_short) == (5, 4)
    [underfull] = by_code(result, "underfull")
    assert underfull.message == "room for about 4 lines, about 52 字 (column 3, lines 81–90)"
    assert not by_code(check(tmp_path, lines_of(2), rect), "underfull")


# --- text over ----------------------------------------------------------------------------------

def test_overset_by_31_characters(tmp_path):
    # 40 lines' worth plus 31 characters: 518 characters fill the 40 lines, the other 31 need two
    # full lines and one of 5: 43 lines, 3 over, cut about 31 字 (an odd figure: halving shows)
    result = check(tmp_path, han(PER_LINE * OFFERED - INDENT + 31))
    fit = result.layout.copyfit[0]
    assert (fit.lines_available, fit.lines_used, fit.lines_over, fit.lines_short, fit.chars_over) == (40, 43, 3, 0, 31)
    [overflow] = by_code(result, "overflow")
    assert str(overflow.severity) == "error" and not result.passed
    assert overflow.message == f"overset by 3 lines: cut about 31 字 ({WHERE})"
    report = text_report([result])
    assert f"story ({WHERE}): 43/40 lines, over by 3 lines: cut about 31 字" in report
    assert f"error[overflow]: overset by 3 lines: cut about 31 字 ({WHERE})" in report
    figures = article_json(result)
    assert {k: figures[k] for k in ("lines_available", "lines_used", "lines_over", "lines_short", "chars_over", "chars_room")} == {
        "lines_available": 40, "lines_used": 43, "lines_over": 3, "lines_short": 0, "chars_over": 31, "chars_room": 0}
    case = junit_case(result)
    failure = case.find("failure")
    assert failure.get("type") == "overflow" and failure.get("message") == f"overset by 3 lines: cut about 31 字 ({WHERE})"
    assert "43/40 lines, over by 3 lines: cut about 31 字" in case.find("system-out").text


def test_one_character_over_takes_a_second_one_with_it(tmp_path):
    # 519 characters: one more than the 40 lines hold. A last line of one character is a runt
    # (孤字, CJK-TYPOGRAPHY §4), so one full line gives up a character (12 of 13, stretched within
    # the cap) and the last line carries two: 41 lines, 1 over, 2 字 to cut
    result = check(tmp_path, han(PER_LINE * OFFERED - INDENT + 1))
    fit = result.layout.copyfit[0]
    assert (fit.lines_used, fit.lines_over, fit.chars_over) == (41, 1, 2)
    assert f"story ({WHERE}): 41/40 lines, over by 1 lines: cut about 2 字" in text_report([result])
    assert article_json(result)["chars_over"] == 2
