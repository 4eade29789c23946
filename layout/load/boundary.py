"""The one rule for every file an input names: where it may lie, what it must be, how much is read.

- Files an issue names for its articles lie in the issue's own folder tree.
- The style sheet and the font manifest an issue names, and the ICC profiles a style sheet names,
  lie in the issue's project: the nearest folder at or above the issue that holds a `styles/`
  folder (the issue's own folder when none does), or in a folder the user allowed explicitly
  (`--allow-path`). Font files lie beside their manifest, or in an allowed folder.
- Paths are relative to the file that names them. Absolute paths, `~`, and symlinks whose
  target leaves the area are refused; so are folders, FIFOs, devices and sockets.
- A file is opened without following it into a FIFO's wait (O_NONBLOCK), checked to be a regular
  file on the open descriptor, and read only up to its limit.

Refusals never show the content of the refused file.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from layout.load.errors import InputError, quote
from layout.load.limits import FileLimit
from layout.model.spec import SourceRef

PROJECT_MARKER = "styles"  # the folder that marks a project's root


@dataclass(frozen=True)
class Area:
    """Folders (real paths) a file may be read from, and how a message names them."""

    name: str
    roots: tuple[str, ...]

    def holds(self, real_path: str) -> bool:
        return any(_inside(real_path, root) for root in self.roots)


@dataclass(frozen=True)
class Boundary:
    issue_tree: str  # real path of the issue's folder
    project: str  # real path of the project root
    allowed: tuple[str, ...] = ()  # real paths of folders allowed explicitly

    @classmethod
    def around(cls, path: str, allowed: tuple[str, ...] = ()) -> "Boundary":
        """The boundary of an input file given on the command line."""
        folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
        return cls(folder, project_root(folder), tuple(os.path.realpath(a) for a in allowed))

    @property
    def issue_area(self) -> Area:
        return Area(f"the issue's folder ({display_path(self.issue_tree)})", (self.issue_tree,))

    @property
    def project_area(self) -> Area:
        return Area(f"the project ({display_path(self.project)}) or a folder given with --allow-path", (self.project, *self.allowed))

    def beside(self, real_file: str) -> Area:
        """The folder tree of a file (a font manifest's fonts), plus the allowed folders."""
        folder = os.path.dirname(real_file)
        return Area(f"the folder of {display_path(real_file)} or a folder given with --allow-path", (folder, *self.allowed))


def project_root(folder: str) -> str:
    """The nearest folder at or above `folder` holding a `styles/` folder, else `folder` itself."""
    current = folder
    while True:
        if os.path.isdir(os.path.join(current, PROJECT_MARKER)):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return folder
        current = parent


def display_path(path: str) -> str:
    """A path as messages show it: relative to the working folder when that is shorter."""
    try:
        relative = os.path.relpath(path)
    except (ValueError, OSError):  # another drive, or the working folder is gone
        return path
    return relative if len(relative) < len(path) else path


@dataclass(frozen=True)
class Blame:
    """Where an error about a file is reported: at the value that named it, or the file itself."""

    file: str
    line: int
    column: int
    field: str

    @classmethod
    def at(cls, ref: SourceRef, field: str) -> "Blame":
        return cls(ref.file, ref.line, ref.column, field)

    @classmethod
    def whole(cls, shown: str, limit: FileLimit) -> "Blame":
        return cls(shown, 1, 1, limit.what)

    def error(self, problem: str, fix: str) -> InputError:
        return InputError(self.file, self.line, self.column, self.field, problem, fix)


def resolve_named(text: str, base: str, area: Area, blame: Blame, limit: FileLimit) -> str:
    """The real path of the file that `text` (relative to `base`) names, refused unless it is a
    regular file inside `area`."""
    shown = quote(text)
    if os.path.isabs(text) or text.startswith("~") or (os.altsep and text.startswith(os.altsep)):
        raise blame.error(f"{shown} is an absolute path", f"write the {limit.what}'s path relative to {display_path(blame.file)}")
    if "\x00" in text:
        raise blame.error(f"{shown} holds a NUL character", "write a plain relative path")
    real = os.path.realpath(os.path.join(base, text))
    if not area.holds(real):
        raise blame.error(f"{shown} leads outside {area.name}", f"keep the {limit.what} inside it")
    check_kind(real, blame, limit, shown)
    return real


def check_kind(path: str, blame: Blame, limit: FileLimit, shown: str) -> os.stat_result:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise blame.error(f"{limit.what} {shown} not found", "check the path (relative paths start at the file that names them)") from None
    except OSError as exc:
        raise blame.error(f"cannot look at {limit.what} {shown}: {exc.strerror}", "check the path and its permissions") from None
    _require_regular(info, blame, limit, shown)
    return info


def _require_regular(info: os.stat_result, blame: Blame, limit: FileLimit, shown: str) -> None:
    mode = info.st_mode
    if stat.S_ISREG(mode):
        if info.st_size > limit.max_bytes:
            raise blame.error(f"{limit.what} {shown} is {_size(info.st_size)}, over the limit of {_size(limit.max_bytes)}", "split it or shorten it")
        return
    kind = "a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file"
    raise blame.error(f"{limit.what} {shown} is {kind}, not a file", f"name the {limit.what} itself")


def read_bounded(path: str, limit: FileLimit, blame: Blame) -> bytes:
    """A regular file's bytes, at most `limit.max_bytes` of them; anything else is an input error."""
    shown = quote(display_path(path))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise blame.error(f"{limit.what} {shown} not found", "check the path") from None
    except IsADirectoryError:
        raise blame.error(f"{limit.what} {shown} is a folder, not a file", f"name the {limit.what} itself") from None
    except OSError as exc:
        raise blame.error(f"cannot open {limit.what} {shown}: {exc.strerror}", "check its permissions") from None
    try:
        _require_regular(os.fstat(descriptor), blame, limit, shown)
        chunks, total = [], 0
        while True:
            chunk = os.read(descriptor, min(1 << 20, limit.max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit.max_bytes:  # the file grew while we read it
                raise blame.error(f"{limit.what} {shown} is over the limit of {_size(limit.max_bytes)}", "split it or shorten it")
    except OSError as exc:
        raise blame.error(f"cannot read {limit.what} {shown}: {exc.strerror}", "check the file") from None
    finally:
        os.close(descriptor)
    return b"".join(chunks)


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:
        return False


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MiB" if count >= 1024 * 1024 else f"{count / 1024:.0f} KiB"
