"""How long hostile and oversized input takes to be handled, as whole `layout` processes.

    python bench/bench_limits.py [--runs N]

Each job is one command on a file made here: a `check` of a story of 10,000, 50,000 and 200,000
characters (the largest a body may be), a 100-word headline, and the refusals of an alias bomb,
10,000-deep nesting, a 9 MiB issue file, a 50 MB body file and 10,000 ids. Prints the exit status
and the minimum, median and maximum wall time and peak memory (RSS) of each.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HAN = "国家经济发展计划执行情况与民生实事项目研究部署会议强调要提高站位把准方向"

ISSUE = """style: broadsheet.yaml
issue: {{paper: 测试报, date: 2022-01-28, page_count: 1, serial_number: 1}}
articles:
  - {{id: story, headline: {headline}, body_file: story.txt}}
pages:
  - number: 1
    modules:
      - {{article: story, column: 1, span: 8, top: 1, height: 104}}
{extra}"""


def story(chars: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    paragraphs, total = [], 0
    while total < chars:
        sentences = ["".join(rng.choice(HAN) for _ in range(rng.randint(8, 30))) for _ in range(rng.randint(2, 5))]
        paragraph = "，".join(sentences) + "。"
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:chars]


def make_job(folder: str, name: str, *, chars: int = 2000, headline: str = "大报道", extra: str = "", body: bytes | None = None) -> str:
    job = os.path.join(folder, name)
    os.makedirs(job)
    shutil.copy(os.path.join(ROOT, "styles", "broadsheet.yaml"), job)
    with open(os.path.join(job, "story.txt"), "wb") as handle:
        handle.write(body if body is not None else story(chars).encode("utf-8"))
    path = os.path.join(job, "issue.yaml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(ISSUE.format(headline=headline, extra=extra))
    return path


def jobs(folder: str) -> list[tuple[str, str]]:
    bomb = "bomb0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(f"bomb{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
    found = [
        ("check, 10,000-字 story", make_job(folder, "story10k", chars=10_000)),
        ("check, 50,000-字 story", make_job(folder, "story50k", chars=50_000)),
        ("check, 200,000-字 story", make_job(folder, "story200k", chars=200_000)),
        ("check, 100-word headline", make_job(folder, "headline", headline='"' + " ".join(["尽锐出战"] * 100) + '"')),
        ("refuse an alias bomb (9^9)", make_job(folder, "bomb", extra=bomb)),
        ("refuse 10,000-deep nesting", make_job(folder, "deep", extra="deep: " + "[" * 10000 + "]" * 10000 + "\n")),
        ("refuse a 9 MiB issue file", make_job(folder, "huge", extra="# " + "x" * (9 << 20) + "\n")),
        ("refuse a 50 MB body file", make_job(folder, "body", body=b"\x00" * (50 * 1000 * 1000))),
        ("refuse a 201,000-字 body", make_job(folder, "long", chars=201_000)),
    ]
    return found


def run_once(issue: str) -> tuple[int, float, float]:
    """Exit status, wall seconds and peak RSS (MiB) of one `layout check ISSUE` process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "layout", "check", issue], cwd=os.path.dirname(issue), env={**os.environ, "PYTHONPATH": ROOT}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'job':34} {'exit':>4} {'min s':>7} {'median s':>9} {'max s':>7} {'peak MiB':>9}")
        for name, issue in jobs(folder):
            runs = [run_once(issue) for _ in range(args.runs)]
            times = [elapsed for _, elapsed, _ in runs]
            codes = sorted({code for code, _, _ in runs})
            peak = max(rss for _, _, rss in runs)
            print(f"{name:34} {','.join(map(str, codes)):>4} {min(times):7.2f} {statistics.median(times):9.2f} {max(times):7.2f} {peak:9.0f}")


if __name__ == "__main__":
    main()
