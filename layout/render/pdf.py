"""Print PDF of one page: TrimBox and BleedBox as configured, CMYK only, embedded subset fonts,
100 % K text and rules overprinting, optional marks and slug outside the BleedBox, and every glyph
at the position the layout gave it."""

from __future__ import annotations

import io
import os
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator, Mapping

from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from layout.model.layout import GlyphRun, PageLayout, PlacedAd, PlacedImage, Rule
from layout.model.style import CMYK, OutputProfile, PictureSettings
from layout.render.ads import ad_name, embed_ads
from layout.render.fonts import embedded_fonts
from layout.render.images import press_image
from layout.render.marks import draw_marks
from layout.units import to_pt

rl_config.useA85 = 0  # image streams binary, not ASCII85: a quarter smaller


@contextmanager
def _clock_from_inputs_only() -> Iterator[None]:
    """ReportLab stamps a document (its dates and the seed of its ID) with SOURCE_DATE_EPOCH when
    that is set, even in invariant mode; our dates come from the issue, so the environment must
    not change a byte. The variable is hidden while the canvas reads its clock."""
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved


@dataclass(frozen=True)
class PageMeta:
    title: str
    author: str
    subject: str
    slug: str  # the slug line's text (paper, date, page, content hash)


@dataclass(frozen=True)
class RenderContext:
    fonts: Mapping[str, str]  # role → ReportLab font name
    colours: Mapping[str, CMYK]
    profile: OutputProfile
    pictures: PictureSettings = PictureSettings()


def render_page_pdf(page: PageLayout, context: RenderContext, meta: PageMeta, *, panel: int = 0, overlay: Callable[[Canvas, "_Painter"], None] | None = None) -> bytes:
    """`panel` widens the MediaBox on the right (a proof's margin notes); `overlay` draws over
    the finished page in layout coordinates (a proof's grid, outlines and marks)."""
    return render_page(page, context, meta, panel=panel, overlay=overlay)[0]


def render_page(page: PageLayout, context: RenderContext, meta: PageMeta, *, panel: int = 0, overlay: Callable[[Canvas, "_Painter"], None] | None = None) -> tuple[bytes, dict[str, dict[int, str]]]:
    """The page's PDF and, per registered font name, the characters it drew (CID → character):
    the issue PDF gives each face one subset of all its pages' characters."""
    profile = context.profile
    bleed = page.bleed
    margin = profile.marks_margin if profile.has_marks else 0
    media_width = page.trim_width + 2 * (bleed + margin) + panel
    media_height = page.trim_height + 2 * (bleed + margin)
    buffer = io.BytesIO()
    initial_font = next(iter(context.fonts.values()))
    with _clock_from_inputs_only():
        canvas = Canvas(
            buffer,
            pagesize=(to_pt(media_width), to_pt(media_height)),
            invariant=1,  # byte-identical output for identical input
            initialFontName=initial_font,  # no stray unembedded Helvetica
            enforceColorSpace=None if profile.allow_rgb else "cmyk",
            pageCompression=1,
        )
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setCreator("layout")
    offset = margin + bleed  # the trim's corner within the MediaBox
    canvas.setTrimBox(_box(offset, offset, offset + page.trim_width, offset + page.trim_height))
    canvas.setBleedBox(_box(margin, margin, media_width - margin - panel, media_height - margin))
    painter = _Painter(canvas, context, page.trim_height + offset, offset)
    for frame in page.frames:
        for fill in frame.fills:
            painter.fill(fill.rect.x, fill.rect.y, fill.rect.width, fill.rect.height, fill.colour)
    ads: list[tuple[str, PlacedAd]] = []
    for frame in page.frames:
        for image in frame.images:
            painter.image(image)
        if frame.ad is not None:
            ads.append((ad_name(len(ads)), frame.ad))
            painter.ad(*ads[-1])
    for rule in page.rules:
        painter.rule(rule)
    for frame in page.frames:
        for rule in frame.rules:
            painter.rule(rule)
        for line in frame.lines:
            for run in line.runs:
                painter.text(run)
    if profile.has_marks:
        painter.overprint(False)
        draw_marks(canvas, page, profile, bleed, margin, meta.slug, context.fonts)
    if overlay is not None:
        painter.overprint(False)
        overlay(canvas, painter)
    canvas.showPage()
    canvas.save()
    used = {font.fontName: font.glyphs_used(canvas._doc) for font in embedded_fonts(context.fonts)}
    return (embed_ads(buffer.getvalue(), ads) if ads else buffer.getvalue()), used


def _box(x1: int, y1: int, x2: int, y2: int) -> tuple[float, float, float, float]:
    return (to_pt(x1), to_pt(y1), to_pt(x2), to_pt(y2))


def is_pure_black(colour: CMYK) -> bool:
    return colour.k >= 100 and colour.c == colour.m == colour.y == 0


class _Painter:
    """Layout coordinates (mpt, from the trim's top-left, y down) → PDF user space (pt, y up).

    Black (100 % K and nothing else) overprints when the profile says so: newsprint registration
    is poor, and knocking black text out of a tint would show white halos. Everything else
    (reversed white text included) knocks out."""

    def __init__(self, canvas: Canvas, context: RenderContext, top: int, left: int):
        self.canvas = canvas
        self.context = context
        self.top = top
        self.left = left
        self._overprinting = False

    def x(self, value: int) -> float:
        return to_pt(self.left + value)

    def y(self, value: int) -> float:
        return to_pt(self.top - value)

    def overprint(self, on: bool) -> None:
        if on != self._overprinting:
            self.canvas.setFillOverprint(on)
            self.canvas.setStrokeOverprint(on)
            self.canvas.setOverprintMask(on)
            self._overprinting = on

    def _colour(self, name: str, *, stroke: bool) -> None:
        colour = self.context.colours[name]
        self.overprint(self.context.profile.overprint_black and is_pure_black(colour))
        c, m, y, k = colour.fractions()
        if stroke:
            self.canvas.setStrokeColorCMYK(c, m, y, k)
        else:
            self.canvas.setFillColorCMYK(c, m, y, k)

    def fill(self, x: int, y: int, width: int, height: int, colour: str) -> None:
        self._colour(colour, stroke=False)
        self.canvas.rect(self.x(x), self.y(y + height), to_pt(width), to_pt(height), stroke=0, fill=1)

    def rule(self, rule: Rule) -> None:
        self._colour(rule.colour, stroke=True)
        self.canvas.setLineWidth(to_pt(rule.width))
        self.canvas.line(self.x(rule.x1), self.y(rule.y1), self.x(rule.x2), self.y(rule.y2))

    def image(self, placed: PlacedImage) -> None:
        """A photo, converted for the profile; photos knock out what is under them."""
        self.overprint(False)
        prepared = press_image(placed, self.context.profile, self.context.pictures)
        box = placed.drawn
        self.canvas.drawImage(ImageReader(io.BytesIO(prepared.data)), self.x(box.x), self.y(box.y + box.height), to_pt(box.width), to_pt(box.height))

    def ad(self, name: str, placed: PlacedAd) -> None:
        """Calls the ad's form by name (`embed_ads` adds it): its trim's lower-left corner at the
        drawn box's, at its scale, clipped to the slot."""
        self.overprint(False)
        slot, box, scale = placed.slot, placed.drawn, placed.scale
        x1, y1 = placed.box[0], placed.box[1]
        tx, ty = self.x(box.x) - scale * x1, self.y(box.y + box.height) - scale * y1
        clip = f"{_num(self.x(slot.x))} {_num(self.y(slot.y + slot.height))} {_num(to_pt(slot.width))} {_num(to_pt(slot.height))} re W n"
        self.canvas._code.append(f"q {clip} {_num(scale)} 0 0 {_num(scale)} {_num(tx)} {_num(ty)} cm /{name} Do Q")

    def text(self, run: GlyphRun) -> None:
        canvas = self.canvas
        name = self.context.fonts[run.font]
        font = pdfmetrics.getFont(name)
        size = to_pt(run.size)
        self._colour(run.colour, stroke=False)
        widths = font.face.charWidths
        default = font.face.defaultWidth
        scale = run.scale  # a condensed run: text space is squeezed across, so TJ units are too
        code = [f"BT {_num(scale)} 0 0 1 {_num(self.x(run.xs[0]))} {_num(self.y(run.baseline))} Tm"]
        current_subset = None
        pieces: list[str] = []
        for i, char in enumerate(run.text):
            ((subset, data),) = font.splitString(char, canvas._doc)
            if subset != current_subset:
                if pieces:
                    code.append(f"[{' '.join(pieces)}] TJ")
                    pieces = []
                code.append(f"{font.getSubsetInternalName(subset, canvas._doc)} {_num(size)} Tf")
                current_subset = subset
            pieces.append(f"({canvas._escape(data)})")
            if i + 1 < len(run.text):
                natural = widths.get(ord(char), default) * run.size / 1000 * scale
                wanted = run.xs[i + 1] - run.xs[i]
                adjust = (natural - wanted) * 1000 / (run.size * scale)
                if abs(adjust) > 0.0005:
                    pieces.append(_num(adjust))
        if pieces:
            code.append(f"[{' '.join(pieces)}] TJ")
        code.append("ET")
        canvas._code.append(" ".join(code))


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
