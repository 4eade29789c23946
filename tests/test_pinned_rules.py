"""Rules pinned where the break or the geometry would show a slip at once: the ideographic space
after a run-in dateline never starts a line; centred headline lines have as much white on the left
as on the right, on every path the headline fitter takes; a headline block that leaves no body line
is reported as too long."""

from __future__ import annotations

import os

import pytest

from conftest import EM, ROOT, body_style, check_story, synthetic_fonts
from layout.model.style import Composition, Grid, TextStyle
from layout.page import headline as headline_module
from layout.page.headline import compose_headline
from layout.text.compose import ComposeOptions, compose_paragraph
from layout.text.segment import Span

STYLE = os.path.join(ROOT, "styles", "broadsheet.yaml")
CHARS = "国家经济发展计划执行情况与民生实事项目研究部署会议强调要提高站位把准方向"


def han(count: int, offset: int = 0) -> str:
    return "".join(CHARS[(offset + i) % len(CHARS)] for i in range(count))


def check(tmp_path, article: dict, rect: dict, style_patch=None):
    return check_story(tmp_path, article, rect, style_patch)


def on_whole_lines(data) -> None:
    """The style sheet's headline elements without a leading: each line on whole body lines."""
    for name in ("kicker", "headline", "subhead"):
        for key in ("leading", "space_before", "space_after"):
            data["styles"][name].pop(key, None)


def codes(result) -> set[str]:
    return {f.code for f in result.findings}


# --- kinsoku: U+3000 after a run-in dateline ---------------------------------------------------
# article.py runs the dateline in as its own span and starts the text with U+3000. With an indent
# of 2 and a dateline of 11 characters the first line of 13 is exactly full after the dateline: the
# cheapest break of all (ratio 0) is right before the U+3000, and only the rule keeps it from
# starting line 2. Within the rule the first line gives up the dateline's last character instead
# (12 cells stretched over 10 gaps, ratio 0.4) and the U+3000 follows that character.

DATELINE = "本报杭州一月二十八日电"  # 11 characters
TEXT = "省委常委会召开会议研究部署全省经济工作"


def test_no_line_starts_with_an_ideographic_space_after_a_dateline(composition):
    spans = [Span(DATELINE, body_style()), Span("\u3000" + TEXT, body_style())]
    lines = compose_paragraph(spans, synthetic_fonts(), ComposeOptions(13 * EM, composition, indent=2 * EM)).lines
    assert not any(line.text.startswith("\u3000") for line in lines), [line.text for line in lines]
    assert [line.text for line in lines][:2] == [DATELINE[:-1], DATELINE[-1] + "\u3000" + TEXT[:11]]
    assert all(line.emergency is None for line in lines)


def test_no_body_line_of_a_placed_article_starts_with_an_ideographic_space(tmp_path):
    # the same through place_article with the pinned fonts (hei dateline, song text, both 1 em)
    result = check(tmp_path, {"headline": "测试标题", "dateline": DATELINE, "body": TEXT + han(60)}, {"column": 1, "span": 2, "top": 81, "height": 24})
    body = [line for line in result.layout.pages[0].frame("story").lines if line.kind == "body"]
    assert body[0].text == DATELINE[:-1]
    assert not any(line.text.startswith("\u3000") for line in body)


# --- headline centring ---------------------------------------------------------------------------
# Synthetic fonts: every Han character 1 em. A headline line of n characters set with tracking t
# steps by the same pitch (1 em + t) from character to character; its extent is n pitches (the
# composer gives every glyph its tracked cell, the last one too). Centred in the measure M, the
# white on the left (the first glyph's origin) equals M − that extent − the white on the left,
# within the 1 mpt of an odd remainder.

SIZE = 26000  # 一号
# 10.5 em and a bit: 6 characters fit, 11 characters do not (286000) untracked, but do at −40/1000
# em (11 × 24960 = 274560), not at −30 (11 × 25220 = 277420); 17 need two lines
MEASURE = 275001
HEADLINE = TextStyle(name="headline", font="body", size=SIZE, colour="black", align="center", min_tracking=-50)
GRID = Grid(columns=8, column_chars=13, gutter_chars=1, body_size=9000, line_gap=4500, lines=104, left=0, top=0)


def white(line, measure: int) -> tuple[int, int]:
    xs = [glyph.x for glyph in line.glyphs]
    pitch = xs[1] - xs[0] if len(xs) > 1 else SIZE
    assert all(b - a == pitch for a, b in zip(xs, xs[1:]))  # Han only: an even pitch
    return xs[0], measure - (xs[-1] + pitch)


@pytest.fixture
def paths(monkeypatch):
    """Which fitting path each headline took: the helper that returned lines."""
    taken = []
    for name in ("_split_at_spaces", "_tightened", "_split_at_phrases", "_balanced"):
        original = getattr(headline_module, name)

        def spy(*args, _original=original, _name=name, **kwargs):
            result = _original(*args, **kwargs)
            if result is not None:
                taken.append(_name)
            return result

        monkeypatch.setattr(headline_module, name, spy)
    return taken


@pytest.mark.parametrize(
    "text, path, counts",
    [
        ("经济工作会议", None, [6]),  # fits as it is
        ("全省经济工作 会议召开部署", "_split_at_spaces", [6, 6]),  # 13 do not fit: the editor's space
        ("全省经济工作会议召开了", "_tightened", [11]),  # 11 fit at −40
        ("全省经济工作会议在杭州召开部署明年", "_split_at_phrases", [8, 9]),  # 17: two lines, broken before 在
    ],
    ids=["single", "editor-space", "tightened", "balanced"],
)
def test_centred_headline_lines_have_equal_white_on_both_sides(paths, text, path, counts):
    block = compose_headline(text, HEADLINE, MEASURE, synthetic_fonts(), GRID, Composition())
    assert block.fits
    assert paths == ([path] if path else [])
    assert [len(line.glyphs) for line in block.lines] == counts
    for line in block.lines:
        left, right = white(line, MEASURE)
        assert left > 0 and abs(left - right) <= 1, (line.text, left, right)


def test_tightening_goes_down_to_the_style_limit_and_no_further():
    # 11 characters at −50/1000 em are 11 × 24700 = 271700: they fit 272000 only at the limit
    # itself (−40 gives 274560); at 271699 not even there, and the fitter balances two lines
    block = compose_headline("全省经济工作会议召开了", HEADLINE, 272000, synthetic_fonts(), GRID, Composition())
    [line] = block.lines
    assert [b.x - a.x for a, b in zip(line.glyphs, line.glyphs[1:])] == [24700] * 10
    block = compose_headline("全省经济工作会议召开了", HEADLINE, 271699, synthetic_fonts(), GRID, Composition())
    assert len(block.lines) == 2


@pytest.mark.parametrize("size, lines", [(9000, 1), (9001, 2), (22500, 2), (22501, 3), (26000, 3)])
def test_slot_lines_are_the_em_box_and_a_line_gap_in_whole_body_lines(size, lines):
    # (size + 4.5 pt) / 13.5 pt, rounded up: 9 pt body type takes one line, a hair more takes two
    assert headline_module.slot_lines(size, GRID) == lines


def test_a_placed_headline_is_centred_in_its_module(tmp_path):
    # the pinned fonts: 测试标题 in 一号 across columns 1–2 (27 characters of 小五, 243 pt): the
    # four characters' cells from the first origin on, and equal white either side of them
    result = check(tmp_path, {"headline": "测试标题", "kicker": "引题文字", "subhead": "副题文字说明", "body": han(30)}, {"column": 1, "span": 2, "top": 81, "height": 24})
    frame = result.layout.pages[0].frame("story")
    heads = [line for line in frame.lines if line.kind in ("kicker", "headline", "subhead")]
    assert [line.kind for line in heads] == ["kicker", "headline", "subhead"]
    for line in heads:
        [run] = line.runs
        pitch = run.xs[1] - run.xs[0]
        left, right = run.xs[0] - frame.rect.x, frame.rect.right - (run.xs[-1] + pitch)
        assert left > 0 and abs(left - right) <= 1, (line.text, left, right)


# --- headline room --------------------------------------------------------------------------------
# 测试标题 in 一号 takes 3 body lines, then one blank line: the text starts on the 5th line of the
# module. A module of 5 lines at the foot of the page (lines 100–104, nothing below) leaves exactly
# one body line; one of 4 (101–104) leaves none. A module with something below keeps its last
# line for the rule: lines 80–85 leave one body line (84), lines 80–84 none.

@pytest.mark.parametrize(
    "top, height, body_lines",
    [(100, 5, 1), (101, 4, 0), (80, 6, 1), (80, 5, 0)],
    ids=["foot-one-line", "foot-no-line", "ruled-one-line", "ruled-no-line"],
)
def test_a_headline_block_that_leaves_no_body_line_is_too_long(tmp_path, top, height, body_lines):
    # the headline is 4 characters of 26 pt in a 243 pt module: it fits the width either way
    result = check(tmp_path, {"headline": "测试标题", "body": han(20)}, {"column": 1, "span": 2, "top": top, "height": height})
    fit = result.layout.copyfit[0]
    assert fit.lines_available == 2 * body_lines
    if body_lines:
        assert "headline-too-long" not in codes(result)
    else:
        [finding] = [f for f in result.findings if f.code == "headline-too-long"]
        assert finding.message.startswith("the headline block (1 lines) does not fit columns 1–2")


@pytest.mark.parametrize("top, height, body_lines", [(96, 9, 1), (97, 8, 0)], ids=["one-line", "no-line"])
def test_kicker_and_subhead_count_in_the_headline_block(tmp_path, top, height, body_lines):
    # without a leading: kicker 三号 16 pt: 16 + 4.5 over 13.5 → 2 lines; headline 一号: 3;
    # subhead 小三 15 pt: 2; a blank line: the text starts on the 9th line of the module
    article = {"kicker": "引题文字", "headline": "测试标题", "subhead": "副题文字说明", "body": han(20)}
    result = check(tmp_path, article, {"column": 1, "span": 2, "top": top, "height": height}, on_whole_lines)
    fit = result.layout.copyfit[0]
    assert (fit.headline_lines, fit.lines_available) == (3, 2 * body_lines)
    too_long = [f.message for f in result.findings if f.code == "headline-too-long"]
    assert too_long == ([] if body_lines else [f"the headline block (3 lines) does not fit columns 1–2, lines {top}–104"])


# --- where the headline block sits ---------------------------------------------------------------
# Module lines 81–104 on a 13.5 pt pitch, its top at the top of line 81's em box (y0). Without a
# leading, each element takes whole body lines: its slot is n·13.5 − 4.5 pt high (the last line gap is not its own), and
# its em box sits in the middle of the slot.
#   section 四号 14 pt: 2 lines (81–82), slot 22.5 pt, em box 4.25 pt down; a fill of the slot's
#     height, as wide as the label plus half an em each side (7 pt), the text 7 pt in
#   kicker 三号 16 pt: 2 lines (83–84), slot 22.5, em box 3.25 pt down
#   headline 一号 26 pt: 3 lines (85–87), slot 36, em box 5 pt down
#   subhead 小三 15 pt: 2 lines (88–89), slot 22.5, em box 3.75 pt down
#   a blank line (90); the text from line 91: 14 lines a column, 28 in all

def test_the_headline_block_sits_in_whole_body_lines(tmp_path):
    article = {"section": "要闻", "kicker": "引题文字", "headline": "测试标题", "subhead": "副题文字说明", "body": han(30)}
    result = check(tmp_path, article, {"column": 1, "span": 2, "top": 81, "height": 24}, on_whole_lines)
    frame = result.layout.pages[0].frame("story")
    y0, pitch = frame.rect.y, 13500
    lines = {line.kind: line for line in frame.lines if line.kind != "body"}
    expected = {"section_label": (0, 4250, 14000), "kicker": (2, 3250, 16000), "headline": (4, 5000, 26000), "subhead": (7, 3750, 15000)}
    for kind, (line_offset, down, size) in expected.items():
        box = lines[kind].box
        assert (box.y - y0 - line_offset * pitch, box.height) == (down, size), kind
    [fill] = frame.fills
    assert (fill.rect.x, fill.rect.y, fill.rect.width, fill.rect.height) == (frame.rect.x, y0, 2 * 14000 + 2 * 7000, 22500)
    assert lines["section_label"].runs[0].xs[0] == frame.rect.x + 7000
    first_body = next(line for line in frame.lines if line.kind == "body")
    assert first_body.box.y == y0 + 10 * pitch
    assert result.layout.copyfit[0].lines_available == 28


# With the style sheet's leadings (kicker 1.3 and 6 pt after, headline 1.2, subhead 1.3 and 6 pt
# before) the block is one piece: 16 + 6 + 26 + 6 + 15 = 69 pt of kicker, headline and subhead;
# (69 + 4.5) / 13.5 → 6 body lines (81–86, 76.5 pt of room), the content 3.75 pt down in them:
# kicker at 3.75, headline at 3.75 + 16 + 6 = 25.75, subhead at 25.75 + 26 + 6 = 57.75 pt;
# a blank line (87); the text from line 88 to the grid's foot: 17 lines a column, 34 in all.

def test_the_headline_block_with_leadings_is_one_block_on_whole_body_lines(tmp_path):
    article = {"kicker": "引题文字", "headline": "测试标题", "subhead": "副题文字说明", "body": han(30)}
    result = check(tmp_path, article, {"column": 1, "span": 2, "top": 81, "height": 24})
    frame = result.layout.pages[0].frame("story")
    y0, pitch = frame.rect.y, 13500
    lines = {line.kind: line for line in frame.lines if line.kind != "body"}
    assert {kind: (lines[kind].box.y - y0, lines[kind].box.height) for kind in ("kicker", "headline", "subhead")} == {
        "kicker": (3750, 16000), "headline": (25750, 26000), "subhead": (57750, 15000)}
    first_body = next(line for line in frame.lines if line.kind == "body")
    assert first_body.box.y == y0 + 7 * pitch
    assert result.layout.copyfit[0].lines_available == 2 * 17
