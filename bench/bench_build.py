"""Time the front-page build by stage and print the figures.

    python bench/bench_build.py [ISSUE] [--runs N]

Stages: load (YAML, validation, font manifest and checksums), fonts (metrics with fontTools;
ReportLab registration), compose (every paragraph at its measure, on its own), place (grid,
headlines, flow: composition included), check (every rule of `layout check`), render (ReportLab
drawing and saving, which subsets and embeds the fonts, then the PDF/X finishing with pikepdf),
preflight (our own bytes against the press profile, every page and the issue PDF), write
(atomic file writes). The first run is cold (fonts parsed); the table
gives the median of the warm runs too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from layout.check.run import check_issue  # noqa: E402
from layout.load.issue import load_issue  # noqa: E402
from layout.page.place import place_issue  # noqa: E402
from layout.output import write_atomically  # noqa: E402
from layout.preflight.inspect import preflight_pdf  # noqa: E402
from layout.text.compose import ComposeOptions, compose_paragraph  # noqa: E402
from layout.text.segment import Span  # noqa: E402
from layout.typeface.metrics import load_metrics  # noqa: E402


def one_run(issue: str, out_dir: str, jobs: int) -> dict[str, float]:
    from layout.render.document import render_issue
    from layout.render.fonts import register_fonts

    times: dict[str, float] = {}
    start = time.perf_counter()
    spec = load_issue(issue)
    times["load"] = time.perf_counter() - start

    start = time.perf_counter()
    fonts = load_metrics(spec.fonts)
    register_fonts(spec.fonts)
    times["fonts"] = time.perf_counter() - start

    start = time.perf_counter()
    body = spec.style.style("body")
    options = ComposeOptions(spec.style.grid.column_width, spec.style.composition, indent=2 * body.size)
    chars = 0
    for article in spec.articles:
        for paragraph in article.paragraphs:
            chars += len(compose_paragraph([Span(paragraph, body)], fonts, options).text)
    times["compose"] = time.perf_counter() - start
    times["_chars"] = chars

    start = time.perf_counter()
    layout = place_issue(spec, fonts)
    times["place"] = time.perf_counter() - start

    start = time.perf_counter()
    check_issue(issue, spec, layout, fonts)
    times["check"] = time.perf_counter() - start

    start = time.perf_counter()
    rendered = render_issue(spec, layout, jobs=jobs)
    times["render"] = time.perf_counter() - start

    start = time.perf_counter()
    for _, data in rendered.pages:
        preflight_pdf(data, spec.style.profile())
    preflight_pdf(rendered.combined, spec.style.profile())
    times["preflight"] = time.perf_counter() - start

    start = time.perf_counter()
    for number, data in rendered.pages:
        write_atomically(os.path.join(out_dir, f"bench-page{number:02d}.pdf"), data)
    write_atomically(os.path.join(out_dir, "bench.pdf"), rendered.combined)
    times["write"] = time.perf_counter() - start
    times["_bytes"] = sum(len(data) for _, data in rendered.pages)
    times["_pages"] = len(rendered.pages)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("issue", nargs="?", default=os.path.join(ROOT, "issues", "2022-01-28.yaml"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1, help="processes rendering pages side by side")
    args = parser.parse_args()
    stages = ("load", "fonts", "compose", "place", "check", "render", "preflight", "write")
    with tempfile.TemporaryDirectory() as out_dir:
        start = time.perf_counter()
        runs = [one_run(args.issue, out_dir, args.jobs) for _ in range(args.runs + 1)]
        wall = time.perf_counter() - start
    cold, warm = runs[0], runs[1:]
    print(f"issue: {os.path.relpath(args.issue)}  pages: {cold['_pages']}  PDF bytes: {int(cold['_bytes']):,}")
    print(f"{'stage':<10}{'cold s':>10}{'warm s (median of ' + str(len(warm)) + ')':>28}")
    for stage in stages:
        print(f"{stage:<10}{cold[stage]:>10.3f}{statistics.median(r[stage] for r in warm):>28.3f}")
    total_cold = sum(cold[s] for s in stages if s != "compose")
    total_warm = statistics.median(sum(r[s] for s in stages if s != "compose") for r in warm)
    print(f"{'build':<10}{total_cold:>10.3f}{total_warm:>28.3f}   (every stage but the standalone compose)")
    rate = cold["_chars"] / statistics.median(r["compose"] for r in warm)
    print(f"composition: {int(cold['_chars']):,} characters of body text, {rate:,.0f} characters/s (warm)")
    print(f"all {len(runs)} runs: {wall:.2f} s wall")


if __name__ == "__main__":
    main()
