#!/usr/bin/env python3
"""Fuzz the `layout` command line on demand: N mutants of the sample issue, its style sheet and
its article files through `layout check` and `layout build`, and counts by outcome.

    .venv/bin/python tools/fuzz_cli.py [-n 10000] [--seed 0] [--jobs 2] [--timeout 20]
                                       [--memory-mb 2048] [--out DIR]
    .venv/bin/python tools/fuzz_cli.py --replay NUMBER|'Mutant(...)' [--seed 0] [--out DIR]

The mutations and the judging are those of tests/test_fuzz_cli.py (tests/fuzz_mutations.py,
tests/fuzz_harness.py), with bigger values (alias bombs up to 10^9 nodes, nesting up to 50,000
levels, strings up to a million characters). Mutant K of seed S is the same on every run.

Mutants run in a pool of worker processes (--jobs), each running one mutant at a time in-process
(the fonts load once per worker), under an alarm of --timeout seconds and an address-space
limit of --memory-mb (resource.setrlimit), so a hang or a memory bomb is caught; a worker that
hangs where the alarm cannot reach it is killed after the bound plus a grace period, and one that
dies is replaced and its death counted.

Printed: how many mutants ended with exit status 0, 1, 2 (or none); then the failure classes
(traceback, hang, memory, bad message form, leaked outside content, wrote outside the output
folder, worker crash), each with its kinds (exception and place, message pattern…), their
counts and one saved reproducer each: a folder holding the temporary project (project/,
cwd/, the secret files), the mutated file, and README.txt with the command to rerun and what
went wrong. Files read outside the project are counted for information only. Exit status 1
when any failure class is non-empty, 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

import fuzz_harness as harness  # noqa: E402
import fuzz_mutations as mutations  # noqa: E402

CRASH = "worker-crash"
CLASS_TITLES = {
    harness.TRACEBACK: "traceback",
    harness.HANG: "hang (timeout)",
    harness.MEMORY: "memory blow-up",
    harness.BAD_EXIT: "exit status not 0, 1 or 2",
    harness.BAD_MESSAGE: "bad message form",
    harness.LEAK: "leaked outside content",
    harness.WROTE_OUTSIDE: "wrote outside the output folder",
    CRASH: "worker crash",
}
MARKER = ".layout-fuzz-output"


# --- worker ---------------------------------------------------------------------------------------


def worker(args) -> None:
    """Read mutant numbers on stdin, run each, write one JSON line per result on the original
    stdout (fd 1 itself goes to stderr, so nothing the code prints at C level can garble it)."""
    import resource

    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    limit = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    import faulthandler

    faulthandler.enable()
    for line in sys.stdin:
        number = int(line)
        mutant = mutations.mutant_for_seed(args.seed, number)
        try:
            outcome = harness.run_mutant(mutant, timeout=args.timeout)
        except MemoryError:
            protocol.write(json.dumps({"n": number, "failures": {harness.MEMORY: ["MemoryError while setting up or judging"]}, "signatures": {harness.MEMORY: "MemoryError in the harness"}, "restart": True}) + "\n")
            return
        result = {
            "n": number,
            "status": outcome.exit_status if isinstance(outcome.exit_status, int) or outcome.exit_status is None else repr(outcome.exit_status),
            "seconds": round(outcome.seconds, 3),
            "command": mutant.command,
            "failures": outcome.failures,
            "signatures": outcome.signatures,
            "reads_outside": outcome.reads_outside[:5],
            "stderr": outcome.stderr[:2000],
            "traceback": outcome.traceback[-4000:],
            "restart": bool({harness.HANG, harness.MEMORY} & set(outcome.failures)),
        }
        protocol.write(json.dumps(result, ensure_ascii=True) + "\n")
        if result["restart"]:  # an interrupted run may leave the process in a bad state
            return


# --- parent ---------------------------------------------------------------------------------------


class Worker:
    def __init__(self, args, log_dir: str, serial: int):
        self.log = os.path.join(log_dir, f"worker-{serial}.log")
        command = [sys.executable, os.path.abspath(__file__), "--worker", "--seed", str(args.seed), "--timeout", str(args.timeout), "--memory-mb", str(args.memory_mb)]
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(self.log, "wb"), bufsize=0, cwd=tempfile.gettempdir())
        self.buffer = b""

    def send(self, number: int) -> None:
        self.proc.stdin.write(f"{number}\n".encode())

    def read_line(self, seconds: float) -> tuple[str | None, bool]:
        """(line, timed_out); (None, False) when the worker died."""
        deadline = time.monotonic() + seconds
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None, True
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
                if not chunk:
                    return None, False
                self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.decode("utf-8"), False

    def stop(self) -> int | None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()

    def log_tail(self, size: int = 3000) -> str:
        try:
            with open(self.log, "rb") as handle:
                handle.seek(0, os.SEEK_END)
                handle.seek(max(0, handle.tell() - size))
                return handle.read().decode("utf-8", "replace")
        except OSError:
            return ""


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.done = 0
        self.status = Counter()
        self.clean = 0
        self.classes = Counter()
        self.kinds: dict[str, dict[str, dict]] = defaultdict(dict)  # class -> signature -> info
        self.reads = Counter()
        self.read_example: dict[str, int] = {}
        self.seconds = defaultdict(list)

    def add(self, result: dict, size: int) -> None:
        with self.lock:
            self.done += 1
            failures = result.get("failures", {})
            status = result.get("status")
            self.status["none" if status is None else status if status in (0, 1, 2) else "other"] += 1
            self.clean += not failures
            if "seconds" in result and not failures:
                self.seconds[result.get("command", "?")].append(result["seconds"])
            for kind, details in failures.items():
                self.classes[kind] += 1
                signature = result.get("signatures", {}).get(kind) or details[0]
                info = self.kinds[kind].setdefault(signature, {"count": 0, "number": result["n"], "size": size, "result": result})
                info["count"] += 1
                if size < info["size"]:
                    info.update(number=result["n"], size=size, result=result)
            for path in result.get("reads_outside", []):
                self.reads[path] += 1
                self.read_example.setdefault(path, result["n"])


def run_pool(args, out_dir: str) -> Tally:
    tally = Tally()
    numbers = iter(range(args.start, args.start + args.n))
    numbers_lock = threading.Lock()
    log_dir = os.path.join(out_dir, "worker-logs")
    os.makedirs(log_dir, exist_ok=True)
    serial = [0]
    started = time.monotonic()
    stop = threading.Event()
    workers: list[Worker] = []

    def spawn() -> Worker:
        with numbers_lock:
            serial[0] += 1
            made = Worker(args, log_dir, serial[0])
            workers.append(made)
        return made

    def slot() -> None:
        current = None
        while not stop.is_set():
            with numbers_lock:
                number = next(numbers, None)
            if number is None:
                break
            size = len(mutations.mutant_for_seed(args.seed, number).data)
            if current is None or current.proc.poll() is not None:
                current = spawn()
            try:
                current.send(number)
            except (BrokenPipeError, OSError):
                current = spawn()
                current.send(number)
            # a first run in a fresh worker loads the fonts; judging a PDF takes a moment too
            line, timed_out = current.read_line(args.timeout + 60)
            if line is None:
                if timed_out:
                    current.kill()
                    result = {"n": number, "failures": {harness.HANG: [f"killed after {args.timeout + 60:.0f} s: the alarm did not stop it"]}, "signatures": {harness.HANG: "killed: the alarm could not interrupt it"}}
                else:
                    code = current.stop()
                    tail = current.log_tail()
                    if "MemoryError" in tail or "memory" in tail.lower():
                        kind, signature = harness.MEMORY, "worker ran out of memory"
                    else:
                        kind, signature = CRASH, f"worker died ({_death(code)})"
                    result = {"n": number, "failures": {kind: [f"{signature}; log tail: {tail[-600:]}"]}, "signatures": {kind: signature}}
                current = None
            else:
                result = json.loads(line)
                if result.get("restart"):
                    current.stop()
                    current = None
            tally.add(result, size)
            if tally.done % args.progress == 0:
                elapsed = time.monotonic() - started
                failing = ", ".join(f"{k} {v}" for k, v in sorted(tally.classes.items())) or "none"
                print(f"  {tally.done}/{args.n} in {elapsed:.0f} s; failures: {failing}", file=sys.stderr, flush=True)
        if current is not None:
            current.stop()

    threads = [threading.Thread(target=slot, daemon=True) for _ in range(args.jobs)]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(0.5)
    except KeyboardInterrupt:
        stop.set()
        print("interrupted: stopping the workers", file=sys.stderr)
        for made in list(workers):
            made.kill()
    return tally


def _death(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit status {code}"


# --- reproducers and the report --------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:60] or "kind"


def save_reproducer(folder: str, mutant: mutations.Mutant, title: str, detail: str, result: dict | None, seed, number) -> None:
    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    tree = harness.make_tree(folder, mutant)
    shutil.copyfile(os.path.join(tree.project, mutant.relpath), os.path.join(folder, "mutated-" + os.path.basename(mutant.relpath)))
    command = " ".join(tree.args(mutant))
    pythonpath = "" if harness.installation() == ROOT else f"PYTHONPATH={harness.installation()} "
    lines = [
        f"Failure: {title}",
        f"Kind: {detail}",
        "",
        f"Mutant {number} of seed {seed}: the file {mutant.relpath} of the sample project, mutated:",
        f"  {mutant.summary()}",
        f"  {mutant!r}",
        "",
        "project/ holds copies of the repository's issues/ and styles/ with the mutated file in place",
        f"(also saved as mutated-{os.path.basename(mutant.relpath)} here); the secret files beside project/",
        "must never show up in the output. To rerun:",
        f"  cd {tree.cwd} && {pythonpath}{sys.executable} -m layout {command}",
        f"  {pythonpath}{sys.executable} {os.path.abspath(__file__)} --replay {number} --seed {seed}",
        "",
    ]
    if result:
        lines.append(f"Exit status: {result.get('status')!r}")
        for kind, details in result.get("failures", {}).items():
            lines.append(f"{kind}:")
            lines.extend(f"  {d}" for d in details[:5])
        if result.get("stderr"):
            lines += ["", "stderr (head):", result["stderr"]]
        if result.get("traceback"):
            lines += ["", "traceback (tail):", result["traceback"]]
    with open(os.path.join(folder, "README.txt"), "w", encoding="utf-8", errors="backslashreplace") as handle:
        handle.write("\n".join(lines) + "\n")


def report(args, tally: Tally, out_dir: str, elapsed: float) -> bool:
    print(f"layout under test: {os.path.join(harness.installation(), 'layout')}")
    print(f"layout CLI fuzzer: {tally.done} mutants (numbers {args.start}–{args.start + args.n - 1} of seed {args.seed}), {args.jobs} workers, time bound {args.timeout:g} s, memory {args.memory_mb} MB: {elapsed:.0f} s")
    print("exit status:")
    for key in (0, 1, 2, "other", "none"):
        label = {"other": "other", "none": "none (no exit: exception, hang, crash)"}.get(key, str(key))
        print(f"  {label:<40} {tally.status.get(key, 0):>6}")
    for command, times in sorted(tally.seconds.items()):
        times = sorted(times)
        print(f"  time of a passing {command}: median {times[len(times) // 2]:.2f} s, max {times[-1]:.2f} s over {len(times)}")
    print(f"  {'mutants without any failure':<40} {tally.clean:>6}")
    print("failure classes (a mutant may be in several):")
    any_failure = False
    repro_root = os.path.join(out_dir, "reproducers")
    for kind in (*harness.CLASSES, CRASH):
        count = tally.classes.get(kind, 0)
        print(f"  {CLASS_TITLES[kind]:<40} {count:>6}")
        if not count:
            continue
        any_failure = True
        kinds = sorted(tally.kinds[kind].items(), key=lambda item: -item[1]["count"])
        for position, (signature, info) in enumerate(kinds, 1):
            if position > args.max_kinds:
                rest = sum(i["count"] for _, i in kinds[args.max_kinds :])
                print(f"      … {len(kinds) - args.max_kinds} more kinds ({rest} mutants)")
                break
            folder = os.path.join(repro_root, kind, f"{position:02d}-{_slug(signature)}")
            mutant = mutations.mutant_for_seed(args.seed, info["number"])
            save_reproducer(folder, mutant, CLASS_TITLES[kind], signature, info["result"], args.seed, info["number"])
            print(f"    {info['count']:>6}  {_clip(signature, 150)}")
            print(f"            mutant {info['number']} ({info['size']} bytes): {os.path.relpath(folder, out_dir)}/")
    print(f"reproducers under {repro_root}/ (README.txt in each)")
    if tally.reads:
        total = sum(tally.reads.values())
        print(f"for information, files opened for reading outside the project ({total} opens):")
        for path, count in tally.reads.most_common(8):
            print(f"  {count:>6}  {_clip(ascii(path), 100)} (e.g. mutant {tally.read_example[path]})")
    return any_failure


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def prepare_out(path: str) -> str:
    path = os.path.abspath(path)
    if os.path.isdir(path) and os.listdir(path):
        if not os.path.exists(os.path.join(path, MARKER)):
            sys.exit(f"fuzz_cli: {path} exists and is not a folder this tool made; give another --out")
        shutil.rmtree(path)
    os.makedirs(path, exist_ok=True)
    open(os.path.join(path, MARKER), "w").close()
    return path


def replay(args, out_dir: str) -> int:
    if re.fullmatch(r"[0-9]+", args.replay):
        number: object = int(args.replay)
        mutant = mutations.mutant_for_seed(args.seed, int(args.replay))
    else:
        number = "given"
        namespace = {name: getattr(mutations, name) for name in dir(mutations) if not name.startswith("_")}
        mutant = eval(args.replay, namespace)  # a Mutant(...) repr from a test failure
    print(mutant.summary())
    outcome = harness.run_mutant(mutant, timeout=args.timeout)
    print(outcome.describe())
    folder = os.path.join(out_dir, "replay")
    result = {"status": outcome.exit_status, "failures": outcome.failures, "stderr": outcome.stderr[:2000], "traceback": outcome.traceback[-4000:]}
    save_reproducer(folder, mutant, "replay", ", ".join(outcome.signatures.values()) or "no failure", result, args.seed, number)
    print(f"saved in {folder}/")
    return 1 if outcome.failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=10_000, help="mutants to run (default 10000)")
    parser.add_argument("--start", type=int, default=0, help="number of the first mutant (default 0)")
    parser.add_argument("--seed", default="0", help="seed of the run (default 0)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds allowed per mutant (default 20)")
    parser.add_argument("--memory-mb", type=int, default=2048, help="address-space limit of a worker, MB (default 2048)")
    parser.add_argument("--out", default=None, help="folder for reproducers (default: $TMPDIR/layout-fuzz-seed<SEED>)")
    parser.add_argument("--max-kinds", type=int, default=12, help="kinds listed and saved per failure class (default 12)")
    parser.add_argument("--progress", type=int, default=250, help="print progress every this many mutants")
    parser.add_argument("--replay", default=None, help="run one mutant in this process: a number of --seed, or a Mutant(...) repr")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return 0
    out_dir = prepare_out(args.out or os.path.join(tempfile.gettempdir(), f"layout-fuzz-seed{_slug(str(args.seed))}"))
    if args.replay is not None:
        return replay(args, out_dir)
    started = time.monotonic()
    tally = run_pool(args, out_dir)
    failed = report(args, tally, out_dir, time.monotonic() - started)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
