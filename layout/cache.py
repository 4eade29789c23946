"""A small on-disk cache of data derived from a file the project pins (a face's metrics, the
segmenter's lexicon), so that every process does not derive it again.

An entry is named by what it holds, the format's version and the sha256 of the file it comes
from: a changed font or dictionary gets a new entry, an old one is never read for it. Each entry
carries the sha256 of its own payload, so a truncated or damaged file is rebuilt, never trusted.
It is written once, atomically (a temporary file renamed into place), by the first process that
needs it; a folder that cannot be written is no error, the data is then derived each time.

The folder is $LAYOUT_CACHE_DIR (empty or `off`: no cache), else $XDG_CACHE_HOME/layout, else
~/.cache/layout. Nothing in it is needed: deleting it costs one slower run.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from typing import Callable

MAGIC = b"layout-cache 1\n"


def cache_dir() -> str | None:
    """The folder entries live in, or None when caching is off."""
    chosen = os.environ.get("LAYOUT_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip() in ("", "off") else chosen
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "layout")


def cached(kind: str, version: int, key: str, build: Callable[[], bytes]) -> bytes:
    """The payload of entry (kind, version, key), built by `build` and stored when missing."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = os.path.join(folder, f"{kind}-v{version}-{key}.bin")
    payload = _read(path)
    if payload is not None:
        return payload
    payload = build()
    _write(folder, path, payload)
    return payload


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    head = len(MAGIC) + 65  # the magic, a hex sha256 and a newline
    if not data.startswith(MAGIC) or len(data) < head:
        return None
    payload = data[head:]
    return payload if hashlib.sha256(payload).hexdigest().encode("ascii") == data[len(MAGIC) : head - 1] else None


def _write(folder: str, path: str, payload: bytes) -> None:
    try:
        os.makedirs(folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".partial-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(MAGIC + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass  # a read-only home, a full disk: derive it again next time
