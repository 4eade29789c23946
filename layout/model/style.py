"""The resolved style sheet: page, grid, text styles and colours, all in integer milli-points."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

# Every element the page places has a named text style (the style sheet must define them all;
# it may define more, for articles to choose, e.g. a larger headline for the lead story).
TEXT_STYLE_NAMES = (
    "masthead_title",
    "english_title",
    "masthead_account",
    "date_line",
    "masthead_imprint",
    "kicker",
    "headline",
    "subhead",
    "byline",
    "dateline",
    "body",
    "section_label",
    "cross_reference",
    "box_title",
    "box_text",
    "index_line",  # a 导读 line: 标题……N版
    "running_title",  # 报眉 of an inside page: the paper's name
    "running_date",  # its date and weekday
    "running_page",  # 第N版, on the outer side
    "running_section",  # 版名, reversed on its bar
    "running_credits",  # 责任编辑 版式 校对
    "jump_line",  # （下转第N版） / （上接第N版）
    "jump_title",  # 接转题 over a continuation
    "verse_title",  # a poem's title and author in a verse article
    "caption",  # 图片说明 under a photo
    "credit",  # 本报记者 ××× 摄, after the caption
    "ad_label",  # 广告, by every ad
)

ALIGNMENTS = ("left", "center", "right", "justify")


@dataclass(frozen=True)
class CMYK:
    """Process colour, each channel 0–100 %."""

    c: float
    m: float
    y: float
    k: float

    @property
    def total_ink(self) -> float:
        return self.c + self.m + self.y + self.k

    def fractions(self) -> tuple[float, float, float, float]:
        return (self.c / 100, self.m / 100, self.y / 100, self.k / 100)


@dataclass(frozen=True)
class TextStyle:
    name: str
    font: str  # a font role from fonts/fonts.yaml
    size: int  # mpt
    colour: str  # a colour name from the style sheet
    align: str = "left"
    tracking: int = 0  # extra advance after each glyph, in 1/1000 em (negative tightens)
    min_tracking: int = 0  # how far headline fitting may tighten, in 1/1000 em (glyphs are never scaled)
    # headline elements: line pitch as a ratio of the size (None: each line on whole body lines),
    # space before and after the element in a headline block (mpt), text printed before it (——)
    leading: float | None = None
    space_before: int = 0
    space_after: int = 0
    prefix: str = ""


@dataclass(frozen=True)
class PageGeometry:
    trim_width: int
    trim_height: int
    bleed: int
    margin_top: int
    margin_bottom: int
    margin_left: int
    margin_right: int


@dataclass(frozen=True)
class Grid:
    """The column grid and the baseline grid of the type area, derived from the style sheet."""

    columns: int
    column_chars: int
    gutter_chars: int
    body_size: int  # mpt: one 字
    line_gap: int  # mpt between the em boxes of two body lines
    lines: int  # body lines in the type area
    left: int  # type area, mpt from the trim's top-left corner
    top: int

    @property
    def pitch(self) -> int:
        return self.body_size + self.line_gap

    @property
    def column_width(self) -> int:
        return self.column_chars * self.body_size

    @property
    def gutter(self) -> int:
        return self.gutter_chars * self.body_size

    @property
    def width(self) -> int:
        return self.columns * self.column_width + (self.columns - 1) * self.gutter

    @property
    def height(self) -> int:
        return self.lines * self.pitch - self.line_gap

    def column_x(self, column: int) -> int:
        """Left edge of a 1-based column."""
        return self.left + (column - 1) * (self.column_width + self.gutter)

    def span_width(self, span: int) -> int:
        return span * self.column_width + (span - 1) * self.gutter

    def line_top(self, line: int) -> int:
        """Top of the em box of a 1-based body line."""
        return self.top + (line - 1) * self.pitch


@dataclass(frozen=True)
class RuleStyle:
    width: int  # mpt
    colour: str


@dataclass(frozen=True)
class RunningHead:
    """The 报眉 across the top of an inside page's type area."""

    lines: int  # body lines it takes; modules of inside pages start below them
    rule: RuleStyle  # beneath it, across the type area
    section_fill: str  # colour of the bar the 版名 is reversed on


@dataclass(frozen=True)
class MastheadLayout:
    """How the composed masthead shares its height (`masthead:` in a style sheet)."""

    min_title_scale: float = 0.7  # a typeset title may be condensed to 长三 (70 %) to fill the height
    english_share: int = 8  # room kept under a typeset title for the English title: the title's size over this
    english_range: tuple[int, int] = (7, 12)  # the English title's size: the title's height over 12 to over 7


@dataclass(frozen=True)
class Normalization:
    """Each step of CJK-TYPOGRAPHY §3.7 step 1 as a switch (layout/text/normalize.py, README)."""

    join_lines: bool = True  # a source line break between Han characters vanishes
    fullwidth_alnum: bool = True  # ＡＢＣ１２３ → ABC123
    dashes: bool = True  # -- ―― ── beside Chinese text → —— (not --help)
    lone_dash: bool = False  # a lone — beside Chinese text → —— too (not a range F1—F6, 2019年—2022年)
    ellipses: bool = True  # ... … beside Chinese text → …… (not ../)
    brackets: bool = True  # ( ) [ ] as a matched pair in Chinese context → （ ）［ ］ (not make(1))
    quotes: bool = True  # "…" '…' in Chinese context → “…” ‘…’, paired in order (not echo "hi", don't)
    ascii_punctuation: bool = True  # , . : ; ? ! after or before Chinese text → ，。：；？！ (not 3.14, 12:30)
    spaces: bool = True  # spaces between Han and Latin, and beside Chinese punctuation, removed
    han_spaces: bool = False  # spaces between two Han characters of a body paragraph removed (headlines, bylines, boxes keep theirs)
    ideographic_indent: bool = True  # leading U+3000 replaced by the regular indent


@dataclass(frozen=True)
class Hyphenation:
    """Where English words in Chinese text may break with a hyphen (`composition: hyphenation:`).
    Only words of letters, lowercase or capitalised, are hyphenated: acronyms and words with
    capitals inside (GNOME, LikeThis), code, commands, paths, URLs and numbers never are, nor the
    words the desk lists in `never` (layout/text/hyphenate.py)."""

    language: str | None = None  # a pyphen dictionary (en_US); None: no hyphenation
    min_word: int = 6  # letters a word needs to be hyphenated at all
    left: int = 2  # letters kept before the hyphen
    right: int = 3  # letters carried to the next line
    penalty: int = 50  # the cost of a hyphenated break (TeX's \hyphenpenalty)
    never: frozenset[str] = frozenset()  # words kept whole


@dataclass(frozen=True)
class Composition:
    """Switches for the text composer (CJK-TYPOGRAPHY §1–§4)."""

    prohibition: str = "gb"  # basic | gb | strict
    punctuation: str = "quanjiao"  # quanjiao | kaiming | banjiao
    indent_chars: int = 2
    max_stretch_em: float = 0.25  # per gap, before a line is flagged loose
    han_latin_gap_em: float = 0.25
    runt_penalty: int = 5000
    normalize: Normalization = Normalization()
    hyphenation: Hyphenation = Hyphenation()
    # a space between Latin words (a quarter em) stretches by this much before any Han gap opens,
    # and shrinks by this much where a line is tight
    word_space_stretch_em: float = 0.125
    word_space_shrink_em: float = 0.0625
    # the last tier: where every gap of a line is at max_stretch_em and the line is still short,
    # the letters of its Latin words and numbers spread, each position by up to this much
    letter_stretch_em: float = 0.25


@dataclass(frozen=True)
class CheckSettings:
    """What `layout check` reports and what fails it (see layout/model/rules.py for the codes)."""

    fail_on: str = "error"  # error | warning: the least severe finding that fails a check
    underfull_lines: int = 3  # spare body lines in a module from which it counts as underfull
    min_type_size: int = 6000  # mpt
    loose_line_em: float = 0.125  # a justified body line opening a wider gap is a finding
    severities: Mapping[str, str] = field(default_factory=dict)  # rule code → error | warning | info | off

    def __post_init__(self) -> None:
        object.__setattr__(self, "severities", MappingProxyType(dict(self.severities)))

    def __hash__(self) -> int:
        return hash((self.fail_on, self.underfull_lines, self.min_type_size, self.loose_line_em, tuple(sorted(self.severities.items()))))


@dataclass(frozen=True)
class OutputCondition:
    """The PDF/X output intent: a characterised printing condition (CJK-TYPOGRAPHY §6)."""

    identifier: str  # e.g. IFRA26, registered in the ICC characterisation registry
    registry: str  # where the identifier is registered
    condition: str  # human-readable description
    info: str


@dataclass(frozen=True)
class OutputProfile:
    """What a PDF must be for its receiver: `press` (PDF/X, CMYK only) or `proof` (for editors)."""

    name: str
    pdfx: str  # x1a | x4 | none
    output_condition: OutputCondition | None
    icc_profile: str | None  # path of the output ICC profile (required for PDF/X-4)
    crop_marks: bool
    registration_marks: bool
    slug: bool
    marks_margin: int  # mpt of room outside the BleedBox for marks and slug
    allow_rgb: bool
    ink_limit: float  # total area coverage, %
    overprint_black: bool  # 100 % K text and rules overprint
    rich_black_min_size: int  # mpt: text below this may not be rich black
    spot_colours: str  # convert | refuse
    min_type_size: int  # mpt
    min_rule_width: int  # mpt
    min_image_ppi: int
    icc_data: bytes | None = None  # the profile's bytes, read and checked as ICC by the loader
    # RGB photos are converted to CMYK through this profile (the press's); None: RGB is refused
    convert_profile: str | None = None
    convert_data: bytes | None = None
    convert_intent: str = "perceptual"  # perceptual | relative (relative colorimetric, black point compensated)

    @property
    def has_marks(self) -> bool:
        return self.crop_marks or self.registration_marks or self.slug


@dataclass(frozen=True)
class HeadlineRank:
    """How large a story of this rank may be headlined: the sizes of the scale from `largest`
    down to `smallest`, in at most `max_lines` lines, in `font`; its kicker and subhead styles."""

    name: str
    largest: int  # mpt
    smallest: int
    max_lines: int
    font: str | None = None  # font role; None: the headline style's
    kicker: str = "kicker"  # text style names
    subhead: str = "subhead"
    min_span: int | None = None  # a story without a rank takes the one with the largest min_span its module reaches
    style: str = "headline"  # the text style the rank's sizes are applied to (leading, colour, tracking)


@dataclass(frozen=True)
class HeadlineScale:
    """The sizes a headline may take (largest first) and the ranks that choose among them."""

    sizes: tuple[int, ...] = ()
    ranks: Mapping[str, HeadlineRank] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ranks", MappingProxyType(dict(self.ranks)))

    def __hash__(self) -> int:
        return hash((self.sizes, tuple(self.ranks.items())))


@dataclass(frozen=True)
class PictureSettings:
    """How photos are judged and prepared for print. The error threshold is the output
    profile's min_image_ppi; below warn_ppi is a warning."""

    warn_ppi: int = 200
    target_ppi: int = 300  # what a photo is resampled to when it has far more
    downsample_above: int = 450  # effective ppi from which a photo is resampled
    jpeg_quality: int = 90


@dataclass(frozen=True)
class AdSize:
    """A standard ad size (通栏, 半通栏, 1/4版…) in grid units: columns and body lines, the
    line for the 广告 label included."""

    name: str
    span: int
    height: int


@dataclass(frozen=True)
class AdSettings:
    label: str = "广告"  # printed by every ad, as Chinese papers must
    size_tolerance: float = 1.0  # % an ad may differ from its slot and still go in at 100 %
    max_scale: float = 0.0  # % an ad may be scaled (uniformly) to fit its slot; 0: never
    sizes: Mapping[str, AdSize] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sizes", MappingProxyType(dict(self.sizes)))

    def __hash__(self) -> int:
        return hash((self.label, self.size_tolerance, self.max_scale, tuple(self.sizes.items())))


@dataclass(frozen=True)
class StyleSheet:
    path: str
    page: PageGeometry
    grid: Grid
    styles: Mapping[str, TextStyle]
    colours: Mapping[str, CMYK]
    module_rule: RuleStyle
    box_rule: RuleStyle
    masthead_rule: RuleStyle
    composition: Composition
    checks: CheckSettings = CheckSettings()
    profiles: Mapping[str, OutputProfile] = field(default_factory=dict)
    default_profile: str = "press"
    spot_names: Mapping[str, str] = field(default_factory=dict)  # colour → spot (separation) name
    running_head: RunningHead = RunningHead(3, RuleStyle(1000, "black"), "black")
    masthead: MastheadLayout = MastheadLayout()
    jobs: int | None = None  # processes that render pages side by side (None: one per core)
    inputs: tuple[str, ...] = ()  # the files read: the style sheet and the ICC profiles it names
    pictures: PictureSettings = PictureSettings()
    ads: AdSettings = AdSettings()
    headlines: HeadlineScale = HeadlineScale()

    def __post_init__(self) -> None:
        object.__setattr__(self, "styles", MappingProxyType(dict(self.styles)))
        object.__setattr__(self, "colours", MappingProxyType(dict(self.colours)))
        object.__setattr__(self, "profiles", MappingProxyType(dict(self.profiles)))
        object.__setattr__(self, "spot_names", MappingProxyType(dict(self.spot_names)))

    def style(self, name: str) -> TextStyle:
        return self.styles[name]

    def profile(self, name: str | None = None) -> OutputProfile:
        return self.profiles[name or self.default_profile]
