"""Our whole `layout build` (and `check`) against typst setting the same pages, as whole
processes, alternating A B A B in one run; prints medians, min, max, their ratios and peak memory.

    python bench/bench_typst.py [--runs N] [--jobs front,eight,check,32]

`make bench-typst` installs typst (the `bench` extra of pyproject.toml) and runs this. Jobs:

- front: the front page alone (the sample's page 1, as its own issue);
- eight: the sample issue, eight pages;
- check: `layout check` of the sample issue, against typst's eight pages;
- 32: thirty-two pages, the eight repeated three more times with their paragraphs in another
  order (so no page is a copy), against typst's thirty-two.

typst gets a twin of each issue (bench/typst_twin.py): the same words in the same modules, the
same pictures, our pinned fonts only (`ignore_system_fonts`). Each side is a fresh
`python` process (typst through its Python package, as `layout` is), so both pay their
start-up. Peak memory is each process's maximum resident set (`wait4`); Linux counts a child's
set from the fork on, so the variants are prepared in a process of their own and the timing
process stays small. The work folder is bench/.work (ignored by git): the variant issues,
their PDFs and the .typ twins.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, ".work")
SAMPLE = os.path.join(ROOT, "issues", "2022-01-28.yaml")
sys.path.insert(0, ROOT)
sys.path.insert(0, HERE)  # typst_twin

TYPST = "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], root=sys.argv[3], font_paths=[sys.argv[4]], ignore_system_fonts=True)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each side (alternating)")
    parser.add_argument("--jobs", default="front,eight,check,32")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)  # the child that writes the variants
    args = parser.parse_args()
    if args.prepare:
        prepare()
        return 0
    if subprocess.run([sys.executable, "-c", "import typst"], capture_output=True).returncode:
        print("typst is not installed: `make bench-typst` installs the bench extra (pip install -e '.[bench]')")
        return 2
    subprocess.run([sys.executable, __file__, "--prepare"], check=True)
    issues = {name: (os.path.join(WORK, f"{name}.yaml") if name != "eight" else SAMPLE, os.path.join(WORK, f"{name}.typ")) for name in VARIANTS}
    rows = []
    for job in args.jobs.split(","):
        issue, twin = issues["eight" if job == "check" else job]
        out = os.path.join(WORK, f"out-{job}")
        ours = [sys.executable, "-m", "layout", "check", issue] if job == "check" else [sys.executable, "-m", "layout", "build", issue, "-o", out, "--force"]
        theirs = [sys.executable, "-c", TYPST, twin, os.path.join(WORK, f"typst-{job}.pdf"), ROOT, os.path.join(ROOT, "fonts")]
        a, b = alternate(ours, theirs, args.runs)
        rows.append((job, a, b))
        print_row(job, a, b)
    summary(rows)
    return 0


VARIANTS = ("front", "eight", "32")


def prepare() -> None:
    """Write the variant issues (WORK/<name>.yaml; the sample itself for eight) and their typst
    twins (WORK/<name>.typ)."""
    import yaml

    from layout.pipeline import layout_issue
    from typst_twin import typst_source

    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    sample = yaml.safe_load(open(SAMPLE, encoding="utf-8"))
    shutil.copytree(os.path.join(ROOT, "issues", "2022-01-28"), os.path.join(WORK, "2022-01-28"))
    variants = {"front": _front_page(sample), "eight": None, "32": _thirty_two(sample)}
    for name, data in variants.items():
        if data is None:
            issue = SAMPLE
        else:
            issue = os.path.join(WORK, f"{name}.yaml")
            with open(issue, "w", encoding="utf-8") as handle:
                yaml.safe_dump(data, handle, allow_unicode=True, sort_keys=False)
        spec, layout = layout_issue(issue)
        twin = os.path.join(WORK, f"{name}.typ")
        with open(twin, "w", encoding="utf-8") as handle:
            handle.write(typst_source(spec, layout, ROOT))


def _front_page(sample: dict) -> dict:
    data = dict(sample, style=os.path.relpath(os.path.join(ROOT, "styles", "broadsheet.yaml"), WORK))
    data["issue"] = dict(sample["issue"], page_count=1)
    data["pages"] = [sample["pages"][0]]
    # the 导读 keeps its ten lines, pointing at front-page stories now that no other page exists
    front = [m["article"] for m in sample["pages"][0]["modules"]]
    data["boxes"] = [dict(box, index=[dict(entry, article=front[n % len(front)]) for n, entry in enumerate(box["index"])]) if "index" in box else box for box in sample["boxes"]]
    return data


def _thirty_two(sample: dict) -> dict:
    """The eight pages and three more sets of them, each with its own article ids and every
    article's paragraphs rotated by one more place."""
    data = dict(sample, style=os.path.relpath(os.path.join(ROOT, "styles", "broadsheet.yaml"), WORK))
    data["issue"] = dict(sample["issue"], page_count=32)
    articles = list(sample["articles"])
    pages = list(sample["pages"])
    for copy in (1, 2, 3):
        rename = {a["id"]: f"{a['id']}-{copy}" for a in sample["articles"]}
        for article in sample["articles"]:
            twin = dict(article, id=rename[article["id"]])
            if "body_file" in article:
                twin["body_file"] = _rotated(article["body_file"], copy)
            articles.append(twin)
        for page in sample["pages"]:
            twin = dict(page, number=page["number"] + 8 * copy)
            twin["modules"] = [dict(m, article=rename[m["article"]]) for m in page.get("modules", [])]
            pages.append(twin)
    data["articles"], data["pages"] = articles, pages
    return data


def _rotated(body_file: str, places: int) -> str:
    source = os.path.join(WORK, body_file)
    with open(source, encoding="utf-8") as handle:
        paragraphs = handle.read().rstrip("\n").split("\n\n")
    places %= max(1, len(paragraphs))
    name = f"{os.path.splitext(body_file)[0]}-{places}.txt"
    with open(os.path.join(WORK, name), "w", encoding="utf-8") as handle:
        handle.write("\n\n".join(paragraphs[places:] + paragraphs[:places]) + "\n")
    return name


def alternate(ours: list[str], theirs: list[str], runs: int) -> tuple[list[tuple[float, int]], list[tuple[float, int]]]:
    """(seconds, peak KiB) of each run of each side, A B A B…, after one unmeasured warm-up each."""
    a, b = [], []
    for n in range(runs + 1):
        for command, into in ((ours, a), (theirs, b)):
            result = timed(command)
            if n:
                into.append(result)
    return a, b


def timed(command: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode("utf-8", "replace").strip()
    process.stderr.close()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:4])}…: exit {process.returncode}: {error.splitlines()[-1] if error else ''}")
    return elapsed, usage.ru_maxrss


def _stats(runs: list[tuple[float, int]]) -> tuple[float, float, float, int]:
    times = [t for t, _ in runs]
    return statistics.median(times), min(times), max(times), max(m for _, m in runs)


def print_row(job: str, a, b) -> None:
    (am, amin, amax, amem), (bm, bmin, bmax, bmem) = _stats(a), _stats(b)
    print(f"{job:>6}  layout {am:6.3f} s (min {amin:.3f}, max {amax:.3f}) {amem / 1024:6.0f} MiB"
          f"   typst {bm:6.3f} s (min {bmin:.3f}, max {bmax:.3f}) {bmem / 1024:6.0f} MiB"
          f"   ratio {am / bm:5.2f}×  memory {amem / bmem:4.2f}×", flush=True)


def summary(rows) -> None:
    found = {job: (_stats(a), _stats(b)) for job, a, b in rows}
    targets = [("front", "front-page build ≤ 1.0 × typst", 1.0), ("eight", "eight-page build ≤ 1.0 × typst", 1.0), ("check", "check ≤ 0.5 × typst's eight pages", 0.5)]
    print()
    for job, text, limit in targets:
        if job in found:
            ratio = found[job][0][0] / found[job][1][0]
            print(f"  {text:<40} {ratio:5.2f}×  {'met' if ratio <= limit else 'not met'}")
    if "32" in found and "eight" in found:
        ratio = found["32"][0][0] / found["eight"][0][0]
        print(f"  {'32 pages ≤ 4.2 × 8 pages (ours)':<40} {ratio:5.2f}×  {'met' if ratio <= 4.2 else 'not met'}")
    for job, (ours, theirs) in found.items():
        print(f"  {'peak memory ≤ typst (' + job + ')':<40} {ours[3] / theirs[3]:5.2f}×  {'met' if ours[3] <= theirs[3] else 'not met'}")


if __name__ == "__main__":
    sys.exit(main())
