"""Score the typography of body text in a PDF, from the PDF alone.

    python bench/score_pdf.py FILE.pdf [--json] [--limit N]

Reads the characters pdfplumber finds (position, advance, size) and knows nothing of the engine
that set them. Body text is the text at 9 pt (`--size`); other sizes are ignored, 9-pt bylines
and datelines are counted with the body. Exit status 0 with a report, 2 when the file cannot be
read (one line on standard error).

Definitions (the figures are only as good as these):

* Columns: 8 columns of 117 pt (13 × 9 pt) whose left edges are 126 pt apart. Their phase is
  the peak of `x0 mod 126` of where runs of text start on a baseline together with
  `x1 − 117 mod 126` of where they end (runs split at gaps of 0.9 em; every justified line
  starts and ends on its column's edges), or the phase of a grid centred on the
  page when that has at least half the peak's votes (a page of short lines); the grid is
  numbered from the left, centred on the page when that keeps every character inside it, else
  placed so that its first column holds the leftmost character. A character belongs to the column whose
  left edge is at or left of its x0 (0.75 pt tolerance): text spilling into the gutter stays
  in its column.
* Lines: characters on one baseline (the text matrix's y, within 0.3 pt) in one column. On a
  baseline, taken in drawing order, a new line starts where the drawing skips more than 8
  other characters, goes back left, or reaches a later column than the line's start at least
  0.9 em after the character before it; pieces of one column that do not overlap are joined
  (a line drawn in pieces), pieces that overlap stay apart (an overfull line running into the
  next column). Blanks (U+0020, U+00A0) drawn as characters are dropped: a gap is measured
  between visible characters.
* Full-width (justified) lines: the last character's right edge reaches the column's right
  edge within 1 pt. For a closing or pause mark at the end (，。）…), its ink edge (x0 +
  0.5 em) counts when its advance overhangs the edge (a line-end mark compressed to half width).
  A line is justified when it is full width, the last line of a paragraph included when it
  happens to fill the measure. Lines ending more than 1 pt beyond the edge are also counted as
  `overfull`; a line ending more than a column's pitch beyond it is text set across columns
  (a box's index line, the masthead's imprint) and is neither.
* Gaps: for adjacent characters of a line, next.x0 − this.x1, in em (÷ 9 pt), x1 being x0 plus
  the glyph's advance. A full-width mark carries its own blank half inside its advance, so a
  compressed mark (half an em taken off) shows a negative gap after it and an uncompressed one
  shows 0. Classes: `han-han` (Han or CJK punctuation on both sides; CJK punctuation is any
  East Asian wide or full-width character that is not a letter, U+3000 and the marks “”‘’—…
  when drawn an em wide), `han-latin` (a Han character beside a Latin letter, digit or ASCII
  mark, either order), `punct-latin` (CJK punctuation beside Latin), `space` (Latin beside
  Latin across a gap ≥ 0.15 em: a word space) and `word` (Latin beside Latin, gap < 0.15 em).
  "Extra over natural" subtracts 0 (han-han, word, punct-latin) or 0.25 em (han-latin, space).
  Each justified line gives, per class, its widest gap; the tables count lines by that widest
  gap: ≤ 0.125 em, ≤ 0.25 em, > 0.25 em.
* Kinsoku: a line starting with ，。、；：？！）」』】〉》”’ or , . ; : ? ! ) ] }, or ending with
  （「『【〈《“‘ ( [ {.
* ASCII , . ; : with a Han character on both sides (the line's text without blanks).
* Straight double quotes " with a Han character within 3 characters on either side (same text).
* Mixed bracket pairs: ( closed by ）, or （ closed by ), scanning in reading order (column by
  column, top to bottom) with a stack that is cleared at each paragraph's end (a line that is
  not full width), before an indented line, and where the text of a column breaks off (a gap of
  more than 1.6 line pitches: a headline, a rule). A paragraph that reaches the foot of its
  column's text block with a full-width line runs on into the next column's block that starts
  highest within the block's height.
* Doubled space at a Han–Latin boundary: a `han-latin` gap over 0.4 em, in any line.
* Ragged lines inside a paragraph: a line in the page's main body font (its most common font
  at 9 pt; bylines in another face are left out) that is not full width although the next line
  in reading order is not indented: a line that could not be justified. Only in runs of text
  (a chain of blocks in reading order) of which at least half the lines are full width: verse,
  lists and boxes are left out.
* 9-pt text outside the columns (running heads, the masthead's imprint, boxes, an ad's own
  text) is scored like the rest; it is rarely full width, but may count as `overfull` when it
  runs across a column's edge.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

EM = 9.0
BODY_SIZE = 9.0
MEASURE = 117.0
PITCH = 126.0
COLUMNS = 8
EDGE_TOLERANCE = 1.0
STREAM_SKIP = 8
SPACE_EM = 0.15
NATURAL = {"han-han": 0.0, "han-latin": 0.25, "punct-latin": 0.0, "space": 0.25, "word": 0.0}
CLASSES = ("han-han", "han-latin", "space", "word", "punct-latin")
CLASS_TITLES = {
    "han-han": "Han–Han (incl. CJK punctuation)",
    "han-latin": "Han–Latin, extra over 0.25 em",
    "space": "word space, extra over 0.25 em",
    "word": "inside a Latin word",
    "punct-latin": "CJK punctuation–Latin",
    "all": "all classes, extra over natural",
}
BUCKETS = (0.125, 0.25)

NO_LINE_START = set("，。、；：？！）」』】〉》”’,.;:?!)]}")
NO_LINE_END = set("（「『【〈《“‘([{")
CLOSING_MARKS = set("，。、；：？！）」』】〉》”’")
AMBIGUOUS_WIDE = set("“”‘’—…·–■□●○◆◇★☆※§")
OPEN_PARENS = {"(": "ascii", "（": "wide"}
CLOSE_PARENS = {")": "ascii", "）": "wide"}


class ScoreError(Exception):
    """The file cannot be read as a PDF."""


# --- characters ------------------------------------------------------------------------------

@dataclass
class Char:
    text: str
    x0: float
    x1: float
    y: float            # baseline, PDF user space (up)
    size: float
    index: int          # order in the content stream
    font: str = ""      # without the subset prefix

    @property
    def wide(self) -> bool:
        if unicodedata.east_asian_width(self.text) in ("W", "F"):
            return True
        return self.text in AMBIGUOUS_WIDE and (self.x1 - self.x0) >= 0.9 * self.size

    @property
    def han(self) -> bool:
        """A Han character (an ideograph, or any wide letter)."""
        return self.wide and unicodedata.category(self.text).startswith("L")

    @property
    def kind(self) -> str:
        """han | punct (CJK punctuation) | latin."""
        if self.wide:
            return "han" if self.han else "punct"
        return "latin"


def pair_class(a: Char, b: Char, gap_em: float) -> str:
    ka, kb = a.kind, b.kind
    if ka != "latin" and kb != "latin":
        return "han-han"
    if ka == "latin" and kb == "latin":
        return "space" if gap_em >= SPACE_EM else "word"
    other = ka if kb == "latin" else kb
    return "han-latin" if other == "han" else "punct-latin"


# --- lines -----------------------------------------------------------------------------------

@dataclass
class Line:
    page: int
    column: int           # 1-based
    y: float              # baseline
    chars: list[Char]
    left: float           # the column's left edge
    full: bool = False
    overfull: bool = False
    gaps: list[tuple[str, float]] = field(default_factory=list)   # (class, gap in em) per pair

    @property
    def right(self) -> float:
        return self.left + MEASURE

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def shown(self) -> str:
        """The text with a blank where a gap of 0.2 em or more is."""
        out = [self.chars[0].text] if self.chars else []
        for (cls, gap), char in zip(self.gaps, self.chars[1:]):
            out.append((" " if gap >= 0.2 else "") + char.text)
        return "".join(out)

    @property
    def font(self) -> str:
        """The font most of the line's characters are in."""
        return Counter(c.font for c in self.chars).most_common(1)[0][0] if self.chars else ""

    @property
    def indented(self) -> bool:
        return bool(self.chars) and self.chars[0].x0 >= self.left + 1.5 * EM

    def widest(self, cls: str) -> float | None:
        values = [gap - NATURAL[c] for c, gap in self.gaps if cls in ("all", c)]
        return max(values) if values else None

    def widest_pair(self) -> tuple[str, float, int] | None:
        """(class, extra over natural, index of the left char) of the widest gap."""
        best = None
        for i, (cls, gap) in enumerate(self.gaps):
            extra = gap - NATURAL[cls]
            if best is None or extra > best[1]:
                best = (cls, extra, i)
        return best


def read_chars(page) -> list[Char]:
    out = []
    for i, c in enumerate(page.chars):
        text = c.get("text") or ""
        if len(text) != 1:
            continue
        matrix = c.get("matrix") or (1, 0, 0, 1, c["x0"], page.height - c["bottom"])
        font = str(c.get("fontname") or "").split("+", 1)[-1]
        out.append(Char(text, float(c["x0"]), float(c["x1"]), float(matrix[5]), float(c["size"]), i, font))
    return out


def _end_edge(char: Char, right: float) -> float:
    """Where a line's last character ends: its advance, or for a closing mark whose advance
    overhangs the edge, its ink (the left half of the em)."""
    if char.text in CLOSING_MARKS and char.wide and char.x1 > right + EDGE_TOLERANCE:
        return min(char.x1, char.x0 + 0.5 * char.size)
    return char.x1


def column_origin(chars: list[Char], page_width: float) -> float:
    """The left edge of column 1 (see the module's docstring)."""
    # the starts and ends of runs of text on each baseline (split at gaps of 0.9 em or more)
    rows: dict[float, list[Char]] = defaultdict(list)
    for c in chars:
        rows[round(c.y, 1)].append(c)
    starts: list[Char] = []
    ends: list[Char] = []
    for row in rows.values():
        row.sort(key=lambda c: c.x0)
        for prev, c in zip([None] + row[:-1], row):
            if prev is None or c.x0 - prev.x1 >= 0.9 * EM:
                starts.append(c)
                if prev is not None:
                    ends.append(prev)
        ends.append(row[-1])
    size = round(PITCH * 4)                   # votes in quarter points
    votes: Counter = Counter()
    for c in starts:
        votes[round((c.x0 % PITCH) * 4) % size] += 1
    for c in ends:
        votes[round(((c.x1 - MEASURE) % PITCH) * 4) % size] += 1
    if not votes:
        return 0.0

    def score(k: int) -> int:                 # a peak may straddle two quarter points, or 0/126
        return votes[k % size] + votes[(k - 1) % size] + votes[(k + 1) % size]

    grid = COLUMNS * PITCH - (PITCH - MEASURE)
    best = max(votes, key=lambda k: (score(k), -k))
    page_phase = round((((page_width - grid) / 2) % PITCH) * 4) % size
    if score(page_phase) * 2 >= score(best):  # the page's own grid, when the text bears it out
        best = page_phase
    coarse = best / 4.0
    near = sorted(
        (c.x0 - coarse + PITCH / 2) % PITCH - PITCH / 2
        for c in starts
        if abs((c.x0 - coarse + PITCH / 2) % PITCH - PITCH / 2) <= 0.5
    )
    phase = coarse + (statistics.median(near) if near else 0.0)
    lo = min(c.x0 for c in chars)
    hi = max(c.x0 for c in chars)
    hang = 0.5 * EM + 0.75                    # a mark hung into the margin
    centred = phase + PITCH * round(((page_width - grid) / 2 - phase) / PITCH)
    if centred - hang <= lo and hi < centred + COLUMNS * PITCH:
        return centred
    return phase + PITCH * ((lo + hang - phase) // PITCH)


def build_lines(chars: list[Char], page_number: int, page_width: float, size: float = BODY_SIZE) -> list[Line]:
    body = [c for c in chars if abs(c.size - size) < 0.05 and (c.text == "\u3000" or not c.text.isspace())]
    if not body:
        return []
    origin = column_origin(body, page_width)

    def column_of(x: float) -> int:
        return int((x - origin + 0.5 * EM + 0.75) // PITCH)

    baselines: dict[float, list[Char]] = defaultdict(list)
    for c in sorted(body, key=lambda c: (-c.y, c.index)):
        key = next((y for y in reversed(list(baselines)[-3:]) if abs(y - c.y) <= 0.3), None)
        baselines[c.y if key is None else key].append(c)
    lines: list[Line] = []
    for y, row in baselines.items():
        # runs in drawing order: a line is drawn left to right in one go; a run ends where the
        # drawing skips other text (more than STREAM_SKIP characters), goes back left (another
        # line overprinting this one: an overfull line's spill) or jumps into a later column
        # across a gap of 0.9 em or more
        row.sort(key=lambda c: c.index)
        runs: list[list[Char]] = []
        for c in row:
            if runs:
                run, prev = runs[-1], runs[-1][-1]
                later = column_of(c.x0) > column_of(run[0].x0) and c.x0 - prev.x1 >= 0.9 * EM
                if not (c.index - prev.index > STREAM_SKIP or c.x0 < prev.x0 - 0.5 or later):
                    run.append(c)
                    continue
            runs.append([c])
        # runs of one column that do not overlap are one line drawn in pieces
        by_col: dict[int, list[list[Char]]] = defaultdict(list)
        for run in runs:
            run.sort(key=lambda c: (c.x0, c.index))
            col = column_of(run[0].x0)
            for other in by_col[col]:
                if run[0].x0 >= other[-1].x1 - 0.5 or run[-1].x1 <= other[0].x0 + 0.5:
                    other.extend(run)
                    other.sort(key=lambda c: (c.x0, c.index))
                    break
            else:
                by_col[col].append(run)
        for col, col_runs in by_col.items():
            for run in col_runs:
                lines.append(_line(run, page_number, col, y, origin))
    lines.sort(key=lambda ln: (ln.column, -ln.y, ln.chars[0].x0))
    return lines


def _line(chars: list[Char], page: int, col: int, y: float, origin: float) -> Line:
    left = origin + col * PITCH
    line = Line(page, col + 1, y, chars, left)
    end = _end_edge(chars[-1], line.right)
    spanning = end > line.right + PITCH       # set across columns (a box, the masthead): not column text
    line.full = not spanning and end >= line.right - EDGE_TOLERANCE
    line.overfull = not spanning and end > line.right + EDGE_TOLERANCE
    for a, b in itertools.pairwise(chars):
        gap = (b.x0 - a.x1) / EM
        line.gaps.append((pair_class(a, b, gap), gap))
    return line


# --- findings --------------------------------------------------------------------------------

def _item(line: Line, detail: str = "") -> dict:
    out = {"page": line.page, "column": line.column, "y": round(line.y, 2), "text": line.shown}
    if detail:
        out["detail"] = detail
    return out


def _is_han(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F") and unicodedata.category(ch).startswith("L")


def kinsoku(lines: list[Line]) -> list[dict]:
    out = []
    for ln in lines:
        if not ln.chars:
            continue
        first, last = ln.chars[0].text, ln.chars[-1].text
        if first in NO_LINE_START:
            out.append(_item(ln, f"starts with {first}"))
        if last in NO_LINE_END:
            out.append(_item(ln, f"ends with {last}"))
    return out


def ascii_between_han(lines: list[Line]) -> list[dict]:
    out = []
    for ln in lines:
        text = ln.text
        for i in range(1, len(text) - 1):
            if text[i] in ",.;:" and _is_han(text[i - 1]) and _is_han(text[i + 1]):
                out.append(_item(ln, f"{text[i - 1]}{text[i]}{text[i + 1]}"))
    return out


def straight_quotes(lines: list[Line]) -> list[dict]:
    out = []
    for ln in lines:
        text = ln.text
        for i, ch in enumerate(text):
            if ch == '"' and any(_is_han(x) for x in text[max(0, i - 3):i] + text[i + 1:i + 4]):
                out.append(_item(ln, text[max(0, i - 3):i + 4]))
    return out


def han_latin_doubled(lines: list[Line], limit_em: float = 0.4) -> list[dict]:
    out = []
    for ln in lines:
        for i, (cls, gap) in enumerate(ln.gaps):
            if cls == "han-latin" and gap > limit_em:
                out.append(_item(ln, f"{ln.chars[i].text}|{ln.chars[i + 1].text} {gap:.2f} em"))
    return out


def reading_order(lines: list[Line]) -> list[list[Line]]:
    """Chains of lines in reading order: each column's lines cut into blocks where the text
    breaks off, a block that ends full width run on into the next column's block."""
    if not lines:
        return []
    by_col: dict[int, list[Line]] = defaultdict(list)
    for ln in lines:
        by_col[ln.column].append(ln)
    diffs = Counter()
    for col in by_col.values():
        col.sort(key=lambda ln: -ln.y)
        for a, b in itertools.pairwise(col):
            diffs[round(a.y - b.y, 1)] += 1
    pitch = max(diffs, key=lambda d: (diffs[d], -d)) if diffs else 13.5
    pitch = pitch if pitch > 0 else 13.5
    blocks: dict[int, list[list[Line]]] = {}
    for c, col in by_col.items():
        cut: list[list[Line]] = [[col[0]]]
        for a, b in itertools.pairwise(col):
            if a.y - b.y > 1.6 * pitch:
                cut.append([])
            cut[-1].append(b)
        blocks[c] = cut
    following: dict[int, list[Line]] = {}
    targets: set[int] = set()
    for c in sorted(blocks):
        for block in blocks[c]:
            if not block[-1].full:
                continue
            top, bottom = block[0].y + 0.5 * pitch, block[-1].y
            candidates = [b for b in blocks.get(c + 1, []) if bottom <= b[0].y <= top and id(b) not in targets]
            if candidates:
                nxt = max(candidates, key=lambda b: b[0].y)
                following[id(block)] = nxt
                targets.add(id(nxt))
    chains = []
    for c in sorted(blocks):
        for block in blocks[c]:
            if id(block) in targets:
                continue
            chain = []
            b = block
            while b is not None:
                chain.extend(b)
                b = following.get(id(b))
            chains.append(chain)
    return chains


def ragged_inside(lines: list[Line]) -> list[dict]:
    """Lines of the body font that stop short of the edge while their paragraph goes on (the
    next line in reading order is not indented): lines the composer could not justify."""
    fonts = Counter(c.font for ln in lines for c in ln.chars)
    body_font = fonts.most_common(1)[0][0] if fonts else ""
    out = []
    for chain in reading_order(lines):
        if sum(1 for ln in chain if ln.full) * 2 < len(chain):
            continue                          # verse, a list, a box: not justified text
        for ln, nxt in itertools.pairwise(chain):
            if not ln.full and not nxt.indented and ln.font == body_font and nxt.font == body_font:
                end = _end_edge(ln.chars[-1], ln.right)
                out.append(_item(ln, f"short by {(ln.right - end) / EM:.2f} em"))
    return out


def mixed_brackets(lines: list[Line]) -> list[dict]:
    out = []
    for chain in reading_order(lines):
        stack: list[tuple[str, Line, int]] = []
        for ln in chain:
            if ln.indented:
                stack.clear()
            for i, ch in enumerate(ln.text):
                if ch in OPEN_PARENS:
                    stack.append((ch, ln, i))
                elif ch in CLOSE_PARENS and stack:
                    opened, at_line, at = stack.pop()
                    if OPEN_PARENS[opened] != CLOSE_PARENS[ch]:
                        if at_line is ln:
                            snippet = ln.text[at:i + 1]
                        else:
                            snippet = at_line.text[at:] + "⏎" + ln.text[:i + 1]
                        if len(snippet) > 40:
                            snippet = snippet[:18] + "…" + snippet[-18:]
                        out.append(_item(at_line, f"{opened}…{ch}: {snippet}"))
            if not ln.full:
                stack.clear()
    return out


# --- figures ---------------------------------------------------------------------------------

def gap_table(lines: list[Line]) -> dict:
    justified = [ln for ln in lines if ln.full and len(ln.chars) > 1]
    table = {}
    for cls in CLASSES + ("all",):
        widest = [w for w in (ln.widest(cls) for ln in justified) if w is not None]
        n = len(widest)
        low = sum(1 for w in widest if w <= BUCKETS[0] + 1e-9)
        mid = sum(1 for w in widest if BUCKETS[0] + 1e-9 < w <= BUCKETS[1] + 1e-9)
        high = n - low - mid
        def pct(k: int, n: int = n) -> float:
            return round(100.0 * k / n, 1) if n else 0.0
        table[cls] = {
            "lines": n,
            "le_0125": low, "le_0125_pct": pct(low),
            "le_025": mid, "le_025_pct": pct(mid),
            "gt_025": high, "gt_025_pct": pct(high),
            "max": round(max(widest), 3) if widest else None,
            "median": round(statistics.median(widest), 3) if widest else None,
        }
    return table


def worst_lines(lines: list[Line], count: int = 10) -> list[dict]:
    scored = []
    for ln in lines:
        if not ln.full or len(ln.chars) < 2:
            continue
        cls, extra, i = ln.widest_pair()
        scored.append((extra, ln, cls, i))
    scored.sort(key=lambda t: (-t[0], t[1].page, t[1].column, -t[1].y))
    return [
        {**_item(ln), "class": cls, "extra_em": round(extra, 3), "pair": ln.chars[i].text + ln.chars[i + 1].text}
        for extra, ln, cls, i in scored[:count]
    ]


def findings(lines: list[Line]) -> dict[str, list[dict]]:
    """The listed findings of one page's lines."""
    return {
        "kinsoku": kinsoku(lines),
        "ascii_punct_between_han": ascii_between_han(lines),
        "straight_quotes_chinese": straight_quotes(lines),
        "mixed_brackets": mixed_brackets(lines),
        "han_latin_doubled_space": han_latin_doubled(lines),
        "ragged_inside_paragraph": ragged_inside(lines),
    }


def figures(lines: list[Line], found: dict[str, list[dict]], worst: int = 10) -> dict:
    """The figures of some lines (a page's or all pages') and their findings."""
    return {
        "lines": len(lines),
        "justified_lines": sum(1 for ln in lines if ln.full),
        "overfull_lines": sum(1 for ln in lines if ln.overfull),
        "gaps": gap_table(lines),
        "worst_lines": worst_lines(lines, worst),
        **{name: {"count": len(items), "items": items} for name, items in found.items()},
    }


FINDINGS = (
    ("kinsoku", "kinsoku (line start/end)"),
    ("ascii_punct_between_han", "ASCII , . ; : between Han"),
    ("straight_quotes_chinese", 'straight " in Chinese'),
    ("mixed_brackets", "mixed bracket pairs"),
    ("han_latin_doubled_space", "Han–Latin gap > 0.4 em"),
    ("ragged_inside_paragraph", "ragged line inside a paragraph"),
)


def score_pdf(path: str, size: float = BODY_SIZE, worst: int = 10) -> dict:
    """The scores of a PDF as a JSON-ready mapping: `pages` (one per page) and `total`."""
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - a test dependency of the project
        raise ScoreError(f"pdfplumber is not installed ({exc})") from exc
    try:
        pdf = pdfplumber.open(path)
    except FileNotFoundError:
        raise ScoreError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ScoreError(f"{path}: is a folder") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for a file that is not a PDF
        raise ScoreError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})".strip()) from None
    try:
        with pdf:
            all_lines: list[Line] = []
            all_found: dict[str, list[dict]] = defaultdict(list)
            pages = []
            for number, page in enumerate(pdf.pages, start=1):
                lines = build_lines(read_chars(page), number, float(page.width), size)
                found = findings(lines)       # reading order is a page's: findings per page
                all_lines.extend(lines)
                for name, items in found.items():
                    all_found[name].extend(items)
                pages.append({"page": number, **figures(lines, found, worst)})
    except ScoreError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged page fails while it is read
        raise ScoreError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})") from None
    total = figures(all_lines, dict(all_found) if all_lines else findings([]), worst)
    return {"file": path, "body_size_pt": size, "pages": pages, "total": total}


# --- report ----------------------------------------------------------------------------------

def gap_rows(gaps: dict) -> list[str]:
    rows = [f"  {'widest gap per justified line (em)':<36} {'lines':>6} {'≤0.125':>14} {'≤0.25':>14} {'>0.25':>14} {'max':>6} {'median':>7}"]
    for cls in CLASSES + ("all",):
        g = gaps[cls]

        def cell(k: str, g: dict = g) -> str:
            return f"{g[k]:>6} {g[k + '_pct']:>5.1f} %"

        def fmt(v: float | None) -> str:
            return "—" if v is None else f"{v:.3f}"
        rows.append(f"  {CLASS_TITLES[cls]:<36} {g['lines']:>6} {cell('le_0125'):>14} {cell('le_025'):>14} {cell('gt_025'):>14} {fmt(g['max']):>6} {fmt(g['median']):>7}")
    return rows


def format_report(result: dict, limit: int = 20) -> str:
    total = result["total"]
    out = [
        (f"{result['file']}: {len(result['pages'])} page(s), {total['lines']} lines of {result['body_size_pt']:g}-pt text, "
         f"{total['justified_lines']} full width (justified), {total['overfull_lines']} overfull"),
        "",
        *gap_rows(total["gaps"]),
        "",
        "  findings: " + ", ".join(f"{title} {total[key]['count']}" for key, title in FINDINGS),
        "",
        f"  {'page':>4} {'lines':>6} {'justif.':>7} {'HH≤.125':>8} {'all>.25':>8} {'max':>6} {'kinsoku':>7} {'ascii':>6} {'quote':>6} {'mixed':>6} {'HL>.4':>6}",
    ]
    for p in result["pages"]:
        hh, al = p["gaps"]["han-han"], p["gaps"]["all"]
        out.append(
            f"  {p['page']:>4} {p['lines']:>6} {p['justified_lines']:>7} {hh['le_0125_pct']:>7.1f}% {al['gt_025_pct']:>7.1f}% "
            f"{(al['max'] if al['max'] is not None else 0):>6.2f} {p['kinsoku']['count']:>7} {p['ascii_punct_between_han']['count']:>6} "
            f"{p['straight_quotes_chinese']['count']:>6} {p['mixed_brackets']['count']:>6} {p['han_latin_doubled_space']['count']:>6}"
        )
    out += ["", "  worst justified lines (widest gap over natural):"]
    for w in total["worst_lines"]:
        out.append(f"    p{w['page']} col {w['column']} y {w['y']:.1f}: {w['extra_em']:+.2f} em {w['class']} «{w['pair']}»  {w['text']}")
    for key, title in FINDINGS:
        items = total[key]["items"]
        if not items:
            continue
        out += ["", f"  {title}: {len(items)}"]
        for it in items[:limit]:
            out.append(f"    p{it['page']} col {it['column']} y {it['y']:.1f}: {it.get('detail', '')}  «{it['text']}»")
        if len(items) > limit:
            out.append(f"    … and {len(items) - limit} more")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="score_pdf.py", description="Score the typography of 9-pt body text in a PDF.")
    parser.add_argument("pdf", help="the PDF to score")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--limit", type=int, default=20, help="items listed per finding in the text report (default 20)")
    args = parser.parse_args(argv)
    try:
        result = score_pdf(args.pdf)
    except ScoreError as exc:
        print(f"score_pdf: {exc}", file=sys.stderr)
        return 2
    try:
        if args.json:
            print(json.dumps(result, ensure_ascii=False, indent=1))
        else:
            print(format_report(result, args.limit))
    except BrokenPipeError:          # `| head`
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
