"""Run one mutant through the CLI in this process and judge what came out.

Shared by tests/test_fuzz_cli.py and tools/fuzz_cli.py. For each mutant:

- a fresh temporary folder holds `project/` (copies of the repository's issues/ and styles/,
  the mutated file written in place of the original), the secret files of
  fuzz_mutations.SECRET_FILES just outside `project/`, and `cwd/`, the working directory, where
  `build` writes into `cwd/out/`; fonts come from the installation;
- the command runs in-process (`layout.cli.main` in standalone mode, as the console script runs
  it), stdout strict UTF-8 and stderr UTF-8 with backslashreplace, like a real terminal, under
  an alarm;
- the outcome is judged: exit status in {0, 1, 2}; no exception but SystemExit escapes and no
  "Traceback" on stderr; on exit status 2 every stderr line has the one-line form
  `error: FILE:LINE:COLUMN: FIELD: PROBLEM; FIX`; nothing of a file outside the project (the
  secrets, /etc/passwd) in stdout, stderr or any file written; nothing written outside
  `cwd/out/` (a listing of the whole temporary folder before and after, and an audit hook on
  file writes); finished within the time bound.

Files opened for reading outside the project and the installation are recorded too
(`Outcome.reads_outside`), for information: reading is not a failure by itself.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import site
import sys
import tempfile
import time
import traceback
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field

from fuzz_mutations import ISSUE_REL, NEEDLES, ROOT, SECRET_FILES, Mutant

TRACEBACK = "traceback"
HANG = "hang"
MEMORY = "memory"
BAD_EXIT = "bad-exit-status"
BAD_MESSAGE = "bad-message-form"
LEAK = "leaked-outside-content"
WROTE_OUTSIDE = "wrote-outside-output"
CLASSES = (TRACEBACK, HANG, MEMORY, BAD_EXIT, BAD_MESSAGE, LEAK, WROTE_OUTSIDE)

MAX_MESSAGE = 400
MESSAGE = re.compile(r"error: (?P<file>.+?):(?P<line>[1-9][0-9]*):(?P<column>[1-9][0-9]*): (?P<field>\S.*?): (?P<problem>\S.*?); (?P<fix>\S.*)")


class Timeout(BaseException):
    """Raised by the alarm: a BaseException, so `except Exception` in the code cannot eat it."""

    def __init__(self, where: str, stack: traceback.StackSummary):
        super().__init__(where)
        self.where = where
        self.stack = stack  # source lines not looked up yet: that would read files mid-run


# --- the temporary project ----------------------------------------------------------------------


@dataclass(frozen=True)
class Tree:
    root: str
    project: str
    cwd: str
    out: str

    @property
    def issue_arg(self) -> str:
        """The issue file as given on the command line: relative to the working directory."""
        return os.path.relpath(os.path.join(self.project, ISSUE_REL), self.cwd)

    def args(self, mutant: Mutant) -> list[str]:
        if mutant.command == "build":
            return ["build", self.issue_arg, "-o", os.path.relpath(self.out, self.cwd)]
        return [mutant.command, self.issue_arg]


def make_tree(root: str, mutant: Mutant) -> Tree:
    project = os.path.join(root, "project")
    for folder in ("issues", "styles", "profiles"):
        shutil.copytree(os.path.join(ROOT, folder), os.path.join(project, folder))
    for name, text in SECRET_FILES.items():
        with open(os.path.join(root, name), "w", encoding="utf-8") as handle:
            handle.write(text)
    with open(os.path.join(project, mutant.relpath), "wb") as handle:
        handle.write(mutant.data)
    cwd = os.path.join(root, "cwd")
    os.makedirs(cwd)
    return Tree(root, project, cwd, os.path.join(cwd, "out"))


def listing(tree: Tree) -> dict[str, tuple]:
    found = {}
    for folder, dirs, files in os.walk(tree.root):
        if os.path.abspath(folder) == tree.out:
            dirs[:] = []
            continue
        for name in dirs + files:
            path = os.path.join(folder, name)
            if path == tree.out:
                continue
            st = os.lstat(path)
            # a folder's own times change when its entries do: its entries are listed instead
            found[os.path.relpath(path, tree.root)] = (st.st_mode,) if os.path.isdir(path) else (st.st_mode, st.st_size, st.st_mtime_ns)
    return found


# --- the audit hook: writes anywhere, reads outside -----------------------------------------------

_WRITE_EVENTS = {"os.remove", "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.truncate", "os.utime", "os.link", "os.symlink", "os.rename", "shutil.copyfile", "shutil.copytree", "shutil.rmtree", "shutil.move", "os.chflags", "os.lchflags", "os.lchmod", "os.setxattr", "os.removexattr"}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class _Audit:
    def __init__(self):
        self.active = False
        self.out = ""
        self.allowed_reads: tuple[str, ...] = ()
        self.writes: list[str] = []
        self.reads: list[str] = []

    def __call__(self, event, args):
        if not self.active:
            return
        try:
            if event == "open":
                path, mode, flags = args
                if isinstance(path, int) or path is None:
                    return
                writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (mode is None and isinstance(flags, int) and flags & _WRITE_FLAGS)
                self._note(path, writing)
            elif event in _WRITE_EVENTS:
                for path in args[:2] if event in ("os.rename", "os.link", "os.symlink", "shutil.copyfile", "shutil.copytree", "shutil.move") else args[:1]:
                    if isinstance(path, (str, bytes, os.PathLike)):
                        self._note(_at_dir_fd(path, args[1] if event in ("os.remove", "os.rmdir") and len(args) > 1 else None), True)
        except Exception:  # never let the hook itself break the run
            pass

    def _note(self, path, writing):
        path = os.path.abspath(os.fsdecode(path))
        if writing:
            if "__pycache__" in path or path == self.out or path.startswith(self.out + os.sep):
                return
            cache = _cache_folder()
            if cache and path.startswith(os.path.abspath(cache) + os.sep):
                return  # the cache of derived data (layout/cache.py): its own, documented folder
            self.writes.append(path)
        elif not path.startswith(self.allowed_reads):
            self.reads.append(path)


def _cache_folder() -> str | None:
    from layout.cache import cache_dir

    return cache_dir()


def _at_dir_fd(path, dir_fd):
    """A path relative to an open folder (shutil.rmtree removes entries by `dir_fd`) made whole,
    so that it is not taken for a path under the working folder."""
    if isinstance(dir_fd, int) and dir_fd >= 0 and not os.path.isabs(os.fsdecode(path)):
        try:
            return os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), os.fsdecode(path))
        except OSError:
            pass
    return path


_AUDIT = _Audit()
_AUDIT_INSTALLED = False


def _install_audit() -> None:
    global _AUDIT_INSTALLED
    if not _AUDIT_INSTALLED:
        sys.addaudithook(_AUDIT)
        _AUDIT_INSTALLED = True


def _allowed_reads(tree: Tree) -> tuple[str, ...]:
    roots = {tree.project, tree.out, os.path.join(installation(), "fonts"), os.path.join(installation(), "layout"), sys.prefix, sys.base_prefix, sys.exec_prefix, "/dev/urandom", "/usr/share/zoneinfo", "/etc/localtime"}
    roots.update(site.getsitepackages() if hasattr(site, "getsitepackages") else ())
    roots.add(os.path.expanduser("~/.reportlab_"))  # ReportLab looks for the user's settings
    roots.add(_cache_folder() or os.devnull)  # derived data the tool keeps (layout/cache.py)
    roots.update(os.path.dirname(os.path.realpath(path)) for path in (os.__file__,))
    expanded = set()
    for r in roots:
        expanded.add(os.path.abspath(r))
        expanded.add(os.path.realpath(r))
    return tuple(sorted(expanded))


# --- running -------------------------------------------------------------------------------------


def installation() -> str:
    """The folder holding the `layout` package under test (and its fonts/): normally ROOT."""
    import layout

    return os.path.dirname(os.path.dirname(os.path.abspath(layout.__file__)))


def _innermost(frames, prefer: str | None = None) -> str:
    """Where it happened: the innermost frame in the package, and the innermost overall."""
    prefer = prefer or os.path.join(installation(), "layout")
    frames = list(frames)
    if not frames:
        return "?"
    ours = [f for f in frames if f.filename.startswith(prefer)]
    last = frames[-1]
    text = f"{_short(last.filename)}:{last.lineno} ({last.name})"
    if ours and ours[-1] is not last:
        mine = ours[-1]
        text = f"{_short(mine.filename)}:{mine.lineno} ({mine.name}) -> " + text
    return text


def _hang_place(frames) -> str:
    """Where a run was when stopped, stable from run to run: the three outermost frames of the
    package below the command line and the pipeline (the innermost frame varies)."""
    package = os.path.join(installation(), "layout")
    ours = [f for f in frames if f.filename.startswith(package) and os.path.basename(f.filename) not in ("cli.py", "pipeline.py", "__main__.py")]
    if not ours:
        return _innermost(frames)
    return " > ".join(f"{_short(f.filename)} {f.name}" for f in ours[:3]) + f" (innermost {_short(ours[-1].filename)}:{ours[-1].lineno} {ours[-1].name})"


def _short(path: str) -> str:
    for base in sorted({ROOT, installation(), *sys.path}, key=len, reverse=True):
        if base and path.startswith(base + os.sep):
            return os.path.relpath(path, base)
    return path


@contextmanager
def alarm(seconds: float):
    def fire(signum, frame):
        stack = traceback.StackSummary.extract(traceback.walk_stack(frame), lookup_lines=False)
        stack.reverse()
        raise Timeout(_hang_place(stack), stack)

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Outcome:
    mutant: Mutant
    exit_status: object = None  # int, or None when no SystemExit came
    seconds: float = 0.0
    stdout: str = ""
    stderr: str = ""
    failures: dict[str, list[str]] = field(default_factory=dict)
    signatures: dict[str, str] = field(default_factory=dict)
    traceback: str = ""
    reads_outside: list[str] = field(default_factory=list)

    def fail(self, kind: str, detail: str, signature: str | None = None) -> None:
        self.failures.setdefault(kind, []).append(detail)
        self.signatures.setdefault(kind, signature or detail)

    def describe(self) -> str:
        lines = [f"mutant: {self.mutant!r}", f"  ({self.mutant.summary()})", f"exit status: {self.exit_status!r} after {self.seconds:.1f} s"]
        for kind, details in self.failures.items():
            lines.append(f"{kind}:")
            lines.extend(f"  {d}" for d in details[:5])
        if self.stderr:
            lines.append("stderr (head): " + _clip(self.stderr, 1200))
        if self.traceback:
            lines.append("traceback (tail):\n" + self.traceback[-3000:])
        return "\n".join(lines)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + f"… [{len(text)} characters]"


def format_error(error: BaseException | None) -> str:
    if error is None:
        return ""
    if isinstance(error, Timeout):
        return "".join(traceback.format_list(error.stack[-12:]))
    return "".join(traceback.format_exception(error))


def invoke(args: list[str], timeout: float):
    """Run the CLI in-process. Returns (exit status, stdout, stderr, exception)."""
    from layout.cli import main

    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", errors="backslashreplace", write_through=True)
    saved = sys.stdout, sys.stderr
    status, error = None, None
    sys.stdout, sys.stderr = out, err
    try:
        with alarm(timeout):
            try:
                main.main(args=args, prog_name="layout", standalone_mode=True)
                status = 0
            except SystemExit as exit_:
                status = 0 if exit_.code is None else exit_.code
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - everything that escapes is a finding
        error = exc
    finally:
        for stream in (out, err):
            try:
                stream.flush()
            except Exception:
                pass
        sys.stdout, sys.stderr = saved
    decode = lambda b: b.getvalue().decode("utf-8", "replace")  # noqa: E731
    return status, decode(out_bytes), decode(err_bytes), error


def message_problems(stderr: str) -> list[str]:
    """What is wrong with the stderr of an exit-status-2 run, one entry a bad line."""
    lines = [line for line in stderr.split("\n") if line.strip()]
    if not lines:
        return ["exit status 2 without any message"]
    problems = []
    for line in lines:
        why = []
        bad = sorted({f"U+{ord(c):04X}" for c in line if unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp")})
        if bad:
            why.append("raw control characters " + " ".join(bad[:5]))
        if len(line) > MAX_MESSAGE:
            why.append(f"{len(line)} characters long")
        if not MESSAGE.fullmatch(line):
            why.append(_form_problem(line))
        if why:
            problems.append("; ".join(why) + ": " + _clip(ascii(line), 300))
    return problems


def _form_problem(line: str) -> str:
    if not line.startswith("error: "):
        return "not an 'error: ' line"
    if not re.match(r"error: .+?:[1-9][0-9]*:[1-9][0-9]*: ", line):
        return "no FILE:LINE:COLUMN"
    rest = re.sub(r"error: .+?:[1-9][0-9]*:[1-9][0-9]*: ", "", line, count=1)
    if not re.match(r"\S.*?: \S", rest):
        return "no FIELD"
    if "; " not in rest:
        return "no '; FIX'"
    return "not FIELD: PROBLEM; FIX"


def _message_signature(problem: str, stderr: str) -> str:
    """Groups bad messages by what is wrong and which message it is (values stripped)."""
    kind = re.sub(r"[0-9]+", "N", problem.split(": ", 1)[0])
    first = next((line for line in stderr.split("\n") if line.strip()), "")
    text = re.sub(r"^error: .+?:[0-9]+(:[0-9]+)?: ", "error: FILE:L:C: ", first)
    if not text.startswith("error: FILE:L:C: "):
        text = re.sub(r"^error: [^:]+: ", "error: FILE: ", text)
    text = re.sub(r"^(error: FILE:L:C: )[\w\-]+(\[[0-9]+\]|\.[\w\-]+)*(?: \([^)]*\))?: (?=\S)", r"\1FIELD: ", text)
    text = re.sub(r"'[^']*'|\"[^\"]*\"|«[^»]*»|\([^)]*\)", "…", text)
    text = re.sub(r"\bgot .*?(?=;|$)", "got …", text)
    text = re.sub(r"[0-9][0-9.,_]*", "N", text)
    return f"{kind} | {text[:90]}"


def _needles_in(text: str) -> list[str]:
    return [n for n in NEEDLES if n in text]


def _needles_in_file(path: str) -> list[str]:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return []
    found = {n for n in NEEDLES if n.encode("utf-8") in data or n.encode("utf-16-be") in data}
    if data.startswith(b"%PDF"):
        found |= _needles_in_pdf(data)
    return sorted(found)


def _needles_in_pdf(data: bytes) -> set[str]:
    found = set()
    try:
        import pikepdf

        with pikepdf.open(io.BytesIO(data)) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Stream):
                    try:
                        content = obj.read_bytes()
                    except Exception:
                        continue
                    found |= {n for n in NEEDLES if n.encode("utf-8") in content or n.encode("utf-16-be") in content}
    except Exception:
        pass
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        text = "".join(page.extract_text() or "" for page in reader.pages)
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
        found |= {n for n in NEEDLES if n in text}
    except Exception:
        pass
    return found


def run_mutant(mutant: Mutant, *, timeout: float = 20.0, keep: str | None = None) -> Outcome:
    """Run and judge one mutant. With `keep`, the temporary folder is made there and kept."""
    _install_audit()
    root = keep or tempfile.mkdtemp(prefix="layout-fuzz-")
    if keep:
        os.makedirs(root, exist_ok=True)
    outcome = Outcome(mutant)
    old_cwd = os.getcwd()
    try:
        tree = make_tree(root, mutant)
        before = listing(tree)
        _AUDIT.writes, _AUDIT.reads = [], []
        _AUDIT.out = tree.out
        _AUDIT.allowed_reads = _allowed_reads(tree)
        os.chdir(tree.cwd)
        started = time.perf_counter()
        _AUDIT.active = True
        try:
            status, stdout, stderr, error = invoke(tree.args(mutant), timeout)
        finally:
            _AUDIT.active = False
            outcome.seconds = time.perf_counter() - started
            os.chdir(old_cwd)
        outcome.exit_status, outcome.stdout, outcome.stderr, outcome.traceback = status, stdout, stderr, format_error(error)
        outcome.reads_outside = sorted(set(_AUDIT.reads))
        _judge(outcome, tree, before, error)
        if BAD_EXIT in outcome.failures and "LAYOUT_DEBUG=1" in outcome.stderr and not os.environ.get("LAYOUT_DEBUG"):
            _locate_internal_error(outcome, mutant, timeout)
    finally:
        os.chdir(old_cwd)
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    return outcome


def _locate_internal_error(outcome: Outcome, mutant: Mutant, timeout: float) -> None:
    """The CLI turned an exception into "internal error …" (exit status 3): run once more with
    LAYOUT_DEBUG=1, which lets it through, to learn where it was raised."""
    root = tempfile.mkdtemp(prefix="layout-fuzz-debug-")
    old_cwd = os.getcwd()
    os.environ["LAYOUT_DEBUG"] = "1"
    try:
        tree = make_tree(root, mutant)
        os.chdir(tree.cwd)
        _, _, _, error = invoke(tree.args(mutant), timeout)
    finally:
        del os.environ["LAYOUT_DEBUG"]
        os.chdir(old_cwd)
        shutil.rmtree(root, ignore_errors=True)
    if error is not None and not isinstance(error, Timeout):
        where = _innermost(traceback.extract_tb(error.__traceback__))
        outcome.signatures[BAD_EXIT] = f"exit status {outcome.exit_status!r}: internal error {type(error).__name__} at {where}"
        outcome.failures[BAD_EXIT].append(f"with LAYOUT_DEBUG=1: {type(error).__name__}: {_clip(str(error), 200)} at {where}")
        outcome.traceback = format_error(error)


def _judge(outcome: Outcome, tree: Tree, before: dict, error: BaseException | None) -> None:
    status, stdout, stderr = outcome.exit_status, outcome.stdout, outcome.stderr
    if isinstance(error, Timeout):
        outcome.fail(HANG, f"still running after the time bound, at {error.where}", error.where.split(" (innermost")[0])
    elif isinstance(error, MemoryError):
        outcome.fail(MEMORY, f"MemoryError: {_innermost(traceback.extract_tb(error.__traceback__))}", _innermost(traceback.extract_tb(error.__traceback__)))
    elif error is not None:
        where = _innermost(traceback.extract_tb(error.__traceback__))
        outcome.fail(TRACEBACK, f"{type(error).__name__}: {_clip(str(error), 200)} at {where}", f"{type(error).__name__} at {where}")
    if "Traceback" in stderr:
        outcome.fail(TRACEBACK, "'Traceback' on stderr: " + _clip(stderr[stderr.index("Traceback") :], 300), "Traceback printed on stderr")
    if error is None and status not in (0, 1, 2):
        first = next((line for line in stderr.split("\n") if line.strip()), "")
        outcome.fail(BAD_EXIT, f"exit status {status!r}: {_clip(first, 300)}", f"exit status {status!r}: {re.sub(r'[0-9]+', 'N', first.split(':')[0])[:60]}")
    if error is None and re.search(r"\bout of memory\b", stderr, re.IGNORECASE):
        outcome.fail(MEMORY, "the CLI reported running out of memory: " + _clip(stderr.strip(), 300), "reported 'out of memory'")
    if error is None and status == 2:
        for problem in message_problems(stderr):
            outcome.fail(BAD_MESSAGE, problem, _message_signature(problem, stderr))
    for name, text in (("stdout", stdout), ("stderr", stderr)):
        for needle in _needles_in(text):
            outcome.fail(LEAK, f"{needle!r} (from a file outside the project) on {name}", f"{needle} on {name}")
    after = listing(tree)
    changed = sorted(path for path in set(before) | set(after) if before.get(path) != after.get(path))
    for path in changed:
        outcome.fail(WROTE_OUTSIDE, f"{path} changed outside the output folder", f"wrote {path}")
    for path in sorted(set(_AUDIT.writes)):
        outcome.fail(WROTE_OUTSIDE, f"opened {path} for writing", f"wrote {os.path.relpath(path, tree.root) if path.startswith(tree.root) else path}")
    written = [os.path.join(folder, name) for folder, _, files in os.walk(tree.out) for name in files]
    written += [os.path.join(tree.root, path) for path in changed if os.path.isfile(os.path.join(tree.root, path))]
    for path in written:
        for needle in _needles_in_file(path):
            outcome.fail(LEAK, f"{needle!r} (from a file outside the project) in {os.path.relpath(path, tree.root)}", f"{needle} in a written {os.path.splitext(path)[1] or 'file'}")
