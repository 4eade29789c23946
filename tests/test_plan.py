"""Automatic placement (`stories:`, `layout place`): the hard rules on the sample's front page,
on every page of the issue and on random story sets; pins, determinism, infeasible pages, and
the proposal written back with the file's comments."""

from __future__ import annotations

import json
import os
import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE_FRONT_ORDER, cli, copy_sample, filler_han, issue_file, unplace_page
from layout.load.errors import InputError
from layout.load.issue import load_issue
from layout.model.spec import GridRect
from layout.pipeline import place_path, planned_layout
from layout.plan.plan import plan_page
from layout.plan.score import Module, PageGeometry, gutter_runs, pengti, score_terms
from layout.plan.variants import story_options
from layout.typeface.metrics import load_metrics

FAST = 0.5  # seconds of search a page in tests (the default is 2)


def assert_hard_rules(spec, layout, number: int) -> None:
    """No overlap, all inside the type area, no cell of the page left white, and every story of
    the page fitting its module with at most one spare line per column."""
    grid = spec.style.grid
    page = next(p for p in spec.pages if p.number == number)
    first = 1 if page.is_front else spec.style.running_head.lines + 1
    cells: dict[tuple[int, int], str] = {}
    for placement in page.placements:
        r = placement.rect
        assert 1 <= r.column and r.last_column <= grid.columns and first <= r.top and r.bottom <= grid.lines, placement
        for line in range(r.top, r.bottom + 1):
            for column in range(r.column, r.last_column + 1):
                assert (line, column) not in cells, f"{placement.ref} overlaps {cells[(line, column)]} at line {line}, column {column}"
                cells[(line, column)] = placement.ref
    holes = [(line, column) for line in range(first, grid.lines + 1) for column in range(1, grid.columns + 1) if (line, column) not in cells]
    assert not holes, f"page {number}: {len(holes)} cells white, first at {holes[0]}"
    listed = {r.article for r in page.stories}
    for fit in layout.copyfit:
        if fit.article in listed and (fit.page == number or fit.parts > 1):
            last = [f for f in layout.copyfit if f.article == fit.article][-1]
            assert last.chars_over == 0, f"{fit.article} overset by {last.chars_over} 字"
            assert max(last.columns_short, default=0) <= 1, f"{fit.article}: columns short by {last.columns_short}"


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    """The sample with page 1's six stories unplaced, in rank order (lead, seconds, thirds, brief)."""
    path = copy_sample(tmp_path_factory.mktemp("front"))
    unplace_page(path, 1, SAMPLE_FRONT_ORDER)
    return path


@pytest.fixture(scope="module")
def front_planned(front):
    spec = load_issue(front)
    fonts = load_metrics(spec.fonts)
    return planned_layout(spec, fonts, time_limit=FAST)


def test_front_page_placed_by_every_hard_rule(front_planned):
    spec, layout = front_planned
    (plan,) = layout.plans
    assert plan.placed and plan.page == 1
    assert [m.article for m in plan.modules] == list(SAMPLE_FRONT_ORDER)
    assert_hard_rules(spec, layout, 1)


def test_lead_starts_in_column_one_under_the_masthead(front_planned):
    spec, layout = front_planned
    lead = layout.plans[0].modules[0]
    masthead = next(p for p in spec.pages[0].placements if p.kind == "masthead")
    assert (lead.rect.column, lead.rect.top) == (1, masthead.rect.bottom + 1)


def test_masthead_and_boxes_stay_where_given(front, front_planned):
    spec, _ = front_planned
    given = load_issue(front).pages[0].placements
    assert all(p in spec.pages[0].placements for p in given)


def test_plan_is_deterministic(front):
    spec = load_issue(front)
    fonts = load_metrics(spec.fonts)
    first = plan_page(spec, spec.pages[0], fonts, time_limit=FAST)
    second = plan_page(spec, spec.pages[0], fonts, time_limit=FAST)
    assert first.modules == second.modules and first.terms == second.terms


def test_check_of_a_planned_page_is_clean_and_builds_the_same(front, tmp_path):
    run = cli("check", front, "--format", "json")
    report = json.loads(run.stdout)
    assert run.exit_code == 0, run.stdout[-500:]
    assert not [f for f in report["issues"][0]["findings"] if f["severity"] == "error"]


def test_every_variant_fits_its_module(front):
    """Each shape the planner may choose holds the story exactly: no overset, at most one spare
    line per column, whatever span."""
    from layout.page.article import StoryPart, place_story

    spec = load_issue(front)
    fonts = load_metrics(spec.fonts)
    request = spec.pages[0].stories[1]  # jin-epidemic, a story in one module
    options = story_options(spec, 1, request, fonts, 86)
    assert {v.span for v in options.variants} >= {3, 5, 8}
    article = spec.article(request.article)
    grid = spec.style.grid
    for v in options.variants:
        rect = GridRect(1, v.span, grid.lines - v.height + 1, v.height)
        (placed,) = place_story(article, (StoryPart(1, rect, request.source, v.head_space),), spec.style, fonts)
        assert not placed.frame.overflow, v
        assert max(placed.copyfit.columns_short) <= 1, (v, placed.copyfit.columns_short)


def test_pins_are_kept(tmp_path):
    path = copy_sample(tmp_path)
    pins = {
        "liujie-epidemic": "{article: liujie-epidemic, pin: {column: 1, span: 5, top: 19, height: 36}}",
        "government-meeting": "{article: government-meeting, pin: {column: 6, span: 3, top: 75, height: 30}}",
    }
    unplace_page(path, 1, SAMPLE_FRONT_ORDER, pins)
    spec = load_issue(path)
    spec, layout = planned_layout(spec, load_metrics(spec.fonts), time_limit=FAST)
    modules = {m.article: m for m in layout.plans[0].modules}
    assert modules["liujie-epidemic"].rect == GridRect(1, 5, 19, 36) and modules["liujie-epidemic"].variant == "pinned"
    assert modules["government-meeting"].rect == GridRect(6, 3, 75, 30)
    assert_hard_rules(spec, layout, 1)


def test_every_page_of_the_issue_placed(tmp_path):
    """Pages 1–8 with their stories unplaced (in the hand layout's reading order): every page
    placed by the hard rules; the jumped story still fits its continuation on page 2."""
    path = copy_sample(tmp_path)
    data = yaml.safe_load(open(path, encoding="utf-8"))
    for page in data["pages"]:
        firsts = sorted((m for m in page.get("modules", []) if "part" not in m), key=lambda m: (m["top"], m["column"]))
        unplace_page(path, page["number"], tuple(m["article"] for m in firsts))
    spec = load_issue(path)
    spec, layout = planned_layout(spec, load_metrics(spec.fonts), time_limit=FAST)
    assert [p.page for p in layout.plans] == list(range(1, 9))
    assert all(p.placed for p in layout.plans), [p.shortfalls for p in layout.plans]
    for number in range(1, 9):
        assert_hard_rules(spec, layout, number)


def test_too_much_copy_is_reported_with_the_story_and_the_cut(tmp_path):
    path = copy_sample(tmp_path)
    # hb-help (page 3) joins the front page: more text than the page can hold
    unplace_page(path, 3, ("hb-release", "hb-handbook-story", "hb-users", "sci-xdf"))
    unplace_page(path, 1, SAMPLE_FRONT_ORDER + ("hb-help",))
    run = cli("place", path, "--page", "1", "--time-limit", str(FAST))
    assert run.exit_code == 1, run.stdout
    assert re.search(r"cut about \d+ 字|move \S+ to another page", run.stdout), run.stdout
    check = cli("check", path, "--format", "json")
    assert check.exit_code == 1
    codes = [f["code"] for f in json.loads(check.stdout)["issues"][0]["findings"] if f["severity"] == "error"]
    assert "placement" in codes


def test_story_too_long_for_the_page_names_the_cut(tmp_path):
    articles = [
        {"id": "huge", "headline": "很长的稿件", "body": "\n\n".join(filler_han(200, n) for n in range(60))},
        {"id": "small", "headline": "短稿", "body": filler_han(300)},
    ]
    path = issue_file(tmp_path, articles, [{"number": 1, "stories": ["huge", "small"]}])
    run = cli("place", path)
    assert run.exit_code == 1
    assert "huge: overset by" in run.stdout and "cut about" in run.stdout, run.stdout


def test_write_keeps_comments_and_the_proposal_is_kept_by_build(front, tmp_path):
    path = copy_sample(tmp_path)
    unplace_page(path, 1, SAMPLE_FRONT_ORDER)
    before = open(path, encoding="utf-8").read()
    result = place_path(path, time_limit=FAST, write=True)
    assert result.written
    after = open(path, encoding="utf-8").read()
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(before.splitlines()) == len(after.splitlines())
    assert len(changed) == len(SAMPLE_FRONT_ORDER)
    assert all(re.fullmatch(r"      - \{article: [a-z-]+, at: \{column: \d, span: \d, top: \d+, height: \d+\}\}", b) for _, b in changed), changed
    assert [l for l in before.splitlines() if "#" in l] == [l for l in after.splitlines() if "#" in l]
    spec = load_issue(path)
    _, layout = planned_layout(spec, load_metrics(spec.fonts))
    (plan,) = layout.plans
    assert plan.solver == "kept"
    assert {m.article: m.rect for m in plan.modules} == {m.article: m.rect for m in result.plans[0].modules}


def test_a_stale_proposal_is_solved_again(tmp_path):
    path = copy_sample(tmp_path)
    stale = {"jin-epidemic": "{article: jin-epidemic, at: {column: 6, span: 3, top: 19, height: 20}}"}
    unplace_page(path, 1, SAMPLE_FRONT_ORDER, stale)
    spec = load_issue(path)
    spec, layout = planned_layout(spec, load_metrics(spec.fonts), time_limit=FAST)
    assert layout.plans[0].solver != "kept"
    assert_hard_rules(spec, layout, 1)


def test_diff_shows_what_moved_between_two_proposals(front, tmp_path):
    path = copy_sample(tmp_path)
    unplace_page(path, 1, SAMPLE_FRONT_ORDER)
    place_path(path, time_limit=FAST, write=True)
    other = os.path.join(tmp_path, "other.yaml")
    text = open(path, encoding="utf-8").read()
    moved = re.sub(r"\{article: liujie-epidemic, at: \{[^}]*\}\}", "{article: liujie-epidemic, pin: {column: 1, span: 8, top: 19, height: 30}}", text)
    open(other, "w", encoding="utf-8").write(moved)
    run = cli("diff", path, other)
    assert run.exit_code == 1, run.stdout
    assert "liujie-epidemic" in run.stdout and "module" in run.stdout


@pytest.mark.parametrize("entry, message", [
    ("{article: nosuch}", "unknown article 'nosuch'"),
    ("{article: jin-epidemic, span: 3, spans: [3, 5]}", "gives span: and spans:"),
    ("{article: jin-epidemic, pin: {column: 6, span: 3, top: 19, height: 35}, at: {column: 6, span: 3, top: 19, height: 35}}", "pin: (it stays there) or at:"),
    ("{article: jin-epidemic, spans: [0]}", "jin-epidemic"),
    ("{article: jin-epidemic, colour: red}", "colour"),
])
def test_bad_story_entries_are_refused_with_file_and_line(tmp_path, entry, message):
    path = copy_sample(tmp_path)
    unplace_page(path, 1, SAMPLE_FRONT_ORDER, {"jin-epidemic": entry})
    try:
        load_issue(path)
    except InputError as error:
        text = error.format()
        assert re.match(r".+\.yaml:\d+:\d+: ", text), text
        assert message in text or message == "jin-epidemic", text
    else:
        pytest.fail("accepted")


def test_a_story_listed_twice_is_refused(tmp_path):
    path = copy_sample(tmp_path)
    unplace_page(path, 1, SAMPLE_FRONT_ORDER + ("jin-epidemic",))
    with pytest.raises(InputError, match="listed twice"):
        load_issue(path)


def test_place_of_a_page_without_stories_is_bad_input(tmp_path):
    path = copy_sample(tmp_path)
    run = cli("place", path, "--page", "2")
    assert run.exit_code == 2 and "lists no stories" in run.stderr


# --- the score -----------------------------------------------------------------------------------

def _module(article, priority, column, span, top, height, head=6, size=30000):
    return Module(article, priority, GridRect(column, span, top, height), size, head)


def test_pengti_counts_headlines_side_by_side_at_one_height():
    a = _module("a", 1, 1, 5, 19, 36, head=10)
    b = _module("b", 2, 6, 3, 19, 35, head=8)
    c = _module("c", 3, 6, 3, 30, 20, head=8)  # beside a, but below a's headline
    assert pengti((a, b)) == 1 and pengti((a, c)) == 0


def test_tongfeng_measures_an_unbridged_gutter():
    page = PageGeometry(8, 104, 4)
    left = _module("a", 1, 1, 5, 4, 101)
    right = _module("b", 2, 6, 3, 4, 101)
    assert gutter_runs((left, right), page)[5] == 101
    assert score_terms((left, right), page)["tongfeng"] == 101 - 52
    bridge = _module("c", 1, 1, 8, 4, 50)
    low_left, low_right = _module("a", 2, 1, 5, 54, 51), _module("b", 3, 6, 3, 54, 51)
    assert score_terms((bridge, low_left, low_right), page)["tongfeng"] == 0


# --- random story sets -------------------------------------------------------------------------

@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(lengths=st.lists(st.integers(200, 2600), min_size=2, max_size=5))
def test_random_story_sets_obey_the_hard_rules_or_say_why(tmp_path_factory, lengths):
    folder = tmp_path_factory.mktemp("random")
    articles = [{"id": f"s{i}", "headline": f"第{i}条新闻的标题", "body": "\n\n".join(filler_han(100, n + i) for n in range(max(1, n_chars // 100)))} for i, n_chars in enumerate(lengths)]
    path = issue_file(folder, articles, [{"number": 1, "stories": [a["id"] for a in articles]}])
    spec = load_issue(path)
    spec, layout = planned_layout(spec, load_metrics(spec.fonts), time_limit=0.3)
    (plan,) = layout.plans
    if plan.placed:
        assert_hard_rules(spec, layout, 1)
        assert plan.modules[0].rect.column == 1 and plan.modules[0].rect.top == 1
    else:
        assert plan.shortfalls and all(s.article in {a["id"] for a in articles} for s in plan.shortfalls)
        assert all(s.advice for s in plan.shortfalls)


def _fill(folder, rect: GridRect, name: str) -> dict:
    """A story whose text fills `rect` on page 1 to the line: the most 字 that still fit."""
    from conftest import module
    from layout.page.place import place_issue

    def fits(chars: int) -> bool:
        article = {"id": name, "headline": f"{name}标题", "body": "\n\n".join(filler_han(min(120, chars - n), n) for n in range(0, chars, 120))}
        path = issue_file(folder, [article], [{"number": 1, "modules": [module(name, rect.column, rect.span, rect.top, rect.height)]}])
        spec = load_issue(path)
        fit = place_issue(spec, load_metrics(spec.fonts)).copyfit[0]
        return fit.chars_over == 0

    low, high = 13, rect.span * rect.height * 13
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return {"id": name, "headline": f"{name}标题", "body": "\n\n".join(filler_han(min(120, low - n), n) for n in range(0, low, 120))}


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(split=st.sampled_from([4, 5, 6]), left_cut=st.integers(30, 70), right_cut=st.integers(30, 70))
def test_stories_cut_to_a_partition_of_the_page_are_placed(tmp_path_factory, split, left_cut, right_cut):
    """Four stories whose texts fill the four rectangles of a page cut in two bands, each cut
    across: a tiling exists, so the planner must find one (perhaps another) by the hard rules.
    The left band, where the lead stands, is at least half the page wide (a lead's default)."""
    folder = tmp_path_factory.mktemp("partition")
    rects = [GridRect(1, split, 1, left_cut), GridRect(1, split, left_cut + 1, 104 - left_cut), GridRect(split + 1, 8 - split, 1, right_cut), GridRect(split + 1, 8 - split, right_cut + 1, 104 - right_cut)]
    articles = [_fill(folder, rect, f"p{i}") for i, rect in enumerate(rects)]
    path = issue_file(folder, articles, [{"number": 1, "stories": [a["id"] for a in articles]}])
    spec = load_issue(path)
    spec, layout = planned_layout(spec, load_metrics(spec.fonts), time_limit=FAST)
    (plan,) = layout.plans
    assert plan.placed, plan.shortfalls
    assert_hard_rules(spec, layout, 1)


def test_picture_spans_give_shapes_with_the_photo_resized(tmp_path):
    """A story may have its photo set 2, 3 or 4 columns wide: each such shape holds the story
    with the photo at that width, its height from its proportions."""
    from layout.page.article import StoryPart, place_story
    from layout.plan.variants import with_picture_span

    path = copy_sample(tmp_path)
    order = ("hb-release", "hb-help", "hb-handbook-story", "hb-users", "sci-xdf")
    unplace_page(path, 3, order, {"sci-xdf": "{article: sci-xdf, spans: [4], picture_spans: [3, 4]}"})
    spec = load_issue(path)
    fonts = load_metrics(spec.fonts)
    request = next(r for r in spec.pages[2].stories if r.article == "sci-xdf")
    assert request.picture_spans == (3, 4)
    options = story_options(spec, 3, request, fonts, 101)
    resized = [v for v in options.variants if v.picture_span is not None]
    assert {v.picture_span for v in resized} == {3, 4}
    grid = spec.style.grid
    for v in resized:
        article = with_picture_span(spec.article("sci-xdf"), v.picture_span, v.span)
        rect = GridRect(1, v.span, grid.lines - v.height + 1, v.height)
        (placed,) = place_story(article, (StoryPart(3, rect, request.source, v.head_space),), spec.style, fonts)
        assert not placed.frame.overflow and max(placed.copyfit.columns_short) <= 1
        (image,) = placed.frame.images
        assert abs(image.frame.width - grid.span_width(v.picture_span)) <= 1000


def test_a_written_picture_span_is_kept_by_build(tmp_path):
    path = copy_sample(tmp_path)
    order = ("hb-release", "hb-help", "hb-handbook-story", "hb-users", "sci-xdf")
    unplace_page(path, 3, order, {"sci-xdf": "{article: sci-xdf, picture_spans: [2, 3, 4]}"})
    result = place_path(path, page=3, time_limit=FAST, write=True)
    (plan,) = result.plans
    written = next(m for m in plan.modules if m.article == "sci-xdf")
    line = next(l for l in open(path, encoding="utf-8") if "sci-xdf, picture_spans" in l)
    assert ("picture_span: " in line) == (written.picture_span is not None), line
    spec = load_issue(path)
    _, layout = planned_layout(spec, load_metrics(spec.fonts), only=3)
    assert layout.plans[0].solver == "kept"


def test_asking_again_moves_nothing_and_an_edit_moves_little(tmp_path):
    """The least change from the last proposal: asked again, the planner returns it; after a
    story lower on the page loses a paragraph, the lead stays where it was."""
    path = copy_sample(tmp_path)
    unplace_page(path, 1, SAMPLE_FRONT_ORDER)
    first = place_path(path, time_limit=FAST, write=True).plans[0]
    again = place_path(path, time_limit=FAST).plans[0]
    assert [m.rect for m in again.modules] == [m.rect for m in first.modules]
    assert dict(again.terms)["moved"] == 0
    body = os.path.join(tmp_path, "2022-01-28", "government-meeting.txt")
    paragraphs = open(body, encoding="utf-8").read().split("\n\n")
    open(body, "w", encoding="utf-8").write("\n\n".join(paragraphs[:-1]))
    edited = place_path(path, time_limit=FAST).plans[0]
    lead = [m.rect for m in edited.modules if m.article == "liujie-epidemic"]
    assert lead == [m.rect for m in first.modules if m.article == "liujie-epidemic"]


def test_place_of_an_issue_without_stories_says_so():
    from conftest import SAMPLE

    run = cli("place", SAMPLE)
    assert run.exit_code == 0 and "no page lists stories" in run.stdout
