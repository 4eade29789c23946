"""Input errors: one line naming the file, line and column, the field, what is wrong and what to do.

Values from the input are never printed raw: `quote` escapes control characters and cuts long
values, and `format` escapes whatever still could break the line, so a hostile value can neither
split a message over lines nor make it a megabyte long.
"""

from __future__ import annotations

import difflib
import unicodedata
from typing import Iterable

QUOTE_LIMIT = 60  # characters of a value shown in a message
FIELD_LIMIT = 80  # characters of a field path
PROBLEM_LIMIT = 220  # characters of what is wrong (values inside are already cut)
FIX_LIMIT = 140  # characters of what to do

# Categories that must not reach a terminal raw: controls, surrogates, line and paragraph separators.
_UNPRINTABLE = {"Cc", "Cs", "Zl", "Zp"}


def escape_char(char: str) -> str:
    code = ord(char)
    if char in "\t\n\r":
        return {"\t": "\\t", "\n": "\\n", "\r": "\\r"}[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """The text with every character that could break a one-line message escaped."""
    if text.isprintable():
        return text
    return "".join(escape_char(c) if unicodedata.category(c) in _UNPRINTABLE else c for c in text)


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A value as a message shows it: in quotes, escaped, cut at about `limit` characters of
    what is shown (an escaped control character counts as the four it takes)."""
    if not isinstance(value, str):
        return printable(cut(repr(value), limit))
    pieces = ["\\'" if c == "'" else escape_char(c) if unicodedata.category(c) in _UNPRINTABLE else c for c in value[: limit + 1]]
    if len(value) <= limit and sum(map(len, pieces)) <= limit:
        return "'" + "".join(pieces) + "'"
    shown, length = [], 0
    for piece in pieces:
        if length + len(piece) > limit - 1:
            break
        shown.append(piece)
        length += len(piece)
    return "'" + "".join(shown) + "…'"


def suggest(value: str, choices: Iterable[str], *, listing: int = 12) -> str:
    """'did you mean 'x'?' for a near miss, else the choices (the first `listing` of them)."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6) if len(value) <= 200 else []
    if close:
        return f"did you mean {quote(close[0])}?"
    if not options:
        return "none are defined"
    shown = ", ".join(options[:listing]) + (", …" if len(options) > listing else "")
    return f"use one of: {shown}"


class InputError(Exception):
    """Bad input. Carried to the command line, printed as one line, exit code 2.

    Every error has a position: the value at fault, or the place that named a faulty file, or
    1:1 when the problem is a file as a whole. `field` is the dotted path of the value (or the
    file's role, such as `issue file`); `fix` says what to do."""

    def __init__(self, file: str, line: int | None, column: int | None, field: str | None, problem: str, fix: str | None = None):
        self.file = file
        self.line = line if line is not None else 1
        self.column = column if column is not None else 1
        self.field = field
        self.problem = problem
        self.fix = fix
        super().__init__(self.format())

    def format(self) -> str:
        text = f"{printable(self.file)}:{self.line}:{self.column}: "
        if self.field:
            # a key of blanks, or with blanks at its ends, would vanish from the line: quoted
            shown = self.field if self.field == self.field.strip() else quote(self.field)
            text += f"{printable(cut(shown, FIELD_LIMIT))}: "
        text += printable(cut(self.problem, PROBLEM_LIMIT))
        text += f"; {printable(cut(self.fix or 'correct the input and run again', FIX_LIMIT))}"
        return text

    def to_json(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column, "field": self.field, "problem": self.problem, "fix": self.fix, "message": self.format()}


class OutputError(Exception):
    """The output cannot be written (read-only folder, full disk, missing permission): exit 2.

    Not an input error, so it has no line; it names the path and what to do."""

    def __init__(self, path: str, problem: str, fix: str):
        self.path = path
        self.problem = problem
        self.fix = fix
        super().__init__(self.format())

    def format(self) -> str:
        return f"{printable(self.path)}: {printable(self.problem)}; {printable(self.fix)}"
