"""How much input the tool accepts: beyond these, a file is refused up front, never worked through.

Each limit is well past what a newspaper prints (a broadsheet page holds about 11,000 字) and is
named in the message that refuses it. The README lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class FileLimit:
    what: str  # how messages name the file
    max_bytes: int


ISSUE_FILE = FileLimit("issue file", 8 * MIB)
STYLE_FILE = FileLimit("style sheet", 1 * MIB)
FONT_MANIFEST = FileLimit("font manifest", 1 * MIB)
BODY_FILE = FileLimit("article body file", 1 * MIB)
SNAPSHOT_FILE = FileLimit("layout snapshot", 64 * MIB)
ICC_FILE = FileLimit("ICC profile", 16 * MIB)
FONT_FILE = FileLimit("font file", 64 * MIB)
PDF_FILE = FileLimit("PDF", 1024 * MIB)

# YAML structure: checked while the file is composed, before any value is converted.
MAX_DEPTH = 32  # nesting of mappings and lists (an issue file needs 5)
MAX_NODES = 250_000  # values after aliases are expanded (an alias bomb stops here)
MAX_KEY_CHARS = 100

# Text.
MAX_BODY_CHARS = 200_000  # one article's body: about 18 broadsheet pages of text
MAX_ISSUE_BODY_CHARS = 3_000_000  # all bodies of an issue: 200 pages of solid text
MAX_LINE_CHARS = 500  # a headline, kicker, subhead, byline, box line or masthead field
MAX_NAME_CHARS = 100  # ids, style, colour and font names

# Counts.
MAX_PAGES = 200
MAX_ARTICLES = 5_000
MAX_BOXES = 1_000
MAX_PLACEMENTS_PER_PAGE = 500
MAX_SERIAL_NUMBER = 10**7
