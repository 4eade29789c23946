"""Composition speed: every paragraph of an issue at a 13-character measure, in characters/s.

    python bench/bench_compose.py [ISSUE] [--repeat N]

Measures compose_paragraph alone (normalise, segment, items, total-fit breaking, justification)
in one process, after one warm-up pass, and prints the best and median of N passes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from layout.load.issue import load_issue  # noqa: E402
from layout.text.compose import ComposeOptions, compose_paragraph  # noqa: E402
from layout.text.segment import Span  # noqa: E402
from layout.typeface.metrics import load_metrics  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("issue", nargs="?", default=os.path.join(ROOT, "issues", "2022-01-28.yaml"))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--chars", type=int, default=13, help="measure in characters of body size")
    args = parser.parse_args()
    spec = load_issue(args.issue)
    fonts = load_metrics(spec.fonts)
    body = spec.style.style("body")
    options = ComposeOptions(args.chars * body.size, spec.style.composition, indent=spec.style.composition.indent_chars * body.size)
    paragraphs = [p for article in spec.articles for p in article.paragraphs]
    chars = sum(len(p) for p in paragraphs)

    def one_pass() -> tuple[float, int, int]:
        start = time.perf_counter()
        lines = flagged = 0
        for paragraph in paragraphs:
            composed = compose_paragraph([Span(paragraph, body)], fonts, options)
            lines += len(composed.lines)
            flagged += sum(1 for line in composed.lines if line.emergency)
        return time.perf_counter() - start, lines, flagged

    one_pass()  # warm-up: unit and junction caches
    runs = [one_pass() for _ in range(args.repeat)]
    times = [t for t, _, _ in runs]
    _, lines, flagged = runs[0]
    print(f"paragraphs: {len(paragraphs)}  characters: {chars:,}  measure: {args.chars} 字  lines: {lines}  flagged lines: {flagged}")
    print(f"best   {min(times) * 1000:8.1f} ms  {chars / min(times):>10,.0f} characters/s")
    print(f"median {statistics.median(times) * 1000:8.1f} ms  {chars / statistics.median(times):>10,.0f} characters/s")


if __name__ == "__main__":
    main()
