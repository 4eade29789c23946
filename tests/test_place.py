"""Placement geometry on the sample issue with the pinned fonts."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import SAMPLE
from layout.load.issue import load_issue
from layout.model.spec import GridRect
from layout.page.masthead import masthead_lines
from layout.page.place import place_issue
from layout.typeface.metrics import load_metrics
from layout.units import pt


@pytest.fixture(scope="module")
def spec():
    return load_issue(SAMPLE)


@pytest.fixture(scope="module")
def fonts(spec):
    return load_metrics(spec.fonts)


@pytest.fixture(scope="module")
def layout(spec, fonts):
    return place_issue(spec, fonts)


def test_grid_is_eight_columns_of_thirteen_characters(spec):
    grid = spec.style.grid
    assert grid.columns == 8 and grid.column_width == pt(117) and grid.gutter == pt(9)
    assert grid.width == pt(999)
    assert grid.pitch == pt(13.5)
    assert grid.lines == 104
    # centred between the margins
    left_margin = grid.left
    right_margin = spec.style.page.trim_width - grid.left - grid.width
    assert abs(left_margin - right_margin) <= 1


def test_body_lines_sit_on_the_grid_inside_their_module(spec, layout):
    grid = spec.style.grid
    column_lefts = {grid.column_x(c) for c in range(1, grid.columns + 1)}
    line_tops = {grid.line_top(n) for n in range(1, grid.lines + 1)}
    count = 0
    for frame in (frame for page in layout.pages for frame in page.frames):
        for line in frame.lines:
            if line.kind != "body" or not line.runs:
                continue
            count += 1
            assert line.box.x in column_lefts
            assert line.box.y in line_tops
            assert line.box.width == grid.column_width
            assert frame.rect.x <= line.box.x and line.box.right <= frame.rect.right
            assert frame.rect.y <= line.box.y and line.box.bottom <= frame.rect.bottom
            for run in line.runs:
                assert run.size == grid.body_size
    assert count > 400


def test_justified_lines_end_flush_with_the_column(spec, layout, fonts):
    """The last glyph's ink of every non-final body line ends at the column's right edge (verse
    is set flush left, line by line)."""
    verse = {article.id for article in spec.articles if article.verse}
    for frame in (frame for page in layout.pages for frame in page.frames if frame.ref not in verse):
        for line in frame.lines:
            if line.kind != "body" or line.last or line.emergency:
                continue  # a flagged line (a long address in a narrow column) is reported instead
            run = line.runs[-1]
            char = run.text[-1]
            advance = fonts[run.font].advance(char, run.size)
            right = run.xs[-1] + advance
            # a half-width line-end mark inks only its left half
            if char in "，。、；：？！”’）》":
                right -= run.size // 2
            assert right == line.box.right, (line.text, right - line.box.right)


def test_headlines_are_centred_across_their_module(layout):
    for frame in (frame for page in layout.pages for frame in page.frames):
        for line in frame.lines:
            if line.kind != "headline":
                continue
            run = line.runs[-1]
            left, right = line.runs[0].xs[0] - frame.rect.x, frame.rect.right - (run.xs[-1] + run.size)
            assert left >= 0 and right >= -run.size // 2 and abs(left - right) <= run.size, line.text  # centred
            assert line.box.x == frame.rect.x and line.box.width == frame.rect.width


def test_every_article_fits_and_copyfit_adds_up(spec, layout):
    assert {c.article for c in layout.copyfit} == {article.id for article in spec.articles}
    verse = {article.id for article in spec.articles if article.verse}
    for fit in layout.copyfit:
        frame = layout.pages[fit.page - 1].frame(fit.article)
        assert (frame.part, frame.parts) == (fit.part, fit.parts)
        placed = [line for line in frame.lines if line.kind in ("body", "byline", "cross_reference", "verse_title", "space")]
        if fit.article in verse:  # a poem's title is never left at a column's foot: that row stays white
            assert len(placed) + len(frame.overflow) <= fit.lines_used
        else:
            assert len(placed) + len(frame.overflow) == fit.lines_used
        assert fit.lines_over == 0, fit


def test_overflow_is_kept_as_data_with_its_figures(spec, fonts):
    page = spec.pages[0]
    shrunk = []
    for placement in page.placements:
        if placement.ref == "edz-top-ten":
            placement = dataclasses.replace(placement, rect=GridRect(placement.rect.column, placement.rect.span, placement.rect.top, 20))
        shrunk.append(placement)
    small = dataclasses.replace(spec, pages=(dataclasses.replace(page, placements=tuple(shrunk)), *spec.pages[1:]))
    layout = place_issue(small, fonts)
    fit = next(c for c in layout.copyfit if c.article == "edz-top-ten")
    frame = layout.pages[0].frame("edz-top-ten")
    assert fit.lines_over == len(frame.overflow) > 0
    assert fit.lines_used - fit.lines_available == fit.lines_over
    assert fit.chars_over == sum(len(line.text) for line in frame.overflow)
    placed_text = "".join(line.text for line in frame.lines if line.kind == "body")
    overflow_text = "".join(line.text for line in frame.overflow)
    article = spec.article("edz-top-ten")
    assert (placed_text + overflow_text).startswith(article.dateline)
    from layout.check.run import check_issue

    result = check_issue("sample", small, layout, fonts)
    overflows = [f for f in result.findings if f.code == "overflow"]
    assert len(overflows) == 1 and overflows[0].where.article == "edz-top-ten"
    assert f"cut about {fit.chars_over} 字" in overflows[0].message
    assert not result.passed


def test_masthead_texts_come_from_the_issue_data(spec):
    texts = masthead_lines(spec.masthead, spec.info)
    assert texts["date_line"] == ("2022年1月28日 星期五", "农历辛丑年十二月廿六", "今日8版 总第311期")
    assert texts["masthead_imprint"] == ("主办 中共钱塘区委  出版 杭州日报报业集团",)


@pytest.mark.parametrize("page", range(8))
def test_frames_do_not_overlap(layout, page):
    frames = layout.pages[page].frames
    for i, a in enumerate(frames):
        for b in frames[i + 1 :]:
            overlap_x = min(a.rect.right, b.rect.right) - max(a.rect.x, b.rect.x)
            overlap_y = min(a.rect.bottom, b.rect.bottom) - max(a.rect.y, b.rect.y)
            assert overlap_x <= 0 or overlap_y <= 0, (a.ref, b.ref)
