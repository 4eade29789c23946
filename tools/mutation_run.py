#!/usr/bin/env python3
"""Mutation runs on demand (not part of the test suite).

    .venv/bin/python tools/mutation_run.py curated            # the hand-written table: all must die
    .venv/bin/python tools/mutation_run.py auto               # mutmut 3 on the default modules
    .venv/bin/python tools/mutation_run.py auto --modules layout/text/breaker.py layout/check/copyfit.py
    .venv/bin/python tools/mutation_run.py all                # both

Both work on a temporary COPY of the checkout (without .venv, .git, output and caches), never on
the checkout itself, and run the tests with this project's .venv python. The tests find the copy
on their own: they run `python -m layout` with PYTHONPATH set from the test file's location, and
`python -m pytest` run in the copy puts the copy first on sys.path (the editable install's finder
only comes after the path), which each copy checks before it is used.

curated
    Applies each mutant of the [[mutant]] table of tools/mutation.toml (file, exact old text, new
    text) to a copy, runs `pytest -x -q -p no:cacheprovider` on the test files [tests] lists for
    that file (new hand-worked tests first, so the first failure ends the run quickly; a file not
    listed runs the whole suite), and prints killed/survived per mutant, the test that killed it,
    and the score. Two copies run side by side (--jobs). Bytecode is never written in a copy, so a
    mutant of the same length as the original (`// 2` → `// 3`) cannot hide behind a stale .pyc.
    Exits 1 if any mutant survives, 2 if the table is stale (an `old` text not found exactly once)
    or the unmutated tests fail.

auto
    mutmut 3 does drive this suite, so it is used rather than a home-made generator: per module
    it mutates function bodies (operators, comparisons, constants, arguments, return values…) and
    switches mutants with an environment variable in forked workers, running only the selected
    tests that reached the mutated function (from its own coverage pass). Each module gets a fresh
    copy with a generated setup.cfg ([mutmut] only_mutate = that module, test selection from
    [auto.tests], else [tests]), so nothing mutmut needs lives in the repository. mutmut is installed into a separate
    virtualenv (--mutmut-venv, by default under ~/.cache) that sees this project's .venv packages
    through a .pth file; or, if `mutmut` is importable from the running python (an optional extra),
    that one is used.

    Its limits here, each covered by the curated table instead:
    - only code inside functions and methods is mutated: module-level tables (the kinsoku classes
      of text/classes.py, RGB_SPACES in preflight/inspect.py, dataclass defaults such as
      Demerits.shrink_weight) are not;
    - a test that reaches the code only through a `python -m layout` subprocess is not counted as
      covering it, so it is not run for that function's mutants (it would see the mutant: the
      switch is an inherited environment variable).

    Prints per module: mutants, killed (timeouts count as killed), survived, no tests, the score,
    and every survivor with its diff (also written to --report).
"""

from __future__ import annotations

import argparse
import concurrent.futures as futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = Path(__file__).resolve().parent / "mutation.toml"
IGNORE = shutil.ignore_patterns(".venv*", ".git", "output", "__pycache__", ".pytest_cache", ".hypothesis", "*.egg-info", "mutants", "build", "setup.cfg")
# hypothesis: a fixed seed, so the property tests draw the same examples for every mutant and an
# unmutated run that passes once passes every time (an unseeded run can find a failing example
# by chance and "kill" a mutant with it); its example database lives in the copy
PYTEST_ARGS = ["-x", "-q", "-p", "no:cacheprovider", "--hypothesis-seed=0"]


@dataclass(frozen=True)
class Mutant:
    id: str
    file: str
    old: str
    new: str
    description: str


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    status: str  # killed | survived | timeout | stale
    seconds: float
    killer: str = ""


def load_config(path: Path) -> dict:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def project_python(root: Path) -> str:
    venv = root / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def copy_tree(root: Path, into: Path) -> Path:
    target = into / "checkout"
    shutil.copytree(root, target, ignore=IGNORE, symlinks=True)
    return target


def child_env(copy: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "MUTANT_"))}
    env.update(PYTHONPATH=str(copy), PYTHONDONTWRITEBYTECODE="1", PYTHONHASHSEED="0", HYPOTHESIS_STORAGE_DIRECTORY=str(copy / ".hypothesis"))
    return env


def check_copy_imports_itself(python: str, copy: Path) -> None:
    found = subprocess.run([python, "-c", "import layout; print(layout.__file__)"], cwd=copy, env=child_env(copy), capture_output=True, text=True, check=True).stdout.strip()
    if not Path(found).resolve().is_relative_to(copy.resolve()):
        raise SystemExit(f"the copy at {copy} imports layout from {found}: a mutant there would not be tested")


def tests_for(config: dict, file: str) -> list[str]:
    return list(config.get("tests", {}).get(file, ["tests"]))


# --- curated ---------------------------------------------------------------------------------------

def curated_mutants(config: dict) -> list[Mutant]:
    return [Mutant(m["id"], m["file"], m["old"], m["new"], m.get("description", "")) for m in config.get("mutant", [])]


def run_pytest(python: str, copy: Path, tests: list[str], timeout: float, every_failure: bool = False) -> tuple[int | None, str, float]:
    start = time.monotonic()
    args = [a for a in PYTEST_ARGS if a != "-x"] if every_failure else PYTEST_ARGS
    try:
        done = subprocess.run([python, "-m", "pytest", *args, *tests], cwd=copy, env=child_env(copy), capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "", time.monotonic() - start
    return done.returncode, done.stdout + done.stderr, time.monotonic() - start


def failures(output: str) -> str:
    found = re.findall(r"^(?:FAILED|ERROR) (\S+)", output, re.M)
    return ", ".join(found) if found else "(collection or setup error)"


class Worker:
    """One copy of the checkout; applies one mutant at a time and puts the file back after."""

    def __init__(self, root: Path, python: str, scratch: Path):
        self.python = python
        self.copy = copy_tree(root, scratch)
        check_copy_imports_itself(python, self.copy)

    def run(self, mutant: Mutant, tests: list[str], timeout: float, every_failure: bool = False) -> Outcome:
        path = self.copy / mutant.file
        original = path.read_text(encoding="utf-8")
        if original.count(mutant.old) != 1:
            return Outcome(mutant, "stale", 0.0, f"old text found {original.count(mutant.old)} times in {mutant.file}")
        try:
            path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
            code, output, seconds = run_pytest(self.python, self.copy, tests, timeout, every_failure)
        finally:
            path.write_text(original, encoding="utf-8")
        if code is None:
            return Outcome(mutant, "timeout", seconds)
        if code == 0:
            return Outcome(mutant, "survived", seconds)
        return Outcome(mutant, "killed", seconds, failures(output))


def run_curated(root: Path, config: dict, jobs: int, only: list[str], select: list[str] | None, timeout: float, every_failure: bool = False) -> int:
    mutants = [m for m in curated_mutants(config) if not only or m.id in only]
    python = project_python(root)
    selections = {m.id: select or tests_for(config, m.file) for m in mutants}
    print(f"curated: {len(mutants)} mutants, {jobs} jobs, python {python}")
    with tempfile.TemporaryDirectory(prefix="layout-mutation-") as scratch:
        workers = [Worker(root, python, Path(scratch) / f"w{n}") for n in range(max(1, jobs))]
        # the unmutated tests must pass, or no verdict means anything
        baseline = sorted({t for tests in selections.values() for t in tests})
        code, output, seconds = run_pytest(python, workers[0].copy, baseline, timeout * 4)
        if code != 0:
            print(output[-4000:])
            print(f"the unmutated tests fail ({' '.join(baseline)}): no verdict")
            return 2
        print(f"baseline: {len(baseline)} test files pass in {seconds:.1f} s")
        free = list(workers)
        outcomes: list[Outcome] = []
        with futures.ThreadPoolExecutor(len(workers)) as pool:
            pending = {}
            queue = list(mutants)
            while queue or pending:
                while queue and free:
                    worker, mutant = free.pop(), queue.pop(0)
                    pending[pool.submit(worker.run, mutant, selections[mutant.id], timeout, every_failure)] = worker
                done, _ = futures.wait(pending, return_when=futures.FIRST_COMPLETED)
                for future in done:
                    free.append(pending.pop(future))
                    outcome = future.result()
                    outcomes.append(outcome)
                    print(f"  {outcome.status:8} {outcome.mutant.id:34} {outcome.seconds:6.1f} s  {outcome.killer or outcome.mutant.description}", flush=True)
    order = {m.id: n for n, m in enumerate(mutants)}
    outcomes.sort(key=lambda o: order[o.mutant.id])
    killed = sum(o.status in ("killed", "timeout") for o in outcomes)
    print(f"\ncurated mutants: {killed}/{len(outcomes)} killed ({100 * killed / max(1, len(outcomes)):.0f} %)")
    for o in outcomes:
        if o.status in ("survived", "stale"):
            print(f"  {o.status.upper()}: {o.mutant.id} ({o.mutant.file}): {o.mutant.description} {o.killer}")
    if any(o.status == "stale" for o in outcomes):
        return 2
    return 0 if killed == len(outcomes) else 1


# --- auto (mutmut) -------------------------------------------------------------------------------

def mutmut_command(root: Path, config: dict, venv: Path) -> list[str]:
    """`mutmut` from the running python if it has it, else from a separate venv made here."""
    try:
        import mutmut  # noqa: F401

        return [sys.executable, "-m", "mutmut"]
    except ImportError:
        pass
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"making a virtualenv for mutmut at {venv}")
        subprocess.run([project_python(root), "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", config["auto"]["mutmut"]], check=True)
        # the project's own packages (pytest, hypothesis, reportlab, pikepdf…) from its .venv
        site = subprocess.run([project_python(root), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], capture_output=True, text=True, check=True).stdout.strip()
        mine = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], capture_output=True, text=True, check=True).stdout.strip()
        Path(mine, "zz_layout_project.pth").write_text(site + "\n", encoding="utf-8")
    return [str(python), "-m", "mutmut"]


def mutmut_setup(module: str, tests: list[str], also_copy: list[str]) -> str:
    lines = ["[mutmut]", "source_paths=layout/", f"only_mutate={module}", "pytest_add_cli_args=", "    --hypothesis-seed=0", "pytest_add_cli_args_test_selection="]
    lines += [f"    {t}" for t in tests]
    lines += ["also_copy="] + [f"    {p}" for p in also_copy]
    return "\n".join(lines) + "\n"


@dataclass
class ModuleScore:
    module: str
    counts: dict
    survivors: list[tuple[str, str]]
    seconds: float

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def killed(self) -> int:
        return self.counts.get("killed", 0) + self.counts.get("timeout", 0)

    @property
    def score(self) -> float:
        judged = self.total - self.counts.get("skipped", 0)
        return 100 * self.killed / judged if judged else 0.0


def run_mutmut_module(root: Path, config: dict, command: list[str], module: str, jobs: int, scratch: Path) -> ModuleScore:
    copy = copy_tree(root, scratch / re.sub(r"\W", "_", module))
    check_copy_imports_itself(project_python(root), copy)
    tests = config["auto"].get("tests", {}).get(module) or tests_for(config, module)
    (copy / "setup.cfg").write_text(mutmut_setup(module, tests, config["auto"].get("also_copy", [])), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "MUTANT_"))}
    env.pop("PYTHONPATH", None)
    start = time.monotonic()
    run = subprocess.run([*command, "run", "--max-children", str(jobs)], cwd=copy, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - start
    results = subprocess.run([*command, "results", "--all", "true"], cwd=copy, env=env, capture_output=True, text=True).stdout
    counts: dict[str, int] = {}
    names: list[tuple[str, str]] = []
    for line in results.splitlines():
        match = re.match(r"\s*(\S+): (.+)$", line)
        if match:
            name, status = match.groups()
            counts[status] = counts.get(status, 0) + 1
            names.append((name, status))
    if not names:
        print(run.stdout[-3000:], run.stderr[-3000:])
        raise SystemExit(f"mutmut gave no results for {module}")
    survivors = []
    for name, status in names:
        if status in ("survived", "no tests", "suspicious"):
            shown = subprocess.run([*command, "show", name], cwd=copy, env=env, capture_output=True, text=True).stdout
            diff = "\n".join(line for line in shown.splitlines() if line[:1] in "-+" and not line.startswith(("---", "+++")))
            survivors.append((f"{name} ({status})", diff))
    return ModuleScore(module, counts, survivors, seconds)


def run_auto(root: Path, config: dict, jobs: int, modules: list[str], venv: Path, report: Path | None) -> int:
    command = mutmut_command(root, config, venv)
    scores = []
    with tempfile.TemporaryDirectory(prefix="layout-mutmut-") as scratch:
        for module in modules:
            print(f"mutmut: {module} …", flush=True)
            score = run_mutmut_module(root, config, command, module, jobs, Path(scratch))
            print(f"  {score.total} mutants, {score.killed} killed, {len(score.survivors)} not killed, {score.score:.1f} % in {score.seconds:.0f} s  {score.counts}", flush=True)
            scores.append(score)
    lines = ["", "mutation score per module (mutmut 3; timeouts count as killed):"]
    for s in scores:
        lines.append(f"  {s.module:32} {s.killed:4}/{s.total:<4} {s.score:5.1f} %   ({', '.join(f'{k} {v}' for k, v in sorted(s.counts.items()))}; {s.seconds:.0f} s)")
    total = sum(s.total for s in scores)
    killed = sum(s.killed for s in scores)
    lines.append(f"  {'all':32} {killed:4}/{total:<4} {100 * killed / max(1, total):5.1f} %")
    lines.append("")
    lines.append("survivors:")
    for s in scores:
        for name, diff in s.survivors:
            lines.append(f"  {name}")
            lines.extend(f"      {d}" for d in diff.splitlines())
    text = "\n".join(lines) + "\n"
    print(text)
    if report:
        report.write_text(text, encoding="utf-8")
        print(f"written to {report}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("curated", "auto", "all"))
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to copy (default: this one)")
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", nargs="*", default=[], help="curated: only these mutant ids")
    parser.add_argument("--select", nargs="*", help="curated: run these test files for every mutant instead of [tests]")
    parser.add_argument("--every-failure", action="store_true", help="curated: run without -x and name every test that fails")
    parser.add_argument("--timeout", type=float, default=300, help="curated: seconds before a mutant's test run counts as a kill by timeout")
    parser.add_argument("--modules", nargs="*", help="auto: modules to mutate (default: [auto] modules)")
    parser.add_argument("--mutmut-venv", type=Path, default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "layout-mutation" / "mutmut-venv")
    parser.add_argument("--report", type=Path, help="auto: also write the scores and survivors here")
    args = parser.parse_args(argv)
    config = load_config(args.config)
    root = args.root.resolve()
    status = 0
    if args.what in ("curated", "all"):
        status = max(status, run_curated(root, config, args.jobs, args.only, args.select, args.timeout, args.every_failure))
    if args.what in ("auto", "all"):
        status = max(status, run_auto(root, config, args.jobs, args.modules or config["auto"]["modules"], args.mutmut_venv, args.report))
    return status


if __name__ == "__main__":
    sys.exit(main())
