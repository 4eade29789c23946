"""A desk's page: headline sizes by rank on a scale, headline blocks on their own leading and
snapped to the grid as a whole, the 副题's dash, columns that end together, holes and loose lines
reported, rules that join."""

from __future__ import annotations

import os

from conftest import cli, copy_style, filler_han, module
from layout.load.issue import load_issue
from layout.page.place import place_issue
from layout.typeface.metrics import load_metrics

RANKS = {
    "scale": ["72pt", "64pt", "56pt", "48pt", "初号", "小初", "30pt", "一号", "二号", "三号"],
    "ranks": {
        "lead": {"largest": "72pt", "smallest": "48pt", "max_lines": 3, "font": "headline"},
        "second": {"largest": "小初", "smallest": "一号", "max_lines": 2, "font": "hei", "min_span": 4},
        "brief": {"largest": "二号", "smallest": "三号", "max_lines": 2, "font": "hei", "min_span": 1},
    },
}


def designed(data):
    data["headlines"] = RANKS
    styles = data["styles"]
    styles["headline"]["leading"] = 1.2
    styles["kicker"].update(leading=1.3, space_after="6pt")
    styles["subhead"].update(leading=1.3, space_before="6pt", prefix="——")


def issue(folder, articles, modules, patch=designed) -> str:
    import yaml

    data = {
        "style": copy_style(folder, patch),
        "issue": {"paper": "测试报", "date": "2022-01-28", "page_count": 1, "serial_number": 1},
        "articles": articles,
        "pages": [{"number": 1, "modules": modules}],
    }
    path = os.path.join(str(folder), "issue.yaml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return path


def laid_out(path):
    spec = load_issue(path)
    return spec, place_issue(spec, load_metrics(spec.fonts))


def kinds(frame, kind):
    return [line for line in frame.lines if line.kind == kind]


def story(article_id, chars=600, **extra):
    return {"id": article_id, "headline": "全力以赴打赢疫情防控大战大考", "body": "\n\n".join(filler_han(100, n) for n in range(chars // 100)), **extra}


def test_the_lead_takes_the_largest_size_that_fills_its_module_and_outranks_the_rest(tmp_path):
    path = issue(tmp_path, [story("lead", rank="lead", kicker="某某在全市会议上强调", subhead="团结带领人民群众走好新时代赶考之路"), story("other")],
                 [module("lead", 1, 5, 1, 50), module("other", 6, 3, 1, 50)])
    spec, layout = laid_out(path)
    page = layout.pages[0]
    lead, other = page.frame("lead"), page.frame("other")
    lead_size = max(run.size for line in kinds(lead, "headline") for run in line.runs)
    other_size = max(run.size for line in kinds(other, "headline") for run in line.runs)
    assert lead_size >= 48_000 and lead_size > other_size * 1.3  # visibly the largest
    widest = max(line.runs[-1].xs[-1] + line.runs[-1].size - line.runs[0].xs[0] for line in kinds(lead, "headline"))
    assert widest >= 0.85 * lead.rect.width  # it fills its module
    # the next size up would not have fitted in as few lines
    assert lead_size in (72_000, 64_000, 56_000, 48_000)


def test_headline_lines_stand_apart_by_their_leading_and_the_block_snaps_to_the_grid(tmp_path):
    path = issue(tmp_path, [story("s", headline=["坚决拥护两个确立", "坚决做到两个维护"], kicker="引题在上", subhead="副题在下")], [module("s", 1, 3, 1, 60)])
    spec, layout = laid_out(path)
    frame = layout.pages[0].frame("s")
    heads = kinds(frame, "headline")
    size = heads[0].runs[0].size
    gap = heads[1].box.y - heads[0].box.y - size
    assert gap >= 0.2 * size  # lines apart by at least a fifth of their size
    assert gap == round(size * 1.2) - size
    grid = spec.style.grid
    first_body = min(line.box.y for line in kinds(frame, "body"))
    assert (first_body - grid.top) % grid.pitch == 0  # the text still lands on the grid
    kicker, subhead = kinds(frame, "kicker")[0], kinds(frame, "subhead")[0]
    assert heads[0].box.y - (kicker.box.y + kicker.box.height) >= 6000  # space after the kicker
    assert subhead.text.startswith("——")


def test_an_article_without_a_rank_takes_one_from_its_span(tmp_path):
    path = issue(tmp_path, [story("wide"), story("narrow", headline="短讯标题")], [module("wide", 1, 4, 1, 40), module("narrow", 5, 2, 1, 40)])
    _, layout = laid_out(path)
    wide = kinds(layout.pages[0].frame("wide"), "headline")[0].runs[0]
    narrow = kinds(layout.pages[0].frame("narrow"), "headline")[0].runs[0]
    assert wide.font == "hei" and 26_000 <= wide.size <= 36_000  # second: span 4
    assert narrow.font == "hei" and narrow.size <= 22_000  # brief


def test_the_columns_of_a_story_with_room_to_spare_end_together(tmp_path):
    path = issue(tmp_path, [story("s", chars=1000)], [module("s", 1, 4, 1, 60)], patch=None)
    spec, layout = laid_out(path)
    frame = layout.pages[0].frame("s")
    grid = spec.style.grid
    ends = {}
    for line in kinds(frame, "body"):
        column = (line.box.x - grid.left) // (grid.column_width + grid.gutter)
        ends[column] = max(ends.get(column, 0), line.box.y)
    assert len(ends) == 4
    assert max(ends.values()) - min(ends.values()) <= grid.pitch  # within one line of each other
    (fit,) = layout.copyfit
    assert fit.rows_short > 2  # the module is far too tall: the hole is reported below


def test_a_hole_below_balanced_columns_is_a_finding_with_its_size_and_place(tmp_path):
    path = issue(tmp_path, [story("s", chars=1000)], [module("s", 1, 4, 1, 60)], patch=None)
    import json

    run = cli("check", path, "--format", "json")
    holes = [f for f in json.loads(run.stdout)["issues"][0]["findings"] if f["code"] == "hole"]
    assert len(holes) == 1
    assert "× 4 columns" in holes[0]["message"] and "make the module" in holes[0]["message"]


def test_loose_justified_lines_are_findings(tmp_path):
    latin = "这是一段夹杂 configuration 和 internationalization 等长单词的中文正文，用来检验松散行。" * 6
    path = issue(tmp_path, [{"id": "s", "headline": "松散行", "body": latin}], [module("s", 1, 2, 1, 60)], patch=None)
    import json

    findings = json.loads(cli("check", path, "--format", "json").stdout)["issues"][0]["findings"]
    loose = [f for f in findings if f["code"] == "loose-line"]
    spec, layout = laid_out(path)
    widest = [line.widest_gap for line in layout.pages[0].frame("s").lines if line.kind == "body" and not line.emergency]
    assert len(loose) == sum(1 for gap in widest if gap > 0.125)
    for finding in loose:
        assert float(finding["message"].split("gaps of ")[1].split(" em")[0]) > 0.125


def test_rules_join_in_the_gutter_and_run_unbroken_past_modules_stacked_beside(tmp_path):
    articles = [story("a"), story("b"), story("c")]
    path = issue(tmp_path, articles, [module("a", 1, 4, 1, 30), module("b", 1, 4, 31, 30), module("c", 5, 4, 1, 60)], patch=None)
    spec, layout = laid_out(path)
    grid = spec.style.grid
    rules = layout.pages[0].rules
    vertical = sorted((r for r in rules if r.x1 == r.x2), key=lambda r: r.y1)
    horizontal = [r for r in rules if r.y1 == r.y2]
    gutter_x = grid.column_x(4) + grid.column_width + grid.gutter // 2
    assert [r.x1 for r in vertical] == [gutter_x, gutter_x]
    assert vertical[0].y2 == vertical[1].y1  # the rule beside a and the one beside b meet
    (under_a,) = [r for r in horizontal if r.x1 == grid.column_x(1) and r.y1 < grid.line_top(31)]
    assert under_a.x2 == gutter_x and under_a.y1 == vertical[0].y2  # the rule under a ends on the gutter rule


def test_the_sample_front_page_leads_with_the_largest_headline_and_every_column_reaches_its_foot():
    from conftest import SAMPLE
    from layout.pipeline import layout_issue

    spec, layout = layout_issue(SAMPLE)
    page = layout.pages[0]
    lead = page.frame("liujie-epidemic")
    lead_lines = kinds(lead, "headline")
    lead_size = lead_lines[0].runs[0].size
    others = [run.size for frame in page.frames if frame.kind == "article" and frame.ref != "liujie-epidemic" for line in frame.lines for run in line.runs]
    assert lead_size > max(others)  # the largest type under the masthead
    widest = max(line.runs[-1].xs[-1] + line.runs[-1].size - line.runs[0].xs[0] for line in lead_lines)
    assert widest >= 0.85 * lead.rect.width
    gaps = [b.box.y - a.box.y - lead_size for a, b in zip(lead_lines, lead_lines[1:])]
    assert min(gaps) >= 0.2 * lead_size


def test_every_column_of_the_sample_reaches_within_a_line_of_its_modules_foot():
    from conftest import SAMPLE
    from layout.pipeline import layout_issue

    _, layout = layout_issue(SAMPLE)
    last_parts = [fit for fit in layout.copyfit if fit.part == fit.parts]
    assert len(last_parts) >= 30
    for fit in last_parts:
        assert len(fit.columns_short) == fit.module.span
        assert max(fit.columns_short) <= 1 and fit.lines_over == 0, (fit.page, fit.article, fit.columns_short)


def test_every_headline_of_the_sample_keeps_a_fifth_of_its_size_between_lines():
    from conftest import SAMPLE
    from layout.pipeline import layout_issue

    _, layout = layout_issue(SAMPLE)
    measured = 0
    for page in layout.pages:
        for frame in page.frames:
            for kind in ("kicker", "headline", "subhead"):
                lines = kinds(frame, kind)
                for a, b in zip(lines, lines[1:]):
                    size = a.runs[0].size
                    assert b.box.y - a.box.y - size >= 0.2 * size, (page.number, frame.ref, a.text, b.text)
                    measured += 1
    assert measured >= 12


def test_a_ranked_story_that_names_a_headline_style_takes_its_face_and_the_ranks_size(tmp_path):
    def hei(data):
        designed(data)
        data["styles"]["headline_hei"] = dict(data["styles"]["headline"], font="hei")
        data["headlines"]["ranks"]["lead"]["font"] = "headline"
    articles = [story("a", rank="lead", headline_style="headline_hei"), story("b", rank="lead")]
    spec, layout = laid_out(issue(tmp_path, articles, [module("a", 1, 4, 1, 40), module("b", 5, 4, 1, 40)], patch=hei))
    (a_line, *_), (b_line, *_) = kinds(layout.pages[0].frame("a"), "headline"), kinds(layout.pages[0].frame("b"), "headline")
    assert a_line.runs[0].font == "hei" and b_line.runs[0].font == "headline"
    assert a_line.runs[0].size >= 48_000 and b_line.runs[0].size >= 48_000  # both at the lead's sizes


def test_neighbouring_headlines_on_the_front_page_alternate_faces():
    from conftest import SAMPLE
    from layout.pipeline import layout_issue

    _, layout = layout_issue(SAMPLE)
    heads = {}
    for frame in layout.pages[0].frames:
        lines = kinds(frame, "headline")
        if frame.kind == "article" and lines:
            heads[frame.ref] = (frame.rect, lines[0].runs[0].font)
    pairs = 0
    for a, (ra, fa) in heads.items():
        for b, (rb, fb) in heads.items():
            side_by_side = ra.right < rb.x and ra.y < rb.bottom and rb.y < ra.bottom
            if side_by_side:
                pairs += 1
                assert fa != fb, (a, b, fa)
    assert pairs >= 3


def test_every_subhead_of_the_sample_opens_with_its_dash():
    from conftest import SAMPLE
    from layout.pipeline import layout_issue

    spec, layout = layout_issue(SAMPLE)
    firsts = {}
    for page in layout.pages:
        for frame in page.frames:
            lines = kinds(frame, "subhead")
            if lines:
                firsts[frame.ref] = lines[0].text
    assert len(firsts) >= 5
    assert all(text.startswith("——") and not text.startswith("————") for text in firsts.values()), firsts
    assert len({a.id for a in spec.articles if a.subhead}) >= len(firsts)
