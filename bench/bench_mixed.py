"""Build the mixed Chinese/Latin benchmark issue and the sample issue, score both PDFs, and print
the figures side by side.

    python bench/bench_mixed.py [--json] [--limit N]

Each issue is built with the project's own command line (`python -m layout build ISSUE -o DIR
--force`, into a temporary folder: --force writes the PDFs even when `check` finds errors) and
its issue PDF (`DIR/<issue file's name>.pdf`) is scored by bench/score_pdf.py from the PDF
alone. The gap table comes first, then the findings, then the worst lines of each issue. A
benchmark: it prints figures and asserts nothing (an issue that does not build is reported and
left out).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import score_pdf

ISSUES = (
    ("mixed", os.path.join("bench", "mixed", "mixed.yaml")),
    ("sample", os.path.join("issues", "2022-01-28.yaml")),
)


def build_and_score(issue: str, folder: str) -> dict:
    """Build `issue` (relative to the project) into `folder` and score its issue PDF."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "layout", "build", issue, "-o", folder, "--force"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    built = time.perf_counter() - start
    pdf = os.path.join(folder, os.path.splitext(os.path.basename(issue))[0] + ".pdf")
    out = {"issue": issue, "build_exit": done.returncode, "build_s": round(built, 2)}
    if done.returncode not in (0, 1) or not os.path.exists(pdf):
        tail = (done.stderr or done.stdout).strip().splitlines()
        out["error"] = tail[-1] if tail else f"exit {done.returncode}, no {os.path.basename(pdf)}"
        return out
    start = time.perf_counter()
    try:
        result = score_pdf.score_pdf(pdf)
    except score_pdf.ScoreError as exc:
        out["error"] = str(exc)
        return out
    out["score_s"] = round(time.perf_counter() - start, 2)
    out["pages"] = len(result["pages"])
    out["score"] = result
    return out


def _pct(g: dict, key: str) -> str:
    return f"{g[key]:>5} {g[key + '_pct']:5.1f}%"


def side_by_side(runs: dict[str, dict], limit: int) -> str:
    """The figures of the scored issues in columns: the gap table first, then the line counts
    and findings, the times, and each issue's worst lines and first findings."""
    names = [n for n in runs if "score" in runs[n]]
    width = 22
    rows = [f"{name}: {run['issue']} not scored: {run['error']}" for name, run in runs.items() if "error" in run]
    if not names:
        return "\n".join(rows)
    totals = {n: runs[n]["score"]["total"] for n in names}

    def row(label: str, cells) -> str:
        return f"    {label:<38}" + "".join(f"{cell:>{width}}" for cell in cells)

    rows.append(f"  {'':<40}" + "".join(f"{n:>{width}}" for n in names))
    rows.append(f"  {'issue file':<40}" + "".join(f"{os.path.basename(runs[n]['issue']):>{width}}" for n in names))
    rows.append("")
    rows.append("  widest gap per justified line (em): lines whose widest gap is ≤ 0.125 | ≤ 0.25 | > 0.25")
    for cls in score_pdf.CLASSES + ("all",):
        rows.append(f"  {score_pdf.CLASS_TITLES[cls]}")
        gaps = [totals[n]["gaps"][cls] for n in names]
        rows.append(row("lines", [g["lines"] for g in gaps]))
        rows.append(row("≤ 0.125 em", [_pct(g, "le_0125") for g in gaps]))
        rows.append(row("≤ 0.25 em", [_pct(g, "le_025") for g in gaps]))
        rows.append(row("> 0.25 em", [_pct(g, "gt_025") for g in gaps]))
        rows.append(row("max / median", ["—" if g["max"] is None else f"{g['max']:.3f} / {g['median']:.3f}" for g in gaps]))
    rows += ["", "  lines"]
    rows.append(row("pages", [runs[n]["pages"] for n in names]))
    rows.append(row("lines of 9-pt text", [totals[n]["lines"] for n in names]))
    rows.append(row("full width (justified)", [totals[n]["justified_lines"] for n in names]))
    rows.append(row("overfull (beyond the edge)", [totals[n]["overfull_lines"] for n in names]))
    rows += ["", "  findings (count)"]
    for key, title in score_pdf.FINDINGS:
        rows.append(row(title, [totals[n][key]["count"] for n in names]))
    rows += ["", "  time (s)"]
    rows.append(row("build (layout build --force)", [f"{runs[n]['build_s']:.2f}" for n in names]))
    rows.append(row("build exit status", [runs[n]["build_exit"] for n in names]))
    rows.append(row("score (pdfplumber + scorer)", [f"{runs[n]['score_s']:.2f}" for n in names]))
    for n in names:
        rows += ["", f"  {n}: worst justified lines"]
        for w in totals[n]["worst_lines"]:
            rows.append(f"    p{w['page']} col {w['column']}: {w['extra_em']:+.2f} em {w['class']} «{w['pair']}»  {w['text']}")
        for key, title in score_pdf.FINDINGS:
            items = totals[n][key]["items"]
            if items and limit:
                rows.append(f"  {n}: {title}, first {min(limit, len(items))} of {len(items)}")
                for it in items[:limit]:
                    rows.append(f"    p{it['page']} col {it['column']}: {it.get('detail', '')}  «{it['text']}»")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures of both issues as one JSON object")
    parser.add_argument("--limit", type=int, default=5, help="items listed per finding and issue (default 5)")
    args = parser.parse_args(argv)
    runs = {}
    with tempfile.TemporaryDirectory(prefix="bench-mixed-") as tmp:
        for name, issue in ISSUES:
            folder = os.path.join(tmp, name)
            os.makedirs(folder)
            runs[name] = build_and_score(issue, folder)
    if args.json:
        print(json.dumps(runs, ensure_ascii=False, indent=1))
    else:
        print(side_by_side(runs, args.limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
