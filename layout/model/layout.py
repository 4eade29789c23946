"""The layout result: plain data that the check, the print renderer and the proof all read.

Coordinates are integer milli-points from the trim box's top-left corner, y growing downwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from layout.model.spec import GridRect


class Glyph(NamedTuple):
    """One character drawn at `x` (its origin, relative to the start of its line).

    A named tuple, not a dataclass: composition makes a million of them a second (one per
    character of every line it sets), and a tuple is made three times as fast."""

    char: str
    font: str  # font role
    size: int  # mpt
    colour: str
    x: int
    fallback: bool = False  # the style's own face lacks this glyph (or draws the mark too narrow)

    def moved(self, dx: int) -> "Glyph":
        char, font, size, colour, x, fallback = self
        return _make_tuple(Glyph, (char, font, size, colour, x + dx, fallback))


_make_tuple = tuple.__new__


@dataclass(frozen=True)
class ComposedLine:
    """A composed line before placement."""

    glyphs: tuple[Glyph, ...]
    width: int  # from the line start to the end of the last glyph's box
    last: bool  # last line of its paragraph
    emergency: str | None = None  # why the line could not be set within the rules
    widest_gap: float = 0.0  # em: the most a justified line opened one gap (0 for a line set at its natural width)

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)


@dataclass(frozen=True)
class ComposedParagraph:
    text: str  # the normalised text that was composed
    lines: tuple[ComposedLine, ...]


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height


@dataclass(frozen=True)
class GlyphRun:
    """Consecutive glyphs of one font, size and colour on one baseline (absolute coordinates)."""

    font: str
    size: int
    colour: str
    baseline: int
    text: str
    xs: tuple[int, ...]  # origin of each character
    fallback: bool = False  # taken from another face than the style's
    scale: float = 1.0  # horizontal scale of the glyphs (a masthead title condensed to 长体); xs already say where they go


@dataclass(frozen=True)
class PlacedLine:
    kind: str  # body, byline, headline, kicker, subhead, masthead, box, label, cross_reference
    box: Rect  # the line's em box across its measure
    runs: tuple[GlyphRun, ...]
    article: str | None = None
    paragraph: int | None = None  # 1-based, body lines only
    index: int | None = None  # 1-based line within its paragraph
    last: bool = False
    emergency: str | None = None
    widest_gap: float = 0.0  # em, as composed

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Rule:
    """A straight line (a column or module rule, a box edge)."""

    x1: int
    y1: int
    x2: int
    y2: int
    width: int
    colour: str


@dataclass(frozen=True)
class Fill:
    """A filled rectangle (a reversed label, a box title bar)."""

    rect: Rect
    colour: str


@dataclass(frozen=True)
class PlacedImage:
    """A photo on the page: its frame, the part of the picture shown there, and the resolution
    it prints at. Decided by placement from the loader's facts; the renderer only carries it out."""

    picture: str  # the picture's id
    frame: Rect  # the photo's frame (the caption hangs beneath it)
    drawn: Rect  # where the shown pixels land: the frame (cover) or the fitted box inside it (contain)
    crop: tuple[int, int, int, int]  # left, top, right, bottom of the shown part, upright source pixels
    file: str
    shown: str  # the file as messages print it
    sha256: str
    mode: str  # gray | rgb | cmyk, as the file is
    ppi: float  # effective resolution at placed size: the lower of across and down
    source: str  # file:line:column of the picture in the issue file


@dataclass(frozen=True)
class PlacedAd:
    """An advertiser's PDF in its slot: placed at `scale`, centred; the slot's first line holds the label."""

    ad: str
    slot: Rect  # where the ad's page goes
    drawn: Rect  # the ad's page at its scale, centred in the slot
    scale: float
    file: str
    shown: str
    sha256: str
    box: tuple[float, float, float, float]  # the ad page's TrimBox (or MediaBox), pt in its own space
    size: str | None  # the standard size's name (通栏, 半通栏…), None for one given in grid units
    source: str


@dataclass(frozen=True)
class Copyfit:
    """How an article fits its module: the figures an editor cuts or fills by."""

    article: str
    page: int
    module: GridRect
    lines_available: int  # body lines the module offers (all columns)
    lines_used: int  # body lines the text needs
    chars_over: int  # characters that did not fit (0 when it fits)
    chars_per_line: int
    headline_lines: int  # lines of kicker, headline and subhead (of the jump title, for a continuation)
    headline_fits: bool  # every headline line within the module, as the editor broke it
    part: int = 1  # which module of the story (1 of 1 for a story in one module)
    parts: int = 1
    picture_lines: int = 0  # body lines of the module's columns that its pictures and captions take
    rows_short: int = 0  # lines between where the balanced columns end and the module's foot (a hole)
    end_line: int = 0  # the body line where the balanced columns end
    columns_short: tuple[int, ...] = ()  # per column: free lines between its last text line and its foot

    lines_over = property(lambda self: lines_over(self.lines_used, self.lines_available))
    lines_short = property(lambda self: lines_short(self.lines_used, self.lines_available))


def lines_over(used: int, available: int) -> int:
    return max(0, used - available)


def lines_short(used: int, available: int) -> int:
    return max(0, available - used)


@dataclass(frozen=True)
class Frame:
    """A module on the page: the masthead, a box or an article."""

    kind: str
    ref: str
    rect: Rect
    lines: tuple[PlacedLine, ...]
    rules: tuple[Rule, ...] = ()
    fills: tuple[Fill, ...] = ()
    overflow: tuple[ComposedLine, ...] = ()  # composed lines that found no room, kept as data
    part: int = 1  # a story's module: which part, of how many (the text runs on from one to the next)
    parts: int = 1
    continued_from: int | None = None  # the page of the part before (上接第N版)
    continues_on: int | None = None  # the page of the part after (下转第N版)
    images: tuple[PlacedImage, ...] = ()
    ad: PlacedAd | None = None


@dataclass(frozen=True)
class PageLayout:
    number: int
    trim_width: int
    trim_height: int
    bleed: int
    frames: tuple[Frame, ...]
    rules: tuple[Rule, ...]  # rules between modules

    def frame(self, ref: str) -> Frame:
        for frame in self.frames:
            if frame.ref == ref:
                return frame
        raise KeyError(ref)


@dataclass(frozen=True)
class IssueLayout:
    source: str  # the issue file
    pages: tuple[PageLayout, ...]
    copyfit: tuple[Copyfit, ...]
    plans: tuple["PagePlan", ...] = ()  # the pages the planner placed (`stories:`)


@dataclass(frozen=True)
class PlannedModule:
    article: str
    priority: int  # 1: the lead
    rect: GridRect
    variant: str  # the shape chosen: "5 col × 36 lines · 64 pt", or "pinned"
    head_space: int = 0  # white lines the planner added around the headline block
    picture_span: int | None = None  # the columns the planner gave the story's pictures (None: as given)


@dataclass(frozen=True)
class Shortfall:
    """Why a page's stories cannot all be placed, and the nearest change that would let them."""

    article: str
    problem: str
    advice: str


@dataclass(frozen=True)
class PagePlan:
    """What the planner did for a page: the modules it chose and each term of their score, or
    why it could not place them (then `modules` is empty and the stories stay unplaced)."""

    page: int
    modules: tuple[PlannedModule, ...]  # priority order
    terms: tuple[tuple[str, int], ...]  # (term, value), in the desk's order of importance
    score: int  # the weighted sum the solver minimises
    solver: str  # kept | constructive | cp-sat optimal | cp-sat feasible | none
    measure_seconds: float  # composing each story at every shape it may take
    search_seconds: float  # the constructive search and the solver
    variants: int  # candidate shapes measured for the page's stories
    shortfalls: tuple[Shortfall, ...] = ()

    @property
    def placed(self) -> bool:
        return not self.shortfalls
