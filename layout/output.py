"""Writing results: every file of a build or none, never half a file, faults as one-line errors.

A build's files are first staged beside their targets as `.tmp-layout-*` files (written and
synced), then renamed over the targets one after another; if a rename fails, the targets already
replaced are put back from hard-linked backups. Page files of the same issue that the build no
longer makes are removed with the rest, so a folder never holds pages of two builds. Writers of
one folder take turns (an exclusive lock on the folder), so a temporary file found while holding
the lock was left by a writer that died (kill -9) and is removed.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import tempfile
from contextlib import contextmanager
from typing import Iterator, Mapping

from layout.load.errors import OutputError

TEMP_PREFIX = ".tmp-layout-"
# Temporary files of earlier versions of the tool (prefix `.tmp-`, our suffixes).
LEGACY_TEMP = re.compile(r"^\.tmp-[^/]*\.(pdf|json|png|xml|txt)$")
FILE_MODE = 0o644

_FIXES = {
    errno.ENOSPC: "free space on the disk, or choose another folder with -o",
    errno.EDQUOT: "free space within your disk quota, or choose another folder with -o",
    errno.EROFS: "the folder is on a read-only file system: choose another with -o",
    errno.EACCES: "you may not write there: choose another folder with -o, or change its permissions",
    errno.EPERM: "you may not write there: choose another folder with -o, or change its permissions",
    errno.ENOTDIR: "a file stands where a folder is needed: choose another folder with -o",
    errno.EEXIST: "a file stands where the folder should be: choose another folder with -o",
}


def output_error(path: str, action: str, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    return OutputError(path, f"cannot {action}: {reason.lower()}", _FIXES.get(exc.errno or 0, "check the folder and the disk, then run again"))


def write_atomically(target: str, data: bytes) -> None:
    """One file: written beside the target and renamed over it."""
    directory = os.path.dirname(os.path.abspath(target))
    publish(directory, {os.path.basename(target): data})


def publish(directory: str, files: Mapping[str, bytes], *, replaces: re.Pattern[str] | None = None) -> list[str]:
    """Write `files` (name → bytes) into `directory`, all or none. Files whose names match
    `replaces` and that are not among `files` are removed once the new ones are in place.
    Returns the paths written."""
    ensure_folder(directory)
    with _folder_lock(directory):
        remove_stale_temporaries(directory)
        staged = _stage(directory, files)
        targets = [os.path.join(directory, name) for name in files]
        _commit(staged, targets)
        if replaces is not None:
            for name in sorted(os.listdir(directory)):
                if replaces.fullmatch(name) and name not in files:
                    _remove(os.path.join(directory, name))
        _sync_folder(directory)
    return targets


def ensure_folder(directory: str) -> None:
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as exc:
        raise output_error(directory, "create the output folder", exc) from None
    if not os.path.isdir(directory):
        raise OutputError(directory, "is not a folder", "choose another folder with -o")


@contextmanager
def _folder_lock(directory: str) -> Iterator[None]:
    try:
        descriptor = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise output_error(directory, "open the output folder", exc) from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def remove_stale_temporaries(directory: str) -> None:
    """Temporary files that a killed writer left; called with the folder's lock held."""
    try:
        names = os.listdir(directory)
    except OSError as exc:
        raise output_error(directory, "read the output folder", exc) from None
    for name in names:
        if name.startswith(TEMP_PREFIX) or LEGACY_TEMP.match(name):
            _remove(os.path.join(directory, name))


def _stage(directory: str, files: Mapping[str, bytes]) -> list[str]:
    staged: list[str] = []
    try:
        for name, data in files.items():
            staged.append(_write_temporary(directory, name, data))
    except BaseException:
        for path in staged:
            _remove(path)
        raise
    return staged


def _write_temporary(directory: str, name: str, data: bytes) -> str:
    try:
        handle, temporary = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=os.path.splitext(name)[1], dir=directory)
    except OSError as exc:
        raise output_error(os.path.join(directory, name), "write", exc) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, FILE_MODE)
    except BaseException as exc:
        _remove(temporary)
        if isinstance(exc, OSError):
            raise output_error(os.path.join(directory, name), "write", exc) from None
        raise
    return temporary


def _commit(staged: list[str], targets: list[str]) -> None:
    """Rename each staged file over its target; on a failure, put every target back."""
    backups: dict[str, str | None] = {}
    done: list[str] = []
    try:
        for temporary, target in zip(staged, targets):
            backups[target] = _backup(target)
            os.replace(temporary, target)
            done.append(target)
    except BaseException as exc:
        for target in done:
            backup = backups.get(target)
            if backup is not None:
                os.replace(backup, target)
            else:
                _remove(target)
        for path in staged:
            _remove(path)
        for backup in backups.values():
            if backup is not None:
                _remove(backup)
        if isinstance(exc, OSError):
            failed = targets[len(done)] if len(done) < len(targets) else targets[-1]
            raise output_error(failed, "replace", exc) from None
        raise
    for backup in backups.values():
        if backup is not None:
            _remove(backup)


def _backup(target: str) -> str | None:
    """A hard link to the current target (cheap, same inode), or None if there is none."""
    if not os.path.exists(target):
        return None
    backup = os.path.join(os.path.dirname(target), f"{TEMP_PREFIX}backup-{os.path.basename(target)}")
    _remove(backup)
    try:
        os.link(target, backup)
    except OSError:
        return None  # a file system without hard links: the rename is still atomic per file
    return backup


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError:
        pass  # a file we cannot remove is left; the next build tries again


def _sync_folder(directory: str) -> None:
    """Make the renames durable (a power cut after the build keeps the new files)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
