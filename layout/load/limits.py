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
IMAGE_FILE = FileLimit("image", 200 * MIB)
AD_FILE = FileLimit("ad PDF", 100 * MIB)

# Images: a press photo has a few megapixels and a few bits a pixel once compressed. Past these,
# a file is a decompression bomb (far more pixels than bytes) or too large to hold decoded.
MAX_IMAGE_PIXELS = 100_000_000  # 400 MB decoded in CMYK; a 61-megapixel camera makes 61
BOMB_MIN_PIXELS = 16_000_000  # below this a flat graphic may compress as far as it likes
BOMB_PIXELS_PER_BYTE = 100  # a photo keeps 1–10 pixels a byte; a bomb thousands
MAX_PICTURES = 1_000
MAX_ADS = 500

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
# stories a page may list for the planner: each is measured at every span, and the solver's
# model grows with their pairs (a broadsheet page holds a dozen)
MAX_STORIES_PER_PAGE = 30
# white lines the planner may open around a headline to fill a module to the line
MAX_HEAD_SPACE = 2
MAX_SERIAL_NUMBER = 10**7
