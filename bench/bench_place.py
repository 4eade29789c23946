"""Automatic placement (`layout place`): time per page and each score term, beside the hand
layout's score where there is one.

    python bench/bench_place.py [--time-limit 2] [--cases front,pins,ten,eight]

Cases, each an issue written to bench/.work/place/ from the sample:

- front: the sample's front page with its six stories unplaced, in rank order;
- pins: the same with the lead and the third-ranked story pinned where the hand layout has them;
- ten: ten stories of mixed length on one inside page, their texts (from the sample's inside
  pages) cut to fill a hand-drawn partition of the page, listed by size;
- eight: every page of the sample unplaced, each page's stories in its hand layout's reading order.

For each planned page: the shapes measured and how long measuring took, the search time and
solver outcome, every score term of the automatic page and of the hand layout, and whether
each obeys the hard rules (no overlap, no hole, every story fitting with at most one spare
line per column). Lower scores are better. Stories are measured and pages solved in this
process, one page at a time, after a warm-up, so the figures are per page.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, ".work", "place")
SAMPLE = os.path.join(ROOT, "issues", "2022-01-28.yaml")
sys.path.insert(0, ROOT)

from layout.load.issue import load_issue  # noqa: E402
from layout.model.spec import GridRect  # noqa: E402
from layout.page.place import place_issue  # noqa: E402
from layout.plan.plan import hand_score, plan_page, with_plan  # noqa: E402
from layout.plan.score import total  # noqa: E402
from layout.typeface.metrics import load_metrics  # noqa: E402

FRONT_ORDER = ["liujie-epidemic", "jin-epidemic", "life-meeting", "edz-top-ten", "standing-committee", "government-meeting"]
PINS = {"liujie-epidemic", "standing-committee"}
# ten modules of an inside page (column, span, top, height), the largest first
TEN = [(1, 5, 4, 30), (6, 3, 4, 25), (1, 8, 59, 18), (6, 3, 29, 30), (1, 3, 34, 25), (6, 3, 77, 28), (1, 2, 77, 28), (4, 2, 34, 25), (3, 3, 77, 14), (3, 3, 91, 14)]
TEN_SOURCES = ["hb-why-debian", "hb-release", "hb-foundation", "hb-new-member", "lunyu-gongye", "hb-organisation", "daodejing-28-54", "hb-teams", "caigentan-1", "hb-help"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--time-limit", type=float, default=2.0, help="seconds of search a page")
    parser.add_argument("--cases", default="front,pins,ten,eight")
    args = parser.parse_args()
    sample = yaml.safe_load(open(SAMPLE, encoding="utf-8"))
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    shutil.copytree(os.path.join(ROOT, "issues", "2022-01-28"), os.path.join(WORK, "2022-01-28"))
    hand_spec = load_issue(SAMPLE)
    fonts = load_metrics(hand_spec.fonts)
    cases = {"front": _front(sample, pins=False), "pins": _front(sample, pins=True), "ten": _ten(sample, fonts), "eight": _eight(sample)}
    # the hand layouts: the sample's pages, and page 9 of `ten` as its partition draws it
    ten_hand = dict(cases["ten"][0], pages=cases["ten"][0]["pages"][:-1] + [{"number": 9, "section": "综合", "modules": [{"article": f"ten-{n}", "column": c, "span": s, "top": t, "height": h} for n, (c, s, t, h) in enumerate(TEN, start=1)]}])
    hand_spec = load_issue(_write("ten-hand", ten_hand))
    hand_layout = place_issue(hand_spec, fonts)
    # warm-up: jieba, the metrics and the solver's import, outside the figures
    warm = load_issue(_write("warm", cases["front"][0]))
    plan_page(warm, warm.pages[0], fonts, time_limit=0.1)
    print(f"time limit {args.time_limit:g} s of search a page; score = weighted sum of the terms (lower is better)\n")
    for name in args.cases.split(","):
        data, hand_orders = cases[name]
        spec = load_issue(_write(name, data))
        for page in spec.pages:
            if not page.stories:
                continue
            plan = plan_page(spec, page, fonts, time_limit=args.time_limit)
            label = f"{name} page {page.number}: {len(page.stories)} stories"
            print(f"{label}: {plan.variants} shapes measured in {plan.measure_seconds:.2f} s, searched {plan.search_seconds:.2f} s, {plan.solver}")
            terms = dict(plan.terms)
            print(f"  auto  score {plan.score:>7}  hard rules {'kept' if plan.placed and _hard_rules_kept(spec, page.number, plan, fonts) else 'BROKEN'}  " + "  ".join(f"{k} {v}" for k, v in terms.items()))
            for shortfall in plan.shortfalls:
                print(f"        {shortfall.article}: {shortfall.problem}; {shortfall.advice}")
            order = hand_orders.get(page.number)
            if order:
                hand = hand_score(hand_spec, hand_layout, page.number, order)
                print(f"  hand  score {total(hand):>7}  hard rules {'kept' if _hand_rules_kept(hand_spec, hand_layout, page.number) else 'broken'}  " + "  ".join(f"{k} {v}" for k, v in hand.items()))
        print()
    return 0


def _write(name: str, data: dict) -> str:
    path = os.path.join(WORK, f"{name}.yaml")
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(data, handle, allow_unicode=True, sort_keys=False)
    return path


def _with_style(sample: dict) -> dict:
    return dict(sample, style=os.path.relpath(os.path.join(ROOT, "styles", "broadsheet.yaml"), WORK))


def _unplaced(page: dict, order: list[str], pins: set[str] = frozenset()) -> dict:
    modules = {m["article"]: m for m in page.get("modules", []) if "part" not in m}
    stories = [{"article": a, "pin": {k: modules[a][k] for k in ("column", "span", "top", "height")}} if a in pins else a for a in order]
    kept = [m for m in page.get("modules", []) if "part" in m]
    page = {k: v for k, v in page.items() if k != "modules"}
    if kept:
        page["modules"] = kept
    return dict(page, stories=stories)


def _front(sample: dict, pins: bool) -> tuple[dict, dict]:
    data = _with_style(sample)
    data["pages"] = [_unplaced(sample["pages"][0], FRONT_ORDER, PINS if pins else set())] + sample["pages"][1:]
    return data, {1: tuple(FRONT_ORDER)}


def _eight(sample: dict) -> tuple[dict, dict]:
    data = _with_style(sample)
    orders = {}
    pages = []
    for page in sample["pages"]:
        firsts = sorted((m for m in page.get("modules", []) if "part" not in m), key=lambda m: (m["top"], m["column"]))
        orders[page["number"]] = tuple(m["article"] for m in firsts)
        pages.append(_unplaced(page, list(orders[page["number"]])))
    data["pages"] = pages
    return data, orders


def _ten(sample: dict, fonts) -> tuple[dict, dict]:
    """Page 9 of ten stories: the sources' texts cut to fill TEN's modules, as a desk cuts copy."""
    from layout.page.article import place_article

    data = _with_style(sample)
    data["issue"] = dict(sample["issue"], page_count=9)
    articles = {a["id"]: a for a in sample["articles"]}
    spec = load_issue(SAMPLE)
    extra = []
    for n, (source, (column, span, top, height)) in enumerate(zip(TEN_SOURCES, TEN), start=1):
        article = spec.article(source)
        rect = GridRect(column, span, top, height)
        keep = _most_paragraphs(lambda count, article=article, rect=rect: not place_article(dataclasses.replace(article, paragraphs=article.paragraphs[:count]), rect, 9, spec.style, fonts).frame.overflow, len(article.paragraphs))
        body = "\n\n".join(article.paragraphs[:keep])
        entry = {k: v for k, v in articles[source].items() if k not in ("body_file", "id", "see_also")}
        extra.append(dict(entry, id=f"ten-{n}", body=body))
    data["articles"] = sample["articles"] + extra
    page = {"number": 9, "section": "综合", "stories": [a["id"] for a in extra]}
    data["pages"] = sample["pages"] + [page]
    return data, {9: tuple(a["id"] for a in extra)}


def _most_paragraphs(fits, count: int) -> int:
    low, high = 1, count
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _hard_rules_kept(spec, number: int, plan, fonts) -> bool:
    """Every cell of the page covered once by what is fixed and the planned modules, and every
    planned story fitting its module as the engine places it."""
    page = next(p for p in spec.pages if p.number == number)
    planned = dataclasses.replace(spec, pages=tuple(with_plan(p, plan) if p.number == number else p for p in spec.pages))
    fits = [f for f in place_issue(planned, fonts).copyfit if f.article in {m.article for m in plan.modules}]
    return _tiles([p.rect for p in page.placements] + [m.rect for m in plan.modules], spec, page) and all(f.chars_over == 0 and max(f.columns_short, default=0) <= 1 for f in fits if f.part == f.parts)


def _hand_rules_kept(spec, layout, number: int) -> bool:
    page = next(p for p in spec.pages if p.number == number)
    fits = [f for f in layout.copyfit if f.page == number]
    return _tiles([p.rect for p in page.placements], spec, page) and all(f.chars_over == 0 and max(f.columns_short, default=0) <= 1 for f in fits)


def _tiles(rects: list[GridRect], spec, page) -> bool:
    grid = spec.style.grid
    first = 1 if page.is_front else spec.style.running_head.lines + 1
    cells = [(line, column) for r in rects for line in range(r.top, r.bottom + 1) for column in range(r.column, r.last_column + 1)]
    return len(cells) == len(set(cells)) == grid.columns * (grid.lines - first + 1)


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"bench took {time.perf_counter() - started:.1f} s")
    sys.exit(code)
