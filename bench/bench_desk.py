"""The desk (`layout serve`): how fast an editor sees the copyfit of a candidate module while
dragging, and how fast the page comes back after a drop.

    python bench/bench_desk.py [--rounds 20]

Works on a copy of the sample in bench/.work/desk/ (styles, profiles and fonts beside it), in one
process, as the server does:

- start: the first layout of all eight pages and the first render of page 1;
- drag feedback: the live copyfit of every candidate a drag of each story module on the front
  page passes through (each column it can move to, each span and height from −5 to +5 lines);
  the first trial of a new width composes the headline at that width and is counted apart;
- drop: move a front-page module (written into the issue file, laid out again, checked) and
  render page 1 with the desk's overlays, alternately to a new place and back;
- reload: an edit made on disk, seen and laid out again.

The targets of the desk's issue: drag feedback within 100 ms, the front page back within 1 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, ".work", "desk")
sys.path.insert(0, ROOT)

from layout.desk.server import DEFAULT_OVERLAYS  # noqa: E402
from layout.desk.session import DeskSession  # noqa: E402
from layout.model.spec import GridRect  # noqa: E402

NARROWED = ("column: 1, span: 5, top: 85, height: 20", "column: 1, span: 4, top: 85, height: 20")  # standing-committee: column 5 free


def _project() -> str:
    shutil.rmtree(WORK, ignore_errors=True)
    for folder in ("issues", "styles", "profiles"):
        shutil.copytree(os.path.join(ROOT, folder), os.path.join(WORK, folder))
    path = os.path.join(WORK, "issues", "2022-01-28.yaml")
    text = open(path, encoding="utf-8").read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace(*NARROWED))
    return path


def _figures(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"{name:<32} n={len(ms):<5} median {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   max {ms[-1]:7.1f} ms"


def _candidates(rect: GridRect, columns: int, lines: int):
    for column in range(1, columns - rect.span + 2):
        yield GridRect(column, rect.span, rect.top, rect.height)
    for span in range(1, columns - rect.column + 2):
        yield GridRect(rect.column, span, rect.top, rect.height)
    for height in range(max(1, rect.height - 5), min(lines - rect.top + 1, rect.height + 5) + 1):
        yield GridRect(rect.column, rect.span, rect.top, height)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20, help="drops timed (alternating there and back)")
    args = parser.parse_args()
    path = _project()

    started = time.perf_counter()
    session = DeskSession(path)
    laid_out = time.perf_counter()
    session.page_png(1, DEFAULT_OVERLAYS)
    print(f"start: first layout of {len(session.built.layout.pages)} pages {laid_out - started:.2f} s, first render of page 1 {time.perf_counter() - laid_out:.2f} s")

    grid = session.built.spec.style.grid
    front = session.built.spec.pages[0]
    first_width: list[float] = []
    warm: list[float] = []
    refused: list[float] = []
    for placement in [p for p in front.placements if p.kind == "article"]:
        seen_widths: set[int] = set()
        for rect in _candidates(placement.rect, grid.columns, grid.lines):
            tick = time.perf_counter()
            trial = session.trial(1, placement.ref, placement.part, rect)
            elapsed = time.perf_counter() - tick
            (refused if trial.problem is not None else warm if rect.span in seen_widths else first_width).append(elapsed)
            seen_widths.add(rect.span)
    print(_figures("drag feedback, laid out", warm))
    print(_figures("  first at a new width", first_width))
    print(_figures("  refused (overlap, off grid)", refused))

    drops: list[float] = []
    renders: list[float] = []
    places = (GridRect(2, 4, 85, 20), GridRect(1, 4, 85, 20))
    for round_number in range(args.rounds):
        tick = time.perf_counter()
        outcome = session.move(1, "standing-committee", 1, places[round_number % 2])
        assert outcome.ok, outcome.message
        moved = time.perf_counter()
        session.page_png(1, DEFAULT_OVERLAYS)
        drops.append(time.perf_counter() - tick)
        renders.append(time.perf_counter() - moved)
    print(_figures("drop → page 1 back (all)", drops))
    print(_figures("  of which render + PNG", renders))

    reloads: list[float] = []
    text = open(path, encoding="utf-8").read()
    for round_number in range(5):
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text + f"# edited on disk {round_number}\n")
        os.utime(path, ns=(1, time.time_ns() + round_number))
        tick = time.perf_counter()
        assert session.poll()
        session.page_png(1, DEFAULT_OVERLAYS)
        reloads.append(time.perf_counter() - tick)
    print(_figures("edit on disk → page 1 back", reloads))


if __name__ == "__main__":
    main()
